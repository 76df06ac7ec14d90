package card

// luhnDigit returns the Luhn check digit for digits, the ASCII digits that
// precede it. The caller ensures every byte is '0'–'9'.
func luhnDigit(digits []byte) byte {
	sum := 0
	double := true // the rightmost payload digit is doubled
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

// luhnValid reports whether the last digit of digits is the Luhn check digit
// of the ones before it.
func luhnValid(digits []byte) bool {
	n := len(digits)
	return n >= 2 && luhnDigit(digits[:n-1]) == digits[n-1]
}
