package card

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
)

// The permutation is a balanced Feistel network over 30-bit values
// (2^30 ≥ 10^9) with cycle-walking back into [0, AccountSpace). Each round
// function is a table of 2^15 random 15-bit values: a table lookup is a truly
// random function of a 15-bit half, so the network is a Luby–Rackoff
// permutation, and it costs a few nanoseconds per round, where an HMAC per
// round would cost microseconds.
const (
	halfBits = 15
	halfSize = 1 << halfBits
	halfMask = halfSize - 1
	// rounds is 10, as in NIST FF1, because the domain is small: few-round
	// Feistel networks on short halves are distinguishable from random.
	rounds = 10
	// walkMax bounds cycle-walking. Each step leaves [0, 10^9) with
	// probability 0.069, so 64 steps are never needed in practice; the bound
	// turns an impossible loop into a panic rather than a hang.
	walkMax = 64
)

// feistel holds the round tables derived from the issuer key.
type feistel struct {
	table [rounds][halfSize]uint16
}

// newFeistel derives the round tables: HMAC-SHA256(key, label) is an AES-256
// key whose CTR key stream fills the tables. HMAC separates this use of the
// key from any other; the label names the version so that a future change of
// construction cannot silently reuse the tables.
func newFeistel(key []byte) *feistel {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("prakerja/card/feistel/v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		panic("card: AES-256 refused a 32-byte key: " + err.Error())
	}
	stream := cipher.NewCTR(block, make([]byte, aes.BlockSize))
	buf := make([]byte, 2*halfSize)
	f := &feistel{}
	for r := range f.table {
		stream.XORKeyStream(buf, buf)
		for i := range f.table[r] {
			f.table[r][i] = (uint16(buf[2*i])<<8 | uint16(buf[2*i+1])) & halfMask
		}
		clear(buf)
	}
	return f
}

// encrypt30 is one pass of the network over a 30-bit value.
func (f *feistel) encrypt30(x uint32) uint32 {
	l, r := x>>halfBits, x&halfMask
	for i := range rounds {
		l, r = r, l^uint32(f.table[i][r])
	}
	return l<<halfBits | r
}

// decrypt30 inverts encrypt30.
func (f *feistel) decrypt30(x uint32) uint32 {
	l, r := x>>halfBits, x&halfMask
	for i := rounds - 1; i >= 0; i-- {
		l, r = r^uint32(f.table[i][l]), l
	}
	return l<<halfBits | r
}

// permute maps [0, AccountSpace) onto itself one-to-one by cycle-walking:
// apply the network until the value falls back into the range. Walking
// inside a permutation's cycle keeps the map a bijection on the range.
func (f *feistel) permute(x uint32) uint32 {
	return f.walk(x, f.encrypt30)
}

// unpermute inverts permute.
func (f *feistel) unpermute(x uint32) uint32 {
	return f.walk(x, f.decrypt30)
}

func (f *feistel) walk(x uint32, step func(uint32) uint32) uint32 {
	for range walkMax {
		x = step(x)
		if x < AccountSpace {
			return x
		}
	}
	panic("card: cycle-walking did not return to the account range")
}
