package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
)

// ingest is a crowd of registration clients that remembers every answer:
// which bodies were acknowledged (201, with their id), which were sent
// without an answer (to be retried), and which retries got a clean
// duplicate answer (nik_taken and friends).
type ingest struct {
	inputs []prakerja.RegisterInput
	bodies [][]byte

	mu      sync.Mutex
	acked   map[int]int64
	unsure  map[int]bool // sent at least once without a 201
	dup     map[int]bool // a retry answered "taken"
	codes   map[string]int
	pending []int
	ackN    atomic.Int64
	// extra is how many registrations the store holds besides the
	// bodies' (a seeded backlog).
	extra int
}

// ingestClient times out requests well past the liveness bound of a slow
// commit: a timeout only makes the body unsure, never a failure.
var ingestClient = &http.Client{Timeout: time.Minute}

func newIngest(t *testing.T, seed uint64, n int) *ingest {
	t.Helper()
	atts := population.Attempts(seed, n, population.Options{Ref: time.Now(), BadPerMille: -1, DuplicatePerMille: -1})
	g := &ingest{acked: map[int]int64{}, unsure: map[int]bool{}, dup: map[int]bool{}, codes: map[string]int{}}
	for i, a := range atts {
		b, err := json.Marshal(a.Input)
		if err != nil {
			t.Fatal(err)
		}
		g.inputs, g.bodies, g.pending = append(g.inputs, a.Input), append(g.bodies, b), append(g.pending, i)
	}
	return g
}

// dropClashes removes the bodies that share a NIK, e-mail or phone with
// people already stored: two generated populations may by chance give
// the same name and contact id, and the server then rightly answers
// "taken" to a body never sent.
func (g *ingest) dropClashes(stored []population.Person) (dropped int) {
	taken := map[string]bool{}
	for _, p := range stored {
		taken[p.NIK], taken[p.Email], taken[p.Phone] = true, true, true
	}
	keep := g.pending[:0]
	var inputs []prakerja.RegisterInput
	var bodies [][]byte
	for _, i := range g.pending {
		if in := g.inputs[i]; !taken[in.NIK] && !taken[in.Email] && !taken[in.Phone] {
			keep = append(keep, len(inputs))
			inputs, bodies = append(inputs, in), append(bodies, g.bodies[i])
		}
	}
	dropped = len(g.inputs) - len(inputs)
	g.pending, g.inputs, g.bodies = keep, inputs, bodies
	return dropped
}

// next takes a body to send, or -1 when none is left.
func (g *ingest) next() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.pending) == 0 {
		return -1
	}
	i := g.pending[0]
	g.pending = g.pending[1:]
	return i
}

// round sends bodies from workers clients until none is left or the
// server stops answering; a body without a definite answer goes back to
// the queue. It returns an error only for an answer that breaks the
// contract (a fresh body called a duplicate, an unknown status).
func (g *ingest) round(base string, workers int) error {
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g.next(); i >= 0; i = g.next() {
				alive, err := g.send(base, i)
				if err != nil {
					errs <- err
					return
				}
				if !alive {
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// send posts body i once and records the answer; alive is false when the
// server did not answer at all.
func (g *ingest) send(base string, i int) (alive bool, err error) {
	resp, err := ingestClient.Post(base+"/api/v1/registrations", "application/json", bytes.NewReader(g.bodies[i]))
	if err != nil {
		g.requeue(i, "no_answer")
		return false, nil
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		g.requeue(i, "cut_answer")
		return false, nil
	}
	var out struct {
		ID   int64         `json:"id"`
		Code prakerja.Code `json:"code"`
	}
	json.Unmarshal(raw, &out)
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case resp.StatusCode == http.StatusCreated && out.ID > 0:
		g.acked[i] = out.ID
		g.ackN.Add(1)
		g.codes["created"]++
	case resp.StatusCode == http.StatusConflict && isTaken(out.Code):
		if !g.unsure[i] {
			return true, fmt.Errorf("body %d was never sent before but is answered %s", i, out.Code)
		}
		g.dup[i] = true
		g.codes[string(out.Code)]++
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		g.unsure[i] = true
		g.pending = append(g.pending, i)
		g.codes[fmt.Sprintf("%d_%s", resp.StatusCode, out.Code)]++
		time.Sleep(50 * time.Millisecond)
	default:
		return true, fmt.Errorf("body %d: status %d code %q", i, resp.StatusCode, out.Code)
	}
	return true, nil
}

func isTaken(c prakerja.Code) bool {
	return c == prakerja.CodeNIKTaken || c == prakerja.CodeEmailTaken || c == prakerja.CodePhoneTaken
}

func (g *ingest) requeue(i int, why string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.unsure[i] = true
	g.pending = append(g.pending, i)
	g.codes[why]++
}

func (g *ingest) left() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.pending)
}

// ingestTally is what a check found.
type ingestTally struct {
	acked, retriedDup, lost, doubled, wrongID int
}

// check looks every body up by its NIK's blind index: an acknowledged one
// must be the registration it was acknowledged as; every body must exist
// exactly once (the store's total equals the bodies sent when all were
// sent to completion, since each holds a unique NIK).
func (g *ingest) check(t *testing.T, store prakerja.Store, keys *pii.Keyring, complete bool) ingestTally {
	t.Helper()
	ctx := context.Background()
	g.mu.Lock()
	defer g.mu.Unlock()
	var tally ingestTally
	for i, in := range g.inputs {
		rec, err := store.RegistrationByIndex(ctx, prakerja.IndexNIK, keys.Index(prakerja.IndexNIK, in.NIK))
		_, acked := g.acked[i]
		switch {
		case prakerja.ErrorCode(err) == prakerja.CodeNotFound:
			if acked || complete {
				tally.lost++
			}
		case err != nil:
			t.Fatal(err)
		case acked && rec.ID != g.acked[i]:
			tally.wrongID++
		}
		if acked {
			tally.acked++
		}
		if g.dup[i] {
			tally.retriedDup++
		}
	}
	funnel, err := store.Funnel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var total int
	for _, n := range funnel {
		total += int(n)
	}
	if total -= g.extra; total > len(g.inputs) || (complete && total != len(g.inputs)) {
		tally.doubled = total - len(g.inputs)
	}
	return tally
}

// secrets lists the personal data of the bodies, for the log scan.
func (g *ingest) secrets() []string {
	var out []string
	for _, in := range g.inputs {
		out = append(out, in.NIK, in.KK, in.Email, in.Phone)
	}
	return out
}
