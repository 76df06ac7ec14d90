package prakerja

import (
	"context"
	"time"
)

// Data-subject rights (UU PDP, UU 27/2022; issue 7 item 6): a registrant
// may get a copy of their data (access), ask for a correction and withdraw
// consent so that processing stops. The controller answers within 3x24
// hours (Ps. 30, 32 and 40 as summarised in RELIABILITY.md §3), so every
// request carries its deadline and staff work them oldest deadline first.

// DataRequestKind is what a registrant asks for.
type DataRequestKind string

const (
	DataAccess     DataRequestKind = "access"
	DataCorrection DataRequestKind = "correction"
	DataWithdrawal DataRequestKind = "withdrawal"
)

// Valid reports whether k is a known kind.
func (k DataRequestKind) Valid() bool {
	return k == DataAccess || k == DataCorrection || k == DataWithdrawal
}

// DataRequestState is where a request stands: open until staff (or, for
// a download, the system) answer or reject it.
type DataRequestState string

const (
	DataRequestOpen     DataRequestState = "open"
	DataRequestAnswered DataRequestState = "answered"
	DataRequestRejected DataRequestState = "rejected"
)

// Data-request limits and the legal deadline.
const (
	// DataRequestDeadline is 3x24 hours from the request.
	DataRequestDeadline = 72 * time.Hour
	// DataRequestDetailsMax bounds what a registrant writes (runes).
	DataRequestDetailsMax = 1000
	// DataRequestAnswerMax bounds a staff answer (runes).
	DataRequestAnswerMax = 2000
	// DataRequestsPageMax bounds one listing.
	DataRequestsPageMax = 200
	// DataRequestActorMax bounds the answering staff member's name (bytes).
	DataRequestActorMax = 64
	// DataDownloadsPerDay bounds a registrant's downloads in 24 hours:
	// each is a stored request and an audit record.
	DataDownloadsPerDay = 5
)

// Audit actions of data requests.
const (
	AuditDataRequestOpened   = "datarequest.opened"
	AuditDataRequestAnswered = "datarequest.answered"
	AuditDataRequestRejected = "datarequest.rejected"
	AuditDataDownloaded      = "datarequest.downloaded"
)

// DataRequest is one request with its texts in clear, as services and
// pages see it.
type DataRequest struct {
	ID             int64            `json:"id"`
	RegistrationID int64            `json:"registration_id"`
	Kind           DataRequestKind  `json:"kind"`
	State          DataRequestState `json:"state"`
	// Details is the registrant's text: for a correction, which field
	// and what value. It may hold personal data, so it is stored sealed.
	Details    string    `json:"details,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	DueAt      time.Time `json:"due_at"`
	AnsweredAt time.Time `json:"answered_at,omitzero"`
	AnsweredBy string    `json:"answered_by,omitempty"`
	// Answer is the staff member's answer (for a correction, what was
	// changed), sealed in storage like Details.
	Answer string `json:"answer,omitempty"`
}

// Overdue reports whether r is still open after its deadline.
func (r *DataRequest) Overdue(now time.Time) bool {
	return r.State == DataRequestOpen && now.After(r.DueAt)
}

// DataRequestRecord is a request as stored: Details and Answer are
// ciphertexts (pii-sealed, no blind index), nil when empty.
type DataRequestRecord struct {
	ID             int64
	RegistrationID int64
	Kind           DataRequestKind
	State          DataRequestState
	Details        []byte
	CreatedAt      time.Time
	DueAt          time.Time
	AnsweredAt     time.Time
	AnsweredBy     string
	Answer         []byte
}

// DataRequestAnswer is a staff decision on an open request.
type DataRequestAnswer struct {
	State  DataRequestState // answered or rejected
	By     string           // staff username
	Answer []byte           // sealed text
	At     time.Time
}

// DataRequestFilter selects the staff queue, by deadline then id.
type DataRequestFilter struct {
	State  DataRequestState // "" = any
	Offset int64
	Limit  int // 0 or more than DataRequestsPageMax means DataRequestsPageMax
}

// DataRequestStore keeps data requests. Every change appends an audit
// record (no personal data: ids, kinds and states) in its transaction.
type DataRequestStore interface {
	// CreateDataRequest stores r (open, or answered for an automatic
	// access request) and fills its ID, with an audit record by actor.
	// Returns CodeInvalid, CodeNotFound (no such registration) and
	// CodeConflict (an open request of the same kind exists).
	CreateDataRequest(ctx context.Context, r *DataRequestRecord, actor string) error
	// DataRequest returns one request. Returns CodeNotFound.
	DataRequest(ctx context.Context, id int64) (*DataRequestRecord, error)
	// DataRequestsOf lists a registrant's requests, newest first (at most
	// DataRequestsPageMax).
	DataRequestsOf(ctx context.Context, registrationID int64) ([]*DataRequestRecord, error)
	// DataRequestQueue lists requests by deadline.
	DataRequestQueue(ctx context.Context, f DataRequestFilter) ([]*DataRequestRecord, error)
	// AnswerDataRequest answers or rejects an open request; answering a
	// withdrawal also marks the registration withdrawn, in the same
	// transaction. Returns CodeInvalid, CodeNotFound and CodeConflict
	// (no longer open).
	AnswerDataRequest(ctx context.Context, id int64, a DataRequestAnswer) (*DataRequestRecord, error)
}
