package pii_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

// MustKeyring returns a keyring with fresh keys.
func MustKeyring(tb testing.TB) *pii.Keyring {
	tb.Helper()
	k, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	t.Parallel()
	k := MustKeyring(t)
	tests := []struct {
		name  string
		field prakerja.IndexField
		value string
	}{
		{"NIK", prakerja.IndexNIK, "3171014101900001"},
		{"KK", prakerja.IndexKK, "3171010101200001"},
		{"Phone", prakerja.IndexPhone, "+6281234567890"},
		{"Email", prakerja.IndexEmail, "siti.aminah@example.co.id"},
		{"Empty", prakerja.IndexEmail, ""},
		{"Unicode", prakerja.IndexEmail, "pengguna@contoh.id ✓"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := k.Seal(tt.field, tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if tt.value != "" && bytes.Contains(s.Ciphertext, []byte(tt.value)) {
				t.Fatal("ciphertext contains the plaintext")
			}
			got, err := k.Open(tt.field, s.Ciphertext)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.value {
				t.Fatalf("got %q, want %q", got, tt.value)
			}
		})
	}
}

func TestSealRandomNonce(t *testing.T) {
	t.Parallel()
	k := MustKeyring(t)
	a, _ := k.Seal(prakerja.IndexNIK, "3171014101900001")
	b, _ := k.Seal(prakerja.IndexNIK, "3171014101900001")
	if bytes.Equal(a.Ciphertext, b.Ciphertext) {
		t.Fatal("two seals of one value are equal; nonce reused")
	}
	if !bytes.Equal(a.Index, b.Index) {
		t.Fatal("two indexes of one value differ")
	}
}

func TestOpenRejects(t *testing.T) {
	t.Parallel()
	k := MustKeyring(t)
	const nik = "3171014101900001"
	s, err := k.Seal(prakerja.IndexNIK, nik)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		c := bytes.Clone(s.Ciphertext)
		c[i] ^= 0x01
		return c
	}
	n := len(s.Ciphertext)
	tests := []struct {
		name  string
		field prakerja.IndexField
		ct    []byte
		want  error
	}{
		{"ErrTamperedBody", prakerja.IndexNIK, flip(n - 20), pii.ErrDecrypt},
		{"ErrTamperedTag", prakerja.IndexNIK, flip(n - 1), pii.ErrDecrypt},
		{"ErrTamperedNonce", prakerja.IndexNIK, flip(5), pii.ErrDecrypt},
		{"ErrWrongField", prakerja.IndexPhone, s.Ciphertext, pii.ErrDecrypt},
		{"ErrUnknownKeyID", prakerja.IndexNIK, flip(3), pii.ErrUnknownKey},
		{"ErrVersion", prakerja.IndexNIK, flip(0), pii.ErrMalformed},
		{"ErrTruncated", prakerja.IndexNIK, s.Ciphertext[:10], pii.ErrMalformed},
		{"ErrEmpty", prakerja.IndexNIK, nil, pii.ErrMalformed},
		{"ErrOtherKeyring", prakerja.IndexNIK, mustSeal(t, MustKeyring(t), nik), pii.ErrDecrypt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := k.Open(tt.field, tt.ct)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if got != "" {
				t.Fatalf("got %q on error", got)
			}
			if strings.Contains(err.Error(), nik) {
				t.Fatal("error contains the plaintext")
			}
		})
	}
}

func mustSeal(tb testing.TB, k *pii.Keyring, v string) []byte {
	tb.Helper()
	s, err := k.Seal(prakerja.IndexNIK, v)
	if err != nil {
		tb.Fatal(err)
	}
	return s.Ciphertext
}

func TestSealBytes(t *testing.T) {
	t.Parallel()
	k := MustKeyring(t)
	data := []byte(`{"code":"123456"}`)
	ct, err := k.SealBytes("message_params", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := k.OpenBytes("message_params", ct)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("OpenBytes = %q, %v", got, err)
	}
	t.Run("ErrOtherLabel", func(t *testing.T) {
		t.Parallel()
		if _, err := k.OpenBytes("login_id", ct); !errors.Is(err, pii.ErrDecrypt) {
			t.Fatalf("err = %v, want ErrDecrypt", err)
		}
	})
	t.Run("ErrLabelIsNotField", func(t *testing.T) {
		t.Parallel()
		ct, _ := k.SealBytes("nik", []byte("3171014101900001"))
		if _, err := k.Open(prakerja.IndexNIK, ct); !errors.Is(err, pii.ErrDecrypt) {
			t.Fatalf("err = %v, want ErrDecrypt", err)
		}
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		t.Parallel()
		if _, err := k.SealBytes("x", make([]byte, pii.ValueMax+1)); err == nil {
			t.Fatal("sealed a value over ValueMax")
		}
	})
}

func TestRotation(t *testing.T) {
	t.Parallel()
	kf := pii.NewKeyFile("2025-01")
	old, err := kf.Keyring()
	if err != nil {
		t.Fatal(err)
	}
	const phone = "+6281234567890"
	s1, _ := old.Seal(prakerja.IndexPhone, phone)

	kf.AddKey("2025-07")
	cur, err := kf.Keyring()
	if err != nil {
		t.Fatal(err)
	}
	got, err := cur.Open(prakerja.IndexPhone, s1.Ciphertext)
	if err != nil || got != phone {
		t.Fatalf("old ciphertext under new keyring: %q, %v", got, err)
	}
	s2, _ := cur.Seal(prakerja.IndexPhone, phone)
	for _, c := range []struct {
		ct   []byte
		want string
	}{{s1.Ciphertext, "2025-01"}, {s2.Ciphertext, "2025-07"}} {
		if id, err := cur.KeyID(c.ct); err != nil || id != c.want {
			t.Fatalf("KeyID = %q, %v; want %q", id, err, c.want)
		}
	}
	if cur.ActiveKeyID() != "2025-07" {
		t.Fatalf("active = %q", cur.ActiveKeyID())
	}
	if !bytes.Equal(s1.Index, s2.Index) {
		t.Fatal("index changed with an encryption-key rotation")
	}
	if _, err := old.Open(prakerja.IndexPhone, s2.Ciphertext); !errors.Is(err, pii.ErrUnknownKey) {
		t.Fatalf("old keyring opened a new-key ciphertext: %v", err)
	}
}
