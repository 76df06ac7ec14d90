package registration_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

func TestRegisterValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name  string
		edit  func(in *prakerja.RegisterInput)
		field string
		code  prakerja.Code
	}{
		{"ErrNameRequired", func(in *prakerja.RegisterInput) { in.FullName = "  \t " }, "full_name", prakerja.CodeRequired},
		{"ErrNameTooLong", func(in *prakerja.RegisterInput) { in.FullName = strings.Repeat("Ayu ", 26) }, "full_name", prakerja.CodeTooLong},
		{"ErrNameDigits", func(in *prakerja.RegisterInput) { in.FullName = "Budi 2" }, "full_name", prakerja.CodeBadFormat},
		{"ErrNameSymbols", func(in *prakerja.RegisterInput) { in.FullName = "Budi <script>" }, "full_name", prakerja.CodeBadFormat},
		{"ErrNamePunctuationOnly", func(in *prakerja.RegisterInput) { in.FullName = ". -'" }, "full_name", prakerja.CodeBadFormat},
		{"ErrEmailRequired", func(in *prakerja.RegisterInput) { in.Email = "" }, "email", prakerja.CodeRequired},
		{"ErrEmailTooLong", func(in *prakerja.RegisterInput) { in.Email = strings.Repeat("a", 250) + "@x.id" }, "email", prakerja.CodeTooLong},
		{"ErrEmailNoAt", func(in *prakerja.RegisterInput) { in.Email = "siti.example.id" }, "email", prakerja.CodeBadFormat},
		{"ErrEmailDisplayName", func(in *prakerja.RegisterInput) { in.Email = "Siti <siti@example.id>" }, "email", prakerja.CodeBadFormat},
		{"ErrEmailDotlessDomain", func(in *prakerja.RegisterInput) { in.Email = "siti@localhost" }, "email", prakerja.CodeBadFormat},
		{"ErrPhoneRequired", func(in *prakerja.RegisterInput) { in.Phone = " " }, "phone", prakerja.CodeRequired},
		{"ErrPhoneLandline", func(in *prakerja.RegisterInput) { in.Phone = "021-3456-7890" }, "phone", prakerja.CodeBadFormat},
		{"ErrPhoneTollFree", func(in *prakerja.RegisterInput) { in.Phone = "0800-123-4567" }, "phone", prakerja.CodeBadFormat},
		{"ErrPhoneTooShort", func(in *prakerja.RegisterInput) { in.Phone = "0812-345-67" }, "phone", prakerja.CodeBadFormat},
		{"ErrPhoneTooLong", func(in *prakerja.RegisterInput) { in.Phone = "0812-3456-7890-12" }, "phone", prakerja.CodeBadFormat},
		{"ErrPhoneForeign", func(in *prakerja.RegisterInput) { in.Phone = "+60 12-345 6789" }, "phone", prakerja.CodeBadFormat},
		{"ErrPhoneLetters", func(in *prakerja.RegisterInput) { in.Phone = "0812-CALL-ME" }, "phone", prakerja.CodeBadFormat},
		{"ErrNIKRequired", func(in *prakerja.RegisterInput) { in.NIK = "" }, "nik", prakerja.CodeRequired},
		{"ErrNIKFormat", func(in *prakerja.RegisterInput) { in.NIK = "31710157089500" }, "nik", prakerja.CodeNIKFormat},
		{"ErrNIKRegionUnknown", func(in *prakerja.RegisterInput) { in.NIK = "9999995708950001" }, "nik", prakerja.CodeNIKRegionUnknown},
		{"ErrNIKBirthDateInvalid", func(in *prakerja.RegisterInput) { in.NIK = "3171017213950001" }, "nik", prakerja.CodeNIKBirthDateInvalid},
		{"ErrNIKSerialZero", func(in *prakerja.RegisterInput) { in.NIK = "3171015708950000" }, "nik", prakerja.CodeNIKSerialZero},
		{"ErrNIKBirthDateMismatch", func(in *prakerja.RegisterInput) { in.BirthDate = "1995-08-18" }, "nik", prakerja.CodeNIKBirthDateMismatch},
		{"ErrNIKSexMismatch", func(in *prakerja.RegisterInput) { in.Sex = "M" }, "nik", prakerja.CodeNIKSexMismatch},
		{"ErrKKRequired", func(in *prakerja.RegisterInput) { in.KK = "" }, "kk", prakerja.CodeRequired},
		{"ErrKKFormat", func(in *prakerja.RegisterInput) { in.KK = "31710112031500A7" }, "kk", prakerja.CodeKKFormat},
		{"ErrKKRegionUnknown", func(in *prakerja.RegisterInput) { in.KK = "9999991203150007" }, "kk", prakerja.CodeKKRegionUnknown},
		{"ErrKKDateInvalid", func(in *prakerja.RegisterInput) { in.KK = "3171013202150007" }, "kk", prakerja.CodeKKDateInvalid},
		{"ErrKKSerialZero", func(in *prakerja.RegisterInput) { in.KK = "3171011203150000" }, "kk", prakerja.CodeKKSerialZero},
		{"ErrBirthDateRequired", func(in *prakerja.RegisterInput) { in.BirthDate = "" }, "birth_date", prakerja.CodeRequired},
		{"ErrBirthDateFormat", func(in *prakerja.RegisterInput) { in.BirthDate = "17-08-1995" }, "birth_date", prakerja.CodeBadFormat},
		{"ErrBirthDateNotReal", func(in *prakerja.RegisterInput) { in.BirthDate = "1995-02-30" }, "birth_date", prakerja.CodeBadFormat},
		{"ErrBirthDateFuture", func(in *prakerja.RegisterInput) { in.BirthDate = "2026-03-11" }, "birth_date", prakerja.CodeBadValue},
		{"ErrBirthDateAncient", func(in *prakerja.RegisterInput) { in.BirthDate = "1895-08-17" }, "birth_date", prakerja.CodeBadValue},
		{"ErrSexRequired", func(in *prakerja.RegisterInput) { in.Sex = "" }, "sex", prakerja.CodeRequired},
		{"ErrSexBadValue", func(in *prakerja.RegisterInput) { in.Sex = "P" }, "sex", prakerja.CodeBadValue},
		{"ErrDistrictRequired", func(in *prakerja.RegisterInput) { in.DomicileDistrict = "" }, "domicile_district", prakerja.CodeRequired},
		{"ErrDistrictUnknown", func(in *prakerja.RegisterInput) { in.DomicileDistrict = "99.99.99" }, "domicile_district", prakerja.CodeUnknownRegion},
		{"ErrDistrictRetired", func(in *prakerja.RegisterInput) { in.DomicileDistrict = "91.01.01" }, "domicile_district", prakerja.CodeUnknownRegion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := person()
			tt.edit(&in)
			_, err := e.svc.Register(context.Background(), in, prakerja.Client{})
			wantCode(t, err, prakerja.CodeInvalid)
			fields := prakerja.ErrorFields(err)
			if len(fields) != 1 || fields[0].Field != tt.field || fields[0].Code != tt.code {
				t.Fatalf("fields = %+v, want one %s/%s", fields, tt.field, tt.code)
			}
			if fields[0].Message == "" {
				t.Fatal("field error has no message")
			}
			wantNoPersonalData(t, err, in)
		})
	}
}

func TestRegisterValidationAllFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	in := prakerja.RegisterInput{FullName: "R2D2", Email: "x", Phone: "12", NIK: "1", KK: "2", BirthDate: "soon", Sex: "X", DomicileDistrict: "00"}
	_, err := e.svc.Register(context.Background(), in, prakerja.Client{})
	wantCode(t, err, prakerja.CodeInvalid)
	got := map[string]bool{}
	for _, f := range prakerja.ErrorFields(err) {
		if got[f.Field] {
			t.Fatalf("field %s reported twice", f.Field)
		}
		got[f.Field] = true
	}
	for _, f := range []string{"full_name", "email", "phone", "nik", "kk", "birth_date", "sex", "domicile_district"} {
		if !got[f] {
			t.Errorf("field %s not reported", f)
		}
	}
	wantNoPersonalData(t, err, in)
}

func TestRegisterValidationAccepts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name      string
		edit      func(in *prakerja.RegisterInput)
		wantName  string
		wantPhone string // "" = not checked
	}{
		{"Apostrophes", func(in *prakerja.RegisterInput) { in.FullName = "  Siti   Nur'aini  " }, "Siti Nur'aini", ""},
		{"DotHyphen", func(in *prakerja.RegisterInput) { in.FullName = "Muh. Al-Fatih" }, "Muh. Al-Fatih", ""},
		{"Balinese", func(in *prakerja.RegisterInput) { in.FullName = "Ni Luh Putu Ayu" }, "Ni Luh Putu Ayu", ""},
		{"NFC", func(in *prakerja.RegisterInput) { in.FullName = "Rene\u0301 Sae\u0301" }, "Ren\u00e9 Sa\u00e9", ""},
		{"NonLatin", func(in *prakerja.RegisterInput) { in.FullName = "ꦱꦶꦠꦶ Siti" }, "ꦱꦶꦠꦶ Siti", ""},
		{"Phone628", func(in *prakerja.RegisterInput) { in.Phone = "62 813 0000 1111" }, "Siti Nur’aini", "+6281300001111"},
		{"PhonePlus", func(in *prakerja.RegisterInput) { in.Phone = "+62-857-0000-2222" }, "Siti Nur’aini", "+6285700002222"},
		{"PhoneShortOld", func(in *prakerja.RegisterInput) { in.Phone = "0811-234-567" }, "Siti Nur’aini", "+62811234567"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := person()
			tt.edit(&in)
			r := e.register(t, in)
			if r.FullName != tt.wantName {
				t.Fatalf("name = %q, want %q", r.FullName, tt.wantName)
			}
			if tt.wantPhone != "" && r.Phone != tt.wantPhone {
				t.Fatalf("phone = %q, want %q", r.Phone, tt.wantPhone)
			}
		})
	}
}

// wantNoPersonalData fails if any text of err holds a personal value of in.
func wantNoPersonalData(t *testing.T, err error, in prakerja.RegisterInput) {
	t.Helper()
	texts := []string{err.Error(), prakerja.ErrorMessage(err)}
	for _, f := range prakerja.ErrorFields(err) {
		texts = append(texts, f.Message)
	}
	values := []string{in.NIK, in.KK, in.Email, strings.ToLower(in.Email), in.Phone}
	if p := strings.NewReplacer("-", "", " ", "").Replace(in.Phone); len(p) > 3 {
		values = append(values, p, "+62"+p[1:])
	}
	for _, text := range texts {
		for _, v := range values {
			if len(v) >= 4 && strings.Contains(text, v) {
				t.Fatalf("error text %q contains personal data", text)
			}
		}
	}
}
