package sqldb

import (
	"context"
	"fmt"
	"slices"

	"github.com/prakerja/prakerja"
)

// DedupPageMax is how many registrations DedupPeople reads per query:
// memory stays bounded and no read holds a snapshot for the whole stream.
const DedupPageMax = 5000

// KKChunkMax bounds the KK indexes one KKParticipants query lists.
const KKChunkMax = 500

// dedupStatuses are the statuses past the identity step whose people
// duplicate detection compares.
var dedupStatuses = []prakerja.RegistrationStatus{
	prakerja.StatusIdentityVerified, prakerja.StatusEligible, prakerja.StatusIneligible,
}

// sqlDedupPage walks the primary key from a page's last id. The status
// test appends an empty string to status so that no planner uses the
// status index instead: that would read every registration in those
// statuses and sort them for each page (SQLite did: 5 s instead of 0.9 s
// for a million registrations).
const sqlDedupPage = `SELECT id, nik_idx, kk_idx, phone_idx, full_name, birth_date FROM registrations
	WHERE id > ? AND status || '' IN (?, ?, ?) ORDER BY id LIMIT ?`

// DedupPeople streams the registrations in dedupStatuses to fn in id
// order, a page at a time; fn runs while no query is open. It stops at
// fn's first error and returns it.
func (s *Store) DedupPeople(ctx context.Context, fn func(prakerja.DedupPerson) error) error {
	var after int64
	for {
		page, err := s.dedupPage(ctx, after)
		if err != nil {
			return fmt.Errorf("dedup people: %w", err)
		}
		for _, p := range page {
			if err := fn(p); err != nil {
				return err
			}
		}
		if len(page) < DedupPageMax {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

func (s *Store) dedupPage(ctx context.Context, after int64) ([]prakerja.DedupPerson, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.q.dedupPage, after, string(dedupStatuses[0]),
		string(dedupStatuses[1]), string(dedupStatuses[2]), DedupPageMax)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := make([]prakerja.DedupPerson, 0, DedupPageMax)
	for rows.Next() {
		var p prakerja.DedupPerson
		if err := rows.Scan(&p.ID, &p.NIKIndex, &p.KKIndex, &p.PhoneIndex, &p.FullName, &p.BirthDate); err != nil {
			return nil, err
		}
		page = append(page, p)
	}
	return page, rows.Err()
}

// KKParticipants counts, per KK blind index, the registrations in
// prakerja.ParticipantStatuses sharing it. With no participant statuses
// (before selection exists) nobody counts, and no query runs. Returns
// CodeInvalid for more than prakerja.ClaimMax indexes.
func (s *Store) KKParticipants(ctx context.Context, kkIndexes [][]byte) (map[string]int, error) {
	if len(kkIndexes) > prakerja.ClaimMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "At most %d KK indexes per call.", prakerja.ClaimMax)
	}
	counts := map[string]int{}
	statuses := prakerja.ParticipantStatuses
	if len(statuses) == 0 || len(kkIndexes) == 0 {
		return counts, nil
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	for chunk := range slices.Chunk(kkIndexes, KKChunkMax) {
		if err := s.kkChunk(ctx, statuses, chunk, counts); err != nil {
			return nil, fmt.Errorf("kk participants: %w", err)
		}
	}
	return counts, nil
}

func (s *Store) kkChunk(ctx context.Context, statuses []prakerja.RegistrationStatus, chunk [][]byte, counts map[string]int) error {
	query := s.dialect.rebind(`SELECT kk_idx, count(*) FROM registrations WHERE status IN (` +
		placeholders(len(statuses)) + `) AND kk_idx IN (` + placeholders(len(chunk)) + `) GROUP BY kk_idx`)
	args := make([]any, 0, len(statuses)+len(chunk))
	for _, st := range statuses {
		args = append(args, string(st))
	}
	for _, kk := range chunk {
		args = append(args, kk)
	}
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var kk []byte
		var n int
		if err := rows.Scan(&kk, &n); err != nil {
			return err
		}
		counts[string(kk)] = n
	}
	return rows.Err()
}
