package selection

import (
	"crypto/sha256"
	"encoding/hex"
)

// hmacHex is HMAC-SHA256 written out from RFC 2104, without crypto/hmac,
// as an auditor might: it checks Rank against the definition.
func hmacHex(key, msg []byte) string {
	const block = 64
	k := make([]byte, block)
	copy(k, key) // the seed is 32 bytes, shorter than a block
	ipad, opad := make([]byte, block), make([]byte, block)
	for i := range k {
		ipad[i], opad[i] = k[i]^0x36, k[i]^0x5c
	}
	inner := sha256.Sum256(append(ipad, msg...))
	outer := sha256.Sum256(append(opad, inner[:]...))
	return hex.EncodeToString(outer[:])
}
