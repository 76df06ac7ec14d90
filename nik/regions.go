package nik

import "strings"

// region is one generated table row. Codes are dotted and fixed-width per
// level, so byte order is numeric order and each table is sorted by code.
type region struct {
	code    string // "31", "31.71" or "31.71.01"
	name    string // spelling of the newest source that has the code
	seen    uint16 // bit i set: sources[i] has the code
	retired bool   // not in the newest idn-area-data version
}

// source is one data set the generator read.
type source struct {
	name   string // npm package@version: "geografis@1.3.2", "idn-area-data@4.0.1"
	digest string // SHA-256 of the npm tarball read
}

// Region is a Kemendagri province, regency/city or district, for forms and
// display. Retired codes stay valid in old NIKs but are no domicile today.
type Region struct {
	Code    string // dotted: "31", "31.71", "31.71.01"
	Name    string // as the source spells it, e.g. "Kota Administrasi Jakarta Pusat"
	Retired bool
}

// search returns the index of the first row whose code is not below code,
// and whether that row is code. Hand-written so the hot path has no closure.
func search(t []region, code string) (int, bool) {
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t[m].code < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(t) && t[lo].code == code
}

func found(t []region, code string) bool {
	_, ok := search(t, code)
	return ok
}

// district finds the row of a dotted district key without allocating.
func district(key [8]byte) (*region, bool) {
	i, ok := search(districtTable[:], string(key[:]))
	if !ok {
		return nil, false
	}
	return &districtTable[i], true
}

func lookup(t []region, code string) (Region, bool) {
	i, ok := search(t, code)
	if !ok {
		return Region{}, false
	}
	return t[i].public(), true
}

func (r *region) public() Region { return Region{Code: r.code, Name: r.name, Retired: r.retired} }

// LookupProvince finds a province by its two-digit code, e.g. "31".
func LookupProvince(code string) (Region, bool) { return lookup(provinceTable[:], code) }

// LookupRegency finds a regency or city by dotted code, e.g. "31.71".
func LookupRegency(code string) (Region, bool) { return lookup(regencyTable[:], code) }

// LookupDistrict finds a district (kecamatan) by dotted code, e.g.
// "31.71.01", current or retired.
func LookupDistrict(code string) (Region, bool) { return lookup(districtTable[:], code) }

// IsCurrentDistrict reports whether code is a district in the newest table.
// A registrant's domicile is where they live today, so unlike a NIK prefix
// it must be a current district.
func IsCurrentDistrict(code string) bool {
	i, ok := search(districtTable[:], code)
	return ok && !districtTable[i].retired
}

// Provinces lists the current provinces, sorted by code.
func Provinces() []Region { return children(provinceTable[:], "") }

// Regencies lists the current regencies and cities of a province code such
// as "31", sorted by code; nil for an unknown province.
func Regencies(province string) []Region {
	if len(province) != 2 {
		return nil
	}
	return children(regencyTable[:], province+".")
}

// Districts lists the current districts of a regency code such as "31.71",
// sorted by code; nil for an unknown regency.
func Districts(regency string) []Region {
	if len(regency) != 5 {
		return nil
	}
	return children(districtTable[:], regency+".")
}

// children returns the current rows whose code starts with prefix.
func children(t []region, prefix string) []Region {
	var out []Region
	for i, _ := search(t, prefix); i < len(t) && strings.HasPrefix(t[i].code, prefix); i++ {
		if !t[i].retired {
			out = append(out, t[i].public())
		}
	}
	return out
}

// SeenIn names the data sets that list code (any level, dotted), oldest
// data first, e.g. ["geografis@1.3.2", "idn-area-data@2.2.0", …]: geografis
// holds the 2020 tables, older than every idn-area-data release. Reviewers
// use it to see when a retired code was last valid. It returns nil for an
// unknown code.
func SeenIn(code string) []string {
	var t []region
	switch len(code) {
	case 2:
		t = provinceTable[:]
	case 5:
		t = regencyTable[:]
	case 8:
		t = districtTable[:]
	}
	i, ok := search(t, code)
	if !ok {
		return nil
	}
	var out []string
	for b, s := range sources {
		if t[i].seen&(1<<b) != 0 {
			out = append(out, s.name)
		}
	}
	return out
}
