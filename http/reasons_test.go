package http

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/scheme"
)

// ineligibleService signs in registration 42 as ineligible with one reason
// of each kind: identity, scheme rule, review decision and an unknown code.
func ineligibleService() *mock.RegistrationService {
	svc := okService()
	withSession(svc, prakerja.StatusIneligible)
	svc.RegistrationFn = func(context.Context, int64) (*prakerja.Registration, error) {
		reg := testRegistration(prakerja.StatusIneligible)
		reg.Reasons = []string{prakerja.ReasonIdentityKKMismatch, "age_below_minimum", prakerja.ReasonDuplicateConfirmed, "new_rule"}
		return reg, nil
	}
	return svc
}

// newSchemeEnv is newTestEnv with the 2020 scheme wired, as app.go does.
func newSchemeEnv(t *testing.T, svc *mock.RegistrationService, sch *scheme.Scheme) *testEnv {
	t.Helper()
	env := newTestEnv(t, svc)
	env.srv = NewServer(Config{BaseURL: "https://prakerja.example"}, Deps{
		Registrations: svc, Store: env.store, Clock: fixedClock{testNow}, Logger: slog.New(slog.DiscardHandler), Scheme: sch,
	})
	env.srv.SetReady(true)
	return env
}

// TestMeReasons reads /api/v1/me and the Location of a registration in both
// languages and checks each reason's code and translated message; without
// a scheme, rule codes fall back to the bare code.
func TestMeReasons(t *testing.T) {
	t.Parallel()
	sch, err := scheme.Load("2020")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		sch  *scheme.Scheme
		url  string
		lang string
		want []reasonJSON
	}{
		{"OKIndonesian", sch, "/api/v1/me", "id", []reasonJSON{
			{"identity_kk_mismatch", messagesID["reason.identity_kk_mismatch"]},
			{"age_below_minimum", "Usia Anda di bawah 18 tahun pada tanggal acuan gelombang."},
			{"duplicate_confirmed", messagesID["reason.duplicate_confirmed"]},
			{"new_rule", "new_rule"},
		}},
		{"OKEnglish", sch, "/api/v1/registrations/42", "en", []reasonJSON{
			{"identity_kk_mismatch", messagesEN["reason.identity_kk_mismatch"]},
			{"age_below_minimum", "You are under 18 years old on the wave's reference date."},
			{"duplicate_confirmed", messagesEN["reason.duplicate_confirmed"]},
			{"new_rule", "new_rule"},
		}},
		{"OKNoScheme", nil, "/api/v1/me", "en", []reasonJSON{
			{"identity_kk_mismatch", messagesEN["reason.identity_kk_mismatch"]},
			{"age_below_minimum", "age_below_minimum"},
			{"duplicate_confirmed", messagesEN["reason.duplicate_confirmed"]},
			{"new_rule", "new_rule"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newSchemeEnv(t, ineligibleService(), tc.sch)
			rec := env.do(scenario{method: "GET", url: tc.url, session: true, header: map[string]string{"Accept-Language": tc.lang}}.request())
			var me meJSON
			if err := json.Unmarshal(rec.Body.Bytes(), &me); rec.Code != http.StatusOK || err != nil {
				t.Fatalf("got %d %v: %s", rec.Code, err, rec.Body)
			}
			if len(me.Reasons) != len(tc.want) {
				t.Fatalf("reasons = %+v, want %+v", me.Reasons, tc.want)
			}
			for i := range tc.want {
				if me.Reasons[i] != tc.want[i] {
					t.Errorf("reason %d = %+v, want %+v", i, me.Reasons[i], tc.want[i])
				}
			}
		})
	}
}

// TestMeReasonsOnlyWhenFailing checks that a passing status shows an empty
// array even when stale codes are stored.
func TestMeReasonsOnlyWhenFailing(t *testing.T) {
	t.Parallel()
	svc := okService()
	withSession(svc, prakerja.StatusEligible)
	svc.RegistrationFn = func(context.Context, int64) (*prakerja.Registration, error) {
		reg := testRegistration(prakerja.StatusEligible)
		reg.Reasons = []string{"stale"}
		return reg, nil
	}
	scenario{name: "OKEligible", method: "GET", url: "/api/v1/me", session: true, wantStatus: http.StatusOK,
		wantBody: []string{`"reasons":[]`, `"status":"eligible"`}, notBody: []string{"stale"}}.check(t, newTestEnv(t, svc).do(
		scenario{method: "GET", url: "/api/v1/me", session: true}.request()))
}

// TestDashboardReasons renders the dashboard of an ineligible registrant:
// status in words, each reason's sentence, and nothing untranslated.
func TestDashboardReasons(t *testing.T) {
	t.Parallel()
	sch, err := scheme.Load("2020")
	if err != nil {
		t.Fatal(err)
	}
	env := newSchemeEnv(t, ineligibleService(), sch)
	rec := env.do(scenario{method: "GET", url: "/dashboard?lang=en", session: true}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{
		messagesEN["status.ineligible"], messagesEN["dashboard.reasons"], "You are under 18 years old",
		"(age_below_minimum)", "The KK number differs from Dukcapil", "<li>new_rule</li>",
	}, notBody: []string{"⟦", testNIK}}.check(t, rec)
}

// TestReasonTranslations checks that every status and every identity and
// review reason code has a text in both languages.
func TestReasonTranslations(t *testing.T) {
	t.Parallel()
	var keys []string
	for _, st := range prakerja.Statuses() {
		keys = append(keys, "status."+string(st))
	}
	for _, code := range []string{
		prakerja.ReasonIdentityNotFound, prakerja.ReasonIdentityKKMismatch, prakerja.ReasonIdentityNameMismatch,
		prakerja.ReasonIdentityBirthDateMismatch, prakerja.ReasonIdentityInvalid,
		prakerja.ReasonDuplicateConfirmed, prakerja.ReasonNIKDisputeUpheld,
	} {
		keys = append(keys, "reason."+code)
	}
	for _, key := range keys {
		for _, l := range []locale{localeID, localeEN} {
			if _, ok := messages[l][key]; !ok {
				t.Errorf("%s has no %s text", key, l)
			}
		}
	}
}
