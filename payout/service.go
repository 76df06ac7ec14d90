// Package payout pays unlocked incentives to participants' own bank
// accounts and e-wallets (DOMAIN §2.7, LEDGER §5): it links payout
// accounts after a partner's inquiry agrees on NIK and name and the
// participant confirms by SMS; prepares runs that reserve each due slot as
// a pending ledger transfer; after a second operator's approval writes
// ISO 20022 pain.001.001.09 files for banks and CSV files for e-wallets;
// ingests pain.002 and camt.054 answers (post, void, settle, or hold in the
// exception queue); and reconciles files, answers and the clearing
// accounts.
package payout

import (
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
)

// Config holds the service's tunables. Start from DefaultConfig.
type Config struct {
	OTPLength      int
	OTPTTL         time.Duration
	OTPMaxAttempts int
	// FileItemsMax caps payments per partner file (Xendit takes 10,000
	// rows; a bank's bulk channel may take fewer).
	FileItemsMax int
	// Outbox is the folder runs' files are written to, one folder per run.
	Outbox string
	// The programme's paying account, shown as the debtor in pain.001.
	DebtorName, DebtorAccount, DebtorBIC string
	// SettleSource is the funding source a booked payment settles to.
	SettleSource uint16
	// ExceptionAge is how long a sent payment may wait for an answer
	// before the exception queue shows it.
	ExceptionAge time.Duration
	// SameAccountMax is how many participants may have one account
	// verified; more is refused as a shared account (fraud signal).
	SameAccountMax int64
	// PreparePage is how many due slots one prepare transaction reserves
	// (0: prakerja.LedgerBatchMax). Crash tests make it small so a kill
	// can fall between pages without seeding thousands of slots.
	PreparePage int
}

// DefaultConfig returns the production defaults.
func DefaultConfig() Config {
	return Config{OTPLength: 6, OTPTTL: 5 * time.Minute, OTPMaxAttempts: 5, FileItemsMax: prakerja.PayoutFileItemsMax,
		Outbox: "payouts", DebtorName: "MANAJEMEN PELAKSANA PROGRAM KARTU PRAKERJA", DebtorAccount: "0000000001",
		DebtorBIC: "BNINIDJA", SettleSource: 1, ExceptionAge: 72 * time.Hour, SameAccountMax: 1}
}

func (c Config) validate() error {
	if err := scheme.ValidateOTP(c.OTPLength, c.OTPTTL, c.OTPMaxAttempts); err != nil {
		return err
	}
	switch {
	case c.FileItemsMax < 1 || c.FileItemsMax > prakerja.PayoutFileItemsMax:
		return fmt.Errorf("file items %d out of 1..%d", c.FileItemsMax, prakerja.PayoutFileItemsMax)
	case c.Outbox == "" || c.DebtorName == "" || c.DebtorAccount == "":
		return fmt.Errorf("outbox folder and debtor name and account are required")
	case c.SettleSource < 1 || c.ExceptionAge <= 0 || c.SameAccountMax < 1:
		return fmt.Errorf("settle source, exception age and same-account limit must be positive")
	}
	return nil
}

// Service runs payouts on a store.
type Service struct {
	store    prakerja.Store
	keys     *pii.Keyring
	clock    prakerja.Clock
	inquirer prakerja.AccountInquirer
	cfg      Config
}

// New returns a service. It panics on a nil dependency or a bad config,
// wiring bugs that must stop the binary at start.
func New(store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock, inquirer prakerja.AccountInquirer, cfg Config) *Service {
	if store == nil || keys == nil || clock == nil || inquirer == nil {
		panic("payout: nil store, keys, clock or inquirer")
	}
	if err := cfg.validate(); err != nil {
		panic("payout: " + err.Error())
	}
	return &Service{store: store, keys: keys, clock: clock, inquirer: inquirer, cfg: cfg}
}

// Config returns the service's configuration.
func (s *Service) Config() Config { return s.cfg }

func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }
