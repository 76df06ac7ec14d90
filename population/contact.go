package population

import (
	"strconv"
	"strings"
)

// emailDomain is a mail provider and its weight among Indonesian
// registrants (an approximation).
type emailDomain struct {
	domain string
	w      int
}

var emailDomains = []emailDomain{
	{"gmail.com", 640}, {"yahoo.co.id", 110}, {"yahoo.com", 100},
	{"ymail.com", 30}, {"hotmail.com", 35}, {"outlook.com", 35},
	{"rocketmail.com", 15}, {"icloud.com", 20}, {"outlook.co.id", 15},
}

var emailDomainWeights = func() []int {
	w := make([]int, len(emailDomains))
	for i, d := range emailDomains {
		w[i] = d.w
	}
	return w
}()

// email derives an ASCII, lower-case address from the name and ends the
// local part in the contact id. The id makes it unique (the part before it
// has no digits, so the digits are the id) and keeps it from being a real
// person's address by chance; extra attempts use ids no person has.
func email(seed uint64, name string, id uint64) string {
	r := newStream(seed, domEmail, id)
	words := emailWords(name)
	var b strings.Builder
	b.Grow(len(name) + 32)
	switch {
	case len(words) == 0:
		b.WriteString("user")
	case len(words) == 1:
		b.WriteString(words[0])
	default:
		first, last := words[0], words[len(words)-1]
		if r.perMille(150) {
			first, last = last, first
		}
		b.WriteString(first)
		if sep := r.intn(4); sep < 3 {
			b.WriteByte(".._"[sep])
		}
		b.WriteString(last)
	}
	b.WriteString(strconv.FormatUint(id, 10))
	b.WriteByte('@')
	b.WriteString(emailDomains[weighted(&r, emailDomainWeights)].domain)
	return b.String()
}

// emailWords transliterates the name to ASCII letters and drops particles
// of one or two letters ("I", "Ni", "La", "da") unless nothing else is
// left, as for "Ai".
func emailWords(name string) []string {
	var out, short []string
	for _, w := range strings.Fields(name) {
		switch a := asciiFold(w); {
		case len(a) > 2:
			out = append(out, a)
		case a != "":
			short = append(short, a)
		}
	}
	if len(out) == 0 {
		return short
	}
	return out
}

// asciiFold lower-cases w, strips accents and drops everything that is not
// a–z (apostrophes included): "Nur'aini" → "nuraini", "Mahéndra" →
// "mahendra".
func asciiFold(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, c := range w {
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			c = foldAccent(c)
			if c == 0 {
				continue
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

func foldAccent(c rune) rune {
	switch c {
	case 'á', 'à', 'â', 'ä', 'Á', 'À', 'Â', 'Ä':
		return 'a'
	case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï', 'Í', 'Ì', 'Î', 'Ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'ö', 'Ó', 'Ò', 'Ô', 'Ö':
		return 'o'
	case 'ú', 'ù', 'û', 'ü', 'Ú', 'Ù', 'Û', 'Ü':
		return 'u'
	case 'ñ', 'Ñ':
		return 'n'
	case 'ç', 'Ç':
		return 'c'
	}
	return 0
}

// mobilePrefix is an Indonesian mobile prefix (after +62), the length of
// the subscriber number that follows it, and its weight, roughly each
// operator's market share.
type mobilePrefix struct {
	prefix string
	digits int
	w      int
}

// mobilePrefixes: Telkomsel 811–813, 821–823, 851–853; Indosat 814–816,
// 855–858; XL 817–819, 859, 877–878; Axis 831–833, 838; Smartfren 881–889;
// Tri 895–899. Numbers are 10–12 digits after +62.
var mobilePrefixes = []mobilePrefix{
	{"811", 8, 30}, {"812", 8, 100}, {"813", 8, 80}, {"821", 8, 60},
	{"822", 8, 70}, {"823", 8, 40}, {"851", 8, 20}, {"852", 8, 60},
	{"853", 8, 40},
	{"814", 8, 10}, {"815", 8, 20}, {"816", 8, 20}, {"855", 8, 20},
	{"856", 8, 50}, {"857", 8, 50}, {"858", 8, 30},
	{"817", 7, 6}, {"818", 7, 6}, {"819", 8, 40}, {"859", 8, 20},
	{"877", 8, 40}, {"878", 8, 40},
	{"831", 8, 10}, {"832", 8, 10}, {"833", 8, 10}, {"838", 8, 10},
	{"881", 9, 5}, {"882", 9, 5}, {"883", 9, 5}, {"884", 9, 5},
	{"885", 9, 5}, {"886", 9, 5}, {"887", 9, 5}, {"888", 9, 5},
	{"889", 9, 5},
	{"895", 9, 20}, {"896", 9, 20}, {"897", 9, 15}, {"898", 9, 15},
	{"899", 9, 10},
}

// prefixOf maps id mod the total weight to a prefix and its first rank.
var prefixTotal, prefixOf, prefixStart = func() (int, []uint8, []int) {
	total := 0
	for _, p := range mobilePrefixes {
		total += p.w
	}
	of := make([]uint8, total)
	start := make([]int, len(mobilePrefixes))
	at := 0
	for i, p := range mobilePrefixes {
		start[i] = at
		for j := 0; j < p.w; j++ {
			of[at] = uint8(i)
			at++
		}
	}
	return total, of, start
}()

var pow10 = [...]uint64{1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000}

// contactLimit bounds contact ids: every person slot plus one per attempt.
// contactBits is the (even) width of the permutation that scrambles them.
const (
	contactLimit = personSlots + MaxAttempts
	contactBits  = 28
)

// phoneOf maps a contact id to an E.164 number, injectively. The id is
// first scrambled (a bijection on contactBits bits) so that neighbouring
// ids get unrelated operators; the result picks a prefix (weighted) and a
// rank among the values of that prefix, and the rank goes through a keyed
// affine bijection mod 10^digits. Tests check that every prefix's ranks fit.
func (p *Population) phoneOf(id uint64) string {
	x := p.phone.apply(id)
	slot := int(x % uint64(prefixTotal))
	pi := prefixOf[slot]
	mp := mobilePrefixes[pi]
	rank := x/uint64(prefixTotal)*uint64(mp.w) + uint64(slot-prefixStart[pi])
	mod := pow10[mp.digits]
	h := key(p.seed, domPhone, uint64(pi), 0)
	a := (h%(mod/10))*10 + [4]uint64{1, 3, 7, 9}[h>>62] // coprime with 10
	sub := (a%mod*rank + h>>20) % mod
	var b [16]byte
	n := copy(b[:], "+62")
	n += copy(b[n:], mp.prefix)
	for i := mp.digits - 1; i >= 0; i-- {
		b[n+i] = byte('0' + sub%10)
		sub /= 10
	}
	return string(b[:n+mp.digits])
}

// phoneCapacityOK reports whether every prefix's highest rank fits its
// subscriber digits for every scrambled id below 2^contactBits.
func phoneCapacityOK() bool {
	if contactLimit > 1<<contactBits {
		return false
	}
	rounds := uint64(1<<contactBits)/uint64(prefixTotal) + 1
	for _, p := range mobilePrefixes {
		if rounds*uint64(p.w) > pow10[p.digits] {
			return false
		}
	}
	return true
}
