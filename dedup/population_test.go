package dedup_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja/dedup"
	"github.com/prakerja/prakerja/population"
)

// TestIndexCleanPopulation adds a synthetic population, every person with
// their own NIK, phone and account: no flag may be raised. Spouses born
// on one day share a KK and a birth date, so this is the false-positive
// check of the name rules.
func TestIndexCleanPopulation(t *testing.T) {
	t.Parallel()
	var x dedup.Index
	for _, p := range sample() {
		if got := x.Add(fromPopulation(p)); len(got) != 0 {
			t.Errorf("%s (%q): flags %v", p.NIK[:6], p.FullName, got)
		}
	}
}

// TestIndexInjectedDuplicates registers every 20th person again under a
// new NIK, the name written in pre-1972 spelling, with a title, or with a
// letter left out: each copy must be flagged against its original.
func TestIndexInjectedDuplicates(t *testing.T) {
	t.Parallel()
	people := sample()
	var x dedup.Index
	byName := map[dedup.Reason]int{}
	copies, missed := 0, 0
	for i, p := range people {
		x.Add(fromPopulation(p))
		if i%20 != 0 {
			continue
		}
		copies++
		dup := fromPopulation(p)
		dup.ID = -dup.ID - 1
		dup.NIKIndex = blind("nik", "copy-"+p.NIK)
		dup.PhoneIndex = blind("phone", "copy-"+p.Phone)
		dup.PayoutIndex = blind("payout", "copy-"+p.NIK)
		dup.FullName = respell(p.FullName, i)
		reason := flaggedAs(x.Add(dup), int64(p.ID), dup.ID)
		if reason == "" {
			missed++
			t.Logf("missed: %q as %q", p.FullName, dup.FullName)
		}
		byName[reason]++
	}
	t.Logf("copies %d: %v", copies, byName)
	if missed*100 > copies*2 {
		t.Errorf("missed %d of %d copies, want at most 2%%", missed, copies)
	}
	if byName[dedup.ReasonSameNameBirthKK] < copies*2/3 {
		t.Errorf("only %d of %d respelled or titled copies are same_name_birth_kk", byName[dedup.ReasonSameNameBirthKK], copies)
	}
}

// flaggedAs returns the name reason of a flag between a and b, or "".
func flaggedAs(flags []dedup.Flag, a, b int64) dedup.Reason {
	for _, f := range flags {
		if f.A == a && f.B == b {
			return f.Reason
		}
	}
	return ""
}

// oldSpelling writes a modern word as before 1972, when the word has a
// letter that shows it (u, c or j): Sutrisno → Soetrisno, Cahyono →
// Tjahjono, Juwita → Djoewita.
var oldSpelling = strings.NewReplacer("ny", "nj", "sy", "sj", "kh", "ch", "y", "j", "j", "dj", "c", "tj", "u", "oe")

// respell writes a name as another registration might: in old spelling,
// with a title and in capitals, or (one in three) with a letter of its
// longest word left out.
func respell(name string, i int) string {
	words := strings.Fields(name)
	switch i / 20 % 3 {
	case 0:
		for k, w := range words {
			if strings.ContainsAny(strings.ToLower(w), "ucj") {
				words[k] = oldSpelling.Replace(strings.ToLower(w))
			}
		}
	case 1:
		return "H. " + strings.ToUpper(name) + ", S.Kom."
	case 2:
		k := longest(words)
		if w := []rune(words[k]); len(w) >= 7 {
			words[k] = string(w[:len(w)/2]) + string(w[len(w)/2+1:])
		}
	}
	return strings.Join(words, " ")
}

func longest(words []string) int {
	k := 0
	for i, w := range words {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(words[k]) {
			k = i
		}
	}
	return k
}

// TestIndexDeterministic feeds two Indexes the same people, with
// duplicates, and expects the same flags in the same order.
func TestIndexDeterministic(t *testing.T) {
	t.Parallel()
	run := func() []dedup.Flag {
		var x dedup.Index
		var all []dedup.Flag
		for i, p := range sample()[:5000] {
			all = append(all, x.Add(fromPopulation(p))...)
			if i%7 == 0 {
				all = append(all, x.Add(sharedPhoneCopy(p, i))...)
			}
		}
		return all
	}
	a, b := run(), run()
	if len(a) == 0 {
		t.Fatal("no flags to compare")
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("runs differ (-first +second):\n%s", diff)
	}
}

// sharedPhoneCopy is another person (new NIK, KK, name) on p's phone.
func sharedPhoneCopy(p population.Person, i int) dedup.Person {
	d := fromPopulation(p)
	d.ID = -int64(i) - 1
	d.NIKIndex = blind("nik", "other-"+p.NIK)
	d.KKIndex = blind("kk", "other-"+p.KK)
	d.PayoutIndex = blind("payout", "other-"+p.NIK)
	return d
}
