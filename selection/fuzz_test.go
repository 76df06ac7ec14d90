package selection

import (
	"bytes"
	"testing"
)

// FuzzReadSnapshot checks that the parser never panics and that whatever
// it accepts is canonical: writing it back gives the input byte for byte,
// so one applicant set has exactly one snapshot file and one digest.
func FuzzReadSnapshot(f *testing.F) {
	snap, _, err := Synthetic(20, 2, 1)
	if err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	snap.WriteTo(&b)
	f.Add(b.Bytes())
	f.Add([]byte(snapshotHeader + "\n"))
	f.Add([]byte(snapshotHeader + "\na0000000000000000000000000000001,b0000000000000000000000000000001,31.71.01.1001,0,0,age_below_minimum;excluded_group\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := ReadSnapshot(bytes.NewReader(in))
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %v is no *Error", err)
			}
			return
		}
		var out bytes.Buffer
		s.WriteTo(&out)
		if !bytes.Equal(out.Bytes(), in) {
			t.Fatalf("accepted a non-canonical snapshot:\n%q\nwrites back as\n%q", in, out.Bytes())
		}
	})
}
