package population

import (
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// Attempt kinds. Each bad kind breaks exactly one field, so the expected
// outcome is unambiguous whatever order the service checks fields in.
const (
	KindValid             = "valid"
	KindNIKTypo           = "nik_typo"            // one digit of 1–12 changed: unknown region, impossible date or a date ≠ the stated one
	KindBirthDateMismatch = "birth_date_mismatch" // stated birth date ≠ the NIK's
	KindEmailInvalid      = "email_invalid"
	KindPhoneInvalid      = "phone_invalid"
	KindKKSerialZero      = "kk_serial_zero"
	KindNameEmpty         = "name_empty"
	KindNameDigits        = "name_digits"
	KindDuplicateNIK      = "duplicate_nik"   // an earlier registrant again, new e-mail and phone
	KindDuplicateEmail    = "duplicate_email" // a new registrant with an earlier one's e-mail
	KindDuplicatePhone    = "duplicate_phone" // a new registrant with an earlier one's phone
)

// WantOK is Attempt.Want for an attempt that must succeed.
const WantOK = "ok"

// badKinds are drawn uniformly for bad attempts.
var badKinds = []string{
	KindNIKTypo, KindBirthDateMismatch, KindEmailInvalid, KindPhoneInvalid,
	KindKKSerialZero, KindNameEmpty, KindNameDigits,
}

var duplicateKinds = []string{KindDuplicateNIK, KindDuplicateEmail, KindDuplicatePhone}

// Attempt is one registration the demo sends through the real API, with
// the outcome it must get.
type Attempt struct {
	Input prakerja.RegisterInput
	// Want is WantOK or the expected error code: "invalid", "nik_taken",
	// "email_taken" or "phone_taken".
	Want string
	Kind string
	// Field is the input field a bad attempt breaks (JSON name), "" else.
	Field string
	// Detail is the nik package's code for NIK/KK-level faults (e.g.
	// nik_birth_date_mismatch), "" for the others.
	Detail prakerja.Code
	// Person is whose data the attempt is built from.
	Person PersonID
	// Original is the index in the slice of the earlier attempt whose NIK,
	// e-mail or phone a duplicate reuses; -1 for the other kinds.
	Original int
}

// Attempts returns n registration attempts for the population of seed, in
// sending order: one valid attempt per registrant (families in index order)
// and, for some registrants, a bad attempt or a duplicate placed just
// before their valid one (see Options). A duplicate always comes after the
// original it copies, and a bad or duplicate attempt built on a registrant
// comes before that registrant's own valid attempt, so no earlier success
// can change its expected outcome. It panics if n is negative or above
// MaxAttempts.
func Attempts(seed uint64, n int, opts Options) []Attempt { return New(seed, opts).Attempts(n) }

// Attempts is the package-level Attempts on p.
func (p *Population) Attempts(n int) []Attempt {
	if n < 0 || n > MaxAttempts {
		panic("population: n must be 0–" + strconv.Itoa(MaxAttempts) + ", got " + strconv.Itoa(n))
	}
	b := attemptBuilder{p: p, out: make([]Attempt, 0, n), n: n}
	var buf []Person
	for f := 0; len(b.out) < n; f++ {
		_, buf = p.build(f, buf[:0])
		for i := range buf {
			if buf[i].Registrant {
				b.registrant(&buf[i])
			}
		}
	}
	return b.out
}

type attemptBuilder struct {
	p     *Population
	out   []Attempt
	n     int
	valid []int // indexes in out of valid attempts
}

func (b *attemptBuilder) room() bool { return len(b.out) < b.n }

func (b *attemptBuilder) registrant(pr *Person) {
	r := newStream(b.p.seed, domAttempt, uint64(pr.ID))
	in := b.p.input(pr)
	if len(b.valid) > 0 && r.perMille(b.p.opts.DuplicatePerMille) && b.room() {
		b.duplicate(&r, pr, in)
	}
	if r.perMille(b.p.opts.BadPerMille) && b.room() {
		if a, ok := b.p.bad(&r, pr, in, pick(&r, badKinds)); ok {
			b.out = append(b.out, a)
		}
	}
	if b.room() {
		b.valid = append(b.valid, len(b.out))
		b.out = append(b.out, Attempt{Input: in, Want: WantOK, Kind: KindValid, Person: pr.ID, Original: -1})
	}
}

// duplicate reuses an earlier valid attempt: its NIK (with fresh contact
// details no one has), or its e-mail or phone on this not yet registered
// person.
func (b *attemptBuilder) duplicate(r *stream, pr *Person, in prakerja.RegisterInput) {
	orig := b.valid[r.intn(len(b.valid))]
	o := b.out[orig].Input
	a := Attempt{Person: pr.ID, Original: orig}
	switch a.Kind = pick(r, duplicateKinds); a.Kind {
	case KindDuplicateNIK:
		contact := uint64(personSlots + len(b.out))
		a.Input = o
		a.Input.Email = email(b.p.seed, o.FullName, contact)
		a.Input.Phone = b.p.phoneOf(contact)
		a.Person, a.Want, a.Field = b.out[orig].Person, string(prakerja.CodeNIKTaken), "nik"
	case KindDuplicateEmail:
		a.Input = in
		a.Input.Email = o.Email
		a.Want, a.Field = string(prakerja.CodeEmailTaken), "email"
	case KindDuplicatePhone:
		a.Input = in
		a.Input.Phone = o.Phone
		a.Want, a.Field = string(prakerja.CodePhoneTaken), "phone"
	}
	b.out = append(b.out, a)
}

// input is a person's correct registration.
func (p *Population) input(pr *Person) prakerja.RegisterInput {
	return prakerja.RegisterInput{
		FullName:         pr.FullName,
		Email:            pr.Email,
		Phone:            pr.Phone,
		NIK:              pr.NIK,
		KK:               pr.KK,
		BirthDate:        pr.BirthDate.Format(dateLayout),
		Sex:              pr.Sex,
		DomicileDistrict: pr.DomicileDistrict,
	}
}

const dateLayout = "2006-01-02"

// bad breaks one field of in. It is false only if no NIK typo could be
// found that the nik package rejects, which the digit search makes
// practically impossible.
func (p *Population) bad(r *stream, pr *Person, in prakerja.RegisterInput, kind string) (Attempt, bool) {
	a := Attempt{Input: in, Want: string(prakerja.CodeInvalid), Kind: kind, Person: pr.ID, Original: -1}
	switch kind {
	case KindNIKTypo:
		nikTypo, code, ok := p.nikTypo(r, pr)
		if !ok {
			return Attempt{}, false
		}
		a.Input.NIK, a.Field, a.Detail = nikTypo, "nik", code
	case KindBirthDateMismatch:
		a.Input.BirthDate, a.Field = p.shiftedBirthDate(r, pr).Format(dateLayout), "birth_date"
		a.Detail = prakerja.CodeNIKBirthDateMismatch
	case KindEmailInvalid:
		a.Input.Email, a.Field = breakEmail(r, in.Email), "email"
	case KindPhoneInvalid:
		a.Input.Phone, a.Field = breakPhone(r, in.Phone), "phone"
	case KindKKSerialZero:
		a.Input.KK, a.Field, a.Detail = in.KK[:12]+"0000", "kk", prakerja.CodeKKSerialZero
	case KindNameEmpty:
		a.Input.FullName, a.Field = pick(r, []string{"", " ", "   "}), "full_name"
	case KindNameDigits:
		a.Input.FullName, a.Field = nameWithDigits(r, in.FullName), "full_name"
	}
	return a, true
}

// nikTypo changes one digit among digits 1–12 (region and date: a serial
// typo is undetectable) and keeps the first variant nik.Check rejects
// against the stated birth date and sex.
func (p *Population) nikTypo(r *stream, pr *Person) (string, prakerja.Code, bool) {
	const tries = 12 * 9
	start := r.intn(tries)
	b := []byte(pr.NIK)
	for i := 0; i < tries; i++ {
		k := (start + i*7) % tries // 7 is coprime with 108: visits all
		pos, delta := k/9, byte(k%9+1)
		old := b[pos]
		b[pos] = '0' + (old-'0'+delta)%10
		s := string(b)
		b[pos] = old
		if _, err := nik.Check(s, pr.BirthDate, pr.Sex, p.opts.Ref); err != nil {
			return s, prakerja.ErrorCode(err), true
		}
	}
	return "", "", false
}

// shiftedBirthDate moves the birth date 1–27 days into the past, keeping
// it plausible but different from the NIK's.
func (p *Population) shiftedBirthDate(r *stream, pr *Person) time.Time {
	return pr.BirthDate.AddDate(0, 0, -r.between(1, 27))
}

func breakEmail(r *stream, e string) string {
	at := strings.IndexByte(e, '@')
	switch r.intn(4) {
	case 0:
		return e[:at] + e[at+1:] // no @
	case 1:
		return e[:at] + "@@" + e[at+1:]
	case 2:
		return e[:at/2] + " " + e[at/2:] // a space in the local part
	default:
		return e[:at+1] // no domain
	}
}

func breakPhone(r *stream, ph string) string {
	switch r.intn(3) {
	case 0:
		return ph[:7] // +62 and four digits
	case 1:
		return ph + "0123456" // over E.164's 15 digits
	default:
		return ph[:len(ph)-3] + "x1y"
	}
}

func nameWithDigits(r *stream, name string) string {
	if r.perMille(500) {
		return name + " " + strconv.Itoa(r.between(2, 9))
	}
	// Replace one letter with a look-alike digit: "Budi" → "Bud1".
	b := []byte(name)
	for i := len(b) - 1; i >= 0; i-- {
		switch b[i] {
		case 'i', 'l':
			b[i] = '1'
			return string(b)
		case 'o':
			b[i] = '0'
			return string(b)
		case 'a':
			b[i] = '4'
			return string(b)
		}
	}
	return name + "2"
}
