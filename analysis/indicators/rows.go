package indicators

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/wioa-equity/wioa/analysis/results"
)

// DisparityID is the Disparity column of every indicator row.
const DisparityID = "indicators"

// AllGroup and RestGroup name the whole cohort and the comparison group.
const (
	AllGroup  = "All"
	RestGroup = "Rest of cohort"
)

// RowOptions control how outcomes become rows.
type RowOptions struct {
	// RoundMedians publishes medians and their bounds to 3 significant digits,
	// as the report does for privacy (a median is one person's earnings);
	// off by default so that the numbers equal DOL's published ones.
	RoundMedians bool
}

// Section computes the rows of every outcome and returns them as one report
// section (ID "indicators"). For each (program, indicator): the "All" row,
// then, per dimension, one row per group compared with the rest of the
// cohort whose dimension is known — rates with the report's statistics
// (Wilson interval; Newcombe difference; rate ratio; two-proportion z or
// Fisher's exact test when an expected cell is below 5), medians with the
// order-statistic interval, a bootstrap interval of the difference (seeded
// with seed+1, seed+2, … in row order; a normal approximation above
// rules.BootstrapMaxN) and the Mann–Whitney p — the builders of
// analysis/results, which the disparities use too. P values are adjusted
// (rules.Adjust, Holm by default) within each measure; a gap is flagged under
// the report's rule (METHODS §5). Groups with n below rules.MinCell are
// suppressed; when exactly one group of a breakdown is, the next smallest is
// too (complementary suppression).
func Section(r *Result, dims []Dimension, rules *results.Rules, seed uint64, ro RowOptions) *results.Section {
	cfg := rules
	s := &results.Section{ID: DisparityID, Headline: -1,
		Title:    fmt.Sprintf("WIOA primary indicators of performance, program year %d", r.ProgramYear),
		Question: "How do the WIOA primary indicators of performance compare across groups, computed as DOL computes them?"}
	// Every (outcome, breakdown) is computed apart, on all processors at
	// once: the rate breakdowns, and the median breakdowns' groups with each
	// outcome's sorted earnings; then, in row order, the bootstrap seed each
	// median comparison gets (it advances once per bootstrapped comparison,
	// as when they were computed one by one); then the median rows. The
	// rows are put together in order.
	type part struct {
		rows    []results.Row
		unknown int
		warns   []string
		med     *medianGroups
		seed    uint64 // the seed before the breakdown's first comparison
	}
	parts := make([][]part, len(r.Outcomes))
	for k := range r.Outcomes {
		parts[k] = make([]part, len(dims))
	}
	var first []func()
	for k, o := range r.Outcomes {
		measure := Measure(o.Indicator, o.Program)
		if o.Indicator == MEQ2 {
			first = append(first, func() { o.earningsOrder() })
		}
		for d := range dims {
			p, dm := &parts[k][d], &dims[d]
			if o.Indicator == MEQ2 {
				first = append(first, func() { p.med = groupMedians(o, dm) })
			} else {
				first = append(first, func() { p.rows, p.unknown = rateRows(o, measure, dm, cfg) })
			}
		}
	}
	parallel(first)
	var then []func()
	for k, o := range r.Outcomes {
		if o.Indicator != MEQ2 {
			continue
		}
		measure := Measure(o.Indicator, o.Program)
		for d := range dims {
			p, dm := &parts[k][d], &dims[d]
			p.seed = seed
			for g := range dm.Groups {
				if cfg.Bootstraps(len(p.med.vals[g]), p.med.known-len(p.med.vals[g])) {
					seed++
				}
			}
			then = append(then, func() { p.rows, p.unknown, p.warns = medianRows(o, measure, dm, cfg, p.med, p.seed) })
		}
	}
	parallel(then)
	for k, o := range r.Outcomes {
		measure := Measure(o.Indicator, o.Program)
		start := len(s.Rows)
		s.Rows = append(s.Rows, allRow(o, measure, cfg))
		for d, dm := range dims {
			p := &parts[k][d]
			s.Warnings = append(s.Warnings, p.warns...)
			if p.unknown > 0 {
				s.LeftOut = append(s.LeftOut, results.LeftOut{Measure: measure, Reason: dm.Label + " not known", N: p.unknown})
			}
			s.Rows = append(s.Rows, p.rows...)
		}
		if ro.RoundMedians && o.Indicator == MEQ2 {
			results.RoundMedians(s.Rows[start:])
		}
		cfg.Flag(s.Rows[start:])
	}
	s.Status = results.StatusNoGap
	flagged, compared := 0, 0
	for _, r := range s.Rows {
		if r.Reference != "" && !math.IsNaN(r.P) {
			compared++
		}
		if r.Flagged {
			flagged++
		}
	}
	switch {
	case flagged > 0:
		s.Status = results.StatusFlagged
	case compared == 0:
		s.Status = results.StatusInsufficient
	}
	s.Finding = fmt.Sprintf("%d of %d group comparisons flagged for review.", flagged, compared)
	if len(r.Outcomes) == 0 {
		s.Status, s.Finding = results.StatusNotComputed, "No program could be computed."
		s.NotComputed = "needs a program element (PIRL 903, 904, 905 or 918)"
	}
	return s
}

