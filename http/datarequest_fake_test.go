package http

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
)

// dataRequestsFake answers every data-request call successfully, for the
// route and document tests; behaviour is tested on a real store in
// datarequest_sqlite_test.go.
type dataRequestsFake struct{}

var _ DataRequestService = dataRequestsFake{}

func fakeDataRequest(regID int64, kind prakerja.DataRequestKind) *prakerja.DataRequest {
	return &prakerja.DataRequest{ID: 1, RegistrationID: regID, Kind: kind, State: prakerja.DataRequestOpen,
		CreatedAt: testNow, DueAt: testNow.Add(72 * time.Hour)}
}

func (dataRequestsFake) Download(_ context.Context, regID int64) (*datarequest.Export, error) {
	return &datarequest.Export{GeneratedAt: testNow, Registration: datarequest.ExportRegistration{ID: regID}}, nil
}

func (dataRequestsFake) Open(_ context.Context, regID int64, kind prakerja.DataRequestKind, _ string) (*prakerja.DataRequest, error) {
	return fakeDataRequest(regID, kind), nil
}

func (dataRequestsFake) Mine(_ context.Context, regID int64) ([]*prakerja.DataRequest, error) {
	return []*prakerja.DataRequest{fakeDataRequest(regID, prakerja.DataCorrection)}, nil
}

func (dataRequestsFake) Queue(context.Context, prakerja.DataRequestFilter) ([]*prakerja.DataRequest, error) {
	return []*prakerja.DataRequest{fakeDataRequest(7, prakerja.DataWithdrawal)}, nil
}

func (dataRequestsFake) Request(_ context.Context, id int64) (*prakerja.DataRequest, error) {
	return fakeDataRequest(7, prakerja.DataWithdrawal), nil
}

func (dataRequestsFake) Answer(_ context.Context, id int64, state prakerja.DataRequestState, by, _ string) (*prakerja.DataRequest, error) {
	r := fakeDataRequest(7, prakerja.DataWithdrawal)
	r.State, r.AnsweredBy, r.AnsweredAt = state, by, testNow
	return r, nil
}
