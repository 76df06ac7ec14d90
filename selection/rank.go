package selection

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"runtime"
	"slices"
	"sync"
)

// rankKey orders one eligible applicant: k0 holds the tier in its top byte
// and the first 7 bytes of the rank below it, k1 the next 8 bytes. Fifteen
// of the 32 rank bytes decide every comparison in practice; equal prefixes
// fall back to the whole rank, then the pseudonym, so the order is total.
type rankKey struct {
	k0, k1 uint64
	idx    uint32 // index into Snapshot.Applicants
}

// ranker computes ranks: HMAC-SHA256 keyed with the seed over the 32 hex
// digits of the pseudonym. One ranker serves one goroutine.
type ranker struct {
	mac hash.Hash
	msg [2 * PseudonymSize]byte
	sum [sha256.Size]byte
}

func newRanker(seed Seed) *ranker { return &ranker{mac: hmac.New(sha256.New, seed[:])} }

// rank returns the rank of p; the slice is valid until the next call.
func (r *ranker) rank(p Pseudonym) []byte {
	p.appendHex(r.msg[:0])
	r.mac.Reset()
	r.mac.Write(r.msg[:])
	return r.mac.Sum(r.sum[:0])
}

// Rank returns the rank of pseudonym p under seed: HMAC-SHA256(key = the
// 32 seed bytes, message = the 32 lowercase hex digits of p).
func Rank(seed Seed, p Pseudonym) [sha256.Size]byte {
	var out [sha256.Size]byte
	copy(out[:], newRanker(seed).rank(p))
	return out
}

// rankOrder returns the eligible applicants in selection order: ascending
// by (tier, rank, pseudonym). Ranks are computed in parallel.
func rankOrder(apps []Applicant, seed Seed) []rankKey {
	keys := make([]rankKey, 0, len(apps))
	for i := range apps {
		if apps[i].Eligible {
			keys = append(keys, rankKey{idx: uint32(i)})
		}
	}
	workers := min(runtime.GOMAXPROCS(0), RankWorkersMax)
	chunk := (len(keys) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for lo := 0; lo < len(keys); lo += chunk {
		part := keys[lo:min(lo+chunk, len(keys))]
		wg.Go(func() { fillKeys(part, apps, seed) })
	}
	wg.Wait()
	cmp := keyCompare(apps, seed)
	slices.SortFunc(keys, cmp)
	return keys
}

// fillKeys computes k0 and k1 of each key.
func fillKeys(keys []rankKey, apps []Applicant, seed Seed) {
	r := newRanker(seed)
	for i := range keys {
		a := &apps[keys[i].idx]
		sum := r.rank(a.Pseudonym)
		keys[i].k0 = uint64(a.Tier)<<56 | binary.BigEndian.Uint64(sum[0:8])>>8
		keys[i].k1 = binary.BigEndian.Uint64(sum[7:15])
	}
}

// keyCompare orders keys; the slow path recomputes whole ranks, which
// happens only when 120 bits of two ranks agree.
func keyCompare(apps []Applicant, seed Seed) func(a, b rankKey) int {
	return func(a, b rankKey) int {
		switch {
		case a.k0 != b.k0:
			return cmpUint(a.k0, b.k0)
		case a.k1 != b.k1:
			return cmpUint(a.k1, b.k1)
		}
		pa, pb := apps[a.idx].Pseudonym, apps[b.idx].Pseudonym
		ra, rb := Rank(seed, pa), Rank(seed, pb)
		if c := bytes.Compare(ra[:], rb[:]); c != 0 {
			return c
		}
		return bytes.Compare(pa[:], pb[:])
	}
}

func cmpUint(a, b uint64) int {
	if a < b {
		return -1
	}
	return 1
}
