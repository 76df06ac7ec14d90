package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/sqldb"
)

// mnRegistrar walks registrants through the API behind the proxy: the
// registration (sent twice under one Idempotency-Key, as a client retries
// after a lost answer, the round robin taking the retry to another node),
// the e-mailed link, the SMS code. The test stands in for the inbox and
// the phone by reading the outbox from the shared database.
type mnRegistrar struct {
	client *apiClient
	store  *sqldb.Store
	keys   *pii.Keyring
	db     *sql.DB
	// signIns, limited, spent and taken count the lost answers the
	// registrants met: a replayed confirmation without its session, an
	// SMS retry refused by the resend limit, a code retry finding the code
	// spent, a registration retry finding its own NIK taken.
	signIns, limited, spent, taken atomic.Int64
}

// register takes person i to phone_verified and returns its registration.
func (r *mnRegistrar) register(ctx context.Context, i int, p population.Person) (int64, error) {
	in := prakerja.RegisterInput{FullName: p.FullName, Email: p.Email, Phone: p.Phone, NIK: p.NIK, KK: p.KK,
		BirthDate: p.BirthDate.Format(time.DateOnly), Sex: p.Sex, DomicileDistrict: p.DomicileDistrict}
	key := fmt.Sprintf("mn-reg-%d", i)
	first, err := r.post(ctx, i, "/api/v1/registrations", in, "", key)
	if err != nil {
		return 0, err
	}
	if first.Code == string(prakerja.CodeNIKTaken) {
		return r.takenOver(ctx, i, p)
	}
	again, err := r.post(ctx, i, "/api/v1/registrations", in, "", key)
	if err != nil {
		return 0, err
	}
	if first.Status != 201 || again.Status != 201 || first.id() == 0 || first.id() != again.id() {
		return 0, fmt.Errorf("registration %d: answered %d %s (id %d), the retry %d %s (id %d)",
			i, first.Status, first.Code, first.id(), again.Status, again.Code, again.id())
	}
	return first.id(), r.confirm(ctx, i, first.id(), p.Email)
}

// confirm takes registration id from registered to phone_verified.
func (r *mnRegistrar) confirm(ctx context.Context, i int, id int64, email string) error {
	session, err := r.confirmEmail(ctx, i, id, email)
	if err != nil {
		return err
	}
	return r.verifyPhone(ctx, i, id, session)
}

// takenOver is the registration whose first node died after storing it
// but before recording its answer: once the key's claim ran out, another
// node ran the request again and found the NIK taken — by this very
// request. The registrant's own NIK finds it (the test reads the blind
// index; a person would sign in), and it is confirmed as usual.
func (r *mnRegistrar) takenOver(ctx context.Context, i int, p population.Person) (int64, error) {
	r.taken.Add(1)
	var id int64
	if err := r.db.QueryRowContext(ctx, `SELECT id FROM registrations WHERE nik_idx = $1`, r.keys.Index(prakerja.IndexNIK, p.NIK)).Scan(&id); err != nil {
		return 0, fmt.Errorf("registration %d answered nik_taken and none holds its NIK: %w", i, err)
	}
	return id, r.confirm(ctx, i, id, p.Email)
}

// confirmEmail follows the e-mailed link and returns the session it
// opens. A confirmation whose answer was lost with a killed node comes
// back as a replay, which carries no session cookie (the raw token is
// never stored): the registrant then signs in with a one-time code.
func (r *mnRegistrar) confirmEmail(ctx context.Context, i int, id int64, email string) (string, error) {
	params, err := r.outbox(ctx, id, "email_confirm")
	if err != nil {
		return "", err
	}
	link, err := url.Parse(params["link"])
	if err != nil {
		return "", fmt.Errorf("confirmation link: %w", err)
	}
	res, err := r.post(ctx, i, "/api/v1/email-confirmations", map[string]string{"token": link.Query().Get("token")}, "", fmt.Sprintf("mn-email-%d", i))
	if err == nil && res.Code == string(prakerja.CodeOTPUsed) {
		// The dead node confirmed it and never recorded its answer.
		r.spent.Add(1)
		r.signIns.Add(1)
		return r.signIn(ctx, i, id, email)
	}
	if err != nil || res.Status != 200 {
		return "", fmt.Errorf("registration %d: e-mail confirmation answered %d %s: %v", id, res.Status, res.Code, err)
	}
	if res.Session != "" && i%mnSignInEvery != 0 {
		return res.Session, nil
	}
	if res.Session == "" {
		r.signIns.Add(1)
	}
	return r.signIn(ctx, i, id, email)
}

