package verify

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/eligibility"
)

// ReasonFactsMissing is the reason an eligibility decision gives when the
// registry facts of the identity step are nowhere to be found (an identity
// record written before they were kept). It sends the registrant to
// ineligible rather than guessing citizenship; the operator reruns the
// identity step for them with `prakerja verify --rerun --step identity
// --reason identity_facts_missing`.
const ReasonFactsMissing = prakerja.ReasonIdentityFactsMissing

// eligibility screens a claimed batch and evaluates the scheme's rules for
// each registration. It reads the store twice per batch (exclusion lists,
// and participants per KK when the scheme limits them), never per item,
// except for facts missing from memory.
//
// A failed screening fails the batch: its claims run out and it is taken
// again, since a store error is no reason to delay anyone by a backoff.
func (p *Pipeline) eligibility(ctx context.Context, items []prakerja.WorkItem, now time.Time) ([]prakerja.StepResult, error) {
	excluded, kk, err := p.screen(ctx, items)
	if err != nil {
		return nil, fmt.Errorf("screen eligibility: %w", err)
	}
	results := make([]prakerja.StepResult, 0, len(items))
	for i := range items {
		it := &items[i]
		f, ok, err := p.factsOf(ctx, it.Record)
		switch {
		case err != nil:
			p.log.ErrorContext(ctx, "cannot read identity facts", "registration_id", it.Record.ID, "err", err)
			results = append(results, p.retry(it, now, 0))
			continue
		case !ok:
			p.log.WarnContext(ctx, "identity facts missing; rerun the identity step", "registration_id", it.Record.ID)
			results = append(results, prakerja.StepResult{RegistrationID: it.Record.ID, Token: it.Token,
				Status: prakerja.StatusIneligible, Reasons: []string{ReasonFactsMissing}})
			continue
		}
		rec := it.Record
		a := applicant(rec, f, excluded[string(rec.NIK.Index)], kk[string(rec.KK.Index)], now)
		results = append(results, p.decideEligibility(ctx, it, a))
	}
	return results, nil
}

// screen looks the batch's NIKs up on the exclusion lists and, when the
// scheme limits participants per KK, counts them.
func (p *Pipeline) screen(ctx context.Context, items []prakerja.WorkItem) (map[string][]string, map[string]int, error) {
	niks := make([][]byte, len(items))
	kks := make([][]byte, 0, len(items))
	for i := range items {
		niks[i] = items[i].Record.NIK.Index
		if len(items[i].Record.KK.Index) > 0 {
			kks = append(kks, items[i].Record.KK.Index)
		}
	}
	excluded, err := p.store.ScreenExclusions(ctx, niks)
	if err != nil {
		return nil, nil, err
	}
	if !p.kkLimit || len(prakerja.ParticipantStatuses) == 0 {
		return excluded, nil, nil // no limit, or nobody can be a participant yet
	}
	kk, err := p.store.KKParticipants(ctx, kks)
	return excluded, kk, err
}

// applicant gathers the rules' facts about one registration. A NIK on
// the blacklist of revoked cards comes back from the screening as the
// pseudo-category prakerja.ExclusionRevoked: it becomes Revoked (the
// revoked_before rule), not an exclusion list.
func applicant(rec *prakerja.RegistrationRecord, f facts, exclusions []string, kkParticipants int, now time.Time) eligibility.Applicant {
	revoked := slices.Contains(exclusions, prakerja.ExclusionRevoked)
	if revoked {
		exclusions = slices.DeleteFunc(slices.Clone(exclusions), func(c string) bool { return c == prakerja.ExclusionRevoked })
		if len(exclusions) == 0 {
			exclusions = nil
		}
	}
	birth, err := time.Parse(time.DateOnly, rec.BirthDate)
	age := -1 // an unreadable birth date fails the minimum-age rule
	if err == nil {
		age = eligibility.AgeOn(birth, now)
	}
	province := rec.DomicileDistrict
	if len(province) > 2 {
		province = province[:2]
	}
	return eligibility.Applicant{
		Age: age, Sex: rec.Sex, Citizen: f.citizen, InFormalEducation: f.education,
		Exclusions: exclusions, KKParticipants: kkParticipants, DomicileProvince: province, Revoked: revoked,
	}
}

// decideEligibility evaluates the rules; an ineligible registration gets
// every failed rule's code.
func (p *Pipeline) decideEligibility(ctx context.Context, it *prakerja.WorkItem, a eligibility.Applicant) prakerja.StepResult {
	d := p.rules.Evaluate(a)
	r := prakerja.StepResult{RegistrationID: it.Record.ID, Token: it.Token, Status: prakerja.StatusEligible}
	for _, e := range d.Errors {
		p.log.WarnContext(ctx, "eligibility rule could not be evaluated", "rule", e.Code, "err", e.Err)
	}
	if d.Eligible {
		return r
	}
	r.Status = prakerja.StatusIneligible
	r.Reasons = make([]string, 0, min(len(d.Reasons), prakerja.ReasonsMax))
	for _, reason := range d.Reasons[:min(len(d.Reasons), prakerja.ReasonsMax)] {
		r.Reasons = append(r.Reasons, reason.Code)
	}
	return r
}

// factsOf returns the registry facts of a registration: from memory when
// the identity decision it stands on was made here, else from its latest
// identity StepRecord.
func (p *Pipeline) factsOf(ctx context.Context, rec *prakerja.RegistrationRecord) (facts, bool, error) {
	if f, ok := p.facts.take(rec.ID, rec.StatusChangedAt); ok {
		return f, true, nil
	}
	recs, err := p.store.StepRecords(ctx, rec.ID)
	if err != nil {
		return facts{}, false, err
	}
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		if r.Step == prakerja.StepIdentity && r.Status == prakerja.StatusIdentityVerified {
			f, ok := parseDetail(r.Detail)
			return f, ok, nil
		}
	}
	return facts{}, false, nil
}
