package http

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestOpsPayoutMakerCheckerSQLite drives the payout maker-checker from the
// console on a real store: the maker prepares (recorded as them), may not
// approve; a checker may not prepare; a checker who prepared a run may not
// approve it (the store's payout_same_operator, shown translated); another
// checker approves one run and refuses the other; a decided run cannot be
// decided again. Each role sees only its own buttons.
func TestOpsPayoutMakerCheckerSQLite(t *testing.T) {
	c := newConsoleSQLite(t)
	ctx := context.Background()
	form := url.Values{"go": {"1"}}
	step := func(tok, path string) (int, string, string) {
		rec := c.do(t, "POST", path+"?lang=en", tok, form)
		return rec.Code, rec.Header().Get("Location"), rec.Body.String()
	}
	run := func(id int64) *prakerja.PayoutRun {
		r, err := c.store.PayoutRun(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	if code, _, _ := step(tokChecker, "/ops/payouts/prepare"); code != http.StatusForbidden {
		t.Fatalf("checker prepared: status %d, want 403", code)
	}
	before := c.head(t)
	code, loc, _ := step(tokMaker, "/ops/payouts/prepare")
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/ops/payouts?done=prepared&run=") {
		t.Fatalf("maker prepare: %d to %q", code, loc)
	}
	first, _ := strconv.ParseInt(loc[strings.LastIndex(loc, "=")+1:], 10, 64)
	if r := run(first); r.PreparedBy != "mira.maker" || r.State != prakerja.PayoutRunPrepared || r.Payments == 0 {
		t.Fatalf("prepared run %+v", r)
	}
	if es := c.audited(t, before); len(es) != 1 || es[0].Action != prakerja.AuditPayoutPrepared || es[0].Actor != "mira.maker" {
		t.Fatalf("prepare audit records %+v", es)
	}
	approve := func(id int64) string { return fmt.Sprintf("/ops/payouts/runs/%d/approve", id) }
	if code, _, _ := step(tokMaker, approve(first)); code != http.StatusForbidden {
		t.Fatalf("maker approved: status %d, want 403", code)
	}

	// A checker who prepared a run (from the command line) may not approve it.
	own, err := c.fx.Service.Prepare(ctx, "cahyo.checker", c.fx.Clock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	code, _, body := step(tokChecker, approve(own.RunID))
	if code != http.StatusForbidden || !strings.Contains(body, "The operator who prepared a payout run may not approve it.") {
		t.Fatalf("own run approved: status %d", code)
	}
	if r := run(own.RunID); r.State != prakerja.PayoutRunPrepared {
		t.Fatalf("own run is %s after the refused approval", r.State)
	}

	for _, tt := range []struct {
		tok, path string
		id        int64
		state     prakerja.PayoutRunState
		by        string
	}{
		{tokChecker, approve(first), first, prakerja.PayoutRunApproved, "cahyo.checker"},
		{tokChecker2, fmt.Sprintf("/ops/payouts/runs/%d/refuse", own.RunID), own.RunID, prakerja.PayoutRunRefused, "dewi.checker"},
	} {
		code, loc, _ := step(tt.tok, tt.path)
		if code != http.StatusSeeOther || !strings.Contains(loc, "run="+strconv.FormatInt(tt.id, 10)) {
			t.Fatalf("%s: %d to %q", tt.path, code, loc)
		}
		if r := run(tt.id); r.State != tt.state || r.ApprovedBy != tt.by {
			t.Fatalf("run %d is %s by %q, want %s by %q", tt.id, r.State, r.ApprovedBy, tt.state, tt.by)
		}
	}
	code, _, body = step(tokChecker2, approve(first))
	if code != http.StatusConflict || !strings.Contains(body, "does not allow this step") {
		t.Fatalf("approving an approved run: status %d", code)
	}
	if code, _, _ := step(tokChecker2, "/ops/payouts/runs/x/approve"); code != http.StatusNotFound {
		t.Fatalf("malformed run id: status %d, want 404", code)
	}
	testPayoutButtons(t, c)
}

// testPayoutButtons: the maker sees the prepare button and no decision
// buttons, a checker the reverse, an auditor neither.
func testPayoutButtons(t *testing.T, c *consoleSQLite) {
	if _, err := c.fx.Service.Prepare(context.Background(), "mira.maker", c.fx.Clock.Now(), nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		tok              string
		prepare, approve bool
	}{{tokMaker, true, false}, {tokChecker, false, true}, {tokAuditor, false, false}} {
		rec := c.do(t, "GET", "/ops/payouts?lang=en", tt.tok, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", tt.tok, rec.Code)
		}
		if got := strings.Contains(body, `action="/ops/payouts/prepare"`); got != tt.prepare {
			t.Errorf("%s sees the prepare button: %v, want %v", tt.tok, got, tt.prepare)
		}
		if got := strings.Contains(body, `/approve"`); got != tt.approve {
			t.Errorf("%s sees an approve button: %v, want %v", tt.tok, got, tt.approve)
		}
	}
}
