package partnerauth

import (
	"encoding/base32"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

var base32Enc = base32.StdEncoding

// unixDigitsMax bounds a unix-seconds timestamp (year 5138 and beyond is
// not a clock error we need to read).
const unixDigitsMax = 11

// Signed is what the three headers of a request say.
type Signed struct {
	KeyID     string
	Timestamp string    // the header's text, as the HMAC covers it
	At        time.Time // the timestamp, parsed
	Sigs      [][]byte  // the v1 signatures, 1..SignaturesMax
}

// HasHeaders reports whether h carries any of the three headers, so a
// server can tell an unsigned request (maybe an old-style key) from a
// badly signed one.
func HasHeaders(h http.Header) bool {
	return h.Get(HeaderKeyID) != "" || h.Get(HeaderTimestamp) != "" || h.Get(HeaderSignature) != ""
}

// ParseHeaders reads the three headers. Returns CodeSignatureMissing when
// one is absent and CodeSignatureInvalid when one is malformed; messages
// name the header, never its value.
func ParseHeaders(h http.Header) (Signed, error) {
	var s Signed
	for _, name := range []string{HeaderKeyID, HeaderTimestamp, HeaderSignature} {
		vals := h.Values(name)
		switch {
		case len(vals) == 0 || strings.TrimSpace(vals[0]) == "":
			return s, prakerja.Errorf(prakerja.CodeSignatureMissing, "Send the %s header: every partner request is signed.", name)
		case len(vals) > 1:
			return s, prakerja.Errorf(prakerja.CodeSignatureInvalid, "Send the %s header once.", name)
		case len(vals[0]) > HeaderMax:
			return s, prakerja.Errorf(prakerja.CodeSignatureInvalid, "The %s header is over %d bytes.", name, HeaderMax)
		}
	}
	s.KeyID = strings.TrimSpace(h.Get(HeaderKeyID))
	if !prakerja.ValidPartnerKeyID(s.KeyID) {
		return s, prakerja.Errorf(prakerja.CodeSignatureInvalid, "The %s header is not a key id.", HeaderKeyID)
	}
	s.Timestamp = h.Get(HeaderTimestamp)
	at, ok := parseTimestamp(s.Timestamp)
	if !ok {
		return s, prakerja.Errorf(prakerja.CodeSignatureInvalid,
			"The %s header is unix seconds or an RFC 3339 time.", HeaderTimestamp)
	}
	s.At = at
	sigs, err := parseSignatures(h.Get(HeaderSignature))
	if err != nil {
		return s, err
	}
	s.Sigs = sigs
	return s, nil
}

// parseTimestamp reads unix seconds or RFC 3339 (with a zone).
func parseTimestamp(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	if len(v) <= unixDigitsMax && strings.Trim(v, "0123456789") == "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// parseSignatures reads "v1=<hex>[, v1=<hex>…]", skipping other versions.
func parseSignatures(v string) ([][]byte, error) {
	items := strings.Split(v, ",")
	if len(items) > SignaturesMax {
		return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid, "The %s header holds more than %d signatures.",
			HeaderSignature, SignaturesMax)
	}
	var sigs [][]byte
	for _, item := range items {
		ver, val, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid, "The %s header is v1=<hex HMAC-SHA256>.", HeaderSignature)
		}
		if ver != version {
			continue
		}
		b, err := hex.DecodeString(val)
		if err != nil || len(b) != prakerja.PartnerSignatureLen {
			return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid,
				"A v1 signature is %d hex digits of HMAC-SHA256.", 2*prakerja.PartnerSignatureLen)
		}
		sigs = append(sigs, b)
	}
	if len(sigs) == 0 {
		return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid, "The %s header holds no v1 signature.", HeaderSignature)
	}
	return sigs, nil
}
