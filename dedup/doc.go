// Package dedup finds registrations that may be one person under several
// NIKs, for human review (issue 3, item 6). It is pure logic: no I/O, no
// clock, no randomness; storage and the review screens come later.
//
// The NIK's own uniqueness is enforced by the store. What this package
// adds is the evidence a unique index cannot see (DOMAIN §7 item 4: a NIK
// "used by someone else", payout held because the account's NIK differs):
//
//   - the same person on one family card (KK) registered again under
//     another NIK: same birth date and KK, and the same name after
//     Indonesian spelling normalisation (same_name_birth_kk) or a name
//     that sounds or reads alike (similar_name_birth_kk);
//   - one phone number or one payout account behind several NIKs
//     (shared_phone, shared_payout_account).
//
// Every Flag carries a score and a stable reason code, so a reviewer, and
// later the registrant, can be shown why (DOMAIN §7 item 10). A flag is a
// reason to look, never a verdict: twins share a KK and a birth date.
//
// Matching is a pipeline, cheapest first: exact buckets on blind indexes
// (KK with birth date, phone, payout account) choose the few candidates,
// and only inside a KK-and-birth-date bucket are names compared. Buckets
// hold at most BucketMax people, so one Add costs O(BucketMax) whatever
// the population, and a crowded bucket is itself flagged.
//
// Names are compared through NormalizeName (spelling), PhoneticKey and
// AltPhoneticKey (sound) and Similarity (typos, word order). Their output
// is stable for a given KeyVersion, so keys may be stored.
package dedup

// KeyVersion is the version of the rules behind NormalizeName, PhoneticKey
// and AltPhoneticKey. Stored keys must record it: any change to the word
// tables or rules that alters an output bumps it, and keys of an older
// version must be recomputed before they are compared with new ones.
const KeyVersion = 1
