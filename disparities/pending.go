package disparities

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
)

// Outcomes not yet reported (METHODS §2.9): within the cohort, employment
// that is still 9 or blank is "not yet available", so a comparison whose
// cohort has mostly such records is "not yet reported" rather than a small
// cell. These give, per record, whether its outcome for a measure is still
// to come; nil when no record of the cohort has one (a complete cohort
// costs nothing).

// pendQ2 marks cohort members whose Q2 employment is not yet available:
// pending for Q2 employment and for the wage and earnings measures among
// the employed in Q2.
func pendQ2(in *Input) []bool {
	if in.D.Counts.EmpQ2NA == 0 {
		return nil
	}
	return cached(in, "pending Q2", func() []bool { return pendingOf(in.D, measures.KindQ2, in.D.EmpQ2) })
}

// pendQ4 marks cohort members whose Q4 employment is not yet available.
func pendQ4(in *Input) []bool {
	if in.D.Counts.EmpQ4NA == 0 {
		return nil
	}
	return cached(in, "pending Q4", func() []bool { return pendingOf(in.D, measures.KindQ4, in.D.EmpQ4) })
}

// pendAll4 marks cohort members with some quarter after exit not yet available.
func pendAll4(in *Input) []bool {
	if in.D.Counts.EmpAll4NA == 0 {
		return nil
	}
	return cached(in, "pending all4", func() []bool { return pendingOf(in.D, measures.KindQ4, in.D.EmpAll4) })
}

// pendRet marks cohort trainees whose training-related retention waits for
// Q2 employment, or for Q4 employment after a job in Q2.
func pendRet(in *Input) []bool {
	d := in.D
	if d.Counts.EmpQ2NA == 0 && d.Counts.EmpQ4NA == 0 {
		return nil
	}
	return cached(in, "pending retention", func() []bool {
		out := make([]bool, d.N)
		cohort := d.CohortQ4 // retention is a Q4 measure
		for i := range out {
			out[i] = cohort[i] && d.Trainee[i] &&
				(d.EmpQ2[i] == measures.NA || d.EmpQ2[i] == measures.Yes && d.EmpQ4[i] == measures.NA)
		}
		return out
	})
}

// pendingOf: in the cohort of kind k, y is NA — for employment, always 9 or blank.
func pendingOf(d *measures.Derived, k measures.Kind, y []int8) []bool {
	out := make([]bool, d.N)
	cohort := d.CohortOf(k)
	for i, v := range y[:d.N] {
		out[i] = cohort[i] && v == measures.NA
	}
	return out
}

// groupPending holds, per group, the members of a population (the cohort a
// not-yet-reported share is taken over) and how many of them have no
// outcome yet; nil slices when none has.
type groupPending struct{ pending, cohort []int }

// pendingBy counts, for each group in [0, k), the records of pop in the
// group and those of them with pend.
func pendingBy(pop []bool, group []int8, pend []bool, k int) groupPending {
	if pend == nil {
		return groupPending{}
	}
	pending, cohort := make([]int, k), make([]int, k)
	group, pend = group[:len(pop)], pend[:len(pop)]
	for i, ok := range pop {
		if g := group[i]; ok && g >= 0 && int(g) < k {
			cohort[g]++
			if pend[i] {
				pending[g]++
			}
		}
	}
	return groupPending{pending, cohort}
}

// withPending sets each count's not-yet-reported counts.
func withPending(cs []results.Count, p groupPending) []results.Count {
	if p.pending != nil {
		for g := range cs {
			cs[g].Pending, cs[g].Cohort = p.pending[g], p.cohort[g]
		}
	}
	return cs
}

// withPendingSamples sets each sample's not-yet-reported counts.
func withPendingSamples(ss []results.Sample, p groupPending) []results.Sample {
	if p.pending != nil {
		for g := range ss {
			ss[g].Pending, ss[g].Cohort = p.pending[g], p.cohort[g]
		}
	}
	return ss
}

// window states, for the section, the exit window of measures of kind k
// when the run gives measures windows of their own (METHODS §2.1): one
// line per window, the measures in the order first stated.
func (s *Draft) window(in *Input, k measures.Kind, names ...string) {
	d := in.D
	if !d.PerMeasure {
		return
	}
	w := d.Windows[k]
	var what string
	switch k {
	case measures.KindQ2:
		what = fmt.Sprintf("exits %s (DOL's cohort of the Q2 measures)", w)
	case measures.KindQ4:
		what = fmt.Sprintf("exits %s (DOL's cohort of the Q4 and credential measures)", w)
	default:
		what = fmt.Sprintf("exits %s (the program year)", w)
	}
	s.addWindow(what, names)
}

// activeWindow states the window of measures over records active in the
// run's window (participation, enrolment, training receipt).
func (s *Draft) activeWindow(in *Input, names ...string) {
	d := in.D
	if d.PerMeasure {
		s.addWindow(fmt.Sprintf("records active %s (the program year)", d.Windows[measures.KindExit]), names)
	}
}

func (s *Draft) addWindow(what string, names []string) {
	for i := range s.Windows {
		if s.Windows[i].Window == what {
			s.Windows[i].Measures = append(s.Windows[i].Measures, names...)
			return
		}
	}
	s.Windows = append(s.Windows, results.MeasureWindow{Measures: names, Window: what})
}
