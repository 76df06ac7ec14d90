package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/scheme"
)

// The money phase follows wave 1's participants through the months after
// the announcement on a simulated clock: the wave is funded and credited,
// most participants buy a training within the deadline (a few get a
// refund and buy another), providers redeem and complete the vouchers,
// participants review them, surveys are answered, and the durable jobs
// unlock incentives month by month, revoke those who never bought and
// forfeit what is left at the programme end. `ledger check` ends it.

// Demo money shares, of the wave's participants (by a hash of the index,
// so the same seed gives the same story).
const (
	demoNoPurchasePct = 8  // never buy: revoked at the deadline
	demoRefundPct     = 3  // of buyers: refund the first voucher, buy another
	demoIncompletePct = 5  // of buyers: still training at the end
	demoSurveyPct     = 85 // of participants asked, answer each survey
	// demoProgrammeDays is the demo scheme's programme length: the 2020
	// rules on today's calendar, so the deadline, the four monthly
	// incentives and the programme end all happen.
	demoProgrammeDays = 150
)

// demoMoneyResult is the money funnel.
type demoMoneyResult struct {
	Participants    int               `json:"participants"`
	Budget          int64             `json:"budget"`
	CreditTransfers int64             `json:"credit_transfers"`
	Bought          int               `json:"bought"`
	Refunded        int               `json:"refunded"`
	Completed       int               `json:"completed"`
	Reviewed        int               `json:"reviewed"`
	Revoked         int               `json:"revoked"`
	SurveysAnswered int               `json:"surveys_answered"`
	JobsDone        int               `json:"jobs_done"`
	JobsFailed      int               `json:"jobs_failed"`
	Totals          []string          `json:"totals"`
	Breaches        []string          `json:"breaches"`
	SchemeFile      string            `json:"scheme_file"`
	Payout          *demoPayoutResult `json:"payout,omitempty"`
	Seconds         float64           `json:"seconds"`
}

// demoClock is the money phase's clock, moved forward by the demo.
type demoClock struct{ t atomic.Int64 }

func (c *demoClock) Now() time.Time  { return time.UnixMicro(c.t.Load()).UTC() }
func (c *demoClock) set(t time.Time) { c.t.Store(t.UnixMicro()) }
func (c *demoClock) day(start time.Time, n int) time.Time {
	t := start.Add(time.Duration(n) * 24 * time.Hour)
	c.set(t)
	return t
}

// demoPick reports whether participant i falls in pct percent for a
// purpose, by a hash of both, so the shares are stable and independent.
func demoPick(i int, purpose uint64, pct int) bool {
	h := uint64(i)*0x9e3779b97f4a7c15 ^ purpose*0xbf58476d1ce4e5b9
	h ^= h >> 31
	return int(h%100) < pct
}

// writeDemoScheme writes the 2020 scheme with the programme ending
// demoProgrammeDays from today into the data folder, for the demo's server
// and for `serve --scheme` afterwards.
func writeDemoScheme(dir string, today time.Time) (string, error) {
	raw, err := scheme.BuiltinYAML("2020")
	if err != nil {
		return "", err
	}
	end := today.In(prakerja.WIB).AddDate(0, 0, demoProgrammeDays).Format("2006-01-02")
	text := strings.Replace(string(raw), "programme_end: 2020-12-15", "programme_end: "+end, 1)
	text = strings.Replace(text, `title: "Kartu Prakerja 2020 (semi-bansos)"`,
		`title: "Kartu Prakerja 2020 rules on today's calendar (demo)"`, 1)
	if !strings.Contains(text, end) {
		return "", fmt.Errorf("demo scheme: the 2020 scheme's programme_end line has changed")
	}
	path := filepath.Join(dir, "scheme-2020-demo.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("demo scheme: %w", err)
	}
	if _, err := scheme.Load(path); err != nil {
		return "", err
	}
	return path, nil
}

// runMoney is the money phase.
func (d *demo) runMoney(ctx context.Context) error {
	if d.res.Wave == nil || d.res.Wave.Selected == 0 {
		return nil
	}
	start := time.Now()
	m := &demoMoneyResult{SchemeFile: d.schemeFile}
	d.res.Money = m
	clock := &demoClock{}
	day0 := time.Now().UTC()
	clock.set(day0)
	w, err := d.app.store.Wave(ctx, d.res.Wave.ID)
	if err != nil {
		return err
	}
	parts, err := d.creditDemoWave(ctx, w, m, day0)
	if err != nil {
		return err
	}
	market := marketplace.New(d.app.store, d.app.keys, clock, marketConfig(d.app.scheme))
	runner, err := jobs.New(jobs.Deps{Store: d.app.store, Clock: clock, Keys: d.app.keys, Scheme: d.app.scheme}, jobs.Config{})
	if err != nil {
		return err
	}
	story := &demoStory{d: d, m: m, clock: clock, day0: day0, parts: d.storyParticipants(parts), market: market, runner: runner,
		surveys: jobs.NewService(d.app.store, d.app.scheme)}
	if err := story.run(ctx); err != nil {
		return err
	}
	if err := d.checkDemoLedger(ctx, m); err != nil {
		return err
	}
	m.Seconds = time.Since(start).Seconds()
	return nil
}

