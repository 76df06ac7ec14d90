package verify

import (
	"sync/atomic"

	"github.com/prakerja/prakerja"
)

// Counts are the results a pipeline has recorded since it was built.
// Stale results (a claim lost before its result was recorded) are counted
// in their outcome too, and again in Stale: CompleteWork reports how many
// were stale, not which.
type Counts struct {
	IdentityVerified int64 `json:"identity_verified"`
	IdentityFailed   int64 `json:"identity_failed"`
	Eligible         int64 `json:"eligible"`
	Ineligible       int64 `json:"ineligible"`
	Retried          int64 `json:"retried"` // the registry could not answer; tried again later
	Stale            int64 `json:"stale"`
}

// Verified is the number of registrations that went through the
// identity step to a decision.
func (c Counts) Verified() int64 { return c.IdentityVerified + c.IdentityFailed }

type counters struct {
	identityVerified, identityFailed, eligible, ineligible, retried, stale atomic.Int64
}

func (c *counters) add(results []prakerja.StepResult, stale int) {
	var n [5]int64
	for i := range results {
		if next := results[i].Next; next != nil {
			if next.Status == prakerja.StatusEligible {
				n[2]++
			} else {
				n[3]++
			}
		}
		switch results[i].Status {
		case prakerja.StatusIdentityVerified:
			n[0]++
		case prakerja.StatusIdentityFailed:
			n[1]++
		case prakerja.StatusEligible:
			n[2]++
		case prakerja.StatusIneligible:
			n[3]++
		default:
			n[4]++
		}
	}
	c.identityVerified.Add(n[0])
	c.identityFailed.Add(n[1])
	c.eligible.Add(n[2])
	c.ineligible.Add(n[3])
	c.retried.Add(n[4])
	c.stale.Add(int64(stale))
}

// Counts returns the results recorded so far.
func (p *Pipeline) Counts() Counts {
	c := &p.counts
	return Counts{
		IdentityVerified: c.identityVerified.Load(), IdentityFailed: c.identityFailed.Load(),
		Eligible: c.eligible.Load(), Ineligible: c.ineligible.Load(),
		Retried: c.retried.Load(), Stale: c.stale.Load(),
	}
}
