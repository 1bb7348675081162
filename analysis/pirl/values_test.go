package pirl

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"1", 1}, {"01", 1}, {"0009", 9}, {"0", 0}, {"00", 0}, {"1.0", 1}, {"2.00", 2},
		{"1.5", -1}, {"1.", -1}, {".", -1}, {"", -1}, {"a", -1}, {"-1", -1}, {"1a", -1},
		{"127", 127}, {"128", 128}, {"99999999999999999999", 128}, {"１", -1},
	}
	for _, tt := range tests {
		if got := parseCode([]byte(tt.in)); got != tt.want {
			t.Errorf("parseCode(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	max := DayNumber(2030, 1, 1)
	tests := []struct {
		in      string
		y, m, d int
		why     string
	}{
		{"20230115", 2023, 1, 15, ""},
		{"2023-01-15", 2023, 1, 15, ""},
		{"01/15/2023", 2023, 1, 15, ""},
		{"1/5/2023", 2023, 1, 5, ""},
		{"12/31/2029", 2029, 12, 31, ""},
		{"20240229", 2024, 2, 29, ""},
		{"20230229", 0, 0, 0, reasonDateCal},
		{"19000229", 0, 0, 0, reasonDateCal},
		{"20000229", 2000, 2, 29, ""},
		{"20231301", 0, 0, 0, reasonDateCal},
		{"20230100", 0, 0, 0, reasonDateCal},
		{"20230431", 0, 0, 0, reasonDateCal},
		{"18991231", 0, 0, 0, reasonDateOld},
		{"19000101", 1900, 1, 1, ""},
		{"20300102", 0, 0, 0, reasonDateLate},
		{"2023011", 0, 0, 0, reasonDateForm},
		{"2023/01/15", 0, 0, 0, reasonDateForm},
		{"15.01.2023", 0, 0, 0, reasonDateForm},
		{"1/15/23", 0, 0, 0, reasonDateForm},
		{"abcdefgh", 0, 0, 0, reasonDateForm},
		{"2023-1-15", 0, 0, 0, reasonDateForm},
	}
	for _, tt := range tests {
		z, why := parseDate([]byte(tt.in), max)
		if why != tt.why {
			t.Errorf("parseDate(%q) reason %q, want %q", tt.in, why, tt.why)
			continue
		}
		if why == "" {
			if want := DayNumber(tt.y, tt.m, tt.d); z != want {
				t.Errorf("parseDate(%q) = %s, want %04d-%02d-%02d", tt.in, FormatDate(z), tt.y, tt.m, tt.d)
			}
		} else if z != MissingDate {
			t.Errorf("parseDate(%q) = %d with reason", tt.in, z)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		why  string
	}{
		{"1234.5", 1234.5, ""},
		{"$1,234.50", 1234.5, ""},
		{"0", 0, ""},
		{"0.00", 0, ""},
		{"999999.99", sentinelWage, ""},
		{".5", 0.5, ""},
		{"7.", 7, ""},
		{"-12", 0, reasonNegative},
		{"$-12", 0, reasonNegative},
		{"-$12.5", 0, reasonNegative},
		{"-0", 0, ""},
		{"12a", 0, reasonMoney},
		{"$", 0, reasonMoney},
		{",", 0, reasonMoney},
		{"1.2.3", 0, reasonMoney},
		{"+5", 0, reasonMoney},
		{"1e3", 1000, ""},
		{"12345678901234567.25", 12345678901234567.25, ""},
	}
	for _, tt := range tests {
		got, why := parseMoney([]byte(tt.in))
		if why != tt.why || (why == "" && got != tt.want) {
			t.Errorf("parseMoney(%q) = %v, %q; want %v, %q", tt.in, got, why, tt.want, tt.why)
		}
	}
}

// The fast decimal path must give exactly strconv.ParseFloat's result.
func TestParseDecimalMatchesStrconv(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		var s string
		switch i % 4 {
		case 0:
			s = strconv.FormatFloat(rng.Float64()*1e6, 'f', rng.IntN(8), 64)
		case 1:
			s = strconv.Itoa(rng.IntN(1e9)) + "." + strconv.Itoa(rng.IntN(1e6))
		case 2:
			s = strconv.FormatFloat(-rng.NormFloat64()*100, 'f', -1, 64)
		default:
			s = strconv.FormatFloat(rng.Float64(), 'g', -1, 64)
		}
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseDecimal([]byte(s), false)
		if err != nil || !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseDecimal(%q) = %v, %v; strconv %v, %v", s, got, ok, want, err)
		}
	}
}

func TestParseGEOID(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		why  string
	}{
		{"13121001100", 13121001100, ""},
		{"01001020100", 1001020100, ""},
		{"1400000US13121001100", 13121001100, ""},
		{"1400000us01001020100", 1001020100, ""},
		{"1001020100", 0, reasonGEOIDZero},
		{"131210011", 0, reasonGEOID},
		{"131210011000", 0, reasonGEOID},
		{"00000000000", 0, reasonGEOID},
		{"1312100110a", 0, reasonGEOID},
		{"13121001100.0", 0, reasonGEOID},
		{"99999999999999999999999", 0, reasonGEOID},
	}
	for _, tt := range tests {
		got, why := parseGEOID([]byte(tt.in))
		if got != tt.want || why != tt.why {
			t.Errorf("parseGEOID(%q) = %d, %q; want %d, %q", tt.in, got, why, tt.want, tt.why)
		}
	}
	if s := FormatGEOID(1001020100); s != "01001020100" {
		t.Errorf("FormatGEOID = %q", s)
	}
}