// creditDemoWave funds the wave with exactly what its participants are owed
// and credits it, returning the participants.
func (d *demo) creditDemoWave(ctx context.Context, w *prakerja.Wave, m *demoMoneyResult, now time.Time) ([]prakerja.Participant, error) {
	var parts []prakerja.Participant
	for after := int64(0); ; { // every page: a full-scale wave has 168,111
		page, err := d.app.store.WaveParticipants(ctx, w.ID, after, prakerja.ParticipantsPageMax)
		if err != nil {
			return nil, err
		}
		parts = append(parts, page...)
		if len(page) < prakerja.ParticipantsPageMax {
			break
		}
		after = page[len(page)-1].RegistrationID
	}
	m.Participants, m.Budget = len(parts), int64(len(parts))*d.app.scheme.Total()
	if _, err := ledger.Fund(ctx, d.app.store, w.ID, 1, "APBN 2020", 1, m.Budget, now); err != nil {
		return nil, err
	}
	prog := startProgress(d.env.Stderr, "crediting", len(parts))
	c := &ledger.Crediter{Store: d.app.store, Jobs: d.app.store, Progress: func(done, _ int64) { prog.done.Store(done) }}
	res, err := c.Credit(ctx, w, d.app.scheme, 1, now)
	prog.Finish()
	if err != nil {
		return nil, err
	}
	m.CreditTransfers = res.Transfers
	return parts, nil
}

// checkDemoLedger runs `ledger check` and keeps the totals.
func (d *demo) checkDemoLedger(ctx context.Context, m *demoMoneyResult) error {
	caps, err := builtinCaps()
	if err != nil {
		return err
	}
	if m.Breaches, err = d.app.store.CheckLedger(ctx, time.Now().UTC().Add(demoProgrammeDays*24*time.Hour), caps); err != nil {
		return err
	}
	t, err := d.app.store.LedgerTotals(ctx)
	if err != nil {
		return err
	}
	for _, code := range []prakerja.AccountCode{prakerja.AccountBudget, prakerja.AccountTraining,
		prakerja.AccountIncentiveLocked, prakerja.AccountIncentiveAvailable, prakerja.AccountSurveyLocked,
		prakerja.AccountSurveyAvailable, prakerja.AccountProviderPayable, prakerja.AccountPayoutClearing,
		prakerja.AccountTreasuryReturn} {
		a := t.ByCode[code]
		m.Totals = append(m.Totals, fmt.Sprintf("%-20s in %16s  out %16s  held %16s", code,
			scheme.FormatRupiah(a.CreditsPosted), scheme.FormatRupiah(a.DebitsPosted), scheme.FormatRupiah(a.Balance())))
	}
	if len(m.Breaches) > 0 {
		return fmt.Errorf("ledger check after the demo: %s", strings.Join(m.Breaches, "; "))
	}
	return nil
}

// reportMoney prints the money funnel and the ledger totals.
func (d *demo) reportMoney(row func(label string, n, of int)) {
	m := d.res.Money
	if m == nil {
		return
	}
	w := d.env.Stdout
	fmt.Fprintf(w, "\n  money (simulated months on the scheme in %s):\n", m.SchemeFile)
	fmt.Fprintf(w, "  %-34s %10s\n", "budget funded", scheme.FormatRupiah(m.Budget))
	row("participants credited", m.Participants, 0)
	row("credit transfers posted", int(m.CreditTransfers), 0)
	row("bought a training", m.Bought, m.Participants)
	row("  refunded one voucher first", m.Refunded, m.Bought)
	row("completed (certificate)", m.Completed, m.Bought)
	row("reviewed: incentives unlock", m.Reviewed, m.Completed)
	row("revoked: no purchase by the deadline", m.Revoked, m.Participants)
	row("surveys answered", m.SurveysAnswered, 0)
	row("scheduled jobs run", m.JobsDone, 0)
	fmt.Fprintf(w, "\n  ledger totals by account type:\n")
	for _, t := range m.Totals {
		fmt.Fprintf(w, "    %s\n", t)
	}
	if len(m.Breaches) == 0 {
		fmt.Fprintf(w, "  ledger check: every invariant holds\n")
	}
	reportPayout(w, m.Payout, row, m.Participants)
}
