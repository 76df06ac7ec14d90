package nik

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wilayahDir is the project's Kemendagri reference (cahyadsn/wilayah, see
// its README): the repository checkout sits beside shared/, in CI too. It is
// read by these tests only; the generator never reads it.
const wilayahDir = "../../shared/data/wilayah"

// readReference returns the rows of a reference CSV with a code of at most
// 8 characters (provinces, regencies, districts; villages are skipped).
func readReference(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(wilayahDir, name))
	if os.IsNotExist(err) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("reference %s missing under CI: %v", name, err)
		}
		t.Skipf("reference %s not found (%v); it lives in shared/ beside the checkout", name, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var rows [][]string
	for _, r := range all[1:] {
		if len(r[0]) <= 8 {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no province, regency or district rows", name)
	}
	return rows
}

// tableFor returns the generated table of a dotted code's level.
func tableFor(code string) []region {
	switch len(code) {
	case 2:
		return provinceTable[:]
	case 5:
		return regencyTable[:]
	case 8:
		return districtTable[:]
	}
	return nil
}

// sourceBit returns the bit of the first source whose name starts with
// prefix, e.g. "geografis@".
func sourceBit(t *testing.T, prefix string) uint16 {
	t.Helper()
	for i, s := range sources {
		if strings.HasPrefix(s.name, prefix) {
			return 1 << i
		}
	}
	t.Fatalf("no source %s*", prefix)
	return 0
}

// notInNPM lists the reference codes that no npm source carries, so the
// tables lack them on purpose. They are Papua districts first listed by
// Permendagri 58/2021 (revised by Kepmendagri 050-145/2022), in the
// reference's 2022 table only, and renumbered in 2023 with the Papua split
// (91.01 Merauke → 93.01, 91.18 Asmat → 93.04; the district suffix kept).
// geografis 1.3.2 holds the 2020 tables, from before they existed, and
// every idn-area-data release (2.2.0–4.0.1) already has the split, so
// idn-area-data knows only their new codes. A NIK issued in one of these
// districts under its old code is rejected as CodeNIKRegionUnknown.
// TestCrossCheckHistorical fails if an entry here becomes known (drop it
// then) or leaves the reference.
var notInNPM = map[string]string{
	"91.01.21": "Padua, now 93.01.21",
	"91.01.22": "Kontuar, now 93.01.22",
	"91.18.20": "Joutu, now 93.04.20",
	"91.18.21": "Aswi, now 93.04.21",
	"91.18.22": "Awyu, now 93.04.22",
	"91.18.23": "Koroway Buluanop, now 93.04.23",
}

// TestCrossCheckCurrent compares our current codes (idn-area-data 4.0.1)
// with the reference's 2025 table (Kepmendagri 300.2.2-2430 Tahun 2025).
// The two are independent conversions of the same decree and, at the time
// of writing, agree exactly: 38 provinces, 514 regencies/cities and 7,285
// districts. Only 5 names are spelled differently (e.g. 71.09 "Kep." vs
// "Kepulauan", 35.29.22 Ra'as vs Ra"as); names are only logged.
func TestCrossCheckCurrent(t *testing.T) {
	t.Parallel()
	rows := readReference(t, "wilayah.csv")
	ref := map[string]bool{}
	names := 0
	for _, r := range rows {
		code, name := r[0], r[1]
		ref[code] = true
		i, ok := search(tableFor(code), code)
		if !ok {
			t.Errorf("reference current code %s (%s): unknown to our tables", code, name)
			continue
		}
		if row := tableFor(code)[i]; row.retired {
			t.Errorf("reference current code %s (%s): ours says retired", code, name)
		} else if !strings.EqualFold(row.name, name) {
			names++
		}
	}
	extra := 0
	for _, tbl := range [][]region{provinceTable[:], regencyTable[:], districtTable[:]} {
		for _, r := range tbl {
			if !r.retired && !ref[r.code] {
				extra++
				t.Logf("current in idn-area-data, not in the reference: %s %s", r.code, r.name)
			}
		}
	}
	t.Logf("reference current codes: %d, all known and current in ours; our current codes the reference lacks: %d; names spelled differently: %d",
		len(ref), extra, names)
}

// TestCrossCheckHistorical checks that every province, regency and district
// code the reference has ever listed (2016–2025) is known to us, with the
// same retired/current status, except the codes in notInNPM, which must stay
// unknown. Our tables come from npm only (geografis 1.3.2 and idn-area-data),
// so the reference confirms them without being a source.
//
// At the time of writing: 8,457 reference codes, 8,451 known, 6 in
// notInNPM. The 476 pre-2023 Papua 91.* codes (20 regencies, 456
// districts) come from geografis alone; the 6 regencies and 132 districts
// of Papua Barat retired in 2025 (92.* to 96.*) from geografis and
// idn-area-data 2.2.0–3.0.1.
//
// It also compares geografis with the reference's 2020 table, which follows
// the same decrees (Permendagri 72/2019, Kepmendagri 146.1-4717/2020); at the
// time of writing they have exactly the same 7,778 codes. Differences are
// only logged: a geografis code the reference never had is still a code of
// a 2019/2020 decree, so the tables keep it. Note that geografis names
// cahyadsn/wilayah, the reference's upstream, among its sources, so this
// comparison checks the pipeline rather than the decree.
func TestCrossCheckHistorical(t *testing.T) {
	t.Parallel()
	rows := readReference(t, "districts-historical.csv")
	geo := sourceBit(t, "geografis@")
	ref := map[string]bool{}
	in2020 := map[string]bool{}
	known, skipped := 0, 0
	for _, r := range rows {
		code, name, first, last := r[0], r[1], r[2], r[3]
		ref[code] = true
		if first <= "2020" && "2020" <= last {
			in2020[code] = true
		}
		i, ok := search(tableFor(code), code)
		if _, allowed := notInNPM[code]; allowed {
			if ok {
				t.Errorf("%s (%s) is in notInNPM but now known to our tables (seen in %v): remove it from the list", code, name, SeenIn(code))
			} else {
				skipped++
			}
			continue
		}
		if !ok {
			t.Errorf("reference code %s (%s, %s–%s): unknown to our tables and not in notInNPM", code, name, first, last)
			continue
		}
		known++
		if got, want := tableFor(code)[i].retired, last != "2025"; got != want {
			t.Errorf("%s (%s): retired = %t, want %t (reference last seen %s)", code, name, got, want, last)
		}
	}
	for code, what := range notInNPM {
		if !ref[code] {
			t.Errorf("notInNPM entry %s (%s) is not in the reference: remove it from the list", code, what)
		}
	}

	geoCodes, geoNot2020, geoNeverRef, extra := 0, 0, 0, 0
	for _, tbl := range [][]region{provinceTable[:], regencyTable[:], districtTable[:]} {
		for _, r := range tbl {
			if !ref[r.code] {
				extra++
				t.Logf("known to us, never in the reference: %s %s (%v)", r.code, r.name, SeenIn(r.code))
			}
			if r.seen&geo == 0 {
				if in2020[r.code] {
					t.Logf("in the reference's 2020 table, not in geografis: %s %s", r.code, r.name)
				}
				continue
			}
			geoCodes++
			if !in2020[r.code] {
				geoNot2020++
				if !ref[r.code] {
					geoNeverRef++
				}
				t.Logf("in geografis, not in the reference's 2020 table: %s %s", r.code, r.name)
			}
		}
	}
	t.Logf("reference codes 2016–2025: %d; known to us: %d; in notInNPM: %d; ours the reference never had: %d",
		len(ref), known, skipped, extra)
	t.Logf("geografis codes: %d; reference 2020 codes: %d; geografis codes not in the reference's 2020 table: %d (never in the reference: %d, kept)",
		geoCodes, len(in2020), geoNot2020, geoNeverRef)
}
