package iso20022_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/prakerja/prakerja/iso20022"
)

// benchItems is the size of the benchmark files: a full partner batch.
const benchItems = iso20022.MaxPaymentsPerFile

// benchRead reads doc b.N times and reports the time per item.
func benchRead[T any](b *testing.B, doc []byte, read func(io.Reader) (T, error)) {
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := read(bytes.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchItems, "ns/item")
}

// benchWrite writes v b.N times and reports the time per item.
func benchWrite[T any](b *testing.B, v T, write func(io.Writer, T) error) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, v); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchItems, "ns/item")
}

func BenchmarkReadPain001(b *testing.B) {
	benchRead(b, mustWrite(b, iso20022.WritePain001, sampleInitiation(benchItems, false)), iso20022.ReadPain001)
}

func BenchmarkReadPain002(b *testing.B) {
	doc := mustWrite(b, iso20022.WritePain002, sampleReport(sampleInitiation(benchItems, false)))
	benchRead(b, doc, iso20022.ReadPain002)
}

func BenchmarkReadCamt054(b *testing.B) {
	doc := mustWrite(b, iso20022.WriteCamt054, sampleNotification(sampleInitiation(benchItems, false)))
	benchRead(b, doc, iso20022.ReadCamt054)
}

func BenchmarkWritePain001(b *testing.B) {
	benchWrite(b, sampleInitiation(benchItems, false), iso20022.WritePain001)
}

func BenchmarkWritePain002(b *testing.B) {
	benchWrite(b, sampleReport(sampleInitiation(benchItems, false)), iso20022.WritePain002)
}

func BenchmarkWriteCamt054(b *testing.B) {
	benchWrite(b, sampleNotification(sampleInitiation(benchItems, false)), iso20022.WriteCamt054)
}
