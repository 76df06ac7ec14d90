package prakerja

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// WaveStatus is where a wave stands. Upcoming, open and closed follow from
// the clock alone (OpensAt, ClosesAt), so no job has to flip them at the
// right second; selected is set explicitly once the draw has run.
type WaveStatus string

const (
	WaveUpcoming WaveStatus = "upcoming" // before OpensAt
	WaveOpen     WaveStatus = "open"     // OpensAt ≤ now < ClosesAt: joins accepted
	WaveClosed   WaveStatus = "closed"   // now ≥ ClosesAt, selection not run yet
	WaveSelected WaveStatus = "selected" // the draw has run (SelectedAt set)
)

// Limits on a wave. They bound a row and a page, and keep a typo (a quota
// with an extra zero) from looking plausible.
const (
	WaveNameMax    = 100        // characters (runes)
	WaveSchemeMax  = 64         // bytes of a scheme name, e.g. "2020"
	WaveRegionsMax = 600        // allowed regions or region quotas: 38 provinces + 514 regencies fit
	WaveQuotaMax   = 10_000_000 // seats in one wave; the largest 2020 wave had 800,000
	WavesPageMax   = 1000       // waves in one listing
	TestScoreMax   = 1000       // upper bound of an online-test score
)

// Wave is one period in which verified registrants may join the draw for a
// quota of seats (a "gelombang"). Times are UTC instants; they are shown and
// entered in WIB.
type Wave struct {
	ID       int64
	Name     string
	Scheme   string // programme scheme whose rules the selection applies
	OpensAt  time.Time
	ClosesAt time.Time // joins are refused from this instant on, to the microsecond
	Quota    int       // seats in the whole wave
	// RegionQuotas reserve seats per province ("31") or regency ("31.71");
	// their sum never exceeds Quota. Empty = one national pool.
	RegionQuotas map[string]int
	// Regions are the province or regency codes whose residents may join;
	// empty means everywhere.
	Regions    []string
	SelectedAt time.Time // zero until the draw has run
	CreatedAt  time.Time
}

// Status derives the wave's state at now.
func (w *Wave) Status(now time.Time) WaveStatus {
	switch {
	case !w.SelectedAt.IsZero():
		return WaveSelected
	case now.Before(w.OpensAt):
		return WaveUpcoming
	case now.Before(w.ClosesAt):
		return WaveOpen
	}
	return WaveClosed
}

// RegionOf returns the region a domicile district (dotted, "31.71.01")
// counts under in this wave, and whether the wave admits it. The most
// specific code among Regions and RegionQuotas wins, so a regency quota is
// charged before its province's; a domicile matching neither counts under
// its province, the natural unit of the funnel.
func (w *Wave) RegionOf(district string) (string, bool) {
	best := ""
	for _, code := range w.Regions {
		if RegionContains(code, district) && len(code) > len(best) {
			best = code
		}
	}
	if len(w.Regions) > 0 && best == "" {
		return "", false
	}
	for code := range w.RegionQuotas {
		if RegionContains(code, district) && len(code) > len(best) {
			best = code
		}
	}
	if best == "" {
		best, _, _ = strings.Cut(district, ".")
	}
	return best, true
}

// RegionContains reports whether region (a province "31" or a regency
// "31.71") contains code (a region or district at any level below).
func RegionContains(region, code string) bool {
	return code == region || strings.HasPrefix(code, region+".")
}

// IsRegionCode reports whether s has the shape of a province ("31") or a
// regency ("31.71") code. Whether the region exists is the nik package's
// business; the root package does not carry the tables.
func IsRegionCode(s string) bool {
	digits := func(p string) bool {
		return len(p) == 2 && '0' <= p[0] && p[0] <= '9' && '0' <= p[1] && p[1] <= '9'
	}
	prov, reg, dotted := strings.Cut(s, ".")
	return digits(prov) && (!dotted || digits(reg))
}

// Validate checks a new wave. Every problem is reported as a field error
// under one CodeInvalid error, so an operator fixes them all at once.
func (w *Wave) Validate() error {
	var fe []FieldError
	add := func(field string, code Code, format string, args ...any) {
		fe = append(fe, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(w.Name)); n == 0 || n > WaveNameMax {
		add("name", CodeBadFormat, "A wave name has 1 to %d characters.", WaveNameMax)
	}
	if w.Scheme == "" || len(w.Scheme) > WaveSchemeMax {
		add("scheme", CodeBadFormat, "A scheme name has 1 to %d bytes.", WaveSchemeMax)
	}
	if w.OpensAt.IsZero() || !w.ClosesAt.After(w.OpensAt) {
		add("closes", CodeBadValue, "A wave closes after it opens.")
	}
	if w.Quota < 1 || w.Quota > WaveQuotaMax {
		add("quota", CodeBadValue, "The quota is 1 to %d seats.", WaveQuotaMax)
	}
	validateRegions(w, add)
	if len(fe) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "The wave is not valid.", Fields: fe}
}

