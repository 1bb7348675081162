package disparities

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// PilotMeasure is one disparity measure on which a pilot can be judged
// (README, "Did our pilot work?"): which records it compares, which of them are the focal
// group, and each one's outcome, with the date that puts a record before or
// after a pilot's start.
type PilotMeasure struct {
	Disparity, Measure string
	// Focal and Reference name the two groups; the gap is focal − reference.
	Focal, Reference string
	Unit             results.Unit // UnitRate (0/1 outcome) or UnitDollars (continuous)
	// ByEntry: "after" is by entry date (enrollment); otherwise by exit date.
	ByEntry bool
	// Headline marks the disparity's headline measure (the one used
	// without --measure).
	Headline bool
	// FromHeadline: Resolve took the comparison from the section's
	// headline row (hd-clusters without a cluster named).
	FromHeadline bool
	// records returns, per record, -1 when it is not compared, else 1 for
	// the focal group and 0 for the reference; and the outcome (used only
	// where the group is not -1).
	records func(in *Input) (group []int8, y []float64)
	// pending, when set, returns per record the group (1 focal, 0
	// reference, -1 neither) over the cohort a not-yet-reported share is
	// taken over, and whether its outcome is still to come (METHODS §2.9);
	// nil pend when none is. Used by the by-board rows (ByBoard).
	pending func(in *Input) (group []int8, pend []bool)
	// groups, when set, are every group the section compares the focal
	// group among (hd-clusters: each cluster, and non-HD trainees): per
	// record its group (-1 none, or an outcome neither Yes nor No), how
	// many groups, and the focal and reference ones. A board's two rows are
	// then taken from the rows of all of them, so that suppression within
	// the board — complementary suppression included — is the section's.
	groups func(in *Input) (group []int8, k, focal, ref int)
	// bind, when set, marks an entry whose comparison the data chooses
	// (hd-clusters: the section's headline is the flagged cluster with
	// the largest gap, on either measure): it returns the entry completed
	// for one measure and focal group (from the entry e, unbound). records
	// is nil until then.
	bind func(e *PilotMeasure, in *Input, measure, focal string) (*PilotMeasure, error)
}

// pilotUnsupported says why a disparity has no pilot measure.
var pilotUnsupported = map[string]string{
	"poverty-participation": "its measure is participants per resident in poverty, a count per tract population, not an outcome of each record, so there is no record-level model to fit",
}

// hdSeparator joins a cluster and a measure in an hd-clusters measure
// name: "Health Care: training-related employment retention".
const hdSeparator = ": "

// PilotMeasures lists the measures a pilot can be judged on, per disparity,
// the headline first.
func PilotMeasures() []*PilotMeasure { return slices.Clone(pilotMeasures) }

