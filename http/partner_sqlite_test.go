package http

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/storetest"
)

// TestPartnerSignaturesSQLite walks the ways a platform request can be
// refused or let through, on the real verifier and SQLite store.
func TestPartnerSignaturesSQLite(t *testing.T) {
	t.Parallel()
	m := newMarketSQLite(t)
	platform := m.seed.Platforms[0]
	const refund = "/api/v1/platform/vouchers/NOSUCHVOUCHER/refund"
	sign := func(c partnerCred, url, body string, at time.Time) map[string]string {
		h := partnerauth.Headers(c.id, c.secret, "POST", url, []byte(body), at)
		out := map[string]string{}
		for k := range h {
			out[k] = h.Get(k)
		}
		return out
	}
	pkey := m.key(t, prakerja.PartnerPlatform, platform.Slug)
	prov := m.key(t, prakerja.PartnerProvider, m.seed.Providers[0].Slug)
	revoked := m.key(t, prakerja.PartnerPlatform, m.seed.Platforms[1].Slug)
	if _, err := m.partners.Revoke(context.Background(), revoked.id, "test"); err != nil {
		t.Fatal(err)
	}
	oldKey := map[string]string{platformKeyHeader: m.seed.PlatformKeys[platform.ID]}
	replayed := sign(pkey, refund, "{}", storetest.T0.Add(-time.Second))
	if code, body := m.do("POST", refund, "{}", replayed, false); code != 404 {
		t.Fatalf("first use: %d %s", code, body)
	}
	badSigWithKey := sign(partnerCred{id: pkey.id, secret: partnerauth.NewSecret()}, refund, "{}", storetest.T0)
	badSigWithKey[platformKeyHeader] = m.seed.PlatformKeys[platform.ID]
	tests := []struct {
		name     string
		unsigned bool // the server that still takes old keys
		header   map[string]string
		body     string
		status   int
		code     prakerja.Code
	}{
		{"OKSigned", false, sign(pkey, refund, "{}", storetest.T0), "{}", 404, prakerja.CodeVoucherUnknown},
		{"ErrNothing", false, nil, "{}", 401, prakerja.CodeSignatureMissing},
		{"ErrOldKeyWithoutFlag", false, oldKey, "{}", 401, prakerja.CodeSignatureMissing},
		{"OKOldKeyWithFlag", true, oldKey, "{}", 404, prakerja.CodeVoucherUnknown},
		{"ErrOldKeyDoesNotRescueBadSignature", true, badSigWithKey, "{}", 401, prakerja.CodeSignatureInvalid},
		{"ErrTamperedBody", false, sign(pkey, refund, "{}", storetest.T0.Add(time.Second)), `{ }`, 401, prakerja.CodeSignatureInvalid},
		{"ErrReplayed", false, replayed, "{}", 401, prakerja.CodeSignatureReplayed},
		{"ErrExpired", false, sign(pkey, refund, "{}", storetest.T0.Add(-6*time.Minute)), "{}", 401, prakerja.CodeSignatureExpired},
		{"ErrRevoked", false, sign(revoked, refund, "{}", storetest.T0), "{}", 401, prakerja.CodePartnerKeyRevoked},
		{"ErrProviderKey", false, sign(prov, refund, "{}", storetest.T0), "{}", 403, prakerja.CodeForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := m.srv
			if tc.unsigned {
				srv = m.unsigned
			}
			if tc.header == nil {
				tc.header = map[string]string{}
			}
			tc.header["Content-Type"] = "application/json"
			rec := newRecorder(srv, scenario{method: "POST", url: refund, body: tc.body, header: tc.header}.request())
			var p Problem
			_ = json.Unmarshal(rec.Body.Bytes(), &p)
			if rec.Code != tc.status || p.Code != tc.code {
				t.Fatalf("%d %s, want %d %s", rec.Code, rec.Body, tc.status, tc.code)
			}
			if tc.status == 401 && !strings.HasPrefix(rec.Header().Get("Content-Type"), contentTypeProblem) {
				t.Fatalf("content type %q", rec.Header().Get("Content-Type"))
			}
		})
	}
}

// TestInstitutionNominationsSQLite submits lists as a signed institution:
// JSON rows are stored and audited under the key; a CSV with a bad row
// stores nothing and names the row; another partner's key is refused.
func TestInstitutionNominationsSQLite(t *testing.T) {
	t.Parallel()
	m := newMarketSQLite(t)
	store := m.srv.store
	clock := fixedClock{storetest.T0}
	m.srv = NewServer(Config{}, Deps{Registrations: m.srv.regs, Store: store, Clock: clock, Logger: slog.New(slog.DiscardHandler),
		Partners: m.srv.partners, Nominations: nomination.NewSubmitter(store, m.keys, clock)})
	inst := m.key(t, prakerja.PartnerInstitution, "bpjs_tk")
	const url = "/api/v1/institution/nominations"
	send := func(c partnerCred, ct, body string) (int, string) {
		req := scenario{method: "POST", url: url, body: body, header: map[string]string{"Content-Type": ct}}.request()
		if err := partnerauth.Sign(req, c.id, c.secret, storetest.T0); err != nil {
			t.Fatal(err)
		}
		rec := newRecorder(m.srv, req)
		return rec.Code, rec.Body.String()
	}
	rows := `{"rows":[{"nik":"3171011708900001","category":"phk"},{"nik":"3171011708900002","category":"pmi"}]}`
	code, body := send(inst, "application/json", rows)
	if code != 201 || !strings.Contains(body, `"institution":"bpjs_tk"`) || strings.Count(body, `"status":"accepted"`) != 2 {
		t.Fatalf("json rows: %d %s", code, body)
	}
	entries, err := store.AuditEntries(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	last := entries[len(entries)-1]
	if last.Action != prakerja.AuditNominationImported || last.Actor != "partner:"+inst.id {
		t.Fatalf("audit record %+v", last)
	}
	csv := "nik;category\r\n3171011708900003;umkm\r\n3171011708900004;veteran\r\n"
	code, body = send(inst, "text/csv", csv)
	if code != 422 || !strings.Contains(body, `"line":3,"status":"refused","code":"bad_value"`) ||
		!strings.Contains(body, `"line":2,"status":"not_stored"`) || strings.Contains(body, "3171011708900004") {
		t.Fatalf("csv with a bad row: %d %s", code, body)
	}
	imports, err := store.NominationImports(context.Background())
	if err != nil || len(imports) != 1 || imports[0].Entries != 2 {
		t.Fatalf("imports after the refusal: %+v %v", imports, err)
	}
	plat := m.key(t, prakerja.PartnerPlatform, m.seed.Platforms[0].Slug)
	if code, body := send(plat, "application/json", rows); code != 403 {
		t.Fatalf("platform key: %d %s", code, body)
	}
	if code, body := send(inst, "text/plain", "x"); code != 415 {
		t.Fatalf("text/plain: %d %s", code, body)
	}
}
