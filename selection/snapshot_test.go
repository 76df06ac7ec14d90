package selection

import (
	"bytes"
	"strings"
	"testing"
)

// TestSnapshotRoundTrip writes a synthetic snapshot, reads it back and
// writes it again: the bytes must not change.
func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	snap, _ := mustSynthetic(t, 5000, 400)
	var a bytes.Buffer
	if _, err := snap.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSnapshot(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatalf("ReadSnapshot: %s", describe(err))
	}
	var b bytes.Buffer
	back.WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the snapshot changed on a round trip")
	}
	if d1, _ := snap.Digest(); d1 != sha256Hex(a.Bytes()) {
		t.Fatal("Digest is not the SHA-256 of the written file")
	}
}

// TestReadSnapshotErrors checks that each malformed line is refused with
// its line number and code.
func TestReadSnapshotErrors(t *testing.T) {
	t.Parallel()
	const (
		p1 = "a0000000000000000000000000000001"
		p2 = "a0000000000000000000000000000002"
		f1 = "b0000000000000000000000000000001"
	)
	hdr := snapshotHeader + "\n"
	ok := p1 + "," + f1 + ",31.71,1,1,\n"
	tests := []struct {
		name string
		in   string
		line int64
		code Code
	}{
		{"Empty", "", 1, CodeSnapshotLine},
		{"BadHeader", "pseudonym,family\n", 1, CodeSnapshotLine},
		{"CRLF", snapshotHeader + "\r\n", 1, CodeSnapshotLine},
		{"FewFields", hdr + p1 + "," + f1 + ",31,1,1\n", 2, CodeSnapshotLine},
		{"ManyFields", hdr + p1 + "," + f1 + ",31,1,1,,x\n", 2, CodeSnapshotLine},
		{"UpperHex", hdr + strings.ToUpper(p1) + "," + f1 + ",31,1,1,\n", 2, CodeSnapshotLine},
		{"ShortFamily", hdr + p1 + ",b0,31,1,1,\n", 2, CodeSnapshotLine},
		{"BadRegion", hdr + p1 + "," + f1 + ",3,1,1,\n", 2, CodeSnapshotLine},
		{"BadRegionDots", hdr + p1 + "," + f1 + ",31..71,1,1,\n", 2, CodeSnapshotLine},
		{"BadTier", hdr + p1 + "," + f1 + ",31,x,1,\n", 2, CodeSnapshotLine},
		{"BadEligible", hdr + p1 + "," + f1 + ",31,1,yes,\n", 2, CodeSnapshotLine},
		{"EligibleWithReason", hdr + p1 + "," + f1 + ",31,1,1,age_below_minimum\n", 2, CodeSnapshotLine},
		{"IneligibleNoReason", hdr + p1 + "," + f1 + ",31,1,0,\n", 2, CodeSnapshotLine},
		{"BadReason", hdr + p1 + "," + f1 + ",31,1,0,Age\n", 2, CodeSnapshotLine},
		{"NoFinalLF", hdr + strings.TrimSuffix(ok, "\n"), 2, CodeSnapshotLine},
		{"Duplicate", hdr + ok + ok, 3, CodeSnapshotOrder},
		{"Unsorted", hdr + p2 + "," + f1 + ",31,1,1,\n" + ok, 3, CodeSnapshotOrder},
		{"BlankLine", hdr + ok + "\n", 3, CodeSnapshotLine},
		{"TooLong", hdr + strings.Repeat("a", SnapshotLineMax) + "\n", 2, CodeSnapshotLine},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadSnapshot(strings.NewReader(tc.in))
			e, isErr := err.(*Error)
			if !isErr || e.Line != tc.line || e.Code != tc.code || e.File != FileSnapshot {
				t.Fatalf("got %s, want line %d code %s", describe(err), tc.line, tc.code)
			}
			if !strings.Contains(err.Error(), "snapshot.csv line ") {
				t.Fatalf("message %q names no line", err)
			}
		})
	}
}

func TestNewSnapshotRefusesDuplicates(t *testing.T) {
	t.Parallel()
	_, err := NewSnapshot([]Applicant{app(1, 1, "31", 1), app(1, 2, "32", 1)})
	if errCode(err) != CodeSnapshotOrder {
		t.Fatalf("got %s, want %s", describe(err), CodeSnapshotOrder)
	}
}

func TestQuotasValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		q    Quotas
		ok   bool
	}{
		{"OK", Quotas{Wave: "2020-1", Total: 10, Regions: map[string]int{"31": 5, "32.01": 5}}, true},
		{"NationalOnly", Quotas{Wave: "w", Total: 10}, true},
		{"Nested", Quotas{Wave: "w", Total: 10, Regions: map[string]int{"31": 5, "31.71": 5}}, false},
		{"OverTotal", Quotas{Wave: "w", Total: 9, Regions: map[string]int{"31": 5, "32": 5}}, false},
		{"BadRegion", Quotas{Wave: "w", Total: 9, Regions: map[string]int{"3": 5}}, false},
		{"NegativeSeats", Quotas{Wave: "w", Total: 9, Regions: map[string]int{"31": -1}}, false},
		{"BadWave", Quotas{Wave: "w 1", Total: 9}, false},
		{"PerKKTooHigh", Quotas{Wave: "w", Total: 9, PerKK: PerKKMax + 1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.q.Validate()
			if (err == nil) != tc.ok || (err != nil && errCode(err) != CodeQuotasInvalid) {
				t.Fatalf("Validate = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestParseQuotasRoundTrip(t *testing.T) {
	t.Parallel()
	_, q := mustSynthetic(t, 1000, 100)
	back, err := ParseQuotas(q.MarshalCanonical())
	if err != nil || !bytes.Equal(back.MarshalCanonical(), q.MarshalCanonical()) {
		t.Fatalf("ParseQuotas(MarshalCanonical) = %v, %v", back, err)
	}
	if _, err := ParseQuotas([]byte(`{"wave":"w","total":1,"per_kk":0,"regions":{},"extra":1}`)); errCode(err) != CodeQuotasInvalid {
		t.Fatalf("unknown field: got %s", describe(err))
	}
}
