package http

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
)

// complaintsFake is a ComplaintService for the route-level tests (the
// OpenAPI examples): every call succeeds with one fixture ticket. The
// behaviour itself is tested on a real SQLite store in
// complaints_sqlite_test.go.
type complaintsFake struct{}

var _ ComplaintService = complaintsFake{}

func fakeComplaint(regID int64) complaint.Item {
	c := &prakerja.Complaint{ID: 123, RegistrationID: regID, Category: prakerja.ComplaintPayoutFailed,
		State: prakerja.ComplaintOpen, Subject: "Insentif", Body: "Belum masuk.", CreatedAt: testNow, UpdatedAt: testNow,
		Reference: prakerja.ComplaintReference(123, testNow)}
	return complaint.Item{Complaint: c, SLA: prakerja.ComplaintAge{Status: prakerja.SLAOnTrack, FirstDue: testNow.Add(24 * time.Hour)}}
}

func (complaintsFake) Open(_ context.Context, in complaint.OpenInput) (*complaint.Item, error) {
	it := fakeComplaint(in.RegistrationID)
	return &it, nil
}

func (complaintsFake) Mine(_ context.Context, regID, _ int64, _ int) ([]complaint.Item, error) {
	return []complaint.Item{fakeComplaint(regID)}, nil
}

func (complaintsFake) Thread(_ context.Context, regID, _ int64) (*complaint.Thread, error) {
	return &complaint.Thread{Item: fakeComplaint(regID)}, nil
}

func (complaintsFake) Reply(_ context.Context, regID, _ int64, _ string) (*complaint.Item, error) {
	it := fakeComplaint(regID)
	return &it, nil
}

func (complaintsFake) Queue(context.Context, prakerja.ComplaintQueueFilter) ([]complaint.Item, error) {
	return []complaint.Item{fakeComplaint(1)}, nil
}

func (complaintsFake) Detail(context.Context, int64) (*complaint.Thread, error) {
	return &complaint.Thread{Item: fakeComplaint(1)}, nil
}

func (complaintsFake) Act(context.Context, complaint.Action) (*complaint.Item, error) {
	it := fakeComplaint(1)
	return &it, nil
}
