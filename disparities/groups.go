package disparities

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/measures"
)

// Group functions shared by several disparities. Each returns a group index
// or -1 for "unknown"; the matching name slices give the labels.

var sexNames = []string{"Women", "Men"}

const sexWomen, sexMen = 0, 1

func bySex(d *measures.Derived) func(int) int {
	return func(i int) int {
		switch d.Sex[i] {
		case 2:
			return sexWomen
		case 1:
			return sexMen
		}
		return -1
	}
}

var povNames = []string{"High-poverty tracts", "Other tracts"}

func byPoverty(d *measures.Derived) func(int) int {
	return func(i int) int {
		switch d.HighPov[i] {
		case measures.Yes:
			return 0
		case measures.No:
			return 1
		}
		return -1
	}
}

func byEdu(d *measures.Derived) func(int) int { return func(i int) int { return int(d.Edu[i]) } }

var neediestNames = []string{"Neediest", "Others"}

func byNeediest(d *measures.Derived) func(int) int {
	return func(i int) int {
		if d.Neediest[i] {
			return 0
		}
		return 1
	}
}

func counts(names []string, x, n []int) []count {
	out := make([]count, len(names))
	for g := range names {
		out[g] = count{names[g], x[g], n[g]}
	}
	return out
}

func samples(names []string, v [][]float64) []sample {
	out := make([]sample, len(names))
	for g := range names {
		out[g] = sample{names[g], v[g]}
	}
	return out
}

// leftOut appends non-zero left-out counts.
func (s *Section) leftOut(measure string, na int, naReason string, unknown int, unknownReason string) {
	if na > 0 {
		s.LeftOut = append(s.LeftOut, LeftOut{measure, naReason, na})
	}
	if unknown > 0 {
		s.LeftOut = append(s.LeftOut, LeftOut{measure, unknownReason, unknown})
	}
}

// chart adds a chart of the given rows (one unit) when any is shown.
func (s *Section) chart(name, title string, rows []Row) {
	for _, r := range rows {
		if !r.Suppressed {
			s.Charts = append(s.Charts, Chart{Name: s.ID + "-" + name, Title: title, Rows: rows})
			return
		}
	}
}

// find returns the index in s.Rows of the row with this measure and group, or -1.
func (s *Section) find(measure, group string) int {
	for i, r := range s.Rows {
		if r.Measure == measure && r.Group == group {
			return i
		}
	}
	return -1
}

func (s *Section) warnf(format string, a ...any) {
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
