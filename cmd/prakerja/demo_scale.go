package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
)

// Full-scale mode. Above demoScaleFrom registrants the per-person HTTP
// story (every e-mail link and SMS code over the API) cannot finish in
// time on two cores, so the demo sends --http-registrants attempts through
// POST /api/v1/registrations, plays the contact steps over HTTP for a
// sample of them, confirms the rest's contact in bulk, and seeds the other
// registrants straight into the store as the API would have stored them.
// Verification of all of them runs through serve's real pipeline; the wave
// keeps the 2020 shape with bulk tests and joins (demo_scale_wave.go), and
// the money runs for every participant as in the default demo.
const (
	demoScaleFrom        = 200_000
	demoScaleMax         = population.MaxAttempts
	demoHTTPDefaultMax   = 1_000_000
	demoScaleContactHTTP = 10_000  // HTTP registrants whose e-mail and phone steps go over HTTP
	demoScaleMemLimit    = 3 << 30 // soft heap limit, under the 4 GiB budget
	demoScaleStoryMax    = 10_000  // participants whose months are played one by one
	// demoScaleCacheKiB is the writer's page cache in full-scale mode
	// (512 MiB instead of 64): after the seed, every HTTP registration
	// inserts random blind indexes into B-trees of millions of rows, and
	// the index rebuild sorts in runs of the cache's size. 500,000 random
	// inserts ran 1.75x faster with 1 GiB than with 64 MiB; half of that
	// keeps the process inside its 4 GiB beside the duplicate index.
	demoScaleCacheKiB = 512 << 10
)

// demoScaleResult is the full-scale mode's split of the registrants.
type demoScaleResult struct {
	HTTPAttempts      int               `json:"http_attempts"`
	ContactHTTP       int               `json:"contact_http"`
	ContactBulk       demoContactCounts `json:"contact_bulk_confirmed"`
	Seeded            int               `json:"seeded"`
	SeededContact     demoContactCounts `json:"seeded_contact"`
	SeedFirstFamily   int               `json:"seed_first_family"`
	StoryParticipants int               `json:"story_participants"`
	RegistrantsInDemo int               `json:"registrants"`
}

// scaleMode reports whether the demo takes the full-scale path: above
// demoScaleFrom registrants, or at any size when --http-registrants is
// given (so tests can run the path small).
func (d *demo) scaleMode() bool {
	return d.opts.registrants > demoScaleFrom || d.opts.httpRegistrants > 0
}

// httpRegistrants is how many attempts go through HTTP in scale mode.
func (d *demo) httpRegistrants() int {
	if d.opts.httpRegistrants > 0 {
		return min(d.opts.httpRegistrants, d.opts.registrants)
	}
	return min(d.opts.registrants, demoHTTPDefaultMax)
}

// runScale is run for the full-scale mode.
func (d *demo) runScale(ctx context.Context) error {
	sc := &demoScaleResult{HTTPAttempts: d.httpRegistrants(), RegistrantsInDemo: d.opts.registrants}
	if d.env.Getenv("GOMEMLIMIT") == "" {
		// The duplicate index holds everyone past the identity step
		// (~315 B a person, 1.6 GB at 7.6 million): a soft limit makes
		// the collector work harder rather than let the heap double.
		debug.SetMemoryLimit(demoScaleMemLimit)
	}
	d.res.Scale = sc
	if err := d.app.store.SetWriterCacheKiB(ctx, demoScaleCacheKiB); err != nil {
		return err
	}
	attempts := population.Attempts(d.opts.seed, sc.HTTPAttempts, population.Options{Ref: d.ref})
	faults := addIdentityFaults(attempts, d.opts.seed)
	fmt.Fprintf(d.env.Stderr, "prakerja demo (full scale): %d registrants, %d attempts over HTTP (seed %d) against %s\n",
		d.opts.registrants, len(attempts), d.opts.seed, d.client.base)
	if err := d.stage(ctx, "exclusion lists", func(ctx context.Context) (int, error) {
		err := d.importExclusions(ctx, attempts)
		return len(attempts), err
	}); err != nil {
		return err
	}
	// The seed goes first, into the empty table, so it can rebuild the
	// indexes once instead of inserting random blind indexes row by row.
	sc.SeedFirstFamily = attempts[len(attempts)-1].Person.Family() + 1
	sc.Seeded = d.opts.registrants - len(attempts)
	if err := d.stageNote(ctx, "registrations", "bulk seed, sealed as the API stores them", func(ctx context.Context) (int, error) {
		p := startProgress(d.env.Stderr, "seeding registrations", sc.Seeded)
		defer p.Finish()
		var err error
		sc.SeededContact, err = d.seedRegistrations(ctx, sc.SeedFirstFamily, sc.Seeded, p)
		return sc.Seeded, err
	}); err != nil {
		return err
	}
	d.startServing() // the writer is free again: serve's pipeline, outbox and jobs may start
	// The seeded registrants are verified before the HTTP crowd arrives:
	// both need SQLite's one writer, and sharing it ran the pipeline at
	// 9,000/s and registrations at 135-200/s for eight minutes.
	if err := d.stageNote(ctx, "verification of the seeded", "serve's pipeline, registry simulator", func(ctx context.Context) (int, error) {
		err := d.awaitVerification(ctx)
		return sc.SeededContact.PhoneVerified, err
	}); err != nil {
		return err
	}
	if err := d.stageNote(ctx, "registrations", "HTTP", func(ctx context.Context) (int, error) {
		err := d.registerAll(ctx, attempts, faults)
		return len(attempts), err
	}); err != nil {
		return err
	}
	d.res.RegisterPerSec = d.res.Stages[len(d.res.Stages)-1].PerSecond
	if err := d.stage(ctx, "nominations", func(ctx context.Context) (int, error) {
		err := d.nominate(ctx, attempts)
		return d.res.Nominated, err
	}); err != nil {
		return err
	}
	if err := d.scaleContact(ctx, sc); err != nil {
		return err
	}
	d.res.EmailVerified += sc.ContactBulk.EmailVerified + sc.ContactBulk.PhoneVerified + sc.SeededContact.EmailVerified + sc.SeededContact.PhoneVerified
	d.res.PhoneVerified += sc.ContactBulk.PhoneVerified + sc.SeededContact.PhoneVerified
	return d.scaleVerify(ctx)
}

