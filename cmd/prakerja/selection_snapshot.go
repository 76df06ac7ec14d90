package main

import (
	"context"
	"encoding/binary"
	"fmt"
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

// tierDefault is the priority tier of an applicant no institution
// nominated; a nominee takes the tier of their nomination (issue 4 item
// 3), prakerja.TierNominated today.
const tierDefault = prakerja.TierGeneral

// snapshotStore is what freezing a wave reads: the joins and the current
// nomination lists.
type snapshotStore interface {
	prakerja.SelectionStore
	prakerja.NominationStore
}

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

// freezeApplicants streams the wave's joins into the anonymised snapshot,
// then gives each nominee the tier of their nomination.
func freezeApplicants(ctx context.Context, store snapshotStore, keys *pii.Keyring, waveID int64) (*frozen, error) {
	var apps []selection.Applicant
	var nikIndexes [][]byte // parallel to apps
	joiners := map[selection.Pseudonym]joiner{}
	err := store.SelectionApplicants(ctx, waveID, func(a *prakerja.SelectionApplicant) error {
		app := snapshotLine(keys, waveID, a)
		apps = append(apps, app)
		nikIndexes = append(nikIndexes, a.NIKIndex)
		joiners[app.Pseudonym] = joiner{registrationID: a.RegistrationID, phone: a.Phone.Ciphertext}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := applyNominations(ctx, store, apps, nikIndexes); err != nil {
		return nil, err
	}
	snap, err := selection.NewSnapshot(apps)
	if err != nil {
		return nil, err
	}
	return &frozen{snap: snap, joiners: joiners}, nil
}

// applyNominations sets the tier of every nominated applicant, looking the
// NIK indexes up in batches of prakerja.NominationTiersMax after the joins
// are read (a lookup inside SelectionApplicants' callback would hold its
// cursor open meanwhile). A join without a NIK index keeps tierDefault.
func applyNominations(ctx context.Context, store prakerja.NominationStore, apps []selection.Applicant, nikIndexes [][]byte) error {
	if len(apps) != len(nikIndexes) {
		panic("applyNominations: apps and nikIndexes differ in length")
	}
	for start := 0; start < len(apps); start += prakerja.NominationTiersMax {
		end := min(start+prakerja.NominationTiersMax, len(apps))
		batch := make([][]byte, 0, end-start)
		for _, idx := range nikIndexes[start:end] {
			if len(idx) > 0 {
				batch = append(batch, idx)
			}
		}
		tiers, err := store.NominationTiers(ctx, batch)
		if err != nil {
			return fmt.Errorf("nomination tiers: %w", err)
		}
		for i := start; i < end; i++ {
			tier, ok := tiers[string(nikIndexes[i])]
			if ok && len(nikIndexes[i]) > 0 && tier >= 0 && tier < int(apps[i].Tier) {
				apps[i].Tier = uint8(tier)
			}
		}
	}
	return nil
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