// mnSignInEvery: every so many registrants also sign in with a one-time
// code after confirming, so the sign-in path (taken for real only when a
// node dies at the wrong moment) runs in every test.
const mnSignInEvery = 40

// signIn opens a session with a sign-in code, a new attempt (and key)
// whenever a lost answer leaves it without one.
func (r *mnRegistrar) signIn(ctx context.Context, i int, id int64, email string) (string, error) {
	for round := range 5 {
		res, err := r.post(ctx, i, "/api/v1/logins", map[string]string{"identifier": email}, "", fmt.Sprintf("mn-login-%d-%d", i, round))
		if err != nil || res.Status != 202 {
			return "", fmt.Errorf("registration %d: sign-in answered %d %s: %v", id, res.Status, res.Code, err)
		}
		params, err := r.outbox(ctx, id, "login_otp")
		if err != nil {
			return "", err
		}
		loginID, _ := res.Body["login_id"].(string)
		res, err = r.post(ctx, i, "/api/v1/logins/confirm", map[string]string{"login_id": loginID, "code": params["code"]}, "", fmt.Sprintf("mn-loginc-%d-%d", i, round))
		if err == nil && res.Code == string(prakerja.CodeOTPUsed) {
			continue // spent by a node that died before answering: a new sign-in
		}
		if err != nil || res.Status != 200 {
			return "", fmt.Errorf("registration %d: sign-in code answered %d %s: %v", id, res.Status, res.Code, err)
		}
		if res.Session != "" {
			return res.Session, nil
		}
	}
	return "", fmt.Errorf("registration %d: no session after five sign-ins", id)
}

// verifyPhone asks for the SMS code and enters it. When the request's
// answer was lost with a killed node after the SMS went out, the retry
// may meet the resend limit: the registrant has the first SMS, and uses
// it.
func (r *mnRegistrar) verifyPhone(ctx context.Context, i int, id int64, session string) error {
	res, err := r.post(ctx, i, "/api/v1/phone-verifications", struct{}{}, session, fmt.Sprintf("mn-sms-%d", i))
	if err != nil || (res.Status != 202 && res.Code != string(prakerja.CodeRateLimited)) {
		return fmt.Errorf("registration %d: SMS code answered %d %s: %v", id, res.Status, res.Code, err)
	}
	if res.Status != 202 {
		r.limited.Add(1)
	}
	params, err := r.outbox(ctx, id, "phone_otp")
	if err != nil {
		return err
	}
	res, err = r.post(ctx, i, "/api/v1/phone-verifications/confirm", map[string]string{"code": params["code"]}, session, fmt.Sprintf("mn-otp-%d", i))
	if err == nil && res.Code == string(prakerja.CodeOTPUsed) {
		// The dead node took the code and never recorded its answer; the
		// retry ran again and found the code spent. The registrant looks.
		r.spent.Add(1)
		res, err = r.client.do(ctx, "GET", "/api/v1/me", nil, session)
		if st, _ := res.Body["status"].(string); err == nil && res.Status == 200 && st != "" &&
			st != string(prakerja.StatusRegistered) && st != string(prakerja.StatusEmailVerified) {
			return nil
		}
	}
	if err != nil || res.Status != 200 {
		return fmt.Errorf("registration %d: phone confirmation answered %d %s: %v", id, res.Status, res.Code, err)
	}
	return nil
}

// post sends one request through the proxy under an Idempotency-Key and
// retries it, with the same key, while the answer says a node died under
// it: no node reachable, or the key still held by the dead node's claim
// (until its pending TTL lets another node take it over).
func (r *mnRegistrar) post(ctx context.Context, i int, path string, body any, session, key string) (apiResult, error) {
	headers := map[string]string{"Idempotency-Key": key, "X-Forwarded-For": clientAddr(i)}
	deadline := time.Now().Add(mnWaitMax)
	for {
		res, err := r.client.doWith(ctx, "POST", path, body, session, headers)
		retry := err != nil || res.Status == 502 || res.Status == 503 || res.Code == string(prakerja.CodeIdempotencyPending)
		if !retry || time.Now().After(deadline) {
			return res, err
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// outbox decrypts the newest message of a template for a registration.
func (r *mnRegistrar) outbox(ctx context.Context, id int64, template string) (map[string]string, error) {
	msgs, err := r.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: id, Template: template, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("no %s message for registration %d", template, id)
	}
	return notify.DecodeParams(r.keys, msgs[0])
}
