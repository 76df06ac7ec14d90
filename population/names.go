package population

import "strings"

// culture is a naming tradition. A family takes one from its home province
// (loosely: Bali is mostly Balinese, North Sumatra mostly Batak, Jakarta a
// mix), and every member is named in it.
type culture uint8

const (
	javanese culture = iota
	sundanese
	batak
	minang
	muslim // Arabic-derived names: Aceh, Malay, Betawi, Madura, Banjar, Sasak, Gorontalo…
	bugis
	balinese
	chinese // Chinese-Indonesian
	minahasa
	maluku
	papuan
	nusaTenggara
	numCultures
)

type cultureShare struct {
	c culture
	w int
}

// provinceCultures are rough shares of naming traditions per province: a
// loose regional flavour, not ethnographic data.
var provinceCultures = map[string][]cultureShare{
	"11": {{muslim, 85}, {javanese, 10}, {batak, 5}},
	"12": {{batak, 50}, {muslim, 20}, {javanese, 20}, {chinese, 8}, {minang, 2}},
	"13": {{minang, 90}, {javanese, 5}, {batak, 3}, {chinese, 2}},
	"14": {{muslim, 40}, {minang, 20}, {javanese, 20}, {batak, 12}, {chinese, 8}},
	"15": {{muslim, 50}, {javanese, 30}, {minang, 12}, {chinese, 8}},
	"16": {{muslim, 65}, {javanese, 27}, {chinese, 5}, {sundanese, 3}},
	"17": {{muslim, 60}, {javanese, 25}, {minang, 10}, {sundanese, 5}},
	"18": {{javanese, 60}, {muslim, 25}, {sundanese, 12}, {balinese, 3}},
	"19": {{muslim, 60}, {chinese, 30}, {javanese, 10}},
	"21": {{muslim, 40}, {javanese, 20}, {chinese, 15}, {batak, 12}, {minang, 8}, {bugis, 5}},
	"31": {{javanese, 35}, {muslim, 20}, {sundanese, 15}, {chinese, 10}, {batak, 8}, {minang, 6}, {bugis, 3}, {minahasa, 2}, {maluku, 1}},
	"32": {{sundanese, 75}, {javanese, 12}, {muslim, 8}, {chinese, 3}, {batak, 2}},
	"33": {{javanese, 90}, {muslim, 7}, {chinese, 3}},
	"34": {{javanese, 93}, {muslim, 4}, {chinese, 3}},
	"35": {{javanese, 75}, {muslim, 20}, {chinese, 5}},
	"36": {{sundanese, 45}, {muslim, 35}, {javanese, 15}, {chinese, 5}},
	"51": {{balinese, 88}, {javanese, 8}, {muslim, 4}},
	"52": {{muslim, 90}, {balinese, 6}, {javanese, 4}},
	"53": {{nusaTenggara, 93}, {muslim, 5}, {bugis, 2}},
	"61": {{muslim, 55}, {chinese, 20}, {javanese, 15}, {nusaTenggara, 5}, {bugis, 5}},
	"62": {{muslim, 55}, {javanese, 30}, {chinese, 5}, {batak, 5}, {nusaTenggara, 5}},
	"63": {{muslim, 80}, {javanese, 15}, {bugis, 5}},
	"64": {{javanese, 35}, {muslim, 30}, {bugis, 25}, {chinese, 5}, {nusaTenggara, 5}},
	"65": {{muslim, 35}, {bugis, 30}, {javanese, 20}, {nusaTenggara, 10}, {chinese, 5}},
	"71": {{minahasa, 75}, {muslim, 15}, {chinese, 5}, {bugis, 5}},
	"72": {{muslim, 45}, {bugis, 35}, {javanese, 10}, {balinese, 5}, {minahasa, 5}},
	"73": {{bugis, 85}, {muslim, 10}, {chinese, 3}, {javanese, 2}},
	"74": {{bugis, 70}, {muslim, 20}, {javanese, 7}, {balinese, 3}},
	"75": {{muslim, 85}, {bugis, 10}, {javanese, 5}},
	"76": {{bugis, 80}, {muslim, 15}, {javanese, 5}},
	"81": {{maluku, 70}, {muslim, 25}, {bugis, 5}},
	"82": {{muslim, 60}, {maluku, 30}, {bugis, 10}},
	"91": {{papuan, 65}, {javanese, 15}, {bugis, 10}, {maluku, 5}, {nusaTenggara, 5}},
	"92": {{papuan, 65}, {javanese, 15}, {bugis, 10}, {maluku, 5}, {nusaTenggara, 5}},
	"93": {{papuan, 55}, {javanese, 25}, {bugis, 10}, {maluku, 5}, {nusaTenggara, 5}},
	"94": {{papuan, 70}, {javanese, 10}, {bugis, 10}, {maluku, 5}, {nusaTenggara, 5}},
	"95": {{papuan, 85}, {javanese, 5}, {bugis, 5}, {nusaTenggara, 5}},
	"96": {{papuan, 60}, {javanese, 15}, {bugis, 10}, {maluku, 10}, {nusaTenggara, 5}},
}

