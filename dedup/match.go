package dedup

import "strings"

// addKKBirth compares newcomer i with the people of its KK-and-birth-date
// bucket by name.
func (x *Index) addKKBirth(flags []Flag, key hashKey, i int32) []Flag {
	b, full := x.join(kindKKBirth, key, i)
	for j := b.first; j >= 0; j = x.next(j, kindKKBirth, b) {
		if r, ok := x.nameMatch(j, i); ok {
			flags = x.flag(flags, j, i, r)
		}
	}
	if full {
		flags = x.flag(flags, b.first, i, ReasonKKBirthOverflow)
	}
	return flags
}

// addShared flags newcomer i against every other NIK in its phone or
// payout bucket, or once with the overflow reason when the bucket is full.
func (x *Index) addShared(flags []Flag, k int, key hashKey, i int32, shared, overflow Reason) []Flag {
	b, full := x.join(k, key, i)
	if full {
		return x.flag(flags, b.first, i, overflow)
	}
	for j := b.first; j >= 0; j = x.next(j, k, b) {
		if !x.sameNIK(j, i) {
			flags = x.flag(flags, j, i, shared)
		}
	}
	return flags
}

// next returns the member after j in bucket b as it was before the
// newcomer joined, or -1 after its last member.
func (x *Index) next(j int32, k int, b bucket) int32 {
	if j == b.last {
		return -1
	}
	return x.people[j].next[k]
}

func (x *Index) sameNIK(a, b int32) bool {
	na, nb := x.people[a].nik, x.people[b].nik
	return na == nb && na != hashKey{}
}

func (x *Index) flag(flags []Flag, a, b int32, r Reason) []Flag {
	return append(flags, Flag{A: x.people[a].id, B: x.people[b].id, Score: r.Score(), Reason: r})
}

// nameMatch compares the names of two people of one KK-and-birth-date
// bucket; see Index for the rules.
func (x *Index) nameMatch(a, b int32) (Reason, bool) {
	if x.sameNIK(a, b) {
		return "", false
	}
	na, nb := x.named(a), x.named(b)
	switch {
	case na.norm == "" || nb.norm == "":
		return "", false
	case na.norm == nb.norm:
		return ReasonSameNameBirthKK, true
	case na.key == nb.key || na.alt == nb.alt || containsWords(na.norm, nb.norm):
		return ReasonSimilarNameBirthKK, true
	}
	score, weakest := compareNames(na.norm, nb.norm)
	if score >= SimilarNameMin && weakest >= WordSimilarityMin {
		return ReasonSimilarNameBirthKK, true
	}
	return "", false
}

// named returns the name keys of member i, computed on first use: most
// people never share a bucket, so most names are never normalised.
func (x *Index) named(i int32) *nameKeys {
	if k, ok := x.cache[i]; ok {
		return k
	}
	m := &x.people[i]
	norm := NormalizeName(string(x.names[m.nameOff : m.nameOff+int(m.nameLen)]))
	k := &nameKeys{norm: norm, key: phoneticKey(norm), alt: altKey(norm)}
	x.cache[i] = k
	return k
}

// containsWords reports whether every word of the shorter normalised name
// is among the words of the longer one, each used once: "ahmad" in "ahmad
// abdulah". Names with as many words are not meant here.
func containsWords(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) == 0 || len(wa) == len(wb) {
		return false
	}
	used := make([]bool, len(wb))
	for _, w := range wa {
		found := false
		for k, v := range wb {
			if !used[k] && v == w {
				used[k], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
