package prakerja

import (
	"context"
	"time"
)

// Targeting (issue 7 item 5): government wanted the registration data to
// find groups for social assistance. Registrants state how the pandemic hit
// their work; aggregates by region count those who lost work or income and
// are not on any social-assistance (bansos) list, and an individual-level
// export names only registrants who consented to it. Every export is
// recorded in the audit chain before the file leaves the server.

// WorkImpact is how the pandemic hit a registrant's work, as they stated
// it at registration. The empty value means "not stated" (registrations
// from before the question, and clients that do not ask it).
type WorkImpact string

const (
	WorkLostJob      WorkImpact = "lost_job"       // laid off or business closed
	WorkLostIncome   WorkImpact = "lost_income"    // still working, income fell
	WorkReducedHours WorkImpact = "reduced_hours"  // fewer hours or days
	WorkNone         WorkImpact = "none"           // not affected
	WorkNewJobSeeker WorkImpact = "new_job_seeker" // looking for a first job
)

// WorkImpacts lists the values a registrant may choose, in form order.
var WorkImpacts = []WorkImpact{WorkLostJob, WorkLostIncome, WorkReducedHours, WorkNone, WorkNewJobSeeker}

// TargetedImpacts are the impacts targeting counts: lost work or income.
var TargetedImpacts = []WorkImpact{WorkLostJob, WorkLostIncome, WorkReducedHours}

// Valid reports whether w is a known impact or "" (not stated).
func (w WorkImpact) Valid() bool {
	if w == "" {
		return true
	}
	for _, v := range WorkImpacts {
		if v == w {
			return true
		}
	}
	return false
}

// TargetingNoticeVersion names the privacy notice a registrant sees next to
// the targeting consent box; it is stored with each consent so that a
// later change of the notice never claims consent to words nobody saw.
// Change it whenever the notice text changes.
const TargetingNoticeVersion = "targeting-2026-11-v1"

// AuditTargetingExport is the audit action of every targeting export.
const AuditTargetingExport = "targeting.export"

// Targeting limits.
const (
	// TargetingRegionsMax bounds one aggregate listing (Indonesia has 38
	// provinces and 514 regencies and cities).
	TargetingRegionsMax = 1000
	// TargetingPageMax bounds one page of individual rows.
	TargetingPageMax = 1000
	// TargetingExportRowsMax bounds one individual export file; it fits
	// one XLSX sheet (1,048,576 rows).
	TargetingExportRowsMax = 1_000_000
	// TargetingCategoriesMax bounds the bansos categories one query checks.
	TargetingCategoriesMax = 32
)

// TargetingLevel is how finely aggregates group: by province (the first
// two digits of the district code) or by regency/city (first four).
type TargetingLevel string

const (
	TargetingProvince TargetingLevel = "province"
	TargetingRegency  TargetingLevel = "regency"
)

// TargetingFilter selects registrants for targeting. Withdrawn
// registrations are always left out.
type TargetingFilter struct {
	Level TargetingLevel
	// Province limits rows to one province code ("31"); "" = all.
	Province string
	// BansosCategories are the exclusion categories that are
	// social-assistance lists (scheme targeting.social_assistance_categories);
	// a registrant on a current import of any of them is not counted.
	BansosCategories []string
}

// TargetingAggregate is one region's counts. Total counts every registrant
// of the region, for rates; the others count registrants with that impact
// who are on no current bansos list.
type TargetingAggregate struct {
	Region       string `json:"region"` // "31" or "31.71"
	Total        int64  `json:"total"`
	LostJob      int64  `json:"lost_job"`
	LostIncome   int64  `json:"lost_income"`
	ReducedHours int64  `json:"reduced_hours"`
}

// Targeted is the region's registrants who lost work or income and are on
// no bansos list.
func (a TargetingAggregate) Targeted() int64 { return a.LostJob + a.LostIncome + a.ReducedHours }

// TargetingRecord is one consenting registrant as stored: NIK and phone
// sealed. Only the targeting service opens them, for an authorised export.
type TargetingRecord struct {
	RegistrationID     int64
	FullName           string
	NIK, Phone         Sealed
	DomicileDistrict   string
	WorkImpact         WorkImpact
	TargetingConsentAt time.Time
	ConsentNotice      string
}

// TargetingStore reads what targeting needs.
type TargetingStore interface {
	// TargetingAggregates counts per region (f.Level), ordered by region,
	// at most TargetingRegionsMax rows. Returns CodeInvalid for a bad
	// level, province or too many categories.
	TargetingAggregates(ctx context.Context, f TargetingFilter) ([]TargetingAggregate, error)
	// TargetingIndividuals returns up to limit (at most TargetingPageMax)
	// registrants with a targeted impact, consent and no bansos listing,
	// not withdrawn, with ids above afterID, in id order. Returns
	// CodeInvalid like TargetingAggregates.
	TargetingIndividuals(ctx context.Context, f TargetingFilter, afterID int64, limit int) ([]TargetingRecord, error)
}
