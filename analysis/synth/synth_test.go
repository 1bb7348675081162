package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

func TestDeterministic(t *testing.T) {
	gen := func(seed uint64) ([32]byte, [32]byte) {
		var p, tr bytes.Buffer
		if _, err := Generate(&p, &tr, Config{Rows: 3000, Seed: seed, Gaps: DefaultGaps()}); err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(p.Bytes()), sha256.Sum256(tr.Bytes())
	}
	a1, t1 := gen(7)
	a2, t2 := gen(7)
	b1, u1 := gen(8)
	if a1 != a2 || t1 != t2 {
		t.Error("same seed gave different bytes")
	}
	if a1 == b1 || t1 == u1 {
		t.Error("different seeds gave the same bytes")
	}
}

func TestHeaderStyles(t *testing.T) {
	want := map[HeaderStyle][]string{
		StylePIRL:   {"PIRL100", "PIRL108A", "PIRL201", "PIRL1704", "tract_geoid", "hourly_wage"},
		StyleSpace:  {"PIRL 100", "PIRL 108A", "PIRL 201", "PIRL 1704", "tract_geoid", "hourly_wage"},
		StyleP:      {"p100", "p108A", "p201", "p1704", "tract_geoid", "hourly_wage"},
		StyleNumber: {"100", "108A", "201", "1704", "tract_geoid", "hourly_wage"},
		StyleDash:   {"PIRL-100", "PIRL-108A", "PIRL-201", "PIRL-1704", "tract_geoid", "hourly_wage"},
		StyleNames:  {"Unique Individual Identifier", "Sex (WIOA)", "Homeless Individual, Homeless Children and Youths, or Runaway Youth", "Wages 2nd Quarter After Exit Quarter", "tract_geoid"},
	}
	for _, st := range Styles() {
		for _, delim := range []byte{',', '\t'} {
			var buf bytes.Buffer
			if _, err := Generate(&buf, nil, Config{Rows: 20, Seed: 1, Style: st, Delimiter: delim}); err != nil {
				t.Fatal(err)
			}
			cr := csv.NewReader(&buf)
			cr.Comma = rune(delim)
			recs, err := cr.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", st, err)
			}
			header := recs[0]
			if len(header) != DefaultColumns || len(recs) != 21 {
				t.Errorf("%s: %d columns, %d records; want %d, 21", st, len(header), len(recs), DefaultColumns)
			}
			seen := map[string]bool{}
			for _, h := range header {
				if seen[h] {
					t.Errorf("%s: duplicate header %q", st, h)
				}
				seen[h] = true
			}
			for _, w := range want[st] {
				if !seen[w] {
					t.Errorf("%s: header lacks %q", st, w)
				}
			}
			for _, f := range defaultFields {
				if !seen[st.Header(f)] {
					t.Errorf("%s: header lacks %q", st, st.Header(f))
				}
			}
		}
	}
	if _, err := ParseStyle("PIRL_"); err == nil {
		t.Error("ParseStyle accepted an unknown style")
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"negative rows", Config{Rows: -1}, "rows -1: must be in 0..100000000"},
		{"too many rows", Config{Rows: MaxRows + 1}, "rows 100000001: must be in 0..100000000"},
		{"too many tracts", Config{Tracts: MaxTracts + 1}, "tracts 100001: must be in 1..100000"},
		{"style", Config{Style: "camel"}, "unknown header style"},
		{"delimiter", Config{Delimiter: '"'}, "delimiter"},
		{"columns", Config{Columns: 10}, "must be at least"},
		{"credential too high", Config{Gaps: Gaps{SupportCredential: 0.4}}, "credential probability"},
		{"employment", Config{Gaps: Gaps{EducationAll4: -0.6}}, "employment probabilities"},
		{"ratio", Config{Gaps: Gaps{PovertyParticipation: -1}}, "positive rate ratio"},
		{"explained", Config{Gaps: Gaps{GenderWage: 9, GenderWageExplained: 1}}, "Advanced Manufacturing share"},
	}
	for _, tc := range tests {
		_, err := Generate(io.Discard, io.Discard, tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestGapsSet(t *testing.T) {
	var g Gaps
	if !g.IsZero() || !(Gaps{PovertyParticipation: 1, GenderWageExplained: 0.3}).IsZero() || DefaultGaps().IsZero() {
		t.Error("IsZero wrong")
	}
	if err := g.Set("gender-wage", 2.5); err != nil || g.GenderWage != 2.5 {
		t.Errorf("Set: %v, %v", err, g.GenderWage)
	}
	if v, ok := g.Value("GENDER-WAGE"); !ok || v != 2.5 {
		t.Errorf("Value = %v, %v", v, ok)
	}
	if err := g.Set("wage", 1); err == nil || !strings.Contains(err.Error(), "known: education-all4") {
		t.Errorf("Set unknown: %v", err)
	}
	for _, k := range Knobs() {
		if v, _ := DefaultGaps().Value(k.Name); v != k.Default || k.Doc == "" || k.Disparity == "" {
			t.Errorf("knob %s: default %v doc %q", k.Name, v, k.Doc)
		}
	}
}

// file is a generated file read back with encoding/csv; the measures below
// are simple counts written for this test, independent of the analysis code.
type file struct {
	col  map[string]int
	rows [][]string
	high map[string]bool
	poor map[string]float64
}

func generated(t *testing.T, cfg Config) (*file, Summary) {
	t.Helper()
	var p, tr bytes.Buffer
	sum, err := Generate(&p, &tr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(&p)
	cr.ReuseRecord = false
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := &file{col: map[string]int{}, rows: recs[1:], high: map[string]bool{}, poor: map[string]float64{}}
	for i, h := range recs[0] {
		f.col[h] = i
	}
	trecs, err := csv.NewReader(&tr).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range trecs[1:] {
		uni, _ := strconv.Atoi(r[1])
		below, _ := strconv.Atoi(r[2])
		f.high[r[0]] = float64(below) >= 0.2*float64(uni)
		f.poor[r[0]] = float64(below)
	}
	return f, sum
}

func (f *file) s(r []string, el string) string { return r[f.col[el]] }
func (f *file) i(r []string, el string) int {
	v, err := strconv.Atoi(f.s(r, el))
	if err != nil {
		return -1
	}
	return v
}
func (f *file) emp(r []string, el string) int { // 1 employed, 0 not, -1 n/a
	switch v := f.i(r, el); {
	case v >= 1 && v <= 3:
		return 1
	case v == 0:
		return 0
	}
	return -1
}
func (f *file) participant(r []string) bool {
	for _, el := range []string{"PIRL 903", "PIRL 904", "PIRL 905"} {
		if v := f.i(r, el); v >= 1 && v <= 3 {
			return true
		}
	}
	return false
}
func (f *file) cohort(r []string) bool {
	return f.s(r, "PIRL 901") != "" && f.i(r, "PIRL 923") == 0 && f.participant(r)
}
func (f *file) needy(r []string) bool {
	if f.i(r, "PIRL 802") != 1 {
		return false
	}
	n := 0
	for _, el := range []string{"PIRL 402", "PIRL 600", "PIRL 602", "PIRL 603", "PIRL 800", "PIRL 801", "PIRL 803", "PIRL 804", "PIRL 806", "PIRL 202"} {
		if v := f.i(r, el); v >= 1 && v <= 6 {
			n++
		}
	}
	return n >= 2
}
func (f *file) credDenom(r []string) bool {
	for _, el := range []string{"PIRL 1303", "PIRL 1310", "PIRL 1315"} {
		if v := f.i(r, el); v >= 2 && v <= 4 || v >= 6 && v <= 10 {
			return true
		}
	}
	return f.i(r, "PIRL 1332") == 1
}
func day(s string) int32 {
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	return pirl.DayNumber(y, m, d)
}
func (f *file) credential(r []string) bool {
	exit := day(f.s(r, "PIRL 901"))
	for _, p := range [][2]string{{"PIRL 1800", "PIRL 1801"}, {"PIRL 1802", "PIRL 1803"}, {"PIRL 1804", "PIRL 1805"}} {
		if v := f.i(r, p[0]); v >= 2 && v <= 7 && f.s(r, p[1]) != "" && day(f.s(r, p[1])) <= exit+365 {
			return true
		}
	}
	return false
}
func cluster(soc string) string {
	switch {
	case strings.HasPrefix(soc, "29"), strings.HasPrefix(soc, "31"):
		return "hc"
	case strings.HasPrefix(soc, "1511"), strings.HasPrefix(soc, "1512"):
		return "it"
	case strings.HasPrefix(soc, "53"), strings.HasPrefix(soc, "435"):
		return "tdl"
	case strings.HasPrefix(soc, "51"):
		return "am"
	case soc == "":
		return ""
	}
	return "other"
}

// prop accumulates a proportion per group.
type prop struct{ n, k [2]float64 }

func (p *prop) add(group bool, yes bool) {
	g := 0
	if group {
		g = 1
	}
	p.n[g]++
	if yes {
		p.k[g]++
	}
}

// diff returns group 1 − group 0 and its standard error.
func (p *prop) diff() (d, se float64) {
	p1, p0 := p.k[1]/p.n[1], p.k[0]/p.n[0]
	return p1 - p0, math.Sqrt(p1*(1-p1)/p.n[1] + p0*(1-p0)/p.n[0])
}

type measure struct {
	name      string
	got, se   float64
	want      float64
	fixedTol  float64 // used instead of 4 standard errors when > 0
	wantPower bool    // the test should be able to tell want from 0
}

func measures(f *file, g Gaps) []measure {
	var (
		cred, credPov, credSup      prop
		enroll, train               prop
		q2Sup, compl                prop
		retG, retHC, retIT, all4TDL prop
		eq2, eq4, eall4             prop
		wageSum, wageSq, wageN      [2]float64
		earnLHS, earnOther          []float64
		partHigh, partOther         float64
		poorHigh, poorOther         float64
	)
	for tract, high := range f.high {
		if high {
			poorHigh += f.poor[tract]
		} else {
			poorOther += f.poor[tract]
		}
	}
	for _, r := range f.rows {
		needy := f.needy(r)
		if f.i(r, "PIRL 903") >= 1 || f.i(r, "PIRL 904") >= 1 || f.i(r, "PIRL 905") >= 1 {
			enroll.add(needy, f.participant(r))
		}
		if !f.participant(r) {
			continue
		}
		if f.high[f.s(r, "tract_geoid")] {
			partHigh++
		} else {
			partOther++
		}
		train.add(needy, f.i(r, "PIRL 1300") == 1)
		sex := f.i(r, "PIRL 201")
		trainee := f.i(r, "PIRL 1300") == 1
		if trainee && f.s(r, "PIRL 1811") != "" && sex != 9 {
			compl.add(sex == 2, f.s(r, "PIRL 1813") != "")
		}
		if !f.cohort(r) {
			continue
		}
		support := f.s(r, "PIRL 1409") != ""
		high := f.high[f.s(r, "tract_geoid")]
		if trainee && f.credDenom(r) {
			c := f.credential(r)
			if sex != 9 {
				cred.add(sex == 2, c)
			}
			credPov.add(high, c)
			credSup.add(support, c)
		}
		e1, e2, e3, e4 := f.emp(r, "PIRL 1600"), f.emp(r, "PIRL 1602"), f.emp(r, "PIRL 1604"), f.emp(r, "PIRL 1606")
		lhs := f.i(r, "PIRL 408") == 0
		if e2 >= 0 {
			q2Sup.add(support, e2 == 1)
			eq2.add(lhs, e2 == 1)
		}
		if e4 >= 0 {
			eq4.add(lhs, e4 == 1)
		}
		all4 := -1
		if e1 >= 0 && e2 >= 0 && e3 >= 0 && e4 >= 0 {
			all4 = int(b2f(e1+e2+e3+e4 == 4))
			eall4.add(lhs, all4 == 1)
		}
		if e2 == 1 {
			w, _ := strconv.ParseFloat(f.s(r, "PIRL 1704"), 64)
			if lhs {
				earnLHS = append(earnLHS, w)
			} else {
				earnOther = append(earnOther, w)
			}
			if h, err := strconv.ParseFloat(f.s(r, "hourly_wage"), 64); err == nil && sex != 9 {
				s := sex - 1 // 0 men, 1 women
				wageSum[s] += h
				wageSq[s] += h * h
				wageN[s]++
			}
		}
		cl := cluster(f.s(r, "PIRL 1306"))
		if trainee && e2 == 1 && e4 >= 0 {
			if tr := f.i(r, "PIRL 1608"); tr == 0 || tr == 1 {
				ret := tr == 1 && e4 == 1
				if sex != 9 {
					retG.add(sex == 2, ret)
				}
				switch cl {
				case "hc", "other":
					retHC.add(cl == "hc", ret)
				}
				switch cl {
				case "it", "other":
					retIT.add(cl == "it", ret)
				}
			}
		}
		if trainee && all4 >= 0 && (cl == "tdl" || cl == "other") {
			all4TDL.add(cl == "tdl", all4 == 1)
		}
	}
	var out []measure
	addProp := func(name string, p *prop, want float64) {
		d, se := p.diff()
		out = append(out, measure{name: name, got: d, se: se, want: want, wantPower: want != 0})
	}
	ratio := (partHigh / poorHigh) / (partOther / poorOther)
	out = append(out, measure{name: "poverty-participation log ratio", got: math.Log(ratio), se: math.Sqrt(1/partHigh + 1/partOther),
		want: math.Log(g.participationRatio()), wantPower: g.participationRatio() != 1})
	addProp("poverty-credential", &credPov, g.PovertyCredential)
	addProp("neediest-enrollment", &enroll, g.NeediestEnrollment)
	addProp("neediest-training", &train, g.NeediestTraining)
	addProp("support-credential", &credSup, g.SupportCredential)
	addProp("support-employment", &q2Sup, g.SupportEmployment)
	addProp("gender-completion", &compl, g.GenderCompletion)
	addProp("gender-credential", &cred, g.GenderCredential)
	mean := func(s int) float64 { return wageSum[s] / wageN[s] }
	vr := func(s int) float64 { return (wageSq[s] - wageN[s]*mean(s)*mean(s)) / (wageN[s] - 1) / wageN[s] }
	out = append(out, measure{name: "gender-wage", got: mean(0) - mean(1), se: math.Sqrt(vr(0) + vr(1)), want: g.GenderWage, wantPower: g.GenderWage != 0})
	addProp("gender-retention", &retG, g.GenderRetention)
	addProp("education-q2", &eq2, g.EducationQ2)
	addProp("education-q4", &eq4, g.EducationQ4)
	addProp("education-all4", &eall4, g.EducationAll4)
	medRatio := median(earnLHS)/median(earnOther) - 1
	out = append(out, measure{name: "education-earnings", got: medRatio, want: g.EducationEarnings, fixedTol: 0.04})
	addProp("hd-retention HC", &retHC, g.HDRetention)
	addProp("hd-retention IT", &retIT, g.HDRetention)
	addProp("tdl-all4", &all4TDL, g.TDLAll4)
	return out
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// TestInjectedGaps counts every gap on 50,000 rows: each must be within four
// standard errors of its knob with the defaults (and distinguishable from
// zero), and within four standard errors of zero with Gaps{}.
func TestInjectedGaps(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 50,000 generated rows")
	}
	for _, tc := range []struct {
		name string
		gaps Gaps
		seed uint64
	}{{"defaults", DefaultGaps(), 11}, {"none", Gaps{}, 12}} {
		t.Run(tc.name, func(t *testing.T) {
			f, sum := generated(t, Config{Rows: 50000, Seed: tc.seed, Gaps: tc.gaps})
			if sum.Rows != 50000 || len(f.rows) != 50000 {
				t.Fatalf("rows %d / %d", sum.Rows, len(f.rows))
			}
			for _, m := range measures(f, tc.gaps) {
				tol := 4 * m.se
				if m.fixedTol > 0 {
					tol = m.fixedTol
				}
				t.Logf("%-32s got %+.4f want %+.4f (se %.4f)", m.name, m.got, m.want, m.se)
				if math.IsNaN(m.got) || math.Abs(m.got-m.want) > tol {
					t.Errorf("%s = %.4f, want %.4f ± %.4f", m.name, m.got, m.want, tol)
				}
				if m.wantPower && m.fixedTol == 0 && math.Abs(m.want) < 3*m.se {
					t.Errorf("%s: standard error %.4f too large to detect %.4f", m.name, m.se, m.want)
				}
			}
		})
	}
}

func TestShape(t *testing.T) {
	f, sum := generated(t, Config{Rows: 5000, Seed: 3, Gaps: DefaultGaps()})
	if sum.HighPoverty < 120 || sum.HighPoverty > 180 {
		t.Errorf("high-poverty tracts %d of 500, want about 30 %%", sum.HighPoverty)
	}
	ids := map[string]int{}
	var sentinel, nine, excl, reportable, soc8 int
	for _, r := range f.rows {
		ids[f.s(r, "PIRL 100")]++
		if f.s(r, "PIRL 1704") == "999999.99" {
			sentinel++
		}
		if f.s(r, "PIRL 1602") == "9" {
			nine++
		}
		if v := f.i(r, "PIRL 923"); v >= 1 {
			excl++
		}
		if f.s(r, "PIRL 903") == "4" || f.s(r, "PIRL 904") == "4" || f.s(r, "PIRL 905") == "4" {
			reportable++
		}
		if s := f.s(r, "PIRL 1306"); len(s) == 8 {
			soc8++
		}
		if g := f.s(r, "tract_geoid"); len(g) != 11 {
			t.Fatalf("tract %q", g)
		}
		if f.s(r, "hourly_wage") != "" && f.emp(r, "PIRL 1602") != 1 {
			t.Fatal("hourly wage without Q2 employment")
		}
	}
	repeats := len(f.rows) - len(ids)
	if repeats != sum.SecondPeriods || repeats < 50 || repeats > 150 {
		t.Errorf("repeated identifiers %d (summary %d), want about 2 %%", repeats, sum.SecondPeriods)
	}
	if sentinel == 0 || nine == 0 || excl == 0 || reportable == 0 || soc8 == 0 {
		t.Errorf("sentinels %d, Q2 not available %d, exclusions %d, reportable %d, SOC codes %d: want some of each", sentinel, nine, excl, reportable, soc8)
	}
}

func BenchmarkGenerate(b *testing.B) {
	var n int64
	for b.Loop() {
		cw := &countWriter{}
		if _, err := Generate(cw, nil, Config{Rows: 100000, Seed: 1, Gaps: DefaultGaps()}); err != nil {
			b.Fatal(err)
		}
		n = cw.n
	}
	b.SetBytes(n)
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
