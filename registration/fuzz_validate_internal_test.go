package registration

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
)

// fuzzNow is the reference day of the validation fuzz targets.
var fuzzNow = time.Date(2026, time.January, 15, 3, 0, 0, 0, time.UTC)

// longDigits finds what could be a NIK, a KK or a phone number.
var longDigits = regexp.MustCompile(`[0-9]{8,}`)

// checkRefusal checks a validation error: code invalid, every field error
// on a known field with a code, and no message quoting a value (a long
// run of digits, or any of the personal values given).
func checkRefusal(t *testing.T, err error, fields string, values ...string) {
	t.Helper()
	if prakerja.ErrorCode(err) != prakerja.CodeInvalid || len(prakerja.ErrorFields(err)) == 0 {
		t.Fatalf("got %v, want invalid with field errors", err)
	}
	for _, fe := range prakerja.ErrorFields(err) {
		if !strings.Contains(" "+fields+" ", " "+fe.Field+" ") || fe.Code == "" || longDigits.MatchString(fe.Message) {
			t.Fatalf("field error %+v", fe)
		}
		own := ownWords(fe.Message)
		for _, v := range values {
			if v = strings.TrimSpace(v); len(v) >= 6 && strings.Contains(own, v) {
				t.Fatalf("message %q quotes the input", fe.Message)
			}
		}
	}
}

// ownWords is a message without its fixed example ("e.g. nama@contoh.id."),
// which an input may happen to contain without being quoted.
func ownWords(msg string) string {
	if i := strings.Index(msg, "e.g. "); i >= 0 {
		return msg[:i]
	}
	return msg
}

// FuzzValidate runs the registration checks the API's POST
// /api/v1/registrations body goes through: a refusal names only known
// fields and quotes nothing; an accepted input is canonical, so
// validating its canonical form again gives the same result.
func FuzzValidate(f *testing.F) {
	for _, p := range population.Generate(2020, 3, population.Options{Ref: fuzzNow}) {
		f.Add(p.FullName, p.Email, p.Phone, p.NIK, p.KK, p.BirthDate.Format(time.DateOnly), p.Sex, p.DomicileDistrict, "")
		f.Add(" "+p.FullName, strings.ToUpper(p.Email), "0"+p.Phone[3:], p.NIK+" ", p.KK, p.BirthDate.Format(time.DateOnly), "m", strings.ReplaceAll(p.DomicileDistrict, ".", ""), "lost_job")
	}
	f.Add("", "", "", "", "", "", "", "", "x")
	f.Add("Budi 3171010501900001", "a@b", "+62", "3171010501900001", "3171010501900001", "2099-01-01", "X", "99.99.99", "none")
	fields := "full_name email phone nik kk birth_date sex domicile_district work_impact"
	f.Fuzz(func(t *testing.T, name, email, phone, nikv, kk, birth, sex, district, impact string) {
		in := prakerja.RegisterInput{FullName: name, Email: email, Phone: phone, NIK: nikv, KK: kk, BirthDate: birth,
			Sex: sex, DomicileDistrict: district, WorkImpact: impact}
		out, err := validate(in, fuzzNow)
		if err != nil {
			checkRefusal(t, err, fields, email, phone, nikv, kk)
			return
		}
		again, err := validate(prakerja.RegisterInput{FullName: out.FullName, Email: out.Email, Phone: out.Phone, NIK: out.NIK,
			KK: out.KK, BirthDate: out.BirthDate.Format(time.DateOnly), Sex: out.Sex, DomicileDistrict: out.DomicileDistrict,
			WorkImpact: string(out.WorkImpact)}, fuzzNow)
		if err != nil || *again != *out {
			t.Fatalf("canonical form %+v validates as %+v, %v", out, again, err)
		}
	})
}

// FuzzValidateLookups runs the checks of the two public NIK forms, the
// dispute and the status check, with the same properties.
func FuzzValidateLookups(f *testing.F) {
	f.Add("3171010501900001", "Budi Santoso", "081234567890", "Nomor saya dipakai orang lain untuk mendaftar.", "1990-01-05")
	f.Add(" 3171 0105 0190 0001 ", "", "", "", "05-01-1990")
	f.Add("317101050190000", "B", "+6281", strings.Repeat("x", 5000), "1990-02-30")
	f.Fuzz(func(t *testing.T, nikv, name, phone, statement, birth string) {
		if _, err := validateDispute(DisputeInput{NIK: nikv, FullName: name, Phone: phone, Statement: statement}, fuzzNow); err != nil {
			checkRefusal(t, err, "nik full_name phone statement", nikv, phone)
		}
		n, b, err := validateStatusCheck(StatusCheckInput{NIK: nikv, BirthDate: birth}, fuzzNow)
		if err != nil {
			checkRefusal(t, err, "nik birth_date", nikv)
			return
		}
		if strings.Join(strings.Fields(nikv), "") != n || strings.TrimSpace(birth) != b {
			t.Fatalf("status check gave %q %q", n, b)
		}
	})
}
