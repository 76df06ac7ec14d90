package exclusion_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/prakerja/prakerja/exclusion"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/scheme"
)

// TestSynthetic checks that synthetic lists are deterministic, hold only
// adults, come near their share, differ between categories, and that
// every scheme category has a default share.
func TestSynthetic(t *testing.T) {
	t.Parallel()
	pp := population.Generate(testSeed, 20_000, population.Options{Ref: now})
	adults := 0
	for _, p := range pp {
		if p.Age >= population.MinRegistrantAge {
			adults++
		}
	}
	asn := exclusion.Synthetic(testSeed, pp, "asn", 20)
	if again := exclusion.Synthetic(testSeed, pp, "asn", 20); !reflect.DeepEqual(asn, again) {
		t.Fatal("the same arguments gave another list")
	}
	if pm := len(asn) * 1000 / adults; pm < 15 || pm > 25 {
		t.Fatalf("%d of %d adults (%d‰) on a 20‰ list", len(asn), adults, pm)
	}
	for _, p := range asn {
		if p.Age < population.MinRegistrantAge {
			t.Fatalf("person %d aged %d on a list", p.ID, p.Age)
		}
	}
	if reflect.DeepEqual(asn, exclusion.Synthetic(testSeed, pp, "tni", 20)) {
		t.Fatal("two categories gave the same list")
	}
	if len(exclusion.Synthetic(testSeed, pp, "asn", 0)) != 0 || len(exclusion.Synthetic(testSeed, pp, "asn", 5000)) != adults {
		t.Fatal("shares 0 and over 1000 are not clamped")
	}
	for _, c := range scheme.CategoryNames() {
		if exclusion.DefaultPerMille(c) <= 0 {
			t.Errorf("category %s has no default share", c)
		}
	}
}

// TestWriteCSV checks that a written sample is a list file Check accepts,
// with one row per person.
func TestWriteCSV(t *testing.T) {
	t.Parallel()
	pp := population.Generate(testSeed, 2_000, population.Options{Ref: now})
	list := exclusion.Synthetic(testSeed, pp, "pkh", 80)
	var buf bytes.Buffer
	if err := exclusion.WriteCSV(&buf, list); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("nik,full_name\n")) {
		t.Fatalf("header %q", buf.String()[:20])
	}
	sum, err := exclusion.Check(t.Context(), &buf, now)
	if err != nil || sum.Rows != int64(len(list)) || len(list) == 0 {
		t.Fatalf("got %+v, %v for %d people", sum, err, len(list))
	}
}
