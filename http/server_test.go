package http

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TestServeGracefulShutdown starts a real listener, cancels the context
// while a request is in flight, and checks that the request completes, the
// server stops accepting, readiness drops, and Serve returns nil.
func TestServeGracefulShutdown(t *testing.T) {
	t.Parallel()
	svc := okService()
	started, release := make(chan struct{}), make(chan struct{})
	svc.StartLoginFn = func(context.Context, string, prakerja.Client) (*prakerja.Login, error) {
		close(started)
		<-release
		return &prakerja.Login{ID: "l", Channel: prakerja.ChannelSMS, ExpiresAt: testNow}, nil
	}
	env := newTestEnv(t, svc)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- env.srv.Serve(ctx, ln) }()

	base := "http://" + ln.Addr().String()
	inflight := make(chan int, 1)
	go func() {
		resp, err := http.Post(base+"/api/v1/logins", "application/json", stringsReader(`{"identifier":"x"}`))
		if err != nil {
			inflight <- -1
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		inflight <- resp.StatusCode
	}()
	<-started
	cancel()
	waitUntil(t, func() bool { return !env.srv.ready.Load() })
	waitUntil(t, func() bool { // the listener closes as Shutdown starts
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 50*time.Millisecond)
		if err == nil {
			_ = c.Close()
		}
		return err != nil
	})
	close(release)
	if got := <-inflight; got != http.StatusAccepted {
		t.Errorf("in-flight request got %d, want 202", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v", err)
	}
}

func TestListenAndServeBadAddr(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{Addr: "256.0.0.1:bad"}, Deps{Registrations: okService(), Store: newIdemStore()})
	if err := srv.ListenAndServe(context.Background()); err == nil {
		t.Fatal("ListenAndServe on a bad address succeeded")
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	t.Parallel()
	hs := NewServer(Config{}, Deps{Registrations: okService(), Store: newIdemStore()}).httpServer(nil)
	if hs.ReadHeaderTimeout == 0 || hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 || hs.MaxHeaderBytes != HeaderBytesMax {
		t.Errorf("server without limits: %+v", hs)
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
