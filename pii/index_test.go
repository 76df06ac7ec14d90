package pii_test

import (
	"bytes"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

func TestIndexStable(t *testing.T) {
	t.Parallel()
	kf := pii.NewKeyFile("k1")
	a, _ := kf.Keyring()
	kf.AddKey("k2")
	b, _ := kf.Keyring()
	tests := []struct {
		name   string
		field  prakerja.IndexField
		v1, v2 string
	}{
		{"SameNIK", prakerja.IndexNIK, "3171014101900001", "3171014101900001"},
		{"EmailCase", prakerja.IndexEmail, "Siti@Example.ID", "siti@example.id"},
		{"Spaces", prakerja.IndexPhone, " +6281234567890 ", "+6281234567890"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !bytes.Equal(a.Index(tt.field, tt.v1), b.Index(tt.field, tt.v2)) {
				t.Fatal("indexes differ")
			}
			if len(a.Index(tt.field, tt.v1)) != 32 {
				t.Fatal("index is not 32 bytes")
			}
		})
	}
}

func TestIndexSeparation(t *testing.T) {
	t.Parallel()
	k := MustKeyring(t)
	const v = "3171014101900001" // a valid NIK and a plausible KK
	seen := map[string]prakerja.IndexField{}
	for _, f := range []prakerja.IndexField{prakerja.IndexNIK, prakerja.IndexKK, prakerja.IndexPhone, prakerja.IndexEmail} {
		idx := string(k.Index(f, v))
		if other, ok := seen[idx]; ok {
			t.Fatalf("index of %s equals index of %s", f, other)
		}
		seen[idx] = f
	}
	if bytes.Equal(k.Index(prakerja.IndexNIK, v), MustKeyring(t).Index(prakerja.IndexNIK, v)) {
		t.Fatal("two index keys give one index")
	}
	if bytes.Equal(k.Index(prakerja.IndexNIK, v), k.Index(prakerja.IndexNIK, "3171014101900002")) {
		t.Fatal("two NIKs give one index")
	}
}

func TestHMAC(t *testing.T) {
	t.Parallel()
	k := MustKeyring(t)
	tests := []struct {
		name string
		a, b []byte
		same bool
	}{
		{"Stable", k.HMAC("otp", []byte("123456")), k.HMAC("otp", []byte("123456")), true},
		{"PurposeSeparates", k.HMAC("otp", []byte("123456")), k.HMAC("session", []byte("123456")), false},
		{"LengthPrefixed", k.HMAC("otp", []byte("ab"), []byte("c")), k.HMAC("otp", []byte("a"), []byte("bc")), false},
		{"NotIndex", k.HMAC("index", []byte("nik\x003171014101900001")), k.Index(prakerja.IndexNIK, "3171014101900001"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := bytes.Equal(tt.a, tt.b); got != tt.same {
				t.Fatalf("equal = %v, want %v", got, tt.same)
			}
		})
	}
}

func BenchmarkSealIndex(b *testing.B) {
	k := MustKeyring(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Seal(prakerja.IndexNIK, "3171014101900001"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen(b *testing.B) {
	k := MustKeyring(b)
	s, _ := k.Seal(prakerja.IndexNIK, "3171014101900001")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Open(prakerja.IndexNIK, s.Ciphertext); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIndex(b *testing.B) {
	k := MustKeyring(b)
	b.ReportAllocs()
	for b.Loop() {
		k.Index(prakerja.IndexEmail, "siti.aminah@example.co.id")
	}
}
