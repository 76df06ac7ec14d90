package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// storedRegistration reads back everything a registration wrote.
type storedRegistration struct {
	Record    *prakerja.RegistrationRecord
	Challenge *prakerja.Challenge
	Messages  []*prakerja.Message
}

func readRegistration(t *testing.T, s prakerja.Store, id int64) storedRegistration {
	t.Helper()
	ctx := context.Background()
	r, err := s.Registration(ctx, id)
	must(t, err)
	c, err := s.LatestChallenge(ctx, id, prakerja.PurposeEmailConfirm)
	must(t, err)
	msgs, err := s.Messages(ctx, prakerja.MessageFilter{RegistrationID: id})
	must(t, err)
	return storedRegistration{Record: r, Challenge: c, Messages: msgs}
}

// testCreateRegistration checks that a registration and its challenge and
// message are stored together and read back exactly, and that a taken
// blind index is refused with its code, writes nothing and leaves the
// earlier registration byte for byte as it was.
func testCreateRegistration(t *testing.T, open Opener) {
	tests := []struct {
		name string
		// taken returns the values of a second registration that collides
		// with first (and, when non-zero, with other).
		taken func(first, other Values) Values
		want  prakerja.Code
	}{
		{"ErrNIKTaken", func(f, _ Values) Values { v := Unique(); v.NIK = f.NIK; return v }, prakerja.CodeNIKTaken},
		{"ErrEmailTaken", func(f, _ Values) Values { v := Unique(); v.Email = f.Email; return v }, prakerja.CodeEmailTaken},
		{"ErrPhoneTaken", func(f, _ Values) Values { v := Unique(); v.Phone = f.Phone; return v }, prakerja.CodePhoneTaken},
		{"ErrNIKTakenBeforeEmail", func(f, o Values) Values { v := Unique(); v.NIK, v.Email = f.NIK, o.Email; return v }, prakerja.CodeNIKTaken},
		{"ErrEmailTakenBeforePhone", func(f, o Values) Values { v := Unique(); v.Email, v.Phone = f.Email, o.Phone; return v }, prakerja.CodeEmailTaken},
		{"ErrAllTaken", func(f, _ Values) Values { v := f; v.KK = Unique().KK; return v }, prakerja.CodeNIKTaken},
	}
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		nr := MustCreate(t, s, Unique())
		if nr.Record.ID == 0 || nr.Challenge.ID == 0 || nr.Message.ID == 0 {
			t.Fatalf("IDs not filled in: %d %d %d", nr.Record.ID, nr.Challenge.ID, nr.Message.ID)
		}
		if nr.Challenge.RegistrationID != nr.Record.ID || nr.Message.RegistrationID != nr.Record.ID {
			t.Fatalf("RegistrationID = %d, %d, want %d", nr.Challenge.RegistrationID, nr.Message.RegistrationID, nr.Record.ID)
		}
		if !nr.Message.NextAttemptAt.Equal(T0) {
			t.Fatalf("NextAttemptAt = %v, want CreatedAt %v", nr.Message.NextAttemptAt, T0)
		}
		got := readRegistration(t, s, nr.Record.ID)
		diff(t, "registration", got, storedRegistration{nr.Record, nr.Challenge, []*prakerja.Message{nr.Message}})
	})
	t.Run("OKWithoutChallengeAndMessage", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		nr := NewRegistration(Unique())
		nr.Challenge, nr.Message = nil, nil
		must(t, s.CreateRegistration(context.Background(), nr))
		r, err := s.Registration(context.Background(), nr.Record.ID)
		must(t, err)
		diff(t, "record", r, nr.Record)
		msgs, err := s.Messages(context.Background(), prakerja.MessageFilter{})
		must(t, err)
		if len(msgs) != 0 {
			t.Fatalf("%d messages, want 0", len(msgs))
		}
	})
	t.Run("ErrMissingRecord", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		if err := s.CreateRegistration(context.Background(), &prakerja.NewRegistration{}); err == nil {
			t.Fatal("no error for a registration without a record")
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testCreateConflict(t, open(t), tt.taken, tt.want)
		})
	}
}

