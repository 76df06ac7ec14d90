package sqldb

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/prakerja/prakerja"
)

// sqlStateErr stands in for a driver error that carries a SQLSTATE.
type sqlStateErr string

func (e sqlStateErr) Error() string    { return "pg error " + string(e) }
func (e sqlStateErr) SQLState() string { return string(e) }

func TestStorageTroubleCodes(t *testing.T) {
	taken := &prakerja.Error{Code: prakerja.CodeNIKTaken, Message: "taken"}
	for _, tc := range []struct {
		name string
		err  error
		want prakerja.Code
	}{
		{"terminated backend", fmt.Errorf("insert: %w", sqlStateErr("57P01")), prakerja.CodeUnavailable},
		{"connection failure", sqlStateErr("08006"), prakerja.CodeUnavailable},
		{"cannot connect now", sqlStateErr("57P03"), prakerja.CodeUnavailable},
		{"disk full", sqlStateErr("53100"), prakerja.CodeUnavailable},
		{"bad conn", fmt.Errorf("begin: %w", driver.ErrBadConn), prakerja.CodeUnavailable},
		{"cut stream", io.ErrUnexpectedEOF, prakerja.CodeUnavailable},
		{"closed conn", errors.New("commit: conn closed"), prakerja.CodeUnavailable},
		{"unique violation", sqlStateErr("23505"), prakerja.CodeInternal},
		{"plain bug", errors.New("no such column"), prakerja.CodeInternal},
		{"coded stays coded", errors.Join(taken, driver.ErrBadConn), prakerja.CodeNIKTaken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := storageTrouble(tc.err)
			if got := prakerja.ErrorCode(err); got != tc.want {
				t.Fatalf("code %q, want %q (%v)", got, tc.want, err)
			}
			if !errors.Is(err, tc.err) {
				t.Fatalf("the cause is lost from the chain: %v", err)
			}
		})
	}
	if storageTrouble(nil) != nil {
		t.Fatal("nil must stay nil")
	}
}
