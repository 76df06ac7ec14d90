package dedup

// Limits. Every input is bounded so that one call costs a known amount of
// work and memory whatever a caller passes.
const (
	// NameInputMax is the number of bytes of a name that are read; the rest
	// is ignored. A registered name has at most 100 characters
	// (prakerja.FullNameMax), 400 bytes of UTF-8, so this never cuts one.
	NameInputMax = 1024
	// NameWordsMax is the number of words NormalizeName keeps: the longest
	// real names ("Ni Luh Putu Ayu Kadek …", Batak names with marga) have
	// well under ten.
	NameWordsMax = 16
	// WordMax is the longest normalised word, in bytes. Longer "words" are
	// not names (a pasted sentence without spaces) and are dropped.
	WordMax = 48
	// BucketMax is how many people one bucket (one KK and birth date, one
	// phone, one payout account) remembers. A family has no more than a few
	// members born on one day, and a phone or account behind more than this
	// many NIKs is flagged as a crowd instead of pair by pair.
	BucketMax = 8
	// BlindIndexMax is the longest blind index accepted, in bytes; the pii
	// package makes 32-byte HMAC-SHA256 indexes.
	BlindIndexMax = 64
	// PersonsMax is how many people one Index holds, well above the 9.4
	// million registrants of 2020. Beyond it, shard the Index (by province
	// of the KK, which keeps every bucket inside one shard for KKs).
	PersonsMax = 100_000_000

	// rawWordsMax bounds the words read before titles are dropped.
	rawWordsMax = 4 * NameWordsMax
	// normalizePassesMax bounds the word passes NormalizeName repeats until
	// nothing changes. A pass shortens words, removes letter patterns for
	// good, joins or drops words, or maps a word to a fixed form, so real
	// names settle in two passes; the fuzz test checks the bound holds.
	normalizePassesMax = 6
)

// Thresholds of the similar-name rule (see Index).
const (
	// SimilarNameMin is the Similarity from which two names count as
	// similar, provided every pair of aligned words also reaches
	// WordSimilarityMin.
	SimilarNameMin = 90
	// WordSimilarityMin is the Jaro-Winkler similarity, in percent, every
	// aligned word pair must reach. It keeps twins "Adi Saputra" and "Ade
	// Saputra" (words 82) or "Dewi" and "Dewa" (88) apart while a typo in a
	// long word ("Kurniawan", "Kurniwan": 95) still matches.
	WordSimilarityMin = 90
)
