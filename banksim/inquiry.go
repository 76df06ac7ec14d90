package banksim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// Inquiry limits: a request and an answer are a few hundred bytes.
const (
	InquiryBodyMax     = 4 << 10
	InquiryAnswerMax   = 64 << 10
	InquiryTimeout     = 10 * time.Second
	inquiryFieldMaxLen = 64
)

var (
	_ prakerja.AccountInquirer = (*Directory)(nil)
	_ prakerja.AccountInquirer = (*Client)(nil)
)

// Inquire answers who holds an account, as a bank's inquiry does before
// a transfer. The NIK is compared by hash and never returned. A nil
// directory knows no accounts, so it accepts every inquiry as a
// KYC-complete holder whose NIK matches (Answer with no directory
// likewise accepts every payment). Returns CodeInvalid for an empty or
// over-long provider or account.
func (d *Directory) Inquire(ctx context.Context, q prakerja.AccountInquiry) (*prakerja.AccountHolder, error) {
	if err := checkInquiry(q); err != nil {
		return nil, err
	}
	if d == nil {
		return &prakerja.AccountHolder{Found: true, KYC: true, NIKMatches: true}, nil
	}
	a, ok := d.Lookup(q.Provider, q.Account)
	if !ok {
		return &prakerja.AccountHolder{}, nil
	}
	return &prakerja.AccountHolder{Found: true, Closed: a.Closed, KYC: a.KYC, NIKMatches: a.nikMatches(q.NIK),
		HolderName: a.HolderName}, nil
}

func checkInquiry(q prakerja.AccountInquiry) error {
	if q.Provider == "" || q.Account == "" || len(q.Provider) > inquiryFieldMaxLen ||
		len(q.Account) > inquiryFieldMaxLen || len(q.NIK) > inquiryFieldMaxLen {
		return prakerja.Errorf(prakerja.CodeInvalid, "An inquiry needs a provider and an account of at most %d characters.", inquiryFieldMaxLen)
	}
	return nil
}

// inquiryRequest and inquiryAnswer are the JSON of POST /inquiry.
type inquiryRequest struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	NIK      string `json:"nik"`
}

type inquiryAnswer struct {
	Found      bool   `json:"found"`
	Closed     bool   `json:"closed"`
	KYC        bool   `json:"kyc"`
	NIKMatches bool   `json:"nik_matches"`
	HolderName string `json:"holder_name"`
}

// Client asks a banksim server's POST /inquiry. HTTP nil uses a client
// with InquiryTimeout; every call is also bounded by InquiryTimeout.
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// Inquire implements prakerja.AccountInquirer over HTTP. Errors name the
// status and problem code only, never the account or the NIK. Returns
// CodeInvalid when the server refused the query, CodeUnavailable when it
// could not be asked or failed.
func (c *Client) Inquire(ctx context.Context, q prakerja.AccountInquiry) (*prakerja.AccountHolder, error) {
	body, err := json.Marshal(inquiryRequest{Provider: q.Provider, Account: q.Account, NIK: q.NIK})
	if err != nil {
		return nil, fmt.Errorf("inquiry: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, InquiryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.BaseURL, "/")+"/inquiry", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("inquiry: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: InquiryTimeout}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, prakerja.Errorf(prakerja.CodeUnavailable, "The partner's inquiry did not answer.")
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, InquiryAnswerMax))
	if err != nil {
		return nil, prakerja.Errorf(prakerja.CodeUnavailable, "The partner's inquiry answer was cut off.")
	}
	if resp.StatusCode != http.StatusOK {
		var p problem
		_ = json.Unmarshal(raw, &p) // best effort: the status decides
		if resp.StatusCode == http.StatusUnprocessableEntity || resp.StatusCode == http.StatusBadRequest {
			return nil, prakerja.Errorf(prakerja.CodeInvalid, "The partner refused the inquiry (%s).", p.Code)
		}
		return nil, prakerja.Errorf(prakerja.CodeUnavailable, "The partner's inquiry failed with HTTP %d.", resp.StatusCode)
	}
	var a inquiryAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, prakerja.Errorf(prakerja.CodeUnavailable, "The partner's inquiry answer is not JSON.")
	}
	return &prakerja.AccountHolder{Found: a.Found, Closed: a.Closed, KYC: a.KYC, NIKMatches: a.NIKMatches,
		HolderName: a.HolderName}, nil
}
