package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	sqlRegistrationForJoin = `SELECT status, domicile_district, withdrawn_at IS NOT NULL FROM registrations WHERE id = ?`
	sqlExistingJoin        = `SELECT region, joined_at FROM wave_joins WHERE wave_id = ? AND registration_id = ?`
	// sqlOtherOpenJoin finds a join of the registration in another wave
	// that has not closed at now and has not been drawn.
	sqlOtherOpenJoin = `SELECT j.wave_id FROM wave_joins j JOIN waves w ON w.id = j.wave_id
	WHERE j.registration_id = ? AND j.wave_id <> ? AND w.closes_at > ? AND w.selected_at IS NULL LIMIT 1`
	sqlInsertJoin = `INSERT INTO wave_joins (wave_id, registration_id, region, joined_at) VALUES (?, ?, ?, ?)
	ON CONFLICT DO NOTHING`
	sqlJoinsOf = `SELECT wave_id, registration_id, region, joined_at FROM wave_joins
	WHERE registration_id = ? ORDER BY wave_id DESC LIMIT ?`
	sqlJoinCounts = `SELECT region, count(*) FROM wave_joins WHERE wave_id = ? GROUP BY region`
)

// JoinWave enters a registration into an open wave. Every check runs in
// one write transaction with the caller's now: the registration row is
// locked first (FOR UPDATE on PostgreSQL; SQLite's single writer is serial
// already), so concurrent joins of one registrant queue and the primary
// key of wave_joins keeps one row. A repeated join returns the stored one.
// Returns CodeNotFound, CodeWaveNotOpen, CodeWaveClosed, CodeNotVerified,
// CodeTestNotPassed, CodeOutsideRegion or CodeOtherWaveJoined.
func (s *Store) JoinWave(ctx context.Context, waveID, registrationID int64, now time.Time) (*prakerja.WaveJoin, bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var (
		join    *prakerja.WaveJoin
		created bool
	)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		join, created, err = s.joinTx(ctx, tx, waveID, registrationID, now)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("join wave %d: %w", waveID, err)
	}
	return join, created, nil
}

// joinTx is JoinWave's transaction body.
func (s *Store) joinTx(ctx context.Context, tx *sql.Tx, waveID, regID int64, now time.Time) (*prakerja.WaveJoin, bool, error) {
	var status, district string
	var withdrawn bool
	err := tx.QueryRowContext(ctx, s.wq().registrationForJoin, regID).Scan(&status, &district, &withdrawn)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", regID)
	}
	if err != nil {
		return nil, false, fmt.Errorf("registration: %w", err)
	}
	w, err := s.waveOn(ctx, tx, waveID)
	if err != nil {
		return nil, false, err
	}
	if j, err := s.existingJoin(ctx, tx, waveID, regID); err != nil || j != nil {
		return j, false, err
	}
	if withdrawn {
		return nil, false, prakerja.Errorf(prakerja.CodeNotVerified, "The registration was withdrawn at its holder's request and takes part in no wave.")
	}
	region, err := s.mayJoin(ctx, tx, w, regID, prakerja.RegistrationStatus(status), district, now)
	if err != nil {
		return nil, false, err
	}
	j := &prakerja.WaveJoin{WaveID: waveID, RegistrationID: regID, Region: region, JoinedAt: utcMicro(now)}
	if _, err := tx.ExecContext(ctx, s.wq().insertJoin, waveID, regID, region, now.UnixMicro()); err != nil {
		return nil, false, fmt.Errorf("insert join: %w", err)
	}
	return j, true, nil
}

// existingJoin returns the stored join of regID in a wave, or nil.
func (s *Store) existingJoin(ctx context.Context, tx *sql.Tx, waveID, regID int64) (*prakerja.WaveJoin, error) {
	j := &prakerja.WaveJoin{WaveID: waveID, RegistrationID: regID}
	var at int64
	err := tx.QueryRowContext(ctx, s.wq().existingJoin, waveID, regID).Scan(&j.Region, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("existing join: %w", err)
	}
	j.JoinedAt = timeOf(at)
	return j, nil
}

// mayJoin applies the rules of joining in the order a registrant can act
// on them: the wave's time first (nothing they can do), then their own
// status, test and domicile, then the one-open-wave rule. It returns the
// region the join counts under.
func (s *Store) mayJoin(ctx context.Context, tx *sql.Tx, w *prakerja.Wave, regID int64, status prakerja.RegistrationStatus, district string, now time.Time) (string, error) {
	switch w.Status(now) {
	case prakerja.WaveUpcoming:
		return "", prakerja.Errorf(prakerja.CodeWaveNotOpen, "The wave opens at %s.", w.OpensAt.In(prakerja.WIB).Format(waveTimeLayout))
	case prakerja.WaveClosed, prakerja.WaveSelected:
		return "", prakerja.Errorf(prakerja.CodeWaveClosed, "The wave closed at %s.", w.ClosesAt.In(prakerja.WIB).Format(waveTimeLayout))
	}
	if status != prakerja.StatusEligible {
		return "", prakerja.Errorf(prakerja.CodeNotVerified, "Only a verified, eligible registration may join a wave.")
	}
	if err := s.requirePassedTest(ctx, tx, regID); err != nil {
		return "", err
	}
	region, ok := w.RegionOf(district)
	if !ok {
		return "", prakerja.Errorf(prakerja.CodeOutsideRegion, "The wave is not open to the registration's domicile.")
	}
	var other int64
	err := tx.QueryRowContext(ctx, s.wq().otherOpenJoin, regID, w.ID, now.UnixMicro()).Scan(&other)
	if err == nil {
		return "", prakerja.Errorf(prakerja.CodeOtherWaveJoined, "Already joined wave %d, which has not closed.", other)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("other joins: %w", err)
	}
	return region, nil
}

// waveTimeLayout shows a wave's instants in messages, in WIB.
const waveTimeLayout = "2006-01-02 15:04:05 WIB"

// WaveJoinsOf lists a registration's joins, newest wave first, at most
// prakerja.WavesPageMax.
func (s *Store) WaveJoinsOf(ctx context.Context, registrationID int64) ([]prakerja.WaveJoin, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.wq().joinsOf, registrationID, prakerja.WavesPageMax)
	if err != nil {
		return nil, fmt.Errorf("wave joins: %w", err)
	}
	defer rows.Close()
	var out []prakerja.WaveJoin
	for rows.Next() {
		var j prakerja.WaveJoin
		var at int64
		if err := rows.Scan(&j.WaveID, &j.RegistrationID, &j.Region, &at); err != nil {
			return nil, fmt.Errorf("wave joins: %w", err)
		}
		j.JoinedAt = timeOf(at)
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("wave joins: %w", err)
	}
	return out, nil
}

// WaveJoinCounts counts a wave's joins per region. Returns CodeNotFound.
func (s *Store) WaveJoinCounts(ctx context.Context, waveID int64) (map[string]int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if _, err := s.waveOn(ctx, s.reader, waveID); err != nil {
		return nil, err
	}
	rows, err := s.reader.QueryContext(ctx, s.wq().joinCounts, waveID)
	if err != nil {
		return nil, fmt.Errorf("wave join counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var region string
		var n int64
		if err := rows.Scan(&region, &n); err != nil {
			return nil, fmt.Errorf("wave join counts: %w", err)
		}
		out[region] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("wave join counts: %w", err)
	}
	return out, nil
}
