package registration_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
)

// makeEligible sets a registration's status as the verification pipeline
// would, straight in the database: the pipeline is not under test here.
func (e *env) makeEligible(t *testing.T, regID int64) {
	t.Helper()
	w, ok := e.store.(interface{ Writer() *sql.DB })
	if !ok {
		t.Fatal("store has no writer")
	}
	if _, err := w.Writer().Exec(`UPDATE registrations SET status = 'eligible' WHERE id = ?`, regID); err != nil {
		t.Fatal(err)
	}
}

// eligible registers a person and makes them eligible.
func (e *env) eligible(t *testing.T) *prakerja.Registration {
	t.Helper()
	r := e.register(t, person())
	e.makeEligible(t, r.ID)
	return r
}

// answers returns answers to the stored attempt: all correct, or none.
func (e *env) answers(t *testing.T, attemptID int64, correct bool) []onlinetest.Answer {
	t.Helper()
	ta, err := e.store.TestAttempt(context.Background(), attemptID)
	if err != nil {
		t.Fatal(err)
	}
	var a onlinetest.Attempt
	if err := json.Unmarshal(ta.Doc, &a); err != nil {
		t.Fatal(err)
	}
	var out []onlinetest.Answer
	for _, it := range a.Items {
		for i, o := range it.Options {
			if correct && (o.Correct || (o.Points != nil && i == len(it.Options)-1)) {
				out = append(out, onlinetest.Answer{QuestionID: it.QuestionID, Option: i})
				break
			}
		}
	}
	return out
}

func TestStartTest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.register(t, person())
	_, _, err := e.svc.StartTest(ctx, r.ID)
	wantCode(t, err, prakerja.CodeNotVerified)
	e.makeEligible(t, r.ID)
	sit, created, err := e.svc.StartTest(ctx, r.ID)
	if err != nil || !created {
		t.Fatalf("StartTest = %v, created %v", err, created)
	}
	if n := len(sit.View.Questions); n != 20 || !sit.View.Deadline.Equal(T0.Add(30*time.Minute)) {
		t.Fatalf("%d questions, deadline %v; want 20 and %v", n, sit.View.Deadline, T0.Add(30*time.Minute))
	}
	again, created, err := e.svc.StartTest(ctx, r.ID)
	if err != nil || created || again.AttemptID != sit.AttemptID {
		t.Fatalf("second StartTest = %v, created %v, attempt %d; want the open attempt %d", err, created, again.AttemptID, sit.AttemptID)
	}
	other := e.eligible(t)
	_, err = e.svc.SubmitTest(ctx, other.ID, sit.AttemptID, nil)
	wantCode(t, err, prakerja.CodeNotFound)
}

func TestSubmitTestPass(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.eligible(t)
	sit, _, err := e.svc.StartTest(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Add(30 * time.Minute) // the deadline itself still counts
	out, err := e.svc.SubmitTest(ctx, r.ID, sit.AttemptID, e.answers(t, sit.AttemptID, true))
	if err != nil || !out.Passed || out.Score != 100 || out.PassPercent != 60 {
		t.Fatalf("SubmitTest = %+v, %v; want passed with 100", out, err)
	}
	_, err = e.svc.SubmitTest(ctx, r.ID, sit.AttemptID, nil)
	wantCode(t, err, prakerja.CodeTestSubmitted)
	res, err := e.store.TestResult(ctx, r.ID)
	if err != nil || res.PassedAt.IsZero() {
		t.Fatalf("test result %+v, %v; want passed (joining reads it)", res, err)
	}
	_, _, err = e.svc.StartTest(ctx, r.ID)
	wantCode(t, err, prakerja.CodeTestAlreadyPassed)
}

func TestSubmitTestRetake(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.eligible(t)
	sit, _, _ := e.svc.StartTest(ctx, r.ID)
	e.clock.Add(5 * time.Minute)
	out, err := e.svc.SubmitTest(ctx, r.ID, sit.AttemptID, nil)
	if err != nil || out.Passed || out.Score != 0 {
		t.Fatalf("empty answers = %+v, %v; want a fail", out, err)
	}
	_, _, err = e.svc.StartTest(ctx, r.ID)
	wantCode(t, err, prakerja.CodeTestRetakeWait)
	if d := err.(*prakerja.Error).Retry; d != 24*time.Hour {
		t.Fatalf("retry after %v, want 24h", d)
	}
	st, err := e.svc.TestStatus(ctx, r.ID)
	if err != nil || st.Retake.Reason != onlinetest.ReasonWaitRequired || len(st.Attempts) != 1 || st.Attempts[0].Doc != nil {
		t.Fatalf("status = %+v, %v", st, err)
	}
	e.clock.Add(24 * time.Hour)
	sit2, created, err := e.svc.StartTest(ctx, r.ID)
	if err != nil || !created || sit2.View.No != 2 {
		t.Fatalf("retake = %+v, %v", sit2, err)
	}
}

func TestSubmitTestDeadline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.eligible(t)
	sit, _, _ := e.svc.StartTest(ctx, r.ID)
	e.clock.Add(30*time.Minute + time.Millisecond)
	_, err := e.svc.SubmitTest(ctx, r.ID, sit.AttemptID, e.answers(t, sit.AttemptID, true))
	wantCode(t, err, prakerja.CodeTestDeadlinePassed)
	if _, err := e.store.TestResult(ctx, r.ID); prakerja.ErrorCode(err) != prakerja.CodeNotFound {
		t.Fatalf("a late answer left a result: %v", err)
	}
}

// TestStartTestConcurrent starts from many requests at once, a double
// click: one attempt is made and every request gets it.
func TestStartTestConcurrent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.eligible(t)
	const clicks = 8
	ids := make(chan int64, clicks)
	var wg sync.WaitGroup
	for range clicks {
		wg.Go(func() {
			sit, _, err := e.svc.StartTest(context.Background(), r.ID)
			if err != nil {
				t.Errorf("StartTest: %v", err)
				return
			}
			ids <- sit.AttemptID
		})
	}
	wg.Wait()
	close(ids)
	seen := map[int64]bool{}
	for id := range ids {
		seen[id] = true
	}
	if len(seen) != 1 {
		t.Fatalf("attempts %v, want one", seen)
	}
}
