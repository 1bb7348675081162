package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// TestPUFTableMatchesCSV: the generated Go table and the committed column
// list (testdata/puf-py2022q4-columns.csv, derived from the official layout)
// agree, so neither was edited by hand alone.
func TestPUFTableMatchesCSV(t *testing.T) {
	recs := readCSV(t, "testdata/puf-py2022q4-columns.csv")
	if len(recs)-1 != len(pufLayout) {
		t.Fatalf("CSV has %d elements, table %d", len(recs)-1, len(pufLayout))
	}
	for i, r := range recs[1:] {
		e := pufLayout[i]
		codes := ""
		for k, v := range e.Codes {
			if k > 0 {
				codes += " "
			}
			codes += strconv.Itoa(v)
		}
		if got := []string{strconv.Itoa(i + 1), e.Element, e.Header, e.Name, e.Type, codes, e.Note}; !slices.Equal(got, r) {
			t.Errorf("row %d: table %q, CSV %q", i+1, got, r)
		}
	}
	h := PUFHeaders()
	if h[0] != "PIRL100" || !slices.Contains(h, "PIRL108A") || !slices.Contains(h, "PIRL1814") || !slices.Contains(h, "CALC4039") || h[len(h)-1] != "REPORT_QUARTER" {
		t.Errorf("headers %q … %q", h[:3], h[len(h)-3:])
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// pufFiles generates the same records in both layouts (the PUF's default
// exit window for both) and returns them parsed.
func pufFiles(t *testing.T, rows int, seed uint64) (puf, def [][]string) {
	t.Helper()
	var p, d bytes.Buffer
	if _, err := Generate(&p, nil, Config{Rows: rows, Seed: seed, Layout: LayoutPUF, Gaps: DefaultGaps()}); err != nil {
		t.Fatal(err)
	}
	start, end := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
	if _, err := Generate(&d, nil, Config{Rows: rows, Seed: seed, Gaps: DefaultGaps(), Start: start, End: end}); err != nil {
		t.Fatal(err)
	}
	var err error
	if puf, err = csv.NewReader(&p).ReadAll(); err != nil {
		t.Fatal(err)
	}
	if def, err = csv.NewReader(&d).ReadAll(); err != nil {
		t.Fatal(err)
	}
	return puf, def
}

// TestPUFShape: header is the official column list; every value is a code
// the layout lists for its element; the PUF's blanks, recodes, whole-dollar
// wages and 6-digit O*NET codes; the records are those of the default
// layout.
func TestPUFShape(t *testing.T) {
	puf, def := pufFiles(t, 20000, 11)
	want := readCSV(t, "testdata/puf-py2022q4-columns.csv")
	var headers []string
	for _, r := range want[1:] {
		headers = append(headers, r[2])
	}
	if !slices.Equal(puf[0], headers) {
		t.Fatalf("header is not the official column list:\n%q", puf[0])
	}
	if len(puf) != len(def) {
		t.Fatalf("%d PUF rows, %d default rows", len(puf), len(def))
	}
	col := map[string]int{}
	for i, h := range puf[0] {
		col[h] = i
	}
	dcol := map[string]int{}
	for i, h := range def[0] {
		dcol[h] = i
	}
	digits := regexp.MustCompile(`^[0-9]+$`)
	nonBlank := map[string]int{}
	for i, e := range pufLayout {
		for _, r := range puf[1:] {
			v := r[i]
			if v == "" {
				continue
			}
			nonBlank[e.Header]++
			switch {
			case e.Note == "blank":
				t.Fatalf("%s = %q: the public-use file blanks it", e.Header, v)
			case e.Header == "CALC4040":
				if y, err := strconv.Atoi(v); err != nil || (y != 9999 && (y < 2019 || y > 2023)) {
					t.Fatalf("CALC4040 = %q", v)
				}
			case e.Header == "CALC4039":
				if a, err := strconv.Atoi(v); err != nil || a < 14 || a > 99 {
					t.Fatalf("CALC4039 = %q", v)
				}
			case e.Codes != nil:
				c, err := strconv.Atoi(v)
				if err != nil || !slices.Contains(e.Codes, c) {
					t.Fatalf("%s = %q: not a code of the layout %v", e.Header, v, e.Codes)
				}
			case e.Type[:2] == "DT":
				if len(v) != 8 || !digits.MatchString(v) {
					t.Fatalf("%s = %q: not YYYYMMDD", e.Header, v)
				}
			case e.Note == "whole-dollars":
				if !digits.MatchString(v) {
					t.Fatalf("%s = %q: not whole dollars", e.Header, v)
				}
			case e.Note == "onet":
				if len(v) != 6 || !digits.MatchString(v) {
					t.Fatalf("%s = %q: not a 6-digit O*NET code", e.Header, v)
				}
			}
		}
	}
	for _, h := range []string{"PIRL100", "PIRL108A", "PIRL201", "PIRL402", "PIRL602", "PIRL900", "PIRL901", "PIRL903", "PIRL909", "PIRL918", "PIRL923",
		"PIRL1303", "PIRL1306", "PIRL1600", "PIRL1601", "PIRL1602", "PIRL1608", "PIRL1618", "PIRL1704", "PIRL1800", "PIRL1900",
		"CALC4000", "CALC4001", "CALC4002", "CALC4003", "CALC4005", "CALC4006", "CALC4007", "CALC4013", "CALC4014", "CALC4015",
		"CALC4016", "CALC4017", "CALC4018", "CALC4019", "CALC4020", "CALC4039", "CALC4040", "REPORT_QUARTER"} {
		if nonBlank[h] == 0 {
			t.Errorf("%s is blank in every row", h)
		}
	}
	for _, h := range []string{"PIRL200", "PIRL101", "PIRL103", "PIRL2701"} {
		if nonBlank[h] != 0 {
			t.Errorf("%s is not blank", h)
		}
	}
	// The same records as the default layout, shaped as the PUF shapes them.
	blanked := 0
	for k := 1; k < len(puf); k++ {
		p, d := puf[k], def[k]
		if p[col["PIRL100"]] != "00"+d[dcol["PIRL 100"]] || p[col["PIRL900"]] != d[dcol["PIRL 900"]] || p[col["PIRL901"]] != d[dcol["PIRL 901"]] {
			t.Fatalf("row %d: not the default layout's record", k)
		}
		dob, entry := ymd(d[dcol["PIRL 200"]]), ymd(d[dcol["PIRL 900"]])
		if got, want := p[col["CALC4039"]], strconv.Itoa(ageAt(dob, entry)); got != want {
			t.Fatalf("row %d: CALC4039 %s, age at entry %s", k, got, want)
		}
		for _, n := range []string{"1600", "1602", "1604", "1606"} {
			dv, pv := d[dcol["PIRL "+n]], p[col["PIRL"+n]]
			if dv == "2" || dv == "3" {
				dv = "1"
			}
			if dv != pv {
				t.Fatalf("row %d: %s %q, default %q", k, n, pv, d[dcol["PIRL "+n]])
			}
		}
		for _, n := range []string{"1703", "1704", "1705", "1706"} {
			dv, pv := d[dcol["PIRL "+n]], p[col["PIRL"+n]]
			switch {
			case dv == "999999.99" || dv == "":
				if pv != "" {
					t.Fatalf("row %d: %s %q where not yet available", k, n, pv)
				}
			default:
				x, _ := strconv.ParseFloat(dv, 64)
				if pv != strconv.Itoa(int(math.Round(x))) {
					t.Fatalf("row %d: %s %q, default %q", k, n, pv, dv)
				}
			}
		}
		for _, n := range []string{"1306", "1311", "1316"} {
			if dv, pv := d[dcol["PIRL "+n]], p[col["PIRL"+n]]; pv != dv[:min(6, len(dv))] {
				t.Fatalf("row %d: %s %q, default %q", k, n, pv, dv)
			}
		}
		for _, n := range []string{"402", "602", "1900", "1608", "1618"} {
			dv, pv := d[dcol["PIRL "+n]], p[col["PIRL"+n]]
			if dv == "9" && pv == "" {
				blanked++
			} else if dv != pv {
				t.Fatalf("row %d: %s %q, default %q", k, n, pv, dv)
			}
		}
	}
	if blanked == 0 {
		t.Error("no 9 (not a code of 402, 602, 1900, 1608, 1618 in the layout) was left blank")
	}
}

// TestPUFCalcItems recomputes the CALC items the layout defines from other
// items from the record as written.
func TestPUFCalcItems(t *testing.T) {
	puf, _ := pufFiles(t, 20000, 12)
	col := map[string]int{}
	for i, h := range puf[0] {
		col[h] = i
	}
	in := func(v string, set ...string) bool { return slices.Contains(set, v) }
	b := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	counts := map[string]int{}
	for k, r := range puf[1:] {
		g := func(h string) string { return r[col[h]] }
		check := func(h, want string) {
			if got := g(h); got != want {
				t.Fatalf("row %d: %s = %q, want %q", k+1, h, got, want)
			}
			if want == "1" {
				counts[h]++
			}
		}
		check("CALC4000", "GA")
		check("CALC4001", b(in(g("PIRL903"), "1", "2", "3")))
		check("CALC4002", b(in(g("PIRL904"), "1", "2", "3") || g("PIRL909") == "1"))
		check("CALC4003", b(in(g("PIRL905"), "1", "2", "3")))
		check("CALC4005", b(g("PIRL918") == "1"))
		race := ""
		if g("PIRL210") == "1" {
			race = "1"
		} else {
			n := 0
			for _, x := range [][2]string{{"PIRL212", "2"}, {"PIRL213", "3"}, {"PIRL214", "4"}, {"PIRL211", "5"}, {"PIRL215", "6"}} {
				if g(x[0]) == "1" {
					n++
					race = x[1]
				}
			}
			if n > 1 {
				race = "7"
			}
		}
		check("CALC4020", race)
		py := "9999"
		if e := g("PIRL901"); e != "" {
			y, _ := strconv.Atoi(e[:4])
			if e[4:6] < "07" {
				y--
			}
			py = strconv.Itoa(y)
		}
		check("CALC4040", py)
		check("REPORT_QUARTER", "20230630")
		// Employment rate Q2: exits July 2021 – June 2022 of the Adult, DW
		// and Wagner-Peyser programs, without a 923 exclusion.
		exit, oe := g("PIRL901"), g("PIRL923")
		titleI := g("CALC4001") == "1" || g("CALC4002") == "1" || g("CALC4003") == "1"
		nonYouth := titleI && (g("CALC4001") == "1" || g("CALC4002") == "1" || g("CALC4005") == "1")
		excl := in(oe, "01", "02", "03", "04", "07")
		want13, want15 := "", ""
		if nonYouth && exit >= "20210701" && exit <= "20220630" && !excl {
			want13 = b(g("PIRL1602") == "1")
			if want13 == "1" && g("PIRL1704") != "0" {
				want15 = g("PIRL1704")
			}
		}
		check("CALC4013", want13)
		check("CALC4015", want15)
		want17 := ""
		if nonYouth && exit >= "20210101" && exit <= "20211231" && !excl {
			want17 = b(g("PIRL1606") == "1")
		}
		check("CALC4017", want17)
		want14 := ""
		if g("CALC4003") == "1" && exit >= "20210701" && exit <= "20220630" && !excl && oe != "05" {
			want14 = b(g("PIRL1602") == "1" || in(g("PIRL1900"), "1", "2", "3"))
		}
		check("CALC4014", want14)
		// MSG: any of 1806–1810 in PY2022 among those in education or training then.
		if v := g("CALC4007"); v != "" {
			gain := false
			for _, h := range []string{"PIRL1806", "PIRL1807", "PIRL1808", "PIRL1809", "PIRL1810"} {
				if d := g(h); d >= "20220701" && d <= "20230630" {
					gain = true
				}
			}
			check("CALC4007", b(gain))
			if g("PIRL1811") == "" || g("PIRL1811") > "20230630" {
				t.Fatalf("row %d: CALC4007 set without education or training in the year", k+1)
			}
		}
	}
	for _, h := range []string{"CALC4002", "CALC4005", "CALC4007", "CALC4013", "CALC4014", "CALC4017"} {
		if counts[h] == 0 {
			t.Errorf("%s is never 1", h)
		}
	}
}

func TestPUFDeterministicAndErrors(t *testing.T) {
	gen := func(seed uint64) [32]byte {
		var p bytes.Buffer
		if _, err := Generate(&p, nil, Config{Rows: 2000, Seed: seed, Layout: LayoutPUF}); err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(p.Bytes())
	}
	if gen(3) != gen(3) || gen(3) == gen(4) {
		t.Error("PUF layout: same seed must give the same bytes, another seed others")
	}
	for _, c := range []Config{{Layout: LayoutPUF, Style: StyleP}, {Layout: LayoutPUF, Columns: 300}, {Layout: "puf-py2019"}} {
		if _, err := Generate(&bytes.Buffer{}, nil, c); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if l, err := ParseLayout(" PUF-PY2022Q4 "); err != nil || l != LayoutPUF {
		t.Errorf("ParseLayout: %v %v", l, err)
	}
	if _, err := ParseLayout("puf"); err == nil || !strings.Contains(err.Error(), "puf-py2022q4") {
		t.Errorf("ParseLayout(puf): %v", err)
	}
}

func BenchmarkGeneratePUF(b *testing.B) {
	for range b.N {
		if _, err := Generate(discard{}, nil, Config{Rows: 100000, Seed: 1, Layout: LayoutPUF, Gaps: DefaultGaps()}); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func ymd(s string) int32 {
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:8])
	return pirl.DayNumber(y, m, d)
}
