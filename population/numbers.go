package population

import "time"

// Origin says where a person's NIK was issued, relative to where the family
// lives now. The NIK keeps its district for life, so it often differs from
// the domicile.
type Origin string

// Origins.
const (
	OriginNative        Origin = "native"         // issued in the home district (or its retired Papuan code)
	OriginSameRegency   Origin = "same_regency"   // issued in another district of the home regency
	OriginOtherProvince Origin = "other_province" // issued in another province before moving
)

// origin indexes the three cases; it is also the serial residue that keeps
// their NIKs apart (see the package doc).
type origin uint8

const (
	originNative origin = iota
	originSameRegency
	originOtherProvince
	numOrigins
)

var originNames = [numOrigins]Origin{OriginNative, OriginSameRegency, OriginOtherProvince}

// Serial-space sizes. A NIK serial s encodes origin (s-1)%3 and block
// (s-1)/3; a KK serial s encodes block s-1. Each block holds 365 people
// or families, one per day of a 365-day year (29 February is never used).
const (
	daysPerYear = 365
	serialMax   = 9999
	nikBlocks   = serialMax / int(numOrigins)
	nikCapacity = nikBlocks * daysPerYear // member slots per (district, origin)
	kkCapacity  = serialMax * daysPerYear // families per district
)

// monthStart[m-1] is the day-of-year (0-based) of the 1st of month m in a
// common year.
var monthStart = [13]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365}

func monthDay(doy int) (month, day int) {
	m := 1
	for monthStart[m] <= doy {
		m++
	}
	return m, doy - monthStart[m-1] + 1
}

// dayOfYear inverts monthDay; 29 February and impossible dates are false.
func dayOfYear(month, day int) (int, bool) {
	if month < 1 || month > 12 || day < 1 || day > monthStart[month]-monthStart[month-1] {
		return 0, false
	}
	return monthStart[month-1] + day - 1, true
}

// units365 are the multipliers a with gcd(a, 365) = 1, so r ↦ a·r+b mod 365
// is a bijection; inverse365[a] undoes a.
var units365, inverse365 = func() ([]int, [daysPerYear]int) {
	var us []int
	var inv [daysPerYear]int
	for a := 1; a < daysPerYear; a++ {
		if a%5 == 0 || a%73 == 0 {
			continue
		}
		us = append(us, a)
		for x := 1; x < daysPerYear; x++ {
			if a*x%daysPerYear == 1 {
				inv[a] = x
				break
			}
		}
	}
	return us, inv
}()

// dayPerm picks the day permutation of one serial block, keyed by the
// district and case so neighbouring blocks look unrelated.
func dayPerm(seed, domain uint64, dist int32, o origin, block int) (a, b int) {
	h := key(seed, domain, uint64(dist)<<8|uint64(o), uint64(block))
	return units365[h%uint64(len(units365))], int((h >> 32) % daysPerYear)
}

// blocksFor is how many serial blocks n slots need: ceil(n/365). Slots
// are dealt round-robin over the blocks, so consecutive slots (the members
// of one family) get different serials, and serials stay as small as the
// district's size allows, like the per-day counters real ones are.
func blocksFor(n uint64) uint64 { return (n + daysPerYear - 1) / daysPerYear }

// nikDay turns member slot y of NIK district dist and case o into a day of
// year and a serial, bijectively; nb is blocksFor(member slots of the home
// district).
func nikDay(seed uint64, dist int32, o origin, y, nb uint64) (doy, serial int) {
	block, r := int(y%nb), int(y/nb)
	a, b := dayPerm(seed, domNIKDay, dist, o, block)
	return (a*r + b) % daysPerYear, 1 + block*int(numOrigins) + int(o)
}

// nikOrigin reads the case and block from a NIK serial.
func nikOrigin(serial int) (o origin, block int) {
	return origin((serial - 1) % int(numOrigins)), (serial - 1) / int(numOrigins)
}

// nikSlot inverts nikDay for a block read by nikOrigin.
func nikSlot(seed uint64, dist int32, o origin, block, doy int, nb uint64) uint64 {
	a, b := dayPerm(seed, domNIKDay, dist, o, block)
	r := inverse365[a] * ((doy - b + daysPerYear) % daysPerYear) % daysPerYear
	return uint64(r)*nb + uint64(block)
}

// kkDay turns family slot l of district dist into a day of year and
// serial; nb is blocksFor(the district's family slots).
func kkDay(seed uint64, dist int32, l, nb uint64) (doy, serial int) {
	block, r := int(l%nb), int(l/nb)
	a, b := dayPerm(seed, domKKDay, dist, 0, block)
	return (a*r + b) % daysPerYear, 1 + block
}

// kkSlot inverts kkDay.
func kkSlot(seed uint64, dist int32, doy, serial int, nb uint64) uint64 {
	block := serial - 1
	a, b := dayPerm(seed, domKKDay, dist, 0, block)
	r := inverse365[a] * ((doy - b + daysPerYear) % daysPerYear) % daysPerYear
	return uint64(r)*nb + uint64(block)
}

// number formats PPKKCC DDMMYY SSSS; dd already carries the +40 for women.
func number(digits [6]byte, dd, mm, yy, serial int) string {
	var b [16]byte
	copy(b[:6], digits[:])
	put2(b[6:], dd)
	put2(b[8:], mm)
	put2(b[10:], yy%100)
	put2(b[12:], serial/100)
	put2(b[14:], serial%100)
	return string(b[:])
}

func put2(b []byte, n int) { b[0], b[1] = byte('0'+n/10), byte('0'+n%10) }

// codeDigits turns "91.01.01" into its six digits.
func codeDigits(code string) (d [6]byte) {
	copy(d[:], code[0:2]+code[3:5]+code[6:8])
	return d
}

// dateOnOrBefore returns the date with the given month and day in the
// latest year ≤ y that is not after ref.
func dateOnOrBefore(y, month, day int, ref time.Time) time.Time {
	if y > ref.Year() {
		y = ref.Year()
	}
	if y == ref.Year() && (month > int(ref.Month()) || month == int(ref.Month()) && day > ref.Day()) {
		y--
	}
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// birthDate is the birth date with this month and day that makes a person
// exactly age years old on ref.
func birthDate(age, month, day int, ref time.Time) time.Time {
	y := ref.Year() - age
	if month > int(ref.Month()) || month == int(ref.Month()) && day > ref.Day() {
		y--
	}
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// AgeOn returns the age in whole years on ref of someone born on birth.
func AgeOn(birth, ref time.Time) int {
	age := ref.Year() - birth.Year()
	if ref.Month() < birth.Month() || ref.Month() == birth.Month() && ref.Day() < birth.Day() {
		age--
	}
	return age
}