var defaultCultures = []cultureShare{{javanese, 50}, {muslim, 50}}

// surnames lists the family names of traditions that pass one down.
var surnames = [numCultures][]string{
	batak:        batakMarga,
	chinese:      chineseSurnames,
	minahasa:     minahasaFam,
	maluku:       malukuFam,
	papuan:       papuanFam,
	nusaTenggara: nusaTenggaraFam,
}

// naming is what a family's members' names share.
type naming struct {
	c        culture
	province string
	father   string // surname of the father and the children
	mother   string // the mother's own surname
	shared   string // a second name used as a family name by some Javanese and Sundanese families
}

func newNaming(r *stream, province string) naming {
	shares, ok := provinceCultures[province]
	if !ok {
		shares = defaultCultures
	}
	w := make([]int, len(shares))
	for i, s := range shares {
		w[i] = s.w
	}
	n := naming{c: shares[weighted(r, w)].c, province: province}
	if list := surnames[n.c]; list != nil {
		n.father = pick(r, list)
		n.mother = pick(r, list)
		for n.mother == n.father {
			n.mother = pick(r, list)
		}
	}
	switch n.c {
	case javanese:
		if r.perMille(250) {
			n.shared = pick(r, javaneseSecondMale)
		}
	case sundanese:
		if r.perMille(200) {
			n.shared = pick(r, sundaneseSecondMale)
		}
	}
	return n
}

// name returns one member's full name. order is the birth order among the
// family's children (0 = eldest), used by Balinese names.
func (n *naming) name(r *stream, male bool, role Role, age, order int) string {
	var p parts
	switch n.c {
	case javanese:
		n.twoPart(r, &p, male, role, age, javaneseMale, javaneseFemale, javaneseSecondMale, javaneseSecondFemale, 550)
	case sundanese:
		n.twoPart(r, &p, male, role, age, sundaneseMale, sundaneseFemale, sundaneseSecondMale, sundaneseSecondFemale, 600)
	case minang:
		n.twoPart(r, &p, male, role, age, minangMale, minangFemale, muslimSecondMale, muslimSecondFemale, 300)
		if r.perMille(200) {
			p.add(pick(r, minangSuku))
		}
	case muslim:
		n.muslimName(r, &p, male, age)
	case bugis:
		n.bugisName(r, &p, male, age)
	case balinese:
		balineseName(r, &p, male, role, order)
	default:
		n.surnameName(r, &p, male, role)
	}
	return p.join()
}

// twoPart builds "Given [Second]" names; the shared family second name goes
// to the father and the children.
func (n *naming) twoPart(r *stream, p *parts, male bool, role Role, age int, gm, gf, sm, sf []string, secondPerMille int) {
	p.add(givenName(r, male, age, gm, gf))
	second := ""
	switch {
	case n.shared != "" && (role == RoleChild || male):
		second = n.shared
	case r.perMille(secondPerMille):
		if r.perMille(modernPerMille(age) * 8 / 10) {
			sm, sf = modernSecondMale, modernSecondFemale
		}
		second = pick(r, sexed(male, sm, sf))
	}
	if !male && second != "" && r.perMille(100) {
		// Three-part names such as "Dewi Sartika Mahéndra".
		p.add(pick(r, sf))
	}
	p.add(second)
}

