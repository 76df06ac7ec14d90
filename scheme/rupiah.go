package scheme

import "strconv"

// FormatRupiah writes n whole rupiah the Indonesian way, with dots between
// thousands: FormatRupiah(3550000) == "Rp 3.550.000", FormatRupiah(-5000) ==
// "-Rp 5.000". It handles every int64, math.MinInt64 included.
//
// It belongs with the domain's money type at the module root; it lives here
// until the root package has one.
func FormatRupiah(n int64) string {
	// The magnitude as uint64 is exact even for math.MinInt64.
	magnitude := uint64(n)
	sign := ""
	if n < 0 {
		magnitude = -magnitude
		sign = "-"
	}
	digits := strconv.FormatUint(magnitude, 10)
	out := make([]byte, 0, len(digits)+len(digits)/3)
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, digits[i])
	}
	return sign + "Rp " + string(out)
}
