package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

// benchPurchasesPerCard stays under the marketplace's 10 payment codes per
// participant per hour.
const benchPurchasesPerCard = 9

// benchPurchaseResult is the JSON line of `bench purchase`.
type benchPurchaseResult struct {
	Purchases int     `json:"purchases"`
	PerSecond float64 `json:"per_second"`
	P50ms     float64 `json:"p50_ms"` // charge, SMS code read, confirm
	P99ms     float64 `json:"p99_ms"`
	Errors    int     `json:"errors"`
	Workers   int     `json:"workers"`
	Seconds   float64 `json:"seconds"`
	Store     string  `json:"store"`
}

// runBenchPurchase measures card payments over loopback HTTP: a platform
// charges a credited participant's card, the code is read from the outbox
// as the phone would, and the platform confirms it; each confirmed
// purchase is a durable ledger transfer and a voucher.
func runBenchPurchase(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("bench purchase", env.Stderr)
	sf := addStoreFlags(fs, env)
	n := fs.Int("participants", 2000, "credited participants; each buys "+fmt.Sprint(benchPurchasesPerCard)+" Rp 100.000 courses")
	workers := fs.Int("workers", 64, "concurrent HTTP clients")
	asJSON := fs.Bool("json", false, "end with one JSON object")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the purchases (client and in-process server) to FILE")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > benchNMax || *workers < 1 || *workers > benchWorkersMax {
		return fmt.Errorf("--participants must be 1..%d and --workers 1..%d", benchNMax, benchWorkersMax)
	}
	store, where, cleanup, err := benchStore(ctx, sf)
	if err != nil {
		return err
	}
	defer cleanup()
	b, err := startPurchaseBench(ctx, env, store, *n)
	if err != nil {
		return err
	}
	defer b.stop()
	res := benchPurchaseResult{Workers: *workers, Store: where}
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	b.run(ctx, env, *workers, &res)
	stopProfile()
	fmt.Fprintf(env.Stdout, "%d purchases over HTTP in %.2fs: %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors (%s)\n",
		res.Purchases, res.Seconds, res.PerSecond, res.P50ms, res.P99ms, res.Errors, where)
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	return nil
}

// purchaseBench is a running server with a credited wave and a catalogue.
type purchaseBench struct {
	app    *app
	base   string
	keyID  string             // the platform's signing key
	secret partnerauth.Secret // … and its secret
	course int64
	cards  []prakerja.Participant
	client *http.Client
	codes  *sql.Stmt // the phone's inbox: the latest payment SMS of a registration
	stop   func()
}

// startPurchaseBench credits n synthetic participants and serves the API
// with the 2020 scheme on today's calendar (the real one ended in 2020).
func startPurchaseBench(ctx context.Context, env *Env, store *sqldb.Store, n int) (*purchaseBench, error) {
	sch, err := scheme.Builtin("2020")
	if err != nil {
		return nil, err
	}
	w, err := seedBenchWave(ctx, store, "Bench purchase", n, sch.Total()*int64(n))
	if err != nil {
		return nil, err
	}
	if _, err := (&ledger.Crediter{Store: store}).Credit(ctx, w, sch, 1, time.Now().UTC()); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "prakerja-bench-purchase-")
	if err != nil {
		return nil, err
	}
	schemeFile, err := writeDemoScheme(dir, time.Now())
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	a, err := newApp(store, appConfig{BaseURL: base, Scheme: schemeFile, DataDir: dir, KeysEnv: env.Getenv("PRAKERJA_KEYS"),
		MessageLog: devNull()}, newLogger(devNull(), "warn"))
	if err != nil {
		ln.Close()
		return nil, err
	}
	b := &purchaseBench{app: a, base: base}
	if err := b.catalogue(ctx, store, w.ID); err != nil {
		ln.Close()
		return nil, err
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.run(sctx, ln) }()
	b.stop = func() { cancel(); <-done; _ = b.codes.Close(); os.RemoveAll(dir) }
	return b, nil
}

// catalogue seeds the platforms and courses, picks the cheapest course
// and its platform's key, and reads the participants' cards.
func (b *purchaseBench) catalogue(ctx context.Context, store *sqldb.Store, waveID int64) error {
	seed, err := b.app.market.SeedCatalogue(ctx)
	if err != nil {
		return err
	}
	courses, err := store.Courses(ctx, prakerja.CourseFilter{OnlyActive: true})
	if err != nil || len(courses) == 0 {
		return fmt.Errorf("no courses to buy: %v", err)
	}
	cheapest := slices.MinFunc(courses, func(x, y *prakerja.Course) int { return int(x.Price - y.Price) })
	b.course = cheapest.ID
	if err := b.signingKey(ctx, seed, cheapest.PlatformID); err != nil {
		return err
	}
	if b.cards, err = store.WaveParticipants(ctx, waveID, 0, prakerja.ParticipantsPageMax); err != nil {
		return err
	}
	if err := sealBenchPhones(ctx, store, b.app.keys, b.cards); err != nil {
		return err
	}
	b.client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: benchWorkersMax}}
	return b.prepareInbox(ctx, store)
}

