package http

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
	"github.com/prakerja/prakerja/targeting"
)

// DataRequestService carries out UU PDP data-subject rights;
// datarequest.Service implements it.
type DataRequestService interface {
	// Download gathers everything stored about a registrant and records
	// the download as an answered access request. Returns CodeNotFound.
	Download(ctx context.Context, regID int64) (*datarequest.Export, error)
	// Open files a correction or withdrawal. Returns CodeInvalid,
	// CodeNotFound and CodeConflict.
	Open(ctx context.Context, regID int64, kind prakerja.DataRequestKind, details string) (*prakerja.DataRequest, error)
	// Mine lists a registrant's requests, newest first.
	Mine(ctx context.Context, regID int64) ([]*prakerja.DataRequest, error)
	// Queue lists requests for staff by deadline.
	Queue(ctx context.Context, f prakerja.DataRequestFilter) ([]*prakerja.DataRequest, error)
	// Request returns one request. Returns CodeNotFound.
	Request(ctx context.Context, id int64) (*prakerja.DataRequest, error)
	// Answer answers or rejects an open request. Returns CodeInvalid,
	// CodeNotFound and CodeConflict.
	Answer(ctx context.Context, id int64, state prakerja.DataRequestState, by, answer string) (*prakerja.DataRequest, error)
}

// TargetingService computes targeting aggregates and writes exports;
// targeting.Service implements it.
type TargetingService interface {
	// Aggregates counts by region. Returns CodeInvalid.
	Aggregates(ctx context.Context, level prakerja.TargetingLevel, province string) ([]prakerja.TargetingAggregate, error)
	// Export writes a file and records it in the audit chain before
	// returning it. Returns CodeInvalid.
	Export(ctx context.Context, req targeting.Request) (*targeting.File, error)
}

var (
	_ DataRequestService = (*datarequest.Service)(nil)
	_ TargetingService   = (*targeting.Service)(nil)
)

func errDataRequestsOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "Data requests are not available.")
}

func errTargetingOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "Targeting is not available.")
}

// dataRequestView is one request as pages show it, times in WIB.
type dataRequestView struct {
	ID, RegistrationID     int64
	KindKey, StateKey      string
	Details, Answer, By    string
	Created, Due, Answered string
	Open, Overdue          bool
}

// dataRequestViewOf shows r at now.
func dataRequestViewOf(r *prakerja.DataRequest, now time.Time) dataRequestView {
	v := dataRequestView{ID: r.ID, RegistrationID: r.RegistrationID, KindKey: "datareq.kind." + string(r.Kind),
		StateKey: "datareq.state." + string(r.State), Details: r.Details, Answer: r.Answer, By: r.AnsweredBy,
		Created: wibTime(r.CreatedAt), Due: wibTime(r.DueAt), Open: r.State == prakerja.DataRequestOpen,
		Overdue: r.Overdue(now)}
	if !r.AnsweredAt.IsZero() {
		v.Answered = wibTime(r.AnsweredAt)
	}
	return v
}

// wibTime shows t as a date and clock time in WIB.
func wibTime(t time.Time) string { return t.In(prakerja.WIB).Format("02-01-2006 15:04") + " WIB" }
