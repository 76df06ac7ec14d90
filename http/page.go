package http

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/prakerja/prakerja"
)

//go:embed templates
var templatesFS embed.FS

// pageNames are the page templates; each is parsed with the layout into its
// own set, so every page can define "content".
var pageNames = []string{
	"register", "register_sent", "confirm_email", "phone", "login", "login_code", "dashboard", "error", "dispute",
	"ops", "ops_flags", "ops_disputes", "test", "test_result", "status_check",
	"ops_login", "ops_totp", "ops_account", "ops_staff",
}

// pages holds the parsed templates and the one stylesheet, inlined so a
// page is a single request on a slow link.
type pages struct {
	byName map[string]*template.Template
	css    template.CSS
	csp    string
}

// mustParsePages parses the embedded templates; a broken template is a
// build bug and stops the server at start.
func mustParsePages() *pages {
	css, err := templatesFS.ReadFile("templates/style.css")
	if err != nil {
		panic(fmt.Errorf("http: read stylesheet: %w", err))
	}
	sum := sha256.Sum256(css)
	p := &pages{
		byName: map[string]*template.Template{},
		css:    template.CSS(css),
		// Only our inline stylesheet (by hash) and same-origin forms; no
		// script at all, so injected markup cannot run code.
		csp: "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
			"'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	}
	for _, name := range pageNames {
		files := []string{"templates/layout.html", "templates/" + name + ".html"}
		if strings.HasPrefix(name, "ops") {
			files = append(files, "templates/ops_nav.html") // the operator pages' shared navigation
		}
		t, err := template.ParseFS(templatesFS, files...)
		if err != nil {
			panic(fmt.Errorf("http: parse template %s: %w", name, err))
		}
		p.byName[name] = t
	}
	return p
}

// pageBase is what the layout needs; each page view embeds it.
type pageBase struct {
	loc      locale
	TitleKey string
	Self     string // the GET path of this view, for the language links
	Flash    string
	Summary  []summaryItem
	CSS      template.CSS
	Wide     bool            // an operator page of tables, given the screen's width
	staff    *prakerja.Staff // the signed-in console staff member (ops_nav.go)
}

// summaryItem is one line of the error summary; ID links to the input.
type summaryItem struct {
	ID   string
	Text string
}

// T translates key into the page's language.
func (p *pageBase) T(key string, args ...any) string { return p.loc.T(key, args...) }

// Lang is the page's language code for <html lang>.
func (p *pageBase) Lang() string { return string(p.loc) }

// LangURL links to this view in another language.
func (p *pageBase) LangURL(lang string) string {
	u := url.URL{Path: p.Self}
	if i := strings.IndexByte(p.Self, '?'); i >= 0 {
		u.Path = p.Self[:i]
		q, _ := url.ParseQuery(p.Self[i+1:])
		q.Set("lang", lang)
		u.RawQuery = q.Encode()
		return u.String()
	}
	u.RawQuery = "lang=" + url.QueryEscape(lang)
	return u.String()
}

// base starts a page view for r.
func (s *Server) base(r *http.Request, titleKey, self string) pageBase {
	return pageBase{loc: localeFor(r), TitleKey: titleKey, Self: self, CSS: s.pages.css, staff: staffFrom(r.Context())}
}

// baser is any page view; it gives the renderer the embedded base.
type baser interface{ layout() *pageBase }

func (p *pageBase) layout() *pageBase { return p }

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, view baser) {
	var buf bytes.Buffer
	if err := s.pages.byName[name].ExecuteTemplate(&buf, "layout", view); err != nil {
		s.logFailure(r, http.StatusInternalServerError, fmt.Errorf("render %s: %w", name, err))
		http.Error(w, "Internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pageHandler adds what every page needs: security headers, the language
// cookie when ?lang= is given, and cross-origin protection for form POSTs
// (Sec-Fetch-Site / Origin checks, so no CSRF token is needed).
func (s *Server) pageHandler(h http.HandlerFunc) http.Handler {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("Content-Security-Policy", s.pages.csp)
		hdr.Set("Referrer-Policy", "no-referrer")
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Cache-Control", "no-store")
		if l, ok := parseLocale(r.URL.Query().Get("lang")); ok {
			s.setLangCookie(w, l)
		}
		h(w, r)
	})
	return s.cop.Handler(inner)
}
