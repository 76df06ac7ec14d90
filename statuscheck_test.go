package prakerja_test

import (
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TestPublicStatusOf covers every public status word from a registration
// status and the newest joined wave.
func TestPublicStatusOf(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 4, 16, 3, 0, 0, 0, time.UTC)
	open := &prakerja.Wave{OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour)}
	closed := &prakerja.Wave{OpensAt: now.Add(-2 * time.Hour), ClosesAt: now.Add(-time.Hour)}
	drawn := &prakerja.Wave{OpensAt: now.Add(-2 * time.Hour), ClosesAt: now.Add(-time.Hour), SelectedAt: now}
	tests := []struct {
		name   string
		status prakerja.RegistrationStatus
		wave   *prakerja.Wave
		want   prakerja.PublicStatus
	}{
		{"Registered", prakerja.StatusPhoneVerified, nil, prakerja.PublicRegistered},
		{"Verified", prakerja.StatusEligible, nil, prakerja.PublicVerified},
		{"NotEligible", prakerja.StatusIneligible, nil, prakerja.PublicNotEligible},
		{"InSelection", prakerja.StatusEligible, open, prakerja.PublicInSelection},
		{"UnderEvaluation", prakerja.StatusEligible, closed, prakerja.PublicUnderEvaluation},
		{"NotSelected", prakerja.StatusEligible, drawn, prakerja.PublicNotSelected},
		{"Selected", prakerja.StatusSelected, drawn, prakerja.PublicSelected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := prakerja.PublicStatusOf(tt.status, tt.wave, now); got != tt.want {
				t.Errorf("PublicStatusOf(%s) = %q, want %q", tt.status, got, tt.want)
			}
		})
	}
}
