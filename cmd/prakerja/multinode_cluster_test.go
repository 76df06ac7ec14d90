package main

import (
	"bytes"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// mnCluster is the multi-node test's cluster: serve processes sharing one
// PostgreSQL schema, a key file and a payout outbox folder, behind a
// round-robin proxy.
type mnCluster struct {
	dbURL, keys, outbox, data, registry string
	nodes                               []*mnNode
	proxy                               *httptest.Server
	next                                atomic.Uint64
	db                                  *sql.DB // the test's own connection, for the checks
}

// mnNode is one serve process.
type mnNode struct {
	addr string
	cmd  *exec.Cmd
	dead atomic.Bool
}

// start runs n serve processes and the proxy in front of them, and waits
// until every node answers /healthz.
func (c *mnCluster) start(t *testing.T, n int) {
	t.Helper()
	for range n {
		addr := freeAddr(t)
		args := []string{"serve", "--db", c.dbURL, "--data", c.data, "--keys", c.keys, "--addr", addr,
			"--ops-addr", "off", "--registry", c.registry, "--verify-lease", "2s", "--verify-batch", "50",
			"--verify-workers", "2", "--registry-concurrency", "4", "--jobs-interval", "200ms", "--jobs-lease", "5s",
			"--payout-outbox", c.outbox, "--client-ip-header", "X-Forwarded-For", "--log-level", "warn"}
		c.nodes = append(c.nodes, &mnNode{addr: addr, cmd: startChild(t, args)})
	}
	for _, nd := range c.nodes {
		mnWaitHealthy(t, nd.addr)
	}
	c.proxy = httptest.NewServer(http.HandlerFunc(c.forward))
	t.Cleanup(c.proxy.Close)
}

// mnWaitHealthy polls a node's /healthz for at most mnWaitMax.
func mnWaitHealthy(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(mnWaitMax)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("node %s never became healthy", addr)
}

// kill ends node i with SIGKILL, as a crashed machine would.
func (c *mnCluster) kill(t *testing.T, i int) {
	t.Helper()
	nd := c.nodes[i]
	nd.dead.Store(true)
	if err := nd.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	nd.cmd.Wait()
}

// stop ends the live nodes with SIGTERM and checks each stopped cleanly.
func (c *mnCluster) stop(t *testing.T) {
	t.Helper()
	for _, nd := range c.nodes {
		if nd.dead.Load() {
			continue
		}
		if err := nd.cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		if err := nd.cmd.Wait(); err != nil {
			t.Errorf("node %s: %v", nd.addr, err)
		}
	}
}

// mnProxyBodyMax bounds the request body the proxy buffers for a retry.
const mnProxyBodyMax = 1 << 20

// forward is the load balancer: round robin over the nodes; a request
// whose node cannot be reached (refused, reset: a killed node) is sent to
// the next one, as a real balancer retries an idempotent request. The
// request keeps its headers (Idempotency-Key, X-Forwarded-For, cookies).
func (c *mnCluster) forward(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, mnProxyBodyMax))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	for range len(c.nodes) {
		nd := c.nodes[int(c.next.Add(1))%len(c.nodes)]
		req, err := http.NewRequestWithContext(r.Context(), r.Method, "http://"+nd.addr+r.URL.RequestURI(), bytes.NewReader(body))
		if err != nil {
			http.Error(w, "build request", http.StatusInternalServerError)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := mnProxyClient.Do(req)
		if err != nil {
			continue // the node is gone: the next one gets the request
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.Header().Set("X-Prakerja-Node", nd.addr)
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
		resp.Body.Close()
		return
	}
	http.Error(w, "no node answered", http.StatusBadGateway)
}

// mnProxyClient is the proxy's upstream client; no redirects are followed
// (the client sees them, as behind a real balancer).
var mnProxyClient = &http.Client{
	Timeout:       time.Minute,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Transport:     &http.Transport{MaxIdleConnsPerHost: 64},
}

// mnWaitMax bounds every wait of the multi-node test: a liveness bound
// under the race detector on a loaded 2-core machine, not a speed target.
const mnWaitMax = 4 * time.Minute

// mnSize is the test's size: PRAKERJA_MULTINODE_N registrants (and as
// many participants for the jobs and the payout run), def when unset.
func mnSize(t *testing.T, def int) int {
	t.Helper()
	raw := os.Getenv("PRAKERJA_MULTINODE_N")
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 10 || n > 100_000 {
		t.Fatalf("PRAKERJA_MULTINODE_N=%q: want 10..100000", raw)
	}
	return n
}

// count runs a COUNT-like query on the shared database.
func (c *mnCluster) count(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := c.db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// waitCount polls q until ok holds, for at most mnWaitMax.
func (c *mnCluster) waitCount(t *testing.T, what, q string, ok func(int64) bool) int64 {
	t.Helper()
	deadline := time.Now().Add(mnWaitMax)
	for {
		n := c.count(t, q)
		if ok(n) {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s: at %d", what, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
