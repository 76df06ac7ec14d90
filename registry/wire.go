package registry

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// Protocol limits, shared by Client and Simulator.
const (
	// VerifyPath is the batch verification endpoint.
	VerifyPath = "/v1/verify"
	// HealthPath answers 200 while the registry is up.
	HealthPath = "/healthz"
	// BatchMax is the most items one request may carry. A hundred keeps a
	// request near 15 KB and its answer near 10 KB: large enough that
	// per-request costs vanish, small enough that one retry repeats
	// little work.
	BatchMax = 100
	// requestBodyMax bounds a request body the simulator reads: BatchMax
	// items of the longest valid name (FullNameMax runes of up to 4 bytes)
	// plus JSON overhead fit well inside it.
	requestBodyMax = 256 << 10
	// responseBodyMax bounds an answer the client reads, for the same
	// reason in the other direction.
	responseBodyMax = 256 << 10
	// OccupationMax bounds the occupation text of an answer, in bytes;
	// Dukcapil's longest Pekerjaan is about 40.
	OccupationMax = 64
)

// dateLayout is the wire form of a birth date.
const dateLayout = time.DateOnly

// Wire statuses beyond the public Status values.
const wireInvalid = "invalid"

// wireItem is one request item on the wire.
type wireItem struct {
	NIK       string `json:"nik"`
	KK        string `json:"kk"`
	FullName  string `json:"full_name"`
	BirthDate string `json:"birth_date"`
}

// wireRequest is the body of POST /v1/verify.
type wireRequest struct {
	Items []wireItem `json:"items"`
}

// wireAnswer is one answer item on the wire.
type wireAnswer struct {
	Status    string  `json:"status"`
	Fields    *Fields `json:"fields,omitempty"`
	NameScore int     `json:"name_score,omitempty"`
	// Citizen and Occupation come with "match" and "mismatch"; Citizen is
	// a pointer so that an answer without it is told from a foreigner.
	Citizen    *bool  `json:"citizen,omitempty"`
	Occupation string `json:"occupation,omitempty"`
	Field      string `json:"field,omitempty"` // for status "invalid"
}

// wireResponse is the body of a 200 answer.
type wireResponse struct {
	Items []wireAnswer `json:"items"`
}

// wireError is the body of every error answer.
type wireError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// toWire turns a Request into its wire item. A zero birth date becomes ""
// so that validation refuses it.
func toWire(r Request) wireItem {
	it := wireItem{NIK: r.NIK, KK: r.KK, FullName: r.FullName}
	if !r.BirthDate.IsZero() {
		it.BirthDate = r.BirthDate.Format(dateLayout)
	}
	return it
}

// invalidField returns the JSON name of the first malformed field of it,
// or "" when it is well formed. Client and Simulator run the same check,
// so a malformed item is caught before it costs a round trip and the
// registry never trusts its callers either.
func (it *wireItem) invalidField() string {
	switch {
	case !sixteenDigits(it.NIK):
		return "nik"
	case !sixteenDigits(it.KK):
		return "kk"
	case NameKey(it.FullName) == "" || utf8.RuneCountInString(strings.TrimSpace(it.FullName)) > prakerja.FullNameMax:
		return "full_name"
	}
	if _, err := time.Parse(dateLayout, it.BirthDate); err != nil {
		return "birth_date"
	}
	return ""
}

func sixteenDigits(s string) bool {
	if len(s) != 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// invalidError is the per-item error of a malformed request. It names the
// field, never its value.
func invalidError(field string) error {
	return &prakerja.Error{
		Code:    prakerja.CodeInvalid,
		Message: "The identity data is malformed.",
		Fields:  []prakerja.FieldError{{Field: field, Code: prakerja.CodeBadFormat, Message: "Malformed " + field + "."}},
	}
}
