package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// regionJSON is one current Kemendagri region for the domicile pickers.
type regionJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func regionOf(r nik.Region) regionJSON { return regionJSON{Code: r.Code, Name: r.Name} }

func regionsOf(rs []nik.Region) []regionJSON {
	out := make([]regionJSON, 0, len(rs))
	for _, r := range rs {
		out = append(out, regionOf(r))
	}
	return out
}

// writeRegions answers a list that only changes with a new binary, so
// phones and proxies may cache it for a day.
func writeRegions(w http.ResponseWriter, key string, rs []nik.Region) {
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(regionsCacheMaxAge))
	writeJSON(w, http.StatusOK, map[string][]regionJSON{key: regionsOf(rs)})
}

// apiProvinces handles GET /api/v1/regions/provinces.
func (s *Server) apiProvinces(w http.ResponseWriter, r *http.Request) error {
	writeRegions(w, "provinces", nik.Provinces())
	return nil
}

// apiRegencies handles GET /api/v1/regions/provinces/{code}/regencies.
func (s *Server) apiRegencies(w http.ResponseWriter, r *http.Request) error {
	rs := nik.Regencies(r.PathValue("code"))
	if len(rs) == 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such province.")
	}
	writeRegions(w, "regencies", rs)
	return nil
}

// apiDistricts handles GET /api/v1/regions/regencies/{code}/districts.
func (s *Server) apiDistricts(w http.ResponseWriter, r *http.Request) error {
	rs := nik.Districts(r.PathValue("code"))
	if len(rs) == 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such regency.")
	}
	writeRegions(w, "districts", rs)
	return nil
}
