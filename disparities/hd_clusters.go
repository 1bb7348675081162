package disparities

import (
	"fmt"
	"math"
	"strings"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// HDClusters asks whether trainees in high-demand industry clusters keep
// training-related jobs and stay employed. Trainees in the cohort are placed
// in a cluster by the SOC prefix of their first occupational skills training
// code (1306; mapping configurable); each cluster is compared with non-HD
// trainees on training-related employment retention and employment in all
// four quarters after exit.
var HDClusters = &Disparity{
	ID:       "hd-clusters",
	Title:    "High-demand industry clusters",
	Question: "Do trainees in high-demand clusters keep training-related jobs, and are they employed all four quarters?",
	Doc: "Among trainees (1300 = 1) in the cohort with a training code (1306), each high-demand cluster (SOC " +
		"prefix mapping) against non-HD trainees: training-related employment retention (1608 = 1 and employed " +
		"Q4, among those employed Q2) and employment in all four quarters after exit.",
	Needs: []Need{needField(pirl.FieldTraining), needField(pirl.FieldTrainCode1)},
	Run:   runHDClusters,
}

// hdNonHD names the reference group of hd-clusters.
const hdNonHD = "Non-HD trainees"

// hdGroups is, per record, its group: 0..k-1 the k clusters, k non-HD
// trainees (the reference), -1 no training code; and the groups' names.
func hdGroups(in *Input) ([]int8, []string) {
	k := len(in.Cfg.Measures.Clusters)
	names := make([]string, k+1)
	for i, cl := range in.Cfg.Measures.Clusters {
		names[i] = cl.Name
	}
	names[k] = hdNonHD
	return cached(in, "hd groups", func() []int8 {
		d := in.D
		group := make([]int8, d.N)
		for i, cl := range d.Cluster[:d.N] {
			switch {
			case cl == measures.NA:
				group[i] = -1
			case cl == 0:
				group[i] = int8(k)
			default:
				group[i] = cl - 1
			}
		}
		return group
	}), names
}

// hdTrainees is the population both hd-clusters measures are taken over:
// trainees in the Q4 cohort (both are Q4-cohort measures, METHODS §2.1).
func hdTrainees(in *Input) []bool {
	return cached(in, "hd trainees", func() []bool { return both(in.D.CohortQ4, in.D.Trainee) })
}

// hdMeasure is one of hd-clusters' two measures: its outcome and which
// records' outcomes are still to come.
type hdMeasure struct {
	name, title string
	y           func(d *measures.Derived) []int8
	why         string
	pend        func(in *Input) []bool
}

var hdMeasures = []hdMeasure{
	{mTrainRet, "Training-related employment retention by cluster", func(d *measures.Derived) []int8 { return d.TrainRet }, "not employed in Q2, or PIRL 1608 / 1606 not known", pendRet},
	{mEmpAll4, "Employed all four quarters after exit, by cluster", func(d *measures.Derived) []int8 { return d.EmpAll4 }, "employment in some quarter not yet available", pendAll4},
}

func runHDClusters(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	id := s.ID
	group, names := hdGroups(in)
	k := len(names) - 1
	trainee := hdTrainees(in)
	s.window(in, measures.KindQ4, mTrainRet, mEmpAll4)
	for _, m := range hdMeasures {
		x, n, na, unk := tally(trainee, group, m.y(d), k+1)
		rows := c.Rates(id, m.name, withPending(counts(names, x, n), pendingBy(trainee, group, m.pend(in), k+1)), k)
		s.Rows = append(s.Rows, rows...)
		s.leftOut(m.name, na, m.why, unk, "no training code (PIRL 1306)")
		s.chart(strings.ReplaceAll(strings.SplitN(m.name, " ", 2)[0], "-", ""), m.title, rows)
	}
	s.Headline = -1
	s.describe = func() string {
		// Headline: the flagged comparison with the largest gap, else the largest gap shown.
		best := -1
		for i, r := range s.Rows {
			if r.Reference == "" || r.Suppressed || math.IsNaN(r.Diff) {
				continue
			}
			if best < 0 || (r.Flagged && !s.Rows[best].Flagged) ||
				(r.Flagged == s.Rows[best].Flagged && math.Abs(r.Diff) > math.Abs(s.Rows[best].Diff)) {
				best = i
			}
		}
		s.Headline = best
		if best < 0 {
			return fmt.Sprintf("Too few trainees with training codes to compare clusters (groups under %d are suppressed) — insufficient data.", c.MinCell)
		}
		var parts []string
		for _, r := range s.Rows {
			if !r.Flagged {
				continue
			}
			verb := "kept training-related jobs"
			if r.Measure == mEmpAll4 {
				verb = "were employed all four quarters after exit"
			}
			rr := r
			parts = append(parts, c.gapSentence(&rr, r.Group+" trainees", verb, "more often", "less often", "non-HD trainees"))
		}
		if len(parts) == 0 {
			r := &s.Rows[best]
			return "No cluster differs enough from non-HD trainees to flag. The largest gap: " + c.gapSentence(r, r.Group+" trainees",
				map[bool]string{true: "were employed all four quarters after exit", false: "kept training-related jobs"}[r.Measure == mEmpAll4],
				"more often", "less often", "non-HD trainees")
		}
		return strings.Join(parts, " ")
	}
}
