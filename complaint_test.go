package prakerja_test

import (
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

var complaintT0 = time.Date(2026, time.March, 2, 1, 0, 0, 0, time.UTC)

// TestCheckComplaintMove holds the whole state table: every pair of
// states for both actors, allowed only where the table says so, and a
// reopening only within the window.
func TestCheckComplaintMove(t *testing.T) {
	t.Parallel()
	staff := map[prakerja.ComplaintState][]prakerja.ComplaintState{
		prakerja.ComplaintOpen:       {prakerja.ComplaintInProgress, prakerja.ComplaintWaiting, prakerja.ComplaintResolved, prakerja.ComplaintRejected},
		prakerja.ComplaintInProgress: {prakerja.ComplaintWaiting, prakerja.ComplaintResolved, prakerja.ComplaintRejected},
		prakerja.ComplaintWaiting:    {prakerja.ComplaintInProgress, prakerja.ComplaintResolved, prakerja.ComplaintRejected},
	}
	registrant := map[prakerja.ComplaintState][]prakerja.ComplaintState{
		prakerja.ComplaintWaiting:  {prakerja.ComplaintInProgress},
		prakerja.ComplaintResolved: {prakerja.ComplaintOpen},
		prakerja.ComplaintRejected: {prakerja.ComplaintOpen},
	}
	for _, tc := range []struct {
		name  string
		actor prakerja.ComplaintActor
		want  map[prakerja.ComplaintState][]prakerja.ComplaintState
	}{{"Staff", prakerja.ActorStaff, staff}, {"Registrant", prakerja.ActorRegistrant, registrant}} {
		t.Run(tc.name, func(t *testing.T) {
			for _, from := range prakerja.ComplaintStates() {
				for _, to := range prakerja.ComplaintStates() {
					c := &prakerja.Complaint{State: from, ResolvedAt: complaintT0}
					err := prakerja.CheckComplaintMove(c, to, tc.actor, complaintT0.Add(time.Hour))
					allowed := false
					for _, s := range tc.want[from] {
						allowed = allowed || s == to
					}
					want := prakerja.CodeComplaintTransition
					if allowed {
						want = ""
					}
					if got := prakerja.ErrorCode(err); got != want {
						t.Errorf("%s → %s: code %q, want %q", from, to, got, want)
					}
				}
			}
		})
	}
	t.Run("ReopenWindow", func(t *testing.T) {
		c := &prakerja.Complaint{State: prakerja.ComplaintResolved, ResolvedAt: complaintT0}
		for _, tc := range []struct {
			after time.Duration
			want  prakerja.Code
		}{{prakerja.ComplaintReopenWindow, ""}, {prakerja.ComplaintReopenWindow + time.Second, prakerja.CodeComplaintReopenExpired}} {
			err := prakerja.CheckComplaintMove(c, prakerja.ComplaintOpen, prakerja.ActorRegistrant, complaintT0.Add(tc.after))
			if got := prakerja.ErrorCode(err); got != tc.want {
				t.Errorf("after %v: code %q, want %q", tc.after, got, tc.want)
			}
		}
	})
}

// TestComplaintAge moves a clock along one ticket's life and checks its
// standing at each step: the waiting time does not count, the first
// response deadline counts from opening, and closing keeps the verdict.
func TestComplaintAge(t *testing.T) {
	t.Parallel()
	sla := prakerja.ComplaintSLA{FirstResponse: 24 * time.Hour, Resolution: 72 * time.Hour}
	c := &prakerja.Complaint{State: prakerja.ComplaintOpen, CreatedAt: complaintT0}
	at := func(h float64) time.Time { return complaintT0.Add(time.Duration(h * float64(time.Hour))) }
	steps := []struct {
		name        string
		now         float64 // hours after opening
		edit        func()
		want        prakerja.SLAStatus
		running     time.Duration
		nextDueHour float64 // -1 = none
	}{
		{"Fresh", 1, nil, prakerja.SLAOnTrack, time.Hour, 24},
		{"FirstResponseDueSoon", 19, nil, prakerja.SLADueSoon, 19 * time.Hour, 24},
		{"Answered", 20, func() { c.FirstResponseAt = at(20); c.State = prakerja.ComplaintInProgress }, prakerja.SLAOnTrack, 20 * time.Hour, 72},
		{"Waiting", 30, func() { c.State = prakerja.ComplaintWaiting; c.Pause(at(30)) }, prakerja.SLAPaused, 30 * time.Hour, -1},
		{"StillWaiting", 100, nil, prakerja.SLAPaused, 30 * time.Hour, -1},
		{"Resumed", 100, func() { c.State = prakerja.ComplaintInProgress; c.Resume(at(100)) }, prakerja.SLAOnTrack, 30 * time.Hour, 142},
		{"ResolutionDueSoon", 130, nil, prakerja.SLADueSoon, 60 * time.Hour, 142},
		{"Breached", 143, nil, prakerja.SLABreached, 73 * time.Hour, 142},
		{"ClosedLate", 150, func() { c.State = prakerja.ComplaintResolved; c.ResolvedAt = at(150); c.Pause(at(150)) }, prakerja.SLAMissed, 80 * time.Hour, -1},
		{"ClosedStaysMissed", 400, nil, prakerja.SLAMissed, 80 * time.Hour, -1},
	}
	for _, st := range steps {
		if st.edit != nil {
			st.edit()
		}
		a := c.AgeAt(sla, at(st.now))
		if a.Status != st.want || a.Running != st.running {
			t.Fatalf("%s: status %s running %v, want %s %v", st.name, a.Status, a.Running, st.want, st.running)
		}
		due := c.NextDue(sla)
		if (st.nextDueHour < 0) != due.IsZero() || (st.nextDueHour >= 0 && !due.Equal(at(st.nextDueHour))) {
			t.Fatalf("%s: next due %v, want hour %v", st.name, due, st.nextDueHour)
		}
	}
}

// TestComplaintAgeFirstResponseLate: a ticket answered after its first
// response deadline stays breached while open and is missed once closed,
// even if it closed within the resolution target.
func TestComplaintAgeFirstResponseLate(t *testing.T) {
	t.Parallel()
	sla := prakerja.DefaultComplaintSLAs().For(prakerja.ComplaintPayoutFailed)
	c := &prakerja.Complaint{State: prakerja.ComplaintInProgress, CreatedAt: complaintT0,
		FirstResponseAt: complaintT0.Add(sla.FirstResponse + time.Minute)}
	if got := c.AgeAt(sla, complaintT0.Add(26*time.Hour)).Status; got != prakerja.SLABreached {
		t.Fatalf("status %s, want breached", got)
	}
	if due := c.NextDue(sla); !due.Equal(complaintT0.Add(sla.FirstResponse)) {
		t.Fatalf("next due %v, want the missed first response deadline", due)
	}
	c.State, c.ResolvedAt = prakerja.ComplaintResolved, complaintT0.Add(30*time.Hour)
	c.Pause(c.ResolvedAt)
	if got := c.AgeAt(sla, complaintT0.Add(31*time.Hour)).Status; got != prakerja.SLAMissed {
		t.Fatalf("status %s, want missed", got)
	}
	if sla.Resolution != 48*time.Hour {
		t.Fatalf("payout_failed resolution target %v, want 48h", sla.Resolution)
	}
}

// TestComplaintValidate checks the limits and that messages never quote
// the input.
func TestComplaintValidate(t *testing.T) {
	t.Parallel()
	ok := prakerja.Complaint{RegistrationID: 1, Category: prakerja.ComplaintPayoutFailed, Subject: "Dana belum masuk", Body: "Sudah 5 hari."}
	for _, tc := range []struct {
		name  string
		edit  func(c *prakerja.Complaint)
		field string
	}{
		{"OK", func(*prakerja.Complaint) {}, ""},
		{"ErrCategory", func(c *prakerja.Complaint) { c.Category = "spam" }, "category"},
		{"ErrSubjectBlank", func(c *prakerja.Complaint) { c.Subject = "   " }, "subject"},
		{"ErrSubjectLong", func(c *prakerja.Complaint) { c.Subject = strings.Repeat("é", prakerja.ComplaintSubjectMax+1) }, "subject"},
		{"SubjectAtLimit", func(c *prakerja.Complaint) { c.Subject = strings.Repeat("é", prakerja.ComplaintSubjectMax) }, ""},
		{"ErrBodyLong", func(c *prakerja.Complaint) { c.Body = strings.Repeat("a", prakerja.ComplaintBodyMax+1) }, "body"},
		{"ErrBodyNotUTF8", func(c *prakerja.Complaint) { c.Body = "\xff" }, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			err := c.Validate()
			fields := prakerja.ErrorFields(err)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if len(fields) != 1 || fields[0].Field != tc.field {
				t.Fatalf("fields %+v, want one on %s", fields, tc.field)
			}
			if strings.Contains(err.Error(), c.Body) && c.Body != "" && len(c.Body) > 3 {
				t.Fatalf("error quotes the input: %v", err)
			}
		})
	}
	n := prakerja.ComplaintNote{Text: "internal", Internal: true}
	if prakerja.ErrorCode(n.Validate()) != prakerja.CodeInvalid {
		t.Fatal("a registrant's internal note passed")
	}
}

func TestComplaintReference(t *testing.T) {
	t.Parallel()
	// 31 December 20:00 UTC is already 1 January in Jakarta.
	if got := prakerja.ComplaintReference(123, time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC)); got != "ADU-2026-000123" {
		t.Fatalf("reference %q", got)
	}
}
