package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
)

// A wave's credit writes, per participant, eight transfers and five new
// accounts whose columns are mostly the same for the whole batch: one
// budget account debited, one wave in user_data, one created_at, no ref,
// no flags, no expiry, zero balances but one. With the pure-Go SQLite
// driver every bound parameter costs a lock and an unlock of the
// connection's mutex (about 80 ns; a third of the writer's time went to
// binding), so on SQLite such rows are written in "credit shapes": the
// values shared by a run of rows are bound once per statement, constant
// ones are literals, and the rest (seq, registration_id, an account's code
// and owner) are computed by SQLite from what is bound. A transfer row then
// binds 4 values instead of 12, an account row 3 instead of 11. Every row
// is checked in Go before it goes in a shape: a row the shape would store
// differently from the generic insert is written by the generic one.
const (
	// creditRunMin is the shortest run of rows worth a shaped statement.
	creditRunMin = 16

	shapeTransferShared = 4 // seq base, debit account, user_data, created_at
	shapeTransferRow    = 4 // id, credit account, amount, code
	shapeAccountShared  = 2 // ledger, created_at
	shapeAccountRow     = 3 // id, flags, credits_posted
)

// transferShape is what a shaped transfer statement binds once.
type transferShape struct {
	debit, userData, created int64
}

// shapeOfTransfer reports whether t can be written in the credit shape,
// and the values the shape binds once. The shape stores ref_id, flags and
// expires_at as NULL, 0 and NULL, and registration_id as the credit
// account's owner, so t must agree with all four.
func shapeOfTransfer(t *prakerja.Transfer) (transferShape, bool) {
	ok := t.Ref.IsZero() && t.Flags == 0 && expiresArg(t) == nil &&
		prakerja.RegistrationOfAccount(t.DebitAccount) == 0 && t.CreditAccount > 0 &&
		registrationOf(t) == t.CreditAccount>>4
	return transferShape{debit: t.DebitAccount, userData: t.UserData, created: t.CreatedAt.UnixMicro()}, ok
}

// accountShape is what a shaped account statement binds once.
type accountShape struct {
	ledger, created int64
}

// shapeOfAccount reports whether a can be written in the credit shape: a
// participant account (code and owner are encoded in its id) without a
// name whose only balance, if any, is posted credits.
func shapeOfAccount(a *prakerja.Account) (accountShape, bool) {
	ok := a.ID > 0 && int64(a.Code) == a.ID&0xf && a.Owner == a.ID>>4 && a.Name == "" &&
		a.DebitsPending == 0 && a.DebitsPosted == 0 && a.CreditsPending == 0
	return accountShape{ledger: int64(a.Ledger), created: a.CreatedAt.UnixMicro()}, ok
}

// creditShapes reports whether the store writes credit shapes: they use
// SQLite's numbered parameters (?NNN), and PostgreSQL binds arrays instead.
func (s *Store) creditShapes() bool { return s.dialect.name == SQLite.name }

// shapedRuns splits rows 0..n-1 into runs of at least creditRunMin
// consecutive rows that fit one shape (same shared values, and for
// transfers consecutive seqs), and the rest. fit reports a row's shape;
// next reports whether row i may follow row i-1 in one statement.
func shapedRuns[K comparable](n int, fit func(i int) (K, bool), next func(i int) bool) (runs [][2]int, rest []int) {
	for lo := 0; lo < n; {
		k, ok := fit(lo)
		hi := lo + 1
		for ok && hi < n && next(hi) {
			k2, ok2 := fit(hi)
			if !ok2 || k2 != k {
				break
			}
			hi++
		}
		if ok && hi-lo >= creditRunMin {
			runs = append(runs, [2]int{lo, hi})
		} else {
			for i := lo; i < hi; i++ {
				rest = append(rest, i)
			}
		}
		lo = hi
	}
	return runs, rest
}

// insertTransfersShaped writes st.Created, each run of credit-shaped rows
// by the shaped statement and the rest by the generic one.
func (s *Store) insertTransfersShaped(ctx context.Context, tx *sql.Tx, created []*prakerja.Transfer) error {
	runs, rest := shapedRuns(len(created), func(i int) (transferShape, bool) { return shapeOfTransfer(created[i]) },
		func(i int) bool { return created[i].Seq == created[i-1].Seq+1 })
	for _, r := range runs {
		k, _ := shapeOfTransfer(created[r[0]])
		err := s.ledgerExecShaped(ctx, tx, shapeTransfers, r[1]-r[0],
			func(lo int, args []any) []any {
				return append(args, created[r[0]+lo].Seq, k.debit, k.userData, k.created)
			},
			func(i int, args []any) []any {
				t := created[r[0]+i]
				return append(args, t.ID[:], t.CreditAccount, t.Amount, int64(t.Code))
			})
		if err != nil {
			return err
		}
	}
	return s.ledgerExecRows(ctx, tx, sqlInsertTransfers, "", 12, len(rest), func(i int, args []any) ([]any, error) {
		return transferArgs(created[rest[i]], args), nil
	})
}

