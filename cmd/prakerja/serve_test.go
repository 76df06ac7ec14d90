package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// freeAddr returns a loopback address that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServe runs the real serve command on a migrated data folder: it must
// become healthy, expose metrics and take a registration, keep the
// operator console behind sign-in (metrics for a scraper's token), then
// stop cleanly when its context ends.
func TestServe(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, context.Background(), nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	addr, opsAddr := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr string
	go func() {
		code, _, errOut := runCmd(t, ctx, map[string]string{"PRAKERJA_DATA": dir, "PRAKERJA_OPS_ADDR": opsAddr}, "serve", "--addr", addr,
			"--metrics-token", "scrape-token-for-test")
		stderr = errOut
		done <- code
	}()
	base := "http://" + addr
	waitHealthy(t, base)
	body := `{"full_name":"Siti Nur'aini","email":"siti.test@example.id","phone":"081234567890","nik":"3171014501900001","kk":"3171011203150002","birth_date":"1990-01-05","sex":"F","domicile_district":"31.71.01"}`
	resp, err := http.Post(base+"/api/v1/registrations", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("registration status %d: %s", resp.StatusCode, got)
	}
	if code, _ := scrape(t, base+"/metrics", ""); code != http.StatusUnauthorized {
		t.Errorf("public /metrics without the scrape token: %d, want 401", code)
	}
	if _, m := scrape(t, base+"/metrics", "scrape-token-for-test"); !strings.Contains(m, "go_goroutines") {
		t.Errorf("/metrics lacks Go collectors")
	}
	if page := get(t, "http://"+opsAddr+"/ops/"); !strings.Contains(page, `action="/ops/login"`) {
		t.Errorf("operator console does not ask a signed-out visitor to sign in")
	}
	if _, m := scrape(t, "http://"+opsAddr+"/metrics", "scrape-token-for-test"); !strings.Contains(m, `prakerja_backlog_registrations{status="registered"} 1`) {
		t.Errorf("operator /metrics lacks the backlog of the one registration")
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exit %d: %s", code, stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, secret := range []string{"3171014501900001", "3171011203150002", "81234567890", "siti.test@example.id"} {
		if strings.Contains(stderr, secret) {
			t.Fatalf("serve's log holds personal data")
		}
	}
}

// TestServeRefusesOldSchema: an unmigrated database is refused with advice.
func TestServeRefusesOldSchema(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	code, _, errOut := runCmd(t, context.Background(), nil, "serve", "--data", dir, "--addr", freeAddr(t), "--ops-addr", "off")
	if code == 0 || !strings.Contains(errOut, "prakerja migrate") {
		t.Fatalf("serve on an empty database: exit %d, stderr %q", code, errOut)
	}
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal(fmt.Sprintf("%s/healthz never answered 200", base))
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// scrape GETs a metrics URL as a Prometheus scraper with token ("" =
// none) and returns the status and body.
func scrape(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
