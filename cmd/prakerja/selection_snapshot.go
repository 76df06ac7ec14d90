package main

import (
	"context"
	"encoding/binary"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/selection"
)

// HMAC purposes of the selection's keyed values. The wave ID is hashed in
// too, so one registrant's pseudonyms in two waves cannot be linked by
// anyone without the key (whether a person joined again after losing is
// nobody's business).
const (
	pseudonymPurpose = "selection/pseudonym/v1"
	familyPurpose    = "selection/family/v1"
)

// tierDefault is every applicant's priority tier for now: nominations
// (issue 4 item 3) will put nominees in tier 0.
const tierDefault = 1

// joiner is what the run keeps of one join besides its snapshot line: the
// registration it announces to and where.
type joiner struct {
	registrationID int64
	phone          []byte // sealed phone, copied unopened into the outbox
}

// frozen is the snapshot with the way back from a pseudonym to its join.
type frozen struct {
	snap    *selection.Snapshot
	joiners map[selection.Pseudonym]joiner
}

// freezeApplicants streams the wave's joins into the anonymised snapshot.
func freezeApplicants(ctx context.Context, store prakerja.SelectionStore, keys *pii.Keyring, waveID int64) (*frozen, error) {
	var apps []selection.Applicant
	joiners := map[selection.Pseudonym]joiner{}
	err := store.SelectionApplicants(ctx, waveID, func(a *prakerja.SelectionApplicant) error {
		app := snapshotLine(keys, waveID, a)
		apps = append(apps, app)
		joiners[app.Pseudonym] = joiner{registrationID: a.RegistrationID, phone: a.Phone.Ciphertext}
		return nil
	})
	if err != nil {
		return nil, err
	}
	snap, err := selection.NewSnapshot(apps)
	if err != nil {
		return nil, err
	}
	return &frozen{snap: snap, joiners: joiners}, nil
}

// snapshotLine derives one applicant's anonymised line. A winner already
// recorded (status selected, outcome selected) was eligible when drawn,
// so a re-run rebuilds the line it had.
func snapshotLine(keys *pii.Keyring, waveID int64, a *prakerja.SelectionApplicant) selection.Applicant {
	wave := binary.BigEndian.AppendUint64(nil, uint64(waveID))
	reg := binary.BigEndian.AppendUint64(nil, uint64(a.RegistrationID))
	app := selection.Applicant{Region: a.Region, Tier: tierDefault}
	copy(app.Pseudonym[:], keys.HMAC(pseudonymPurpose, wave, reg))
	if len(a.KKIndex) > 0 {
		copy(app.Family[:], keys.HMAC(familyPurpose, wave, a.KKIndex))
	} else {
		// No KK: a family of one, keyed apart from every KK index.
		copy(app.Family[:], keys.HMAC(familyPurpose, wave, nil, reg))
	}
	app.Eligible = a.Status == prakerja.StatusEligible ||
		a.Status == prakerja.StatusSelected && a.Outcome == prakerja.OutcomeSelected
	if !app.Eligible {
		app.Reasons = snapshotReasons(a)
	}
	return app
}

// snapshotReasons are the reason codes of an ineligible line: the stored
// codes, or the status itself ("status_identity_failed") when it has none,
// cut to the snapshot's limit on whole codes.
func snapshotReasons(a *prakerja.SelectionApplicant) string {
	codes := a.Reasons
	if len(codes) == 0 {
		codes = []string{"status_" + string(a.Status)}
	}
	out := ""
	for _, c := range codes {
		if !isReasonCode(c) || len(out)+len(c)+1 > selection.ReasonsMax {
			continue
		}
		if out != "" {
			out += ";"
		}
		out += c
	}
	if out == "" {
		out = "not_eligible"
	}
	return out
}

// isReasonCode reports a code of [a-z0-9_], the snapshot's alphabet.
func isReasonCode(s string) bool {
	return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == ""
}
