package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// newComplaint is an open ticket of registration reg, due at due.
func newComplaint(reg int64, cat prakerja.ComplaintCategory, created, due time.Time) *prakerja.Complaint {
	return &prakerja.Complaint{RegistrationID: reg, Category: cat, Subject: "Insentif belum masuk",
		Body: "Sudah lewat seminggu sejak pelatihan selesai.", Locale: "id", CreatedAt: created, DueAt: due}
}

// mustComplaint stores c. Fatal on error.
func mustComplaint(tb testing.TB, s prakerja.Store, c *prakerja.Complaint) *prakerja.Complaint {
	tb.Helper()
	must(tb, s.CreateComplaint(context.Background(), c))
	return c
}

// testComplaints covers creating, reading, listing and changing tickets,
// the notes' visibility, and that a change's note, audit record and
// message commit with it or not at all.
func testComplaints(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	recs := MustCreateIn(t, s, prakerja.StatusEligible, times(2, T0, time.Second))
	c := mustComplaint(t, s, newComplaint(recs[0].ID, prakerja.ComplaintPayoutFailed, T0, T0.Add(24*time.Hour)))
	if c.ID == 0 || c.Version != 1 || c.State != prakerja.ComplaintOpen || c.Reference != prakerja.ComplaintReference(c.ID, T0) {
		t.Fatalf("created %+v", c)
	}
	got, err := s.Complaint(ctx, c.ID)
	must(t, err)
	diff(t, "read back", got, c)
	_, err = s.Complaint(ctx, c.ID+1000)
	WantCode(t, err, prakerja.CodeNotFound)
	WantCode(t, s.CreateComplaint(ctx, newComplaint(recs[1].ID+1000, prakerja.ComplaintOther, T0, T0)), prakerja.CodeNotFound)
	bad := newComplaint(recs[0].ID, "spam", T0, T0)
	bad.Subject = strings.Repeat("x", prakerja.ComplaintSubjectMax+1)
	err = s.CreateComplaint(ctx, bad)
	WantCode(t, err, prakerja.CodeInvalid)
	if n := len(prakerja.ErrorFields(err)); n != 2 {
		t.Fatalf("%d field errors, want 2 (category, subject): %v", n, err)
	}

	at := T0.Add(2 * time.Hour)
	c.State, c.AssignedTo, c.UpdatedAt, c.FirstResponseAt = prakerja.ComplaintWaiting, "agent.rina", at, at
	c.PausedSince, c.DueAt = at, time.Time{}
	note := &prakerja.ComplaintNote{Staff: "agent.rina", Text: "Mohon kirim bukti mutasi rekening.", State: prakerja.ComplaintWaiting, CreatedAt: at}
	audit := &prakerja.AuditEntry{At: at, Actor: "agent.rina", Action: prakerja.AuditComplaintState,
		Subject: fmt.Sprintf("complaint:%d", c.ID), Detail: `{"from":"open","to":"waiting_registrant"}`}
	msg := &prakerja.Message{RegistrationID: recs[0].ID, Channel: prakerja.ChannelSMS, Template: "complaint_update",
		Locale: "id", Recipient: prakerja.Sealed{Ciphertext: []byte("v1:ct:phone")}, Params: []byte("v1:params"),
		NextAttemptAt: at, CreatedAt: at}
	must(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: note, Audit: audit, Message: msg}))
	if c.Version != 2 || note.ID == 0 || audit.Seq == 0 || msg.ID == 0 {
		t.Fatalf("after change: version %d note %d audit %d message %d", c.Version, note.ID, audit.Seq, msg.ID)
	}
	got, err = s.Complaint(ctx, c.ID)
	must(t, err)
	diff(t, "changed", got, c)

	internal := &prakerja.ComplaintNote{Staff: "agent.rina", Text: "Cek ke bank, kemungkinan rekening dibekukan.", Internal: true, CreatedAt: at}
	must(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: internal}))
	reply := &prakerja.ComplaintNote{Text: "Bukti sudah saya kirim.", CreatedAt: at.Add(time.Minute)}
	must(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: reply}))
	all, err := s.ComplaintNotes(ctx, c.ID, true)
	must(t, err)
	diff(t, "all notes", all, []*prakerja.ComplaintNote{note, internal, reply})
	public, err := s.ComplaintNotes(ctx, c.ID, false)
	must(t, err)
	diff(t, "public notes", public, []*prakerja.ComplaintNote{note, reply})

	testComplaintRollback(t, s, c)
	testComplaintsOf(t, s, recs[1].ID)
}

