package http

import (
	stdhtml "html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
)

// TestAPIWaves lists the current waves, with their status by the server's
// clock and instants in UTC.
func TestAPIWaves(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.waves.waves = append(env.waves.waves,
		prakerja.Wave{ID: 2, Name: "Gelombang 2", Scheme: "2020", Quota: 5, Regions: []string{"32"},
			OpensAt: testNow.Add(48 * time.Hour), ClosesAt: testNow.Add(96 * time.Hour)},
		prakerja.Wave{ID: 3, Name: "Gelombang 0", Scheme: "2020", Quota: 5,
			OpensAt: testNow.Add(-96 * time.Hour), ClosesAt: testNow.Add(-48 * time.Hour)})
	rec := env.do(scenario{method: "GET", url: "/api/v1/waves"}.request())
	scenario{wantStatus: http.StatusOK, wantType: "application/json",
		wantBody: []string{`"name":"Gelombang 1"`, `"status":"open"`, `"closes_at":"2020-04-16T09:00:00Z"`,
			`"status":"upcoming"`, `"regions":["32"]`, `"region_quotas":{}`},
		notBody: []string{"Gelombang 0"}}.check(t, rec)
}

// TestAPIJoinWave covers a new join, a repeated one, each refusal's status
// and code, and that the store is asked with the server's clock.
func TestAPIJoinWave(t *testing.T) {
	t.Parallel()
	refuse := func(code prakerja.Code) func(int64, int64, time.Time) (*prakerja.WaveJoin, bool, error) {
		return func(int64, int64, time.Time) (*prakerja.WaveJoin, bool, error) {
			return nil, false, prakerja.Errorf(code, "Refused.")
		}
	}
	tests := []struct {
		name       string
		url        string
		session    bool
		joinFn     func(int64, int64, time.Time) (*prakerja.WaveJoin, bool, error)
		wantStatus int
		wantBody   string
	}{
		{"OKCreated", "/api/v1/waves/1/joins", true, nil, http.StatusCreated, `"wave_id":1`},
		{"OKExisting", "/api/v1/waves/1/joins", true, func(w, r int64, _ time.Time) (*prakerja.WaveJoin, bool, error) {
			return &prakerja.WaveJoin{WaveID: w, RegistrationID: r, Region: "31.71", JoinedAt: testNow.Add(-time.Hour)}, false, nil
		}, http.StatusOK, `"region":"31.71"`},
		{"ErrWaveClosed", "/api/v1/waves/1/joins", true, refuse(prakerja.CodeWaveClosed), http.StatusConflict, `"code":"wave_closed"`},
		{"ErrWaveNotOpen", "/api/v1/waves/1/joins", true, refuse(prakerja.CodeWaveNotOpen), http.StatusConflict, `"code":"wave_not_open"`},
		{"ErrOtherWave", "/api/v1/waves/1/joins", true, refuse(prakerja.CodeOtherWaveJoined), http.StatusConflict, `"code":"other_wave_joined"`},
		{"ErrNotVerified", "/api/v1/waves/1/joins", true, refuse(prakerja.CodeNotVerified), http.StatusForbidden, `"code":"not_verified"`},
		{"ErrTestNotPassed", "/api/v1/waves/1/joins", true, refuse(prakerja.CodeTestNotPassed), http.StatusForbidden, `"code":"test_not_passed"`},
		{"ErrOutsideRegion", "/api/v1/waves/1/joins", true, refuse(prakerja.CodeOutsideRegion), http.StatusForbidden, `"code":"outside_region"`},
		{"ErrBadID", "/api/v1/waves/abc/joins", true, nil, http.StatusNotFound, `"code":"not_found"`},
		{"ErrNoSession", "/api/v1/waves/1/joins", false, nil, http.StatusUnauthorized, `"code":"unauthorized"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, okService())
			env.waves.joinFn = tt.joinFn
			rec := env.do(scenario{method: "POST", url: tt.url, session: tt.session}.request())
			scenario{wantStatus: tt.wantStatus, wantBody: []string{tt.wantBody}}.check(t, rec)
			if tt.wantStatus < 300 && (len(env.waves.nows) != 1 || !env.waves.nows[0].Equal(testNow)) {
				t.Errorf("JoinWave got now %v, want the server clock's %v", env.waves.nows, testNow)
			}
		})
	}
}

// TestAPIJoinWaveClosesMidRequest starts a join 50 ms before the close
// whose transaction is still running at the close: it is refused with
// wave_closed, not committed late and not an internal error.
func TestAPIJoinWaveClosesMidRequest(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.waves.waves[0].ClosesAt = testNow.Add(50 * time.Millisecond)
	env.waves.block = true
	start := time.Now()
	rec := env.do(scenario{method: "POST", url: "/api/v1/waves/1/joins", session: true}.request())
	scenario{wantStatus: http.StatusConflict, wantBody: []string{`"code":"wave_closed"`}}.check(t, rec)
	if waited := time.Since(start); waited < 50*time.Millisecond || waited > 5*time.Second {
		t.Errorf("refused after %v, want at the close (50 ms)", waited)
	}
}

// TestAPIJoinWaveIdempotencyKey replays a join under one key: the second
// answer is the first, byte for byte, and the store is asked once.
func TestAPIJoinWaveIdempotencyKey(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	sc := scenario{method: "POST", url: "/api/v1/waves/1/joins", session: true, header: map[string]string{idempotencyKeyHeader: "join-1"}}
	first := env.do(sc.request())
	second := env.do(sc.request())
	if first.Code != http.StatusCreated || second.Code != http.StatusCreated || first.Body.String() != second.Body.String() {
		t.Fatalf("answers %d %s / %d %s", first.Code, first.Body, second.Code, second.Body)
	}
	if second.Header().Get("Idempotent-Replayed") != "true" || len(env.waves.nows) != 1 {
		t.Errorf("replayed %q, store asked %d times", second.Header().Get("Idempotent-Replayed"), len(env.waves.nows))
	}
}

// TestDashboardWaves shows the join button for an open wave, the joined
// status once joined, the "no wave" line, and the join form's outcomes.
func TestDashboardWaves(t *testing.T) {
	t.Parallel()
	html := "text/html"
	eligible := func() *mock.RegistrationService {
		svc := okService()
		withSession(svc, prakerja.StatusEligible)
		return svc
	}
	t.Run("OKJoinButton", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, eligible())
		rec := env.do(scenario{method: "GET", url: "/dashboard", session: true}.request())
		scenario{wantStatus: http.StatusOK, wantType: html, wantBody: []string{"Gelombang 1", "Ikut Seleksi",
			`action="/dashboard/waves/1/join"`, "Gabung gelombang", "16-04-2020 16:00 WIB"}, notBody: []string{"<script"}}.check(t, rec)
	})
	t.Run("OKNoButtonBeforeEligible", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, okService())
		rec := env.do(scenario{method: "GET", url: "/dashboard", session: true}.request())
		scenario{wantStatus: http.StatusOK, wantBody: []string{"Gelombang 1", "Ikut Seleksi"}, notBody: []string{"/join\""}}.check(t, rec)
	})
	t.Run("OKNoButtonWithoutTest", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, eligible())
		env.waves.untested = true
		rec := env.do(scenario{method: "GET", url: "/dashboard", session: true}.request())
		scenario{wantStatus: http.StatusOK, wantBody: []string{"Gelombang 1"}, notBody: []string{"/join\""}}.check(t, rec)
	})
	t.Run("OKEnglish", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, eligible())
		rec := env.do(scenario{method: "GET", url: "/dashboard?lang=en", session: true}.request())
		scenario{wantStatus: http.StatusOK, wantBody: []string{"Join wave", "Open for joining"}}.check(t, rec)
	})
	t.Run("OKJoined", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, okService())
		env.waves.joins = []prakerja.WaveJoin{{WaveID: 1, RegistrationID: 42, Region: "31", JoinedAt: testNow}}
		rec := env.do(scenario{method: "GET", url: "/dashboard?joined=1", session: true}.request())
		scenario{wantStatus: http.StatusOK, wantBody: []string{"Sedang Dievaluasi", messagesID["wave.joined_ok"]},
			notBody: []string{"/join\""}}.check(t, rec)
	})
	t.Run("OKOutcomes", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name   string
			status prakerja.RegistrationStatus
			want   string
		}{
			{"Selected", prakerja.StatusSelected, messagesID["wave.outcome.selected"]},
			{"NotSelected", prakerja.StatusEligible, messagesID["wave.outcome.not_selected"]},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				svc := okService()
				withSession(svc, tt.status)
				env := newTestEnv(t, svc)
				env.waves.waves[0].ClosesAt = testNow.Add(-time.Hour)
				env.waves.waves[0].SelectedAt = testNow.Add(-time.Minute)
				env.waves.joins = []prakerja.WaveJoin{{WaveID: 1, RegistrationID: 42, Region: "31", JoinedAt: testNow.Add(-2 * time.Hour)}}
				rec := env.do(scenario{method: "GET", url: "/dashboard", session: true}.request())
				scenario{wantStatus: http.StatusOK, wantBody: []string{"Gelombang 1", stdhtml.EscapeString(tt.want)}}.check(t, rec)
			})
		}
	})
	t.Run("OKNoWave", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, okService())
		env.waves.waves[0].Regions = []string{"32"} // not the registrant's domicile
		rec := env.do(scenario{method: "GET", url: "/dashboard", session: true}.request())
		scenario{wantStatus: http.StatusOK, wantBody: []string{"Gelombang Tidak Ditemukan"}, notBody: []string{"Gelombang 1"}}.check(t, rec)
	})
	t.Run("OKJoinForm", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, okService())
		rec := env.do(scenario{method: "POST", url: "/dashboard/waves/1/join", session: true,
			header: map[string]string{"Sec-Fetch-Site": "same-origin"}}.request())
		scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/dashboard?joined=1"}}.check(t, rec)
	})
	t.Run("ErrJoinFormClosed", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, okService())
		env.waves.joinFn = func(int64, int64, time.Time) (*prakerja.WaveJoin, bool, error) {
			return nil, false, prakerja.Errorf(prakerja.CodeWaveClosed, "Closed.")
		}
		rec := env.do(scenario{method: "POST", url: "/dashboard/waves/1/join", session: true}.request())
		scenario{wantStatus: http.StatusConflict, wantType: html, wantBody: []string{messagesID["code.wave_closed"], `href="/dashboard"`}}.check(t, rec)
		if strings.Contains(env.logs.String(), testNIK) {
			t.Error("a NIK reached the log")
		}
	})
}
