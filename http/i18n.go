package http

import (
	"fmt"
	"net/http"
	"strings"
)

// locale is a supported language: Bahasa Indonesia (the default, as for the
// programme itself) or English.
type locale string

const (
	localeID locale = "id"
	localeEN locale = "en"
)

// messages holds every user-facing string by locale and key. Error codes
// use the key "code.<code>"; a test checks that both languages have the
// same keys, the same format verbs, and a text for every code in codeStatus.
var messages = map[locale]map[string]string{
	localeID: messagesID,
	localeEN: messagesEN,
}

// T translates key, formatting args into it when given. A missing key shows
// as ⟦key⟧ so a test (and a reviewer) spots it on the page.
func (l locale) T(key string, args ...any) string {
	msg, ok := messages[l][key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// parseLocale accepts "id" or "en" (any case); "in" is the old ISO code for
// Indonesian that some older Android and Java clients still send.
func parseLocale(v string) (locale, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "id", "in":
		return localeID, true
	case "en":
		return localeEN, true
	}
	return "", false
}

// localeFor picks the request's language: ?lang=, then the lang cookie,
// then the first supported Accept-Language entry, then Indonesian.
func localeFor(r *http.Request) locale {
	if l, ok := parseLocale(r.URL.Query().Get("lang")); ok {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := parseLocale(c.Value); ok {
			return l
		}
	}
	return acceptLanguage(r.Header.Get("Accept-Language"))
}

// acceptLanguage returns the highest-weighted supported language; entries
// with q=0 are refused ones. Ties keep header order.
func acceptLanguage(header string) locale {
	best, bestQ := localeID, -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(tag, "-")
		l, ok := parseLocale(primary)
		if !ok {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
				continue
			}
		}
		if q > bestQ && q > 0 {
			best, bestQ = l, q
		}
	}
	return best
}
