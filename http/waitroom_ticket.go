package http

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// The ticket travels in a cookie for browsers and in a header for API
// clients, which often keep no cookies; either is accepted back.
const (
	ticketCookie = "prakerja_antrean"
	ticketHeader = "Queue-Ticket"
	// ticketLen is the encoded ticket: 16 bytes of payload and a 16-byte
	// HMAC-SHA256 tag, base64url without padding. Anything else is not a
	// ticket, so a long forged value costs no hashing.
	ticketLen = 43
)

// ticket is a place in the queue: its number and when it was given out.
// It names no one; the signature only stops clients from choosing their
// own number.
type ticket struct {
	number uint64
	issued int64 // unix seconds
}

// encodeTicket signs t with the room's per-process key.
func (room *waitRoom) encodeTicket(t ticket) string {
	var b [32]byte
	binary.BigEndian.PutUint64(b[:8], t.number)
	binary.BigEndian.PutUint64(b[8:16], uint64(t.issued))
	copy(b[16:], room.tag(b[:16]))
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// decodeTicket checks v's signature and age; a forged, altered, foreign
// (another process's) or expired ticket is no ticket.
func (room *waitRoom) decodeTicket(v string, now time.Time) (ticket, bool) {
	if len(v) != ticketLen {
		return ticket{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || len(b) != 32 || !hmac.Equal(b[16:], room.tag(b[:16])) {
		return ticket{}, false
	}
	t := ticket{number: binary.BigEndian.Uint64(b[:8]), issued: int64(binary.BigEndian.Uint64(b[8:16]))}
	age := now.Sub(time.Unix(t.issued, 0))
	if t.number == 0 || age < -time.Minute || age > ticketTTL {
		return ticket{}, false
	}
	return t, true
}

func (room *waitRoom) tag(payload []byte) []byte {
	mac := hmac.New(sha256.New, room.key)
	mac.Write(payload)
	return mac.Sum(nil)[:16]
}

// readTicket returns the request's valid ticket from the header or the
// cookie, header first.
func (room *waitRoom) readTicket(r *http.Request, now time.Time) (ticket, bool) {
	if v := r.Header.Get(ticketHeader); v != "" {
		if t, ok := room.decodeTicket(v, now); ok {
			return t, true
		}
	}
	if c, err := r.Cookie(ticketCookie); err == nil {
		return room.decodeTicket(c.Value, now)
	}
	return ticket{}, false
}

// issue gives out the next ticket.
func (room *waitRoom) issue(now time.Time) ticket {
	room.mu.Lock()
	defer room.mu.Unlock()
	room.issued++
	return ticket{number: room.issued, issued: now.Unix()}
}

// setTicket sends t back in both the cookie and the header.
func (room *waitRoom) setTicket(w http.ResponseWriter, t ticket) {
	v := room.encodeTicket(t)
	w.Header().Set(ticketHeader, v)
	http.SetCookie(w, &http.Cookie{
		Name:     ticketCookie,
		Value:    v,
		Path:     "/",
		MaxAge:   int(ticketTTL.Seconds()),
		HttpOnly: true,
		Secure:   room.secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// admitRate counts admissions in the current and the previous second, to
// turn a queue position into a Retry-After.
type admitRate struct {
	sec       int64
	cur, prev int
}

func (a *admitRate) add(now time.Time) {
	a.roll(now.Unix())
	a.cur++
}

func (a *admitRate) roll(s int64) {
	if s == a.sec {
		return
	}
	if s == a.sec+1 {
		a.prev = a.cur
	} else {
		a.prev = 0
	}
	a.sec, a.cur = s, 0
}

// perSecond is the admissions of the last full second, or of this one if
// it already has more; at least 1.
func (a *admitRate) perSecond(now time.Time) int {
	a.roll(now.Unix())
	return max(a.prev, a.cur, 1)
}

// waitRoomMetrics are the room's series; the gauges read the room.
type waitRoomMetrics struct {
	admitted   prometheus.Counter
	turnedAway prometheus.Counter
}

func newWaitRoomMetrics() waitRoomMetrics {
	return waitRoomMetrics{
		admitted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "prakerja_waitroom_admitted_total",
			Help: "Public requests the waiting room let through.",
		}),
		turnedAway: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "prakerja_waitroom_turned_away_total",
			Help: "Public requests answered 503 with a queue position because the server was at capacity.",
		}),
	}
}

// register adds the room's series to reg.
func (room *waitRoom) register(reg *prometheus.Registry) {
	room.m.admitted = register(reg, room.m.admitted)
	room.m.turnedAway = register(reg, room.m.turnedAway)
	gauge := func(name, help string, f func() float64) {
		register(reg, prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f))
	}
	gauge("prakerja_waitroom_in_flight", "Public requests being served now (at most the capacity).", func() float64 {
		n, _ := room.snapshot()
		return float64(n)
	})
	gauge("prakerja_waitroom_queue_length", "Tickets given out whose turn has not come yet.", func() float64 {
		_, q := room.snapshot()
		return float64(q)
	})
	gauge("prakerja_waitroom_limit", "Public requests served at once now: the capacity, or less while admitted requests are slow.", func() float64 {
		room.mu.Lock()
		defer room.mu.Unlock()
		return float64(room.limit)
	})
	gauge("prakerja_waitroom_capacity", "Public requests the server serves at once.", func() float64 {
		return float64(room.cfg.Capacity)
	})
}
