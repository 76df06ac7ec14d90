package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
)

// demoVerifyStallMax is how long the demo waits for the verification
// backlog to move before it gives up.
const demoVerifyStallMax = time.Minute

// demoExtraLists are lists the demo imports besides the scheme's excluded
// categories, so the data holds a bansos list the 2020 scheme does not
// exclude on (it only lowered priority).
var demoExtraLists = []string{"dtks"}

// startRegistry serves the population-registry simulator for the demo's
// population on a loopback port, as an outside registry would be, and
// returns its base URL and a stop function.
func (d *demo) startRegistry(ctx context.Context, log *slog.Logger) (string, func(), error) {
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: d.opts.seed, Ref: d.ref})
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("registry simulator: listen: %w", err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- serveRegistrySim(sctx, ln, sim, log) }()
	return "http://" + ln.Addr().String(), func() { cancel(); <-done }, nil
}

// importExclusions writes synthetic exclusion lists drawn from the
// registrants' families into the data folder and imports them through the
// same path as `prakerja exclusions import`, so people can open the files.
func (d *demo) importExclusions(ctx context.Context, attempts []population.Attempt) error {
	persons := demoPersons(d.opts.seed, d.ref, attempts)
	dir := filepath.Join(d.res.Data, "exclusions")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("exclusion lists: %w", err)
	}
	cats := append(slices.Clone(d.app.scheme.Eligibility.ExcludedCategories), demoExtraLists...)
	d.res.ExclusionLists = map[string]int{}
	for _, cat := range cats {
		list := exclusion.Synthetic(d.opts.seed, persons, cat, exclusion.DefaultPerMille(cat))
		if len(list) == 0 {
			continue
		}
		path := filepath.Join(dir, cat+".csv")
		if err := writeExclusionSample(path, list); err != nil {
			return err
		}
		imp := &prakerja.ExclusionImport{Category: cat, Source: "prakerja demo (synthetic)"}
		open := func() (io.ReadCloser, error) { return os.Open(path) }
		if _, err := exclusion.Import(ctx, d.app.store, d.app.keys, open, imp, time.Now(), exclusion.Hooks{}); err != nil {
			return fmt.Errorf("exclusion list %s: %w", cat, err)
		}
		d.res.ExclusionLists[cat] = int(imp.Entries)
	}
	return nil
}

// demoPersons returns the distinct people the attempts are built from.
func demoPersons(seed uint64, ref time.Time, attempts []population.Attempt) []population.Person {
	pop := population.New(seed, population.Options{Ref: ref})
	seen := map[population.PersonID]bool{}
	var out []population.Person
	for _, a := range attempts {
		if seen[a.Person] {
			continue
		}
		seen[a.Person] = true
		if p, ok := pop.Person(a.Person); ok {
			out = append(out, p)
		}
	}
	return out
}

// awaitVerification waits, with a progress bar, until the pipeline has
// decided every phone-verified registration: nothing left in
// phone_verified or identity_verified. The pipeline runs in serve while
// registrants arrive, as in production, so most are decided by the time
// the phone phase ends; the wait is how far verification lagged behind.
func (d *demo) awaitVerification(ctx context.Context) error {
	start := time.Now()
	waiting, decided, err := d.verificationState(ctx)
	if err != nil {
		return err
	}
	defer func() { d.res.VerifyWaitSeconds = time.Since(start).Seconds() }()
	if waiting == 0 {
		fmt.Fprintf(d.env.Stderr, "verification kept pace: all %d phone-verified registrants decided\n", decided)
		return nil
	}
	p := startProgress(d.env.Stderr, "verifying identity", int(waiting))
	defer p.Finish()
	left, lastMove := waiting, time.Now()
	for left > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if waiting, _, err = d.verificationState(ctx); err != nil {
			return err
		}
		if waiting < left {
			p.Add(int(left - waiting))
			left, lastMove = waiting, time.Now()
		}
		if time.Since(lastMove) > demoVerifyStallMax {
			return fmt.Errorf("verification made no progress for %s with %d waiting; see %s", demoVerifyStallMax, left, d.res.ServerLog)
		}
	}
	return nil
}

// verificationState reads the backlog: registrations waiting for a
// pipeline step, and those decided.
func (d *demo) verificationState(ctx context.Context) (waiting, decided int64, err error) {
	rows, err := d.app.store.Backlog(ctx, time.Now())
	if err != nil {
		return 0, 0, err
	}
	waiting, decided = backlogSplit(rows)
	return waiting, decided, nil
}

