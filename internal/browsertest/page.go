package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Viewports the pages are checked at: a small phone (most registrants
// come on one) and a laptop (most operators do).
var (
	Phone  = Viewport{Name: "phone", Width: 360, Height: 740, Mobile: true}
	Laptop = Viewport{Name: "laptop", Width: 1280, Height: 800}
)

// Viewport is a screen size to emulate.
type Viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool
}

// Page is one browser tab. Its methods fail the test on any browser error,
// so a test reads as the steps a person takes.
type Page struct {
	tb   testing.TB
	ctx  context.Context
	base string
}

// Context is the tab's chromedp context, for Axe and custom actions.
func (p *Page) Context() context.Context { return p.ctx }

// run runs one action under ActionTimeout.
func run[T any](p *Page, what string, a chromedp.Action[T]) T {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.tb.Fatalf("browsertest: %s: %v", what, err)
	}
	return v
}

// URL resolves a path against the page's base.
func (p *Page) URL(path string) string {
	if strings.Contains(path, "://") {
		return path
	}
	return p.base + path
}

// Viewport emulates v for the pages that follow.
func (p *Page) Viewport(v Viewport) {
	p.tb.Helper()
	var opts []chromedp.EmulateViewportOption
	if v.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	run(p, "viewport "+v.Name, chromedp.EmulateViewport(v.Width, v.Height, opts...))
}

// Go navigates to path and returns the document's HTTP status.
func (p *Page) Go(path string) int64 {
	p.tb.Helper()
	resp := run(p, "navigate to "+path, chromedp.NavigateResponse(p.URL(path)))
	if resp == nil {
		p.tb.Fatalf("browsertest: navigate to %s: no response", path)
	}
	return resp.Status
}

// Fill sets the value of the form control sel, as typing would.
func (p *Page) Fill(sel, value string) {
	p.tb.Helper()
	p.must(sel)
	run(p, "fill "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

// Check ticks the checkbox or radio button sel by clicking it.
func (p *Page) Check(sel string) {
	p.tb.Helper()
	p.must(sel)
	run(p, "check "+sel, chromedp.Click(chromedp.CSS(sel)))
	if !Eval[bool](p, "document.querySelector("+jsString(sel)+").checked") {
		p.tb.Fatalf("browsertest: %s is not checked after a click", sel)
	}
}

// Click clicks sel (a submit button or a link) and waits for the page it
// leads to; it returns that document's HTTP status. A click the browser
// refuses (a form its own validation stops) fails after ActionTimeout.
func (p *Page) Click(sel string) int64 {
	p.tb.Helper()
	p.must(sel)
	ctx, cancel := context.WithTimeout(p.ctx, ActionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		p.tb.Fatalf("browsertest: click %s: %v", sel, err)
	}
	return resp.Status
}

// Text returns the visible text of the first element matching sel on the
// loaded page; it does not wait for one to appear (the pages have no
// script), and fails when there is none.
func (p *Page) Text(sel string) string {
	p.tb.Helper()
	v := run(p, "text of "+sel, chromedp.Evaluate[*string]("(e => e && e.innerText)(document.querySelector("+jsString(sel)+"))"))
	if v == nil {
		p.tb.Fatalf("browsertest: no %s on %s", sel, p.Location())
	}
	return *v
}

// Body returns the page's whole visible text, for failure messages.
func (p *Page) Body() string {
	p.tb.Helper()
	return run(p, "body text", chromedp.Evaluate[string]("document.body ? document.body.innerText : ''"))
}

// Has reports whether an element matches sel now, without waiting.
func (p *Page) Has(sel string) bool {
	p.tb.Helper()
	return run(p, "query "+sel, chromedp.Evaluate[bool]("document.querySelector("+jsString(sel)+") !== null"))
}

// must fails at once when the loaded page has no sel, showing the page,
// instead of letting an action wait ActionTimeout for it.
func (p *Page) must(sel string) {
	p.tb.Helper()
	if !p.Has(sel) {
		p.tb.Fatalf("browsertest: no %s on %s; page:\n%s", sel, p.Location(), p.Body())
	}
}

// Attr returns attribute name of the first element matching sel, and
// whether that element has it.
func (p *Page) Attr(sel, name string) (string, bool) {
	p.tb.Helper()
	v := run(p, "attribute "+name+" of "+sel, chromedp.Evaluate[*string](
		"(e => e && e.getAttribute("+jsString(name)+"))(document.querySelector("+jsString(sel)+"))"))
	if v == nil {
		return "", false
	}
	return *v, true
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// result into T.
func Eval[T any](p *Page, expr string) T {
	p.tb.Helper()
	return run(p, "evaluate", chromedp.Evaluate[T](expr))
}

// Location is the page's current URL.
func (p *Page) Location() string {
	p.tb.Helper()
	return run(p, "location", chromedp.Location())
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