// testComplaintRollback: a change whose audit record is refused stores
// nothing, neither the new state nor the note nor the message.
func testComplaintRollback(t *testing.T, s prakerja.Store, c *prakerja.Complaint) {
	ctx := context.Background()
	before, err := s.Complaint(ctx, c.ID)
	must(t, err)
	notes, err := s.ComplaintNotes(ctx, c.ID, true)
	must(t, err)
	changed := *before
	changed.State, changed.UpdatedAt = prakerja.ComplaintResolved, T0.Add(3*time.Hour)
	err = s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: &changed,
		Note:  &prakerja.ComplaintNote{Staff: "agent.rina", Text: "Selesai.", State: prakerja.ComplaintResolved, CreatedAt: T0},
		Audit: &prakerja.AuditEntry{At: T0, Actor: "", Action: prakerja.AuditComplaintState}})
	WantCode(t, err, prakerja.CodeInvalid)
	after, err := s.Complaint(ctx, c.ID)
	must(t, err)
	diff(t, "after a refused change", after, before)
	again, err := s.ComplaintNotes(ctx, c.ID, true)
	must(t, err)
	if len(again) != len(notes) {
		t.Fatalf("%d notes after a refused change, want %d", len(again), len(notes))
	}
	stale := *before
	stale.Version--
	WantCode(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: &stale}), prakerja.CodeComplaintChanged)
	missing := *before
	missing.ID += 1000
	WantCode(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: &missing}), prakerja.CodeNotFound)
}

// testComplaintsOf pages one registrant's tickets newest first and holds
// the open-ticket limit: closed tickets do not count.
func testComplaintsOf(t *testing.T, s prakerja.Store, reg int64) {
	ctx := context.Background()
	var ids []int64
	for i := range prakerja.ComplaintOpenMax {
		c := mustComplaint(t, s, newComplaint(reg, prakerja.ComplaintOther, T0.Add(time.Duration(i)*time.Minute), T0))
		ids = append([]int64{c.ID}, ids...)
	}
	WantCode(t, s.CreateComplaint(ctx, newComplaint(reg, prakerja.ComplaintOther, T0, T0)), prakerja.CodeComplaintLimit)
	first, err := s.ComplaintsOf(ctx, reg, 0, 2)
	must(t, err)
	second, err := s.ComplaintsOf(ctx, reg, first[len(first)-1].ID, 100)
	must(t, err)
	var got []int64
	for _, c := range append(first, second...) {
		got = append(got, c.ID)
	}
	diff(t, "ids newest first over two pages", got, ids)
	closed := first[0]
	closed.State, closed.ResolvedAt, closed.PausedSince, closed.DueAt = prakerja.ComplaintRejected, T0, T0, time.Time{}
	must(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: closed}))
	mustComplaint(t, s, newComplaint(reg, prakerja.ComplaintOther, T0, T0))
}

// testComplaintNotesLimit fills one ticket to ComplaintNotesMax notes.
func testComplaintNotesLimit(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	recs := MustCreateIn(t, s, prakerja.StatusEligible, times(1, T0, time.Second))
	c := mustComplaint(t, s, newComplaint(recs[0].ID, prakerja.ComplaintOther, T0, T0))
	for i := range prakerja.ComplaintNotesMax {
		n := &prakerja.ComplaintNote{Text: fmt.Sprintf("catatan %d", i), CreatedAt: T0}
		must(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: n}))
	}
	n := &prakerja.ComplaintNote{Text: "satu lagi", CreatedAt: T0}
	WantCode(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: n}), prakerja.CodeComplaintLimit)
	notes, err := s.ComplaintNotes(ctx, c.ID, true)
	must(t, err)
	if len(notes) != prakerja.ComplaintNotesMax {
		t.Fatalf("%d notes, want %d", len(notes), prakerja.ComplaintNotesMax)
	}
	long := &prakerja.ComplaintNote{Text: strings.Repeat("a", prakerja.ComplaintNoteMax+1), CreatedAt: T0}
	WantCode(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: long}), prakerja.CodeInvalid)
}

