package notify

import "strings"

// SMSMax is the length of one SMS in GSM-7 septets. Bodies longer than one
// segment cost double and some gateways split them badly, so the renderer
// refuses them instead.
const SMSMax = 160

// gsmBasic is the GSM 03.38 default alphabet; gsmExtended characters take an
// escape septet and count twice.
const (
	gsmBasic    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtended = "^{}\\[~]|€\f"
)

// gsmLen returns the length of s in GSM-7 septets, and false when s has a
// character outside the alphabet (which would force UCS-2 and 70-character
// segments).
func gsmLen(s string) (int, bool) {
	n := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			n++
		case strings.ContainsRune(gsmExtended, r):
			n += 2
		default:
			return n, false
		}
	}
	return n, true
}
