package population

import "math/bits"

// The generator uses splitmix64 rather than math/rand so that output is
// fixed by this file alone: a Go release cannot change the population.

const (
	golden  = 0x9e3779b97f4a7c15
	golden2 = 0x3c6ef372fe94f82a // 2·golden mod 2^64
)

// fmix is the splitmix64 finaliser, a bijective 64-bit mixer.
func fmix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Domains keep the hash streams of different purposes independent.
const (
	domFeistel uint64 = iota + 1
	domFamily
	domNIKDay
	domKKDay
	domPhone
	domPhoneID
	domEmail
	domAttempt
	domCivil // citizenship and occupation; last, so no earlier domain moves
)

// key hashes (seed, domain, a, b) to one well-mixed word.
func key(seed, domain, a, b uint64) uint64 {
	h := fmix(seed + domain*golden)
	h = fmix(h ^ (a + golden))
	return fmix(h ^ (b + golden2))
}

// stream is a small deterministic random source (splitmix64).
type stream struct{ s uint64 }

func newStream(seed, domain, index uint64) stream {
	return stream{key(seed, domain, index, 0)}
}

func (r *stream) next() uint64 {
	r.s += golden
	return fmix(r.s)
}

// intn returns a value in [0, n) by multiply-shift (Lemire), bias < n/2^64.
func (r *stream) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// between returns a value in [lo, hi].
func (r *stream) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// perMille is true p times in a thousand.
func (r *stream) perMille(p int) bool { return r.intn(1000) < p }

// pick returns a random element of list.
func pick[T any](r *stream, list []T) T { return list[r.intn(len(list))] }

// weighted picks an index with probability proportional to w[i].
func weighted(r *stream, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.intn(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}
