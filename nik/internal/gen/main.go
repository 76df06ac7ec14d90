// Command gen writes regions_gen.go, the province, regency and district code
// tables of package nik, and copies the data licences beside it. It runs from
// `go generate` in the nik directory:
//
//	go run ./internal/gen [-versions 2.2.0,…,4.0.1] [-geografis 1.3.2]
//
// Every source is an npm package, fetched with `npm pack` into a temporary
// directory; nothing else is read. Sources are merged so that a NIK issued
// under any of them is still accepted:
//
//   - The npm package geografis (MIT), version 1.3.2: Kemendagri codes per
//     Permendagri 72/2019 as revised by Kepmendagri 146.1-4717/2020, the
//     tables in force in 2020, before the 2022/2023 Papua split. Only
//     data/json/data.json (one entry per village, with the names of its
//     province, regency/city and district), package.json and README.md are
//     read. Province, regency and district codes are the first 2, 5 and 8
//     characters of each dotted village code ("31.71.01.1001"). It is the
//     only source of the pre-2023 Papua codes (91.01 Merauke and so on) that
//     older NIKs still carry, since every idn-area-data version already has
//     the split.
//   - The npm package idn-area-data (ODbL 1.0), every published version from
//     2.2.0 on; only data/provinces.csv, regencies.csv, districts.csv and
//     LICENSE.md are read. The newest version decides which codes are
//     current; codes found only in older versions or in geografis are marked
//     retired (Papua 91.01 moved to 93 in 2023, Papua Barat 92.* to 96 in
//     2025).
//
// Sources are read oldest data first (geografis, then idn-area-data by
// version), so a code's name is the spelling of the newest source that has
// it. The generator needs node/npm and network access; the generated file is
// committed, so building and testing need neither.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// defaultVersions lists every idn-area-data version published on npm from
// 2.2.0 on, oldest first; the last one is taken as current. They hold three
// distinct data sets: 2.2.x–3.0.x (37 provinces, 7,277 districts), 3.1.x
// (38 provinces: Papua Barat Daya 96 split off, same district count) and
// 4.0.x (7,285 districts). Reading all of them records exactly which
// releases carried each code.
const defaultVersions = "2.2.0,2.2.1,3.0.0,3.0.1,3.1.0,3.1.1,3.1.2,4.0.0,4.0.1"

// defaultGeografis is the geografis version read for the 2020 tables.
const defaultGeografis = "1.3.2"

// entry is one code of any level as the generator collects it.
type entry struct {
	code string // dotted: "31", "31.71", "31.71.01"
	name string // from the newest source that has the code
	seen uint16 // bit i set: sources[i] has the code
}

// dataset is everything the generator has read.
type dataset struct {
	sources []string          // source labels, by bit
	digests []string          // SHA-256 of each fetched tarball, for the header
	entries map[string]*entry // by dotted code
	current int               // bit of the newest idn-area-data version
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	versions := flag.String("versions", defaultVersions, "comma-separated idn-area-data versions, oldest first")
	geo := flag.String("geografis", defaultGeografis, "geografis version, for codes older than any idn-area-data version")
	out := flag.String("out", "regions_gen.go", "generated Go file")
	flag.Parse()
	if err := run(strings.Split(*versions, ","), *geo, *out); err != nil {
		log.Fatal(err)
	}
}

func run(versions []string, geo, out string) error {
	if 1+len(versions) > 16 {
		return errors.New("too many sources for a 16-bit source set")
	}
	tmp, err := os.MkdirTemp("", "nik-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	d := &dataset{entries: map[string]*entry{}}

	files, digest, err := fetch(tmp, "geografis", geo, geografisFiles)
	if err != nil {
		return fmt.Errorf("geografis@%s: %w", geo, err)
	}
	if err := d.addGeografis(geo, digest, files); err != nil {
		return fmt.Errorf("geografis@%s: %w", geo, err)
	}
	geoLicence, err := geografisLicence(geo, files)
	if err != nil {
		return fmt.Errorf("geografis@%s: %w", geo, err)
	}

	var licence []byte
	for _, v := range versions {
		files, digest, err := fetch(tmp, "idn-area-data", v, idnAreaFiles)
		if err != nil {
			return fmt.Errorf("idn-area-data@%s: %w", v, err)
		}
		if err := d.addVersion(v, digest, files); err != nil {
			return fmt.Errorf("idn-area-data@%s: %w", v, err)
		}
		licence = files["LICENSE.md"]
	}
	d.current = len(d.sources) - 1
	if err := d.checkHierarchy(); err != nil {
		return err
	}
	src, err := d.render()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile("LICENSE-idn-area-data.md", licence, 0o644); err != nil {
		return err
	}
	return os.WriteFile("LICENSE-geografis", geoLicence, 0o644)
}

// idnAreaFiles and geografisFiles are the files fetch keeps from each
// package's tarball.
var (
	idnAreaFiles = []string{
		"package/data/provinces.csv",
		"package/data/regencies.csv",
		"package/data/districts.csv",
		"package/data/LICENSE.md",
	}
	geografisFiles = []string{
		"package/data/json/data.json",
		"package/package.json",
		"package/README.md",
	}
)

// fetch runs `npm pack` for one package version in its own directory and
// returns the wanted files by base name, plus the tarball's SHA-256.
func fetch(tmp, pkg, version string, wanted []string) (map[string][]byte, string, error) {
	dir := filepath.Join(tmp, pkg+"@"+version)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, "", err
	}
	cmd := exec.Command("npm", "pack", "--silent", pkg+"@"+version)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return nil, "", fmt.Errorf("npm pack: %w", err)
	}
	tgz, err := os.ReadFile(filepath.Join(dir, strings.TrimSpace(string(name))))
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(tgz)
	files, err := untar(tgz, wanted)
	if err != nil {
		return nil, "", err
	}
	for _, w := range wanted {
		if files[filepath.Base(w)] == nil {
			return nil, "", fmt.Errorf("tarball lacks %s", w)
		}
	}
	return files, hex.EncodeToString(sum[:]), nil
}

