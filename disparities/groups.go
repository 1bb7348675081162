package disparities

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
)

// Groupings shared by several disparities. Each gives every record a group
// index, or -1 for "unknown", as a slice aligned with the records (read by
// tally and split in one typed loop, not a call per record); the matching
// name slices give the labels.

var sexNames = measures.SexNames[:]

const sexWomen, sexMen = int(measures.SexWoman), int(measures.SexMan)

// bySex groups records by sex (PIRL 201): measures' sex is the group index
// already (sexWomen, sexMen, or -1 when unknown).
func bySex(in *Input) []int8 { return in.D.Sex[:in.D.N] }

var povNames = []string{"High-poverty tracts", "Other tracts"}

// byPoverty groups records by tract poverty: 0 high-poverty, 1 other, -1 unknown.
func byPoverty(in *Input) []int8 {
	return cached(in, "poverty", func() []int8 { return povertyGroups(in.D) })
}

func povertyGroups(d *measures.Derived) []int8 {
	g := make([]int8, d.N)
	for i, v := range d.HighPov[:d.N] {
		switch v {
		case measures.Yes:
			g[i] = 0
		case measures.No:
			g[i] = 1
		default:
			g[i] = -1
		}
	}
	return g
}

// byEdu groups records by education group (EduUnknown is -1).
func byEdu(d *measures.Derived) []int8 { return d.Edu[:d.N] }

var neediestNames = []string{"Neediest", "Others"}

// byNeediest groups records: 0 neediest, 1 others.
func byNeediest(in *Input) []int8 {
	return cached(in, "neediest", func() []int8 { return neediestGroups(in.D) })
}

func neediestGroups(d *measures.Derived) []int8 {
	g := make([]int8, d.N)
	for i, v := range d.Neediest[:d.N] {
		if !v {
			g[i] = 1
		}
	}
	return g
}

// employedQ2 marks exiters in the cohort employed in the 2nd quarter after exit.
func employedQ2(in *Input) []bool {
	return cached(in, "employed Q2", func() []bool { return both(in.D.CohortQ2, isYes(in.D.EmpQ2)) })
}

// both returns a[i] && b[i] for every i (a population within a population).
func both(a, b []bool) []bool {
	out := make([]bool, len(a))
	b = b[:len(a)]
	for i := range a {
		out[i] = a[i] && b[i]
	}
	return out
}

// isYes returns y[i] == Yes for every i.
func isYes(y []int8) []bool {
	out := make([]bool, len(y))
	for i, v := range y {
		out[i] = v == measures.Yes
	}
	return out
}

func counts(names []string, x, n []int) []results.Count {
	out := make([]results.Count, len(names))
	for g := range names {
		out[g] = results.Count{Name: names[g], X: x[g], N: n[g]}
	}
	return out
}

func samples(names []string, v [][]float64) []results.Sample {
	out := make([]results.Sample, len(names))
	for g := range names {
		out[g] = results.Sample{Name: names[g], Values: v[g]}
	}
	return out
}

// leftOut appends non-zero left-out counts.
func (s *Draft) leftOut(measure string, na int, naReason string, unknown int, unknownReason string) {
	if na > 0 {
		s.LeftOut = append(s.LeftOut, results.LeftOut{Measure: measure, Reason: naReason, N: na})
	}
	if unknown > 0 {
		s.LeftOut = append(s.LeftOut, results.LeftOut{Measure: measure, Reason: unknownReason, N: unknown})
	}
}

// chart adds a chart of the given rows (one unit) when any is shown.
func (s *Draft) chart(name, title string, rows []results.Row) {
	for _, r := range rows {
		if !r.Suppressed {
			s.Charts = append(s.Charts, results.Chart{Name: s.ID + "-" + name, Title: title, Rows: rows})
			return
		}
	}
}

// find returns the index in s.Rows of the row with this measure and group, or -1.
func (s *Draft) find(measure, group string) int {
	for i, r := range s.Rows {
		if r.Measure == measure && r.Group == group {
			return i
		}
	}
	return -1
}

func (s *Draft) warnf(format string, a ...any) {
	s.Warnings = append(s.Warnings, fmt.Sprintf(format, a...))
}

// boolTri turns a bool slice into Yes/No for tally.
func boolTri(b []bool) []int8 {
	out := make([]int8, len(b))
	for i, v := range b {
		if v {
			out[i] = measures.Yes
		}
	}
	return out
}
