package prakerja

import "time"

// ComplaintActor says who asks for a state change: the rules differ for
// the registrant and for support staff.
type ComplaintActor int

const (
	ActorRegistrant ComplaintActor = iota + 1
	ActorStaff
)

// complaintMoves is the one table of allowed state changes. Staff work a
// ticket forward and close it; the registrant's reply to a ticket waiting
// for them puts it back in progress, and the registrant alone reopens a
// closed ticket (within ComplaintReopenWindow, checked in
// CheckComplaintMove).
var complaintMoves = map[ComplaintActor]map[ComplaintState][]ComplaintState{
	ActorStaff: {
		ComplaintOpen:       {ComplaintInProgress, ComplaintWaiting, ComplaintResolved, ComplaintRejected},
		ComplaintInProgress: {ComplaintWaiting, ComplaintResolved, ComplaintRejected},
		ComplaintWaiting:    {ComplaintInProgress, ComplaintResolved, ComplaintRejected},
	},
	ActorRegistrant: {
		ComplaintWaiting:  {ComplaintInProgress},
		ComplaintResolved: {ComplaintOpen},
		ComplaintRejected: {ComplaintOpen},
	},
}

// ComplaintMoves lists the states actor may move a ticket in state from
// to, for the forms that offer them.
func ComplaintMoves(actor ComplaintActor, from ComplaintState) []ComplaintState {
	return complaintMoves[actor][from]
}

// CheckComplaintMove allows or refuses moving c to state to at now.
// Returns CodeComplaintTransition for a move the table does not hold and
// CodeComplaintReopenExpired for a reopening after the window.
func CheckComplaintMove(c *Complaint, to ComplaintState, actor ComplaintActor, now time.Time) error {
	allowed := false
	for _, s := range complaintMoves[actor][c.State] {
		allowed = allowed || s == to
	}
	if !allowed {
		return Errorf(CodeComplaintTransition, "A complaint that is %s cannot be moved to %s.", c.State, to)
	}
	if c.State.Closed() && now.Sub(c.ResolvedAt) > ComplaintReopenWindow {
		return Errorf(CodeComplaintReopenExpired, "A closed complaint can be reopened within %d days; open a new one.",
			int(ComplaintReopenWindow/(24*time.Hour)))
	}
	return nil
}

// ComplaintSLA is a category's service-level targets, measured on the
// ticket's running clock (time waiting for the registrant or closed does
// not count).
type ComplaintSLA struct {
	FirstResponse time.Duration
	Resolution    time.Duration
}

// ComplaintSLAs are the targets by category; a category without its own
// uses Default.
type ComplaintSLAs struct {
	Default    ComplaintSLA
	ByCategory map[ComplaintCategory]ComplaintSLA
}

// DefaultComplaintSLAs are the programme office's targets: a first answer
// within a day, a resolution within three days (72 hours, a working week
// of three days), a failed payout within two days since the participant
// is owed money, and a missing sign-in code within a day since it locks
// the registrant out.
func DefaultComplaintSLAs() ComplaintSLAs {
	return ComplaintSLAs{
		Default: ComplaintSLA{FirstResponse: 24 * time.Hour, Resolution: 72 * time.Hour},
		ByCategory: map[ComplaintCategory]ComplaintSLA{
			ComplaintPayoutFailed:   {FirstResponse: 24 * time.Hour, Resolution: 48 * time.Hour},
			ComplaintOTPNotReceived: {FirstResponse: 8 * time.Hour, Resolution: 24 * time.Hour},
		},
	}
}

// For returns the targets of category c.
func (s ComplaintSLAs) For(c ComplaintCategory) ComplaintSLA {
	if t, ok := s.ByCategory[c]; ok {
		return t
	}
	return s.Default
}

// SLAStatus is how a ticket stands against its targets, shown as words
// (never as colour alone).
type SLAStatus string

const (
	SLAOnTrack  SLAStatus = "on_track"
	SLADueSoon  SLAStatus = "due_soon" // under a quarter of the target left
	SLABreached SLAStatus = "breached" // a deadline passed while open
	SLAPaused   SLAStatus = "paused"   // waiting for the registrant
	SLAMet      SLAStatus = "met"      // closed within its targets
	SLAMissed   SLAStatus = "missed"   // closed, but a target was missed
)

// ComplaintAge is a ticket's standing at one instant.
type ComplaintAge struct {
	Age        time.Duration // since it was opened, wall time
	Running    time.Duration // on the service-level clock
	FirstDue   time.Time     // first response deadline
	ResolveDue time.Time     // resolution deadline; zero while paused
	Status     SLAStatus
	Left       time.Duration // to the next deadline; negative when breached
}

// Running is the time c has spent on the service-level clock by now.
func (c *Complaint) Running(now time.Time) time.Duration {
	d := now.Sub(c.CreatedAt) - c.Paused
	if !c.PausedSince.IsZero() {
		d -= now.Sub(c.PausedSince)
	}
	return max(d, 0)
}

// NextDue is the deadline the queue sorts by: the first response while
// none was given, then the resolution; zero while paused. A first
// response given late keeps its missed deadline, so a breached ticket
// stays at the head of the queue until it is closed.
func (c *Complaint) NextDue(t ComplaintSLA) time.Time {
	if !c.PausedSince.IsZero() {
		return time.Time{}
	}
	resolve := c.CreatedAt.Add(c.Paused + t.Resolution)
	first := c.CreatedAt.Add(t.FirstResponse)
	if c.FirstResponseAt.IsZero() || c.FirstResponseAt.After(first) {
		return earlier(first, resolve)
	}
	return resolve
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// AgeAt computes c's standing against t at now.
func (c *Complaint) AgeAt(t ComplaintSLA, now time.Time) ComplaintAge {
	a := ComplaintAge{Age: max(now.Sub(c.CreatedAt), 0), Running: c.Running(now),
		FirstDue: c.CreatedAt.Add(t.FirstResponse)}
	firstLate := (c.FirstResponseAt.IsZero() && now.After(a.FirstDue)) ||
		(!c.FirstResponseAt.IsZero() && c.FirstResponseAt.After(a.FirstDue))
	resolveLate := a.Running > t.Resolution
	switch {
	case c.State.Closed():
		a.Status = SLAMet
		if firstLate || c.Running(c.ResolvedAt) > t.Resolution {
			a.Status = SLAMissed
		}
		return a
	case firstLate || resolveLate:
		a.Status = SLABreached
	case !c.PausedSince.IsZero():
		a.Status = SLAPaused
		return a
	default:
		a.Status = SLAOnTrack
	}
	a.ResolveDue = c.CreatedAt.Add(c.Paused + t.Resolution)
	a.Left = c.NextDue(t).Sub(now)
	if c.FirstResponseAt.IsZero() && a.Left > 0 && a.Left < t.FirstResponse/4 ||
		!c.FirstResponseAt.IsZero() && a.Left > 0 && a.Left < t.Resolution/4 {
		a.Status = SLADueSoon
	}
	if !c.PausedSince.IsZero() { // breached before the pause
		a.ResolveDue, a.Left = time.Time{}, 0
	}
	return a
}

// Pause stops c's service-level clock at now (waiting for the registrant,
// or closed); a running pause is kept.
func (c *Complaint) Pause(now time.Time) {
	if c.PausedSince.IsZero() {
		c.PausedSince = now
	}
}

// Resume restarts c's clock at now, adding the pause to Paused.
func (c *Complaint) Resume(now time.Time) {
	if !c.PausedSince.IsZero() {
		c.Paused += max(now.Sub(c.PausedSince), 0)
		c.PausedSince = time.Time{}
	}
}
