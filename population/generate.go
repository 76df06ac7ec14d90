package population

import (
	"strconv"
	"time"
)

// Share of the people eligible for an old code (living in a district carved
// out of Papua or Papua Barat, born before the split) whose NIK still
// carries the retired code.
const (
	retiredPerMille = 600
	splitYear       = 2022
	// kkEarliestYear bounds KK registration dates: family cards of the
	// computerised system, not colonial-era papers.
	kkEarliestYear = 1990
)

// Per-thousand chances that an adult's NIK was issued outside the home
// district; children move less.
const (
	adultOtherProvincePerMille = 50
	adultSameRegencyPerMille   = 150
	childSameRegencyPerMille   = 50
)

// Population is a seeded synthetic population. It holds no people, only
// what is needed to build any of them on demand, so it is cheap to create
// and safe for concurrent use.
type Population struct {
	seed  uint64
	opts  Options
	perm  permutation // family index → family slot
	phone permutation // contact id → scrambled contact id, for phone numbers
	atlas *atlas
}

// New returns the population for seed and opts.
func New(seed uint64, opts Options) *Population {
	return &Population{
		seed:  seed,
		opts:  opts.normalize(),
		perm:  newPermutation(seed, domFeistel, familyBits),
		phone: newPermutation(seed, domPhoneID, contactBits),
		atlas: theAtlas(),
	}
}

// Ref returns the reference date in use: Options.Ref as a UTC midnight.
func (p *Population) Ref() time.Time { return p.opts.Ref }

// Generate returns the first n people of the population for seed: whole
// families in index order, the last one possibly cut short. It panics if n
// is negative or above MaxPersons.
func Generate(seed uint64, n int, opts Options) []Person { return New(seed, opts).People(n) }

// PersonAt returns the person with the given ID, or false if that slot of
// the family is empty. It builds only that person's family.
func PersonAt(seed uint64, id PersonID, opts Options) (Person, bool) {
	return New(seed, opts).Person(id)
}

// People is Generate on p.
func (p *Population) People(n int) []Person {
	if n < 0 || n > MaxPersons {
		panic("population: n must be 0–" + strconv.Itoa(MaxPersons) + ", got " + strconv.Itoa(n))
	}
	out := make([]Person, 0, n+MaxMembers)
	for f := 0; len(out) < n; f++ {
		_, out = p.build(f, out)
	}
	return out[:n:n]
}

// Person returns the person with the given ID, or false if that slot of
// the family is empty or id is out of range.
func (p *Population) Person(id PersonID) (Person, bool) {
	if id < 0 || id >= personSlots {
		return Person{}, false
	}
	var buf [MaxMembers]Person
	fam, _ := p.build(id.Family(), buf[:0])
	if id.Member() >= len(fam.Members) {
		return Person{}, false
	}
	return fam.Members[id.Member()], true
}

// Family returns family f (0 ≤ f < MaxFamilies); it panics outside that.
func (p *Population) Family(f int) Family {
	fam, _ := p.build(f, nil)
	return fam
}

// build generates family f, appending its members to dst. Everything is
// drawn from one stream keyed by (seed, f), in a fixed order, so a family
// never depends on another.
func (p *Population) build(f int, dst []Person) (Family, []Person) {
	if f < 0 || f >= MaxFamilies {
		panic("population: family index out of range: " + strconv.Itoa(f))
	}
	v := p.perm.apply(uint64(f))
	h := p.atlas.locate(v)
	d := &p.atlas.districts[h]
	l := v - d.start
	r := newStream(p.seed, domFamily, uint64(f))
	plans := planFamily(&r)
	nm := newNaming(&r, d.province)
	fam := Family{Index: f, District: d.code}
	fam.KK, fam.KKDate = p.kk(&r, h, l, plans[0].age)
	start, order := len(dst), 0
	for m, pl := range plans {
		dst = append(dst, p.member(&r, &nm, &fam, h, l, m, pl, order))
		if pl.role == RoleChild {
			order++
		}
	}
	fam.Members = dst[start:len(dst):len(dst)]
	return fam, dst
}

// kk numbers family slot l of district h. The registration date falls
// between the head's 19th birthday year (or kkEarliestYear) and Ref.
func (p *Population) kk(r *stream, h int, l uint64, headAge int) (string, time.Time) {
	d := &p.atlas.districts[h]
	doy, serial := kkDay(p.seed, int32(h), l, blocksFor(d.size))
	month, day := monthDay(doy)
	ref := p.opts.Ref
	lo := min(max(ref.Year()-headAge+19, kkEarliestYear), ref.Year())
	date := dateOnOrBefore(r.between(lo, ref.Year()), month, day, ref)
	return number(d.digits, day, month, date.Year(), serial), date
}

// member builds member m of the family living in district h at slot l.
func (p *Population) member(r *stream, nm *naming, fam *Family, h int, l uint64, m int, pl memberPlan, order int) Person {
	o := drawOrigin(r, pl)
	keepOld := r.perMille(retiredPerMille)
	eff := int32(h)
	if o != originNative {
		eff = p.atlas.districts[h].moveTo[o]
	}
	ed := &p.atlas.districts[eff]
	home := &p.atlas.districts[h]
	doy, serial := nikDay(p.seed, eff, o, uint64(m)*home.size+l, blocksFor(home.size*MaxMembers))
	month, day := monthDay(doy)
	birth := birthDate(pl.age, month, day, p.opts.Ref)

	code, digits, retired := ed.code, ed.digits, false
	if ed.retired != "" && birth.Year() < splitYear && keepOld {
		code, digits, retired = ed.retired, codeDigits(ed.retired), true
	}
	sex, dd := "M", day
	if !pl.male {
		sex, dd = "F", day+40
	}
	id := NewPersonID(fam.Index, m)
	name := nm.name(r, pl.male, pl.role, pl.age, order)
	citizen, occupation := p.civil(id, pl.male, pl.age)
	return Person{
		ID:               id,
		FamilyIndex:      fam.Index,
		Member:           m,
		Role:             pl.role,
		FullName:         name,
		NIK:              number(digits, dd, month, birth.Year(), serial),
		KK:               fam.KK,
		BirthDate:        birth,
		Age:              pl.age,
		Sex:              sex,
		Email:            email(p.seed, name, uint64(id)),
		Phone:            p.phoneOf(uint64(id)),
		DomicileDistrict: fam.District,
		BirthDistrict:    code,
		Origin:           originNames[o],
		RetiredCode:      retired,
		Registrant:       MinRegistrantAge <= pl.age && pl.age <= MaxRegistrantAge,
		Citizen:          citizen,
		Occupation:       occupation,
	}
}

// drawOrigin always consumes one draw, so later draws do not shift with
// the member's role.
func drawOrigin(r *stream, pl memberPlan) origin {
	x := r.intn(1000)
	if pl.age < MinRegistrantAge {
		if x < childSameRegencyPerMille {
			return originSameRegency
		}
		return originNative
	}
	switch {
	case x < adultOtherProvincePerMille:
		return originOtherProvince
	case x < adultOtherProvincePerMille+adultSameRegencyPerMille:
		return originSameRegency
	}
	return originNative
}