// testComplaintQueue orders the queue by deadline with paused tickets
// last, filters it, and pages it without gaps or repeats.
func testComplaintQueue(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	recs := MustCreateIn(t, s, prakerja.StatusEligible, times(3, T0, time.Second))
	cats := []prakerja.ComplaintCategory{prakerja.ComplaintPayoutFailed, prakerja.ComplaintOther}
	var want []int64 // the open ones, by deadline
	var paused *prakerja.Complaint
	for i, h := range []int{50, 10, 30, 10, 70} {
		c := mustComplaint(t, s, newComplaint(recs[i%3].ID, cats[i%2], T0, T0.Add(time.Duration(h)*time.Hour)))
		if i == 2 {
			c.State, c.PausedSince, c.DueAt, c.UpdatedAt = prakerja.ComplaintWaiting, T0, time.Time{}, T0
			must(t, s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c}))
			paused = c
			continue
		}
		want = append(want, c.ID)
	}
	// deadlines 50, 10, 10, 70 → ids 2 and 4 (10 h, by id), 1, 5
	want = []int64{want[1], want[2], want[0], want[3], paused.ID}
	var got []int64
	var after *prakerja.Complaint
	for range 10 {
		page, err := s.ComplaintQueue(ctx, prakerja.ComplaintQueueFilter{After: after, Limit: 2})
		must(t, err)
		if len(page) == 0 {
			break
		}
		for _, c := range page {
			got = append(got, c.ID)
		}
		after = page[len(page)-1]
	}
	diff(t, "queue order over pages", got, want)
	waiting, err := s.ComplaintQueue(ctx, prakerja.ComplaintQueueFilter{State: prakerja.ComplaintWaiting})
	must(t, err)
	if len(waiting) != 1 || waiting[0].ID != paused.ID || !waiting[0].DueAt.IsZero() {
		t.Fatalf("waiting queue %+v", waiting)
	}
	payout, err := s.ComplaintQueue(ctx, prakerja.ComplaintQueueFilter{Category: prakerja.ComplaintPayoutFailed})
	must(t, err)
	var payoutIDs []int64
	for _, c := range payout {
		payoutIDs = append(payoutIDs, c.ID)
	}
	// "" is every open state, so the waiting payout_failed ticket is last.
	diff(t, "payout_failed queue", payoutIDs, []int64{want[2], want[3], paused.ID})
}

// testComplaintRace runs concurrent changes from one version (exactly one
// wins; the others are told the ticket changed) and concurrent openings
// by one registrant (no more than ComplaintOpenMax succeed).
func testComplaintRace(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	recs := MustCreateIn(t, s, prakerja.StatusEligible, times(2, T0, time.Second))
	c := mustComplaint(t, s, newComplaint(recs[0].ID, prakerja.ComplaintOther, T0, T0.Add(time.Hour)))
	const workers = 20
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			mine := *c
			mine.State, mine.AssignedTo, mine.UpdatedAt = prakerja.ComplaintInProgress, fmt.Sprintf("agent%d", i), T0
			errs[i] = s.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: &mine,
				Note: &prakerja.ComplaintNote{Staff: mine.AssignedTo, Text: "Saya ambil.", State: mine.State, CreatedAt: T0}})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		WantCode(t, err, prakerja.CodeComplaintChanged)
	}
	notes, err := s.ComplaintNotes(ctx, c.ID, true)
	must(t, err)
	if won != 1 || len(notes) != 1 {
		t.Fatalf("%d changes won and %d notes stored, want 1 and 1", won, len(notes))
	}
	got, err := s.Complaint(ctx, c.ID)
	must(t, err)
	if got.Version != 2 || got.AssignedTo != notes[0].Staff {
		t.Fatalf("stored %+v, the winner was %s", got, notes[0].Staff)
	}
	opened := make([]error, workers)
	for i := range workers {
		wg.Go(func() { opened[i] = s.CreateComplaint(ctx, newComplaint(recs[1].ID, prakerja.ComplaintOther, T0, T0)) })
	}
	wg.Wait()
	ok := 0
	for _, err := range opened {
		if err == nil {
			ok++
			continue
		}
		WantCode(t, err, prakerja.CodeComplaintLimit)
	}
	if ok != prakerja.ComplaintOpenMax {
		t.Fatalf("%d concurrent openings succeeded, want %d", ok, prakerja.ComplaintOpenMax)
	}
}
