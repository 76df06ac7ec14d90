package http

import (
	"context"
	"net/http"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
)

const registerBody = `{"full_name":"Siti Aminah","email":"` + testEmail + `","phone":"` + testPhone +
	`","nik":"` + testNIK + `","kk":"` + testKK + `","birth_date":"1990-06-05","sex":"F","domicile_district":"31.71.01"}`

// registerReturns makes Register fail with err.
func registerReturns(err error) func(*mock.RegistrationService) {
	return func(svc *mock.RegistrationService) {
		svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
			return nil, err
		}
	}
}

func TestAPICreateRegistration(t *testing.T) {
	t.Parallel()
	runScenarios(t, []scenario{
		{
			name: "OK", method: "POST", url: "/api/v1/registrations", body: registerBody,
			setup: func(svc *mock.RegistrationService) {
				svc.RegisterFn = func(_ context.Context, in prakerja.RegisterInput, c prakerja.Client) (*prakerja.Registration, error) {
					if in.NIK != testNIK || in.DomicileDistrict != testDistrict || c.Addr != "192.0.2.1" {
						t.Errorf("Register got %+v, %+v", in, c)
					}
					return testRegistration(prakerja.StatusRegistered), nil
				}
			},
			wantStatus: http.StatusCreated, wantType: "application/json",
			wantHeader: map[string]string{"Location": "https://prakerja.example/api/v1/registrations/42"},
			wantBody:   []string{`{"id":42,"status":"registered"}`},
			notBody:    []string{testNIK, testEmail},
		},
		{
			name: "ErrInvalid", method: "POST", url: "/api/v1/registrations", body: registerBody,
			setup: registerReturns(&prakerja.Error{Code: prakerja.CodeInvalid, Message: "2 fields are wrong.", Fields: []prakerja.FieldError{
				{Field: "nik", Code: prakerja.CodeNIKRegionUnknown, Message: "Digits 1-6 are no known region."},
				{Field: "email", Code: prakerja.CodeBadFormat, Message: "Not an e-mail address."},
			}}),
			wantStatus: http.StatusUnprocessableEntity, wantType: "application/problem+json",
			wantBody: []string{
				`"type":"https://prakerja.example/problems/invalid"`, `"code":"invalid"`, `"status":422`,
				`{"field":"nik","code":"nik_region_unknown","detail":"Digits 1-6 are no known region."}`,
				`{"field":"email","code":"bad_format","detail":"Not an e-mail address."}`,
			},
		},
		{
			name: "ErrNIKTaken", method: "POST", url: "/api/v1/registrations", body: registerBody,
			setup:      registerReturns(prakerja.Errorf(prakerja.CodeNIKTaken, "This NIK is already registered.")),
			wantStatus: http.StatusConflict, wantType: "application/problem+json",
			wantBody: []string{`"code":"nik_taken"`, `"errors":[{"field":"nik","code":"nik_taken"`},
		},
		{
			name: "ErrEmailTaken", method: "POST", url: "/api/v1/registrations", body: registerBody,
			setup:      registerReturns(prakerja.Errorf(prakerja.CodeEmailTaken, "E-mail already used.")),
			wantStatus: http.StatusConflict, wantBody: []string{`"code":"email_taken"`, `"field":"email"`},
		},
		{
			name: "ErrPhoneTaken", method: "POST", url: "/api/v1/registrations", body: registerBody,
			setup:      registerReturns(prakerja.Errorf(prakerja.CodePhoneTaken, "Phone already used.")),
			wantStatus: http.StatusConflict, wantBody: []string{`"code":"phone_taken"`, `"field":"phone"`},
		},
		{
			name: "ErrInternalIsGeneric", method: "POST", url: "/api/v1/registrations", body: registerBody,
			setup:      registerReturns(errSecretCause),
			wantStatus: http.StatusInternalServerError, wantType: "application/problem+json",
			wantBody: []string{`"code":"internal"`, `"detail":"Terjadi kesalahan di sistem kami. Coba lagi nanti."`},
			notBody:  []string{"connection refused"},
		},
		{
			name: "EnglishTitle", method: "POST", url: "/api/v1/registrations", body: registerBody,
			header:     map[string]string{"Accept-Language": "en-GB,en;q=0.9,id;q=0.5"},
			setup:      registerReturns(prakerja.Errorf(prakerja.CodeNIKTaken, "This NIK is already registered.")),
			wantStatus: http.StatusConflict, wantBody: []string{`"title":"This NIK is already registered. If you did not register it, file a complaint."`},
		},
	})
}

func TestAPIGetRegistration(t *testing.T) {
	t.Parallel()
	runScenarios(t, []scenario{
		{name: "OK", method: "GET", url: "/api/v1/registrations/42", session: true,
			wantStatus: http.StatusOK, wantBody: []string{`"id":42`, `"nik":"3171********0001"`}, notBody: []string{testNIK}},
		{name: "ErrNotFoundOtherID", method: "GET", url: "/api/v1/registrations/43", session: true,
			wantStatus: http.StatusNotFound, wantBody: []string{`"code":"not_found"`}},
		{name: "ErrNotFoundBadID", method: "GET", url: "/api/v1/registrations/abc", session: true,
			wantStatus: http.StatusNotFound},
		{name: "ErrUnauthorized", method: "GET", url: "/api/v1/registrations/42",
			wantStatus: http.StatusUnauthorized, wantBody: []string{`"code":"unauthorized"`}},
	})
}
