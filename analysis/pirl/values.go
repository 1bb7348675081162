package pirl

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Reasons an individual value is invalid; they end the example messages
// `file:line: column "PIRL 201": value "7" is not a valid code`.
const (
	reasonCode      = "is not a valid code"
	reasonDateForm  = "is not a date (YYYYMMDD, YYYY-MM-DD or MM/DD/YYYY)"
	reasonDateCal   = "is not a calendar date"
	reasonDateOld   = "is before 1900"
	reasonDateLate  = "is more than a year in the future"
	reasonMoney     = "is not an amount in dollars"
	reasonNegative  = "is negative"
	reasonTooLarge  = "is above the plausible maximum of " // + the field's bound, e.g. "$1,000,000"
	reasonNumber    = "is not a number"
	reasonInteger   = "is not a whole number"
	reasonText      = "is not valid UTF-8 text"
	reasonOccCode   = "has no digits of an occupation code"
	reasonGEOID     = "is not an 11-digit census tract GEOID"
	reasonGEOIDZero = "has 10 digits: a leading zero was probably lost (tract GEOIDs have 11)"
)

// sentinelWage is the PIRL "not yet available" wage value.
const sentinelWage = 999999.99

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// trim removes surrounding blanks (space, tab, CR).
func trim(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 {
		c := b[len(b)-1]
		if c != ' ' && c != '\t' && c != '\r' {
			break
		}
		b = b[:len(b)-1]
	}
	return b
}

// parseCode reads a small non-negative integer code: digits with optional
// leading zeros, or a trivially integral decimal such as "1.0". It returns
// -1 when b is not such a number; values above 127 return 128.
func parseCode(b []byte) int {
	v, i := 0, 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if v < 128 {
			v = v*10 + int(b[i]-'0')
		}
	}
	if i == 0 {
		return -1
	}
	if i < len(b) {
		if b[i] != '.' || i+1 == len(b) {
			return -1
		}
		for _, c := range b[i+1:] {
			if c != '0' {
				return -1
			}
		}
	}
	if v > 127 {
		return 128
	}
	return v
}

// monthStart holds the day number of the first of each month from 1900 on,
// so that parsing a date costs one table lookup instead of DayNumber's divisions.
var monthStart = func() (t [300][12]int32) {
	for y := range t {
		for m := range t[y] {
			t[y][m] = DayNumber(1900+y, m+1, 1)
		}
	}
	return t
}()

