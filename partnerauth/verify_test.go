package partnerauth_test

import (
	"context"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/sqldb"
)

var t0 = time.Date(2026, time.March, 2, 3, 4, 5, 0, time.UTC)

// fixture is a real SQLite store with one platform key.
type fixture struct {
	store    *sqldb.Store
	clock    *mock.Clock
	keys     *partnerauth.Keys
	verifier *partnerauth.Verifier
	key      *prakerja.PartnerKey
	secret   partnerauth.Secret
}

func mustFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	store, ring := sqlitetest.Open(t), sqlitetest.Keys(t)
	f := &fixture{store: store, clock: mock.NewClock(t0)}
	f.keys = partnerauth.NewKeys(store, ring, f.clock)
	f.verifier = partnerauth.NewVerifier(store, ring, f.clock)
	var err error
	if f.key, f.secret, err = f.keys.Create(ctx, prakerja.PartnerPlatform, "tokopedia", "test"); err != nil {
		t.Fatalf("Create: %v", err)
	}
	return f
}

// signed is one request as a partner sends it.
type signed struct {
	method, target string
	body           []byte
	header         http.Header
}

func (f *fixture) sign(method, target, body string, at time.Time) signed {
	return signed{method: method, target: target, body: []byte(body),
		header: partnerauth.Headers(f.key.KeyID, f.secret, method, target, []byte(body), at)}
}

func (f *fixture) verify(s signed) (*prakerja.PartnerKey, error) {
	return f.verifier.Verify(context.Background(), s.method, s.target, s.header, s.body)
}

func TestVerify(t *testing.T) {
	t.Parallel()
	const body = `{"card_number":"5000000000000001","course_id":7,"order_id":"A-1"}`
	tests := []struct {
		name   string
		mutate func(f *fixture, s *signed)
		want   prakerja.Code
	}{
		{"OK", func(*fixture, *signed) {}, ""},
		{"OKRFC3339", func(f *fixture, s *signed) {
			ts := t0.In(time.FixedZone("WIB", 7*3600)).Format(time.RFC3339)
			s.header.Set(partnerauth.HeaderTimestamp, ts)
			s.header.Set(partnerauth.HeaderSignature, "v1="+hexOf(partnerauth.Compute(f.secret, s.method, s.target, ts, s.body)))
		}, ""},
		{"OKSecondOfTwoSignatures", func(_ *fixture, s *signed) {
			s.header.Set(partnerauth.HeaderSignature, "v2=zz, v1="+strings.Repeat("00", 32)+","+s.header.Get(partnerauth.HeaderSignature))
		}, ""},
		{"ErrTamperedBody", func(_ *fixture, s *signed) { s.body = []byte(strings.Replace(string(s.body), "7", "8", 1)) }, prakerja.CodeSignatureInvalid},
		{"ErrTamperedPath", func(_ *fixture, s *signed) { s.target = "/api/v1/platform/charges/9/confirm" }, prakerja.CodeSignatureInvalid},
		{"ErrTamperedQuery", func(_ *fixture, s *signed) { s.target += "?x=1" }, prakerja.CodeSignatureInvalid},
		{"ErrTamperedMethod", func(_ *fixture, s *signed) { s.method = "PUT" }, prakerja.CodeSignatureInvalid},
		{"ErrTamperedTimestamp", func(_ *fixture, s *signed) {
			s.header.Set(partnerauth.HeaderTimestamp, partnerauth.Timestamp(t0.Add(time.Second)))
		}, prakerja.CodeSignatureInvalid},
		{"ErrWrongSecret", func(f *fixture, s *signed) {
			*s = signed{s.method, s.target, s.body, partnerauth.Headers(f.key.KeyID, partnerauth.NewSecret(), s.method, s.target, s.body, t0)}
		}, prakerja.CodeSignatureInvalid},
		{"ErrUnknownKey", func(_ *fixture, s *signed) { s.header.Set(partnerauth.HeaderKeyID, "pk_unknownkey000") }, prakerja.CodeSignatureInvalid},
		{"ErrMissing", func(_ *fixture, s *signed) { s.header.Del(partnerauth.HeaderSignature) }, prakerja.CodeSignatureMissing},
		{"ErrSkewPast", func(f *fixture, s *signed) {
			*s = f.sign(s.method, s.target, string(s.body), t0.Add(-partnerauth.Window-time.Second))
		}, prakerja.CodeSignatureExpired},
		{"ErrSkewFuture", func(f *fixture, s *signed) {
			*s = f.sign(s.method, s.target, string(s.body), t0.Add(partnerauth.Window+time.Second))
		}, prakerja.CodeSignatureExpired},
		{"OKSkewAtEdge", func(f *fixture, s *signed) {
			*s = f.sign(s.method, s.target, string(s.body), t0.Add(-partnerauth.Window))
		}, ""},
		{"ErrRevoked", func(f *fixture, _ *signed) {
			if _, err := f.keys.Revoke(context.Background(), f.key.KeyID, "test"); err != nil {
				panic(err)
			}
		}, prakerja.CodePartnerKeyRevoked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := mustFixture(t)
			s := f.sign("POST", "/api/v1/platform/charges", body, t0)
			tc.mutate(f, &s)
			k, err := f.verify(s)
			if got := prakerja.ErrorCode(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if tc.want == "" && (k.KeyID != f.key.KeyID || k.Partner != "tokopedia" || k.Kind != prakerja.PartnerPlatform) {
				t.Fatalf("key = %+v, want the platform's", k)
			}
		})
	}
}