// upsertAccountsShaped writes the accounts ids (in order) like
// insertTransfersShaped.
func (s *Store) upsertAccountsShaped(ctx context.Context, tx *sql.Tx, st *ledgerState, ids []int64) error {
	runs, rest := shapedRuns(len(ids), func(i int) (accountShape, bool) { return shapeOfAccount(st.Accounts[ids[i]]) },
		func(int) bool { return true })
	for _, r := range runs {
		k, _ := shapeOfAccount(st.Accounts[ids[r[0]]])
		err := s.ledgerExecShaped(ctx, tx, shapeAccounts, r[1]-r[0],
			func(_ int, args []any) []any { return append(args, k.ledger, k.created) },
			func(i int, args []any) []any {
				a := st.Accounts[ids[r[0]+i]]
				return append(args, a.ID, int64(a.Flags), a.CreditsPosted)
			})
		if err != nil {
			return err
		}
	}
	return s.ledgerExecRows(ctx, tx, sqlUpsertAccounts, sqlUpsertAccountsTail, 11, len(rest), func(i int, args []any) ([]any, error) {
		return accountArgs(st.Accounts[ids[rest[i]]], args), nil
	})
}

// ledgerExecShaped writes n rows of a shape in statements of ledgerChunk
// rows: shared appends the values bound once for the chunk starting at
// row lo, row those of row i.
func (s *Store) ledgerExecShaped(ctx context.Context, tx *sql.Tx, sh shape, n int,
	shared func(lo int, args []any) []any, row func(i int, args []any) []any) error {
	args := make([]any, 0, sh.shared+sh.row*min(n, SelectionBatchMax))
	for lo := 0; lo < n; {
		hi := lo + ledgerChunk(n-lo)
		args = shared(lo, args[:0])
		for i := lo; i < hi; i++ {
			args = row(i, args)
		}
		if err := s.shapedExec(ctx, tx, s.ledger.stmts.shaped(sh, hi-lo), args); err != nil {
			return fmt.Errorf("insert %s rows %d to %d: %w", sh.name, lo, hi, err)
		}
		lo = hi
	}
	return nil
}

// shapedExec runs a shaped statement raw on the transaction's connection
// when there is one and its driver can, else through the statement cache.
func (s *Store) shapedExec(ctx context.Context, tx *sql.Tx, query string, args []any) error {
	if conn := s.ledger.conn; conn != nil {
		if err := s.ledger.raw.exec(ctx, conn, query, args); !errors.Is(err, errNoRawExec) {
			return err
		}
	}
	return s.ledgerExec(ctx, tx, query, args)
}

// shape is a shaped statement: an INSERT … SELECT over a VALUES list of
// the rows' own values, whose select list reads the shared values as ?1…
// (numbered, so they are bound once) and computes the derived columns. The
// rows' parameters are anonymous (?), numbered after the shared ones:
// SQLite looks up a named or numbered parameter by a linear scan of the
// statement's list of names, which for thousands of them costs more than
// the binds saved. {k} in a row's tuple is its index in the statement.
type shape struct {
	name, head, tail string
	shared, row      int
	tuple            string
}

// The WHERE true before ON CONFLICT is SQLite's documented way to keep
// the upsert's ON from parsing as a join constraint.
var (
	shapeTransfers = shape{name: "credit transfers",
		head: `INSERT INTO ledger_transfers (seq, id, debit_account_id, credit_account_id, amount, ref_id,
		code, flags, user_data, created_at, expires_at, registration_id)
		SELECT ?1 + column1, column2, ?2, column3, column4, NULL, column5, 0, ?3, ?4, NULL, column3 >> 4
		FROM (VALUES `,
		tail:   `) WHERE true`,
		shared: shapeTransferShared, row: shapeTransferRow, tuple: "({k}, ?, ?, ?, ?)"}
	shapeAccounts = shape{name: "credit accounts",
		head: `INSERT INTO ledger_accounts (` + ledgerAccountCols + `)
		SELECT column1, ?1, column1 & 15, column2, column1 >> 4, '', 0, 0, 0, column3, ?2
		FROM (VALUES `,
		tail:   `) WHERE true` + sqlUpsertAccountsTail,
		shared: shapeAccountShared, row: shapeAccountRow, tuple: "(?, ?, ?)"}
)

// text is the statement of rows rows.
func (sh shape) text(rows int) string {
	var b strings.Builder
	b.WriteString(sh.head)
	for k := range rows {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strings.ReplaceAll(sh.tuple, "{k}", strconv.Itoa(k)))
	}
	b.WriteString(sh.tail)
	return b.String()
}
