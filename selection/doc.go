// Package selection draws the participants of a wave so that anyone can
// check the draw: the operator commits to a secret seed before the wave
// closes, freezes the applicants into a snapshot after it closes, reveals
// the seed, and publishes every input and output with their digests.
// Verify recomputes the result from the published files alone. The package
// is pure: it reads no database and no clock, so the same inputs give the
// same bytes on any machine. This comment is the specification; an auditor
// should be able to re-implement Verify from it alone.
//
// # Algorithm prakerja-selection-v1
//
// Inputs: a 32-byte seed, the snapshot, and the quotas (Total seats, a
// per-KK limit PerKK, 0 = none, and seats per quota region).
//
//  1. Commitment. Before the wave closes the operator draws 32 random bytes
//     (the seed) and publishes commitment = lowercase hex of SHA-256(seed).
//     After the close it reveals the seed; it must hash to the commitment.
//  2. Eligible applicants. Only snapshot lines with eligible = 1 take part.
//  3. Rank. rank = HMAC-SHA256(key = the 32 seed bytes, message = the 32
//     lowercase hex ASCII characters of the pseudonym exactly as in
//     snapshot.csv), 32 bytes.
//  4. Order. Sort the eligible applicants ascending by tier (0 first),
//     then by rank compared as unsigned bytes, then by pseudonym bytes (a
//     tie-break that needs a 256-bit HMAC collision). Position 1 is first.
//  5. Quota region. An applicant belongs to the quota region whose code is
//     its own region code or a dotted prefix of it ("31" holds "31.71" and
//     "31.71.01"). Quota regions never nest, so there is at most one. An
//     applicant under none belongs to no region.
//  6. Regional round. Walk the order once. Select an applicant when it has
//     a quota region with seats left and its family key has fewer than
//     PerKK selected (when PerKK > 0). Within a region this fills tier 0
//     first, then tier 1, and so on, each tier by rank.
//  7. National round. Seats left = Total − selected so far; this is the
//     seats of regions that ran out of eligible applicants plus any seats
//     Total holds beyond the sum of the regional quotas. Walk the same
//     order again from the start and select every applicant not yet
//     selected whose family key has fewer than PerKK selected, until no
//     seat is left. Applicants outside every quota region take part here.
//  8. The family count of step 6 and 7 is one count per family key over
//     both rounds and all regions.
//
// Consequences: where a region's eligible applicants fit its quota, all of
// them are selected (no draw), except applicants skipped by the per-KK
// limit; a draw happens only where eligible > quota; and seats are never
// left empty while an eligible applicant whose family has room remains.
//
// # Files
//
// Every text file is UTF-8 without a byte order mark, with LF line endings
// and a final LF; CSV files have a fixed header, ',' separators and no
// quoting (no field can hold ',', '"' or a line break).
//
// commitment.txt and seed.txt: 64 lowercase hex digits and LF.
//
// quotas.json: {"wave", "total", "per_kk", "regions": {code: seats}};
// wave is 1..64 characters of [A-Za-z0-9._-]; the regional seats add up to
// at most total; quota regions do not nest. Written as Go's
// json.MarshalIndent with two spaces (keys in that order, regions sorted)
// and a final LF.
//
// snapshot.csv, header "pseudonym,family,region,tier,eligible,reasons":
// pseudonym and family are 32 lowercase hex digits (128-bit values the
// operator derives with a keyed hash from the registration and the family
// card, so they hold no personal data); region is a Kemendagri code "PP",
// "PP.KK", "PP.KK.CC" or "PP.KK.CC.DDDD"; tier is one digit 0..9; eligible
// is 1 or 0; reasons is empty for an eligible line and otherwise one or
// more codes of [a-z0-9_] separated by ';'. Lines are sorted by pseudonym
// ascending, each pseudonym once. Its SHA-256 is the snapshot digest.
//
// result.csv, header "rank,pseudonym,region,tier,round,hmac": one line per
// selected applicant, ascending by rank (the position of step 4); region
// and tier as in the snapshot; round is "regional" or "national"; hmac is
// the rank of step 3 as 64 lowercase hex digits.
//
// summary.csv, header
// "region,quota,joined,eligible,selected_regional,selected_national": one
// line per quota region in ascending byte order of the code, then "-"
// (applicants outside every quota region, quota 0) and "*" (everyone,
// quota = total). joined counts all snapshot lines, eligible the eligible
// ones.
//
// manifest.json: {"algorithm": "prakerja-selection-v1", "wave",
// "commitment", "quotas" (as in quotas.json), "applicants", "eligible",
// "selected", "files": [{"name","size","sha256"}]}, files listing
// commitment.txt, seed.txt, quotas.json, snapshot.csv, result.csv and
// summary.csv in that order; written like quotas.json. Every value in it is
// a digest or a copy of something Verify recomputes, so a changed byte
// anywhere is detected. Its own SHA-256 identifies the publication. Other
// files in the folder are not part of the publication and are ignored.
//
// # Never changing a published result
//
// Publish stages every file under a temporary name, compares each with the
// file already in the folder, and refuses (CodePublished) if any differs;
// only then are the files moved into place, manifest.json last. Publishing
// identical content again is harmless.
//
// # Errors
//
// Every failure is an *Error with a stable Code, the file it concerns and,
// for line formats, the 1-based line number. Messages never quote
// personal data; the only identifiers in the files are pseudonyms.
package selection
