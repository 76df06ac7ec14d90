package datarequest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
)

var t0 = time.Date(2026, time.March, 10, 3, 0, 0, 0, time.UTC)

type env struct {
	store *sqldb.Store
	keys  *pii.Keyring
	clock *mock.Clock
	svc   *datarequest.Service
}

func newEnv(t *testing.T) *env {
	t.Helper()
	store, keys := sqlitetest.Open(t), sqlitetest.Keys(t)
	clock := mock.NewClock(t0)
	return &env{store: store, keys: keys, clock: clock, svc: datarequest.New(store, keys, clock)}
}

// add stores a registration with sealed NIK and KK and returns its id.
func (e *env) add(t *testing.T, name, nik, kk string) int64 {
	t.Helper()
	nr := storetest.NewRegistration(storetest.Unique())
	var err error
	if nr.Record.NIK, err = e.keys.Seal(prakerja.IndexNIK, nik); err != nil {
		t.Fatal(err)
	}
	if nr.Record.KK, err = e.keys.Seal(prakerja.IndexKK, kk); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		field prakerja.IndexField
		v     string
		dst   *prakerja.Sealed
	}{{prakerja.IndexEmail, nik + "@contoh.id", &nr.Record.Email}, {prakerja.IndexPhone, "+62812" + nik[10:], &nr.Record.Phone}} {
		if *f.dst, err = e.keys.Seal(f.field, f.v); err != nil {
			t.Fatal(err)
		}
	}
	nr.Record.FullName, nr.Record.WorkImpact = name, prakerja.WorkLostJob
	if err := e.store.CreateRegistration(context.Background(), nr); err != nil {
		t.Fatal(err)
	}
	return nr.Record.ID
}

func TestDownload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	me := e.add(t, "Siti Rahayu", "3171015708950001", "3171011203150007")
	e.add(t, "Budi Rahayu", "3171011708900002", "3171011203150007") // same family card
	x, err := e.svc.Download(ctx, me)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"nik":"3171015708950001"`, `"kk":"3171011203150007"`, `"full_name":"Siti Rahayu"`,
		`"work_impact":"lost_job"`, `"kind":"access"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("download lacks %s: %s", want, data)
		}
	}
	for _, other := range []string{"Budi", "3171011708900002"} {
		if bytes.Contains(data, []byte(other)) {
			t.Errorf("download holds a family member's data %q", other)
		}
	}
	if len(x.DataRequests) != 1 || x.DataRequests[0].State != prakerja.DataRequestAnswered {
		t.Fatalf("download not recorded as an answered access request: %+v", x.DataRequests)
	}
	entries, err := e.store.AuditEntries(ctx, 0, 10)
	if err != nil || len(entries) != 1 || entries[0].Action != prakerja.AuditDataDownloaded {
		t.Fatalf("audit = %v, %v; want one download record", entries, err)
	}
	if bytes.Contains([]byte(entries[0].Detail), []byte("3171015708950001")) {
		t.Fatal("audit record holds the NIK")
	}
	_, err = e.svc.Download(ctx, 999_999)
	storetest.WantCode(t, err, prakerja.CodeNotFound)
}

func TestCorrectionAndWithdrawal(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	me := e.add(t, "Siti Rahayu", "3171015708950001", "3171011203150007")
	const details = "Nama saya Siti Rahayu Ningsih, bukan Siti Rahayu."
	c, err := e.svc.Open(ctx, me, prakerja.DataCorrection, "  "+details+" ")
	if err != nil {
		t.Fatal(err)
	}
	if c.Details != details || !c.DueAt.Equal(t0.Add(72*time.Hour)) || c.State != prakerja.DataRequestOpen {
		t.Fatalf("opened %+v", c)
	}
	raw, err := e.store.DataRequest(ctx, c.ID)
	if err != nil || bytes.Contains(raw.Details, []byte("Ningsih")) {
		t.Fatalf("details stored in clear (%v)", err)
	}
	_, err = e.svc.Open(ctx, me, prakerja.DataCorrection, "again")
	storetest.WantCode(t, err, prakerja.CodeConflict)
	for name, kind := range map[string]prakerja.DataRequestKind{"ErrAccess": prakerja.DataAccess, "ErrNoDetails": prakerja.DataCorrection} {
		_, err := e.svc.Open(ctx, me, kind, "")
		if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	a, err := e.svc.Answer(ctx, c.ID, prakerja.DataRequestAnswered, "support.a", "Nama diperbaiki menjadi Siti Rahayu Ningsih.")
	if err != nil || a.AnsweredBy != "support.a" || a.Answer == "" {
		t.Fatalf("answer: %+v, %v", a, err)
	}
	_, err = e.svc.Answer(ctx, c.ID, prakerja.DataRequestAnswered, "support.a", "")
	storetest.WantCode(t, err, prakerja.CodeInvalid)

	w, err := e.svc.Open(ctx, me, prakerja.DataWithdrawal, "")
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Add(2 * time.Hour)
	if _, err := e.svc.Answer(ctx, w.ID, prakerja.DataRequestAnswered, "support.b", "Pemrosesan dihentikan."); err != nil {
		t.Fatal(err)
	}
	r, err := e.store.Registration(ctx, me)
	if err != nil || !r.WithdrawnAt.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("withdrawn at %v (%v), want %v", r.WithdrawnAt, err, t0.Add(2*time.Hour))
	}
	q, err := e.svc.Queue(ctx, prakerja.DataRequestFilter{})
	if err != nil || len(q) != 2 || q[0].Details != details {
		t.Fatalf("queue %+v, %v", q, err)
	}
}

// TestDownloadLimit allows DataDownloadsPerDay downloads a day, then says
// when to come back.
func TestDownloadLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	me := e.add(t, "Siti Rahayu", "3171015708950001", "3171011203150007")
	for i := range prakerja.DataDownloadsPerDay {
		e.clock.Add(time.Hour)
		if _, err := e.svc.Download(ctx, me); err != nil {
			t.Fatalf("download %d: %v", i+1, err)
		}
	}
	_, err := e.svc.Download(ctx, me)
	var pe *prakerja.Error
	if !errors.As(err, &pe) || pe.Code != prakerja.CodeRateLimited || pe.Retry != 20*time.Hour {
		t.Fatalf("sixth download: %v, want rate_limited for 20h", err)
	}
	e.clock.Add(20 * time.Hour)
	if _, err := e.svc.Download(ctx, me); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}
