package prakerja

import "time"

// PublicStatus is the one word the public status check answers with: the
// programme's own status names, nothing more, because anyone who knows a
// NIK and a birth date may ask.
type PublicStatus string

// Public statuses, in the programme's words (DOMAIN §2.4): "Terdaftar",
// "Terverifikasi", "Tidak Memenuhi Syarat", "Ikut Seleksi", "Sedang
// Dievaluasi", "Lolos", "Tidak Lolos".
const (
	PublicRegistered      PublicStatus = "registered"       // account made, verification not finished
	PublicVerified        PublicStatus = "verified"         // identity and eligibility passed; no wave joined
	PublicNotEligible     PublicStatus = "not_eligible"     // identity or eligibility failed
	PublicInSelection     PublicStatus = "in_selection"     // joined a wave that is open
	PublicUnderEvaluation PublicStatus = "under_evaluation" // the joined wave closed; no draw yet
	PublicSelected        PublicStatus = "selected"         // drawn: a participant
	PublicNotSelected     PublicStatus = "not_selected"     // the joined wave was drawn without them
)

// PublicStatusOf derives the public status from a registration's status
// and the newest wave it joined (nil when none) at now. A selected
// registrant is "Lolos" whatever the wave; a registrant whose newest wave
// has been drawn but who is still eligible was not selected, because a
// draw moves its winners to StatusSelected in the same transaction.
func PublicStatusOf(status RegistrationStatus, newest *Wave, now time.Time) PublicStatus {
	switch status {
	// Extension point: statuses of later stages (training, revocation)
	// belong here; a participant must never fall through to the wave
	// rules below, which would call them not selected.
	case StatusSelected:
		return PublicSelected
	case StatusIdentityFailed, StatusIneligible:
		if newest == nil {
			return PublicNotEligible
		}
	case StatusRegistered, StatusEmailVerified, StatusPhoneVerified:
		return PublicRegistered
	}
	if newest == nil {
		return PublicVerified
	}
	switch newest.Status(now) {
	case WaveSelected:
		return PublicNotSelected
	case WaveClosed:
		return PublicUnderEvaluation
	}
	return PublicInSelection
}
