// Package namematch decides whether the holder name a bank or e-wallet
// reports for a payout account is the registered person's name (as on the
// KTP, from the population registry). In 2020 payouts stalled on
// mismatches that were only spelling; a national programme must tolerate
// spelling, titles and truncation, and never pay a different person. The
// package is pure logic: no I/O, no clock, no allocation while comparing.
//
// Names are normalised first (Normalize): case, punctuation and diacritics
// are folded; academic, religious, noble titles and forms of address are
// dropped wherever they appear ("IR. H. JOKO WIDODO, S.T., M.M."); bin and
// binti are ignored; and each token is reduced to a canonical key that
// merges old and new spelling and the abbreviations of Muhammad (see
// appendKey). A single letter is always an initial, never a title, because
// "T" may be Teuku or Taufik.
//
// Tokens are then paired one to one, in any order, strongest agreement
// first: the same key, the same key but for j/y (Jusuf/Yusuf) or kh/c
// (Chandra/Candra), a typo
// within an edit budget that grows with the token's length (none under 7
// letters, one under 11, then two), and an initial with a word it begins.
// Compare decides:
//
//   - Mismatch when each name has a token the other lacks: a different
//     given name with the same surname, one common name and nothing else
//     in common, an initial that begins no remaining word. These are
//     different people as far as the names can tell, and a payout must not
//     go there.
//   - Match when every token is paired and either all keys are equal or at
//     least one distinctive token (not Muhammad, Siti, Nur, Wayan, …; see
//     commonKeys) agrees exactly or by j/y or kh/c. A typo or an initial
//     alone is not enough, so a single-name person ("SUPARMAN") matches
//     only the same name; "SUPARMIN" goes to review.
//   - Match when one name only has extra tokens (a middle name or
//     patronymic omitted, an H. for Haji) and at least two whole tokens,
//     one distinctive, agree and cover at least half of the longer name.
//   - Match when one name is the other cut by a bank's field length: at
//     least 16 characters, the same tokens in order, the last one possibly
//     cut ("SITI NURHALIZA BINTI AHMAD SY").
//   - Partial (no match, Reason name_partial) otherwise: nothing
//     contradicts, but the agreement is too thin to rule out another
//     person — "SUPARMAN" against "SUPARMAN HADI", "MUHAMMAD A" against
//     "MUHAMMAD ALI", initials only. Partial is a review queue, not a
//     rejection: these are the cases where a person might be wronged
//     either way, so a human with the bank's document decides.
//
// Compare is symmetric and deterministic, and bounded by NameMax,
// TokensMax and TokenMax; inputs over NameMax bytes or invalid UTF-8 never
// match.
package namematch