// prepareInbox prepares the read of a payment SMS once: the phone's side
// of the benchmark should cost the server's process as little as it can,
// and Store.Messages parses its query on every call.
func (b *purchaseBench) prepareInbox(ctx context.Context, store *sqldb.Store) error {
	query := "SELECT id, params FROM messages WHERE registration_id = ? AND template = ? ORDER BY id DESC LIMIT 1"
	if store.Dialect().Name() == "postgres" {
		query = "SELECT id, params FROM messages WHERE registration_id = $1 AND template = $2 ORDER BY id DESC LIMIT 1"
	}
	var err error
	if b.codes, err = store.Reader().PrepareContext(ctx, query); err != nil {
		return fmt.Errorf("prepare the inbox: %w", err)
	}
	return nil
}

// run has workers buy benchPurchasesPerCard courses with each card.
func (b *purchaseBench) run(ctx context.Context, env *Env, workers int, res *benchPurchaseResult) {
	prog := startProgress(env.Stderr, "purchasing", len(b.cards)*benchPurchasesPerCard)
	var (
		next   atomic.Int64
		errs   atomic.Int64
		mu     sync.Mutex
		lat    []time.Duration
		wg     sync.WaitGroup
		failed atomic.Value
	)
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(b.cards); i = int(next.Add(1) - 1) {
				for k := range benchPurchasesPerCard {
					t0 := time.Now()
					if err := b.buy(ctx, b.cards[i], k); err != nil {
						errs.Add(1)
						failed.CompareAndSwap(nil, err.Error())
						continue
					}
					mu.Lock()
					lat = append(lat, time.Since(t0))
					mu.Unlock()
					prog.Add(1)
				}
			}
		})
	}
	wg.Wait()
	prog.Finish()
	res.Seconds = time.Since(start).Seconds()
	res.Purchases, res.Errors = len(lat), int(errs.Load())
	res.PerSecond = float64(len(lat)) / res.Seconds
	slices.Sort(lat)
	if len(lat) > 0 {
		res.P50ms = float64(lat[len(lat)/2]) / float64(time.Millisecond)
		res.P99ms = float64(lat[len(lat)*99/100]) / float64(time.Millisecond)
	}
	if e := failed.Load(); e != nil {
		fmt.Fprintln(env.Stderr, "first error:", e)
	}
}

// buy charges the card, reads the code from the outbox and confirms.
func (b *purchaseBench) buy(ctx context.Context, p prakerja.Participant, k int) error {
	var charge struct {
		ID int64 `json:"id"`
	}
	body := map[string]any{"card_number": p.CardNumber, "course_id": b.course,
		"order_id": fmt.Sprintf("B-%d-%d", p.RegistrationID, k)}
	if err := b.post(ctx, "/api/v1/platform/charges", body, http.StatusCreated, &charge); err != nil {
		return err
	}
	var msg prakerja.Message
	if err := b.codes.QueryRowContext(ctx, p.RegistrationID, notify.TemplatePurchaseOTP).Scan(&msg.ID, &msg.Params); err != nil {
		return fmt.Errorf("payment code of registration %d: %w", p.RegistrationID, err)
	}
	params, err := notify.DecodeParams(b.app.keys, &msg)
	if err != nil {
		return err
	}
	return b.post(ctx, fmt.Sprintf("/api/v1/platform/charges/%d/confirm", charge.ID), map[string]string{"otp": params["code"]},
		http.StatusOK, nil)
}

func (b *purchaseBench) post(ctx context.Context, path string, body any, want int, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+path, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if err := partnerauth.Sign(req, b.keyID, b.secret, time.Now()); err != nil {
		return err
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("POST %s: %d %s", path, resp.StatusCode, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// signingKey makes the platform a partner key, as `prakerja partner-keys
// create` would, so every request is signed like a real platform's.
func (b *purchaseBench) signingKey(ctx context.Context, seed *marketplace.Seed, platformID int64) error {
	for _, p := range seed.Platforms {
		if p.ID != platformID {
			continue
		}
		k, secret, err := partnerauth.NewKeys(b.app.store, b.app.keys, prakerja.SystemClock{}).
			Create(ctx, prakerja.PartnerPlatform, p.Slug, "prakerja bench purchase")
		if err != nil {
			return fmt.Errorf("platform key: %w", err)
		}
		b.keyID, b.secret = k.KeyID, secret
		return nil
	}
	return fmt.Errorf("platform %d is not in the seed", platformID)
}

// sealBenchPhones gives each bench participant a phone sealed with the
// app's keyring, before the server starts. The synthetic seed stores
// placeholders there, which the outbox cannot open: every payment SMS then
// failed and was marked failed in a write transaction of its own, one
// fsync per purchase on the writer the ledger needs, which production
// (phones that open, deliveries marked sent in groups) never pays.
func sealBenchPhones(ctx context.Context, store *sqldb.Store, keys *pii.Keyring, cards []prakerja.Participant) error {
	query := "UPDATE registrations SET phone_ct = ? WHERE id = ?"
	if store.Dialect().Name() == "postgres" {
		query = "UPDATE registrations SET phone_ct = $1 WHERE id = $2"
	}
	tx, err := store.Writer().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bench phones: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // a no-op after Commit
	for _, p := range cards {
		phone, err := keys.Seal(prakerja.IndexPhone, fmt.Sprintf("+62813%08d", p.RegistrationID%100_000_000))
		if err != nil {
			return fmt.Errorf("bench phones: %w", err)
		}
		if _, err := tx.ExecContext(ctx, query, phone.Ciphertext, p.RegistrationID); err != nil {
			return fmt.Errorf("bench phones: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bench phones: %w", err)
	}
	return nil
}
