package http

import (
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/prakerja/prakerja"
)

// sessionCookieOf finds the session cookie in an answer.
func sessionCookieOf(t *testing.T, resp *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", sessionCookie, resp.Header["Set-Cookie"])
	return nil
}

func TestSessionCookieFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		secure bool
		req    scenario
	}{
		{"SecureEmailConfirmation", true, scenario{method: "POST", url: "/api/v1/email-confirmations", body: `{"token":"t"}`}},
		{"SecureLoginConfirm", true, scenario{method: "POST", url: "/api/v1/logins/confirm", body: `{"login_id":"l","code":"1"}`}},
		{"PlainHTTPLoginConfirm", false, scenario{method: "POST", url: "/api/v1/logins/confirm", body: `{"login_id":"l","code":"1"}`}},
		{"SecurePageConfirmEmail", true, scenario{method: "POST", url: "/confirm-email", body: "token=t"}},
		{"PlainHTTPPageConfirmEmail", false, scenario{method: "POST", url: "/confirm-email", body: "token=t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(Config{SecureCookies: tt.secure}, Deps{
				Registrations: okService(), Store: newIdemStore(), Clock: fixedClock{testNow},
				Logger: slog.New(slog.DiscardHandler),
			})
			rec := newRecorder(srv, tt.req.request())
			c := sessionCookieOf(t, rec.Result())
			if c.Value != testToken || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure != tt.secure {
				t.Errorf("cookie %+v", c)
			}
			if c.MaxAge != 24*60*60 {
				t.Errorf("MaxAge %d, want a day", c.MaxAge)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		ready   bool
		pingErr error
		slow    bool
		want    int
	}{
		{"OK", true, nil, false, http.StatusOK},
		{"ErrNotReady", false, nil, false, http.StatusServiceUnavailable},
		{"ErrPingFails", true, errSecretCause, false, http.StatusServiceUnavailable},
		{"ErrPingSlow", true, nil, true, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, nil)
			env.srv.SetReady(tt.ready)
			env.store.pingErr = tt.pingErr
			if tt.slow {
				env.srv.cfg.HealthTimeout = 10_000_000 // 10 ms
				env.store.pingFor = 5_000_000_000
			}
			rec := env.do(scenario{method: "GET", url: "/healthz"}.request())
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.want, rec.Body)
			}
			if tt.want == http.StatusOK && rec.Body.String() != "{\"status\":\"ok\"}\n" {
				t.Errorf("body %q", rec.Body)
			}
		})
	}
}

func TestPanicIsInternal(t *testing.T) {
	t.Parallel()
	svc := okService()
	svc.StartLoginFn = func(context.Context, string, prakerja.Client) (*prakerja.Login, error) { panic("boom") }
	env := newTestEnv(t, svc)
	rec := env.do(scenario{method: "POST", url: "/api/v1/logins", body: `{"identifier":"x"}`}.request())
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != contentTypeProblem {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}
