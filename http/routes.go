package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// route is one mux entry. The table is the only place routes are
// registered, so tests can hold it against openapi.json.
type route struct {
	pattern string
	handler http.Handler
	page    bool // an HTML page, not part of the OpenAPI document
	// perm is what an operator route needs; public routes leave it empty.
	perm prakerja.Permission
	// public marks the few operator routes open without a session (the
	// sign-in steps); every other operator route must name a perm.
	public bool
}

// routes lists every endpoint. API handlers are composed from small
// wrappers: authenticated (session), post (body limits, media type,
// Idempotency-Key) and api (errors as problem documents).
func (s *Server) routes() []route {
	api := func(pattern string, h apiFunc) route { return route{pattern: pattern, handler: s.api(h)} }
	page := func(pattern string, h http.HandlerFunc) route {
		return route{pattern: pattern, handler: s.pageHandler(h), page: true}
	}
	return []route{
		api("POST /api/v1/registrations", s.post(s.apiCreateRegistration)),
		api("GET /api/v1/registrations/{id}", s.authenticated(s.apiGetRegistration)),
		api("POST /api/v1/email-confirmations", s.post(s.apiConfirmEmail)),
		api("POST /api/v1/phone-verifications", s.authenticated(s.post(s.apiSendPhoneOTP))),
		api("POST /api/v1/phone-verifications/confirm", s.authenticated(s.post(s.apiVerifyPhone))),
		api("POST /api/v1/logins", s.post(s.apiStartLogin)),
		api("POST /api/v1/logins/confirm", s.post(s.apiFinishLogin)),
		api("DELETE /api/v1/session", s.apiLogout),
		api("GET /api/v1/me", s.authenticated(s.apiMe)),
		api("GET /api/v1/me/card", s.authenticated(s.apiMyCard)),
		api("GET /api/v1/me/surveys", s.authenticated(s.apiMySurveys)),
		api("POST /api/v1/me/surveys/{n}", s.authenticated(s.post(s.apiSubmitSurvey))),
		api("GET /api/v1/me/incentives", s.authenticated(s.apiMyIncentives)),
		api("POST /api/v1/disputes", s.post(s.apiFileDispute)),
		api("GET /api/v1/waves", s.apiWaves),
		api("POST /api/v1/waves/{id}/joins", s.authenticated(s.post(s.apiJoinWave))),
		api("POST /api/v1/tests", s.authenticated(s.post(s.apiStartTest))),
		api("GET /api/v1/tests", s.authenticated(s.apiTestStatus)),
		api("POST /api/v1/tests/{id}/answers", s.authenticated(s.post(s.apiSubmitTest))),
		api("POST /api/v1/status-checks", s.post(s.apiStatusCheck)),
		api("GET /api/v1/regions/provinces", s.apiProvinces),
		api("GET /api/v1/regions/provinces/{code}/regencies", s.apiRegencies),
		api("GET /api/v1/regions/regencies/{code}/districts", s.apiDistricts),
		api("GET /api/v1/courses", s.apiCourses),
		api("GET /api/v1/courses/{id}", s.apiCourse),
		api("POST /api/v1/platform/charges", s.platformAuth(s.post(s.apiCharge))),
		api("POST /api/v1/platform/charges/{id}/confirm", s.platformAuth(s.post(s.apiConfirmCharge))),
		api("POST /api/v1/platform/vouchers/{code}/refund", s.platformAuth(s.post(apiVoucher(s.apiRefund)))),
		api("POST /api/v1/provider/vouchers/{code}/redeem", s.providerAuth(s.post(apiVoucher(s.apiRedeem)))),
		api("POST /api/v1/provider/vouchers/{code}/complete", s.providerAuth(s.post(apiVoucher(s.apiComplete)))),
		api("POST /api/v1/institution/nominations", s.signedBy(prakerja.PartnerInstitution, nominationBodyMax, s.apiSubmitNominations)),
		api("POST /api/v1/bank/answers", s.signedBy(prakerja.PartnerBank, bankAnswerBodyMax, s.apiBankAnswers)),
		api("GET /api/v1/me/purchases", s.authenticated(s.apiMyPurchases)),
		api("POST /api/v1/me/purchases/{id}/review", s.authenticated(s.post(s.apiReview))),
		api("GET /api/v1/me/payout", s.authenticated(s.apiMyPayout)),
		api("POST /api/v1/me/payout-accounts", s.authenticated(s.post(s.apiLinkPayoutAccount))),
		api("POST /api/v1/me/payout-accounts/{id}/confirmations", s.authenticated(s.post(s.apiConfirmPayoutAccount))),
		api("DELETE /api/v1/me/payout-account", s.authenticated(s.apiUnlinkPayoutAccount)),
		api("GET /api/v1/me/complaints", s.authenticated(s.apiMyComplaints)),
		api("POST /api/v1/me/complaints", s.authenticated(s.post(s.apiOpenComplaint))),
		api("GET /api/v1/me/complaints/{id}", s.authenticated(s.apiMyComplaint)),
		api("GET /api/v1/me/data", s.authenticated(s.apiMyData)),
		api("GET /api/v1/me/data-requests", s.authenticated(s.apiMyDataRequests)),
		api("POST /api/v1/me/data-requests", s.authenticated(s.post(s.apiOpenDataRequest))),
		api("POST /api/v1/me/complaints/{id}/notes", s.authenticated(s.post(s.apiReplyComplaint))),
		api("GET /api/v1/openapi.json", s.apiOpenAPI),
		api("GET /healthz", s.health),
		{pattern: "GET /metrics", handler: http.HandlerFunc(s.servePublicMetrics)},

		page("GET /{$}", s.pageHome),
		page("GET /daftar", s.pageDaftar),
		page("GET /register", s.pageRegister),
		page("POST /register", s.pageRegisterSubmit),
		page("GET /register/sent", s.pageRegisterSent),
		page("GET /confirm-email", s.pageConfirmEmail),
		page("POST /confirm-email", s.pageConfirmEmailSubmit),
		page("GET /phone", s.pagePhone),
		page("POST /phone/send", s.pagePhoneSend),
		page("POST /phone/confirm", s.pagePhoneConfirm),
		page("GET /login", s.pageLogin),
		page("POST /login", s.pageLoginSubmit),
		page("POST /login/confirm", s.pageLoginConfirm),
		page("GET /dashboard", s.pageDashboard),
		page("POST /dashboard/waves/{id}/join", s.pageJoinWave),
		page("GET /test", s.pageTest),
		page("POST /test/start", s.pageTestStart),
		page("POST /test/{id}/answers", s.pageTestSubmit),
		page("GET /test/{id}/result", s.pageTestResult),
		page("GET /cek-status", s.pageStatusCheck),
		page("POST /cek-status", s.pageStatusCheckSubmit),
		page("POST /logout", s.pageLogout),
		page("GET /dispute", s.pageDispute),
		page("POST /dispute", s.pageDisputeSubmit),
		page("GET /pelatihan", s.pageCatalogue),
		page("GET /pelatihan/{id}", s.pageCourse),
		page("GET /pelatihan-saya", s.pageMyTrainings),
		page("POST /pelatihan-saya/{id}/ulasan", s.pageReviewSubmit),
		page("GET /survei", s.pageSurveys),
		page("POST /survei/{n}", s.pageSurveySubmit),
		page("GET /insentif", s.pageIncentives),
		page("GET /kartu", s.pageCard),
		page("GET /rekening", s.pagePayout),
		page("POST /rekening", s.pagePayoutLink),
		page("POST /rekening/kode", s.pagePayoutConfirm),
		page("POST /rekening/putus", s.pagePayoutUnlink),
		page("GET /pengaduan", s.pageComplaints),
		page("POST /pengaduan", s.pageComplaintOpen),
		page("GET /pengaduan/{id}", s.pageComplaint),
		page("POST /pengaduan/{id}", s.pageComplaintReply),
		page("GET /data-saya", s.pageDataSaya),
		page("GET /data-saya/unduh", s.pageDataSayaDownload),
		page("POST /data-saya/koreksi", s.pageDataSayaCorrection),
		page("POST /data-saya/tarik", s.pageDataSayaWithdraw),
	}
}
