package population_test

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/population"
)

func TestAttempts_Deterministic(t *testing.T) {
	t.Parallel()
	a := population.Attempts(testSeed, 5_000, population.Options{})
	if !reflect.DeepEqual(a, attempts()[:5_000]) {
		t.Fatal("Attempts(n) is not deterministic or not a prefix of Attempts(n+k)")
	}
}

func TestAttempts_Shares(t *testing.T) {
	t.Parallel()
	kinds := map[string]int{}
	for _, a := range attempts() {
		kinds[a.Kind]++
	}
	n := len(attempts())
	bad := n - kinds[population.KindValid] - kinds[population.KindDuplicateNIK] - kinds[population.KindDuplicateEmail] - kinds[population.KindDuplicatePhone]
	dup := kinds[population.KindDuplicateNIK] + kinds[population.KindDuplicateEmail] + kinds[population.KindDuplicatePhone]
	if perMille := bad * 1000 / n; perMille < 20 || perMille > 40 {
		t.Errorf("bad attempts %d‰, want about 30‰", perMille)
	}
	if perMille := dup * 1000 / n; perMille < 5 || perMille > 15 {
		t.Errorf("duplicates %d‰, want about 10‰", perMille)
	}
	for _, k := range []string{
		population.KindNIKTypo, population.KindBirthDateMismatch, population.KindEmailInvalid,
		population.KindPhoneInvalid, population.KindKKSerialZero, population.KindNameEmpty,
		population.KindNameDigits, population.KindDuplicateNIK, population.KindDuplicateEmail,
		population.KindDuplicatePhone,
	} {
		if kinds[k] == 0 {
			t.Errorf("no attempt of kind %s in %d", k, n)
		}
	}
	t.Logf("%d attempts: %v", n, kinds)

	none := population.Attempts(testSeed, 2_000, population.Options{BadPerMille: -1, DuplicatePerMille: -1})
	for _, a := range none {
		if a.Kind != population.KindValid {
			t.Fatalf("negative shares still produced a %s attempt", a.Kind)
		}
	}
}

func TestAttempts_ValidAreValid(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i, a := range attempts() {
		if a.Kind != population.KindValid {
			continue
		}
		in := a.Input
		if a.Want != population.WantOK || a.Original != -1 {
			t.Fatalf("%d: valid attempt wants %q, original %d", i, a.Want, a.Original)
		}
		born, err := time.Parse("2006-01-02", in.BirthDate)
		if err != nil {
			t.Fatalf("%d: birth date %q: %v", i, in.BirthDate, err)
		}
		if _, err := nik.Check(in.NIK, born, in.Sex, ref); err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if _, err := nik.ParseKK(in.KK, ref); err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if !nik.IsCurrentDistrict(in.DomicileDistrict) {
			t.Fatalf("%d: domicile %q", i, in.DomicileDistrict)
		}
		if age := population.AgeOn(born, ref); age < population.MinRegistrantAge || age > population.MaxRegistrantAge {
			t.Fatalf("%d: registrant aged %d", i, age)
		}
		for _, k := range []string{"nik:" + in.NIK, "email:" + in.Email, "phone:" + in.Phone} {
			if seen[k] {
				t.Fatalf("%d: %s used by two valid attempts", i, k)
			}
			seen[k] = true
		}
	}
}

