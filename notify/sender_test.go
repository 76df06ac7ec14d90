package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

func sms(code string) notify.Rendered {
	return notify.Rendered{
		MessageID: 42, Channel: prakerja.ChannelSMS, Template: notify.TemplatePhoneOTP, Locale: "id",
		To: "+6281234567890", Body: "Kode verifikasi Prakerja: " + code + ".", Secret: code,
	}
}

func TestLogSender(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	m := sms("424242")
	s := notify.NewLogSender(&buf)
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Fatal("wrote before Flush: the dispatcher flushes once per group")
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, leak := range []string{"424242", "+6281234567890", "81234567890"} {
		if strings.Contains(out, leak) {
			t.Fatalf("log line %q contains %q", out, leak)
		}
	}
	var line struct {
		Message struct {
			ID       int64  `json:"message_id"`
			Channel  string `json:"channel"`
			Template string `json:"template"`
			Body     string `json:"body"`
		} `json:"message"`
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if line.Message.ID != 42 || line.Message.Channel != "sms" || line.Message.Template != "phone_otp" ||
		!strings.Contains(line.Message.Body, "Kode verifikasi Prakerja: [redacted]") {
		t.Fatalf("log line %s", out)
	}
}

func TestSMSGateway(t *testing.T) {
	t.Parallel()
	type request struct {
		auth, idem, ctype string
		body              map[string]string
	}
	tests := []struct {
		name    string
		status  int
		delay   time.Duration
		wantErr bool
	}{
		{"OK", http.StatusOK, 0, false},
		{"OKAccepted", http.StatusAccepted, 0, false},
		{"ErrServer", http.StatusInternalServerError, 0, true},
		{"ErrRedirect", http.StatusFound, 0, true},
		{"ErrTimeout", http.StatusOK, 2 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := make(chan request, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var req request
				req.auth, req.idem, req.ctype = r.Header.Get("Authorization"), r.Header.Get("Idempotency-Key"), r.Header.Get("Content-Type")
				b, _ := io.ReadAll(r.Body)
				_ = json.Unmarshal(b, &req.body)
				got <- req
				select {
				case <-time.After(tt.delay):
				case <-r.Context().Done():
				}
				if tt.status == http.StatusFound {
					w.Header().Set("Location", "https://elsewhere.example/")
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(`{"echo":"+6281234567890"}`))
			}))
			defer srv.Close()
			g, err := notify.NewSMSGateway(notify.SMSGatewayConfig{URL: srv.URL + "/send", Token: "s3cret", Timeout: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			err = g.Send(context.Background(), sms("424242"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "81234567890") {
				t.Fatalf("error %q quotes the number", err)
			}
			req := <-got
			if req.auth != "Bearer s3cret" || req.idem != "prakerja-message-42" || req.ctype != "application/json" {
				t.Fatalf("headers %+v", req)
			}
			if req.body["to"] != "+6281234567890" || !strings.Contains(req.body["text"], "424242") {
				t.Fatalf("body %v", req.body)
			}
		})
	}
}

func TestNewSMSGatewayRejects(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "ftp://x/", "/relative", "http://"} {
		if _, err := notify.NewSMSGateway(notify.SMSGatewayConfig{URL: u}); err == nil {
			t.Errorf("accepted %q", u)
		}
	}
}
