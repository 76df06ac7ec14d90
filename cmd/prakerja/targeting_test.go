package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTargetingCommands runs aggregates and both exports on a data
// folder: each export writes its file once, is recorded in the audit
// chain, and an existing file, a missing --by or an individual export by
// anyone but a staff account whose role may make one is refused.
func TestTargetingCommands(t *testing.T) {
	t.Parallel()
	dir, environ := exclusionsDir(t)
	out := mustRun(t, environ, "targeting", "aggregates", "--json")
	if !strings.Contains(out, "REGION") || !strings.Contains(out, `"regions":[]`) {
		t.Fatalf("aggregates: %s", out)
	}
	csvPath, xlsxPath := filepath.Join(dir, "agg.csv"), filepath.Join(dir, "ind.xlsx")
	out = mustRun(t, environ, "targeting", "export", "--by", "operator.a", "--format", "csv", "--out", csvPath)
	if !strings.Contains(out, "0 rows") {
		t.Fatalf("export: %s", out)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil || !strings.HasPrefix(string(data), "region_code,region_name,registrants") {
		t.Fatalf("file %q, %v", data, err)
	}
	for _, by := range []string{"operator.a", "auditor.a", "nobody"} {
		if code, _, _ := runStoreCmd(t, environ, "targeting", "export", "--level", "individual", "--by", by, "--out", xlsxPath); code == 0 {
			t.Fatalf("an individual export by %s, not a staff account that may make one, ran", by)
		}
	}
	mustRun(t, environ, "staff", "add", "--username", "operator.a", "--role", "operator")
	mustRun(t, environ, "staff", "add", "--username", "auditor.a", "--role", "auditor")
	if code, _, _ := runStoreCmd(t, environ, "targeting", "export", "--level", "individual", "--by", "auditor.a", "--out", xlsxPath); code == 0 {
		t.Fatal("an auditor made an individual export")
	}
	mustRun(t, environ, "targeting", "export", "--level", "individual", "--by", "operator.a", "--format", "xlsx", "--out", xlsxPath)
	if code, _, _ := runStoreCmd(t, environ, "targeting", "export", "--by", "operator.a", "--out", csvPath); code == 0 {
		t.Fatal("an existing file was overwritten")
	}
	if code, _, _ := runStoreCmd(t, environ, "targeting", "export", "--out", filepath.Join(dir, "x.csv")); code == 0 {
		t.Fatal("an export without --by ran")
	}
	list := mustRun(t, environ, "audit", "list")
	if n := strings.Count(list, "targeting.export"); n != 2 {
		t.Fatalf("%d targeting.export records, want 2:\n%s", n, list)
	}
}
