package namematch

import "testing"

// benchPairs mixes the shapes a payout batch sees: equal names, titles,
// old spelling, truncation, and different people.
var benchPairs = [][2]string{
	{"BUDI SANTOSO", "BUDI SANTOSO"},
	{"JOKO WIDODO", "IR. JOKO WIDODO, S.T., M.M."},
	{"SOEDJONO DJOJOHADIKOESOEMO", "SUJONO JOYOHADIKUSUMO"},
	{"SITI NURHALIZA BINTI AHMAD SYAHRIR", "SITI NURHALIZA BINTI AHMAD SY"},
	{"MUHAMMAD RIZKI", "MUHAMMAD FAUZI"},
	{"KURNIAWAN SAPUTRA", "KURNIWAN SAPUTRA"},
	{"Zulkarnaén Hasibuan", "ZULKARNAEN HASIBUAN"},
}

// Compare runs once per payout account check, millions of times per
// wave; the target is under 5 µs and no allocation per call.
func BenchmarkCompare(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := benchPairs[i%len(benchPairs)]
		Compare(p[0], p[1])
	}
}

func TestCompare_DoesNotAllocate(t *testing.T) {
	for _, p := range benchPairs {
		if n := testing.AllocsPerRun(20, func() { Compare(p[0], p[1]) }); n != 0 {
			t.Errorf("Compare(%q, %q) allocates %v times, want 0", p[0], p[1], n)
		}
	}
}
