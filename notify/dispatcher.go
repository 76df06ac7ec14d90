package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

// markTimeout bounds recording an outcome. Marking runs even after the
// dispatcher's context ends, so a shutdown mid-send does not forget a
// delivery and send it twice.
const markTimeout = 5 * time.Second

// Dispatcher moves messages from the outbox to their senders.
type Dispatcher struct {
	store    prakerja.Store
	keys     *pii.Keyring
	clock    prakerja.Clock
	senders  map[prakerja.Channel]Sender
	renderer *Renderer
	cfg      DispatcherConfig
	log      *slog.Logger
}

// NewDispatcher returns a dispatcher sending each channel's messages with
// senders[channel]. A message on a channel with no sender fails and is
// retried, so a missing sender shows up as failures, not silence. log may be
// nil for slog.Default().
func NewDispatcher(store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock, senders map[prakerja.Channel]Sender, cfg DispatcherConfig, log *slog.Logger) (*Dispatcher, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("dispatcher config: %w", err)
	}
	r, err := NewRenderer()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	return &Dispatcher{store: store, keys: keys, clock: clock, senders: senders, renderer: r, cfg: cfg, log: log}, nil
}

// Run delivers messages until ctx ends. A full batch is followed at once by
// the next; otherwise it waits PollInterval. Store errors are logged and
// retried after PollInterval, since the outbox is durable.
func (d *Dispatcher) Run(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		sent, failed, err := d.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			d.log.ErrorContext(ctx, "outbox round failed", slog.Any("err", err))
		}
		wait := d.cfg.PollInterval
		if err == nil && sent+failed == d.cfg.Batch {
			wait = 0
		}
		t.Reset(wait)
	}
}

// RunOnce claims one batch of due messages and tries each once, at most
// Concurrency at a time, while a recorder writes the outcomes as they come
// (see recorder). err reports a failed claim or a failure to record an
// outcome; failed deliveries are counted in failed, not returned.
//
// A send starts only while the lease leaves room for it and its recording
// (SendTimeout + markTimeout), so no other node can claim a message while
// this one may still be sending it. Messages not started then, or after ctx
// ends, are left leased untouched: the lease runs out and a later round
// takes them.
func (d *Dispatcher) RunOnce(ctx context.Context) (sent, failed int, err error) {
	claimed := d.clock.Now().UTC()
	msgs, err := d.store.ClaimMessages(ctx, claimed, d.cfg.Batch, d.cfg.Lease)
	if err != nil {
		return 0, 0, fmt.Errorf("claim messages: %w", err)
	}
	startBy := claimed.Add(d.cfg.Lease - d.cfg.SendTimeout - markTimeout)
	rec := newRecorder(d, len(msgs))
	go rec.run(ctx)
	var (
		wg  sync.WaitGroup
		sem = make(chan struct{}, d.cfg.Concurrency)
	)
	for _, m := range msgs {
		sem <- struct{}{}
		if ctx.Err() != nil || d.clock.Now().After(startBy) {
			<-sem
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			rec.in <- d.try(ctx, m)
		})
	}
	wg.Wait()
	close(rec.in)
	<-rec.done
	return rec.sent, rec.failed, errors.Join(rec.errs...)
}

// try renders and sends one message.
func (d *Dispatcher) try(ctx context.Context, m *prakerja.Message) outcome {
	r, err := d.prepare(m, d.clock.Now().UTC())
	if err != nil {
		return outcome{m: m, r: r, err: err}
	}
	s, ok := d.senders[r.Channel]
	if !ok {
		return outcome{m: m, r: r, err: fmt.Errorf("no sender for channel %s", r.Channel)}
	}
	sctx, cancel := context.WithTimeout(ctx, d.cfg.SendTimeout)
	defer cancel()
	return outcome{m: m, r: r, s: s, err: s.Send(sctx, r)}
}

// failure is a failed try to record, with its next attempt: backoff, or never
// for a permanent failure or the last allowed attempt.
func (d *Dispatcher) failure(ctx context.Context, o outcome) prakerja.MessageFailure {
	attempt := o.m.Attempts // ClaimMessages has counted this one
	next := d.clock.Now().UTC().Add(d.cfg.backoff(attempt))
	reason := scrub(o.err.Error(), o.r.To, o.r.Secret)
	if errors.Is(o.err, errPermanent) || attempt >= d.cfg.MaxAttempts {
		next = NeverRetry
		reason = fmt.Sprintf("gave up after %d attempts: %s", attempt, reason)
	}
	d.log.WarnContext(ctx, "message not delivered", slog.Int64("message_id", o.m.ID),
		slog.String("channel", string(o.m.Channel)), slog.String("template", o.m.Template),
		slog.Int("attempt", attempt), slog.Time("next_attempt", next), slog.String("reason", reason))
	return prakerja.MessageFailure{ID: o.m.ID, Reason: truncate(reason, ReasonMax), Next: next}
}

// errPermanent marks failures that retrying cannot fix.
var errPermanent = errors.New("permanent")

// prepare decrypts and renders a message. Rendering failures (a template
// bug, bad parameters) and codes past StaleAfter are permanent; a decrypt
// failure is not, since an operator may restore a missing old key.
func (d *Dispatcher) prepare(m *prakerja.Message, now time.Time) (Rendered, error) {
	if specs[m.Template].code && now.Sub(m.CreatedAt) > d.cfg.StaleAfter {
		return Rendered{}, fmt.Errorf("%w: the code expired before it could be delivered", errPermanent)
	}
	to, err := DecodeRecipient(d.keys, m)
	if err != nil {
		return Rendered{}, err
	}
	params, err := DecodeParams(d.keys, m)
	if err != nil {
		return Rendered{To: to}, err
	}
	r, err := d.renderer.Render(m.Template, m.Channel, m.Locale, to, params)
	if err != nil {
		return Rendered{To: to}, fmt.Errorf("%w: %w", errPermanent, err)
	}
	r.MessageID = m.ID
	return r, nil
}

// scrub removes the recipient (in the forms a server may echo it) and the
// secret from an error text before it is logged or stored.
func scrub(s, to, secret string) string {
	s = mask(s, secret)
	if to == "" {
		return s
	}
	forms := []string{to, strings.ToLower(to)}
	if strings.HasPrefix(to, "+62") {
		forms = append(forms, to[1:], "0"+to[3:], to[3:])
	}
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "[recipient]")
	}
	return s
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