// untar returns the wanted files of a gzipped tarball by base name.
func untar(tgz []byte, wanted []string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		if !contains(wanted, h.Name) {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(h.Name)] = b
	}
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

// villageCode is a geografis code: province, regency, district, village.
var villageCode = regexp.MustCompile(`^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$`)

// addGeografis derives the province, regency and district codes of every
// geografis village entry, with their names. A code spelled two ways in the
// data is an error, so the tables never depend on entry order.
func (d *dataset) addGeografis(version, digest string, files map[string][]byte) error {
	var pkg struct{ Name, Version, License string }
	if err := json.Unmarshal(files["package.json"], &pkg); err != nil {
		return fmt.Errorf("package.json: %w", err)
	}
	if pkg.Name != "geografis" || pkg.Version != version || pkg.License != "MIT" {
		return fmt.Errorf("package.json says %s@%s, licence %q; want geografis@%s, MIT", pkg.Name, pkg.Version, pkg.License, version)
	}
	var villages []struct {
		Code     string `json:"code"`
		Province string `json:"province"`
		City     string `json:"city"`
		District string `json:"district"`
	}
	if err := json.Unmarshal(files["data.json"], &villages); err != nil {
		return fmt.Errorf("data.json: %w", err)
	}
	if len(villages) == 0 {
		return errors.New("data.json: no entries")
	}
	bit := uint16(1) << len(d.sources)
	d.sources = append(d.sources, "geografis@"+version)
	d.digests = append(d.digests, "sha256:"+digest)
	names := map[string]string{}
	for _, v := range villages {
		if !villageCode.MatchString(v.Code) {
			return fmt.Errorf("data.json: code %q: want PP.KK.CC.VVVV", v.Code)
		}
		for _, lvl := range []struct {
			code, name string
		}{{v.Code[:2], v.Province}, {v.Code[:5], v.City}, {v.Code[:8], v.District}} {
			name := strings.Join(strings.Fields(lvl.name), " ")
			if name == "" {
				return fmt.Errorf("data.json: %s: no name for %s", v.Code, lvl.code)
			}
			if old, ok := names[lvl.code]; ok && old != name {
				return fmt.Errorf("data.json: %s named both %q and %q", lvl.code, old, name)
			}
			names[lvl.code] = name
		}
	}
	for code, name := range names {
		d.add(code, name, bit)
	}
	return nil
}

