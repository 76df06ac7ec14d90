package selection

import (
	"bufio"
	"encoding/hex"
	"io"
	"strconv"
)

// Headers of result.csv and summary.csv.
const (
	resultHeader  = "rank,pseudonym,region,tier,round,hmac"
	summaryHeader = "region,quota,joined,eligible,selected_regional,selected_national"
)

// resultLineMax bounds one result line: rank, pseudonym, region, tier,
// round, the 64-digit rank and separators.
const resultLineMax = 256

// WriteResult writes result.csv: the header, then one line per winner in
// ascending rank, LF endings. The hmac column repeats the winner's rank
// bytes so an auditor can spot-check a line without rerunning everything.
func (r *Result) WriteResult(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, writeBufferSize)
	bw.WriteString(resultHeader + "\n")
	rk := newRanker(r.Seed)
	line := make([]byte, 0, resultLineMax)
	for _, win := range r.Winners {
		a := &r.Snapshot.Applicants[win.Applicant]
		line = strconv.AppendInt(line[:0], int64(win.Rank), 10)
		line = append(line, ',')
		line = a.Pseudonym.appendHex(line)
		line = append(line, ',')
		line = append(line, a.Region...)
		line = append(line, ',')
		line = strconv.AppendUint(line, uint64(a.Tier), 10)
		line = append(line, ',')
		line = append(line, win.Round.String()...)
		line = append(line, ',')
		line = hex.AppendEncode(line, rk.rank(a.Pseudonym))
		line = append(line, '\n')
		bw.Write(line)
	}
	err := bw.Flush()
	return cw.n, err
}

// WriteSummary writes summary.csv: the header, then one line per quota
// region in ascending code, then "-" (applicants outside every quota
// region, quota 0) and "*" (everyone, quota = total seats).
func (r *Result) WriteSummary(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriter(cw)
	bw.WriteString(summaryHeader + "\n")
	var line []byte
	for _, c := range r.Summary {
		line = append(line[:0], c.Region...)
		for _, n := range [...]int{c.Quota, c.Joined, c.Eligible, c.Regional, c.National} {
			line = append(line, ',')
			line = strconv.AppendInt(line, int64(n), 10)
		}
		bw.Write(append(line, '\n'))
	}
	err := bw.Flush()
	return cw.n, err
}

// Selected is the number of winners.
func (r *Result) Selected() int { return len(r.Winners) }
