package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/partnerauth"
)

// TestPartnerKeysCommand creates an institution's key, checks that the
// secret it printed signs requests the server accepts, lists and revokes
// it, and finds both steps in the audit chain without the secret.
func TestPartnerKeysCommand(t *testing.T) {
	t.Parallel()
	dir, environ := exclusionsDir(t)
	var created partnerKeyLine
	lastJSON(t, mustRun(t, environ, "partner-keys", "create", "--kind", "institution", "--partner", "bpjs_tk",
		"--by", "operator.ani", "--json"), &created)
	if created.Kind != "institution" || created.Partner != "bpjs_tk" || created.CreatedBy != "operator.ani" ||
		!strings.HasPrefix(created.KeyID, "pk_") || created.Secret == "" {
		t.Fatalf("created %+v", created)
	}
	if out := mustRun(t, environ, "partner-keys", "create", "--kind", "bank", "--partner", "bni"); !strings.Contains(out, "secret:") {
		t.Fatalf("text create: %s", out)
	}
	for _, bad := range [][]string{
		{"--kind", "platform", "--partner", "tokopedia"},      // not registered
		{"--kind", "institution", "--partner", "BPJS TK"},     // not a code
		{"--kind", "robot", "--partner", "x"},                 // no such kind
		{"--kind", "institution", "--partner", "bpjs-tk-old"}, // institution codes are snake_case
		{"--kind", "bank", "--partner", "bank_x"},             // not a payment partner
	} {
		if code, _, _ := runStoreCmd(t, environ, append([]string{"partner-keys", "create"}, bad...)...); code == 0 {
			t.Fatalf("create %v succeeded", bad)
		}
	}

	store, err := (&storeFlags{Data: dir}).Open(t.Context())
	must(t, err)
	defer store.Close()
	ring, err := loadKeys(appConfig{DataDir: dir}, newLogger(io.Discard, "error"))
	must(t, err)
	secret, err := partnerauth.ParseSecret(created.Secret)
	must(t, err)
	now := time.Now()
	h := partnerauth.Headers(created.KeyID, secret, "POST", "/api/v1/institution/nominations", []byte("{}"), now)
	v := partnerauth.NewVerifier(store, ring, prakerja.SystemClock{})
	if _, err := v.Verify(t.Context(), "POST", "/api/v1/institution/nominations", h, []byte("{}")); err != nil {
		t.Fatalf("the printed secret does not verify: %v", err)
	}

	var list struct{ Keys []partnerKeyLine }
	lastJSON(t, mustRun(t, environ, "partner-keys", "list", "--kind", "institution", "--json"), &list)
	if len(list.Keys) != 1 || list.Keys[0].KeyID != created.KeyID || list.Keys[0].Secret != "" {
		t.Fatalf("list %+v", list.Keys)
	}
	var revoked partnerKeyLine
	lastJSON(t, mustRun(t, environ, "partner-keys", "revoke", "--key-id", created.KeyID, "--by", "operator.budi", "--json"), &revoked)
	if revoked.RevokedAt == "" {
		t.Fatalf("revoked %+v", revoked)
	}
	if code, _, _ := runStoreCmd(t, environ, "partner-keys", "revoke", "--key-id", created.KeyID); code == 0 {
		t.Fatal("a second revoke succeeded")
	}
	lastJSON(t, mustRun(t, environ, "partner-keys", "list", "--json"), &list)
	if len(list.Keys) != 1 || list.Keys[0].Kind != "bank" {
		t.Fatalf("active keys after the revoke %+v", list.Keys)
	}
	entries, err := store.AuditEntries(t.Context(), 0, 100)
	must(t, err)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Actor+" "+e.Action)
		if strings.Contains(e.Detail, created.Secret) {
			t.Fatal("the secret is in the audit chain")
		}
	}
	want := "operator.ani partner_key.created|prakerja partner-keys partner_key.created|operator.budi partner_key.revoked"
	if got := strings.Join(actions, "|"); got != want {
		t.Fatalf("audit %s, want %s", got, want)
	}
}

// TestSeedMarketSigningKeys: seeding the catalogue into a data folder
// writes a signing key for every platform and provider, and each works.
func TestSeedMarketSigningKeys(t *testing.T) {
	t.Parallel()
	dir, _ := exclusionsDir(t)
	store, err := (&storeFlags{Data: dir}).Open(t.Context())
	must(t, err)
	defer store.Close()
	a, err := newApp(store, appConfig{BaseURL: "http://127.0.0.1:1", DataDir: dir, Scheme: "2020", MessageLog: devNull()}, newLogger(io.Discard, "error"))
	must(t, err)
	must(t, a.seedMarket(t.Context(), dir))
	raw, err := os.ReadFile(filepath.Join(dir, marketKeysFile))
	must(t, err)
	var keys marketKeys
	must(t, json.Unmarshal(raw, &keys))
	if len(keys.Signing) != len(keys.Platforms)+len(keys.Providers) || len(keys.Platforms) == 0 {
		t.Fatalf("%d signing keys for %d platforms and %d providers", len(keys.Signing), len(keys.Platforms), len(keys.Providers))
	}
	k, ok := keys.Signing["platform/tokopedia"]
	if !ok {
		t.Fatalf("no signing key for tokopedia: %v", keys.Signing)
	}
	secret, err := partnerauth.ParseSecret(k.Secret)
	must(t, err)
	h := partnerauth.Headers(k.KeyID, secret, "POST", "/x", nil, time.Now())
	got, err := partnerauth.NewVerifier(store, a.keys, prakerja.SystemClock{}).Verify(t.Context(), "POST", "/x", h, nil)
	if err != nil || got.Partner != "tokopedia" || got.Kind != prakerja.PartnerPlatform {
		t.Fatalf("seeded key: %+v %v", got, err)
	}
}