var pilotMeasures = []*PilotMeasure{
	{Disparity: "poverty-credential", Measure: mCredential, Focal: povNames[0], Reference: povNames[1], Unit: results.UnitRate, Headline: true,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(in.D.CohortQ4, byPoverty(in), 0, 1, in.D.Credential)
		}},
	{Disparity: "neediest-enrollment", Measure: mEnroll, Focal: neediestNames[0], Reference: neediestNames[1], Unit: results.UnitRate, ByEntry: true, Headline: true,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(both(in.D.Active, in.D.Record), byNeediest(in), 0, 1, in.D.Enrolled)
		}},
	{Disparity: "neediest-enrollment", Measure: mTrained, Focal: neediestNames[0], Reference: neediestNames[1], Unit: results.UnitRate, ByEntry: true,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(both(in.D.Active, isYes(in.D.Enrolled)), byNeediest(in), 0, 1, boolTri(in.D.Trainee))
		}},
	{Disparity: "supportive-services", Measure: mCredential, Focal: supportNames[0], Reference: supportNames[1], Unit: results.UnitRate, Headline: true,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(in.D.CohortQ4, supportGroups(in), 0, 1, in.D.Credential)
		}},
	{Disparity: "supportive-services", Measure: mEmpQ2, Focal: supportNames[0], Reference: supportNames[1], Unit: results.UnitRate,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(in.D.CohortQ2, supportGroups(in), 0, 1, in.D.EmpQ2)
		}},
	{Disparity: "gender-credential", Measure: mCredential, Focal: sexNames[sexWomen], Reference: sexNames[sexMen], Unit: results.UnitRate, Headline: true,
		records: func(in *Input) ([]int8, []float64) {
			sx, _ := in.Cfg.sexGroups()
			return pilotRates(in.D.CohortQ4, bySex(in), sx[0], sx[1], in.D.Credential)
		}},
	{Disparity: "gender-credential", Measure: mCompletion, Focal: sexNames[sexWomen], Reference: sexNames[sexMen], Unit: results.UnitRate,
		records: func(in *Input) ([]int8, []float64) {
			sx, _ := in.Cfg.sexGroups()
			return pilotRates(in.D.CohortQ4, bySex(in), sx[0], sx[1], in.D.Completed)
		}},
	{Disparity: GenderWagesID, Measure: "mean wage", Focal: sexNames[sexWomen], Reference: sexNames[sexMen], Unit: results.UnitDollars, Headline: true,
		records: func(in *Input) ([]int8, []float64) {
			sx, _ := in.Cfg.sexGroups()
			d := in.D
			employed := employedQ2(in)
			g := make([]int8, d.N)
			y := make([]float64, d.N)
			for i, s := range bySex(in) {
				g[i] = -1
				w := d.Wage(i)
				if !employed[i] || math.IsNaN(w) {
					continue
				}
				switch int(s) {
				case sx[0]:
					g[i] = 1
				case sx[1]:
					g[i] = 0
				default:
					continue
				}
				y[i] = w
			}
			return g, y
		},
		pending: func(in *Input) ([]int8, []bool) {
			sx, _ := in.Cfg.sexGroups()
			return pilotGroups(in.D.CohortQ2, bySex(in), sx[0], sx[1]), pendQ2(in)
		}},
	{Disparity: GenderWagesID, Measure: mTrainRet, Focal: sexNames[sexWomen], Reference: sexNames[sexMen], Unit: results.UnitRate,
		records: func(in *Input) ([]int8, []float64) {
			sx, _ := in.Cfg.sexGroups()
			return pilotRates(in.D.CohortQ4, bySex(in), sx[0], sx[1], in.D.TrainRet)
		}},
	{Disparity: "education-level", Measure: mEmpQ2, Focal: measures.EduNames[measures.EduLessHS], Reference: measures.EduNames[measures.EduHS], Unit: results.UnitRate, Headline: true,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(in.D.CohortQ2, byEdu(in.D), int(measures.EduLessHS), int(measures.EduHS), in.D.EmpQ2)
		},
		pending: func(in *Input) ([]int8, []bool) {
			return pilotGroups(in.D.CohortQ2, byEdu(in.D), int(measures.EduLessHS), int(measures.EduHS)), pendQ2(in)
		}},
	{Disparity: "education-level", Measure: mEmpQ4, Focal: measures.EduNames[measures.EduLessHS], Reference: measures.EduNames[measures.EduHS], Unit: results.UnitRate,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(in.D.CohortQ4, byEdu(in.D), int(measures.EduLessHS), int(measures.EduHS), in.D.EmpQ4)
		}},
	{Disparity: "education-level", Measure: mEmpAll4, Focal: measures.EduNames[measures.EduLessHS], Reference: measures.EduNames[measures.EduHS], Unit: results.UnitRate,
		records: func(in *Input) ([]int8, []float64) {
			return pilotRates(in.D.CohortQ4, byEdu(in.D), int(measures.EduLessHS), int(measures.EduHS), in.D.EmpAll4)
		}},
	// hd-clusters: one cluster against non-HD trainees on one of the two
	// measures, chosen when the data is read (bindCluster) — by default the
	// section's headline comparison.
	{Disparity: HDClusters.ID, Reference: hdNonHD, Unit: results.UnitRate, Headline: true, bind: bindCluster},
}

