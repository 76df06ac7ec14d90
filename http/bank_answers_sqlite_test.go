package http

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/storetest"
)

// TestBankAnswersSQLite: a payment partner posts its own pain.002, signed
// with its bank key, on a real store. Its payments are posted; the same
// file again changes nothing; the file signed by another partner is
// refused whole and records nothing; an institution's key may not post it.
func TestBankAnswersSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openSQLite(t)
	fx := storetest.MustPayoutFixture(t, store, 6)
	keys := partnerauth.NewKeys(store, fx.Keys, fx.Clock)
	srv := NewServer(Config{}, Deps{Registrations: registration.New(store, fx.Keys, fx.Clock, registration.DefaultConfig()),
		Store: store, Clock: fx.Clock, Logger: slog.New(slog.DiscardHandler), Payout: fx.Service,
		Partners: partnerauth.NewVerifier(store, fx.Keys, fx.Clock)})
	key := func(kind prakerja.PartnerKind, partner string) (string, partnerauth.Secret) {
		k, secret, err := keys.Create(ctx, kind, partner, "test")
		if err != nil {
			t.Fatal(err)
		}
		return k.KeyID, secret
	}
	bni, bniSecret := key(prakerja.PartnerBank, "bni")
	ovo, ovoSecret := key(prakerja.PartnerBank, "ovo")
	sum, err := fx.Service.Prepare(ctx, "maker", fx.Clock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, files, err := fx.Service.Approve(ctx, sum.RunID, "checker")
	if err != nil {
		t.Fatal(err)
	}
	answer := bniAnswer(t, fx.Service.RunFolder(sum.RunID), files)
	post := func(keyID string, secret partnerauth.Secret) (int, prakerja.IngestOutcome) {
		req := httptest.NewRequest("POST", "/api/v1/bank/answers", bytes.NewReader(answer))
		req.Header.Set("Content-Type", "application/xml")
		if err := partnerauth.Sign(req, keyID, secret, fx.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		var out prakerja.IngestOutcome
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		return rec.Code, out
	}
	if code, _ := post(ovo, ovoSecret); code != http.StatusForbidden {
		t.Fatalf("another partner's answers: %d, want 403", code)
	}
	code, out := post(bni, bniSecret)
	if code != http.StatusCreated || out.Posted == 0 || out.Duplicate {
		t.Fatalf("first post: %d %+v", code, out)
	}
	fx.Clock.Add(time.Second) // a new signature: the same one twice is a replay
	if code, out := post(bni, bniSecret); code != http.StatusOK || !out.Duplicate || out.Posted != 0 {
		t.Fatalf("same file again: %d %+v", code, out)
	}
	inst, instSecret := key(prakerja.PartnerInstitution, "bpjs_tk")
	if code, _ := post(inst, instSecret); code != http.StatusForbidden {
		t.Fatalf("an institution key: %d, want 403", code)
	}
}

// bniAnswer is the simulated BNI's pain.002 for the run's BNI file,
// every payment accepted.
func bniAnswer(t *testing.T, folder string, files []*prakerja.PayoutFile) []byte {
	t.Helper()
	for _, f := range files {
		if f.Provider != "BNI" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(folder, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		in, err := iso20022.ReadPain001(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		report, _ := banksim.Answer(in, banksim.Config{}, in.Created)
		var b bytes.Buffer
		if err := iso20022.WritePain002(&b, report); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	t.Fatal("the run wrote no BNI file")
	return nil
}
