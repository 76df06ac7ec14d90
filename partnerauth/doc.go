// Package partnerauth signs and verifies the requests of partner machines
// (issue 7 item 1): training platforms, training providers, nominating
// institutions and payment partners.
//
// # Scheme
//
// Each partner key is a public key id and a 32-byte secret, shown to the
// partner once as unpadded base64url. A request carries three headers:
//
//	Prakerja-Key-Id:    pk_…
//	Prakerja-Timestamp: 1767225600            (unix seconds, or RFC 3339)
//	Prakerja-Signature: v1=<hex HMAC-SHA256>
//
// The HMAC, keyed with the raw secret, covers four lines joined by "\n":
// the method in upper case, the request target (escaped path, then '?'
// and the raw query when there is one, exactly as sent), the timestamp
// header's text as sent, and the lower-case hex SHA-256 of the body (of
// zero bytes when there is none). A proxy in front of the server must not
// rewrite the path or the query.
//
// The server accepts a timestamp within Window (5 minutes) either side of
// its clock, and each key id and signature once: the store remembers a
// signature until its timestamp leaves the window, so a captured request
// cannot be replayed. Several "v1=" items may be sent, comma-separated;
// one matching is enough. Unknown versions are ignored, so a v2 can be
// introduced beside v1.
//
// # Why HMAC with a server-side secret
//
// An asymmetric signature would spare the server the secret, but every
// partner would need key-pair tooling; HMAC-SHA256 is in every language's
// standard library. The server therefore keeps each secret sealed with
// the personal-data keyring (pii.Keyring.SealBytes, bound to the key id),
// never in clear and never hashed (a hash cannot check an HMAC).
//
// Sign is all a client needs; Verifier and Keys are the server's side.
package partnerauth
