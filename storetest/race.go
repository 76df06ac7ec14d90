package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/prakerja/prakerja"
)

// createAll runs CreateRegistration for every value set at once and
// returns each call's error, in order.
func createAll(s prakerja.Store, values []Values) ([]*prakerja.NewRegistration, []error) {
	regs := make([]*prakerja.NewRegistration, len(values))
	errs := make([]error, len(values))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, v := range values {
		regs[i] = NewRegistration(v)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = s.CreateRegistration(context.Background(), regs[i])
		}()
	}
	close(start)
	wg.Wait()
	return regs, errs
}

// testCreateRegistrationRace starts many registrations at once that share
// one value and checks that exactly one wins and every other one is told
// which value is taken, then mixes conflicting and clean registrations in
// the same burst (so in the same group-commit batches) and checks every
// answer and the stored count.
func testCreateRegistrationRace(t *testing.T, open Opener) {
	tests := []struct {
		name  string
		share func(v *Values, shared int64)
		want  prakerja.Code
	}{
		{"SameNIK", func(v *Values, n int64) { v.NIK = n }, prakerja.CodeNIKTaken},
		{"SameEmail", func(v *Values, n int64) { v.Email = n }, prakerja.CodeEmailTaken},
		{"SamePhone", func(v *Values, n int64) { v.Phone = n }, prakerja.CodePhoneTaken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			shared := Unique().NIK
			values := make([]Values, raceWorkers)
			for i := range values {
				values[i] = Unique()
				tt.share(&values[i], shared)
			}
			regs, errs := createAll(s, values)
			winners := 0
			for i, err := range errs {
				if err == nil {
					winners++
					r, err := s.Registration(context.Background(), regs[i].Record.ID)
					must(t, err)
					diff(t, "winner", r, regs[i].Record)
					continue
				}
				WantCode(t, err, tt.want)
			}
			if winners != 1 {
				t.Fatalf("%d registrations won, want exactly 1", winners)
			}
			wantFunnel(t, s, prakerja.StatusRegistered, 1)
		})
	}
	t.Run("MixedBatch", func(t *testing.T) { t.Parallel(); testMixedBatch(t, open(t)) })
}

// testMixedBatch: 10 registrations exist; then 100 start at once: 60
// clean ones, 20 pairs that share a NIK with each other, and 10 that reuse
// the phone of an existing registration. 80 must win.
func testMixedBatch(t *testing.T, s prakerja.Store) {
	existing := make([]Values, 10)
	for i := range existing {
		existing[i] = Unique()
		MustCreate(t, s, existing[i])
	}
	var values []Values
	want := map[int]prakerja.Code{} // index → expected code; pairs checked apart
	for range 60 {
		want[len(values)] = ""
		values = append(values, Unique())
	}
	pairStart := len(values)
	for range 20 {
		a, b := Unique(), Unique()
		b.NIK = a.NIK
		values = append(values, a, b)
	}
	for _, e := range existing {
		v := Unique()
		v.Phone = e.Phone
		want[len(values)] = prakerja.CodePhoneTaken
		values = append(values, v)
	}
	_, errs := createAll(s, values)
	for i, code := range want {
		if got := prakerja.ErrorCode(errs[i]); got != code {
			t.Errorf("registration %d: code %q (%v), want %q", i, got, errs[i], code)
		}
	}
	for i := pairStart; i < pairStart+40; i += 2 {
		a, b := prakerja.ErrorCode(errs[i]), prakerja.ErrorCode(errs[i+1])
		if !(a == "" && b == prakerja.CodeNIKTaken) && !(a == prakerja.CodeNIKTaken && b == "") {
			t.Errorf("pair %d: codes %q and %q, want one winner and one %q", i, a, b, prakerja.CodeNIKTaken)
		}
	}
	wantFunnel(t, s, prakerja.StatusRegistered, 10+60+20)
}

func wantFunnel(t *testing.T, s prakerja.Store, status prakerja.RegistrationStatus, want int64) {
	t.Helper()
	f, err := s.Funnel(context.Background())
	must(t, err)
	if f[status] != want {
		t.Fatalf("funnel[%s] = %d, want %d", status, f[status], want)
	}
}
