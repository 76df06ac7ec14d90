package http

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
)

// TestOnlineTestSQLite takes the test through the API on the real service
// and SQLite store, then joins a wave with the pass and checks the public
// status: the wiring the fakes cannot show.
func TestOnlineTestSQLite(t *testing.T) {
	t.Parallel()
	store, svc, regID := newSQLiteTaker(t)
	auth := &mock.RegistrationService{AuthenticateFn: func(context.Context, string) (*prakerja.Registration, error) {
		return &prakerja.Registration{ID: regID, Status: prakerja.StatusEligible}, nil
	}}
	srv := NewServer(Config{}, Deps{Registrations: auth, Store: store, Clock: fixedClock{testNow},
		Logger: slog.New(slog.DiscardHandler), Waves: store, Tests: svc, StatusChecks: svc})
	do := func(method, url, body string) (int, string) {
		rec := newRecorder(srv, scenario{method: method, url: url, body: body, session: true}.request())
		return rec.Code, rec.Body.String()
	}
	code, body := do("POST", "/api/v1/tests", "")
	var sit struct{ ID int64 }
	if err := json.Unmarshal([]byte(body), &sit); code != http.StatusCreated || err != nil {
		t.Fatalf("start: %d %s", code, body)
	}
	if strings.Contains(body, `"correct"`) {
		t.Fatal("the answer key left the server")
	}
	code, body = do("POST", fmt.Sprintf("/api/v1/tests/%d/answers", sit.ID), correctAnswers(t, store, sit.ID))
	if code != http.StatusOK || !strings.Contains(body, `"passed":true`) {
		t.Fatalf("answers: %d %s", code, body)
	}
	w := &prakerja.Wave{Name: "Gelombang 1", Scheme: "2020", OpensAt: testNow.Add(-time.Hour), ClosesAt: testNow.Add(time.Hour), Quota: 10}
	if err := store.CreateWave(context.Background(), w, testNow); err != nil {
		t.Fatal(err)
	}
	if code, body = do("POST", fmt.Sprintf("/api/v1/waves/%d/joins", w.ID), ""); code != http.StatusCreated {
		t.Fatalf("join after the pass: %d %s", code, body)
	}
	code, body = do("POST", "/api/v1/status-checks", `{"nik":"3171015708950001","birth_date":"1995-08-17"}`)
	if code != http.StatusOK || !strings.Contains(body, `"status":"in_selection"`) {
		t.Fatalf("status check: %d %s", code, body)
	}
}

// newSQLiteTaker opens a migrated SQLite store and a registration service
// on it, with one eligible registrant.
func newSQLiteTaker(t *testing.T) (*sqldb.Store, *registration.Service, int64) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prakerja.db")
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	svc := registration.New(store, keys, fixedClock{testNow}, registration.DefaultConfig())
	reg, err := svc.Register(ctx, prakerja.RegisterInput{FullName: "Siti Rahayu", Email: "siti@example.com",
		Phone: "081234567890", NIK: "3171015708950001", KK: "3171011203150007", BirthDate: "1995-08-17",
		Sex: "F", DomicileDistrict: "31.71.01"}, prakerja.Client{})
	if err != nil {
		t.Fatal(err)
	}
	// Eligible as the verification pipeline would leave it; the pipeline
	// is not under test here.
	if _, err := store.Writer().Exec(`UPDATE registrations SET status = 'eligible' WHERE id = ?`, reg.ID); err != nil {
		t.Fatal(err)
	}
	return store, svc, reg.ID
}

// correctAnswers reads the stored attempt's key and answers every scored
// question right, as a JSON request body.
func correctAnswers(t *testing.T, store *sqldb.Store, id int64) string {
	t.Helper()
	ta, err := store.TestAttempt(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var a onlinetest.Attempt
	if err := json.Unmarshal(ta.Doc, &a); err != nil {
		t.Fatal(err)
	}
	var req struct {
		Answers []onlinetest.Answer `json:"answers"`
	}
	for _, it := range a.Items {
		for i, o := range it.Options {
			if o.Correct {
				req.Answers = append(req.Answers, onlinetest.Answer{QuestionID: it.QuestionID, Option: i})
			}
		}
	}
	b, _ := json.Marshal(req)
	return string(b)
}
