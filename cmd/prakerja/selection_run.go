package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/selection"
	"github.com/prakerja/prakerja/sqldb"
)

// seedFileMax bounds the seed file read: 64 hex digits and a line end.
const seedFileMax = 2*selection.SeedSize + 2

// selectionRunResult is the JSON line of `selection run`.
type selectionRunResult struct {
	Wave           int64   `json:"wave"`
	Dir            string  `json:"dir"`
	Joined         int     `json:"joined"`
	Eligible       int     `json:"eligible"`
	Selected       int     `json:"selected"`
	Recorded       bool    `json:"recorded"` // false: the same draw was already recorded
	SnapshotSHA256 string  `json:"snapshot_sha256"`
	ManifestSHA256 string  `json:"manifest_sha256"`
	Seconds        float64 `json:"seconds"`
	RecordSeconds  float64 `json:"record_seconds"` // of Seconds: the one store transaction
}

// runFlags are the flags of `selection run` beyond the shared ones.
type runFlags struct {
	*selectionFlags
	out, keys, prefix, cardKey, company *string
}

// runSelectionRun is `prakerja selection run`.
func runSelectionRun(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("selection run", env.Stderr)
	f := &runFlags{selectionFlags: addSelectionFlags(fs, env),
		out:     fs.String("out", "", "folder to publish the artefacts to"),
		keys:    fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file (env PRAKERJA_KEY_FILE or PRAKERJA_KEYS)"),
		prefix:  fs.String("card-prefix", cardPrefixDefault, "6-digit card issuer prefix (placeholder default; set the bank's)"),
		cardKey: fs.String("card-key-file", "", "secret key of the card numbering (default: derived from the personal-data keys)"),
		company: fs.String("va-company", vaCompanyDefault, "bank company code of the virtual accounts, 3 to 7 digits"),
	}
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	if *f.out == "" {
		return fmt.Errorf("%w: --out DIR is required", errUsage)
	}
	clock, err := f.clock()
	if err != nil {
		return err
	}
	store, w, err := f.openWave(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	keys, err := loadKeys(appConfig{KeysFile: *f.keys, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: f.sf.Data}, newLogger(env.Stderr, "warn"))
	if err != nil {
		return err
	}
	res, err := selectionRun(ctx, store, keys, w, f, clock)
	if err != nil {
		return err
	}
	verb := "recorded"
	if !res.Recorded {
		verb = "already recorded, nothing changed"
	}
	fmt.Fprintf(env.Stdout, "wave %d: %d joined, %d eligible, %d selected; published to %s (manifest SHA-256 %s); %s in %.1f s\n",
		res.Wave, res.Joined, res.Eligible, res.Selected, res.Dir, res.ManifestSHA256, verb, res.Seconds)
	if *f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	return nil
}

// selectionRun checks the clock and the seed, freezes the snapshot,
// publishes, then records the draw with cards and messages.
func selectionRun(ctx context.Context, store *sqldb.Store, keys *pii.Keyring, w *prakerja.Wave, f *runFlags, clock prakerja.Clock) (*selectionRunResult, error) {
	start := time.Now()
	now := clock.Now()
	if now.Before(w.ClosesAt) {
		return nil, prakerja.Errorf(prakerja.CodeConflict, "Wave %d closes at %s; the selection runs after the close.",
			w.ID, w.ClosesAt.In(prakerja.WIB).Format(waveShownLayout))
	}
	state, err := store.WaveSelection(ctx, w.ID)
	if err != nil {
		return nil, err
	}
	seed, err := readSeedFile(*f.seedFile, state.Commitment)
	if err != nil {
		return nil, err
	}
	quotas, err := waveQuotas(w)
	if err != nil {
		return nil, err
	}
	issuer, err := newCardIssuer(keys, *f.prefix, *f.cardKey, *f.company)
	if err != nil {
		return nil, err
	}
	fr, err := freezeApplicants(ctx, store, keys, w.ID)
	if err != nil {
		return nil, err
	}
	res, _, err := selection.Publish(*f.out, state.Commitment, seed, fr.snap, quotas)
	if err != nil {
		return nil, err
	}
	rec, err := selectionRecord(*f.out, w.ID, seed, fr, res)
	if err != nil {
		return nil, err
	}
	// The snapshot and the result are public from here on: the chain
	// records each publication, even one the store then finds recorded.
	if err := store.AppendAudit(ctx, &prakerja.AuditEntry{At: now, Actor: prakerja.AuditActorOf(ctx),
		Action: prakerja.AuditSelectionPublished, Subject: fmt.Sprintf("wave:%d", w.ID),
		Detail: fmt.Sprintf(`{"applicants":%d,"eligible":%d,"selected":%d,"snapshot_sha256":%q,"manifest_sha256":%q}`,
			len(fr.snap.Applicants), res.Eligible, res.Selected(), rec.SnapshotSHA256, rec.ManifestSHA256)}); err != nil {
		return nil, err
	}
	if rec.Messages, err = announcements(keys, w, fr, res, now); err != nil {
		return nil, err
	}
	recordStart := time.Now()
	created, err := store.RecordSelection(ctx, rec, issuer, now)
	if err != nil {
		return nil, err
	}
	return &selectionRunResult{Wave: w.ID, Dir: *f.out, Joined: len(fr.snap.Applicants), Eligible: res.Eligible,
		Selected: res.Selected(), Recorded: created, SnapshotSHA256: rec.SnapshotSHA256,
		ManifestSHA256: rec.ManifestSHA256, Seconds: time.Since(start).Seconds(),
		RecordSeconds: time.Since(recordStart).Seconds()}, nil
}

// readSeedFile reads the seed and checks it against the commitment before
// anything is published.
func readSeedFile(path, commitment string) (selection.Seed, error) {
	var seed selection.Seed
	if commitment == "" {
		return seed, prakerja.Errorf(prakerja.CodeConflict, "The wave has no commitment: run `prakerja selection commit` before the close.")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return seed, fmt.Errorf("seed file: %w", err)
	}
	if len(b) > seedFileMax {
		return seed, fmt.Errorf("seed file: over %d bytes", seedFileMax)
	}
	if seed, err = selection.ParseSeed(strings.TrimRight(string(b), "\r\n")); err != nil {
		return seed, err
	}
	if !selection.CheckReveal(commitment, seed) {
		return seed, prakerja.Errorf(prakerja.CodeConflict, "The seed in %s does not match the wave's commitment %s.", path, commitment)
	}
	return seed, nil
}

// waveQuotas are the selection's quotas of a wave: its seats, its region
// quotas, and the per-KK limit of its scheme.
func waveQuotas(w *prakerja.Wave) (selection.Quotas, error) {
	sch, err := scheme.Load(w.Scheme)
	if err != nil {
		return selection.Quotas{}, err
	}
	return selection.Quotas{Wave: "wave-" + strconv.FormatInt(w.ID, 10), Total: w.Quota,
		PerKK: sch.Eligibility.MaxParticipantsPerKK, Regions: w.RegionQuotas}, nil
}

// selectionRecord gathers the digests and the winners in result order.
func selectionRecord(dir string, waveID int64, seed selection.Seed, fr *frozen, res *selection.Result) (*prakerja.SelectionRecord, error) {
	rec := &prakerja.SelectionRecord{WaveID: waveID, Seed: seed.String()}
	var err error
	if rec.SnapshotSHA256, err = fileSHA256(filepath.Join(dir, selection.FileSnapshot)); err != nil {
		return nil, err
	}
	if rec.ManifestSHA256, err = fileSHA256(filepath.Join(dir, selection.FileManifest)); err != nil {
		return nil, err
	}
	rec.Selected = make([]int64, len(res.Winners))
	for i, win := range res.Winners {
		rec.Selected[i] = fr.joiners[res.Snapshot.Applicants[win.Applicant].Pseudonym].registrationID
	}
	return rec, nil
}

// fileSHA256 hashes a published file as lowercase hex.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
