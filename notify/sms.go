package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// SMSGatewayConfig configures an HTTP SMS gateway.
type SMSGatewayConfig struct {
	URL     string        // POST endpoint, https in production
	Token   string        // bearer token
	Timeout time.Duration // per request; 0 means DefaultSendTimeout
	Client  *http.Client  // nil means a new client with no redirects
}

// DefaultSendTimeout bounds one delivery attempt when a sender sets none.
const DefaultSendTimeout = 15 * time.Second

// responseBodyMax bounds how much of a gateway's answer is read (and then
// discarded) so the connection can be reused.
const responseBodyMax = 4 << 10

// SMSGateway sends SMS by POSTing {"to": "+628…", "text": "…"} as JSON with a
// bearer token. Any status outside 2xx is a failure to retry.
type SMSGateway struct {
	cfg SMSGatewayConfig
}

// NewSMSGateway checks cfg and returns a gateway sender.
func NewSMSGateway(cfg SMSGatewayConfig) (*SMSGateway, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("sms gateway url must be an absolute http(s) url")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultSendTimeout
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{
			// A redirect would resend the bearer token and the code elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return &SMSGateway{cfg: cfg}, nil
}

// Send posts one SMS. The Idempotency-Key lets the gateway drop the repeat
// when a message is sent again after a lost acknowledgement.
func (g *SMSGateway) Send(ctx context.Context, m Rendered) error {
	body, err := json.Marshal(struct {
		To   string `json:"to"`
		Text string `json:"text"`
	}{m.To, m.Body})
	if err != nil {
		return fmt.Errorf("sms gateway: encode: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, g.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("sms gateway: new request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+g.cfg.Token)
	req.Header.Set("Idempotency-Key", "prakerja-message-"+strconv.FormatInt(m.MessageID, 10))
	resp, err := g.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("sms gateway: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, responseBodyMax)) // only to reuse the connection
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The body is not quoted: gateways echo the number back.
		return fmt.Errorf("sms gateway: status %d", resp.StatusCode)
	}
	return nil
}