// backlogSplit counts registrations waiting for a pipeline step and those
// the pipeline has decided.
func backlogSplit(rows []prakerja.BacklogRow) (waiting, decided int64) {
	for _, r := range rows {
		switch r.Status {
		case prakerja.StatusPhoneVerified, prakerja.StatusIdentityVerified:
			waiting += r.Count
		case prakerja.StatusIdentityFailed, prakerja.StatusEligible, prakerja.StatusIneligible:
			decided += r.Count
		}
	}
	return waiting, decided
}

// collectVerification reads the outcome: reasons of those who fell out,
// duplicate flags, and whether every registration with an identity fault
// failed with the reason the fault must cause and no other did.
func (d *demo) collectVerification(ctx context.Context) error {
	d.res.Reasons = map[string]map[string]int{}
	for _, st := range []prakerja.RegistrationStatus{prakerja.StatusIdentityFailed, prakerja.StatusIneligible} {
		counts, err := d.app.store.ReasonCounts(ctx, st)
		if err != nil {
			return err
		}
		m := map[string]int{}
		for code, n := range counts {
			m[code] = int(n)
		}
		d.res.Reasons[string(st)] = m
	}
	flags, err := d.app.store.DuplicateFlags(ctx, prakerja.FlagFilter{Status: prakerja.FlagOpen, Limit: prakerja.FlagsPageMax})
	if err != nil {
		return err
	}
	d.res.DuplicateFlags = len(flags)
	return d.checkIdentityOutcomes(ctx)
}

// faultReason is the identity reason each demo fault must cause.
var faultReason = map[identityFault]string{
	faultNIKUnknown:  prakerja.ReasonIdentityNotFound,
	faultKKOld:       prakerja.ReasonIdentityKKMismatch,
	faultNameVariant: prakerja.ReasonIdentityNameMismatch,
}

// checkIdentityOutcomes counts as unexpected every phone-verified
// registration whose identity outcome differs from what its data implies.
func (d *demo) checkIdentityOutcomes(ctx context.Context) error {
	for i, id := range d.confirmedIDs {
		if !d.phoneVerified[i] {
			continue
		}
		r, err := d.app.store.Registration(ctx, id)
		if err != nil {
			return err
		}
		fault := d.faults[id]
		failed := r.Status == prakerja.StatusIdentityFailed
		if (fault != faultNone) != failed || (failed && !slices.Contains(r.Reasons, faultReason[fault])) {
			d.res.Unexpected++
			if os.Getenv("PRAKERJA_DEMO_DEBUG") != "" {
				fmt.Fprintf(d.env.Stderr, "unexpected: registration %d fault %q status %s reasons %v\n", id, fault, r.Status, r.Reasons)
			}
		}
	}
	return nil
}

// reportVerification prints the funnel past the phone step: NIK verified
// by the registry, then eligible, with the reasons of those who fell out.
func (d *demo) reportVerification(row func(label string, n, of int)) {
	r := &d.res
	failed := r.Funnel[string(prakerja.StatusIdentityFailed)]
	eligible := r.Funnel[string(prakerja.StatusEligible)]
	ineligible := r.Funnel[string(prakerja.StatusIneligible)]
	verified := eligible + ineligible + r.Funnel[string(prakerja.StatusIdentityVerified)]
	row("NIK verified (population registry)", verified, r.PhoneVerified)
	reasonRows(row, r.Reasons[string(prakerja.StatusIdentityFailed)], failed, r.PhoneVerified)
	row("eligible", eligible, verified)
	reasonRows(row, r.Reasons[string(prakerja.StatusIneligible)], ineligible, verified)
	lists := 0
	for _, n := range r.ExclusionLists {
		lists += n
	}
	row(fmt.Sprintf("exclusion lists imported (%d)", len(r.ExclusionLists)), lists, 0)
	row("duplicate flags for review", r.DuplicateFlags, 0)
}

// reasonRows prints "fell out" with one row per reason code. A registrant
// may carry several reasons, so the rows can add up to more than total.
func reasonRows(row func(label string, n, of int), reasons map[string]int, total, of int) {
	if total == 0 {
		return
	}
	row("  fell out", total, of)
	for _, code := range sortedKeys(reasons) {
		row("    "+code, reasons[code], of)
	}
}
