package dedup_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja/dedup"
)

var (
	born    = date(1998, 3, 14)
	bornDay = date(1998, 3, 15)
)

// indexFlagTests are people added one by one, and the flags the last Add
// must return; earlier Adds must return none.
var indexFlagTests = []struct {
	name   string
	people []rec
	want   []dedup.Flag
}{
	{"SameNameBirthKK", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Siti Aminah", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Hj. SITI AMINAH", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 95, Reason: dedup.ReasonSameNameBirthKK}}},
	{"SameNameOldSpelling", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Soetrisno Tjahjadi", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Sutrisno Cahyadi", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 95, Reason: dedup.ReasonSameNameBirthKK}}},
	{"SimilarNamePhonetic", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Zulkarnain Fauzi", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Zulkarnaén Pauzi", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 80, Reason: dedup.ReasonSimilarNameBirthKK}}},
	{"SimilarNameAltKeyJusuf", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Jusuf", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Yusuf", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 80, Reason: dedup.ReasonSimilarNameBirthKK}}},
	{"SimilarNameTypo", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Bambang Kurniawan", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Bambang Kurniwan", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 80, Reason: dedup.ReasonSimilarNameBirthKK}}},
	{"SimilarNameWordsLeftOut", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Ahmad bin Abdullah", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Ahmad", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 80, Reason: dedup.ReasonSimilarNameBirthKK}}},
	{"SharedPhone", []rec{
		{id: 1, nik: "n1", phone: "+6281234567890", name: "Budi"},
		{id: 2, nik: "n2", phone: "+6281234567890", name: "Agus"},
	}, []dedup.Flag{{A: 1, B: 2, Score: 70, Reason: dedup.ReasonSharedPhone}}},
	{"SharedPayoutAccount", []rec{
		{id: 1, nik: "n1", payout: "bni:0123456789", name: "Budi"},
		{id: 2, nik: "n2", payout: "bni:0123456789", name: "Agus"},
	}, []dedup.Flag{{A: 1, B: 2, Score: 85, Reason: dedup.ReasonSharedPayoutAccount}}},
	{"SeveralReasonsByScore", []rec{
		{id: 1, nik: "n1", kk: "k1", phone: "p", payout: "a", name: "Siti", birth: born},
		{id: 2, nik: "n2", kk: "k1", phone: "p", payout: "a", name: "Siti", birth: born},
	}, []dedup.Flag{
		{A: 1, B: 2, Score: 95, Reason: dedup.ReasonSameNameBirthKK},
		{A: 1, B: 2, Score: 85, Reason: dedup.ReasonSharedPayoutAccount},
		{A: 1, B: 2, Score: 70, Reason: dedup.ReasonSharedPhone},
	}},
	// A known cost: twins whose names differ in one letter of a long word
	// are flagged, as a typo would be.
	{"SimilarNameTwinsPutraPutri", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Putra Wijaya", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Putri Wijaya", birth: born},
	}, []dedup.Flag{{A: 1, B: 2, Score: 80, Reason: dedup.ReasonSimilarNameBirthKK}}},
	{"NoFlagDifferentKK", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Siti Aminah", birth: born},
		{id: 2, nik: "n2", kk: "k2", name: "Siti Aminah", birth: born},
	}, nil},
	{"NoFlagDifferentBirthDate", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Siti Aminah", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Siti Aminah", birth: bornDay},
	}, nil},
	{"NoFlagSameNIK", []rec{
		{id: 1, nik: "n1", kk: "k1", phone: "p", payout: "a", name: "Siti", birth: born},
		{id: 2, nik: "n1", kk: "k1", phone: "p", payout: "a", name: "Siti", birth: born},
	}, nil},
	{"NoFlagTwinsAdiAde", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Muhammad Adi Saputra", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Muhammad Ade Saputra", birth: born},
	}, nil},
	{"NoFlagTwinsDewiDewa", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Dewi Lestari", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Dewa Lestari", birth: born},
	}, nil},
	{"NoFlagTwinsHasanHusein", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Hasan", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "Husein", birth: born},
	}, nil},
	{"NoFlagUnknownKKOrBirth", []rec{
		{id: 1, nik: "n1", name: "Siti Aminah", birth: born},
		{id: 2, nik: "n2", name: "Siti Aminah", birth: born},
		{id: 3, nik: "n3", kk: "k1", name: "Siti Aminah"},
		{id: 4, nik: "n4", kk: "k1", name: "Siti Aminah"},
	}, nil},
	{"NoFlagNameOfTitlesOnly", []rec{
		{id: 1, nik: "n1", kk: "k1", name: "Dr.", birth: born},
		{id: 2, nik: "n2", kk: "k1", name: "H.", birth: born},
	}, nil},
}