// testCreateConflict creates two registrations, then a third that
// collides as taken says, and checks the answer and that nothing changed.
func testCreateConflict(t *testing.T, s prakerja.Store, taken func(first, other Values) Values, want prakerja.Code) {
	first, other := Unique(), Unique()
	a := MustCreate(t, s, first)
	MustCreate(t, s, other)
	before := readRegistration(t, s, a.Record.ID)
	funnelBefore, err := s.Funnel(context.Background())
	must(t, err)

	dup := NewRegistration(taken(first, other))
	err = s.CreateRegistration(context.Background(), dup)
	WantCode(t, err, want)
	wantNoPersonalData(t, err, dup.Record.NIK, dup.Record.Email, dup.Record.Phone)
	if dup.Record.ID != 0 || dup.Challenge.ID != 0 || dup.Message.ID != 0 {
		t.Fatalf("IDs filled in on a refused registration")
	}
	diff(t, "first registration after the refused one", readRegistration(t, s, a.Record.ID), before)
	funnelAfter, err := s.Funnel(context.Background())
	must(t, err)
	diff(t, "funnel", funnelAfter, funnelBefore)
	msgs, err := s.Messages(context.Background(), prakerja.MessageFilter{})
	must(t, err)
	if len(msgs) != 2 {
		t.Fatalf("%d messages after a refused registration, want 2", len(msgs))
	}
}

// testRegistrationReads covers lookups by ID and blind index, the KK
// count and the funnel.
func testRegistrationReads(t *testing.T, open Opener) {
	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		_, err := open(t).Registration(context.Background(), 424242)
		WantCode(t, err, prakerja.CodeNotFound)
	})
	t.Run("ByIndex", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		v := Unique()
		nr := MustCreate(t, s, v)
		MustCreate(t, s, Unique())
		tests := []struct {
			name  string
			field prakerja.IndexField
			index []byte
			want  prakerja.Code
		}{
			{"OKNIK", prakerja.IndexNIK, Index("nik", v.NIK), ""},
			{"OKEmail", prakerja.IndexEmail, Index("email", v.Email), ""},
			{"OKPhone", prakerja.IndexPhone, Index("phone", v.Phone), ""},
			{"ErrNotFound", prakerja.IndexNIK, Index("nik", -1), prakerja.CodeNotFound},
			{"ErrNotFoundOtherField", prakerja.IndexEmail, Index("nik", v.NIK), prakerja.CodeNotFound},
			{"ErrKKNotUnique", prakerja.IndexKK, Index("kk", v.KK), prakerja.CodeInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := s.RegistrationByIndex(context.Background(), tt.field, tt.index)
				WantCode(t, err, tt.want)
				if tt.want == "" {
					diff(t, "record", r, nr.Record)
				}
			})
		}
	})
	t.Run("CountByKK", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		family := Unique().KK
		for range 3 {
			v := Unique()
			v.KK = family
			MustCreate(t, s, v)
		}
		MustCreate(t, s, Unique())
		for _, tt := range []struct {
			name string
			kk   int64
			want int64
		}{{"Family", family, 3}, {"Unknown", -1, 0}} {
			t.Run(tt.name, func(t *testing.T) {
				n, err := s.CountByKK(context.Background(), Index("kk", tt.kk))
				must(t, err)
				if n != tt.want {
					t.Fatalf("CountByKK = %d, want %d", n, tt.want)
				}
			})
		}
	})
	t.Run("FunnelEmpty", func(t *testing.T) {
		t.Parallel()
		got, err := open(t).Funnel(context.Background())
		must(t, err)
		diff(t, "funnel", got, prakerja.FunnelCounts{}) // an empty map means an empty database
	})
}