// bindCluster completes the hd-clusters entry e for cluster focal (a name
// of the configuration's hd_clusters) on measure (one of the section's two).
func bindCluster(e *PilotMeasure, in *Input, measure, focal string) (*PilotMeasure, error) {
	var hm *hdMeasure
	var names []string
	for i := range hdMeasures {
		names = append(names, fmt.Sprintf("%q", hdMeasures[i].name))
		if strings.EqualFold(measure, hdMeasures[i].name) {
			hm = &hdMeasures[i]
		}
	}
	if hm == nil {
		return nil, fmt.Errorf("hd-clusters has no measure %q (its measures: %s)", measure, strings.Join(names, ", "))
	}
	_, groups := hdGroups(in)
	k := len(groups) - 1
	cl := -1
	for i, n := range groups[:k] {
		if strings.EqualFold(strings.TrimSpace(focal), n) {
			cl = i
		}
	}
	if cl < 0 {
		return nil, fmt.Errorf("hd-clusters has no cluster %q (the configuration's clusters: %s)", focal, strings.Join(groups[:k], ", "))
	}
	m := *e
	m.Measure, m.Focal, m.bind = hm.name, groups[cl], nil
	m.records = func(in *Input) ([]int8, []float64) {
		g, _ := hdGroups(in)
		return pilotRates(hdTrainees(in), g, cl, k, hm.y(in.D))
	}
	m.pending = func(in *Input) ([]int8, []bool) {
		g, _ := hdGroups(in)
		return pilotGroups(hdTrainees(in), g, cl, k), hm.pend(in)
	}
	m.groups = func(in *Input) ([]int8, int, int, int) {
		g, _ := hdGroups(in)
		y := hm.y(in.D)
		out := make([]int8, len(g))
		for i, ok := range hdTrainees(in) {
			out[i] = -1
			if ok && (y[i] == measures.Yes || y[i] == measures.No) {
				out[i] = g[i]
			}
		}
		return out, k + 1, cl, k
	}
	return &m, nil
}

// Names are the --measure names of the entry: its measure's; for
// hd-clusters "CLUSTER: MEASURE" for each default cluster (METHODS §2) and
// measure.
func (m *PilotMeasure) Names() []string {
	if m.bind == nil {
		return []string{m.Measure}
	}
	var out []string
	for _, cl := range measures.DefaultClusters() {
		for _, hm := range hdMeasures {
			out = append(out, cl.Name+hdSeparator+hm.name)
		}
	}
	return out
}

// Describe says in a few words what the entry compares: "credential
// attainment, women − men".
func (m *PilotMeasure) Describe() string {
	if m.bind != nil && m.Focal == "" {
		return "the section's headline: a cluster − " + lowerName(m.Reference)
	}
	return m.Measure + ", " + lowerName(m.Focal) + " − " + lowerName(m.Reference)
}

// Bound reports whether the measure's comparison is fixed (every entry but
// an hd-clusters one before Resolve).
func (m *PilotMeasure) Bound() bool { return m.records != nil }

// Resolve completes a measure whose comparison the data chooses: m itself
// when it is fixed; for hd-clusters with a cluster named (--measure
// "CLUSTER: MEASURE") that cluster, else the section's headline comparison
// over in (the flagged cluster with the largest gap), which Resolve
// computes.
func (m *PilotMeasure) Resolve(in *Input) (*PilotMeasure, error) {
	if m.Bound() {
		return m, nil
	}
	if m.Focal != "" {
		return m.bind(m, in, m.Measure, m.Focal)
	}
	d, _ := Lookup(m.Disparity)
	s := d.RunOn(in)
	if s.Status == results.StatusNotComputed {
		return nil, fmt.Errorf("%s is not computed: %s", m.Disparity, s.NotComputed)
	}
	if s.Headline < 0 {
		return nil, fmt.Errorf("%s has no headline comparison in this file (every cluster or non-HD trainees under %d); name one with --measure \"CLUSTER%sMEASURE\"", m.Disparity, in.Cfg.MinCell, hdSeparator)
	}
	h := &s.Rows[s.Headline]
	b, err := m.bind(m, in, h.Measure, h.Group)
	if err == nil {
		b.FromHeadline = true
	}
	return b, err
}

// supportGroups: 0 recipients of supportive services, 1 the others.
func supportGroups(in *Input) []int8 {
	g := make([]int8, in.D.N)
	for i, u := range in.D.Support[:in.D.N] {
		if !u {
			g[i] = 1
		}
	}
	return g
}

// pilotGroups is, per record of pop, 1 where by == focal, 0 where by ==
// ref, else -1.
func pilotGroups(pop []bool, by []int8, focal, ref int) []int8 {
	g := make([]int8, len(pop))
	for i := range pop {
		g[i] = -1
		if !pop[i] {
			continue
		}
		switch int(by[i]) {
		case focal:
			g[i] = 1
		case ref:
			g[i] = 0
		}
	}
	return g
}

