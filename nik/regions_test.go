package nik

import (
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		lookup func(string) (Region, bool)
		code   string
		want   Region
		ok     bool
	}{
		{"province", LookupProvince, "31", Region{Code: "31", Name: "Daerah Khusus Ibukota Jakarta"}, true},
		{"regency", LookupRegency, "31.71", Region{Code: "31.71", Name: "Kota Administrasi Jakarta Pusat"}, true},
		{"district", LookupDistrict, "31.71.01", Region{Code: "31.71.01", Name: "Gambir"}, true},
		{"retired regency", LookupRegency, "91.01", Region{Code: "91.01", Name: "Kabupaten Merauke", Retired: true}, true},
		{"retired district", LookupDistrict, "91.01.01", Region{Code: "91.01.01", Name: "Merauke", Retired: true}, true},
		{"new province", LookupProvince, "96", Region{Code: "96", Name: "Papua Barat Daya"}, true},
		{"undotted", LookupDistrict, "317101", Region{}, false},
		{"wrong level", LookupDistrict, "31.71", Region{}, false},
		{"unknown", LookupProvince, "99", Region{}, false},
		{"empty", LookupRegency, "", Region{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := tt.lookup(tt.code)
			if got != tt.want || ok != tt.ok {
				t.Errorf("lookup(%q) = %+v, %t; want %+v, %t", tt.code, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIsCurrentDistrict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		want bool
	}{
		{"31.71.01", true},
		{"93.01.01", true},
		{"91.01.01", false}, // retired: Merauke moved to 93 in 2023
		{"92.01.01", false}, // retired: Sorong moved to 96 in 2025
		{"31.71.99", false},
		{"31.71", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			if got := IsCurrentDistrict(tt.code); got != tt.want {
				t.Errorf("IsCurrentDistrict(%q) = %t, want %t", tt.code, got, tt.want)
			}
		})
	}
}

func TestLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		list      []Region
		wantLen   int
		wantFirst string
		prefix    string
	}{
		{"provinces", Provinces(), 38, "11", ""},
		{"Jakarta regencies", Regencies("31"), 6, "31.01", "31."},
		{"Papua keeps only current regencies", Regencies("91"), 9, "91.03", "91."},
		{"Jakarta Pusat districts", Districts("31.71"), 8, "31.71.01", "31.71."},
		{"retired regency has none", Districts("91.01"), 0, "", ""},
		{"unknown province", Regencies("99"), 0, "", ""},
		{"wrong level", Regencies("31.71"), 0, "", ""},
		{"empty", Districts(""), 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := len(tt.list); got != tt.wantLen {
				t.Fatalf("len = %d, want %d", got, tt.wantLen)
			}
			if tt.wantLen == 0 {
				return
			}
			if got := tt.list[0].Code; got != tt.wantFirst {
				t.Errorf("first = %q, want %q", got, tt.wantFirst)
			}
			if !slices.IsSortedFunc(tt.list, func(a, b Region) int { return strings.Compare(a.Code, b.Code) }) {
				t.Errorf("list not sorted by code")
			}
			for _, r := range tt.list {
				if r.Retired || !strings.HasPrefix(r.Code, tt.prefix) || r.Name == "" {
					t.Errorf("entry %+v: want current, named, under %q", r, tt.prefix)
				}
			}
		})
	}
}

func TestSeenIn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code      string
		wantFirst string
		wantLast  string
	}{
		{"31.71.01", "geografis@1.3.2", "idn-area-data@4.0.1"},
		{"92.01.01", "geografis@1.3.2", "idn-area-data@3.0.1"},
		{"96.71.01", "idn-area-data@3.1.0", "idn-area-data@4.0.1"},
		{"93.01.21", "idn-area-data@2.2.0", "idn-area-data@4.0.1"}, // Padua, created 2022
		{"91.01", "geografis@1.3.2", "geografis@1.3.2"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			got := SeenIn(tt.code)
			if len(got) == 0 || got[0] != tt.wantFirst || got[len(got)-1] != tt.wantLast {
				t.Errorf("SeenIn(%q) = %v, want %s … %s", tt.code, got, tt.wantFirst, tt.wantLast)
			}
		})
	}
	if got := SeenIn("99"); got != nil {
		t.Errorf("SeenIn(unknown) = %v, want nil", got)
	}
}

// The generated tables must keep the invariants the lookups rely on.
func TestTablesInvariants(t *testing.T) {
	t.Parallel()
	tables := []struct {
		name  string
		rows  []region
		width int
	}{
		{"provinces", provinceTable[:], 2},
		{"regencies", regencyTable[:], 5},
		{"districts", districtTable[:], 8},
	}
	for _, tt := range tables {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for i, r := range tt.rows {
				if i > 0 && tt.rows[i-1].code >= r.code {
					t.Fatalf("%s after %s: want strictly sorted", r.code, tt.rows[i-1].code)
				}
				if len(r.code) != tt.width || r.name == "" || r.seen == 0 {
					t.Errorf("row %+v: want %d-char code, a name and a source", r, tt.width)
				}
				if got, want := r.retired, r.seen&(1<<currentSource) == 0; got != want {
					t.Errorf("%s retired = %t, want %t (not in %s)", r.code, got, want, sources[currentSource].name)
				}
				if tt.width > 2 && !found(parentTable(tt.width), r.code[:tt.width-3]) {
					t.Errorf("%s has no parent", r.code)
				}
				if tt.width > 2 && !r.retired && !isCurrent(parentTable(tt.width), r.code[:tt.width-3]) {
					t.Errorf("current %s sits under a retired parent", r.code)
				}
			}
		})
	}
}

func parentTable(width int) []region {
	if width == 8 {
		return regencyTable[:]
	}
	return provinceTable[:]
}

func isCurrent(t []region, code string) bool {
	i, ok := search(t, code)
	return ok && !t[i].retired
}
