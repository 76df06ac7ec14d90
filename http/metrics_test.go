package http

import (
	"net/http"
	"strings"
	"testing"
)

func TestMetrics(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.do(scenario{method: "POST", url: "/api/v1/logins", body: `{"identifier":"x"}`}.request())
	env.do(scenario{method: "GET", url: "/confirm-email?token=" + testLinkTok}.request())
	env.do(scenario{method: "POST", url: "/confirm-email", body: "token=" + testLinkTok}.request())
	env.do(scenario{method: "GET", url: "/no/such/page?nik=" + testNIK}.request())
	rec := env.do(scenario{method: "GET", url: "/metrics"}.request())
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("got %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	body := rec.Body.String()
	for _, s := range []string{
		`prakerja_http_requests_total{route="POST /api/v1/logins",status="202"} 1`,
		`prakerja_http_requests_total{route="GET /confirm-email",status="200"} 1`,
		`prakerja_http_requests_total{route="POST /confirm-email",status="303"} 1`,
		`prakerja_http_requests_total{route="unmatched",status="404"} 1`,
		`prakerja_http_request_duration_seconds_bucket{route="POST /api/v1/logins",status="202",le="+Inf"} 1`,
		`prakerja_http_requests_in_flight 1`,
		`go_goroutines`,
		`process_`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("metrics lack %s", s)
		}
	}
	for _, s := range []string{testLinkTok, testNIK} {
		if strings.Contains(body, s) {
			t.Errorf("metrics contain a secret %q", s)
		}
	}
}

func TestMetricsSharedRegistry(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	// A second server on the same registry must reuse, not panic.
	second := NewServer(Config{}, Deps{Registrations: okService(), Store: newIdemStore(), Metrics: env.reg})
	second.SetReady(true)
	newRecorder(second, scenario{method: "GET", url: "/healthz"}.request())
	rec := env.do(scenario{method: "GET", url: "/metrics"}.request())
	if !strings.Contains(rec.Body.String(), `prakerja_http_requests_total{route="GET /healthz",status="200"} 1`) {
		t.Errorf("shared registry lost the second server's request")
	}
}

// TestPublicMetricsToken: with a scrape token configured the public
// listener's /metrics answers only a scraper that presents it.
func TestPublicMetricsToken(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{MetricsToken: "s3cret-scrape"}, Deps{Registrations: okService(), Store: newIdemStore()})
	srv.SetReady(true)
	for _, tt := range []struct {
		name, auth string
		want       int
	}{
		{"none", "", http.StatusUnauthorized},
		{"wrong", "Bearer nope", http.StatusUnauthorized},
		{"not bearer", "Basic s3cret-scrape", http.StatusUnauthorized},
		{"right", "Bearer s3cret-scrape", http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := scenario{method: "GET", url: "/metrics"}.request()
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := newRecorder(srv, req)
			if rec.Code != tt.want {
				t.Fatalf("got %d, want %d", rec.Code, tt.want)
			}
			if tt.want == http.StatusUnauthorized && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
				t.Errorf("refusal is %q, not a problem document", rec.Header().Get("Content-Type"))
			}
		})
	}
}
