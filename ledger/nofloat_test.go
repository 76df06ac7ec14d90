package ledger_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// moneyFiles are the files that compute or store money: the ledger, its
// SQL, crediting, the marketplace, the scheduled payouts. Amounts there are
// int64 rupiah; a float would round them.
var moneyFiles = []string{"../ledger*.go", "../marketplace.go", "../job.go", "*.go", "../sqldb/ledger_*.go",
	"../sqldb/marketplace*.go", "../sqldb/jobs*.go", "../marketplace/*.go", "../jobs/*.go", "../scheme/rupiah.go"}

// TestNoFloatInMoneyCode parses every money file and fails on any use of
// float32 or float64.
func TestNoFloatInMoneyCode(t *testing.T) {
	fset := token.NewFileSet()
	seen := 0
	for _, pattern := range moneyFiles {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			// Prometheus takes float64 samples; metrics files export counts,
			// never amounts.
			if strings.HasSuffix(path, "_test.go") || strings.HasPrefix(filepath.Base(path), "metrics") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			seen++
			ast.Inspect(f, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && (id.Name == "float32" || id.Name == "float64") {
					t.Errorf("%s: %s in money code; amounts are int64 rupiah", fset.Position(id.Pos()), id.Name)
				}
				return true
			})
		}
	}
	if seen < 10 {
		t.Fatalf("only %d money files found; the patterns are stale", seen)
	}
}