// scaleVerify waits for serve's pipeline to decide every phone-verified
// registrant and reads the outcome.
func (d *demo) scaleVerify(ctx context.Context) error {
	if err := d.stage(ctx, "outbox drained", func(ctx context.Context) (int, error) {
		err := d.scaleDrain(ctx)
		return int(d.res.MessagesQueued), err
	}); err != nil {
		return err
	}
	// Seeded registrants count as attempts and accounts from here on;
	// they had no messages, so the outbox count above left them out.
	d.res.Attempts += d.res.Scale.Seeded
	d.res.Created += d.res.Scale.Seeded
	if err := d.stageNote(ctx, "verification pipeline", "serve's pipeline, registry simulator", func(ctx context.Context) (int, error) {
		err := d.awaitVerification(ctx)
		return d.res.PhoneVerified, err
	}); err != nil {
		return err
	}
	if err := d.stage(ctx, "verification outcomes", func(ctx context.Context) (int, error) {
		err := d.collectVerification(ctx)
		return d.res.PhoneVerified, err
	}); err != nil {
		return err
	}
	if err := d.readFunnel(ctx); err != nil {
		return err
	}
	// The wave in the 2020 shape over everyone eligible, then the money
	// for all its participants and the console.
	if err := d.scaleWave(ctx); err != nil {
		return err
	}
	return d.runMoneyConsole(ctx)
}

// scaleDrain is drainOutbox with a bound that grows with the messages
// queued: a million welcome e-mails take the dispatcher longer than the
// default demo's two minutes, and slower still beside the seeding.
func (d *demo) scaleDrain(ctx context.Context) error {
	d.res.MessagesQueued = int64(d.res.Created) + d.sent.Load()
	return d.awaitOutbox(ctx, demoDrainMax+time.Duration(d.res.MessagesQueued/demoDrainMinRate)*time.Second)
}

// demoDrainMinRate is the slowest dispatch (messages a second) the
// full-scale drain waits for.
const demoDrainMinRate = 100

// storyParticipants are the participants whose months the money story
// plays one by one (purchases, completions, reviews, payout accounts,
// surveys): all of them in the default demo; in full-scale mode at most
// demoScaleStoryMax and half, since one participant's months cost about
// 13 ms on two cores (38 minutes for 168,111). The others are credited
// with the rest and left to the scheduled jobs: they never buy, so the
// deadline revokes their cards and the programme end forfeits their
// balance, through the same jobs as for anyone who misses the deadline.
func (d *demo) storyParticipants(parts []prakerja.Participant) []prakerja.Participant {
	if !d.scaleMode() {
		return parts
	}
	n := min(demoScaleStoryMax, (len(parts)+1)/2)
	if d.res.Scale != nil {
		d.res.Scale.StoryParticipants = n
	}
	return parts[:n]
}
