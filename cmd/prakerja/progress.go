package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress draws one progress line for a long phase: a redrawn bar on a
// terminal, an occasional plain line otherwise (logs, CI), so long work is
// never silent.
type progress struct {
	w       io.Writer
	label   string
	total   int64
	done    atomic.Int64
	start   time.Time
	tty     bool
	stop    chan struct{}
	stopped sync.WaitGroup
}

// progressInterval is how often the line is redrawn on a terminal; plain
// output prints every progressPlainEvery.
const (
	progressInterval   = 200 * time.Millisecond
	progressPlainEvery = 5 * time.Second
)

func startProgress(w io.Writer, label string, total int) *progress {
	p := &progress{w: w, label: label, total: int64(total), start: time.Now(), tty: isTerminal(w), stop: make(chan struct{})}
	p.stopped.Add(1)
	go p.loop()
	return p
}

// Add records n finished items.
func (p *progress) Add(n int) { p.done.Add(int64(n)) }

// Finish draws the final line and stops redrawing.
func (p *progress) Finish() {
	close(p.stop)
	p.stopped.Wait()
	p.draw(true)
}

func (p *progress) loop() {
	defer p.stopped.Done()
	every := progressPlainEvery
	if p.tty {
		every = progressInterval
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.draw(false)
		}
	}
}

func (p *progress) draw(final bool) {
	done := p.done.Load()
	elapsed := time.Since(p.start)
	rate := float64(done) / max(elapsed.Seconds(), 1e-9)
	pct := 100.0
	if p.total > 0 {
		pct = 100 * float64(done) / float64(p.total)
	}
	const width = 30
	filled := int(pct / 100 * width)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if i < filled {
			bar[i] = '#'
		}
	}
	line := fmt.Sprintf("%-22s [%s] %3.0f%% %9d/%-9d %8.0f/s %6.1fs", p.label, bar, pct, done, p.total, rate, elapsed.Seconds())
	switch {
	case p.tty && final:
		fmt.Fprintf(p.w, "\r%s\n", line)
	case p.tty:
		fmt.Fprintf(p.w, "\r%s", line)
	default:
		fmt.Fprintln(p.w, line)
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
