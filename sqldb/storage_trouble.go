package sqldb

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// storageFullRetry is the Retry-After hint of a write refused for a full
// disk: long enough for an operator to make room, short enough that
// clients come back soon after.
const storageFullRetry = 30 * time.Second

// sqliteFull is SQLITE_FULL, the primary result code of a write that
// found the disk (or the file-size limit) full.
const sqliteFull = 13

// connectionLostRetry is the Retry-After hint of a write whose database
// connection broke: the pool opens a fresh one at the next request.
const connectionLostRetry = time.Second

// storageTrouble gives a write that failed for a full disk or a lost
// database connection the code unavailable (503 with Retry-After): both
// pass, and neither is the client's fault nor a bug. An error that
// already has a code keeps it.
func storageTrouble(err error) error {
	if err == nil || prakerja.ErrorCode(err) != prakerja.CodeInternal || !isConnectionLost(err) {
		return storageFull(err)
	}
	lost := &prakerja.Error{Code: prakerja.CodeUnavailable, Retry: connectionLostRetry,
		Message: "The server lost its database connection; try again shortly."}
	return fmt.Errorf("%w: connection lost: %w", lost, err)
}

// isConnectionLost matches a broken or ended database connection:
// PostgreSQL's connection-exception class (08…) and server shutdowns
// (57P01–57P03, as from pg_terminate_backend), a closed connection, and
// the driver's ErrBadConn.
func isConnectionLost(err error) bool {
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		state := pg.SQLState()
		return strings.HasPrefix(state, "08") || state == "57P01" || state == "57P02" || state == "57P03"
	}
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "conn closed")
}

// storageFull gives a write that failed for a full disk the code
// unavailable, so clients get a clear 503 with Retry-After instead of an
// internal error, while the engine's words stay in the chain for the log.
// Other errors pass unchanged.
func storageFull(err error) error {
	if err == nil || !isStorageFull(err) {
		return err
	}
	full := &prakerja.Error{Code: prakerja.CodeUnavailable, Retry: storageFullRetry,
		Message: "The server's storage is full; try again later."}
	return fmt.Errorf("%w: disk full: %w", full, err)
}

// isStorageFull matches SQLite's SQLITE_FULL and PostgreSQL's disk_full
// (53100) through interfaces, so this package imports neither driver.
func isStorageFull(err error) bool {
	var lite interface{ Code() int }
	if errors.As(err, &lite) && lite.Code()&0xff == sqliteFull {
		return true
	}
	var pg interface{ SQLState() string }
	return errors.As(err, &pg) && pg.SQLState() == "53100"
}
