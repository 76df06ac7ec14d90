package selection

// Algorithm names the version of the algorithm in doc.go. It is written
// into every manifest, and Verify refuses any other value, so a later
// change to the rules gets a new name instead of silently changing how old
// publications verify.
const Algorithm = "prakerja-selection-v1"

// Limits. Each bounds memory or a loop, and each is generous for a national
// wave (2020 wave 1: 2,078,026 joiners, 168,111 seats).
const (
	// ApplicantsMax bounds a snapshot; wave 19 of 2021 had under 4 million
	// registrants.
	ApplicantsMax = 20_000_000
	// SeatsMax bounds Quotas.Total and every regional quota.
	SeatsMax = ApplicantsMax
	// RegionsMax bounds the regional quotas of a wave (Indonesia has about
	// 7,300 districts; a wave is set per province or regency).
	RegionsMax = 10_000
	// TierMax is the lowest priority tier; tiers run 0 (highest) to TierMax.
	TierMax = 9
	// PerKKMax bounds the per-family-card limit.
	PerKKMax = 16
	// WaveMax bounds the length of a wave id.
	WaveMax = 64
	// ReasonsMax bounds the reasons field of a snapshot line, in bytes.
	ReasonsMax = 256
	// SnapshotLineMax bounds one snapshot line, its LF included.
	SnapshotLineMax = 512
	// JSONFileMax bounds manifest.json and quotas.json, in bytes.
	JSONFileMax = 4 << 20
	// RankWorkersMax bounds the goroutines that compute ranks.
	RankWorkersMax = 16
)

// Artefact file names, in the order the manifest lists them. The names are
// part of the format: an auditor finds the files by them.
const (
	FileCommitment = "commitment.txt"
	FileSeed       = "seed.txt"
	FileQuotas     = "quotas.json"
	FileSnapshot   = "snapshot.csv"
	FileResult     = "result.csv"
	FileSummary    = "summary.csv"
	FileManifest   = "manifest.json"
)

// artefactFiles are the files the manifest covers, in manifest order.
var artefactFiles = [...]string{FileCommitment, FileSeed, FileQuotas, FileSnapshot, FileResult, FileSummary}
