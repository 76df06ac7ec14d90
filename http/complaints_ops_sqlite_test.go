package http

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
	"github.com/prakerja/prakerja/notify"
)

// TestOpsComplaintQueue: the late ticket comes first and says so in
// words; filters narrow the queue; the roles without complaint.view are
// refused.
func TestOpsComplaintQueue(t *testing.T) {
	t.Parallel()
	e := newComplaintsEnv(t)
	ctx := context.Background()
	late, err := e.svc.Open(ctx, complaint.OpenInput{RegistrationID: e.regs[0], Category: prakerja.ComplaintOTPNotReceived, Subject: "Kode tidak datang", Body: "x"})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Add(20 * time.Hour) // past the 8-hour first response target of otp_not_received
	fresh, err := e.svc.Open(ctx, complaint.OpenInput{RegistrationID: e.regs[1], Category: prakerja.ComplaintNotSelected, Subject: "Hasil seleksi", Body: "y"})
	if err != nil {
		t.Fatal(err)
	}
	body := wantStatus(t, e.ops("support", "GET", "/ops/complaints", nil), http.StatusOK,
		late.Reference, fresh.Reference, "Lewat target", `class="attn"`, `href="/ops/complaints"`)
	if strings.Index(body, late.Reference) > strings.Index(body, fresh.Reference) {
		t.Fatal("the breached complaint is not first")
	}
	body = wantStatus(t, e.ops("auditor", "GET", "/ops/complaints?category=not_selected", nil), http.StatusOK, fresh.Reference)
	if strings.Contains(body, late.Reference) {
		t.Fatal("the category filter let another category through")
	}
	body = wantStatus(t, e.ops("support", "GET", "/ops/complaints?state=resolved", nil), http.StatusOK)
	if strings.Contains(body, late.Reference) {
		t.Fatal("the state filter let an open complaint through")
	}
	wantStatus(t, e.ops("platform", "GET", "/ops/complaints", nil), http.StatusForbidden)
	wantStatus(t, e.ops("", "GET", "/ops/complaints", nil), http.StatusSeeOther)
}

// TestOpsComplaintWork: support sees the registrant masked, takes the
// ticket, answers, changes its state; each step is audited with the
// signed-in agent as actor and the registrant is notified of public ones.
// A stale form and an auditor's post are refused.
func TestOpsComplaintWork(t *testing.T) {
	t.Parallel()
	e := newComplaintsEnv(t)
	ctx := context.Background()
	it, err := e.svc.Open(ctx, complaint.OpenInput{RegistrationID: e.regs[0], Category: prakerja.ComplaintPayoutFailed, Subject: "Insentif", Body: "Belum masuk"})
	if err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/ops/complaints/%d", it.ID)
	body := wantStatus(t, e.ops("support", "GET", page, nil), http.StatusOK, complaintNIKMasked, "Siti Aminah",
		"Belum masuk", "Tugaskan ke saya", `name="internal"`, `<option value="waiting_registrant">`)
	if strings.Contains(body, complaintNIK) || strings.Contains(body, "+6281234567890") {
		t.Fatal("the console shows the NIK or phone unmasked")
	}
	version := func() string {
		th, err := e.svc.Detail(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		return strconv.FormatInt(th.Version, 10)
	}
	stale := version()
	post := func(token string, form url.Values) string {
		rec := e.ops(token, "POST", page, form)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("%v: status %d: %s", form, rec.Code, rec.Body)
		}
		return rec.Header().Get("Location")
	}
	post("support", url.Values{"action": {"assign"}, "version": {version()}})
	post("support", url.Values{"action": {"note"}, "version": {version()}, "text": {"Cek ke bank dulu"}, "internal": {"yes"}})
	if loc := post("support", url.Values{"action": {"move"}, "version": {version()}, "to": {"waiting_registrant"}, "text": {"Mohon kirim bukti"}}); loc != page+"?done=move" {
		t.Fatalf("Location %q", loc)
	}
	wantStatus(t, e.ops("support", "GET", page+"?done=move", nil), http.StatusOK, "Status diubah", "agent.rina",
		"Catatan internal", "Cek ke bank dulu", "Menunggu pelapor", "Pelapor")
	wantStatus(t, e.ops("support", "POST", page, url.Values{"action": {"assign"}, "version": {stale}}), http.StatusConflict,
		"baru saja diubah oleh orang lain")
	wantStatus(t, e.ops("support", "POST", page, url.Values{"action": {"move"}, "version": {version()}, "to": {"resolved"}, "text": {""}}),
		http.StatusUnprocessableEntity, "Pesan")
	wantStatus(t, e.ops("auditor", "POST", page, url.Values{"action": {"assign"}, "version": {version()}}), http.StatusForbidden)

	audits, err := e.store.AuditEntries(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(audits) != 3 {
		t.Fatalf("%d audit records, want 3", len(audits))
	}
	for _, a := range audits {
		if a.Actor != "agent.rina" || a.Subject != fmt.Sprintf("complaint:%d", it.ID) || strings.Contains(a.Detail, "bank") {
			t.Fatalf("audit %+v", a)
		}
	}
	msgs, err := e.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: e.regs[0], Template: notify.TemplateComplaintUpdate})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Channel != prakerja.ChannelSMS {
		t.Fatalf("notices %+v, want one SMS for the public state change", msgs)
	}
}
