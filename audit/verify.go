// Package audit verifies the tamper-evident audit chain (prakerja.AuditEntry):
// every record must follow the one before by sequence and by hash, and
// carry the hash of its own fields, so a changed, removed or reordered
// record is named by its sequence number.
package audit

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
)

// breachesMax bounds a report: after the first breach every later hash
// disagrees too, so a few lines name the damage.
const breachesMax = 20

// Head is a published point of the chain: its sequence and hash.
type Head struct {
	Seq  int64
	Hash []byte
}

func (h Head) String() string { return fmt.Sprintf("%d:%s", h.Seq, hex.EncodeToString(h.Hash)) }

// ParseHead reads SEQ:HEX as String writes it.
func ParseHead(s string) (Head, error) {
	seq, hash, ok := strings.Cut(s, ":")
	n, err := strconv.ParseInt(seq, 10, 64)
	h, herr := hex.DecodeString(hash)
	if !ok || err != nil || n < 1 || herr != nil || len(h) != prakerja.AuditHashLen {
		return Head{}, prakerja.Errorf(prakerja.CodeBadFormat, "A head is SEQ:HASH, the hash 64 hexadecimal digits.")
	}
	return Head{Seq: n, Hash: h}, nil
}

// Result is what a verification found.
type Result struct {
	Records  int64
	Head     Head
	Breaches []string
}

// Verify walks the whole chain. A published head, if given, must still be
// in it: a rewritten history, however consistent, would not contain it.
func Verify(ctx context.Context, store prakerja.AuditStore, published *Head) (*Result, error) {
	r := &Result{}
	prev := make([]byte, prakerja.AuditHashLen)
	for after := int64(0); ; {
		page, err := store.AuditEntries(ctx, after, prakerja.AuditPageMax)
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			break
		}
		for _, e := range page {
			r.check(e, prev, published)
			prev, r.Head = e.Hash, Head{Seq: e.Seq, Hash: e.Hash}
		}
		after = page[len(page)-1].Seq
	}
	if published != nil && r.Head.Seq < published.Seq {
		r.breach("the published head %d is beyond the chain's end %d: records were removed", published.Seq, r.Head.Seq)
	}
	return r, nil
}

// check holds one record to the one before it.
func (r *Result) check(e *prakerja.AuditEntry, prev []byte, published *Head) {
	want := r.Head.Seq + 1
	r.Records++
	switch {
	case e.Seq == want+1:
		r.breach("record %d is missing (record %d follows %d)", want, e.Seq, r.Head.Seq)
	case e.Seq != want:
		r.breach("records %d to %d are missing (record %d follows %d)", want, e.Seq-1, e.Seq, r.Head.Seq)
	case !bytes.Equal(e.Prev, prev):
		r.breach("record %d does not link to the record before it: removed or reordered", e.Seq)
	case !bytes.Equal(e.Hash, prakerja.AuditHash(e.Prev, e)):
		r.breach("record %d was changed after it was written", e.Seq)
	}
	if published != nil && e.Seq == published.Seq && !bytes.Equal(e.Hash, published.Hash) {
		r.breach("record %d is not the published head: history was rewritten", e.Seq)
	}
}

func (r *Result) breach(format string, args ...any) {
	if len(r.Breaches) < breachesMax {
		r.Breaches = append(r.Breaches, fmt.Sprintf(format, args...))
	}
}
