package dedup

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strconv"
	"time"
)

// Person is what the Index needs of a registration. The four indexes are
// blind indexes (pii.Keyring.Index), compared as bytes, never read; an
// empty one is unknown and matches nothing.
type Person struct {
	ID                                         int64
	NIKIndex, KKIndex, PhoneIndex, PayoutIndex []byte
	FullName                                   string
	// BirthDate is a calendar date: its year, month and day in its own
	// location are used (the project stores UTC midnight). Zero is unknown.
	BirthDate time.Time
}

// Index finds, for each person added, earlier people who may be the same
// person under another NIK. It keeps three maps of buckets: KK with birth
// date, phone, payout account. Add looks only into the newcomer's own
// buckets, so it costs O(BucketMax) and never compares the newcomer with
// the whole population.
//
// Rules, each only between people whose NIK indexes differ (one NIK twice
// is the store's unique index's business):
//   - same KK and birth date: ReasonSameNameBirthKK when the normalised
//     names are equal, else ReasonSimilarNameBirthKK when the names share a
//     PhoneticKey or an AltPhoneticKey, or one name's words are all among
//     the other's ("Ahmad" and "Ahmad bin Abdullah"), or their Similarity
//     reaches SimilarNameMin with every word pair at WordSimilarityMin;
//   - same phone: ReasonSharedPhone; same payout account:
//     ReasonSharedPayoutAccount.
//
// A bucket remembers its first BucketMax people. A newcomer to a full
// bucket is not remembered there and gets one overflow flag against the
// bucket's first person instead of one flag per member, so a phone behind
// a thousand NIKs yields a thousand flags, not half a million; names are
// still compared with the members, because a name match is evidence on its
// own.
//
// Memory holds no pointers per person, so a large Index costs the garbage
// collector nothing to scan: blind indexes are kept as 128-bit keyed
// hashes (two hash/maphash seeds drawn per Index; two different indexes
// collide with probability about 2⁻¹²⁸, and an outsider cannot aim at it),
// names are copied into one byte arena, and bucket members are chained by
// position. Flags do not depend on the seeds. The zero Index is ready to
// use; it is not safe for concurrent use.
type Index struct {
	seeds   [2]maphash.Seed
	people  []member
	names   []byte // FullNames, back to back
	buckets [kinds]map[hashKey]bucket
	cache   map[int32]*nameKeys // names of people compared at least once
	scratch []byte
}

// Bucket kinds, the index of member.next and Index.buckets.
const (
	kindKKBirth = iota
	kindPhone
	kindPayout
	kinds
)

// hashKey is a 128-bit keyed hash of a blind index; the zero key is "no
// index".
type hashKey [2]uint64

// member is a person as remembered.
type member struct {
	id      int64
	nik     hashKey
	nameOff int
	nameLen uint16
	next    [kinds]int32 // next member of the same bucket, or -1
}

// bucket is a chain of at most BucketMax members, oldest first.
type bucket struct {
	first, last int32
	n           int32
}

// nameKeys are the forms of a name that comparisons use.
type nameKeys struct {
	norm, key, alt string
}

// Len returns the number of people added.
func (x *Index) Len() int { return len(x.people) }

// Add adds p and returns the flags it raises against people added before,
// highest score first, then by A, then by reason: the same sequence of
// Adds always gives the same flags in the same order. It panics if a
// blind index is longer than BlindIndexMax or the Index already holds
// PersonsMax people: both are programming errors.
func (x *Index) Add(p Person) []Flag {
	x.check(p)
	x.init()
	i := int32(len(x.people))
	name := clip(p.FullName, NameInputMax)
	x.people = append(x.people, member{
		id: p.ID, nik: x.hash(p.NIKIndex), nameOff: len(x.names), nameLen: uint16(len(name)),
		next: [kinds]int32{-1, -1, -1},
	})
	x.names = append(x.names, name...)
	var flags []Flag
	if len(p.KKIndex) > 0 && !p.BirthDate.IsZero() {
		flags = x.addKKBirth(flags, x.hash(x.kkBirthKey(p.KKIndex, p.BirthDate)), i)
	}
	if len(p.PhoneIndex) > 0 {
		flags = x.addShared(flags, kindPhone, x.hash(p.PhoneIndex), i, ReasonSharedPhone, ReasonPhoneOverflow)
	}
	if len(p.PayoutIndex) > 0 {
		flags = x.addShared(flags, kindPayout, x.hash(p.PayoutIndex), i, ReasonSharedPayoutAccount, ReasonPayoutAccountOverflow)
	}
	slices.SortFunc(flags, func(a, b Flag) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.A, b.A), cmp.Compare(a.Reason.rank(), b.Reason.rank()))
	})
	return flags
}

func (x *Index) check(p Person) {
	for _, b := range [][]byte{p.NIKIndex, p.KKIndex, p.PhoneIndex, p.PayoutIndex} {
		if len(b) > BlindIndexMax {
			panic("dedup: blind index of " + strconv.Itoa(len(b)) + " bytes, over BlindIndexMax")
		}
	}
	if len(x.people) >= PersonsMax {
		panic("dedup: Index full at PersonsMax people; shard it")
	}
}

func (x *Index) init() {
	if x.buckets[0] != nil {
		return
	}
	x.seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	for k := range x.buckets {
		x.buckets[k] = map[hashKey]bucket{}
	}
	x.cache = map[int32]*nameKeys{}
}

// hash returns the keyed hash of b, or the zero key for an empty b.
func (x *Index) hash(b []byte) hashKey {
	if len(b) == 0 {
		return hashKey{}
	}
	return hashKey{maphash.Bytes(x.seeds[0], b), maphash.Bytes(x.seeds[1], b)}
}

// kkBirthKey is the KK index followed by the birth date in fixed width, so
// distinct (KK, date) pairs never share a key. It reuses x.scratch.
func (x *Index) kkBirthKey(kk []byte, birth time.Time) []byte {
	y, m, d := birth.Date()
	key := append(x.scratch[:0], kk...)
	key = binary.BigEndian.AppendUint64(key, uint64(int64(y)))
	x.scratch = append(key, byte(m), byte(d))
	return x.scratch
}

// join remembers person i in the bucket of kind k under key unless it is
// full, and returns the bucket as it was before.
func (x *Index) join(k int, key hashKey, i int32) (before bucket, full bool) {
	b, ok := x.buckets[k][key]
	switch {
	case !ok:
		x.buckets[k][key] = bucket{first: i, last: i, n: 1}
		return bucket{first: -1, last: -1}, false
	case b.n >= BucketMax:
		return b, true
	}
	x.people[b.last].next[k] = i
	x.buckets[k][key] = bucket{first: b.first, last: i, n: b.n + 1}
	return b, false
}
