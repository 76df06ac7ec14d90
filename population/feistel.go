package population

// feistelRounds: four rounds of a balanced Feistel network with a strong
// round function give a well-scrambled permutation; we need spread, not
// cryptographic strength.
const feistelRounds = 4

// permutation is a keyed bijection on [0, 2^(2*half)). It turns family
// indexes 0, 1, 2, … into slots spread over the whole district map, and its
// inverse turns a slot decoded from a KK or NIK back into a family index.
type permutation struct {
	half uint
	mask uint64
	keys [feistelRounds]uint64
}

func newPermutation(seed, domain uint64, totalBits uint) permutation {
	if totalBits%2 != 0 {
		panic("population: Feistel domain needs an even number of bits")
	}
	p := permutation{half: totalBits / 2, mask: 1<<(totalBits/2) - 1}
	for i := range p.keys {
		p.keys[i] = key(seed, domain, uint64(i), 0)
	}
	return p
}

func (p *permutation) round(i int, x uint64) uint64 {
	return fmix(x^p.keys[i]) & p.mask
}

func (p *permutation) apply(x uint64) uint64 {
	l, r := x>>p.half, x&p.mask
	for i := 0; i < feistelRounds; i++ {
		l, r = r, l^p.round(i, r)
	}
	return l<<p.half | r
}

func (p *permutation) invert(y uint64) uint64 {
	l, r := y>>p.half, y&p.mask
	for i := feistelRounds - 1; i >= 0; i-- {
		l, r = r^p.round(i, l), l
	}
	return l<<p.half | r
}
