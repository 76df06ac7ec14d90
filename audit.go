package prakerja

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"
	"unicode/utf8"
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

	AuditRegistrantView   = "registrant.view"   // a staff member opened a registrant's page
	AuditRegistrantReveal = "registrant.reveal" // … and asked for the full NIK

	AuditWaveCreated        = "wave.created"
	AuditWaveClosedEarly    = "wave.closed_early"   // an operator moved the close to now
	AuditSelectionCommitted = "selection.committed" // the seed's commitment, before the close
	AuditSelectionPublished = "selection.published" // snapshot frozen, draw run, files written
	AuditSelectionRecorded  = "selection.recorded"  // the draw: seed, snapshot and result digests
	AuditExclusionImported  = "exclusion.imported"
	AuditNominationImported = "nomination.imported"
	AuditFlagReviewed       = "identity.flag.reviewed"
	AuditDisputeResolved    = "identity.dispute.resolved"
	AuditParticipantRevoked = "ledger.participant.revoked" // a card revoked, its balance forfeited
	AuditPendingExpired     = "ledger.pending.expired"     // a sweep voided expired reservations
	AuditWaveCredited       = "ledger.wave.credited"       // a wave's entitlements posted
	AuditWaveForfeited      = "ledger.wave.forfeited"      // programme end: unspent training balances returned
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
	// AuditHead returns the newest record, the head to publish. Returns
	// CodeNotFound while the chain is empty.
	AuditHead(ctx context.Context) (*AuditEntry, error)
}

// AuditSystem is the actor of store actions whose caller named nobody: a
// scheduled job, or a command run without --by.
const AuditSystem = "system"

type auditActorKey struct{}

// WithAuditActor names who the actions under ctx are done for (a staff
// member's username, a command), so a store method that records its own
// action in the audit chain need not take the actor as a parameter.
func WithAuditActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, auditActorKey{}, actor)
}

// AuditActorOf returns the actor ctx names, cut to AuditActorMax bytes on a
// character boundary, or AuditSystem when it names none.
func AuditActorOf(ctx context.Context) string {
	actor, _ := ctx.Value(auditActorKey{}).(string)
	return AuditActor(actor)
}

// AuditActor is name as an audit record's actor: cut to AuditActorMax
// bytes on a character boundary, or AuditSystem when empty.
func AuditActor(name string) string {
	if name == "" {
		return AuditSystem
	}
	for len(name) > AuditActorMax {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}
