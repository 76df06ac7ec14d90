package http

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
)

// waveJSON is a wave as the API shows it: instants in UTC, and the
// status the server's clock gives it now, so a client never has to
// compare clocks itself.
type waveJSON struct {
	ID           int64               `json:"id"`
	Name         string              `json:"name"`
	Scheme       string              `json:"scheme"`
	Status       prakerja.WaveStatus `json:"status"`
	OpensAt      time.Time           `json:"opens_at"`
	ClosesAt     time.Time           `json:"closes_at"`
	Quota        int                 `json:"quota"`
	RegionQuotas map[string]int      `json:"region_quotas"`
	Regions      []string            `json:"regions"`
}

// waveJoinJSON is one registrant's join.
type waveJoinJSON struct {
	WaveID   int64     `json:"wave_id"`
	Region   string    `json:"region"`
	JoinedAt time.Time `json:"joined_at"`
}

func waveJSONOf(w *prakerja.Wave, now time.Time) waveJSON {
	v := waveJSON{ID: w.ID, Name: w.Name, Scheme: w.Scheme, Status: w.Status(now), OpensAt: w.OpensAt.UTC(),
		ClosesAt: w.ClosesAt.UTC(), Quota: w.Quota, RegionQuotas: w.RegionQuotas, Regions: w.Regions}
	if v.RegionQuotas == nil {
		v.RegionQuotas = map[string]int{}
	}
	if v.Regions == nil {
		v.Regions = []string{}
	}
	return v
}

// apiWaves handles GET /api/v1/waves: the open and upcoming waves. Wave
// dates and quotas are public announcements, so no session is needed.
func (s *Server) apiWaves(w http.ResponseWriter, r *http.Request) error {
	waves, err := s.currentWaves(r)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	out := make([]waveJSON, 0, len(waves))
	for i := range waves {
		out = append(out, waveJSONOf(&waves[i], now))
	}
	writeJSON(w, http.StatusOK, map[string][]waveJSON{"waves": out})
	return nil
}

// currentWaves lists waves that have not closed by the server's clock.
func (s *Server) currentWaves(r *http.Request) ([]prakerja.Wave, error) {
	if s.waves == nil {
		return nil, prakerja.Errorf(prakerja.CodeUnavailable, "Waves are not available on this server yet.")
	}
	all, err := s.waves.Waves(r.Context(), s.clock.Now())
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, w := range all {
		if w.SelectedAt.IsZero() {
			out = append(out, w)
		}
	}
	return out, nil
}

// apiJoinWave handles POST /api/v1/waves/{id}/joins for the signed-in
// registrant. Joining has no input: the body is empty or {}. 201 answers
// a new join, 200 one that already existed, so a retry is harmless even
// without an Idempotency-Key.
func (s *Server) apiJoinWave(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req struct{}
	if err := decodeOptionalJSON(body, &req); err != nil {
		return err
	}
	join, created, err := s.joinWave(r, r.PathValue("id"), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, waveJoinJSON{WaveID: join.WaveID, Region: join.Region, JoinedAt: join.JoinedAt.UTC()})
	return nil
}

// joinWave parses the wave id and joins with the server's clock, read at
// the last moment before the store decides; the store compares it with
// the closing instant inside its transaction. The call is also bounded by
// the closing instant itself (see untilClose), so a join whose
// transaction is still running when the wave closes is rolled back and
// refused with wave_closed instead of committing late.
func (s *Server) joinWave(r *http.Request, rawID string, registrationID int64) (*prakerja.WaveJoin, bool, error) {
	if s.waves == nil {
		return nil, false, prakerja.Errorf(prakerja.CodeUnavailable, "Waves are not available on this server yet.")
	}
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil || id <= 0 {
		return nil, false, prakerja.Errorf(prakerja.CodeNotFound, "No such wave.")
	}
	wave, err := s.waves.Wave(r.Context(), id)
	if err != nil {
		return nil, false, err
	}
	ctx, cancel := s.untilClose(r.Context(), wave)
	defer cancel()
	join, created, err := s.waves.JoinWave(ctx, id, registrationID, s.clock.Now())
	if err != nil && errors.Is(context.Cause(ctx), errWaveClosing) {
		return nil, false, prakerja.Errorf(prakerja.CodeWaveClosed, "The wave closed while the join was being saved.")
	}
	return join, created, err
}

// errWaveClosing is the cause of a join's context ending at the close.
var errWaveClosing = errors.New("wave closed during the join")

// untilClose bounds ctx by the wave's closing instant as the server's
// clock places it: database/sql refuses to commit a transaction whose
// context is done. Waves already closed (or selected) are left to the
// store, which refuses them with its own code, and so are joins repeated
// after the close, which return the stored join.
func (s *Server) untilClose(ctx context.Context, w *prakerja.Wave) (context.Context, context.CancelFunc) {
	left := w.ClosesAt.Sub(s.clock.Now())
	if left <= 0 {
		return ctx, func() {}
	}
	return context.WithDeadlineCause(ctx, time.Now().Add(left), errWaveClosing)
}
