package verify

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registry"
)

// chained is an identity-verified item of a batch whose eligibility the
// identity step decides at once.
type chained struct {
	result int // index into the batch's results
	item   *prakerja.WorkItem
	facts  facts
}

func factsOf(a registry.Result) facts {
	return facts{citizen: a.Citizen, education: a.InFormalEducation()}
}

// chainEligibility decides the eligibility of the batch's verified
// registrations right away and attaches each decision to its identity
// result (StepResult.Next), so the store applies both steps in one write:
// a second claim and completion per registrant would halve throughput on
// SQLite's single writer. When this pipeline does not work the
// eligibility step, or screening fails, nothing is chained and the
// eligibility step takes them as usual.
func (p *Pipeline) chainEligibility(ctx context.Context, results []prakerja.StepResult, chain []chained, now time.Time) {
	if len(chain) == 0 || !p.cfg.works(prakerja.StepEligibility) {
		return
	}
	items := make([]prakerja.WorkItem, len(chain))
	for i, c := range chain {
		items[i] = *c.item
	}
	excluded, kk, err := p.screen(ctx, items)
	if err != nil {
		p.log.WarnContext(ctx, "eligibility not chained; the eligibility step will decide", "err", err)
		return
	}
	for _, c := range chain {
		rec := c.item.Record
		a := applicant(rec, c.facts, excluded[string(rec.NIK.Index)], kk[string(rec.KK.Index)], now)
		d := p.decideEligibility(ctx, c.item, a)
		results[c.result].Next = &prakerja.StepDecision{Status: d.Status, Reasons: d.Reasons}
	}
}
