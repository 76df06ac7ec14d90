package onlinetest

import "testing"

func BenchmarkParseBuiltin(b *testing.B) {
	data := BuiltinYAML()
	for b.Loop() {
		if _, err := Parse(data, "dasar.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartScore(b *testing.B) {
	bank := Builtin()
	b.ReportAllocs()
	for b.Loop() {
		a := Start(bank, "reg-1", 1, t0, testSeed(1))
		if _, err := Score(a, answersFor(a, 10, 3), t0); err != nil {
			b.Fatal(err)
		}
	}
}
