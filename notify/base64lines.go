package notify

import (
	"encoding/base64"
	"strings"
)

// base64LineMax is the encoded line length RFC 2045 asks for.
const base64LineMax = 76

// encodeBase64Lines encodes b as base64 in CRLF-terminated lines.
func encodeBase64Lines(b []byte) string {
	enc := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(enc) > base64LineMax {
		out.WriteString(enc[:base64LineMax] + "\r\n")
		enc = enc[base64LineMax:]
	}
	out.WriteString(enc + "\r\n")
	return out.String()
}
