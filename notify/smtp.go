package notify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// SMTPConfig configures an SMTP relay.
type SMTPConfig struct {
	Addr string // host:port of the relay, e.g. "smtp.example.id:587"
	From string // sender, e.g. "Prakerja <no-reply@prakerja.example.id>"
	// Username and Password enable AUTH PLAIN, which net/smtp only allows
	// over TLS (or to localhost), so a password never crosses in clear.
	Username string
	Password string
	// RequireTLS refuses to send when the relay does not offer STARTTLS.
	// Leave it on except for a relay on the same host.
	RequireTLS bool
	TLSConfig  *tls.Config   // nil: system roots, ServerName from Addr, TLS 1.2+
	Timeout    time.Duration // whole conversation; 0 means DefaultSendTimeout
	HelloName  string        // EHLO name; "" means "localhost"
}

// SMTPSender delivers e-mail through one relay, one connection per message:
// the outbox volume per node is small and a fresh connection keeps failure
// handling simple.
type SMTPSender struct {
	cfg  SMTPConfig
	host string
	from *mail.Address
}

// NewSMTPSender checks cfg and returns a sender.
func NewSMTPSender(cfg SMTPConfig) (*SMTPSender, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("smtp addr: %w", err)
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("smtp from: %w", err)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultSendTimeout
	}
	if cfg.HelloName == "" {
		cfg.HelloName = "localhost"
	}
	return &SMTPSender{cfg: cfg, host: host, from: from}, nil
}

// Send delivers one e-mail.
func (s *SMTPSender) Send(ctx context.Context, m Rendered) error {
	if strings.ContainsAny(m.To, "\r\n") || strings.ContainsAny(m.Subject, "\r\n") {
		return fmt.Errorf("smtp: line break in recipient or subject")
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	deadline, _ := ctx.Deadline()
	if err := conn.SetDeadline(deadline); err != nil {
		_ = conn.Close()
		return fmt.Errorf("smtp deadline: %w", err)
	}
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		_ = conn.Close()
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := s.handshake(c); err != nil {
		return err
	}
	if err := s.transmit(c, m); err != nil {
		return err
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("smtp quit: %w", err)
	}
	return nil
}

// handshake greets, upgrades to TLS when offered and authenticates.
func (s *SMTPSender) handshake(c *smtp.Client) error {
	if err := c.Hello(s.cfg.HelloName); err != nil {
		return fmt.Errorf("smtp ehlo: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		tc := &tls.Config{MinVersion: tls.VersionTLS12}
		if s.cfg.TLSConfig != nil {
			tc = s.cfg.TLSConfig.Clone()
		}
		if tc.ServerName == "" {
			tc.ServerName = s.host
		}
		if err := c.StartTLS(tc); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	} else if s.cfg.RequireTLS {
		return fmt.Errorf("smtp: relay does not offer STARTTLS and RequireTLS is set")
	}
	if s.cfg.Username == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.host)); err != nil {
		return fmt.Errorf("smtp auth: %w", err)
	}
	return nil
}

// transmit sends the envelope and the message.
func (s *SMTPSender) transmit(c *smtp.Client, m Rendered) error {
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("smtp mail from: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return fmt.Errorf("smtp rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if _, err := w.Write(s.format(m, time.Now())); err != nil {
		_ = w.Close()
		return fmt.Errorf("smtp write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp end of data: %w", err)
	}
	return nil
}

// format builds an RFC 5322 message: UTF-8 plain text, the subject
// Q-encoded, the body base64 so no line is too long and no dot needs care.
func (s *SMTPSender) format(m Rendered, now time.Time) []byte {
	var b strings.Builder
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", s.from.String())
	header("To", (&mail.Address{Address: m.To}).String())
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", s.messageID())
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "base64")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no auto-replies
	b.WriteString("\r\n")
	b.WriteString(encodeBase64Lines([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n"))))
	return []byte(b.String())
}

func (s *SMTPSender) messageID() string {
	var r [16]byte
	_, _ = rand.Read(r[:]) // never fails (crypto/rand since Go 1.24)
	domain := s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	return "<" + hex.EncodeToString(r[:]) + "@" + domain + ">"
}