// pilotRates turns a Yes/No outcome among pop into the pilot's records:
// group 1 where by == focal, 0 where by == ref, -1 elsewhere or when the
// outcome is not Yes or No.
func pilotRates(pop []bool, by []int8, focal, ref int, y []int8) ([]int8, []float64) {
	g := pilotGroups(pop, by, focal, ref)
	v := make([]float64, len(pop))
	for i := range g {
		switch {
		case g[i] < 0:
		case y[i] == measures.Yes:
			v[i] = 1
		case y[i] != measures.No:
			g[i] = -1
		}
	}
	return g, v
}

// LookupPilotMeasure returns the measure of disparity id named measure
// ("" for the headline), or an error saying what is supported and why not.
//
// An hd-clusters measure is named "CLUSTER: MEASURE" (a cluster of the
// configuration, one of the section's two measures); the entry returned
// is completed by Resolve once the data is read.
func LookupPilotMeasure(id, measure string) (*PilotMeasure, error) {
	if why, ok := pilotUnsupported[id]; ok {
		return nil, fmt.Errorf("%s is not supported for pilots: %s", id, why)
	}
	var names []string
	for _, m := range pilotMeasures {
		if m.Disparity != id {
			continue
		}
		if m.bind != nil {
			if measure == "" {
				return m, nil
			}
			for _, hm := range hdMeasures {
				suffix := hdSeparator + hm.name
				if cut := len(measure) - len(suffix); cut > 0 && strings.EqualFold(measure[cut:], suffix) && strings.TrimSpace(measure[:cut]) != "" {
					b := *m
					b.Measure, b.Focal = hm.name, strings.TrimSpace(measure[:cut])
					return &b, nil
				}
				names = append(names, fmt.Sprintf("%q", "CLUSTER"+hdSeparator+hm.name))
			}
			continue
		}
		if (measure == "" && m.Headline) || strings.EqualFold(measure, m.Measure) {
			return m, nil
		}
		names = append(names, fmt.Sprintf("%q", m.Measure))
	}
	if names == nil {
		var ids []string
		for _, d := range All {
			if _, no := pilotUnsupported[d.ID]; !no {
				ids = append(ids, d.ID)
			}
		}
		return nil, fmt.Errorf("unknown disparity %q for a pilot (supported: %s)", id, strings.Join(ids, ", "))
	}
	return nil, fmt.Errorf("%s has no pilot measure %q (its measures: %s)", id, measure, strings.Join(names, ", "))
}

// PilotSpec says which pilot to judge.
type PilotSpec struct {
	Measure *PilotMeasure
	// Boards are the pilot boards' PIRL 108A codes; Start the first day
	// (pirl day number) of "after".
	Boards []string
	Start  int32
	// MaxExact bounds the assignments the randomization test enumerates
	// (more are sampled); 0 = 100,000.
	MaxExact int
}

// PilotBoard is one local board of a pilot analysis.
type PilotBoard struct {
	Code, Name string
	Pilot      bool
	N          int // records compared
}

// PilotCell is one board × period cell of the four: the two groups' sizes
// and means and the gap, NaN when a group is under MinCell (Suppressed).
type PilotCell struct {
	Boards, Period       string // "pilot"/"other", "before"/"after"
	N, RefN              int
	Value, RefValue, Gap float64
	Suppressed           bool
}

// PilotQuarter is the gap in one quarter (by the measure's date) in pilot
// or other boards; Gap is NaN when either group is under MinCell.
type PilotQuarter struct {
	Quarter    string // "2023Q3"
	Pilot      bool
	After      bool
	N          int
	Gap        float64
	Suppressed bool
}

// PilotResult is a pilot's triple difference, its board-level
// randomization test, the four cells and the gap by quarter.
type PilotResult struct {
	Measure *PilotMeasure
	Start   int32
	Boards  []PilotBoard
	// Cells are pilot before, pilot after, other before, other after.
	Cells    [4]PilotCell
	Quarters []PilotQuarter
	// Row carries the triple difference (Diff, DiffLow, DiffHigh, P, PAdj,
	// Flagged, Status, MDD) as every comparison does, judged by the flag
	// rule (METHODS §5.1) on the HC1 p-value; suppressed when a cell of the
	// eight is under MinCell.
	Row         results.Row
	SE          float64 // HC1 robust standard error
	DF          int
	Perm        stats.PermutationResult
	PermOK      bool
	LeftOut     int // compared records with no board (PIRL 108A blank)
	Warnings    []string
	Conf, Alpha float64
}

