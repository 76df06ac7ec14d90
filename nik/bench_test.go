package nik

import "testing"

// Parse runs on every registration form submit and in bulk re-checks; the
// target is at least a million calls per second per core, without
// allocating.
func BenchmarkParse(b *testing.B) {
	inputs := []string{
		num("317101", 45, 1, 90, "0001"),
		num("910101", 12, 3, 85, "0042"),
		num("960101", 29, 2, 0, "1234"),
		num("110101", 5, 11, 2, "0001"),
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Parse(inputs[i%len(inputs)], testNow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseKK(b *testing.B) {
	s := num("317101", 12, 3, 15, "0007")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseKK(s, testNow); err != nil {
			b.Fatal(err)
		}
	}
}
