package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// AxeVersion is the axe-core release .ci/run installs; the cache path
// below is where it puts it.
const AxeVersion = "4.14.1"

// axeNodesMax bounds how many offending elements a failure lists per rule.
const axeNodesMax = 10

// axeRun checks the WCAG 2.0 and 2.1 A and AA rules, the level Indonesian
// government services (and most public-sector standards) ask for.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
	resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
	nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))})))`

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID     string     `json:"id"`
	Impact string     `json:"impact"`
	Help   string     `json:"help"`
	Nodes  []AxeNodes `json:"nodes"`
}

// AxeNodes is one element that breaks a rule, by CSS selector.
type AxeNodes struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

// Serious reports whether v must fail a test: people using assistive
// technology cannot use the page (critical) or are seriously hindered.
func (v Violation) Serious() bool { return v.Impact == "serious" || v.Impact == "critical" }

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// AxePath is axe.min.js: PRAKERJA_AXE, else where .ci/run installs it
// under the user's cache directory.
func AxePath() string {
	if p := os.Getenv("PRAKERJA_AXE"); p != "" {
		return p
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "prakerja-axe", "node_modules", "axe-core", "axe.min.js")
}

// axeSource reads axe-core once per test binary.
func axeSource() (string, error) {
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(AxePath())
		axeSrc = string(b)
	})
	return axeSrc, axeErr
}

// RequireAxe skips (outside CI) or fails (under CI) when axe-core is not
// installed, so a test can check before it starts the browser.
func RequireAxe(tb testing.TB) {
	tb.Helper()
	if _, err := axeSource(); err != nil {
		Missing(tb, "axe-core not found (npm install axe-core@%s, then set PRAKERJA_AXE to its axe.min.js): %v", AxeVersion, err)
	}
}

// Axe runs axe-core over the page loaded in ctx and fails the test on any
// serious or critical violation, naming the rule, its help text and the
// offending elements; lesser ones are logged.
func Axe(tb testing.TB, ctx context.Context) {
	tb.Helper()
	vs, err := AxeViolations(ctx)
	if err != nil {
		tb.Fatalf("browsertest: axe: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	for _, v := range vs {
		if v.Serious() {
			tb.Errorf("axe %s on %s: %s", v.ID, loc, v.describe())
		} else {
			tb.Logf("axe (%s) %s on %s: %s", v.Impact, v.ID, loc, v.describe())
		}
	}
}

// AxeViolations runs axe-core over the page loaded in ctx and returns what
// it finds, injecting axe-core first unless the tab preloads it. The
// page's CSP allows no script, but DevTools evaluation is not subject to
// it, so the page under test stays exactly as served.
func AxeViolations(ctx context.Context) ([]Violation, error) {
	src, err := axeSource()
	if err != nil {
		return nil, fmt.Errorf("read axe-core from %s: %w", AxePath(), err)
	}
	ctx, cancel := context.WithTimeout(ctx, AxeTimeout)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("typeof axe !== 'undefined'"))
	if err != nil {
		return nil, fmt.Errorf("look for axe-core: %w", err)
	}
	if !loaded { // a tab not opened by Tab or Incognito
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return vs, nil
}

// preloadAxe makes the tab in ctx load axe-core into every new document.
// Evaluating the 500 KB source after each navigation took most of a
// page's check time; a script registered once is compiled once and cached.
func preloadAxe(ctx context.Context) error {
	src, err := axeSource()
	if err != nil {
		return nil // Axe reports it; pages can still be driven
	}
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// Axe runs Axe over the page.
func (p *Page) Axe() {
	p.tb.Helper()
	Axe(p.tb, p.ctx)
}

// describe is the rule's help and its elements, one a line.
func (v Violation) describe() string {
	var b strings.Builder
	b.WriteString(v.Help)
	for i, n := range v.Nodes {
		if i == axeNodesMax {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n    %s", n.Target)
		if s := strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", " "); s != "" {
			fmt.Fprintf(&b, " — %s", s)
		}
	}
	return b.String()
}
