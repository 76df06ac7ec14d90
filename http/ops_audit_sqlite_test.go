package http

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/audit"
	"github.com/prakerja/prakerja/storetest"
)

// TestOpsAuditSQLite covers /ops/audit on a real store: only audit.view
// roles see it; it shows the head to publish and the newest records
// first, paged back to the first; "verify now" finds the chain intact,
// checks a published head, refuses a malformed one, and names a record
// changed behind the store's back.
func TestOpsAuditSQLite(t *testing.T) {
	c := newConsoleSQLite(t)
	ctx := context.Background()
	for i := range 60 {
		if err := c.store.AppendAudit(ctx, &prakerja.AuditEntry{At: storetest.T0, Actor: "system", Action: "test.record",
			Subject: fmt.Sprintf("item:%d", i), Detail: "{}"}); err != nil {
			t.Fatal(err)
		}
	}
	head, err := c.store.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	headText := audit.Head{Seq: head.Seq, Hash: head.Hash}.String()
	get := func(tok, target string) (int, string) {
		rec := c.do(t, "GET", target, tok, nil)
		return rec.Code, rec.Body.String()
	}
	verify := func(published string) (int, string) {
		rec := c.do(t, "POST", "/ops/audit/verify?lang=en", tokAuditor, url.Values{"head": {published}})
		return rec.Code, rec.Body.String()
	}

	for _, tok := range []string{tokVerifier, tokMaker, tokSupport} {
		if code, _ := get(tok, "/ops/audit"); code != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tok, code)
		}
	}
	code, body := get(tokAuditor, "/ops/audit?lang=en")
	if code != http.StatusOK || !strings.Contains(body, headText) {
		t.Fatalf("audit page: status %d, head %s shown %v", code, headText, strings.Contains(body, headText))
	}
	newest := fmt.Sprintf(`<th scope="row">%d</th>`, head.Seq)
	oldest := `<th scope="row">1</th>`
	if !strings.Contains(body, newest) || strings.Contains(body, oldest) || !strings.Contains(body, "/ops/audit?before=") {
		t.Fatal("the first page is not the newest records with a link to older ones")
	}
	if _, body := get(tokOperator, "/ops/audit?before=11"); !strings.Contains(body, oldest) ||
		!strings.Contains(body, `<th scope="row">10</th>`) || strings.Contains(body, `<th scope="row">11</th>`) {
		t.Fatal("the page before 11 does not hold records 1 to 10")
	}

	for _, tt := range []struct {
		name, head string
		status     int
		want       string
	}{
		{"OK", "", http.StatusOK, fmt.Sprintf("The chain is intact: %d records.", head.Seq)},
		{"OKPublishedHead", headText, http.StatusOK, "The chain is intact"},
		{"ErrHeadMalformed", "12:abc", http.StatusUnprocessableEntity, "A head is SEQ:HASH"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := verify(tt.head); code != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("status %d, want %d with %q", code, tt.status, tt.want)
			}
		})
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'someone.else' WHERE seq = 7"} {
		if _, err := c.store.Writer().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if code, body := verify(""); code != http.StatusOK || !strings.Contains(body, "The chain is broken") ||
		!strings.Contains(body, "record 7 was changed after it was written") {
		t.Fatalf("tampered chain: status %d, broken shown %v", code, strings.Contains(body, "broken"))
	}
}

// TestOpsReviewAuditedSQLite: a duplicate flag decided in the console is
// recorded in the audit chain under the signed-in verifier's username,
// whatever name the form's reviewer field carries; the flags page links
// each registration to its registrant page.
func TestOpsReviewAuditedSQLite(t *testing.T) {
	c := newConsoleSQLite(t)
	ctx := context.Background()
	a, b := c.fx.Participants[0], c.fx.Participants[2]
	if _, _, err := c.store.CompleteWork(ctx, prakerja.StepEligibility, nil,
		[]prakerja.DuplicateFlag{{A: a, B: b, Reason: "name_birth_date", Score: 80}}, storetest.T0); err != nil {
		t.Fatal(err)
	}
	flags, err := c.store.DuplicateFlags(ctx, prakerja.FlagFilter{Status: prakerja.FlagOpen})
	if err != nil || len(flags) != 1 {
		t.Fatalf("flags %v, %v", flags, err)
	}
	rec := c.do(t, "GET", "/ops/flags", tokVerifier, nil)
	for _, id := range []int64{a, b} {
		if link := fmt.Sprintf(`href="/ops/registrants/%d"`, id); !strings.Contains(rec.Body.String(), link) {
			t.Errorf("flags page lacks %s", link)
		}
	}
	before := c.head(t)
	rec = c.do(t, "POST", fmt.Sprintf("/ops/flags/%d", flags[0].ID), tokVerifier,
		url.Values{"decision": {"cleared"}, "reviewer": {"Someone Else"}, "note": {"different people"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("review: status %d: %s", rec.Code, rec.Body.String())
	}
	es := c.audited(t, before)
	if len(es) != 1 || es[0].Action != prakerja.AuditFlagReviewed || es[0].Actor != "vina.verifier" ||
		es[0].Subject != fmt.Sprintf("flag:%d", flags[0].ID) || strings.Contains(es[0].Detail, "different people") {
		t.Fatalf("review audit records %+v", es)
	}
}