func (n *naming) muslimName(r *stream, p *parts, male bool, age int) {
	switch {
	case n.province == "11" && r.perMille(80):
		p.add(sexedString(male, "Teuku", "Cut"))
	case n.province == "52" && r.perMille(100):
		p.add(sexedString(male, "Lalu", "Baiq"))
	}
	if r.perMille(250) {
		p.add(sexedString(male, "Muhammad", "Siti"))
	}
	p.add(givenName(r, male, age, muslimMale, muslimFemale))
	if r.perMille(500) {
		p.add(pick(r, sexed(male, muslimSecondMale, muslimSecondFemale)))
	}
}

func (n *naming) bugisName(r *stream, p *parts, male bool, age int) {
	switch {
	case n.province == "74" && r.perMille(200):
		p.add(sexedString(male, "La Ode", "Wa Ode"))
	case r.perMille(150):
		p.add("Andi")
	}
	if r.perMille(300) {
		p.add(pick(r, sexed(male, muslimMale, muslimFemale)))
	} else {
		p.add(givenName(r, male, age, bugisMale, bugisFemale))
	}
	if r.perMille(350) {
		p.add(pick(r, sexed(male, muslimSecondMale, muslimSecondFemale)))
	}
}

// balineseName: "I Made Suardana", "Ni Luh Putu Ayu Lestari". Parents get
// a random birth order; children their real one.
func balineseName(r *stream, p *parts, male bool, role Role, order int) {
	if role != RoleChild {
		order = r.intn(len(balineseOrder))
	}
	if male {
		p.add("I")
	} else {
		p.add("Ni")
		if r.perMille(500) {
			p.add("Luh")
		}
	}
	p.add(pick(r, balineseOrder[order%len(balineseOrder)]))
	p.add(pick(r, sexed(male, balineseMale, balineseFemale)))
}

// surnameName: a given name and the family's surname; a wife keeps her
// own, children take their father's.
func (n *naming) surnameName(r *stream, p *parts, male bool, role Role) {
	var gm, gf []string
	local := 0
	switch n.c {
	case batak:
		gm, gf, local = batakMale, batakFemale, 550
	case chinese:
		gm, gf, local = chineseMale, chineseFemale, 700
	case papuan:
		gm, gf, local = papuanMale, papuanFemale, 500
	}
	if local > 0 && r.perMille(local) {
		p.add(pick(r, sexed(male, gm, gf)))
	} else {
		p.add(pick(r, sexed(male, christianMale, christianFemale)))
		if r.perMille(250) {
			p.add(pick(r, sexed(male, christianMale, christianFemale)))
		}
	}
	if !male && role != RoleChild {
		p.add(n.mother)
	} else {
		p.add(n.father)
	}
}

// givenName prefers names in fashion since the 1990s for the young.
func givenName(r *stream, male bool, age int, gm, gf []string) string {
	if r.perMille(modernPerMille(age)) {
		return pick(r, sexed(male, modernMale, modernFemale))
	}
	return pick(r, sexed(male, gm, gf))
}

// modernPerMille is how often someone of this age has a name in fashion
// since the 1990s.
func modernPerMille(age int) int {
	switch {
	case age < 18:
		return 750
	case age < 30:
		return 450
	case age < 40:
		return 150
	}
	return 0
}

func sexed(male bool, m, f []string) []string {
	if male {
		return m
	}
	return f
}

func sexedString(male bool, m, f string) string {
	if male {
		return m
	}
	return f
}

// parts collects name parts, skipping empty ones and immediate repeats
// ("Muhammad Muhammad").
type parts struct {
	p [6]string
	n int
}

func (p *parts) add(s string) {
	if s == "" || p.n == len(p.p) || p.n > 0 && p.p[p.n-1] == s {
		return
	}
	p.p[p.n] = s
	p.n++
}

func (p *parts) join() string { return strings.Join(p.p[:p.n], " ") }
