package partnerauth_test

import (
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/partnerauth"
)

func hexOf(b []byte) string { return hex.EncodeToString(b) }

func TestParseHeaders(t *testing.T) {
	t.Parallel()
	sig := "v1=" + strings.Repeat("ab", 32)
	tests := []struct {
		name          string
		id, ts, sig   string
		want          prakerja.Code
		wantAt        time.Time
		wantSignature int
	}{
		{"OKUnix", "pk_abcdefgh", "1767225600", sig, "", time.Unix(1767225600, 0).UTC(), 1},
		{"OKRFC3339", "pk_abcdefgh", "2026-01-01T07:00:00+07:00", sig, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 1},
		{"OKTwo", "pk_abcdefgh", "1", sig + ", " + sig, "", time.Unix(1, 0).UTC(), 2},
		{"OKOtherVersionSkipped", "pk_abcdefgh", "1", "v9=x," + sig, "", time.Unix(1, 0).UTC(), 1},
		{"ErrMissingID", "", "1", sig, prakerja.CodeSignatureMissing, time.Time{}, 0},
		{"ErrMissingTimestamp", "pk_abcdefgh", "", sig, prakerja.CodeSignatureMissing, time.Time{}, 0},
		{"ErrMissingSignature", "pk_abcdefgh", "1", "", prakerja.CodeSignatureMissing, time.Time{}, 0},
		{"ErrBadID", "pk abc def", "1", sig, prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrBadTimestamp", "pk_abcdefgh", "yesterday", sig, prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrHugeUnix", "pk_abcdefgh", "999999999999999", sig, prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrNoV1", "pk_abcdefgh", "1", "v2=" + strings.Repeat("ab", 32), prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrShortHex", "pk_abcdefgh", "1", "v1=abcd", prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrNotHex", "pk_abcdefgh", "1", "v1=" + strings.Repeat("zz", 32), prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrNoEquals", "pk_abcdefgh", "1", strings.Repeat("ab", 32), prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrTooMany", "pk_abcdefgh", "1", strings.Repeat(sig+",", 4) + sig, prakerja.CodeSignatureInvalid, time.Time{}, 0},
		{"ErrTooLong", "pk_abcdefgh", "1", sig + "," + strings.Repeat("x", 600), prakerja.CodeSignatureInvalid, time.Time{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			for k, v := range map[string]string{partnerauth.HeaderKeyID: tc.id, partnerauth.HeaderTimestamp: tc.ts, partnerauth.HeaderSignature: tc.sig} {
				if v != "" {
					h.Set(k, v)
				}
			}
			s, err := partnerauth.ParseHeaders(h)
			if got := prakerja.ErrorCode(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if tc.want == "" && (!s.At.Equal(tc.wantAt) || len(s.Sigs) != tc.wantSignature) {
				t.Fatalf("at %v with %d signatures, want %v with %d", s.At, len(s.Sigs), tc.wantAt, tc.wantSignature)
			}
		})
	}
}

func TestParseHeadersTwice(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Add(partnerauth.HeaderKeyID, "pk_abcdefgh")
	h.Add(partnerauth.HeaderKeyID, "pk_other000")
	h.Set(partnerauth.HeaderTimestamp, "1")
	h.Set(partnerauth.HeaderSignature, "v1="+strings.Repeat("ab", 32))
	if _, err := partnerauth.ParseHeaders(h); prakerja.ErrorCode(err) != prakerja.CodeSignatureInvalid {
		t.Fatalf("two key ids: %v", err)
	}
}

// FuzzParseHeaders: the parser never panics, and whatever it accepts is
// within the limits the verifier relies on.
func FuzzParseHeaders(f *testing.F) {
	f.Add("pk_abcdefgh", "1767225600", "v1="+strings.Repeat("ab", 32))
	f.Add("pk_abcdefgh", "2026-01-01T07:00:00+07:00", "v1="+strings.Repeat("ab", 32)+",v2=x")
	f.Add("", "", "")
	f.Add("pk_\x00", "-1", "v1=,=,,")
	f.Fuzz(func(t *testing.T, id, ts, sig string) {
		h := http.Header{}
		h.Set(partnerauth.HeaderKeyID, id)
		h.Set(partnerauth.HeaderTimestamp, ts)
		h.Set(partnerauth.HeaderSignature, sig)
		s, err := partnerauth.ParseHeaders(h)
		if err != nil {
			if c := prakerja.ErrorCode(err); c != prakerja.CodeSignatureMissing && c != prakerja.CodeSignatureInvalid {
				t.Fatalf("code %q", c)
			}
			return
		}
		if !prakerja.ValidPartnerKeyID(s.KeyID) || len(s.Sigs) == 0 || len(s.Sigs) > partnerauth.SignaturesMax || s.At.IsZero() {
			t.Fatalf("accepted out of bounds: %+v", s)
		}
		for _, b := range s.Sigs {
			if len(b) != prakerja.PartnerSignatureLen {
				t.Fatalf("signature of %d bytes", len(b))
			}
		}
	})
}
