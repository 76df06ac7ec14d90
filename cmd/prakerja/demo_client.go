package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// apiClient talks to a running server over real HTTP, as a registrant's
// app would.
type apiClient struct {
	base string
	http *http.Client
}

// apiResponseMax bounds what the client reads of one answer.
const apiResponseMax = 1 << 20

func newAPIClient(base string, conns int) *apiClient {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: 30 * time.Second}
	return &apiClient{base: base, http: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// apiResult is one answer: status, problem code (for errors), the session
// cookie when one was set, and the decoded body.
type apiResult struct {
	Status  int
	Code    string
	Session string
	Body    map[string]any
}

// do sends a JSON request with an optional session cookie.
func (c *apiClient) do(ctx context.Context, method, path string, body any, session string) (apiResult, error) {
	return c.doWith(ctx, method, path, body, session, nil)
}

// doWith is do with extra request headers.
func (c *apiClient) doWith(ctx context.Context, method, path string, body any, session string, headers map[string]string) (apiResult, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return apiResult{}, fmt.Errorf("encode request: %w", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return apiResult{}, fmt.Errorf("build request: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "prakerja_session", Value: session})
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return apiResult{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	res := apiResult{Status: resp.StatusCode}
	for _, ck := range resp.Cookies() {
		if ck.Name == "prakerja_session" {
			res.Session = ck.Value
		}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, apiResponseMax))
	if err != nil {
		return res, fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &res.Body); err != nil {
			return res, fmt.Errorf("%s %s: answer is not JSON (status %d)", method, path, resp.StatusCode)
		}
	}
	if code, ok := res.Body["code"].(string); ok && resp.StatusCode >= 400 {
		res.Code = code
	}
	return res, nil
}

// id returns the numeric "id" of an answer, or 0.
func (r apiResult) id() int64 {
	if v, ok := r.Body["id"].(float64); ok {
		return int64(v)
	}
	return 0
}

// doFrom is do with the client address a proxy would report, so the server
// sees the registrant's own address (the demo runs behind no real proxy).
func (c *apiClient) doFrom(ctx context.Context, method, path string, body any, session, addr string) (apiResult, error) {
	return c.doWith(ctx, method, path, body, session, map[string]string{"X-Forwarded-For": addr})
}

// doInto sends a JSON request and decodes a 2xx answer into out, a struct
// naming only the fields the caller needs (large answers, such as a test's
// questions, then cost no map of every field). Errors give the status and
// problem code.
func (c *apiClient) doInto(ctx context.Context, method, path string, body any, session string, out any) (int, string, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, "", fmt.Errorf("encode request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(b))
	if err != nil {
		return 0, "", fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "prakerja_session", Value: session})
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, apiResponseMax))
	if err != nil {
		return resp.StatusCode, "", fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		var p struct {
			Code string `json:"code"`
		}
		_ = json.Unmarshal(data, &p)
		return resp.StatusCode, p.Code, nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return resp.StatusCode, "", fmt.Errorf("%s %s: answer is not JSON (status %d)", method, path, resp.StatusCode)
	}
	return resp.StatusCode, "", nil
}
