package nomination_test

import (
	"context"
	"fmt"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/sqldb"
)

func mustSubmitter(t *testing.T) (*nomination.Submitter, *sqldb.Store) {
	t.Helper()
	store, ring := sqlitetest.Open(t), sqlitetest.Keys(t)
	return nomination.NewSubmitter(store, ring, mock.NewClock(now)), store
}

// nikN is a valid NIK with serial n.
func nikN(n int) string { return fmt.Sprintf("317101170890%04d", n) }

// TestSubmit: a clean list is stored and audited with every row
// accepted; a list with bad rows stores nothing and answers every row,
// also past the first LineErrorsMax bad ones.
func TestSubmit(t *testing.T) {
	t.Parallel()
	var rows []nomination.Row
	for i := 1; i <= 5; i++ {
		rows = append(rows, nomination.Row{NIK: nikN(i), Category: "phk"})
	}
	rows = append(rows, rows[0]) // a NIK twice is stored once
	many := "nik,category\n"
	for i := 1; i <= 30; i++ {
		if i%10 == 0 {
			many += nikN(i) + ",pmi\n"
		} else {
			many += nikN(i)[:10] + ",pmi\n" // too short
		}
	}
	tests := []struct {
		name         string
		list         string
		stored       bool
		refusedLines []int64
		results      int
	}{
		{"OKJSONRows", string(nomination.RowsCSV(rows)), true, nil, 6},
		{"ErrOneBadRow", "nik,category\n" + nikN(1) + ",phk\n\n" + nikN(2) + ",veteran\n" + nikN(3) + ",umkm\n", false, []int64{4}, 3},
		{"ErrQuotedDelimiter", string(nomination.RowsCSV([]nomination.Row{{NIK: nikN(1) + ",x", Category: "phk"}})), false, []int64{2}, 1},
		{"ErrManyBadRows", many, false, nil, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sub, store := mustSubmitter(t)
			ctx := context.Background()
			got, err := sub.Submit(ctx, "bpjs_tk", "partner:pk_test", []byte(tc.list))
			if err != nil {
				t.Fatalf("Submit: %v", err)
			}
			if got.Stored != tc.stored || len(got.Results) != tc.results {
				t.Fatalf("stored %v with %d results, want %v with %d", got.Stored, len(got.Results), tc.stored, tc.results)
			}
			imports, err := store.NominationImports(ctx)
			if err != nil {
				t.Fatal(err)
			}
			audit, err := store.AuditEntries(ctx, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if tc.stored {
				if len(imports) != 1 || imports[0].Entries != 5 || !imports[0].Current || len(audit) != 1 ||
					audit[0].Actor != "partner:pk_test" || audit[0].Action != prakerja.AuditNominationImported || strings.Contains(audit[0].Detail, nikN(1)) {
					t.Fatalf("imports %+v, audit %+v", imports, audit)
				}
				for _, r := range got.Results {
					if r.Status != nomination.RowAccepted {
						t.Fatalf("row %+v, want accepted", r)
					}
				}
				return
			}
			if len(imports) != 0 || len(audit) != 0 {
				t.Fatalf("refused list stored: %d imports, %d audit records", len(imports), len(audit))
			}
			var refused []int64
			for _, r := range got.Results {
				if r.Status == nomination.RowRefused {
					refused = append(refused, r.Line)
					if r.Code == "" || strings.Contains(r.Message, nikN(1)[:10]) {
						t.Fatalf("refused row %+v: no code, or the NIK in the message", r)
					}
				} else if r.Status != nomination.RowNotStored {
					t.Fatalf("row %+v in a refused list", r)
				}
			}
			if tc.name == "ErrManyBadRows" {
				if len(refused) != 27 || got.Refused != 27 {
					t.Fatalf("%d rows refused, want 27 (beyond the first %d)", len(refused), nomination.LineErrorsMax)
				}
				return
			}
			if fmt.Sprint(refused) != fmt.Sprint(tc.refusedLines) {
				t.Fatalf("refused lines %v, want %v", refused, tc.refusedLines)
			}
		})
	}
}

func TestSubmitRefusedWhole(t *testing.T) {
	t.Parallel()
	sub, _ := mustSubmitter(t)
	ctx := context.Background()
	tests := []struct {
		name string
		list string
		inst string
		want prakerja.Code
	}{
		{"ErrHeader", "nik\n" + nikN(1) + "\n", "bpjs_tk", prakerja.CodeInvalid},
		{"ErrNoRows", "nik,category\n", "bpjs_tk", prakerja.CodeInvalid},
		{"ErrInstitution", "nik,category\n" + nikN(1) + ",phk\n", "BPJS TK", prakerja.CodeInvalid},
		{"ErrTooLarge", strings.Repeat("x", nomination.SubmitBytesMax+1), "bpjs_tk", prakerja.CodeTooLarge},
		{"ErrTooManyRows", "nik,category\n" + strings.Repeat(nikN(1)+",phk\n", nomination.SubmitRowsMax+1), "bpjs_tk", prakerja.CodeTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sub.Submit(ctx, tc.inst, "x", []byte(tc.list))
			if got := prakerja.ErrorCode(err); got != tc.want {
				t.Fatalf("code %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}
