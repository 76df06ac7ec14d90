// Package pii protects personal data at rest: NIK, KK, phone and e-mail are
// encrypted with AES-256-GCM and found again through a keyed blind index, and
// short secrets (OTP codes, link and session tokens, client addresses) are
// stored only as keyed hashes.
//
// # Keys
//
// A key file (JSON, see KeyFile) holds two kinds of root keys, kept separate
// on purpose rather than derived from one master:
//
//   - encryption keys, each under a key id, one of them active. New values are
//     sealed with the active key; any listed key still opens the values it
//     sealed, so a key rotates by adding a new id, making it active, and
//     re-sealing old rows at leisure (KeyID tells which rows are still old).
//   - one index key. Blind indexes and the hashes of codes, tokens and client
//     addresses are HMAC-SHA256 under sub-keys derived from it with HKDF (one
//     per field or purpose, so a NIK index can never equal a phone index and
//     an OTP hash never equals a session hash). It cannot rotate without
//     re-indexing every row: lookups by NIK, e-mail and phone compare stored
//     indexes, and a new key yields different ones. Rotating it also voids
//     pending codes, links and sessions, which is harmless.
//
// Keeping the roots apart means an encryption-key rotation never forces a
// re-index, and a component that only needs lookups (deduplication, rate
// limits) can be given the index key without being able to decrypt anything.
//
// # Ciphertext format
//
//	version (1 byte, FormatVersion) | key-id length (1 byte) | key id | nonce (12 bytes) | sealed value and tag
//
// The additional authenticated data binds the field name (or byte label) and
// the header, so a NIK ciphertext moved into the phone column fails to open.
// Nonces are random; NIST's 2^32 messages-per-key limit for random 96-bit
// nonces is far above the registrations one key will ever seal, and rotation
// resets the count anyway.
//
// Errors never contain plaintext.
package pii
