package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// FuzzQuotaCSV reads any --region-quotas file: a file over waveCSVMax is
// refused rather than cut; an accepted one has at most WaveRegionsMax
// rows of two fields, and quotaMap then gives one whole-number quota per
// distinct region or refuses the file.
func FuzzQuotaCSV(f *testing.F) {
	for _, s := range []string{
		"region,seats\n31,100\n31.71,20\n", "31,100\n", " 31 , 7\n32,x\n", "31,1\n31,2\n", "a,b,c\n", "\"31,1\n",
		"", "region,seats\n", strings.Repeat("31.71,1\n", 601), strings.Repeat("#", waveCSVMax) + "\n31,1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := parseQuotaCSV(bytes.NewReader(data), "quotas.csv")
		if len(data) > waveCSVMax && err == nil {
			t.Fatalf("a %d-byte file was accepted", len(data))
		}
		if err != nil {
			return
		}
		if len(rows) > prakerja.WaveRegionsMax {
			t.Fatalf("%d rows accepted", len(rows))
		}
		m, err := quotaMap(rows)
		if err != nil {
			return
		}
		if len(m) != len(rows) {
			t.Fatalf("%d rows gave %d quotas", len(rows), len(m))
		}
		for _, r := range rows {
			n, err := strconv.Atoi(strings.TrimSpace(r[1]))
			if err != nil || m[strings.TrimSpace(r[0])] != n {
				t.Fatalf("row %q gave quota %d", r, m[strings.TrimSpace(r[0])])
			}
		}
	})
}
