package http

import (
	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// reasonJSON is one reason a registration stands where it does, in the
// request's language: the stable code for clients and a sentence for people.
type reasonJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ruleTexts maps each eligibility rule code of a scheme to its message with
// the scheme's numbers filled in, so that the registrant reads the rule the
// pipeline applied and not a second copy that could disagree with it.
func ruleTexts(sch *scheme.Scheme) map[string]scheme.Message {
	if sch == nil {
		return nil
	}
	out := make(map[string]scheme.Message, len(sch.Eligibility.Rules))
	for _, r := range sch.Eligibility.Rules {
		out[r.Code] = scheme.Message{ID: sch.Eligibility.Expand(r.Message.ID), EN: sch.Eligibility.Expand(r.Message.EN)}
	}
	return out
}

// reasonText translates a reason code: identity and review codes from our
// messages, eligibility codes from the scheme's rules, and an unknown code
// (a scheme changed, or none was wired) as the bare code, which is still
// something a registrant can quote to the helpdesk.
func (s *Server) reasonText(loc locale, code string) string {
	if msg, ok := messages[loc]["reason."+code]; ok {
		return msg
	}
	if m, ok := s.rules[code]; ok {
		if loc == localeEN && m.EN != "" {
			return m.EN
		}
		if m.ID != "" {
			return m.ID
		}
	}
	return code
}

// failing reports whether a status is one whose reasons the registrant
// should see.
func failing(st prakerja.RegistrationStatus) bool {
	return st == prakerja.StatusIdentityFailed || st == prakerja.StatusIneligible
}

// reasonsOf lists a registration's reasons translated; never nil, so the
// JSON answer always carries an array.
func (s *Server) reasonsOf(loc locale, reg *prakerja.Registration) []reasonJSON {
	out := []reasonJSON{}
	if !failing(reg.Status) {
		return out
	}
	for _, code := range reg.Reasons {
		out = append(out, reasonJSON{Code: code, Message: s.reasonText(loc, code)})
	}
	return out
}
