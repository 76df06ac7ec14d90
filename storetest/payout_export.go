package storetest

import (
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
)

// PayoutFixture is a wave whose participants have incentive slot 1 and
// survey slot 1 unlocked and (but the first) a verified payout account,
// with the payout service over it and the keys it seals with: what the
// console's maker-checker and registrant tests need from a real store.
type PayoutFixture struct {
	Service      *payout.Service
	Keys         *pii.Keyring
	Clock        *mock.Clock
	Participants []int64
}

// MustPayoutFixture builds a PayoutFixture of n participants on s.
func MustPayoutFixture(t *testing.T, s prakerja.Store, n int) *PayoutFixture {
	t.Helper()
	e := newPayoutEnv(t, s, n)
	return &PayoutFixture{Service: e.svc, Keys: e.keys, Clock: e.clock, Participants: e.lw.Participants}
}
