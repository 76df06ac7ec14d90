package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
)

// TestRegistrySim runs the real registry-sim command and verifies people
// through registry.Client: the first --population persons exist, the next
// do not, the token is required, and the log never holds personal data.
func TestRegistrySim(t *testing.T) {
	t.Parallel()
	const n = 300
	ref := time.Date(2020, 4, 11, 0, 0, 0, 0, time.UTC)
	pp := population.Generate(2020, n+50, population.Options{Ref: ref})
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr string
	go func() {
		code, _, errOut := runCmd(t, ctx, map[string]string{"PRAKERJA_REGISTRY_TOKEN": "s3cret"}, "registry-sim",
			"--addr", addr, "--population", "300", "--seed", "2020", "--ref", "2020-04-11", "--log-level", "debug")
		stderr = errOut
		done <- code
	}()
	waitHealthy(t, "http://"+addr)
	reqs := make([]registry.Request, 0, 2)
	for _, p := range []population.Person{pp[n-1], pp[n+10]} {
		reqs = append(reqs, registry.Request{NIK: p.NIK, KK: p.KK, FullName: p.FullName, BirthDate: p.BirthDate})
	}
	for _, tc := range []struct{ token, want string }{{"s3cret", "match not_found"}, {"wrong", ""}} {
		c, err := registry.NewClient(registry.Config{URL: "http://" + addr, Token: tc.token})
		if err != nil {
			t.Fatal(err)
		}
		results, err := c.Check(ctx, reqs)
		if tc.want == "" {
			if err == nil {
				t.Fatal("a wrong token was accepted")
			}
			continue
		}
		if err != nil || string(results[0].Status)+" "+string(results[1].Status) != tc.want {
			t.Fatalf("got %+v, %v; want %s", results, err, tc.want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("registry-sim exit %d: %s", code, stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("registry-sim did not stop")
	}
	if !strings.Contains(stderr, `"msg":"verify"`) {
		t.Fatalf("no debug line per request in the log")
	}
	for _, p := range pp[n-1 : n+11] {
		for _, secret := range []string{p.NIK, p.KK, p.FullName} {
			if strings.Contains(stderr, secret) {
				t.Fatalf("registry-sim's log holds personal data")
			}
		}
	}
}

// TestRegistrySimRefusesBadFlags: bad values are usage errors (exit 2).
func TestRegistrySimRefusesBadFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"ErrErrorRate", []string{"--error-rate", "1.5"}},
		{"ErrPopulation", []string{"--population", "-1"}},
		{"ErrRef", []string{"--ref", "11-04-2020"}},
		{"ErrUnknownFlag", []string{"--nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"registry-sim", "--addr", "127.0.0.1:0"}, tt.args...)
			if code, _, errOut := runCmd(t, context.Background(), nil, args...); code != 2 {
				t.Fatalf("exit %d, want 2: %s", code, errOut)
			}
		})
	}
}
