package prakerja

import (
	"context"
	"time"
)

// NominationCategory is why an institution nominates a person (issue 4
// item 3, the special track). The set is closed: an institution's list
// names one of these per NIK, and each maps to a priority tier.
type NominationCategory string

// Nomination categories. Every one maps to tier 0 for now: the programme
// gives all nominees the same priority and only the selection's tier
// ranks them ahead of other applicants. A nominee still registers and
// passes every check; a nomination changes nothing but the tier.
const (
	// NominationPHK is a laid-off worker, nominated by BPJS
	// Ketenagakerjaan or the Ministry of Manpower.
	NominationPHK NominationCategory = "phk"
	// NominationWargaBinaan is a released prisoner, nominated by a
	// corrections office (Lapas/Rutan/Bapas).
	NominationWargaBinaan NominationCategory = "warga_binaan"
	// NominationPMI is a returning migrant worker (Pekerja Migran
	// Indonesia), nominated by BP2MI.
	NominationPMI NominationCategory = "pmi"
	// NominationUMKM is a micro or small business owner, nominated by a
	// regional government or the Ministry of Cooperatives and SMEs.
	NominationUMKM NominationCategory = "umkm"
)

// Priority tiers of the selection (selection.Applicant.Tier): lower is
// drawn first.
const (
	// TierNominated is the tier of a nominee.
	TierNominated = 0
	// TierGeneral is the tier of everyone else.
	TierGeneral = 1
)

// nominationTiers maps each category to its tier. It is the one place the
// policy lives: changing a tier here changes new imports only, as each
// entry keeps the tier it was imported with.
var nominationTiers = map[NominationCategory]int{
	NominationPHK:         TierNominated,
	NominationWargaBinaan: TierNominated,
	NominationPMI:         TierNominated,
	NominationUMKM:        TierNominated,
}

// NominationCategories lists the categories, sorted.
func NominationCategories() []NominationCategory {
	return []NominationCategory{NominationPHK, NominationPMI, NominationUMKM, NominationWargaBinaan}
}

// Tier returns the category's priority tier and whether the category is
// known.
func (c NominationCategory) Tier() (int, bool) {
	t, ok := nominationTiers[c]
	return t, ok
}

// Nomination limits.
const (
	// NominationEntriesMax bounds one import: an institution's list is a
	// few hundred thousand people (BPJS Ketenagakerjaan's 2020 PHK list,
	// the largest, held about 2 million).
	NominationEntriesMax = 10_000_000
	// NominationInstitutionMax bounds an institution code, in bytes.
	NominationInstitutionMax = 40
	// NominationNameMax bounds an institution's name, in bytes.
	NominationNameMax = 200
	// NominationTiersMax bounds one NominationTiers call.
	NominationTiersMax = ClaimMax
)

// NominationEntry is one nominated person: the NIK blind index, never the
// NIK, and the category.
type NominationEntry struct {
	NIKIndex []byte
	Category NominationCategory
}

// NominationImport is one version of one institution's nomination list.
// A new import of an institution replaces its previous version as a
// whole; old versions are kept for audit.
type NominationImport struct {
	ID int64
	// Institution is the institution's stable code, snake_case (e.g.
	// "bpjs_tk", "ditjenpas", "pemprov_jatim").
	Institution string
	// Name is the institution's name, for people (no personal data); at
	// most NominationNameMax bytes.
	Name string
	// SHA256 is the hex digest of the imported file.
	SHA256     string
	Entries    int64 // distinct NIKs in this version
	ImportedAt time.Time
	// Current is true for the newest import of its institution.
	Current bool
}

// NominationStore keeps nomination lists.
type NominationStore interface {
	// ImportNominations stores a new version of imp.Institution holding
	// the entries next yields in batches until it returns nil, nil,
	// atomically: either the whole version becomes current or nothing
	// changes. A NIK listed twice is stored once, with its best tier. It
	// fills imp.ID, imp.Entries, imp.ImportedAt and imp.Current. Returns
	// CodeInvalid for a bad institution, name, digest, category or index,
	// or over NominationEntriesMax entries; an error from next aborts the
	// import and is returned.
	ImportNominations(ctx context.Context, imp *NominationImport, next func() ([]NominationEntry, error), now time.Time) error
	// NominationImports lists the imports, newest first (at most 1,000).
	NominationImports(ctx context.Context) ([]NominationImport, error)
	// NominationTiers returns, for each NIK blind index on a current
	// list, its best (lowest) tier across all current imports, keyed by
	// the index as a string. Indexes on no list are absent. Returns
	// CodeInvalid for more than NominationTiersMax indexes.
	NominationTiers(ctx context.Context, nikIndexes [][]byte) (map[string]int, error)
}
