package storetest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TrainingBalance2020 is the training balance fixture participants get.
const TrainingBalance2020 = 1_000_000

// market is a small catalogue on a credited wave: two platforms, a
// provider owned by the first (so its courses there are conflicted) and an
// independent one, with their payable accounts.
type market struct {
	lw        *LedgerWave
	platforms [2]*prakerja.Platform
	providers [2]*prakerja.Provider
	// courses: 0 owned provider on its owner (conflicted), 1 owned
	// provider on the other platform, 2 independent on platform 0, 3 the
	// independent provider's dear course (Rp 1.500.000, over any balance).
	courses [4]*prakerja.Course
}

// keyHash is a fake API key hash for n.
func keyHash(n int64) []byte {
	sum := sha256.Sum256(fmt.Appendf(nil, "api-key:%d", n))
	return sum[:]
}

// mustMarket builds a market whose wave has n participants, each credited
// with TrainingBalance2020.
func mustMarket(tb testing.TB, s prakerja.Store, n int) *market {
	tb.Helper()
	ctx := context.Background()
	m := &market{lw: MustLedgerWave(tb, s, n, int64(n)*TrainingBalance2020)}
	for i := range m.platforms {
		k := seq.Add(1)
		m.platforms[i] = &prakerja.Platform{Slug: fmt.Sprintf("platform-%d", k), Name: fmt.Sprintf("Platform %d", k), KeyHash: keyHash(k)}
		must(tb, s.CreatePlatform(ctx, m.platforms[i], T0))
	}
	for i := range m.providers {
		k := seq.Add(1)
		m.providers[i] = &prakerja.Provider{Slug: fmt.Sprintf("lpp-%d", k), Name: fmt.Sprintf("LPP %d", k), KeyHash: keyHash(k)}
		if i == 0 {
			m.providers[i].Owners = []int64{m.platforms[0].ID}
		}
		must(tb, s.CreateProvider(ctx, m.providers[i], T0))
		mustCreateAccounts(tb, s, []prakerja.Account{SystemAccount(
			prakerja.SystemAccountID(prakerja.AccountProviderPayable, m.providers[i].ID, 0),
			prakerja.AccountProviderPayable, m.providers[i].ID, m.providers[i].Name)})
	}
	specs := []struct {
		provider, platform int
		price              int64
	}{{0, 0, 250_000}, {0, 1, 300_000}, {1, 0, 400_000}, {1, 1, 1_500_000}}
	for i, sp := range specs {
		m.courses[i] = &prakerja.Course{ProviderID: m.providers[sp.provider].ID, PlatformID: m.platforms[sp.platform].ID,
			Title: fmt.Sprintf("Pemasaran Digital %d", i), Description: "Video dan modul.", Price: sp.price, Hours: 10, Active: true}
		must(tb, s.CreateCourse(ctx, m.courses[i], T0))
	}
	for i, reg := range m.lw.Participants {
		MustApply(tb, s, prakerja.Transfer{ID: prakerja.CreditID(m.lw.Wave.ID, reg, prakerja.TransferCreditTraining, 1),
			DebitAccount: m.lw.Budget, CreditAccount: prakerja.ParticipantAccountID(reg, prakerja.AccountTraining),
			Amount: TrainingBalance2020, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferCreditTraining,
			UserData: int64(i)})
	}
	return m
}

// charge is a pending purchase of course c by registration reg on its
// platform, with the code hash of n, made at T0 with a 5-minute code.
func (m *market) charge(reg int64, c *prakerja.Course, order string, n int64) (*prakerja.Purchase, *prakerja.Challenge, *prakerja.Message) {
	p := &prakerja.Purchase{RegistrationID: reg, CourseID: c.ID, PlatformID: c.PlatformID, ProviderID: c.ProviderID,
		OrderID: order, Amount: c.Price, TransferID: prakerja.NewTransferID(T0), CreatedAt: T0}
	ch := &prakerja.Challenge{RegistrationID: reg, Purpose: prakerja.PurposePurchase, Channel: prakerja.ChannelSMS,
		CodeHash: Index("purchase-otp", n), MaxAttempts: 3, ExpiresAt: T0.Add(5 * time.Minute), CreatedAt: T0}
	msg := &prakerja.Message{RegistrationID: reg, Channel: prakerja.ChannelSMS, Template: "purchase_otp", Locale: "id",
		Recipient: prakerja.Sealed{Ciphertext: Sealed("phone", reg).Ciphertext}, Params: []byte("v1:params"), CreatedAt: T0}
	return p, ch, msg
}

// mustCharge stores a charge and returns the purchase.
func (m *market) mustCharge(tb testing.TB, s prakerja.Store, reg int64, c *prakerja.Course, order string, n int64) *prakerja.Purchase {
	tb.Helper()
	p, ch, msg := m.charge(reg, c, order, n)
	must(tb, s.CreateCharge(context.Background(), p, ch, msg))
	return p
}

// voucher returns a valid voucher code for n.
func voucher(n int64) string {
	b := make([]byte, prakerja.VoucherCodeLen)
	for i := range b {
		b[i] = prakerja.CrockfordAlphabet[(n>>(5*i))&31]
	}
	return string(b)
}

// confirm confirms a charge with the code hash of n and a fresh voucher.
func (m *market) confirm(s prakerja.Store, p *prakerja.Purchase, n int64, at time.Time) (*prakerja.Purchase, error) {
	return s.ConfirmPurchase(context.Background(), prakerja.PurchaseConfirmation{PurchaseID: p.ID,
		PlatformID: p.PlatformID, CodeHash: Index("purchase-otp", n), VoucherCode: voucher(seq.Add(1))}, at)
}

// mustPaid charges and confirms a course, failing the test on error.
func (m *market) mustPaid(tb testing.TB, s prakerja.Store, reg int64, c *prakerja.Course) *prakerja.Purchase {
	tb.Helper()
	n := seq.Add(1)
	p := m.mustCharge(tb, s, reg, c, fmt.Sprintf("ORD-%d", n), n)
	paid, err := m.confirm(s, p, n, T0.Add(time.Minute))
	must(tb, err)
	return paid
}

// trainingBalance is a participant's posted training balance.
func trainingBalance(tb testing.TB, s prakerja.Store, reg int64) int64 {
	tb.Helper()
	a := balance(tb, s, prakerja.ParticipantAccountID(reg, prakerja.AccountTraining))
	return a.Balance()
}

// payable is a provider's posted payable balance.
func payable(tb testing.TB, s prakerja.Store, provider int64) int64 {
	tb.Helper()
	a := balance(tb, s, prakerja.SystemAccountID(prakerja.AccountProviderPayable, provider, 0))
	return a.Balance()
}
