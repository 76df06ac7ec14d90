package notify_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqlite"
)

// benchBacklog is the outbox the benchmark drains: wave announcements
// (one SMS each), as the selection run queues them for every joiner.
const benchBacklog = 100_000

// BenchmarkDispatchBacklog drains a backlog of announcements from a fresh
// SQLite store through the log sender writing to a file, as the demo does,
// and reports messages a second. Run it with -benchtime=1x:
//
//	go test -run '^$' -bench DispatchBacklog -benchtime=1x ./notify/
func BenchmarkDispatchBacklog(b *testing.B) {
	n := benchBacklog
	if testing.Short() {
		n = 5_000
	}
	b.StopTimer()
	for range b.N {
		store, keys := backlogStore(b, n)
		f, err := os.Create(filepath.Join(b.TempDir(), "messages.log"))
		if err != nil {
			b.Fatal(err)
		}
		log := notify.NewLogSender(f)
		senders := map[prakerja.Channel]notify.Sender{prakerja.ChannelSMS: log, prakerja.ChannelEmail: log}
		d, err := notify.NewDispatcher(store, keys, prakerja.SystemClock{}, senders, notify.DefaultDispatcherConfig(), nil)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		b.StartTimer()
		total := drain(b, d)
		b.StopTimer()
		b.ReportMetric(float64(total)/time.Since(start).Seconds(), "msgs/s")
		b.Logf("%d messages in %s", total, time.Since(start).Round(time.Millisecond))
		if total != n {
			b.Fatalf("sent %d of %d", total, n)
		}
		store.Close()
		f.Close()
	}
}

// drain runs rounds until one finds nothing due and returns the messages
// sent.
func drain(tb testing.TB, d *notify.Dispatcher) int {
	total := 0
	for {
		sent, failed, err := d.RunOnce(context.Background())
		if err != nil || failed != 0 {
			tb.Fatalf("round: %d failed, %v", failed, err)
		}
		if sent == 0 {
			return total
		}
		total += sent
	}
}

// backlogStore returns a fresh SQLite store holding n due announcements,
// written in one transaction beside the store so that setting up costs
// seconds, not the minutes of n store calls.
func backlogStore(tb testing.TB, n int) (interface {
	prakerja.Store
	Close() error
}, *pii.Keyring) {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "prakerja.db")
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		tb.Fatal(err)
	}
	keys, _ := pii.NewKeyFile("k1").Keyring()
	if err := queueBacklog(ctx, path, keys, n); err != nil {
		tb.Fatal(err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	return store, keys
}

func queueBacklog(ctx context.Context, path string, keys *pii.Keyring, n int) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	params, err := notify.EncodeParams(keys, map[string]string{"wave": "Gelombang 1"})
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO messages (channel, template, locale, recipient_ct, params,
		next_attempt_at, created_at) VALUES ('sms', ?, 'id', ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	due := time.Now().Add(-time.Minute).UnixMicro()
	for i := range n {
		to, err := keys.Seal(prakerja.IndexPhone, fmt.Sprintf("+62813%08d", i))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, notify.TemplateSelectionNotSelected, to.Ciphertext, params, due, due); err != nil {
			return err
		}
	}
	return tx.Commit()
}
