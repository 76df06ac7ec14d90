package storetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
)

// payoutEnv is a ledger wave whose participants have incentive slot 1 and
// survey slot 1 unlocked, and (but the first) a verified payout account.
type payoutEnv struct {
	s     prakerja.Store
	lw    *LedgerWave
	svc   *payout.Service
	clock *mock.Clock
	keys  *pii.Keyring
}

func newPayoutEnv(t *testing.T, s prakerja.Store, n int) *payoutEnv {
	t.Helper()
	keys, err := pii.NewKeyFile("k1").Keyring()
	must(t, err)
	e := &payoutEnv{s: s, lw: MustLedgerWave(t, s, n, int64(n)*650_000), clock: mock.NewClock(AfterClose), keys: keys}
	var ts []prakerja.Transfer
	for _, id := range e.lw.Participants {
		ts = append(ts, e.creditAndUnlock(id, prakerja.TransferUnlockIncentive, 600_000)...)
		ts = append(ts, e.creditAndUnlock(id, prakerja.TransferUnlockSurvey, 50_000)...)
	}
	MustApply(t, s, ts...)
	for i, id := range e.lw.Participants[1:] {
		e.link(t, id, i)
	}
	cfg := payout.DefaultConfig()
	cfg.Outbox, cfg.FileItemsMax = t.TempDir(), 7
	e.svc = payout.New(s, keys, e.clock, banksim.NewDirectory(), cfg)
	return e
}

// creditAndUnlock credits slot 1 of a kind locked and unlocks it.
func (e *payoutEnv) creditAndUnlock(id int64, unlock prakerja.TransferCode, amount int64) []prakerja.Transfer {
	credit, locked, avail := prakerja.TransferCreditIncentive, prakerja.AccountIncentiveLocked, prakerja.AccountIncentiveAvailable
	if unlock == prakerja.TransferUnlockSurvey {
		credit, locked, avail = prakerja.TransferCreditSurvey, prakerja.AccountSurveyLocked, prakerja.AccountSurveyAvailable
	}
	return []prakerja.Transfer{
		{ID: prakerja.CreditID(e.lw.Wave.ID, id, credit, 1), DebitAccount: e.lw.Budget, Amount: amount,
			CreditAccount: prakerja.ParticipantAccountID(id, locked), Ledger: prakerja.LedgerIDR, Code: credit},
		{ID: prakerja.UnlockID(id, unlock, 1), DebitAccount: prakerja.ParticipantAccountID(id, locked), Amount: amount,
			CreditAccount: prakerja.ParticipantAccountID(id, avail), Ledger: prakerja.LedgerIDR, Code: unlock, UserData: 1},
	}
}

// link verifies a payout account for id the way the service does: a
// pending account with its challenge, the code consumed, then verified.
// Even i gets a BNI account, odd an OVO e-wallet.
func (e *payoutEnv) link(t *testing.T, id int64, i int) *prakerja.PayoutAccount {
	t.Helper()
	ctx := context.Background()
	provider, number := "BNI", fmt.Sprintf("%010d", 1000000000+id*10+int64(i%10))
	if i%2 == 1 {
		provider, number = "OVO", fmt.Sprintf("+628%010d", id)
	}
	now := e.clock.Now()
	sealed, err := e.keys.Seal(prakerja.IndexPayoutAccount, number)
	must(t, err)
	code := []byte(fmt.Sprintf("code-%d-%d", id, now.UnixNano()))
	c := &prakerja.Challenge{RegistrationID: id, Purpose: prakerja.PurposePayoutLink, Channel: prakerja.ChannelSMS,
		CodeHash: code, MaxAttempts: 3, ExpiresAt: now.Add(5 * time.Minute), CreatedAt: now}
	a := &prakerja.PayoutAccount{RegistrationID: id, Provider: provider, Number: sealed, NumberMasked: number[len(number)-4:],
		State: prakerja.PayoutAccountPending, CreatedAt: now}
	must(t, e.s.CreatePayoutAccount(ctx, a, c, nil))
	_, err = e.s.ConsumeChallenge(ctx, c.ID, code, now)
	must(t, err)
	a, err = e.s.VerifyPayoutAccount(ctx, id, a.ID, now)
	must(t, err)
	return a
}

// answers runs the partner simulator over every file of a run and returns
// the answer files (pain.002 then camt.054 per file).
func (e *payoutEnv) answers(t *testing.T, runID int64, cfg banksim.Config) [][]byte {
	t.Helper()
	files, err := e.s.PayoutFiles(context.Background(), runID)
	must(t, err)
	var out [][]byte
	for _, f := range files {
		in := readRunFile(t, e.svc.RunFolder(runID), f)
		report, notice := banksim.Answer(in, cfg, e.clock.Now())
		out = append(out, encode(t, func(b *bytes.Buffer) error { return iso20022.WritePain002(b, report) }))
		if len(notice.Entries) > 0 {
			out = append(out, encode(t, func(b *bytes.Buffer) error { return iso20022.WriteCamt054(b, notice) }))
		}
	}
	return out
}

func encode(t *testing.T, write func(b *bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	must(t, write(&b))
	return b.Bytes()
}

// readRunFile reads a written partner file back, checking that its counts
// and sums agree with the record, and for pain.001 with the XSD.
func readRunFile(t *testing.T, dir string, f *prakerja.PayoutFile) *iso20022.Initiation {
	t.Helper()
	path := filepath.Join(dir, f.Name)
	data, err := os.ReadFile(path)
	must(t, err)
	var in *iso20022.Initiation
	if f.Format == payout.FormatEwallet {
		in, err = iso20022.ReadEwalletCSV(bytes.NewReader(data))
	} else {
		in, err = iso20022.ReadPain001(bytes.NewReader(data))
		validateXSD(t, path, "pain.001.001.09.xsd")
	}
	must(t, err)
	if int64(len(in.Payments)) != f.Items || in.Total() != f.Total || len(in.Payments) > 7 {
		t.Fatalf("file %s: %d items, total %d; recorded %d, %d", f.Name, len(in.Payments), in.Total(), f.Items, f.Total)
	}
	return in
}

// validateXSD runs xmllint with the official schema from ../shared. Both
// are required under CI=true; elsewhere their absence skips the check.
func validateXSD(t *testing.T, path, xsd string) {
	t.Helper()
	schema, _ := filepath.Abs(filepath.Join("..", "..", "shared", "data", "iso20022", xsd))
	_, statErr := os.Stat(schema)
	lint, lookErr := exec.LookPath("xmllint")
	if statErr != nil || lookErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint or %s missing under CI", xsd)
		}
		return
	}
	if out, err := exec.Command(lint, "--noout", "--schema", schema, path).CombinedOutput(); err != nil {
		t.Fatalf("%s does not validate against %s: %v\n%s", filepath.Base(path), xsd, err, out)
	}
}
