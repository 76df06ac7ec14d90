package prakerja

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// The audit log (issue 7, RELIABILITY §3): every staff action, approval,
// import and posting run appends one record, chained by hashes: each
// record's hash covers the one before, so changing, removing or reordering
// any record breaks every hash after it, and a published head (sequence
// and hash) pins the whole history before it. Records hold who did what to
// which subject, never personal data: subjects are ids, details are
// counts and codes.

// Audit limits, in bytes.
const (
	AuditActorMax   = 64
	AuditActionMax  = 64
	AuditSubjectMax = 128
	AuditDetailMax  = 4096
	AuditPageMax    = 1000
	AuditHashLen    = sha256.Size
)

// Audit actions. Stable strings: auditors filter by them.
const (
	AuditPayoutPrepared   = "payout.run.prepared"
	AuditPayoutApproved   = "payout.run.approved"
	AuditPayoutRefused    = "payout.run.refused"
	AuditPayoutFile       = "payout.file.written"
	AuditPayoutIngested   = "payout.answers.ingested"
	AuditPayoutReconciled = "payout.reconciled"
)

// AuditEntry is one record of the chain. Seq, Prev and Hash are set by
// the store when it appends.
type AuditEntry struct {
	Seq     int64
	At      time.Time
	Actor   string // operator name, "system", or a command ("prakerja payout ingest")
	Action  string
	Subject string // e.g. "payout_run:12"
	Detail  string // JSON object of counts and codes
	Prev    []byte
	Hash    []byte
}

// Valid checks an entry's own fields before it is appended.
func (e *AuditEntry) Valid() error {
	switch {
	case e.Actor == "" || len(e.Actor) > AuditActorMax:
		return Errorf(CodeInvalid, "An audit record names its actor (at most %d bytes).", AuditActorMax)
	case e.Action == "" || len(e.Action) > AuditActionMax:
		return Errorf(CodeInvalid, "An audit record names its action (at most %d bytes).", AuditActionMax)
	case len(e.Subject) > AuditSubjectMax || len(e.Detail) > AuditDetailMax:
		return Errorf(CodeInvalid, "An audit record's subject or detail is too long.")
	}
	return nil
}

// AuditHash is the chain hash of e after prev: SHA-256 over a version
// label, prev, and each field length-prefixed (so no two field splits
// hash alike), the time as Unix microseconds as stored.
func AuditHash(prev []byte, e *AuditEntry) []byte {
	h := sha256.New()
	h.Write([]byte("prakerja-audit-v1\x00"))
	h.Write(prev)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(e.Seq))
	h.Write(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(e.At.UnixMicro()))
	h.Write(n[:])
	for _, f := range []string{e.Actor, e.Action, e.Subject, e.Detail} {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return h.Sum(nil)
}

// AuditStore keeps the chain. Appends are serialised (the writer's lock on
// SQLite, an advisory lock on PostgreSQL), so the chain never forks.
type AuditStore interface {
	// AppendAudit appends e in its own transaction, setting Seq, Prev and
	// Hash.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// AuditEntries lists records after afterSeq in order.
	AuditEntries(ctx context.Context, afterSeq int64, limit int) ([]*AuditEntry, error)
}
