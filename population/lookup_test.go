package population_test

import (
	"reflect"
	"testing"

	"github.com/prakerja/prakerja/population"
)

func TestLookup_RoundTrip(t *testing.T) {
	t.Parallel()
	pop := population.New(testSeed, population.Options{})
	for i, p := range sample10k() {
		got, ok := pop.ByNIK(p.NIK)
		if !ok || !reflect.DeepEqual(got, p) {
			t.Fatalf("ByNIK(%s) = %d, %v; want %d", p.NIK, got.ID, ok, p.ID)
		}
		if i%5 == 0 {
			fam, ok := pop.ByKK(p.KK)
			if !ok || fam.Index != p.FamilyIndex {
				t.Fatalf("ByKK(%s) = family %d, %v; want %d", p.KK, fam.Index, ok, p.FamilyIndex)
			}
		}
	}
	// Past the generated prefix: any family decodes too.
	fam := pop.Family(population.MaxFamilies - 1)
	if got, ok := pop.ByKK(fam.KK); !ok || got.Index != fam.Index {
		t.Fatalf("ByKK of the last family = %d, %v", got.Index, ok)
	}
}

func TestLookup_Unknown(t *testing.T) {
	t.Parallel()
	pop := population.New(testSeed, population.Options{})
	p := sample10k()[0]
	tests := []struct {
		name, nik string
	}{
		{"ErrFormat", "12345"},
		{"ErrLetters", "33x1100504860040"},
		{"ErrSerialZero", p.NIK[:12] + "0000"},
		{"ErrRegion", "990101" + p.NIK[6:]},
		{"ErrFeb29", p.NIK[:6] + "290200" + p.NIK[12:]},
	}
	for _, tc := range tests {
		if got, ok := pop.ByNIK(tc.nik); ok {
			t.Errorf("%s: ByNIK(%s) found %d", tc.name, tc.nik, got.ID)
		}
	}
	// Mutations either find nobody or a person whose NIK is exactly that.
	found := 0
	for i, q := range sample10k()[:2000] {
		b := []byte(q.NIK)
		b[6+i%10] = '0' + (b[6+i%10]-'0'+1)%10
		if got, ok := pop.ByNIK(string(b)); ok {
			found++
			if got.NIK != string(b) {
				t.Fatalf("ByNIK(%s) returned NIK %s", b, got.NIK)
			}
		}
	}
	if _, ok := pop.ByKK(p.KK[:12] + "9999"); ok {
		t.Errorf("ByKK with serial 9999 found a family in a small district")
	}
	t.Logf("%d of 2000 one-digit mutations hit another real person", found)
}
