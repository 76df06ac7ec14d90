package verify

import (
	"context"
	"errors"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registry"
)

// identity checks a claimed batch against the population registry and
// returns one result per item it can decide or must retry, and the
// duplicate flags the verified ones raise. Items whose answer was cut
// short by ctx ending get no result: their claim runs out and another
// worker takes them.
func (p *Pipeline) identity(ctx context.Context, items []prakerja.WorkItem, now time.Time) ([]prakerja.StepResult, []prakerja.DuplicateFlag) {
	results := make([]prakerja.StepResult, 0, len(items))
	reqs := make([]registry.Request, 0, len(items))
	asked := make([]int, 0, len(items)) // item index of each request
	for i := range items {
		req, err := p.request(items[i].Record)
		if err != nil {
			// A ciphertext that does not open is an operator's problem (a
			// key missing from the key file), not the registrant's: retry.
			p.log.ErrorContext(ctx, "cannot open personal data for the registry",
				"registration_id", items[i].Record.ID, "err", err)
			results = append(results, p.retry(&items[i], now, 0))
			continue
		}
		reqs, asked = append(reqs, req), append(asked, i)
	}
	answers := p.check(ctx, reqs)
	var verified []*prakerja.RegistrationRecord
	var chain []chained
	for k, a := range answers {
		it := &items[asked[k]]
		if a.Err != nil && ctx.Err() != nil {
			continue
		}
		r := p.decideIdentity(it, a, now)
		if r.Status == prakerja.StatusIdentityVerified {
			verified = append(verified, it.Record)
			chain = append(chain, chained{result: len(results), item: it, facts: factsOf(a)})
		}
		results = append(results, r)
	}
	p.chainEligibility(ctx, results, chain, now)
	return results, p.dedup.add(verified, now)
}

// request opens the registration's NIK and KK for the registry. Opened
// values live only in this request and the registry call.
func (p *Pipeline) request(rec *prakerja.RegistrationRecord) (registry.Request, error) {
	nik, err := p.keys.Open(prakerja.IndexNIK, rec.NIK.Ciphertext)
	if err != nil {
		return registry.Request{}, err
	}
	kk, err := p.keys.Open(prakerja.IndexKK, rec.KK.Ciphertext)
	if err != nil {
		return registry.Request{}, err
	}
	birth, _ := time.Parse(time.DateOnly, rec.BirthDate) // zero is refused as invalid by the registry client
	return registry.Request{NIK: nik, KK: kk, FullName: rec.FullName, BirthDate: birth}, nil
}

// check asks the registry within CheckTimeout. A refused call (it cannot
// happen below CheckMax) gives every item its error.
func (p *Pipeline) check(ctx context.Context, reqs []registry.Request) []registry.Result {
	if len(reqs) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.CheckTimeout())
	defer cancel()
	answers, err := p.registry.Check(ctx, reqs)
	if len(answers) != len(reqs) {
		if err == nil {
			err = errors.New("verify: registry answered a different number of items")
		}
		answers = make([]registry.Result, len(reqs))
		for i := range answers {
			answers[i].Err = err
		}
	}
	return answers
}

// decideIdentity maps one registry answer to a step result.
func (p *Pipeline) decideIdentity(it *prakerja.WorkItem, a registry.Result, now time.Time) prakerja.StepResult {
	r := prakerja.StepResult{RegistrationID: it.Record.ID, Token: it.Token}
	if a.Err != nil {
		code := prakerja.ErrorCode(a.Err)
		p.metrics.registryErrors.WithLabelValues(string(code)).Inc()
		if code == prakerja.CodeInvalid {
			r.Status, r.Reasons = prakerja.StatusIdentityFailed, []string{prakerja.ReasonIdentityInvalid}
			return r
		}
		var pe *prakerja.Error
		hint := time.Duration(0)
		if errors.As(a.Err, &pe) {
			hint = pe.Retry
		}
		return p.retry(it, now, hint)
	}
	switch a.Status {
	case registry.StatusMatch:
		f := facts{citizen: a.Citizen, education: a.InFormalEducation()}
		p.facts.put(it.Record.ID, f, now)
		r.Status, r.Detail = prakerja.StatusIdentityVerified, detail(a.NameScore, &f)
	case registry.StatusNotFound:
		r.Status, r.Reasons = prakerja.StatusIdentityFailed, []string{prakerja.ReasonIdentityNotFound}
	default: // StatusMismatch; the client refuses any status it does not know
		r.Status, r.Reasons = prakerja.StatusIdentityFailed, mismatchReasons(a.Fields)
		r.Detail = detail(a.NameScore, nil)
	}
	return r
}

// mismatchReasons names every field the registry holds differently, so
// the registrant learns all of them at once.
func mismatchReasons(f registry.Fields) []string {
	var out []string
	if f.KK == registry.OutcomeMismatch {
		out = append(out, prakerja.ReasonIdentityKKMismatch)
	}
	if f.FullName == registry.OutcomeMismatch {
		out = append(out, prakerja.ReasonIdentityNameMismatch)
	}
	if f.BirthDate == registry.OutcomeMismatch {
		out = append(out, prakerja.ReasonIdentityBirthDateMismatch)
	}
	if len(out) == 0 { // a mismatch naming no field breaks the protocol; fail closed
		out = append(out, prakerja.ReasonIdentityInvalid)
	}
	return out
}

// retry asks for the item to be tried again after its backoff, and
// remembers when, so Drain waits for it.
func (p *Pipeline) retry(it *prakerja.WorkItem, now time.Time, hint time.Duration) prakerja.StepResult {
	at := now.Add(p.cfg.backoff(it.Attempts, hint))
	for {
		old := p.retryUntil.Load()
		if at.UnixNano() <= old || p.retryUntil.CompareAndSwap(old, at.UnixNano()) {
			break
		}
	}
	return prakerja.StepResult{RegistrationID: it.Record.ID, Token: it.Token, RetryAt: at}
}