func allRow(o *Outcome, measure string, cfg *results.Rules) results.Row {
	if o.Indicator == MEQ2 {
		r, _ := cfg.MedianRow(DisparityID, measure, results.UnitDollars, results.NewMedianSample(AllGroup, o.Earnings), nil, 0)
		return r
	}
	return cfg.RateRow(DisparityID, measure, AllGroup, o.Counts.Numerator, o.Counts.Denominator, "", 0, 0)
}

// rateRows compares each group of dm with the rest.
func rateRows(o *Outcome, measure string, dm *Dimension, cfg *results.Rules) ([]results.Row, int) {
	k := len(dm.Groups)
	x, n := make([]int, k), make([]int, k)
	var xk, nk, unknown int // known records
	for j, i := range o.Rows {
		g := dm.Of(int(i))
		if g == Unknown {
			unknown++
			continue
		}
		nk++
		if o.Hit[j] {
			xk++
		}
		if g >= 0 {
			n[g]++
			if o.Hit[j] {
				x[g]++
			}
		}
	}
	rows := make([]results.Row, k)
	for g := range rows {
		rows[g] = cfg.RateRow(DisparityID, measure, dm.GroupName(g), x[g], n[g], RestGroup, xk-x[g], nk-n[g])
	}
	return results.Complementary(rows), unknown
}

// medianGroups are an outcome's records by group of one breakdown: each
// record's group, each group's earnings in record order, and how many
// records have a known group (known) or not (unknown).
type medianGroups struct {
	grp            []int
	vals           [][]float64
	known, unknown int
}

func groupMedians(o *Outcome, dm *Dimension) *medianGroups {
	m := &medianGroups{grp: make([]int, 0, len(o.Rows)), vals: make([][]float64, len(dm.Groups))}
	for j, i := range o.Rows {
		g := dm.Of(int(i))
		m.grp = append(m.grp, g)
		if g == Unknown {
			m.unknown++
			continue
		}
		m.known++
		if g >= 0 {
			m.vals[g] = append(m.vals[g], o.Earnings[j])
		}
	}
	return m
}

// medianRows compares each group's median earnings with the rest's. The
// seed advances once per bootstrapped comparison, from seed.
func medianRows(o *Outcome, measure string, dm *Dimension, cfg *results.Rules, m *medianGroups, seed uint64) ([]results.Row, int, []string) {
	k := len(dm.Groups)
	grp, vals, known, unknown := m.grp, m.vals, m.known, m.unknown
	// Each group and the rest of the known records, sorted: filtered from
	// the outcome's one sorted order rather than sorted per group (the
	// medians and intervals are of the sorted values, the bootstrap
	// resamples the values in record order).
	ord := o.earningsOrder()
	sorted := make([][]float64, k)
	for g := range sorted {
		sorted[g] = make([]float64, 0, len(vals[g]))
	}
	for _, j := range ord {
		if g := grp[j]; g >= 0 {
			sorted[g] = append(sorted[g], o.Earnings[j])
		}
	}
	var warns []string
	rows := make([]results.Row, k)
	for g := range rows {
		rest := make([]float64, 0, known-len(vals[g]))
		for j, gg := range grp {
			if gg != Unknown && gg != g {
				rest = append(rest, o.Earnings[j])
			}
		}
		restSorted := make([]float64, 0, len(rest))
		for _, j := range ord {
			if gg := grp[j]; gg != Unknown && gg != g {
				restSorted = append(restSorted, o.Earnings[j])
			}
		}
		if cfg.Bootstraps(len(vals[g]), len(rest)) {
			seed++
		}
		r, w := cfg.MedianRow(DisparityID, measure, results.UnitDollars,
			results.NewMedianSampleSorted(dm.GroupName(g), vals[g], sorted[g]), results.NewMedianSampleSorted(RestGroup, rest, restSorted), seed)
		warns = append(warns, w...)
		rows[g] = r
	}
	return results.Complementary(rows), unknown, warns
}

// parallel runs the jobs on all processors and returns when all are done.
func parallel(jobs []func()) {
	next := make(chan func())
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				f()
			}
		}()
	}
	for _, f := range jobs {
		next <- f
	}
	close(next)
	wg.Wait()
}
