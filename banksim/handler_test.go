package banksim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
)

// lockedBuffer collects the handler's log across goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestHandler posts a pain.001 and a CSV, fetches the camt.054, asks
// inquiries through banksim.Client, and checks problems and the log.
func TestHandler(t *testing.T) {
	t.Parallel()
	const nik = "3171234567890001"
	dir := banksim.NewDirectory()
	for _, a := range []banksim.DirectoryAccount{
		{Provider: "BNI", Account: "ACC0", HolderName: "Budi Santoso 0", NIKSHA256: banksim.DirectoryNIKHash(nik)},
		{Provider: "OVO", Account: "+628121", HolderName: "Budi Santoso 1", KYC: true},
	} {
		if err := dir.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	var logBuf lockedBuffer
	cfg := banksim.Config{Directory: dir, Now: func() time.Time { return now },
		Logger: slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	srv := httptest.NewServer(banksim.Handler(cfg, banksim.NewOutbox(10)))
	defer srv.Close()
	in := payments(3)

	var doc bytes.Buffer
	if err := iso20022.WritePain001(&doc, in); err != nil {
		t.Fatal(err)
	}
	resp := post(t, srv.URL+"/pain001", "application/xml", doc.Bytes())
	rep, err := iso20022.ReadPain002(resp.Body)
	if err != nil || rep.OrgnlMsgID != in.MsgID || len(rep.Items) != 3 || rep.Items[2].Reason != "AC01" {
		t.Fatalf("pain.002 %+v, %v", rep, err)
	}
	camt, err := http.Get(srv.URL + resp.Header.Get("Camt054-Location"))
	if err != nil {
		t.Fatal(err)
	}
	ntf, err := iso20022.ReadCamt054(camt.Body)
	camt.Body.Close()
	if err != nil || len(ntf.Entries) != 2 {
		t.Fatalf("camt.054 %+v, %v", ntf, err)
	}

	wallets := &iso20022.Initiation{Payments: []iso20022.Payment{in.Payments[1]}}
	doc.Reset()
	if err := iso20022.WriteEwalletCSV(&doc, wallets); err != nil {
		t.Fatal(err)
	}
	for _, ctype := range []string{"text/csv; charset=utf-8", "application/octet-stream"} {
		resp = post(t, srv.URL+"/pain001", ctype, doc.Bytes())
		if rep, err := iso20022.ReadPain002(resp.Body); err != nil || rep.GroupStatus != "ACSC" || rep.OrgnlMsgNmID != banksim.MsgNameEwalletCSV {
			t.Fatalf("CSV answer as %s: %+v, %v", ctype, rep, err)
		}
	}

	for _, tc := range []struct{ name, path, ctype, body, code string }{
		{"ErrNotPain001", "/pain001", "application/xml", "<Document/>", "invalid"},
		{"ErrInquiryJSON", "/inquiry", "application/json", "{", "malformed_request"},
		{"ErrInquiryMedia", "/inquiry", "text/plain", "{}", "unsupported_media"},
		{"ErrInquiryEmpty", "/inquiry", "application/json", "{}", "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+tc.path, tc.ctype, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var p struct {
				Type, Title, Detail, Code string
				Status                    int
			}
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Code != tc.code ||
				resp.Header.Get("Content-Type") != "application/problem+json" || p.Status != resp.StatusCode || p.Type == "" {
				t.Fatalf("got %d %+v, %v; want problem %s", resp.StatusCode, p, err, tc.code)
			}
		})
	}
	if r, _ := http.Get(srv.URL + "/camt054/NOPE"); r.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown camt.054: %d", r.StatusCode)
	}

	c := &banksim.Client{BaseURL: srv.URL}
	ctx := context.Background()
	h, err := c.Inquire(ctx, prakerja.AccountInquiry{Provider: "BNI", Account: "ACC0", NIK: nik})
	if err != nil || *h != (prakerja.AccountHolder{Found: true, NIKMatches: true, HolderName: "Budi Santoso 0"}) {
		t.Fatalf("inquiry: %+v, %v", h, err)
	}
	if _, err := c.Inquire(ctx, prakerja.AccountInquiry{Provider: "BNI"}); prakerja.ErrorCode(err) != prakerja.CodeInvalid {
		t.Fatalf("empty inquiry: %v", err)
	}
	down := &banksim.Client{BaseURL: "http://127.0.0.1:1"}
	if _, err := down.Inquire(ctx, prakerja.AccountInquiry{Provider: "BNI", Account: "ACC0"}); prakerja.ErrorCode(err) != prakerja.CodeUnavailable {
		t.Fatalf("server down: %v", err)
	}

	log := logBuf.String()
	for _, secret := range []string{nik, "ACC0", "+628121", "Budi"} {
		if strings.Contains(log, secret) {
			t.Fatalf("the log holds personal data: %s", log)
		}
	}
	if !strings.Contains(log, `"msg":"pain001"`) {
		t.Fatalf("no log line per file: %s", log)
	}
}

func post(t *testing.T, url, ctype string, body []byte) *http.Response {
	t.Helper()
	resp, err := http.Post(url, ctype, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s: %d %s", url, resp.StatusCode, b)
	}
	return resp
}
