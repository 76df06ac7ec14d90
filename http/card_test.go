package http

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// Participant answers the fake store's card lookups: everyone has a card
// and no money yet.
func (s *idemStore) Participant(_ context.Context, id int64) (*prakerja.Participant, error) {
	return &prakerja.Participant{RegistrationID: id, WaveID: 1, CardNumber: "5176900000000001", VANumber: "9880000000000001"}, nil
}

func (s *idemStore) LedgerAccounts(context.Context, []int64) (map[int64]*prakerja.Account, error) {
	return map[int64]*prakerja.Account{}, nil
}

func (s *idemStore) LedgerTransfers(context.Context, prakerja.TransferFilter) ([]*prakerja.Transfer, error) {
	return nil, nil
}

// TestCardSQLite reads a credited participant's card on the real store:
// the API's balances and history, then the page in both languages.
func TestCardSQLite(t *testing.T) {
	t.Parallel()
	m := newMarketSQLite(t)
	code, body := m.do("GET", "/api/v1/me/card", "", nil, true)
	var c cardJSON
	if err := json.Unmarshal([]byte(body), &c); code != 200 || err != nil {
		t.Fatalf("card: %d %s", code, body)
	}
	if c.CardNumber != m.card || c.Balances.Training != 1_000_000 || c.Balances.IncentiveLocked != 0 || c.Revoked {
		t.Fatalf("card %+v", c)
	}
	if len(c.History) != 1 || c.History[0].Code != "credit_training" || c.History[0].Amount != 1_000_000 ||
		c.History[0].Account != "training" {
		t.Fatalf("history %+v", c.History)
	}
	if code, _ := m.do("GET", "/api/v1/me/card", "", nil, false); code != 401 {
		t.Fatalf("no session: %d", code)
	}
	for lang, want := range map[string][]string{
		"id": {"Saldo pelatihan", "Rp 1.000.000", "Saldo pelatihan diterima", groupDigits(m.card)},
		"en": {"Training balance", "Rp 1.000.000", "Training balance received"},
	} {
		code, body := m.do("GET", "/kartu?lang="+lang, "", nil, true)
		if code != 200 {
			t.Fatalf("%s page: %d", lang, code)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s page lacks %q", lang, w)
			}
		}
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"5176900000000001": "5176 9000 0000 0001", "123": "123", "": "", "12345": "1234 5"} {
		if got := groupDigits(in); got != want {
			t.Errorf("groupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
