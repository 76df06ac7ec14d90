package main

import (
	"slices"
	"testing"
	"time"

	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
)

func TestOldSerial(t *testing.T) {
	t.Parallel()
	for _, serial := range []string{"0001", "0005", "0010", "1234", "9999", "0015"} {
		got := oldSerial(serial)
		if got == serial || got == "0000" || len(got) != 4 {
			t.Errorf("oldSerial(%q) = %q, want another non-zero serial", serial, got)
		}
	}
}

func TestNameVariant(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Muhammad Rizky", "Muhamad Rizky"},
		{"Budi Santoso", "Budii Santoso"},
		{"Siti Nur'aini", "Sitii Nur'aini"},
		{"Dewi", "Dewii"},
		{"Zoë Renée", "Zoëë Renée"},
	}
	for _, tt := range tests {
		got := nameVariant(tt.in)
		if got != tt.want {
			t.Errorf("nameVariant(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if registry.NamesMatch(got, tt.in) {
			t.Errorf("nameVariant(%q) = %q still matches the registry's name", tt.in, got)
		}
	}
}

// TestIdentityFaults checks that the faults keep every registration valid,
// keep NIKs unique, spare the attempts duplicates copy, and come in the
// intended shares.
func TestIdentityFaults(t *testing.T) {
	t.Parallel()
	ref := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	attempts := population.Attempts(2020, 20_000, population.Options{Ref: ref})
	orig := slices.Clone(attempts)
	faults := addIdentityFaults(attempts, 2020)
	counts := map[identityFault]int{}
	niks := map[string]bool{}
	valid := 0
	for i, a := range attempts {
		counts[faults[i]]++
		if a.Kind != population.KindValid {
			continue
		}
		valid++
		if faults[i] == faultNone {
			continue
		}
		if a.Original >= 0 {
			t.Fatalf("attempt %d: a duplicate got a fault", i)
		}
		if _, err := nik.Check(a.Input.NIK, mustDate(t, a.Input.BirthDate), a.Input.Sex, ref); err != nil {
			t.Fatalf("attempt %d (%s): NIK no longer valid: %v", i, faults[i], err)
		}
		if faults[i] == faultKKOld && a.Input.KK == orig[i].Input.KK {
			t.Fatalf("attempt %d: kk_old left the KK unchanged", i)
		}
		if _, err := nik.ParseKK(a.Input.KK, ref); err != nil {
			t.Fatalf("attempt %d (%s): KK no longer valid: %v", i, faults[i], err)
		}
	}
	for _, a := range attempts {
		if a.Want == population.WantOK {
			if niks[a.Input.NIK] {
				t.Fatalf("NIK registered twice after faults")
			}
			niks[a.Input.NIK] = true
		}
	}
	for _, f := range []identityFault{faultNIKUnknown, faultKKOld, faultNameVariant} {
		share := 1000 * counts[f] / valid
		if share < 5 || share > 25 {
			t.Errorf("%s: %d per mille of valid attempts, want about 10–15", f, share)
		}
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