// validateRegions checks the allowed regions and the region quotas.
func validateRegions(w *Wave, add func(string, Code, string, ...any)) {
	if len(w.Regions) > WaveRegionsMax || len(w.RegionQuotas) > WaveRegionsMax {
		add("regions", CodeTooLong, "At most %d regions.", WaveRegionsMax)
		return
	}
	for _, code := range w.Regions {
		if !IsRegionCode(code) {
			add("regions", CodeBadFormat, "Region %q is not a province (31) or regency (31.71) code.", code)
		}
	}
	sum := 0
	for _, code := range slices.Sorted(maps.Keys(w.RegionQuotas)) {
		q := w.RegionQuotas[code]
		switch {
		case !IsRegionCode(code):
			add("region_quotas", CodeBadFormat, "Region %q is not a province or regency code.", code)
		case q < 1 || q > w.Quota:
			add("region_quotas", CodeBadValue, "The quota of region %s is 1 to the wave's quota.", code)
		case len(w.Regions) > 0 && !slices.ContainsFunc(w.Regions, func(r string) bool { return RegionContains(r, code) }):
			add("region_quotas", CodeBadValue, "Region %s has a quota but may not join.", code)
		}
		sum += q
	}
	if sum > w.Quota {
		add("region_quotas", CodeBadValue, "The region quotas add up to %d, more than the quota of %d.", sum, w.Quota)
	}
}

// WaveJoin is one registrant's entry in a wave's draw.
type WaveJoin struct {
	WaveID         int64
	RegistrationID int64
	JoinedAt       time.Time
	Region         string // the region the domicile counted under (Wave.RegionOf)
}

// TestResult is a registrant's online-test outcome ("Tes Motivasi &
// Kemampuan Dasar"). The test is a gate, not a ranking, so only whether and
// when it was passed matters to joining; the score is kept for reports.
type TestResult struct {
	RegistrationID int64
	Score          int
	Passed         bool
	TakenAt        time.Time
	// PassedAt is the first pass; a later attempt never undoes it, since the
	// result is kept across waves.
	PassedAt time.Time
}

// WaveStore keeps waves, their joins, and the online-test results joining
// depends on. Every method takes now from the caller (the server's clock).
type WaveStore interface {
	// CreateWave validates and stores w, filling ID and CreatedAt.
	// Returns CodeInvalid.
	CreateWave(ctx context.Context, w *Wave, now time.Time) error
	// Wave returns one wave. Returns CodeNotFound.
	Wave(ctx context.Context, id int64) (*Wave, error)
	// CloseWaveEarly moves an open wave's close to now (an operator's
	// decision, audited): joins are refused from now on and the draw may
	// run. The selection seed must be committed first. Returns the wave
	// as closed, or CodeNotFound, CodeWaveNotOpen, CodeWaveClosed or
	// CodeConflict (no commitment).
	CloseWaveEarly(ctx context.Context, waveID int64, now time.Time) (*Wave, error)
	// Waves lists waves that close after since (zero = all), soonest
	// opening first, at most WavesPageMax.
	Waves(ctx context.Context, since time.Time) ([]Wave, error)
	// JoinWave enters a registration into an open wave. The clock check
	// runs inside the write transaction with the caller's now, so a
	// request that began before the close but reaches the database after
	// it is refused. Joining again returns the existing join with created
	// false (even after the close: it is not a new join). Returns
	// CodeNotFound, CodeWaveNotOpen, CodeWaveClosed, CodeNotVerified
	// (registration not eligible), CodeTestNotPassed, CodeOutsideRegion or
	// CodeOtherWaveJoined (already in another wave that has not closed).
	JoinWave(ctx context.Context, waveID, registrationID int64, now time.Time) (join *WaveJoin, created bool, err error)
	// WaveJoinsOf lists a registration's joins, newest wave first.
	WaveJoinsOf(ctx context.Context, registrationID int64) ([]WaveJoin, error)
	// WaveJoinCounts counts a wave's joins per region, for the funnel.
	// Returns CodeNotFound.
	WaveJoinCounts(ctx context.Context, waveID int64) (map[string]int64, error)
	// RecordTestResult stores a registration's latest test attempt; a pass
	// is kept even if a later attempt fails. Returns CodeInvalid or
	// CodeNotFound.
	RecordTestResult(ctx context.Context, r *TestResult) error
	// TestResult returns a registration's stored result (PassedAt set once
	// passed). Returns CodeNotFound.
	TestResult(ctx context.Context, registrationID int64) (*TestResult, error)
}