// TestAttempts_BadAreBad checks each bad attempt against its label; NIK-
// and KK-level ones are checked with the nik package itself.
func TestAttempts_BadAreBad(t *testing.T) {
	t.Parallel()
	for i, a := range attempts() {
		in := a.Input
		switch a.Kind {
		case population.KindValid, population.KindDuplicateNIK, population.KindDuplicateEmail, population.KindDuplicatePhone:
			continue
		}
		if a.Want != string(prakerja.CodeInvalid) || a.Field == "" {
			t.Fatalf("%d: %s wants %q on field %q", i, a.Kind, a.Want, a.Field)
		}
		born, _ := time.Parse("2006-01-02", in.BirthDate)
		switch a.Kind {
		case population.KindNIKTypo, population.KindBirthDateMismatch:
			_, err := nik.Check(in.NIK, born, in.Sex, ref)
			if err == nil || prakerja.ErrorCode(err) != a.Detail {
				t.Fatalf("%d: %s: nik.Check(%s, %s) = %v, want %s", i, a.Kind, in.NIK, in.BirthDate, err, a.Detail)
			}
		case population.KindKKSerialZero:
			if _, err := nik.ParseKK(in.KK, ref); prakerja.ErrorCode(err) != prakerja.CodeKKSerialZero {
				t.Fatalf("%d: ParseKK(%s) = %v", i, in.KK, err)
			}
		case population.KindEmailInvalid:
			at := strings.Count(in.Email, "@")
			if at == 1 && !strings.Contains(in.Email, " ") && !strings.HasSuffix(in.Email, "@") {
				t.Fatalf("%d: e-mail %q looks valid", i, in.Email)
			}
		case population.KindPhoneInvalid:
			if phoneRE.MatchString(in.Phone) {
				t.Fatalf("%d: phone %q looks valid", i, in.Phone)
			}
		case population.KindNameEmpty:
			if strings.TrimSpace(in.FullName) != "" {
				t.Fatalf("%d: name %q is not empty", i, in.FullName)
			}
		case population.KindNameDigits:
			if !strings.ContainsFunc(in.FullName, unicode.IsDigit) {
				t.Fatalf("%d: name %q has no digit", i, in.FullName)
			}
		default:
			t.Fatalf("%d: unknown kind %q", i, a.Kind)
		}
		if a.Kind != population.KindNIKTypo && a.Kind != population.KindBirthDateMismatch {
			if _, err := nik.Check(in.NIK, born, in.Sex, ref); err != nil {
				t.Fatalf("%d: %s must break only %s, but the NIK fails: %v", i, a.Kind, a.Field, err)
			}
		}
	}
}

// TestAttempts_Order: duplicates follow their originals, and an attempt
// built on a registrant comes before that registrant's valid attempt.
func TestAttempts_Order(t *testing.T) {
	t.Parallel()
	all := attempts()
	validAt := map[population.PersonID]int{}
	for i, a := range all {
		if a.Kind == population.KindValid {
			validAt[a.Person] = i
		}
	}
	for i, a := range all {
		if a.Kind == population.KindValid {
			continue
		}
		if a.Kind == population.KindDuplicateNIK || a.Kind == population.KindDuplicateEmail || a.Kind == population.KindDuplicatePhone {
			if a.Original < 0 || a.Original >= i || all[a.Original].Want != population.WantOK {
				t.Fatalf("%d: %s refers to attempt %d", i, a.Kind, a.Original)
			}
			o := all[a.Original].Input
			switch a.Kind {
			case population.KindDuplicateNIK:
				if a.Input.NIK != o.NIK || a.Input.Email == o.Email || a.Input.Phone == o.Phone || a.Want != string(prakerja.CodeNIKTaken) {
					t.Fatalf("%d: duplicate NIK %+v of %+v", i, a.Input, o)
				}
				continue
			case population.KindDuplicateEmail:
				if a.Input.Email != o.Email || a.Input.NIK == o.NIK || a.Input.Phone == o.Phone || a.Want != string(prakerja.CodeEmailTaken) {
					t.Fatalf("%d: duplicate e-mail %+v of %+v", i, a.Input, o)
				}
			case population.KindDuplicatePhone:
				if a.Input.Phone != o.Phone || a.Input.NIK == o.NIK || a.Input.Email == o.Email || a.Want != string(prakerja.CodePhoneTaken) {
					t.Fatalf("%d: duplicate phone %+v of %+v", i, a.Input, o)
				}
			}
		}
		if v, ok := validAt[a.Person]; ok && v < i {
			t.Fatalf("%d: %s for person %d comes after their valid attempt %d", i, a.Kind, a.Person, v)
		}
	}
}

// TestAttempts_FreshContacts: a duplicate NIK's new e-mail and phone are
// nobody's, so the NIK is the only conflict.
func TestAttempts_FreshContacts(t *testing.T) {
	t.Parallel()
	used := map[string]int{}
	for _, a := range attempts() {
		if a.Kind != population.KindDuplicateNIK {
			used[a.Input.Email]++
			used[a.Input.Phone]++
		}
	}
	for i, a := range attempts() {
		if a.Kind == population.KindDuplicateNIK && (used[a.Input.Email] > 0 || used[a.Input.Phone] > 0) {
			t.Fatalf("%d: duplicate NIK reuses contact %s / %s", i, a.Input.Email, a.Input.Phone)
		}
	}
}
