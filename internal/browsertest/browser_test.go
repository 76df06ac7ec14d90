package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

// pagesUnderTest are served with the same no-script CSP as the real pages,
// so the test shows axe-core can be injected despite it.
var pagesUnderTest = map[string]string{
	"/clean": `<!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1>
<form method="post" action="/sent"><label for="n">Name</label><input id="n" name="n"><button type="submit">Send</button></form>
</main></body></html>`,
	"/broken": `<!doctype html><html><head><title>Broken</title></head><body><main><h1>Broken</h1>
<input id="n" name="n"><p style="color:#bbb;background:#fff">faint</p><a href="/x"></a></main></body></html>`,
}

func serve(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
		if r.Method == http.MethodPost {
			_ = r.ParseForm()
			fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Sent</title><h1 id="got">%s</h1>`, r.PostForm.Get("n"))
			return
		}
		page, ok := pagesUnderTest[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserAxe checks the helpers against pages whose faults are known:
// a clean page passes, and the broken one's missing label, contrast, lang
// and link name are all reported, so an axe run that finds nothing cannot
// pass for a clean page.
func TestBrowserAxe(t *testing.T) {
	RequireAxe(t)
	b := New(t)
	srv := serve(t)
	p := b.Tab(t, srv.URL)

	if got := p.Go("/clean"); got != http.StatusOK {
		t.Fatalf("status = %d, want 200", got)
	}
	vs, err := AxeViolations(p.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 0 {
		t.Errorf("clean page: violations %+v, want none", vs)
	}
	p.Fill("#n", "Siti")
	if got := p.Click("button[type=submit]"); got != http.StatusOK {
		t.Errorf("submit status = %d, want 200", got)
	}
	if got := p.Text("#got"); got != "Siti" {
		t.Errorf("posted name = %q, want Siti", got)
	}

	p.Viewport(Phone)
	if got := p.Go("/broken"); got != http.StatusOK {
		t.Fatalf("status = %d, want 200", got)
	}
	vs, err = AxeViolations(p.Context())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		if v.Serious() {
			ids = append(ids, v.ID)
		}
	}
	for _, want := range []string{"label", "color-contrast", "html-has-lang", "link-name"} {
		if !slices.Contains(ids, want) {
			t.Errorf("serious violations %v lack %s", ids, want)
		}
	}
	if _, ok := p.Attr("#n", "aria-invalid"); ok {
		t.Error("Attr found an attribute the element lacks")
	}
	if v, ok := p.Attr("#n", "name"); !ok || v != "n" {
		t.Errorf("Attr(name) = %q, %v; want n, true", v, ok)
	}
}