// Pilot computes the triple difference of the measure's gap between pilot
// and other boards after and before the start; the flag rule is METHODS §5.1's.
func Pilot(in *Input, spec PilotSpec) (*PilotResult, error) {
	m := spec.Measure
	d, c := in.D, in.Cfg
	if !in.Data.Has(pirl.FieldBoard) {
		return nil, errors.New("the file has no local board column (PIRL 108A), so pilot and other boards cannot be told apart")
	}
	if !m.Bound() {
		return nil, fmt.Errorf("%s: the comparison is not chosen yet (PilotMeasure.Resolve)", m.Disparity)
	}
	group, y := m.records(in)
	dateF := pirl.FieldExit
	if m.ByEntry {
		dateF = pirl.FieldEntry
	}
	res := &PilotResult{Measure: m, Start: spec.Start, Conf: c.Conf, Alpha: c.Alpha}
	if m.FromHeadline {
		res.Warnings = append(res.Warnings, fmt.Sprintf("The comparison is the %s section's headline over the whole file — %s against %s on %s, the flagged comparison with the largest gap (else the largest gap); to judge another, name it with --measure \"CLUSTER%sMEASURE\".",
			m.Disparity, m.Focal, lowerName(m.Reference), m.Measure, hdSeparator))
	}
	// Boards in code order; pilot boards must be among them.
	idx := map[string]int{}
	var codes []string
	for i := range d.N {
		if group[i] < 0 {
			continue
		}
		code := in.Data.Text(pirl.FieldBoard, i)
		if code == "" {
			res.LeftOut++
			continue
		}
		if _, ok := idx[code]; !ok {
			idx[code] = 0
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	isPilot := map[string]bool{}
	for _, b := range spec.Boards {
		if _, ok := idx[b]; !ok {
			return nil, fmt.Errorf("board %q has no records compared on %s (boards in the file: %s)", b, m.Measure, strings.Join(codes, ", "))
		}
		isPilot[b] = true
	}
	if len(isPilot) == len(codes) {
		return nil, fmt.Errorf("every board with records is a pilot board: a pilot is judged against boards without it")
	}
	var pilots []int
	for k, code := range codes {
		idx[code] = k
		res.Boards = append(res.Boards, PilotBoard{Code: code, Pilot: isPilot[code]})
		if isPilot[code] {
			pilots = append(pilots, k)
		}
	}
	hasNames := in.Data.Has(pirl.FieldBoardName)
	n := 0
	for i := range d.N {
		if group[i] >= 0 && in.Data.Text(pirl.FieldBoard, i) != "" {
			n++
		}
	}
	ys := make([]float64, 0, n)
	gs, ps, as := make([]bool, 0, n), make([]bool, 0, n), make([]bool, 0, n)
	bs := make([]int32, 0, n)
	type qkey struct {
		q     int
		pilot bool
	}
	type qacc struct {
		n   [2]int
		sum [2]float64
	}
	qs := map[qkey]*qacc{}
	undated := 0
	for i := range d.N {
		if group[i] < 0 {
			continue
		}
		code := in.Data.Text(pirl.FieldBoard, i)
		if code == "" {
			continue
		}
		day := in.Data.Date(dateF, i)
		if day == pirl.MissingDate {
			undated++
			continue
		}
		k := idx[code]
		b := &res.Boards[k]
		b.N++
		if hasNames && b.Name == "" {
			b.Name = in.Data.Text(pirl.FieldBoardName, i)
		}
		ys = append(ys, y[i])
		gs = append(gs, group[i] == 1)
		ps = append(ps, b.Pilot)
		as = append(as, day >= spec.Start)
		bs = append(bs, int32(k))
		yr, mo, _ := pirl.Civil(day)
		key := qkey{yr*4 + (mo-1)/3, b.Pilot}
		a := qs[key]
		if a == nil {
			a = &qacc{}
			qs[key] = a
		}
		a.n[group[i]]++
		a.sum[group[i]] += y[i]
	}
	if undated > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d compared records have no %s date and are left out.", undated, strings.ToLower(dateF.Label())))
	}
	if res.LeftOut > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d compared records have no local board (PIRL 108A blank) and are left out.", res.LeftOut))
	}

	// The eight cells, counted here so that a small one is suppressed
	// whatever TripleDiff makes of it.
	var cnt [2][2][2]int
	var sum [2][2][2]float64
	for i, v := range ys {
		p, a, g := b2i(ps[i]), b2i(as[i]), b2i(gs[i])
		cnt[p][a][g]++
		sum[p][a][g] += v
	}
	small := false
	for k, pa := range [4][2]int{{1, 0}, {1, 1}, {0, 0}, {0, 1}} {
		p, a := pa[0], pa[1]
		cell := PilotCell{Boards: []string{"other", "pilot"}[p], Period: []string{"before", "after"}[a],
			N: cnt[p][a][1], RefN: cnt[p][a][0], Value: math.NaN(), RefValue: math.NaN(), Gap: math.NaN()}
		if cell.N < c.MinCell || cell.RefN < c.MinCell {
			cell.Suppressed = true
			small = true
		} else {
			cell.Value = sum[p][a][1] / float64(cell.N)
			cell.RefValue = sum[p][a][0] / float64(cell.RefN)
			cell.Gap = cell.Value - cell.RefValue
		}
		res.Cells[k] = cell
	}
	row := results.BlankRow(m.Disparity, m.Measure+" (triple difference)", "pilot boards", "other boards", m.Unit)
	row.Test = "triple difference, HC1 robust t"
	refSum, refN := 0.0, 0
	for p := range 2 {
		for a := range 2 {
			refSum += sum[p][a][0]
			refN += cnt[p][a][0]
		}
	}
	if small {
		res.Warnings = append(res.Warnings, fmt.Sprintf("A board × period × group cell has fewer than %d records: its values and the triple difference (from which it could be worked back) are suppressed.", c.MinCell))
		row = results.Suppress(row)
	} else {
		td, err := stats.TripleDiff(ys, gs, ps, as, c.Conf)
		if err != nil {
			return nil, err
		}
		for _, w := range td.Warnings {
			res.Warnings = append(res.Warnings, w.Error()+".")
		}
		row.N, row.RefN = minCell(cnt[1]), minCell(cnt[0])
		row.Diff, row.DiffLow, row.DiffHigh, row.P = td.DDD, td.CILow, td.CIHigh, td.P
		row.Value = refSum/float64(refN) + td.DDD // so that Value − Diff is the reference level (the dollar rule)
		row.MDD = stats.MDDNormal(td.SE, c.Alpha, c.Power)
		res.SE, res.DF = td.SE, td.DF
		maxExact := spec.MaxExact
		if maxExact == 0 {
			maxExact = 100_000
		}
		perm, err := stats.PermutationDDD(ys, gs, as, bs, pilots, c.Conf, maxExact, c.Seed)
		if err != nil {
			res.Warnings = append(res.Warnings, "Randomization test not computed: "+err.Error()+".")
		} else {
			res.Perm, res.PermOK = perm, true
			for _, w := range perm.Warnings {
				res.Warnings = append(res.Warnings, w.Error()+".")
			}
		}
	}
	rows := []results.Row{row}
	c.Flag(rows)
	res.Row = rows[0]

	keys := make([]qkey, 0, len(qs))
	for k := range qs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b qkey) int {
		if a.q != b.q {
			return a.q - b.q
		}
		return b2i(a.pilot) - b2i(b.pilot)
	})
	sy, sm, _ := pirl.Civil(spec.Start)
	startQ := sy*4 + (sm-1)/3
	for _, k := range keys {
		a := qs[k]
		q := PilotQuarter{Quarter: fmt.Sprintf("%dQ%d", k.q/4, k.q%4+1), Pilot: k.pilot, After: k.q >= startQ, N: a.n[0] + a.n[1], Gap: math.NaN()}
		if a.n[0] < c.MinCell || a.n[1] < c.MinCell {
			q.Suppressed = true
		} else {
			q.Gap = a.sum[1]/float64(a.n[1]) - a.sum[0]/float64(a.n[0])
		}
		res.Quarters = append(res.Quarters, q)
	}
	return res, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func minCell(c [2][2]int) int {
	return min(c[0][0], c[0][1], c[1][0], c[1][1])
}

