package registration

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// Rate-limit bucket kinds, the prefix of each key in the rate_limits table.
const (
	rateAddr         = "otp_addr"      // codes requested per client address
	rateSMS          = "sms_phone"     // SMS codes per phone number, all purposes
	rateLogin        = "login_ident"   // sign-in codes per identifier
	rateLoginUnknown = "login_unknown" // sign-ins asked for identifiers with no usable account
	rateLoginDecoy   = "login_decoy"   // wrong codes tried against a decoy sign-in id
)

// limit is one fixed-window counter.
type limit struct {
	key    string
	max    int64
	window time.Duration
}

// hit counts one request against each limit in order and stops at the first
// one exceeded, so a request refused per address does not also eat into the
// victim phone's budget.
func (s *Service) hit(ctx context.Context, now time.Time, limits ...limit) error {
	for _, l := range limits {
		start := now.Truncate(l.window)
		n, err := s.store.HitRateLimit(ctx, l.key, start)
		if err != nil {
			return fmt.Errorf("rate limit: %w", err)
		}
		if n > l.max {
			return rateLimited(now, start.Add(l.window))
		}
	}
	return nil
}

// addrLimit returns the per-address limit, or none when the address is
// unknown (command-line and test callers); a shared "" bucket would let one
// client starve all of them.
func (s *Service) addrLimit(c prakerja.Client) []limit {
	if c.Addr == "" {
		return nil
	}
	return []limit{{s.rateKey(rateAddr, []byte(c.Addr)), s.cfg.OTPPerAddrHour, time.Hour}}
}

// checkResend refuses a new code of purpose while the last one is younger
// than the resend interval.
func (s *Service) checkResend(ctx context.Context, regID int64, purpose prakerja.ChallengePurpose, now time.Time) error {
	if s.cfg.OTPResendInterval == 0 {
		return nil
	}
	// "At or after since", so since is one tick (the stores keep
	// microseconds) past the point where a resend becomes allowed.
	since := now.Add(-s.cfg.OTPResendInterval + time.Microsecond)
	n, err := s.store.CountChallengesSince(ctx, regID, purpose, since)
	if err != nil || n == 0 {
		return err
	}
	last, err := s.store.LatestChallenge(ctx, regID, purpose)
	if err != nil {
		return err
	}
	return rateLimited(now, last.CreatedAt.Add(s.cfg.OTPResendInterval))
}

// rateLimited says when to try again: in seconds when that is soon, else as
// a Jakarta clock time, which is what the registrant's phone shows.
func rateLimited(now, retry time.Time) error {
	wait := retry.Sub(now)
	if wait < 2*time.Minute {
		secs := max(int64((wait+time.Second-1)/time.Second), 1)
		unit := "seconds"
		if secs == 1 {
			unit = "second"
		}
		e := prakerja.Errorf(prakerja.CodeRateLimited, "Too many requests. Please try again in %d %s.", secs, unit)
		e.Retry = wait
		return e
	}
	e := prakerja.Errorf(prakerja.CodeRateLimited, "Too many requests. Please try again after %s WIB.", retry.In(prakerja.WIB).Format("15:04"))
	e.Retry = wait
	return e
}
