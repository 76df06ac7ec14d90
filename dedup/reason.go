package dedup

// Reason says why two people were flagged. The codes are stable: they are
// stored with a flag and translated by the review screens (Bahasa
// Indonesia, English), so a code is never renamed or reused.
type Reason string

// Reasons. Scores rank the review queue: the higher, the likelier one
// person is behind both NIKs.
const (
	// ReasonSameNameBirthKK: same normalised name, birth date and KK under
	// another NIK. Score 95: only a duplicate registration, or twins given
	// one name, look like this.
	ReasonSameNameBirthKK Reason = "same_name_birth_kk"
	// ReasonSimilarNameBirthKK: same birth date and KK, names alike by
	// sound (PhoneticKey, AltPhoneticKey), by spelling with a typo
	// (Similarity), or one name's words all inside the other's. Score 80:
	// twins with alike names ("Putra", "Putri") also land here.
	ReasonSimilarNameBirthKK Reason = "similar_name_birth_kk"
	// ReasonSharedPhone: one phone under several NIKs. Score 70: families
	// share a phone, but registration requires the registrant's own.
	ReasonSharedPhone Reason = "shared_phone"
	// ReasonSharedPayoutAccount: one bank or e-wallet account under
	// several NIKs. Score 85: payouts must reach an account of the NIK's
	// holder (DOMAIN §7 item 4).
	ReasonSharedPayoutAccount Reason = "shared_payout_account"
	// ReasonKKBirthOverflow: more than BucketMax people with one KK and
	// birth date. Score 90: no family looks like this.
	ReasonKKBirthOverflow Reason = "kk_birth_overflow"
	// ReasonPhoneOverflow: one phone under more than BucketMax NIKs.
	// Score 75.
	ReasonPhoneOverflow Reason = "phone_overflow"
	// ReasonPayoutAccountOverflow: one payout account under more than
	// BucketMax NIKs. Score 90: a collecting account.
	ReasonPayoutAccountOverflow Reason = "payout_account_overflow"
)

// reasons lists every Reason with its score, in a fixed order that also
// orders flags of equal score.
var reasons = []struct {
	r     Reason
	score int
}{
	{ReasonSameNameBirthKK, 95},
	{ReasonKKBirthOverflow, 90},
	{ReasonPayoutAccountOverflow, 90},
	{ReasonSharedPayoutAccount, 85},
	{ReasonSimilarNameBirthKK, 80},
	{ReasonPhoneOverflow, 75},
	{ReasonSharedPhone, 70},
}

// Reasons returns every reason code, highest score first, so the review
// screens and their translations can be checked for completeness.
func Reasons() []Reason {
	out := make([]Reason, len(reasons))
	for i, r := range reasons {
		out[i] = r.r
	}
	return out
}

// Score returns the score of a flag for r, 0 to 100; 0 for an unknown code.
func (r Reason) Score() int {
	for _, x := range reasons {
		if x.r == r {
			return x.score
		}
	}
	return 0
}

// rank orders reasons of equal score: their place in reasons.
func (r Reason) rank() int {
	for i, x := range reasons {
		if x.r == r {
			return i
		}
	}
	return len(reasons)
}

// Flag says that people A and B may be one person, for review. A is the
// person added earlier, B the one being added.
type Flag struct {
	A, B   int64
	Score  int
	Reason Reason
}
