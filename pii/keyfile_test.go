package pii_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

func TestGenerateDevKeyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := pii.GenerateDevKeyFile(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Fatalf("mode = %o, want 600", perm)
	}
	before, _ := os.ReadFile(path)
	if err := pii.GenerateDevKeyFile(path); err == nil {
		t.Fatal("overwrote an existing key file")
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("key file changed")
	}
	k, err := pii.LoadKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := k.Seal(prakerja.IndexEmail, "a@b.id")
	if got, err := k.Open(prakerja.IndexEmail, s.Ciphertext); err != nil || got != "a@b.id" {
		t.Fatalf("round trip = %q, %v", got, err)
	}
}

func TestFromEnv(t *testing.T) {
	t.Parallel()
	data, _ := json.Marshal(pii.NewKeyFile("k1"))
	tests := []struct {
		name  string
		value string
		ok    bool
	}{
		{"OKJSON", string(data), true},
		{"OKBase64", base64.StdEncoding.EncodeToString(data), true},
		{"OKPadded", "\n  " + string(data) + "\n", true},
		{"ErrEmpty", "  ", false},
		{"ErrNotBase64", "not*base64", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := pii.FromEnv(tt.value)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestLoadKeyringRejects(t *testing.T) {
	t.Parallel()
	good := pii.NewKeyFile("k1")
	key := good.EncryptionKeys["k1"]
	short := base64.StdEncoding.EncodeToString(make([]byte, 16))
	tests := []struct {
		name string
		kf   pii.KeyFile
	}{
		{"ErrNoKeys", pii.KeyFile{Active: "k1", IndexKey: good.IndexKey}},
		{"ErrActiveMissing", pii.KeyFile{Active: "k2", EncryptionKeys: map[string]string{"k1": key}, IndexKey: good.IndexKey}},
		{"ErrShortKey", pii.KeyFile{Active: "k1", EncryptionKeys: map[string]string{"k1": short}, IndexKey: good.IndexKey}},
		{"ErrNoIndexKey", pii.KeyFile{Active: "k1", EncryptionKeys: map[string]string{"k1": key}}},
		{"ErrSameKeys", pii.KeyFile{Active: "k1", EncryptionKeys: map[string]string{"k1": key}, IndexKey: key}},
		{"ErrBadKeyID", pii.KeyFile{Active: "k 1", EncryptionKeys: map[string]string{"k 1": key}, IndexKey: good.IndexKey}},
		{"ErrLongKeyID", pii.KeyFile{Active: strings.Repeat("k", 33), EncryptionKeys: map[string]string{strings.Repeat("k", 33): key}, IndexKey: good.IndexKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, _ := json.Marshal(tt.kf)
			_, err := pii.LoadKeyring(data)
			if err == nil {
				t.Fatal("loaded a bad key file")
			}
			if strings.Contains(err.Error(), key) || strings.Contains(err.Error(), good.IndexKey) {
				t.Fatal("error contains key material")
			}
		})
	}
	t.Run("ErrUnknownField", func(t *testing.T) {
		t.Parallel()
		if _, err := pii.LoadKeyring([]byte(`{"activ":"k1"}`)); err == nil {
			t.Fatal("accepted an unknown field")
		}
	})
}
