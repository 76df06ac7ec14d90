package onlinetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCanRetake(t *testing.T) {
	t.Parallel()
	rules := Rules{AttemptsMax: 3, RetakeWait: 24 * time.Hour, TimeLimit: 30 * time.Minute}
	day := 24 * time.Hour
	failed := func(no int, start time.Time) Record {
		return Record{No: no, StartedAt: start, Deadline: start.Add(30 * time.Minute),
			SubmittedAt: start.Add(20 * time.Minute)}
	}
	open := func(no int, start time.Time) Record {
		return Record{No: no, StartedAt: start, Deadline: start.Add(30 * time.Minute)}
	}
	end1 := t0.Add(20 * time.Minute)
	tests := []struct {
		name    string
		history []Record
		now     time.Time
		want    Decision
	}{
		{"OKFirst", nil, t0, Decision{Allowed: true, Next: 1}},
		{"ErrWait", []Record{failed(1, t0)}, end1.Add(day - time.Second),
			Decision{Reason: ReasonWaitRequired, NotBefore: end1.Add(day)}},
		{"OKAfterWait", []Record{failed(1, t0)}, end1.Add(day), Decision{Allowed: true, Next: 2}},
		{"ErrInProgress", []Record{open(1, t0)}, t0.Add(30 * time.Minute), Decision{Reason: ReasonInProgress}},
		{"ErrWaitFromDeadlineWhenAbandoned", []Record{open(1, t0)}, t0.Add(30*time.Minute + time.Second),
			Decision{Reason: ReasonWaitRequired, NotBefore: t0.Add(30*time.Minute + day)}},
		{"OKAbandonedAfterWait", []Record{open(1, t0)}, t0.Add(30*time.Minute + day), Decision{Allowed: true, Next: 2}},
		{"OKThirdOutOfOrder", []Record{failed(2, t0.Add(2*day)), failed(1, t0)}, t0.Add(4 * day),
			Decision{Allowed: true, Next: 3}},
		{"ErrWaitUsesLatest", []Record{failed(2, t0.Add(2*day)), failed(1, t0)}, t0.Add(2*day + time.Hour),
			Decision{Reason: ReasonWaitRequired, NotBefore: t0.Add(2*day + 20*time.Minute + day)}},
		{"ErrExhausted", []Record{failed(1, t0), failed(2, t0.Add(2*day)), failed(3, t0.Add(4*day))},
			t0.Add(30 * day), Decision{Reason: ReasonExhausted}},
		{"ErrPassed", []Record{{No: 1, StartedAt: t0, Deadline: t0.Add(time.Hour), SubmittedAt: t0, Passed: true}},
			t0.Add(30 * day), Decision{Reason: ReasonPassed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := rules.CanRetake(tt.history, tt.now)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CanRetake (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecord(t *testing.T) {
	t.Parallel()
	b := MustParse(t, smallBank)
	a := Start(b, "reg-1", 1, t0, testSeed(1))
	res, err := Score(a, answersFor(a, 2, 1), t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	got := b.Rules.CanRetake([]Record{a.Record(&res)}, t0.Add(48*time.Hour))
	if got.Reason != ReasonPassed {
		t.Errorf("after a pass: %+v, want %s", got, ReasonPassed)
	}
	got = b.Rules.CanRetake([]Record{a.Record(nil)}, t0.Add(time.Minute))
	if got.Reason != ReasonInProgress {
		t.Errorf("unsubmitted attempt: %+v, want %s", got, ReasonInProgress)
	}
}
