package notify_test

import (
	"context"
	"encoding/base64"
	"io"
	"mime"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// smtpServer is a minimal SMTP relay on 127.0.0.1 for one conversation. It
// offers AUTH PLAIN and no STARTTLS, and rejects recipients in reject.
type smtpServer struct {
	addr   string
	reject string
	done   chan smtpSession
}

// smtpSession is what the server saw.
type smtpSession struct {
	auth, from, rcpt, data string
}

func newSMTPServer(t *testing.T, reject string) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s := &smtpServer{addr: ln.Addr().String(), reject: reject, done: make(chan smtpSession, 1)}
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		s.done <- s.serve(textproto.NewConn(conn))
	}()
	return s
}

func (s *smtpServer) serve(c *textproto.Conn) smtpSession {
	var got smtpSession
	reply := func(format string, args ...any) { _ = c.PrintfLine(format, args...) }
	reply("220 localhost ESMTP test")
	for {
		line, err := c.ReadLine()
		if err != nil {
			return got
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			reply("250-localhost")
			reply("250 AUTH PLAIN")
		case "AUTH":
			got.auth = arg
			reply("235 2.7.0 ok")
		case "MAIL":
			got.from = arg
			reply("250 ok")
		case "RCPT":
			got.rcpt = arg
			if s.reject != "" && strings.Contains(arg, s.reject) {
				reply("550 5.1.1 <%s>: recipient unknown", s.reject)
				continue
			}
			reply("250 ok")
		case "DATA":
			reply("354 go ahead")
			b, err := c.ReadDotBytes()
			if err != nil {
				return got
			}
			got.data = string(b)
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return got
		default:
			reply("502 unknown")
		}
	}
}

func email(to string) notify.Rendered {
	return notify.Rendered{
		MessageID: 7, Channel: prakerja.ChannelEmail, Template: notify.TemplateLoginOTP, Locale: "id",
		To: to, Subject: "Kode masuk akun Prakerja Anda", Body: "Halo,\n\nKode: 424242\n", Secret: "424242",
	}
}

func TestSMTPSender(t *testing.T) {
	t.Parallel()
	srv := newSMTPServer(t, "")
	s, err := notify.NewSMTPSender(notify.SMTPConfig{
		Addr: srv.addr, From: "Prakerja <no-reply@prakerja.test>", Username: "relay", Password: "pw", Timeout: 3 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), email("siti@example.id")); err != nil {
		t.Fatal(err)
	}
	got := <-srv.done
	if got.from != "FROM:<no-reply@prakerja.test>" || got.rcpt != "TO:<siti@example.id>" {
		t.Fatalf("envelope %q %q", got.from, got.rcpt)
	}
	if a, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(got.auth, "PLAIN ")); string(a) != "\x00relay\x00pw" {
		t.Fatalf("auth %q", a)
	}
	msg, err := mail.ReadMessage(strings.NewReader(got.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Kode masuk akun Prakerja Anda" || msg.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Fatalf("headers %v", msg.Header)
	}
	enc, err := io.ReadAll(msg.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(enc)), ""))
	if string(body) != "Halo,\r\n\r\nKode: 424242\r\n" {
		t.Fatalf("body %q", body)
	}
}

func TestSMTPSenderRejects(t *testing.T) {
	t.Parallel()
	t.Run("ErrRecipientRejected", func(t *testing.T) {
		t.Parallel()
		srv := newSMTPServer(t, "ghost@example.id")
		s, _ := notify.NewSMTPSender(notify.SMTPConfig{Addr: srv.addr, From: "no-reply@prakerja.test"})
		if err := s.Send(context.Background(), email("ghost@example.id")); err == nil || !strings.Contains(err.Error(), "550") {
			t.Fatalf("err = %v, want the 550", err)
		}
	})
	t.Run("ErrRequireTLS", func(t *testing.T) {
		t.Parallel()
		srv := newSMTPServer(t, "")
		s, _ := notify.NewSMTPSender(notify.SMTPConfig{Addr: srv.addr, From: "no-reply@prakerja.test", RequireTLS: true})
		if err := s.Send(context.Background(), email("siti@example.id")); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
			t.Fatalf("err = %v, want a STARTTLS refusal", err)
		}
	})
	t.Run("ErrHeaderInjection", func(t *testing.T) {
		t.Parallel()
		s, _ := notify.NewSMTPSender(notify.SMTPConfig{Addr: "127.0.0.1:1", From: "no-reply@prakerja.test"})
		if err := s.Send(context.Background(), email("siti@example.id\r\nBcc: all@example.id")); err == nil {
			t.Fatal("sent a recipient with a line break")
		}
	})
	t.Run("ErrConfig", func(t *testing.T) {
		t.Parallel()
		for _, c := range []notify.SMTPConfig{{Addr: "nohost", From: "a@b.id"}, {Addr: "h:25", From: "not an address"}} {
			if _, err := notify.NewSMTPSender(c); err == nil {
				t.Errorf("accepted %+v", c)
			}
		}
	})
}
