package complaint_test

import (
	"context"
	"encoding/json"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
)

// desk is a complaint service on a real SQLite store with two
// registrants; the first has a verified phone, the second none at all.
type desk struct {
	svc   *complaint.Service
	store *sqldb.Store
	keys  *pii.Keyring
	clock *mock.Clock
	regs  []*prakerja.RegistrationRecord
}

func newDesk(t *testing.T) *desk {
	t.Helper()
	store, keys := sqlitetest.Open(t), sqlitetest.Keys(t)
	regs := storetest.MustCreateIn(t, store, prakerja.StatusEligible, []time.Time{storetest.T0, storetest.T0})
	if _, err := store.Writer().Exec(`UPDATE registrations SET phone_verified_at = ? WHERE id = ?`,
		storetest.T0.UnixMicro(), regs[0].ID); err != nil {
		t.Fatal(err)
	}
	clock := mock.NewClock(storetest.T0)
	return &desk{svc: complaint.New(store, keys, clock, complaint.DefaultConfig()), store: store, keys: keys,
		clock: clock, regs: regs}
}

func (d *desk) open(t *testing.T, reg int64, cat prakerja.ComplaintCategory) *complaint.Item {
	t.Helper()
	it, err := d.svc.Open(context.Background(), complaint.OpenInput{RegistrationID: reg, Category: cat,
		Subject: "  Insentif belum masuk ", Body: "Sudah sepuluh hari.", Locale: "en-US"})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return it
}

// TestLifecycle walks one ticket through its states on a moving clock and
// checks its standing, the notices and the audit records at each step.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	reg := d.regs[0].ID
	it := d.open(t, reg, prakerja.ComplaintPayoutFailed)
	if it.Subject != "Insentif belum masuk" || it.Locale != "en" || it.SLA.Status != prakerja.SLAOnTrack ||
		!it.DueAt.Equal(storetest.T0.Add(24*time.Hour).Truncate(time.Microsecond)) {
		t.Fatalf("opened %+v", it)
	}
	id := it.ID
	steps := []struct {
		name      string
		after     time.Duration
		act       func() error
		state     prakerja.ComplaintState
		sla       prakerja.SLAStatus
		notices   int // messages queued so far
		audits    int // audit records so far
		wantError prakerja.Code
	}{
		{"Assign", time.Hour, staff(d, complaint.Action{ID: id, Kind: complaint.ActAssign, Staff: "agent.rina"}),
			prakerja.ComplaintOpen, prakerja.SLAOnTrack, 0, 1, ""},
		{"InternalNoteIsNoResponse", time.Hour, staff(d, complaint.Action{ID: id, Kind: complaint.ActNote, Staff: "agent.rina", Text: "Cek bank.", Internal: true}),
			prakerja.ComplaintOpen, prakerja.SLAOnTrack, 0, 2, ""},
		{"DueSoon", 18 * time.Hour, nil, prakerja.ComplaintOpen, prakerja.SLADueSoon, 0, 2, ""},
		{"AskRegistrant", time.Hour, staff(d, complaint.Action{ID: id, Kind: complaint.ActMove, Staff: "agent.rina", To: prakerja.ComplaintWaiting, Text: "Kirim bukti mutasi."}),
			prakerja.ComplaintWaiting, prakerja.SLAPaused, 1, 3, ""},
		{"WaitingDoesNotAge", 100 * time.Hour, nil, prakerja.ComplaintWaiting, prakerja.SLAPaused, 1, 3, ""},
		{"RegistrantAnswers", 0, reply(d, reg, id, "Sudah saya kirim."), prakerja.ComplaintInProgress, prakerja.SLAOnTrack, 1, 3, ""},
		{"MoveNeedsNote", time.Hour, staff(d, complaint.Action{ID: id, Kind: complaint.ActMove, Staff: "agent.rina", To: prakerja.ComplaintResolved}),
			prakerja.ComplaintInProgress, prakerja.SLAOnTrack, 1, 3, prakerja.CodeInvalid},
		{"NoSuchMove", 0, staff(d, complaint.Action{ID: id, Kind: complaint.ActMove, Staff: "agent.rina", To: prakerja.ComplaintOpen, Text: "x"}),
			prakerja.ComplaintInProgress, prakerja.SLAOnTrack, 1, 3, prakerja.CodeComplaintTransition},
		{"Resolve", time.Hour, staff(d, complaint.Action{ID: id, Kind: complaint.ActMove, Staff: "agent.budi", To: prakerja.ComplaintResolved, Text: "Sudah dibayar ulang."}),
			prakerja.ComplaintResolved, prakerja.SLAMet, 2, 4, ""},
		{"ReopenWithinWindow", 13 * 24 * time.Hour, reply(d, reg, id, "Belum masuk juga."), prakerja.ComplaintOpen, prakerja.SLAOnTrack, 2, 4, ""},
		{"RejectAgain", time.Hour, staff(d, complaint.Action{ID: id, Kind: complaint.ActMove, Staff: "agent.budi", To: prakerja.ComplaintRejected, Text: "Dana sudah masuk 3 Maret."}),
			prakerja.ComplaintRejected, prakerja.SLAMet, 3, 5, ""},
		{"ReopenTooLate", 15 * 24 * time.Hour, reply(d, reg, id, "Masih belum."), prakerja.ComplaintRejected, prakerja.SLAMet, 3, 5, prakerja.CodeComplaintReopenExpired},
	}
	for _, st := range steps {
		d.clock.Add(st.after)
		if st.act != nil {
			storetest.WantCode(t, st.act(), st.wantError)
		}
		th, err := d.svc.Thread(ctx, reg, id)
		if err != nil {
			t.Fatal(err)
		}
		if th.State != st.state || th.SLA.Status != st.sla {
			t.Fatalf("%s: state %s sla %s, want %s %s", st.name, th.State, th.SLA.Status, st.state, st.sla)
		}
		msgs, err := d.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: reg, Template: notify.TemplateComplaintUpdate})
		if err != nil {
			t.Fatal(err)
		}
		audits, err := d.store.AuditEntries(ctx, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != st.notices || len(audits) != st.audits {
			t.Fatalf("%s: %d notices and %d audit records, want %d and %d", st.name, len(msgs), len(audits), st.notices, st.audits)
		}
	}
	checkNotices(t, d, reg)
	checkAudit(t, d)
}

