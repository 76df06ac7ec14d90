package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqlite"
)

// TestAuditVerifyTamper appends records, then changes the log behind the
// store's back the ways an insider could, and wants `audit verify` to exit
// 1 naming the record every time.
func TestAuditVerifyTamper(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		tamper []string
		head   int // verify against the published head of this record (0 = none)
		want   string
	}{
		{"Intact", nil, 0, ""},
		{"IntactAgainstHead", nil, 6, ""},
		{"DetailChanged", []string{"DROP TRIGGER audit_log_no_update",
			`UPDATE audit_log SET detail = '{"payments":1}' WHERE seq = 4`}, 0, "record 4 was changed"},
		{"ActorChanged", []string{"DROP TRIGGER audit_log_no_update",
			"UPDATE audit_log SET actor = 'someone.else' WHERE seq = 2"}, 0, "record 2 was changed"},
		{"Removed", []string{"DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 5"}, 0,
			"record 5 is missing"},
		{"Reordered", []string{"DROP TRIGGER audit_log_no_update",
			"UPDATE audit_log SET seq = 100 WHERE seq = 3", "UPDATE audit_log SET seq = 3 WHERE seq = 4",
			"UPDATE audit_log SET seq = 4 WHERE seq = 100"}, 0, "record 3 does not link"},
		{"TailRemoved", []string{"DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq >= 7"}, 8,
			"published head 8 is beyond the chain's end 6"},
		{"Rewritten", []string{"DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq >= 6"}, 6,
			"record 6 is not the published head"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir, heads := auditDataDir(t, 8)
			tamper(t, dir, tt.tamper)
			if tt.name == "Rewritten" { // a consistent new history after record 5
				appendAudit(t, dir, 3)
			}
			args := []string{"audit", "verify", "--data", dir, "--json"}
			if tt.head > 0 {
				args = append(args, "--head", heads[tt.head-1])
			}
			code, out, errOut := runStoreCmd(t, nil, args...)
			if tt.want == "" {
				if code != 0 || !strings.Contains(out, "audit chain intact: 8 records") {
					t.Fatalf("intact chain: exit %d\n%s%s", code, out, errOut)
				}
				return
			}
			if code != 1 || !strings.Contains(out, "BREACH ") || !strings.Contains(out, tt.want) {
				t.Fatalf("exit %d, want 1 naming %q:\n%s%s", code, tt.want, out, errOut)
			}
		})
	}
}

// TestAuditAppendOnly: with the triggers in place, no UPDATE or DELETE of
// a record gets through.
func TestAuditAppendOnly(t *testing.T) {
	t.Parallel()
	dir, _ := auditDataDir(t, 2)
	db, err := sql.Open("sqlite", filepath.Join(dir, "prakerja.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want refused as append-only", q, err)
		}
	}
}

// auditDataDir is a migrated data folder with n audit records, and the
// head (SEQ:HASH) after each, as `audit head` prints it.
func auditDataDir(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := backlogDataDir(t)
	heads := appendAudit(t, dir, n)
	code, out, errOut := runStoreCmd(t, nil, "audit", "head", "--data", dir)
	if code != 0 || !strings.Contains(out, heads[n-1]) {
		t.Fatalf("audit head: exit %d, want %s:\n%s%s", code, heads[n-1], out, errOut)
	}
	return dir, heads
}

var headPattern = regexp.MustCompile(`^[0-9]+:[0-9a-f]{64}$`)

// appendAudit appends n payout-run records through the store.
func appendAudit(t *testing.T, dir string, n int) []string {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var heads []string
	at := time.Date(2020, time.May, 4, 9, 0, 0, 0, time.UTC)
	for i := range n {
		e := &prakerja.AuditEntry{At: at.Add(time.Duration(i) * time.Minute), Actor: fmt.Sprintf("operator.%c", 'a'+i%2),
			Action: prakerja.AuditPayoutApproved, Subject: fmt.Sprintf("payout_run:%d", i+1), Detail: `{"payments":168111}`}
		if err := store.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
		h := fmt.Sprintf("%d:%x", e.Seq, e.Hash)
		if !headPattern.MatchString(h) {
			t.Fatalf("head %q", h)
		}
		heads = append(heads, h)
	}
	return heads
}
