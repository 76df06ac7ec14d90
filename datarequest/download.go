package datarequest

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// Export is everything stored about one registrant, decrypted, as the
// download gives it (UU PDP Ps. 32: access and a copy, with the history of
// processing). Other people's data is left out on purpose (Ps. 33): no
// family-card members, no duplicate matches, no partner's reported holder
// names; payout account numbers are masked as everywhere else.
type Export struct {
	GeneratedAt    time.Time                 `json:"generated_at"`
	Registration   ExportRegistration        `json:"registration"`
	Verification   []ExportStep              `json:"verification_steps"`
	WaveJoins      []ExportJoin              `json:"waves_joined"`
	TestResult     *prakerja.TestResult      `json:"test_result,omitempty"`
	TestAttempts   []ExportTestAttempt       `json:"test_attempts"`
	Card           *prakerja.Participant     `json:"card,omitempty"`
	Purchases      []ExportPurchase          `json:"purchases"`
	PayoutAccounts []ExportPayoutAccount     `json:"payout_accounts"`
	Payments       []ExportPayment           `json:"payments"`
	Surveys        []prakerja.SurveyResponse `json:"surveys"`
	DataRequests   []*prakerja.DataRequest   `json:"data_requests"`
}

// ExportRegistration is the registration, decrypted, with the consent.
type ExportRegistration struct {
	ID                 int64     `json:"id"`
	FullName           string    `json:"full_name"`
	Email              string    `json:"email"`
	Phone              string    `json:"phone"`
	NIK                string    `json:"nik"`
	KK                 string    `json:"kk,omitempty"`
	BirthDate          string    `json:"birth_date"`
	Sex                string    `json:"sex"`
	DomicileDistrict   string    `json:"domicile_district"`
	Status             string    `json:"status"`
	Reasons            []string  `json:"reason_codes"`
	EmailVerifiedAt    time.Time `json:"email_verified_at,omitzero"`
	PhoneVerifiedAt    time.Time `json:"phone_verified_at,omitzero"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
	WorkImpact         string    `json:"work_impact"`
	TargetingConsentAt time.Time `json:"targeting_consent_at,omitzero"`
	ConsentNotice      string    `json:"targeting_consent_notice,omitempty"`
	WithdrawnAt        time.Time `json:"withdrawn_at,omitzero"`
}

// ExportStep is one verification decision (without its internal detail,
// which may name another registration).
type ExportStep struct {
	Step    string    `json:"step"`
	Round   int       `json:"round"`
	Status  string    `json:"status"`
	Reasons []string  `json:"reason_codes"`
	At      time.Time `json:"at"`
}

// ExportJoin is one wave joined.
type ExportJoin struct {
	WaveID   int64     `json:"wave_id"`
	JoinedAt time.Time `json:"joined_at"`
	Region   string    `json:"region"`
}

// ExportTestAttempt is one online-test attempt.
type ExportTestAttempt struct {
	No         int       `json:"no"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	Score      int       `json:"score"`
	Passed     bool      `json:"passed"`
}

// ExportPurchase is one training purchase.
type ExportPurchase struct {
	ID          int64     `json:"id"`
	Course      string    `json:"course"`
	Platform    string    `json:"platform"`
	Amount      int64     `json:"amount"`
	State       string    `json:"state"`
	Certificate string    `json:"certificate,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	CompletedAt time.Time `json:"completed_at,omitzero"`
}

// ExportPayoutAccount is a payout account, number masked.
type ExportPayoutAccount struct {
	Provider   string    `json:"provider"`
	Last4      string    `json:"number_last4"`
	State      string    `json:"state"`
	Reason     string    `json:"reason,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	VerifiedAt time.Time `json:"verified_at,omitzero"`
	UnlinkedAt time.Time `json:"unlinked_at,omitzero"`
}

