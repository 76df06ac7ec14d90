package http

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// ageWords says how long ago t was, in two units at most ("2 hari 3 jam"),
// and when, on the programme's clock ("sejak 16 Apr 10:00 WIB"): an
// operator reads "how bad is it" first and "since when" second.
func ageWords(loc locale, d time.Duration, now time.Time) string {
	if d <= 0 {
		return "—"
	}
	since := now.Add(-d).In(prakerja.WIB).Format("02 Jan 15:04") + " WIB"
	var age string
	switch {
	case d >= 24*time.Hour:
		age = loc.T("age.dh", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	case d >= time.Hour:
		age = loc.T("age.hm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	default:
		age = loc.T("age.ms", int(d/time.Minute), int(d%time.Minute/time.Second))
	}
	return age + " (" + loc.T("age.since", since) + ")"
}

// statusWords is a status as an operator or registrant reads it; a status
// this build does not know shows as its code.
func statusWords(loc locale, st prakerja.RegistrationStatus) string {
	if msg, ok := messages[loc]["status."+string(st)]; ok {
		return msg
	}
	return string(st)
}

// partyView is one registration as a review row shows it: enough to compare
// two registrations (masked name, birth date, status), nothing to reuse.
type partyView struct {
	ID        int64
	Name      string
	BirthDate string
	Status    string
}

// parties loads the registrations a page names, each once; one that cannot
// be read shows its id only, so one bad row does not hide the queue.
type parties struct {
	s    *Server
	loc  locale
	seen map[int64]partyView
}

func (s *Server) parties(loc locale) *parties {
	return &parties{s: s, loc: loc, seen: map[int64]partyView{}}
}

func (p *parties) get(ctx context.Context, id int64) partyView {
	if v, ok := p.seen[id]; ok {
		return v
	}
	v := partyView{ID: id}
	if id > 0 {
		if rec, err := p.s.store.Registration(ctx, id); err == nil {
			v.Name, v.BirthDate, v.Status = maskName(rec.FullName), rec.BirthDate, statusWords(p.loc, rec.Status)
		}
	}
	p.seen[id] = v
	return v
}