func TestVerifyReplay(t *testing.T) {
	t.Parallel()
	f := mustFixture(t)
	s := f.sign("POST", "/api/v1/provider/vouchers/ABC/redeem", "{}", t0)
	if _, err := f.verify(s); err != nil {
		t.Fatalf("first: %v", err)
	}
	f.clock.Add(4 * time.Minute)
	if _, err := f.verify(s); prakerja.ErrorCode(err) != prakerja.CodeSignatureReplayed {
		t.Fatalf("replay within the window: %v, want %s", err, prakerja.CodeSignatureReplayed)
	}
	f.clock.Add(2 * time.Minute) // now past the window: expired, not replayed
	if _, err := f.verify(s); prakerja.ErrorCode(err) != prakerja.CodeSignatureExpired {
		t.Fatalf("replay after the window: %v, want %s", err, prakerja.CodeSignatureExpired)
	}
	fresh := f.sign("POST", "/api/v1/provider/vouchers/ABC/redeem", "{}", f.clock.Now())
	if _, err := f.verify(fresh); err != nil {
		t.Fatalf("a new signature of the same request: %v", err)
	}
}

// TestRotation: a partner holds two keys while it switches, a third is
// refused until one is revoked, and the revoked one stops at once.
func TestRotation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := mustFixture(t)
	k2, s2, err := f.keys.Create(ctx, prakerja.PartnerPlatform, "tokopedia", "test")
	if err != nil {
		t.Fatalf("second key: %v", err)
	}
	if _, _, err := f.keys.Create(ctx, prakerja.PartnerPlatform, "tokopedia", "test"); prakerja.ErrorCode(err) != prakerja.CodeConflict {
		t.Fatalf("third key: %v, want conflict", err)
	}
	old := f.sign("POST", "/x", "{}", t0)
	nw := signed{"POST", "/x", []byte("{}"), partnerauth.Headers(k2.KeyID, s2, "POST", "/x", []byte("{}"), t0)}
	for name, s := range map[string]signed{"old": old, "new": nw} {
		if _, err := f.verify(s); err != nil {
			t.Fatalf("%s key during rotation: %v", name, err)
		}
	}
	if _, err := f.keys.Revoke(ctx, f.key.KeyID, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.keys.Revoke(ctx, f.key.KeyID, "test"); prakerja.ErrorCode(err) != prakerja.CodeConflict {
		t.Fatalf("second revoke: %v, want conflict", err)
	}
	if _, err := f.verify(f.sign("POST", "/y", "{}", t0)); prakerja.ErrorCode(err) != prakerja.CodePartnerKeyRevoked {
		t.Fatalf("old key after revoke: %v", err)
	}
	if _, err := f.verify(signed{"POST", "/y", []byte("{}"), partnerauth.Headers(k2.KeyID, s2, "POST", "/y", []byte("{}"), t0)}); err != nil {
		t.Fatalf("new key after revoke: %v", err)
	}
	if _, _, err := f.keys.Create(ctx, prakerja.PartnerPlatform, "tokopedia", "test"); err != nil {
		t.Fatalf("a key after the revoke: %v", err)
	}
	entries, err := f.store.AuditEntries(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
		if strings.Contains(e.Detail, s2.String()) || strings.Contains(e.Detail, f.secret.String()) {
			t.Fatalf("audit detail holds a secret: %s", e.Detail)
		}
	}
	want := "partner_key.created partner_key.created partner_key.revoked partner_key.created"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("audit actions = %s, want %s", got, want)
	}
}

// TestSignRequest checks that Sign on an http.Request agrees with the
// server's view of the same request, body restored.
func TestSignRequest(t *testing.T) {
	t.Parallel()
	f := mustFixture(t)
	req, err := http.NewRequest("POST", "http://example/api/v1/platform/charges?x=a%20b", strings.NewReader(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := partnerauth.Sign(req, f.key.KeyID, f.secret, t0); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, 7)
	if n, _ := req.Body.Read(body); string(body[:n]) != `{"a":1}` {
		t.Fatalf("body not restored: %q", body[:n])
	}
	if _, err := f.verifier.Verify(context.Background(), "POST", req.URL.RequestURI(), req.Header, body); err != nil {
		t.Fatalf("Verify: %v", err)
	}
}

func TestParseSecret(t *testing.T) {
	t.Parallel()
	s := partnerauth.NewSecret()
	got, err := partnerauth.ParseSecret(s.String())
	if err != nil || string(got) != string(s) {
		t.Fatalf("round trip: %v", err)
	}
	for _, bad := range []string{"", "abc", s.String() + "AA", strings.Repeat("A", 43) + "!"} {
		if _, err := partnerauth.ParseSecret(bad); err == nil {
			t.Fatalf("ParseSecret(%q) accepted", bad)
		}
	}
}
