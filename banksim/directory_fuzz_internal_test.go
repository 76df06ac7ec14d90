package banksim

import (
	"bytes"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
)

// quotedData finds what an error must not quote: a run of digits (an
// account, a phone number, a NIK) or of hex (a NIK's hash).
var quotedData = regexp.MustCompile(`[0-9]{9,}|[0-9a-f]{16,}`)

// FuzzReadDirectory reads any directory file: a refusal is a short error
// that quotes no account, phone or hash; an accepted directory saves and
// loads back to the same accounts.
func FuzzReadDirectory(f *testing.F) {
	head := "provider,account,nik_sha256,holder_name,kyc,closed\n"
	hash := DirectoryNIKHash("3171010501900001")
	for _, s := range []string{
		head + "BNI,0123456789," + hash + ",Budi Santoso,false,false\n",
		head + "OVO,+6281234567890,,\"Siti \"\"Ani\"\"\",true,false\n",
		head + "BNI,0123456789,,A,false,false\nBNI,0123456789,,B,false,true\n",
		head + "bni,0123456789,,A,false,false\n", head + "BNI,0123456789," + hash[:63] + ",A,0,1\n",
		head + "BNI,0123456789,,A,yes,false\n", head + "BNI,\"0123\n456789\",,A,false,false\n",
		"provider,account\n", "", head + "BNI,1,,A,false\n", head + "BNI,1,,\x01,false,false\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readDirectory(bytes.NewReader(data))
		if err != nil {
			if msg := err.Error(); len(msg) > 200 || quotedData.MatchString(msg) {
				t.Fatalf("error quotes the file or is too long: %s", msg)
			}
			return
		}
		if d.Len() > bytes.Count(data, []byte{'\n'})+1 {
			t.Fatalf("%d accounts from %d lines", d.Len(), bytes.Count(data, []byte{'\n'})+1)
		}
		path := filepath.Join(t.TempDir(), "directory.csv")
		if err := d.Save(path); err != nil {
			t.Fatal(err)
		}
		again, err := LoadDirectory(path)
		if err != nil {
			t.Fatalf("saved directory is refused: %v", err)
		}
		if !reflect.DeepEqual(d.accounts, again.accounts) {
			t.Fatalf("round trip changed the directory:\n%v\n%v", d.accounts, again.accounts)
		}
	})
}
