package sqldb

import (
	"errors"
	"fmt"
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
