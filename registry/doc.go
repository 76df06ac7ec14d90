// Package registry checks a registrant's identity against the population
// registry (Dukcapil, the Kemendagri civil registry): does this NIK exist,
// and do the KK number, full name and birth date stated with it match what
// the registry holds? It has two halves that speak one wire format:
//
//   - Client, the adapter the programme uses: batches, per-request
//     timeouts, bounded concurrency, retries with backoff and a circuit
//     breaker, so a slow or failing registry slows verification down
//     instead of taking registration with it.
//   - Simulator, an http.Handler that answers from the deterministic
//     synthetic population of package population, so the demo and the
//     tests run against real HTTP with nothing external.
//
// # Wire format (version 1)
//
// One endpoint verifies a batch. It only reads, so any request may be sent
// again: that is what makes retries safe.
//
//	POST /v1/verify
//	Authorization: Bearer TOKEN
//	Content-Type: application/json
//
//	{"items": [
//	  {"nik": "3171014501900001", "kk": "3171011203150002",
//	   "full_name": "Siti Nur'aini", "birth_date": "1990-01-05"}
//	]}
//
// A request holds 1 to BatchMax items; birth_date is a civil date
// (YYYY-MM-DD). The answer has one entry per item, in request order:
//
//	200 OK
//	{"items": [
//	  {"status": "match",
//	   "fields": {"kk": "match", "full_name": "match", "birth_date": "match"},
//	   "name_score": 100, "citizen": true, "occupation": "PELAJAR/MAHASISWA"},
//	  {"status": "mismatch",
//	   "fields": {"kk": "match", "full_name": "mismatch", "birth_date": "match"},
//	   "name_score": 83, "citizen": true, "occupation": "KARYAWAN SWASTA"},
//	  {"status": "not_found"},
//	  {"status": "invalid", "field": "kk"}
//	]}
//
// status is "match" when every field matches, "mismatch" when the NIK is
// known but at least one field differs, "not_found" when no resident has
// the NIK, and "invalid" when the item itself is malformed (field names the
// first bad one: nik, kk, full_name or birth_date). name_score (0–100) is
// the similarity of the two normalised names, so an operator can tell a
// typo from another person; it is 100 on a name match.
//
// A "match" or "mismatch" answer also carries two facts of the NIK's
// holder that the schemes' eligibility rules need and only the registry
// knows: citizen (required; true for Kewarganegaraan WNI, false for WNA)
// and occupation (the KTP's Pekerjaan in Dukcapil's upper-case spelling,
// at most OccupationMax bytes, possibly empty; "PELAJAR/MAHASISWA" marks a
// pupil or student, see Result.InFormalEducation). The client treats a
// match or mismatch without citizen as a protocol fault: read as false it
// would silently turn every registrant into a foreign national.
//
// Errors are JSON objects {"error": CODE, "message": TEXT} with status 400
// (malformed body, no items or more than BatchMax), 401 (missing or wrong
// token), 413 (body over its limit), 503 (the registry is unavailable;
// a Retry-After header in seconds may say for how long) or 504 (the
// registry timed out behind its front end). The client retries 5xx
// answers, timeouts and connection errors and never a 4xx. GET /healthz
// answers 200 {"status":"ok"} without a token.
//
// # Matching rules
//
// NIK and KK are compared digit for digit and the birth date as a civil
// date. Names are compared the way Dukcapil's e-KTP records are typed: in
// capitals, without diacritics and often without punctuation. NameKey
// folds a name to its letters and digits only, upper-cased, with
// diacritics, spaces, apostrophes, dots and hyphens dropped; two names
// match when their keys are equal. So "Siti Nur'aini" matches "SITI
// NURAINI", "Mahéndra" matches "MAHENDRA" and "Muh. Al-Fatih" matches "MUH
// ALFATIH", while "Budi" does not match "Budi Santoso": a missing word is
// a different name, not a spelling.
//
// # Personal data
//
// NIK, KK, names, birth dates, citizenship and occupation travel only in
// request and response bodies, never in URLs, headers, logs or error
// messages.
package registry
