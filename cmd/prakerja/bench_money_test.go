package main

import (
	"context"
	"encoding/json"
	"testing"
)

// TestBenchCredit runs `bench credit` small: every credit posted once, the
// rerun posts nothing, the check is clean and a short budget is refused.
func TestBenchCredit(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, context.Background(), nil, "bench", "credit", "--participants", "300", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var res benchCreditResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatal(err)
	}
	if res.Participants != 300 || res.Transfers != 300*8 || res.Accounts != 300*5+1 || res.RerunCreated != 0 ||
		res.Breaches != 0 || !res.RefusedBudget || res.PerSecond <= 0 {
		t.Fatalf("result %+v", res)
	}
}

// TestBenchPurchase runs `bench purchase` small over real HTTP.
func TestBenchPurchase(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, context.Background(), nil, "bench", "purchase", "--participants", "6", "--workers", "4", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var res benchPurchaseResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatal(err)
	}
	if res.Purchases != 6*benchPurchasesPerCard || res.Errors != 0 || res.PerSecond <= 0 {
		t.Fatalf("result %+v", res)
	}
}