func staff(d *desk, a complaint.Action) func() error {
	return func() error { _, err := d.svc.Act(context.Background(), a); return err }
}

func reply(d *desk, reg, id int64, text string) func() error {
	return func() error { _, err := d.svc.Reply(context.Background(), reg, id, text); return err }
}

// checkNotices: SMS to the verified phone, in the registrant's language,
// carrying the reference and state only.
func checkNotices(t *testing.T, d *desk, reg int64) {
	t.Helper()
	msgs, err := d.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: reg})
	if err != nil {
		t.Fatal(err)
	}
	r, err := notify.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Channel != prakerja.ChannelSMS || m.Locale != "en" {
			t.Fatalf("notice %+v", m)
		}
		params, err := notify.DecodeParams(d.keys, m)
		if err != nil {
			t.Fatal(err)
		}
		if len(params) != 2 || !strings.HasPrefix(params["ref"], "ADU-") || params["state"] == "" {
			t.Fatalf("notice params %v", params)
		}
		out, err := r.Render(m.Template, m.Channel, m.Locale, "+628123", params)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.Body, params["ref"]) || strings.Contains(out.Body, "Dana") {
			t.Fatalf("sms %q", out.Body)
		}
	}
}

// checkAudit: the staff actions are chained with their actor and states,
// and no record holds the ticket's or the notes' text.
func checkAudit(t *testing.T, d *desk) {
	t.Helper()
	audits, err := d.store.AuditEntries(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{prakerja.AuditComplaintAssigned, prakerja.AuditComplaintNote, prakerja.AuditComplaintState,
		prakerja.AuditComplaintState, prakerja.AuditComplaintState}
	for i, e := range audits {
		if e.Action != want[i] || !strings.HasPrefix(e.Subject, "complaint:") || !json.Valid([]byte(e.Detail)) {
			t.Fatalf("audit %d: %+v", i, e)
		}
		for _, text := range []string{"Cek bank", "mutasi", "dibayar", "Dana", "Insentif"} {
			if strings.Contains(e.Detail, text) {
				t.Fatalf("audit %d holds the text %q: %s", i, text, e.Detail)
			}
		}
	}
	if audits[4].Actor != "agent.budi" || !strings.Contains(audits[4].Detail, `"to":"rejected"`) {
		t.Fatalf("last audit %+v", audits[4])
	}
}

// TestOwnTicketsOnly: another registrant's ticket is not found, for
// reading and for replying, and their list does not show it.
func TestOwnTicketsOnly(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	it := d.open(t, d.regs[0].ID, prakerja.ComplaintOther)
	other := d.regs[1].ID
	_, err := d.svc.Thread(ctx, other, it.ID)
	storetest.WantCode(t, err, prakerja.CodeNotFound)
	_, err = d.svc.Reply(ctx, other, it.ID, "bukan punya saya")
	storetest.WantCode(t, err, prakerja.CodeNotFound)
	list, err := d.svc.Mine(ctx, other, 0, 10)
	if err != nil || len(list) != 0 {
		t.Fatalf("other's list %v %v", list, err)
	}
}

// TestStaleVersion: a step from a page read before a colleague's change is
// refused, and a public note to a registrant without a verified contact
// queues no notice.
func TestStaleVersion(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	it := d.open(t, d.regs[1].ID, prakerja.ComplaintOTPNotReceived)
	if _, err := d.svc.Act(ctx, complaint.Action{ID: it.ID, Kind: complaint.ActNote, Staff: "a", Text: "Halo", Version: it.Version}); err != nil {
		t.Fatal(err)
	}
	_, err := d.svc.Act(ctx, complaint.Action{ID: it.ID, Kind: complaint.ActAssign, Staff: "b", Version: it.Version})
	storetest.WantCode(t, err, prakerja.CodeComplaintChanged)
	msgs, err := d.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: d.regs[1].ID})
	if err != nil || len(msgs) != 0 {
		t.Fatalf("notices %v %v", msgs, err)
	}
	th, err := d.svc.Detail(ctx, it.ID)
	if err != nil || th.FirstResponseAt.IsZero() || len(th.Notes) != 1 {
		t.Fatalf("detail %+v %v", th, err)
	}
	_, err = d.svc.Act(ctx, complaint.Action{ID: it.ID, Kind: "delete", Staff: "a"})
	storetest.WantCode(t, err, prakerja.CodeInvalid)
}
