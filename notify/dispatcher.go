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
// Concurrency at a time. err reports a failed claim or a failure to record
// an outcome; failed deliveries are counted in failed, not returned.
func (d *Dispatcher) RunOnce(ctx context.Context) (sent, failed int, err error) {
	msgs, err := d.store.ClaimMessages(ctx, d.clock.Now().UTC(), d.cfg.Batch, d.cfg.Lease)
	if err != nil {
		return 0, 0, fmt.Errorf("claim messages: %w", err)
	}
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, d.cfg.Concurrency)
	)
	for _, m := range msgs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ok, err := d.deliver(ctx, m)
			mu.Lock()
			defer mu.Unlock()
			if ok {
				sent++
			} else {
				failed++
			}
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	return sent, failed, errors.Join(errs...)
}

// deliver tries one message and records the outcome. ok reports delivery;
// err only a failure to record it.
func (d *Dispatcher) deliver(ctx context.Context, m *prakerja.Message) (ok bool, err error) {
	r, sendErr := d.prepare(m, d.clock.Now().UTC())
	if sendErr == nil {
		sendErr = d.send(ctx, r)
	}
	return d.record(ctx, m, r, sendErr)
}

// record marks m sent, or failed with its next attempt: backoff, or never
// for a permanent failure or the last allowed attempt.
func (d *Dispatcher) record(ctx context.Context, m *prakerja.Message, r Rendered, sendErr error) (bool, error) {
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	now := d.clock.Now().UTC()
	if sendErr == nil {
		if err := d.store.MarkMessageSent(mctx, m.ID, now); err != nil {
			return true, fmt.Errorf("mark message %d sent: %w", m.ID, err)
		}
		return true, nil
	}
	attempt := m.Attempts // ClaimMessages has counted this one
	next := now.Add(d.cfg.backoff(attempt))
	reason := scrub(sendErr.Error(), r.To, r.Secret)
	if errors.Is(sendErr, errPermanent) || attempt >= d.cfg.MaxAttempts {
		next = NeverRetry
		reason = fmt.Sprintf("gave up after %d attempts: %s", attempt, reason)
	}
	d.log.WarnContext(ctx, "message not delivered", slog.Int64("message_id", m.ID),
		slog.String("channel", string(m.Channel)), slog.String("template", m.Template),
		slog.Int("attempt", attempt), slog.Time("next_attempt", next), slog.String("reason", reason))
	if err := d.store.MarkMessageFailed(mctx, m.ID, truncate(reason, ReasonMax), next); err != nil {
		return false, fmt.Errorf("mark message %d failed: %w", m.ID, err)
	}
	return false, nil
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

func (d *Dispatcher) send(ctx context.Context, r Rendered) error {
	s, ok := d.senders[r.Channel]
	if !ok {
		return fmt.Errorf("no sender for channel %s", r.Channel)
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.SendTimeout)
	defer cancel()
	return s.Send(ctx, r)
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
