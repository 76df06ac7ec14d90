package http

import (
	"bytes"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// waitRoomType is the problem type of a turned-away API request. Its code
// stays "unavailable" (overloaded), from the closed set; the type and the
// position and retry_after members say it is the waiting room.
const waitRoomType = problemTypeBase + "waiting_room"

// waitRoomProblem is the RFC 9457 answer to a turned-away API request.
type waitRoomProblem struct {
	Problem
	// Position is the client's place in the queue; 1 is next.
	Position uint64 `json:"position"`
	// RetryAfter repeats the Retry-After header, in seconds.
	RetryAfter int `json:"retry_after"`
	// Ticket keeps the place: send it back in the Queue-Ticket header.
	Ticket string `json:"ticket"`
}

// turnAway answers a request the room could not admit: 503, Retry-After,
// a ticket, and the position as a problem document or a small page. It
// touches neither the database nor the page templates, so it stays cheap
// however many are turned away.
func (room *waitRoom) turnAway(w http.ResponseWriter, r *http.Request, t ticket, held bool, now time.Time) {
	if !held {
		t = room.issue(now)
	}
	pos, wait := room.place(t, now)
	room.m.turnedAway.Inc()
	room.setTicket(w, t)
	secs := int(math.Ceil(wait.Seconds()))
	hdr := w.Header()
	hdr.Set("Retry-After", strconv.Itoa(secs))
	hdr.Set("Cache-Control", "no-store")
	loc := localeFor(r)
	if wantsProblem(r) {
		p := waitRoomProblem{
			Problem: Problem{Type: waitRoomType, Title: loc.T("waitroom.title"), Status: http.StatusServiceUnavailable,
				Code: prakerja.CodeUnavailable, Detail: loc.T("waitroom.detail", pos, secs)},
			Position: pos, RetryAfter: secs, Ticket: hdr.Get(ticketHeader),
		}
		writeJSONAs(w, http.StatusServiceUnavailable, contentTypeProblem, p)
		return
	}
	writeWaitRoomPage(w, loc, pos, secs)
}

// place returns t's position (1 when its turn has come) and how long to
// wait, from the recent rate of admissions, between 1 s and retryAfterMax.
func (room *waitRoom) place(t ticket, now time.Time) (uint64, time.Duration) {
	room.mu.Lock()
	defer room.mu.Unlock()
	pos := uint64(1)
	if t.number > room.serving {
		pos = t.number - room.serving
	}
	rate := room.rate.perSecond(now)
	wait := time.Duration(math.Ceil(float64(pos)/float64(rate))) * time.Second
	return pos, min(max(wait, time.Second), retryAfterMax)
}

// wantsProblem says whether r is an API client: an /api/ path, or JSON
// accepted and HTML not.
func wantsProblem(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "json") && !strings.Contains(accept, "text/html")
}

// waitRoomPage is deliberately tiny and self-contained (no layout, no
// stylesheet, no script): it is what the rush receives, by the thousand.
// The meta refresh brings the browser back once Retry-After has passed.
var waitRoomPage = template.Must(template.New("waitroom").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{{.Secs}}">
<title>{{.Title}}</title></head>
<body style="font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<h1>{{.Title}}</h1>
<p><strong>{{.Position}}</strong></p>
<p>{{.Refresh}}</p>
<p>{{.Safe}}</p>
<p><a href="?lang={{.Other}}">{{.OtherName}}</a></p>
</body></html>
`))

// waitRoomPageView fills waitRoomPage in one language.
type waitRoomPageView struct {
	Lang, Title, Position, Refresh, Safe, Other, OtherName string
	Secs                                                   int
}

// waitRoomPageCSP allows the page's one inline style attribute and nothing
// else.
const waitRoomPageCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"

func writeWaitRoomPage(w http.ResponseWriter, loc locale, pos uint64, secs int) {
	other, otherName := localeEN, "English"
	if loc == localeEN {
		other, otherName = localeID, "Bahasa Indonesia"
	}
	v := waitRoomPageView{
		Lang: string(loc), Title: loc.T("waitroom.title"), Position: loc.T("waitroom.position", pos),
		Refresh: loc.T("waitroom.refresh", secs), Safe: loc.T("waitroom.safe"),
		Other: string(other), OtherName: otherName, Secs: secs,
	}
	var buf bytes.Buffer
	if err := waitRoomPage.Execute(&buf, v); err != nil {
		http.Error(w, loc.T("waitroom.title"), http.StatusServiceUnavailable)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Content-Security-Policy", waitRoomPageCSP)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write(buf.Bytes())
}
