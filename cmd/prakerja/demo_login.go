package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// signIns has a few verified registrants sign in again with a one-time code
// to their phone, look at their own data and sign out on the server.
func (d *demo) signIns(ctx context.Context) error {
	var idx []int
	for i, ok := range d.phoneVerified {
		if ok && chosen(i+13, demoLoginPct) {
			idx = append(idx, i)
		}
	}
	p := startProgress(d.env.Stderr, "signing in by OTP", len(idx))
	err := d.parallel(ctx, len(idx), p, func(ctx context.Context, k int) error {
		return d.signIn(ctx, idx[k])
	})
	p.Finish()
	d.res.SignIns = len(idx)
	return err
}

func (d *demo) signIn(ctx context.Context, i int) error {
	id := d.confirmedIDs[i]
	me, err := d.client.do(ctx, "GET", "/api/v1/me", nil, d.res.sessions[i])
	if err != nil || me.Status != 200 {
		return errors.Join(err, fmt.Errorf("GET /api/v1/me answered %d %s", me.Status, me.Code))
	}
	phone, err := d.registeredPhone(ctx, id)
	if err != nil {
		return err
	}
	r, err := d.client.doFrom(ctx, "POST", "/api/v1/logins", map[string]string{"identifier": phone}, "", clientAddr(i))
	if err != nil || r.Status != 202 {
		return errors.Join(err, fmt.Errorf("starting a sign-in answered %d %s", r.Status, r.Code))
	}
	d.sent.Add(1)
	loginID, _ := r.Body["login_id"].(string)
	params, err := d.outboxParams(ctx, id, "login_otp")
	if err != nil {
		return err
	}
	r, err = d.client.do(ctx, "POST", "/api/v1/logins/confirm", map[string]string{"login_id": loginID, "code": params["code"]}, "")
	if err != nil || r.Status != 200 || r.Session == "" {
		return errors.Join(err, fmt.Errorf("finishing a sign-in answered %d %s", r.Status, r.Code))
	}
	out, err := d.client.do(ctx, "DELETE", "/api/v1/session", nil, r.Session)
	if err != nil || out.Status != 204 {
		return errors.Join(err, fmt.Errorf("signing out answered %d %s", out.Status, out.Code))
	}
	after, err := d.client.do(ctx, "GET", "/api/v1/me", nil, r.Session)
	if err != nil || after.Code != string(prakerja.CodeUnauthorized) {
		return errors.Join(err, fmt.Errorf("a signed-out session still answered %d", after.Status))
	}
	return nil
}

// registeredPhone reads the registrant's phone number as the registrant
// knows it (the demo stands in for the person; the API only shows it masked).
func (d *demo) registeredPhone(ctx context.Context, id int64) (string, error) {
	reg, err := d.app.regs.Registration(ctx, id)
	if err != nil {
		return "", err
	}
	return reg.Phone, nil
}