// ExportPayment is one incentive payment attempt.
type ExportPayment struct {
	Kind       string    `json:"kind"`
	Slot       int       `json:"slot"`
	Attempt    int       `json:"attempt"`
	Amount     int64     `json:"amount"`
	Provider   string    `json:"provider"`
	State      string    `json:"state"`
	Reason     string    `json:"reason,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
}

// Download gathers a registrant's data and records the download as an
// access request answered at once (audited in the same transaction), so
// the registrant's request list and the audit chain both show it.
func (s *Service) Download(ctx context.Context, regID int64) (*Export, error) {
	rec, err := s.store.Registration(ctx, regID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if err := s.checkDownloads(ctx, regID, now); err != nil {
		return nil, err
	}
	x := &Export{GeneratedAt: now}
	if x.Registration, err = s.openRegistration(rec); err != nil {
		return nil, err
	}
	if err := s.gather(ctx, regID, x); err != nil {
		return nil, fmt.Errorf("download data of registration %d: %w", regID, err)
	}
	access := &prakerja.DataRequestRecord{RegistrationID: regID, Kind: prakerja.DataAccess,
		State: prakerja.DataRequestAnswered, CreatedAt: now, DueAt: now.Add(prakerja.DataRequestDeadline),
		AnsweredAt: now, AnsweredBy: "system"}
	if err := s.store.CreateDataRequest(ctx, access, registrantActor(regID)); err != nil {
		return nil, err
	}
	if x.DataRequests, err = s.Mine(ctx, regID); err != nil {
		return nil, err
	}
	return x, nil
}

// openRegistration decrypts the registration's personal data.
func (s *Service) openRegistration(rec *prakerja.RegistrationRecord) (ExportRegistration, error) {
	r := ExportRegistration{ID: rec.ID, FullName: rec.FullName, BirthDate: rec.BirthDate, Sex: rec.Sex,
		DomicileDistrict: rec.DomicileDistrict, Status: string(rec.Status), Reasons: rec.Reasons,
		EmailVerifiedAt: rec.EmailVerifiedAt, PhoneVerifiedAt: rec.PhoneVerifiedAt, CreatedAt: rec.CreatedAt,
		UpdatedAt: rec.UpdatedAt, WorkImpact: string(rec.WorkImpact), TargetingConsentAt: rec.TargetingConsentAt,
		ConsentNotice: rec.ConsentNotice, WithdrawnAt: rec.WithdrawnAt}
	for _, f := range []struct {
		field prakerja.IndexField
		ct    []byte
		dst   *string
	}{{prakerja.IndexEmail, rec.Email.Ciphertext, &r.Email}, {prakerja.IndexPhone, rec.Phone.Ciphertext, &r.Phone},
		{prakerja.IndexNIK, rec.NIK.Ciphertext, &r.NIK}, {prakerja.IndexKK, rec.KK.Ciphertext, &r.KK}} {
		if len(f.ct) == 0 {
			continue
		}
		v, err := s.keys.Open(f.field, f.ct)
		if err != nil {
			return r, fmt.Errorf("registration %d: %w", rec.ID, err)
		}
		*f.dst = v
	}
	return r, nil
}

// gather reads the programme's records of regID; a stage the registrant
// never reached is simply empty.
func (s *Service) gather(ctx context.Context, regID int64, x *Export) error {
	steps, err := s.store.StepRecords(ctx, regID)
	if err != nil {
		return err
	}
	for _, st := range steps {
		x.Verification = append(x.Verification, ExportStep{Step: string(st.Step), Round: st.Round,
			Status: string(st.Status), Reasons: st.Reasons, At: st.At})
	}
	joins, err := s.store.WaveJoinsOf(ctx, regID)
	if err != nil {
		return err
	}
	for _, j := range joins {
		x.WaveJoins = append(x.WaveJoins, ExportJoin{WaveID: j.WaveID, JoinedAt: j.JoinedAt, Region: j.Region})
	}
	if x.TestResult, err = notFoundIsNil(s.store.TestResult(ctx, regID)); err != nil {
		return err
	}
	attempts, err := s.store.TestAttempts(ctx, regID)
	if err != nil {
		return err
	}
	for _, a := range attempts {
		x.TestAttempts = append(x.TestAttempts, ExportTestAttempt{No: a.No, StartedAt: a.StartedAt,
			FinishedAt: a.FinishedAt, Score: a.Score, Passed: a.Passed})
	}
	if x.Card, err = notFoundIsNil(s.store.Participant(ctx, regID)); err != nil {
		return err
	}
	if x.Surveys, err = s.store.SurveyResponses(ctx, regID); err != nil {
		return err
	}
	return s.gatherMoney(ctx, regID, x)
}

// gatherMoney reads purchases, payout accounts and payments.
func (s *Service) gatherMoney(ctx context.Context, regID int64, x *Export) error {
	purchases, err := s.store.Purchases(ctx, prakerja.PurchaseFilter{RegistrationID: regID})
	if err != nil {
		return err
	}
	for _, p := range purchases {
		x.Purchases = append(x.Purchases, ExportPurchase{ID: p.ID, Course: p.CourseTitle, Platform: p.PlatformName,
			Amount: p.Amount, State: string(p.State), Certificate: p.Certificate, CreatedAt: p.CreatedAt,
			CompletedAt: p.CompletedAt})
	}
	accounts, err := s.store.PayoutAccounts(ctx, regID)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		x.PayoutAccounts = append(x.PayoutAccounts, ExportPayoutAccount{Provider: a.Provider, Last4: a.NumberMasked,
			State: string(a.State), Reason: string(a.Reason), CreatedAt: a.CreatedAt, VerifiedAt: a.VerifiedAt,
			UnlinkedAt: a.UnlinkedAt})
	}
	payments, err := s.store.Payments(ctx, prakerja.PaymentFilter{RegistrationID: regID})
	if err != nil {
		return err
	}
	for _, p := range payments {
		x.Payments = append(x.Payments, ExportPayment{Kind: p.Kind.String(), Slot: p.Slot, Attempt: p.Attempt,
			Amount: p.Amount, Provider: p.Provider, State: string(p.State), Reason: p.Reason,
			CreatedAt: p.CreatedAt, ResolvedAt: p.ResolvedAt})
	}
	return nil
}

// notFoundIsNil turns a not-found answer into nil: a stage not reached.
func notFoundIsNil[T any](v *T, err error) (*T, error) {
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return nil, nil
	}
	return v, err
}

// checkDownloads refuses a download past DataDownloadsPerDay in the last
// 24 hours, saying when the oldest of them leaves the window.
func (s *Service) checkDownloads(ctx context.Context, regID int64, now time.Time) error {
	recs, err := s.store.DataRequestsOf(ctx, regID)
	if err != nil {
		return err
	}
	since := now.Add(-24 * time.Hour)
	var n int
	var oldest time.Time
	for _, r := range recs { // newest first
		if r.Kind == prakerja.DataAccess && r.CreatedAt.After(since) {
			n, oldest = n+1, r.CreatedAt
		}
	}
	if n < prakerja.DataDownloadsPerDay {
		return nil
	}
	return &prakerja.Error{Code: prakerja.CodeRateLimited, Retry: oldest.Add(24 * time.Hour).Sub(now),
		Message: fmt.Sprintf("At most %d downloads in 24 hours.", prakerja.DataDownloadsPerDay)}
}