// geografisLicence returns the text written to LICENSE-geografis. The
// package ships no LICENSE file: its licence is the "license" field of
// package.json and the "Lisensi" section of README.md, which are copied
// verbatim.
func geografisLicence(version string, files map[string][]byte) ([]byte, error) {
	readme := string(files["README.md"])
	i := strings.Index(readme, "\n## Lisensi")
	if i < 0 {
		return nil, errors.New("README.md has no Lisensi section")
	}
	section := readme[i+1:]
	if j := strings.Index(section[1:], "\n## "); j >= 0 {
		section = section[:j+2]
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Licence of the npm package geografis@%s (https://github.com/drizki/geografis),\n", version)
	b.WriteString("from which package nik's regions_gen.go takes the 2020 (pre-2023 Papua split)\n")
	b.WriteString("region codes and names.\n\n")
	b.WriteString("The package ships no LICENSE file. It states its licence in two places, both\n")
	b.WriteString("copied below verbatim by nik/internal/gen.\n\n")
	b.WriteString("package.json:\n\n    \"license\": \"MIT\"\n\n")
	b.WriteString("README.md, section \"Lisensi\":\n\n")
	b.WriteString(strings.TrimRight(section, "\n"))
	b.WriteString("\n")
	return b.Bytes(), nil
}

// addVersion merges one version's three CSVs; later versions overwrite names.
func (d *dataset) addVersion(version, digest string, files map[string][]byte) error {
	bit := uint16(1) << len(d.sources)
	d.sources = append(d.sources, "idn-area-data@"+version)
	d.digests = append(d.digests, "sha256:"+digest)
	for _, f := range []string{"provinces.csv", "regencies.csv", "districts.csv"} {
		rows, err := readCSV(files[f], "code", "name")
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		for _, r := range rows {
			code, err := dotted(r[0])
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			d.add(code, r[1], bit)
		}
	}
	return nil
}

func (d *dataset) add(code, name string, bits uint16) {
	e := d.entries[code]
	if e == nil {
		e = &entry{code: code}
		d.entries[code] = e
	}
	e.name = name
	e.seen |= bits
}

// checkHierarchy makes sure every regency has its province and every
// district its regency, so lookups by prefix never dangle.
func (d *dataset) checkHierarchy() error {
	for code := range d.entries {
		if len(code) == 2 {
			continue
		}
		if d.entries[code[:len(code)-3]] == nil {
			return fmt.Errorf("%s has no parent", code)
		}
	}
	return nil
}

// readCSV parses a CSV with a header and returns the wanted columns by name.
func readCSV(raw []byte, cols ...string) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(raw))
	all, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(all) < 2 {
		return nil, errors.New("no rows")
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = indexOf(all[0], c)
		if idx[i] < 0 {
			return nil, fmt.Errorf("no column %q in header %v", c, all[0])
		}
	}
	rows := make([][]string, 0, len(all)-1)
	for _, rec := range all[1:] {
		row := make([]string, len(cols))
		for i, j := range idx {
			row[i] = strings.Join(strings.Fields(rec[j]), " ")
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func indexOf(ss []string, s string) int {
	for i, v := range ss {
		if strings.TrimPrefix(v, "\ufeff") == s {
			return i
		}
	}
	return -1
}

// dotted turns "110101" or "11.01.01" into "11.01.01"; 2.2.x writes codes
// without dots, 3.x and later with them.
func dotted(code string) (string, error) {
	digits := strings.ReplaceAll(code, ".", "")
	if n := len(digits); n != 2 && n != 4 && n != 6 {
		return "", fmt.Errorf("code %q: want 2, 4 or 6 digits", code)
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return "", fmt.Errorf("code %q: not digits", code)
		}
	}
	var b strings.Builder
	for i := 0; i < len(digits); i += 2 {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(digits[i : i+2])
	}
	return b.String(), nil
}

// render writes the generated Go source, gofmt-ed.
func (d *dataset) render() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/gen; DO NOT EDIT.\n\n")
	b.WriteString("// Region codes merged from the sources below; see internal/gen for how.\n")
	b.WriteString("// idn-area-data is ODbL 1.0 (LICENSE-idn-area-data.md); geografis is MIT\n")
	b.WriteString("// (LICENSE-geografis).\n\n")
	b.WriteString("package nik\n\n")
	b.WriteString("// sources names the data set behind each bit of region.seen, with the\n")
	b.WriteString("// SHA-256 of the npm tarball the generator read, oldest data first.\n")
	b.WriteString("var sources = [...]source{\n")
	for i, s := range d.sources {
		fmt.Fprintf(&b, "\t{%q, %q},\n", s, d.digests[i])
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// currentSource is the bit of the newest idn-area-data version (%s):\n", d.sources[d.current])
	b.WriteString("// a code without it is retired.\nconst currentSource = ")
	fmt.Fprintf(&b, "%d\n\n", d.current)
	for _, lvl := range []struct {
		name string
		n    int
	}{{"provinceTable", 2}, {"regencyTable", 5}, {"districtTable", 8}} {
		d.renderTable(&b, lvl.name, lvl.n)
	}
	return format.Source(b.Bytes())
}

// renderTable writes one level's entries sorted by code. Fixed-width codes
// sort byte-wise in numeric order, which the binary searches rely on.
func (d *dataset) renderTable(b *bytes.Buffer, name string, width int) {
	var es []*entry
	for _, e := range d.entries {
		if len(e.code) == width {
			es = append(es, e)
		}
	}
	sort.Slice(es, func(i, j int) bool { return es[i].code < es[j].code })
	fmt.Fprintf(b, "var %s = [...]region{\n", name)
	for _, e := range es {
		retired := e.seen&(1<<d.current) == 0
		fmt.Fprintf(b, "{%q, %q, 0x%04x, %t},\n", e.code, e.name, e.seen, retired)
	}
	b.WriteString("}\n\n")
}
