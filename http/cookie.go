package http

import (
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
)

// sessionCookie holds only the session's random token; the service stores
// its hash, so a stolen database cannot be replayed as cookies and logout is
// a real server-side revocation.
const sessionCookie = "prakerja_session"

// langCookie remembers a chosen language across pages.
const langCookie = "lang"

// setSessionCookie sets the session cookie: HttpOnly so page scripts (we
// have none, but injected ones could) cannot read it, SameSite=Lax so other
// sites cannot post with it, Secure when served over HTTPS.
func (s *Server) setSessionCookie(w http.ResponseWriter, tok *prakerja.SessionToken) {
	maxAge := int(tok.ExpiresAt.Sub(s.clock.Now()).Seconds())
	if maxAge < 1 {
		maxAge = 1
	}
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    tok.Token,
		Path:     "/",
		Expires:  tok.ExpiresAt.UTC(),
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}

// clearSessionCookie tells the browser to drop the session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    "",
		Path:     "/",
		Expires:  time.Unix(0, 0).UTC(),
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}

// sessionToken returns the session cookie's value, or "".
func sessionToken(r *http.Request) string {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return ""
	}
	return c.Value
}

// setLangCookie remembers the chosen language for a year. It is not
// HttpOnly-sensitive data, but stays SameSite=Lax and Secure like the rest.
func (s *Server) setLangCookie(w http.ResponseWriter, l locale) {
	http.SetCookie(w, &http.Cookie{
		Name:     langCookie,
		Value:    string(l),
		Path:     "/",
		MaxAge:   langCookieMaxAge,
		HttpOnly: true,
		Secure:   s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}
