// Package banksim simulates the programme's payment partners: banks and
// e-wallets that take pain.001 files (or an e-wallet batch CSV), answer
// each payment with a pain.002 status, book the accepted ones on a
// camt.054, and answer account inquiries from a directory of accounts.
//
// Every answer is a pure function of the file, the Config and the clock:
// which payments are rejected or left unanswered is drawn from a hash of
// (Seed, InstrID), so a rerun gives byte-identical files and a retried
// attempt (a new InstrID) gets a fresh draw.
package banksim

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"log/slog"
	"strings"
	"time"

	"github.com/prakerja/prakerja/iso20022"
)

// DefaultReasons are the ISO ExternalStatusReason1Code values drawn for
// random rejects: closed account, not allowed amount, invalid account
// data, reason not specified.
var DefaultReasons = []string{"AC04", "AM04", "AC06", "MS03"}

// Reason codes the directory check answers with.
const (
	ReasonUnknownAccount = "AC01" // incorrect account number
	ReasonClosedAccount  = "AC04" // closed account number
)

// Config is how the simulated partner behaves. Rates are shares in 0..1
// and approximate: each payment's fate is a hash draw, not a quota.
type Config struct {
	RejectRate, SilenceRate float64
	Reasons                 []string         // drawn for random rejects; nil = DefaultReasons
	Seed                    int64            // changes every draw
	Directory               *Directory       // optional: unknown accounts are rejected AC01, closed ones AC04
	Account                 string           // the programme's debit account shown in camt.054; "" = the file's DbtrAcct
	Now                     func() time.Time // the HTTP handler's clock; nil = time.Now
	Logger                  *slog.Logger     // the HTTP handler's log; nil = none. Never gets personal data.
}

// draw returns three independent uniform values in [0,1) and an index
// source for (Seed, InstrID).
func (c *Config) draw(instrID string) (silence, reject float64, pick uint64) {
	var seed [8]byte
	binary.BigEndian.PutUint64(seed[:], uint64(c.Seed))
	h := sha256.Sum256(append(seed[:], instrID...))
	unit := func(b []byte) float64 { return float64(binary.BigEndian.Uint64(b)>>11) / (1 << 53) }
	return unit(h[0:8]), unit(h[8:16]), binary.BigEndian.Uint64(h[16:24])
}

func (c *Config) reasons() []string {
	if len(c.Reasons) == 0 {
		return DefaultReasons
	}
	return c.Reasons
}

// decide is one payment's fate: silent (no answer at all), or a status
// with its reason and a short, personal-data-free note.
func (c *Config) decide(p *iso20022.Payment) (silent bool, status, reason, info string) {
	silence, reject, pick := c.draw(p.InstrID)
	if silence < c.SilenceRate {
		return true, "", "", ""
	}
	if c.Directory != nil {
		acct, ok := c.Directory.Lookup(p.Provider, p.CreditorAccount)
		if !ok {
			return false, iso20022.StatusRejected, ReasonUnknownAccount, "account not found"
		}
		if acct.Closed {
			return false, iso20022.StatusRejected, ReasonClosedAccount, "account closed"
		}
	}
	if reject < c.RejectRate {
		rs := c.reasons()
		return false, iso20022.StatusRejected, rs[pick%uint64(len(rs))], "simulated reject"
	}
	return false, iso20022.StatusAccepted, "", ""
}

// derive makes a deterministic identifier of at most 35 characters from
// a prefix and parts, so answer IDs follow from the file's MsgId.
func derive(prefix string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return prefix + "-" + strings.ToUpper(hex.EncodeToString(h[:]))[:28]
}
