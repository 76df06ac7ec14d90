package selection

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Quotas are the seats of a wave. Total seats are filled in two rounds:
// first each region in Regions fills up to its own quota; then every seat
// still empty (Total minus the seats filled regionally, which includes any
// seats never given to a region) is filled in one national round. PerKK
// caps the selected applicants sharing one family key (0 = no cap).
type Quotas struct {
	Wave    string         `json:"wave"`
	Total   int            `json:"total"`
	PerKK   int            `json:"per_kk"`
	Regions map[string]int `json:"regions"`
}

// validWave reports whether s is 1..WaveMax characters of [A-Za-z0-9._-].
func validWave(s string) bool {
	if s == "" || len(s) > WaveMax {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Validate returns a CodeQuotasInvalid error naming the first broken rule.
func (q *Quotas) Validate() error {
	bad := func(format string, args ...any) error { return errorf(CodeQuotasInvalid, FileQuotas, format, args...) }
	switch {
	case !validWave(q.Wave):
		return bad("wave must be 1..%d characters of A-Z a-z 0-9 . _ -", WaveMax)
	case q.Total < 0 || q.Total > SeatsMax:
		return bad("total must be 0..%d", SeatsMax)
	case q.PerKK < 0 || q.PerKK > PerKKMax:
		return bad("per_kk must be 0..%d", PerKKMax)
	case len(q.Regions) > RegionsMax:
		return bad("%d regions; at most %d", len(q.Regions), RegionsMax)
	}
	sum := 0
	for _, code := range q.regionCodes() {
		seats := q.Regions[code]
		if !validRegion(code) || seats < 0 || seats > SeatsMax {
			return bad("region %q: the code must be a Kemendagri code and the seats 0..%d", code, SeatsMax)
		}
		if outer, ok := q.quotaRegion(code[:max(0, strings.LastIndexByte(code, '.'))]); ok {
			return bad("region %s lies inside region %s; quota regions must not nest", code, outer)
		}
		sum += seats
	}
	if sum > q.Total {
		return bad("the regional quotas add up to %d, more than the total %d", sum, q.Total)
	}
	return nil
}

// regionCodes returns the quota regions in ascending byte order.
func (q *Quotas) regionCodes() []string {
	codes := make([]string, 0, len(q.Regions))
	for c := range q.Regions {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// quotaRegion returns the quota region that holds region: region itself or
// the longest of its dotted prefixes that has a quota.
func (q *Quotas) quotaRegion(region string) (string, bool) {
	for region != "" {
		if _, ok := q.Regions[region]; ok {
			return region, true
		}
		region = region[:max(0, strings.LastIndexByte(region, '.'))]
	}
	return "", false
}

// MarshalCanonical returns quotas.json: two-space indented JSON, keys in
// struct order, regions in ascending code order, one final LF.
func (q *Quotas) MarshalCanonical() []byte {
	c := *q
	if c.Regions == nil {
		c.Regions = map[string]int{}
	}
	b, _ := json.MarshalIndent(&c, "", "  ") // cannot fail: strings and ints only
	return append(b, '\n')
}

// ParseQuotas reads and validates quotas.json; every error has
// CodeQuotasInvalid. Unknown fields are refused so that a misspelt key is
// not silently ignored.
func ParseQuotas(b []byte) (Quotas, error) {
	var q Quotas
	if len(b) > JSONFileMax {
		return q, errorf(CodeQuotasInvalid, FileQuotas, "larger than %d bytes", JSONFileMax)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&q); err != nil {
		return q, errorf(CodeQuotasInvalid, FileQuotas, "not valid JSON: %s", err.Error())
	}
	if d.More() {
		return q, errorf(CodeQuotasInvalid, FileQuotas, "data after the JSON object")
	}
	if err := q.Validate(); err != nil {
		return q, err
	}
	return q, nil
}

// String describes the quotas for logs.
func (q *Quotas) String() string {
	return fmt.Sprintf("wave %s: %d seats, %d regions, per-KK %d", q.Wave, q.Total, len(q.Regions), q.PerKK)
}
