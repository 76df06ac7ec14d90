package sqldb

import (
	"encoding/json"
	"fmt"

	"github.com/prakerja/prakerja"
)

// Reason codes are stored as a JSON array of strings in a TEXT column, or
// as '' when there are none (the common case, so it costs no parsing).
// JSON rather than a separator keeps any code storable and lets both
// engines list the codes in SQL (json_each, jsonb_array_elements_text).

// encodeReasons is the stored form of reasons.
func encodeReasons(reasons []string) string {
	if len(reasons) == 0 {
		return ""
	}
	b, err := json.Marshal(reasons)
	if err != nil {
		panic(fmt.Sprintf("sqldb: encode reasons: %v", err)) // a []string always encodes
	}
	return string(b)
}

// decodeReasons reads the stored form; an empty string is nil.
func decodeReasons(stored string) ([]string, error) {
	if stored == "" {
		return nil, nil
	}
	var reasons []string
	if err := json.Unmarshal([]byte(stored), &reasons); err != nil {
		return nil, fmt.Errorf("decode reasons: %w", err)
	}
	return reasons, nil
}

// failing reports a status that must say why (its reasons).
func failing(status prakerja.RegistrationStatus) bool {
	return status == prakerja.StatusIdentityFailed || status == prakerja.StatusIneligible
}

// withReason returns reasons with code appended unless already present,
// keeping at most prakerja.ReasonsMax codes (the newest one always).
func withReason(reasons []string, code string) []string {
	for _, r := range reasons {
		if r == code {
			return reasons
		}
	}
	if len(reasons) >= prakerja.ReasonsMax {
		reasons = reasons[:prakerja.ReasonsMax-1]
	}
	return append(append([]string(nil), reasons...), code)
}