// PilotsBoards returns the pilot boards' display names, "code (name)" when
// the file names them.
func (r *PilotResult) BoardLabel(b PilotBoard) string {
	if b.Name != "" && b.Name != b.Code {
		return b.Code + " (" + b.Name + ")"
	}
	return b.Code
}

// Sentence is the finding in plain words.
func (r *PilotResult) Sentence() string {
	m := r.Measure
	row := &r.Row
	gap := fmt.Sprintf("the %s–%s %s gap", lowerName(m.Focal), lowerName(m.Reference), m.Measure)
	if row.Suppressed || math.IsNaN(row.Diff) {
		return fmt.Sprintf("Too few records in a board × period × group cell to judge whether %s changed in the pilot boards (cells under the minimum are suppressed) — insufficient data.", gap)
	}
	size := func(v float64) string {
		if m.Unit == results.UnitDollars {
			return results.FormatDollars(math.Abs(v))
		}
		return fmt.Sprintf("%.1f points", 100*math.Abs(v))
	}
	f := func(v float64) string {
		if m.Unit == results.UnitDollars {
			return results.UnitDollars.FormatDiff(v)
		}
		return results.UnitRate.FormatDiff(v)
	}
	// The triple difference is relative: it says how much more the gap
	// (focal − reference) moved in the pilot boards than elsewhere, towards
	// the focal group when positive. Whether that "narrowed" the gap
	// depends on where it started and may cross zero, so the sentence says
	// which way it moved and then where it went in each kind of board.
	toward := m.Focal
	if row.Diff < 0 {
		toward = m.Reference
	}
	out := fmt.Sprintf("Relative to the other boards, %s moved %s towards %s in the pilot boards (triple difference %s, %g%% CI %s, p %s)",
		gap, size(row.Diff), lowerName(toward), f(row.Diff), 100*r.Conf, results.FormatInterval(row.DiffLow, row.DiffHigh, f), results.FormatP(row.P))
	if c := r.Cells; finiteAll(c[0].Gap, c[1].Gap, c[2].Gap, c[3].Gap) {
		out += fmt.Sprintf(": from %s to %s in the pilot boards, from %s to %s elsewhere", f(c[0].Gap), f(c[1].Gap), f(c[2].Gap), f(c[3].Gap))
	}
	switch row.Status {
	case results.StatusFlagged:
		out += " — flagged for review."
	case results.StatusTooLittle:
		out += fmt.Sprintf(" — too little data to tell (a change under %s could not be detected).", size(row.MDD))
	default:
		out += " — " + row.Status.String() + "."
	}
	if r.PermOK {
		np := 0
		for _, b := range r.Boards {
			if b.Pilot {
				np++
			}
		}
		how := "every"
		if !r.Perm.Exact {
			how = fmt.Sprintf("%d random", r.Perm.Draws)
		}
		out += fmt.Sprintf(" Across %s assignment of the pilot label to %d of the %d boards, %d of %d give a change at least as large: randomization p = %s.",
			how, np, len(r.Boards), r.Perm.Extreme, r.Perm.Assignments, results.FormatP(r.Perm.P))
		if r.Perm.MinP >= r.Alpha {
			out += fmt.Sprintf(" With %d boards this board-level test cannot give a p-value below %s, so it cannot confirm the change at %g: too few boards.", len(r.Boards), results.FormatP(r.Perm.MinP), r.Alpha)
		} else if row.Flagged && r.Perm.P >= r.Alpha {
			out += " The board-level test does not confirm the change: treat it as a lead to look into, not as proof the pilot worked."
		}
	}
	return out
}

// lowerName is a group's name inside a sentence: each word (and each part
// of a hyphenated one) lower-cased when only its first letter is a
// capital, so that "Non-HD trainees" reads "non-HD trainees" and "Women"
// "women".
func lowerName(s string) string {
	b := []byte(s)
	start := 0
	for i := 0; i <= len(b); i++ {
		if i < len(b) && b[i] != ' ' && b[i] != '-' {
			continue
		}
		part := string(b[start:i])
		if r, n := utf8.DecodeRuneInString(part); n > 0 && unicode.IsUpper(r) && strings.ToLower(part[n:]) == part[n:] {
			lower := string(unicode.ToLower(r))
			if len(lower) == n {
				copy(b[start:], lower)
			}
		}
		start = i + 1
	}
	return string(b)
}

// finiteAll reports whether every value is a finite number.
func finiteAll(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
