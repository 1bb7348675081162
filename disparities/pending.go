package disparities

import (
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
	return cached(in, "pending Q2", func() []bool { return pendingOf(in.D, in.D.EmpQ2) })
}

// pendQ4 marks cohort members whose Q4 employment is not yet available.
func pendQ4(in *Input) []bool {
	if in.D.Counts.EmpQ4NA == 0 {
		return nil
	}
	return cached(in, "pending Q4", func() []bool { return pendingOf(in.D, in.D.EmpQ4) })
}

// pendAll4 marks cohort members with some quarter after exit not yet available.
func pendAll4(in *Input) []bool {
	if in.D.Counts.EmpAll4NA == 0 {
		return nil
	}
	return cached(in, "pending all4", func() []bool { return pendingOf(in.D, in.D.EmpAll4) })
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
		for i := range out {
			out[i] = d.Cohort[i] && d.Trainee[i] &&
				(d.EmpQ2[i] == measures.NA || d.EmpQ2[i] == measures.Yes && d.EmpQ4[i] == measures.NA)
		}
		return out
	})
}

// pendingOf: in the cohort, y is NA — for employment, always 9 or blank.
func pendingOf(d *measures.Derived, y []int8) []bool {
	out := make([]bool, d.N)
	for i, v := range y[:d.N] {
		out[i] = d.Cohort[i] && v == measures.NA
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