var daysIn = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// digitsAt reads n ASCII digits at b[i:], or -1.
func digitsAt(b []byte, i, n int) int {
	v := 0
	for j := i; j < i+n; j++ {
		c := b[j]
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// parseDate reads YYYYMMDD, YYYY-MM-DD or M/D/YYYY into a day number,
// checking that the calendar date exists and lies in [1900-01-01, maxDay].
// It returns the reason when the value is invalid.
func parseDate(b []byte, maxDay int32) (int32, string) {
	y, m, d := -1, -1, -1
	switch {
	case len(b) == 8 && b[1] != '/' && b[2] != '/':
		y, m, d = digitsAt(b, 0, 4), digitsAt(b, 4, 2), digitsAt(b, 6, 2)
	case len(b) == 10 && b[4] == '-' && b[7] == '-':
		y, m, d = digitsAt(b, 0, 4), digitsAt(b, 5, 2), digitsAt(b, 8, 2)
	case len(b) >= 8 && len(b) <= 10:
		// M/D/YYYY with one- or two-digit month and day.
		s1 := -1
		for i := 1; i <= 2 && i < len(b); i++ {
			if b[i] == '/' {
				s1 = i
				break
			}
		}
		if s1 < 0 {
			break
		}
		s2 := -1
		for i := s1 + 2; i <= s1+3 && i < len(b); i++ {
			if b[i] == '/' {
				s2 = i
				break
			}
		}
		if s2 < 0 || len(b)-s2-1 != 4 {
			break
		}
		m, d, y = digitsAt(b, 0, s1), digitsAt(b, s1+1, s2-s1-1), digitsAt(b, s2+1, 4)
	}
	if y < 0 || m < 0 || d < 0 {
		return MissingDate, reasonDateForm
	}
	if m < 1 || m > 12 || d < 1 {
		return MissingDate, reasonDateCal
	}
	max := daysIn[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		max = 29
	}
	if d > max {
		return MissingDate, reasonDateCal
	}
	if y < 1900 {
		return MissingDate, reasonDateOld
	}
	var z int32
	if y < 1900+len(monthStart) {
		z = monthStart[y-1900][m-1] + int32(d) - 1
	} else {
		z = DayNumber(y, m, d)
	}
	if z > maxDay {
		return MissingDate, reasonDateLate
	}
	return z, ""
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseDecimal reads [sign]digits[.digits] exactly as strconv.ParseFloat
// would: while the digits fit in 2^53 and the scale in 10^22, one
// correctly rounded division gives the same float (Clinger's fast path);
// longer input falls back to strconv. Commas are skipped when commas is set.
func parseDecimal(b []byte, commas bool) (float64, bool) {
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	var mant uint64
	nd, frac, digits, dot, ok := 0, 0, 0, false, true
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
			if nd < 19 {
				mant = mant*10 + uint64(c-'0')
			}
			if mant != 0 || nd > 0 {
				nd++
			}
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		case c == ',' && commas && !dot:
		default:
			ok = false
		}
		if !ok {
			break
		}
	}
	if !ok {
		return slowFloat(b, neg)
	}
	if digits == 0 {
		return 0, false
	}
	if nd > 15 || frac > 22 {
		return slowFloat(b, neg)
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

// slowFloat handles exponents and long mantissas with strconv. The string
// header aliases b without copying; strconv copies it into any error.
func slowFloat(b []byte, neg bool) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(unsafe.String(&b[0], len(b)), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseMoney reads dollars: "1234.5", "$1,234.50", "-12" (negative returns
// reasonNegative). The sentinel 999999.99 is returned as is.
func parseMoney(b []byte) (float64, string) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) > 0 && b[0] == '$' {
		b = b[1:]
	}
	if len(b) > 0 && b[0] == '-' && !neg {
		neg, b = true, b[1:]
	}
	if len(b) == 0 || b[0] == '+' || b[0] == '-' {
		return math.NaN(), reasonMoney
	}
	v, ok := parseDecimal(b, true)
	if !ok {
		return math.NaN(), reasonMoney
	}
	if neg && v != 0 {
		return math.NaN(), reasonNegative
	}
	return v, ""
}

// dollars formats a whole-dollar bound: 1000000 → "$1,000,000".
func dollars(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	i := strings.IndexByte(s, '.')
	if i < 0 {
		i = len(s)
	}
	for j := i - 3; j > 0; j -= 3 {
		s = s[:j] + "," + s[j:]
	}
	return "$" + s
}

// fnv1a is the 64-bit FNV-1a hash; identifiers are kept only as this hash.
func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	if h == 0 {
		h = 1 // 0 marks a blank identifier
	}
	return h
}

// parseGEOID reads an 11-digit tract GEOID (optionally prefixed by
// "1400000US") into its numeric value; leading zeros are kept by the fixed
// width (FormatGEOID prints 11 digits).
func parseGEOID(b []byte) (uint64, string) {
	if len(b) > 9 && string(b[:7]) == "1400000" && (b[7] == 'U' || b[7] == 'u') && (b[8] == 'S' || b[8] == 's') {
		b = b[9:]
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, reasonGEOID
		}
		v = v*10 + uint64(c-'0')
		if v > 1e12 {
			return 0, reasonGEOID
		}
	}
	switch {
	case len(b) == 10:
		return 0, reasonGEOIDZero
	case len(b) != 11 || v < 1e9: // state 00 does not exist
		return 0, reasonGEOID
	}
	return v, ""
}

// FormatGEOID renders a GEOID stored by the reader as its 11 digits.
func FormatGEOID(v uint64) string {
	b := []byte("00000000000")
	for i := 10; i >= 0 && v > 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b)
}

// parseInt reads plain digits (county FIPS, ZIP) into an int32.
func parseInt(b []byte) (int32, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	v := int32(0)
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int32(c-'0')
	}
	return v, true
}

// isText reports whether b is valid UTF-8 (an ASCII fast path first).
func isText(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return utf8.Valid(b)
		}
	}
	return true
}
