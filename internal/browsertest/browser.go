// Package browsertest drives a real headless Chromium from tests, so pages
// are checked the way people meet them: rendered, filled in, submitted and
// run through axe-core for accessibility. Under CI=true a missing browser or
// axe-core fails the test; elsewhere it skips with a message saying what to
// install, so a plain `go test ./...` works on a machine without them.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Bounds of a browser run. One browser serves a whole test; every action
// gets its own deadline so a stalled page fails fast instead of hanging the
// suite until go test's timeout.
const (
	// StartTimeout bounds starting Chromium and opening its first tab.
	StartTimeout = 30 * time.Second
	// ActionTimeout bounds one navigation, fill, submit or read.
	ActionTimeout = 20 * time.Second
	// AxeTimeout bounds one axe-core run over a page.
	AxeTimeout = 30 * time.Second
)

// ChromiumDefault is Debian's chromium, used when PRAKERJA_CHROMIUM is unset.
const ChromiumDefault = "/usr/bin/chromium"

// Browser is one headless Chromium process; each Tab is a page in it.
type Browser struct {
	ctx context.Context // the browser's first tab; others derive from it
}

// Chromium returns the browser binary: PRAKERJA_CHROMIUM, else
// ChromiumDefault.
func Chromium() string {
	if p := os.Getenv("PRAKERJA_CHROMIUM"); p != "" {
		return p
	}
	return ChromiumDefault
}

// Missing skips the test outside CI and fails it under CI=true: the
// project's rule is that CI never silently skips for a missing dependency.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("browsertest: "+format+" (CI=true: a missing dependency is a failure)", args...)
	}
	tb.Skipf("browsertest: "+format+" (skipped outside CI)", args...)
}

// New starts headless Chromium for the test and stops it at cleanup. The
// flags keep a machine without internet from stalling on the browser's own
// network traffic (updates, sync, QUIC probes); --no-sandbox is needed when
// tests run as root, as CI containers do.
func New(tb testing.TB) *Browser {
	tb.Helper()
	path := Chromium()
	if _, err := exec.LookPath(path); err != nil {
		Missing(tb, "Chromium not found at %s (apt-get install chromium, or set PRAKERJA_CHROMIUM): %v", path, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1280, 800),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }() // allocates the browser and its first tab
	select {
	case err := <-started:
		if err != nil {
			tb.Fatalf("browsertest: start %s: %v", path, err)
		}
	case <-time.After(StartTimeout):
		tb.Fatalf("browsertest: %s did not start within %s", path, StartTimeout)
	}
	return &Browser{ctx: ctx}
}

// Tab opens a new page (a tab sharing the browser's cookies) whose relative
// URLs resolve against base, closed at the test's cleanup.
func (b *Browser) Tab(tb testing.TB, base string) *Page {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("browsertest: open tab: %v", err)
	}
	if err := preloadAxe(ctx); err != nil {
		tb.Fatalf("browsertest: preload axe-core: %v", err)
	}
	return &Page{tb: tb, ctx: ctx, base: base}
}

// Incognito opens a page in a fresh browser context, with cookies of its
// own, so one test can hold a registrant's and an operator's session apart.
func (b *Browser) Incognito(tb testing.TB, base string) *Page {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("browsertest: open incognito tab: %v", err)
	}
	if err := preloadAxe(ctx); err != nil {
		tb.Fatalf("browsertest: preload axe-core: %v", err)
	}
	return &Page{tb: tb, ctx: ctx, base: base}
}