// TestIndexFlags runs indexFlagTests.
func TestIndexFlags(t *testing.T) {
	t.Parallel()
	for _, tt := range indexFlagTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var x dedup.Index
			last := len(tt.people) - 1
			for _, r := range tt.people[:last] {
				if got := x.Add(r.person()); len(got) != 0 {
					t.Fatalf("Add(%d) = %v before the last person", r.id, got)
				}
			}
			if diff := cmp.Diff(tt.want, x.Add(tt.people[last].person())); diff != "" {
				t.Fatalf("flags (-want +got):\n%s", diff)
			}
		})
	}
}

// TestIndexPhoneOverflow shares one phone among BucketMax+2 NIKs: each of
// the first BucketMax is flagged against every earlier one, each later one
// once, with the overflow reason, against the first.
func TestIndexPhoneOverflow(t *testing.T) {
	t.Parallel()
	var x dedup.Index
	for i := range int64(dedup.BucketMax + 2) {
		got := x.Add(rec{id: i, nik: string(rune('a' + i)), phone: "p", name: "Budi"}.person())
		var want []dedup.Flag
		if i < dedup.BucketMax {
			for j := range i {
				want = append(want, dedup.Flag{A: j, B: i, Score: 70, Reason: dedup.ReasonSharedPhone})
			}
		} else {
			want = []dedup.Flag{{A: 0, B: i, Score: 75, Reason: dedup.ReasonPhoneOverflow}}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Add(%d) flags (-want +got):\n%s", i, diff)
		}
	}
}

// TestIndexKKBirthOverflow fills a KK-and-birth-date bucket with different
// names, then adds the first one's name again: it is still matched by name
// against the remembered members, and the crowd is flagged.
func TestIndexKKBirthOverflow(t *testing.T) {
	t.Parallel()
	names := []string{"Agus", "Budi", "Citra", "Dimas", "Eko", "Fajar", "Gilang", "Hendra", "Indah"}
	var x dedup.Index
	for i, n := range names[:dedup.BucketMax] {
		if got := x.Add(rec{id: int64(i), nik: n, kk: "k", name: n, birth: born}.person()); len(got) != 0 {
			t.Fatalf("Add(%s) = %v", n, got)
		}
	}
	got := x.Add(rec{id: 100, nik: "again", kk: "k", name: "Agus", birth: born}.person())
	want := []dedup.Flag{
		{A: 0, B: 100, Score: 95, Reason: dedup.ReasonSameNameBirthKK},
		{A: 0, B: 100, Score: 90, Reason: dedup.ReasonKKBirthOverflow},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("flags (-want +got):\n%s", diff)
	}
}

// TestIndexPayoutOverflow checks the payout account's own overflow code.
func TestIndexPayoutOverflow(t *testing.T) {
	t.Parallel()
	var x dedup.Index
	var last []dedup.Flag
	for i := range int64(dedup.BucketMax + 1) {
		last = x.Add(rec{id: i, nik: string(rune('a' + i)), payout: "acct"}.person())
	}
	want := []dedup.Flag{{A: 0, B: dedup.BucketMax, Score: 90, Reason: dedup.ReasonPayoutAccountOverflow}}
	if diff := cmp.Diff(want, last); diff != "" {
		t.Fatalf("flags (-want +got):\n%s", diff)
	}
}

// TestIndexCopiesIndexes changes the caller's bytes after Add: the Index
// must have kept its own copy of the NIK, and buckets keyed by the old
// value.
func TestIndexCopiesIndexes(t *testing.T) {
	t.Parallel()
	var x dedup.Index
	a := rec{id: 1, nik: "n1", phone: "p"}.person()
	x.Add(a)
	a.NIKIndex[0] ^= 0xff
	a.PhoneIndex[0] ^= 0xff
	got := x.Add(rec{id: 2, nik: "n1", phone: "p"}.person())
	if len(got) != 0 {
		t.Fatalf("same NIK and phone as the original: flags %v, want none", got)
	}
}

// TestIndexPanicsOnOversizedIndex checks the BlindIndexMax guard.
func TestIndexPanicsOnOversizedIndex(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	var x dedup.Index
	x.Add(dedup.Person{ID: 1, PhoneIndex: make([]byte, dedup.BlindIndexMax+1)})
}

// TestReasons checks that every reason has a score in 1–100 and that the
// list is ordered by score, as flags are.
func TestReasons(t *testing.T) {
	t.Parallel()
	prev := 101
	for _, r := range dedup.Reasons() {
		s := r.Score()
		if s < 1 || s > prev {
			t.Errorf("%s: score %d after %d", r, s, prev)
		}
		prev = s
	}
	if s := dedup.Reason("no_such_reason").Score(); s != 0 {
		t.Errorf("unknown reason scores %d, want 0", s)
	}
}
