package disparities

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// report --by-board (METHODS §3.10): every disparity's headline comparison
// within each local board (PIRL 108A), and each board's gap against the gap
// in all other boards' records pooled. One pass over the records per
// headline measure, from the pilot registry's per-record group and outcome
// (PilotMeasure.records): Derive is not rerun per board.

// Measure-name suffixes of the by-board rows in results.csv/json.
const (
	// WithinBoard: the focal group in a board against the reference group
	// in the same board (group "Board B: Women", reference "Board B: Men").
	WithinBoard = " within board"
	// VsRest: a board's gap against the rest of the region's (group
	// "Board B", reference RestOfRegion).
	VsRest = " by board"
	// RestOfRegion is the reference of a board-against-the-rest row.
	RestOfRegion = "rest of region"
)

// Board is one local board: its PIRL 108A code and name ("" when neither
// the file's LOCAL_BOARD_NAME nor the configuration's boards: names it).
type Board struct {
	Code, Name string
}

// Label is how rows and tables name the board: "Board 13100 (Cobb)".
func (b Board) Label() string {
	if b.Name != "" && b.Name != b.Code {
		return "Board " + b.Code + " (" + b.Name + ")"
	}
	return "Board " + b.Code
}

// BoardGap is one board's headline comparison of one disparity.
type BoardGap struct {
	Board int // index into ByBoardResult.Boards
	// Focal is the focal group's row within the board with the gap (Diff,
	// its interval, p) against the reference group, whose own row is Ref;
	// both suppressed together when either is small, or to protect another
	// board's small cell (complementary suppression).
	Focal, Ref results.Row
	// VsRest: Diff is the board's gap minus the rest of the region's, with
	// its interval and p (Value is empty: the board's gap is Focal's Diff,
	// and a gap is no rate a reader of results.json would accept as one).
	VsRest results.Row
}

// BoardDisparity is one disparity's headline comparison board by board.
type BoardDisparity struct {
	ID, Title               string
	Measure                 string // the headline measure, as the section names it
	Focal, Reference        string
	Unit                    results.Unit
	Gaps                    []BoardGap // in board order; boards with no compared record are absent
	Unboarded               int        // compared records with no board (108A blank)
	NotComputed             string     // why the disparity has no by-board rows ("" when it has)
	RegionGap, RegionGapLow float64    // the section's headline gap and interval, for the overview
	RegionGapHigh           float64
	RegionStatus            results.Status
	RegionRatio             float64 // the section's headline ratio (rate ratio of participation), for the chart
	// ByResidence: boards are where people live — a tract's board, from
	// BoardSource (poverty-participation) — not the board of the record;
	// Unboarded then counts participants living in tracts of no board of
	// the run. UnknownBoards are board codes given to tracts that no record
	// of the file has as its PIRL 108A.
	ByResidence   bool
	BoardSource   string
	UnknownBoards []string
	// FromHeadline: the comparison is the one the section chose from the
	// data as its headline (hd-clusters), the same for every board.
	FromHeadline bool
	// FewUnboarded: the records without a board have a group under
	// MinCell, so their number is not stated and, as a suppressed cell,
	// they count towards complementary suppression.
	FewUnboarded bool
}

// Rows are the disparity's by-board rows in results order: per board the
// focal row, the reference's own row, then the board against the rest.
func (d *BoardDisparity) Rows() []results.Row {
	var out []results.Row
	for _, g := range d.Gaps {
		out = append(out, g.Focal, g.Ref, g.VsRest)
	}
	return out
}

// ByBoardResult is report --by-board's result.
type ByBoardResult struct {
	Boards      []Board
	Disparities []*BoardDisparity
	Conf        float64
}

// Rows are every disparity's by-board rows.
func (r *ByBoardResult) Rows() []results.Row {
	var out []results.Row
	for _, d := range r.Disparities {
		out = append(out, d.Rows()...)
	}
	return out
}

// ByBoard computes, for every section with a headline measure in the
// registry (PilotMeasures), and for poverty-participation by the tracts
// participants live in (boardParticipation), its headline comparison
// within each board and each board against the rest of the region. names
// (code → name, from the configuration's boards:) overrides
// LOCAL_BOARD_NAME. Holm (or BH) adjusts
// within the disparity, the within-board gaps as one family and the
// board-against-the-rest gaps as another, apart from the section's rows,
// whose adjusted p-values do not move.
func ByBoard(in *Input, sections []*results.Section, names map[string]string) *ByBoardResult {
	d, c := in.D, in.Cfg
	res := &ByBoardResult{Conf: c.Conf}
	col := &in.Data.Cols[pirl.FieldBoard]
	// The board of each record, by dictionary index: one lookup per record.
	boardOf := make([]int32, d.N)
	dictBoard := map[int32]int32{}
	var codes []string
	for i := range d.N {
		k := col.DictIndex(i)
		if k < 0 || col.Dict[k] == "" {
			boardOf[i] = -1
			continue
		}
		b, ok := dictBoard[k]
		if !ok {
			b = int32(len(codes))
			dictBoard[k] = b
			codes = append(codes, col.Dict[k])
		}
		boardOf[i] = b
	}
	// Boards in code order.
	order := make([]int, len(codes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(codes[a], codes[b]) })
	rank := make([]int32, len(codes))
	for r, k := range order {
		rank[k] = int32(r)
	}
	for i, b := range boardOf {
		if b >= 0 {
			boardOf[i] = rank[b]
		}
	}
	boards := make([]Board, len(codes))
	for r, k := range order {
		boards[r] = Board{Code: codes[k]}
	}
	nameBoards(in.Data, boardOf, boards, names)
	used := make([]bool, len(boards))

	for _, s := range sections {
		m := headlinePilot(s.ID)
		// poverty-participation, a count per tract population, has no
		// record-level measure: by board it counts where people live
		// (boardParticipation).
		participation := s.ID == PovertyParticipation.ID
		if m == nil && !participation {
			continue
		}
		bd := &BoardDisparity{ID: s.ID, Title: s.Title,
			RegionGap: math.NaN(), RegionGapLow: math.NaN(), RegionGapHigh: math.NaN(), RegionRatio: math.NaN(), RegionStatus: s.Status}
		if participation {
			bd.Measure, bd.Focal, bd.Reference, bd.Unit = mPer1000, povNames[0], povNames[1], results.UnitPer1000
		} else {
			bd.Measure, bd.Focal, bd.Reference, bd.Unit = m.Measure, m.Focal, m.Reference, m.Unit
		}
		if s.Headline >= 0 && s.Headline < len(s.Rows) {
			h := &s.Rows[s.Headline]
			bd.Measure = h.Measure
			if h.Group != "" && h.Reference != "" {
				bd.Focal, bd.Reference = h.Group, h.Reference // the section's words (a configured sex reference)
			}
			if !h.Suppressed {
				bd.RegionGap, bd.RegionGapLow, bd.RegionGapHigh, bd.RegionRatio = h.Diff, h.DiffLow, h.DiffHigh, h.Ratio
			}
		}
		res.Disparities = append(res.Disparities, bd)
		if s.Status == results.StatusNotComputed {
			bd.NotComputed = s.NotComputed
			continue
		}
		if participation {
			boardParticipation(in, bd, boardOf, boards, used)
			continue
		}
		if !m.Bound() {
			// The section chose its headline from the data (hd-clusters):
			// every board is measured on that same comparison.
			if s.Headline < 0 {
				bd.NotComputed = fmt.Sprintf("the section has no headline comparison (every group under %d)", c.MinCell)
				continue
			}
			h := &s.Rows[s.Headline]
			bm, err := m.bind(m, in, h.Measure, h.Group)
			if err != nil {
				bd.NotComputed = err.Error()
				continue
			}
			m = bm
			bd.FromHeadline = true
		}
		boardGaps(in, m, bd, boardOf, boards, used)
	}
	// Keep only boards some comparison has a record of (under --board, the
	// kept boards), renumbering the gaps.
	pos := make([]int, len(boards))
	for k, u := range used {
		pos[k] = -1
		if u {
			pos[k] = len(res.Boards)
			res.Boards = append(res.Boards, boards[k])
		}
	}
	for _, bd := range res.Disparities {
		for i := range bd.Gaps {
			bd.Gaps[i].Board = pos[bd.Gaps[i].Board]
		}
	}
	return res
}

// nameBoards names boards (by index, boardOf[i] the board of record i or
// -1): the first non-blank LOCAL_BOARD_NAME of a record of the board, and
// the configuration's boards: (configured, code → name) over it.
func nameBoards(data *pirl.Data, boardOf []int32, boards []Board, configured map[string]string) {
	if data.Has(pirl.FieldBoardName) {
		for i, b := range boardOf {
			if b >= 0 && boards[b].Name == "" {
				boards[b].Name = strings.TrimSpace(data.Text(pirl.FieldBoardName, i))
			}
		}
	}
	for k := range boards {
		if n, ok := configured[boards[k].Code]; ok && n != "" {
			boards[k].Name = n
		}
	}
}

// BoardNames names the boards codes (PIRL 108A) as report --by-board does
// (nameBoards): code → name, for the codes with a name only. It is how a
// --board restriction names its boards in the report's header.
func BoardNames(data *pirl.Data, codes []string, configured map[string]string) map[string]string {
	boards := make([]Board, len(codes))
	want := map[string]int32{}
	for k, c := range codes {
		boards[k] = Board{Code: c}
		want[c] = int32(k)
	}
	var boardOf []int32 // only read with a LOCAL_BOARD_NAME column
	if data.Has(pirl.FieldBoardName) {
		boardOf = make([]int32, data.Rows)
		col := &data.Cols[pirl.FieldBoard]
		dict := make([]int32, len(col.Dict)) // dictionary index → board + 1, 0 for none
		for k, v := range col.Dict {
			if b, ok := want[v]; ok {
				dict[k] = b + 1
			}
		}
		for i := range boardOf {
			boardOf[i] = -1
			if k := col.DictIndex(i); k >= 0 && int(k) < len(dict) {
				boardOf[i] = dict[k] - 1
			}
		}
	}
	nameBoards(data, boardOf, boards, configured)
	out := map[string]string{}
	for _, b := range boards {
		if b.Name != "" {
			out[b.Code] = b.Name
		}
	}
	return out
}

// headlinePilot is the registry's headline measure of disparity id, or nil.
func headlinePilot(id string) *PilotMeasure {
	for _, m := range pilotMeasures {
		if m.Disparity == id && m.Headline {
			return m
		}
	}
	return nil
}

// boardTally is one board's (or the region's) two groups: [0] reference,
// [1] focal.
type boardTally struct {
	n               [2]int
	sum, sumsq      [2]float64
	vals            [2][]float64 // continuous outcomes only
	pending, cohort [2]int
}

func (t *boardTally) add(o *boardTally) {
	for g := range 2 {
		t.n[g] += o.n[g]
		t.sum[g] += o.sum[g]
		t.sumsq[g] += o.sumsq[g]
		t.pending[g] += o.pending[g]
		t.cohort[g] += o.cohort[g]
	}
}

func (t *boardTally) sub(o *boardTally) boardTally {
	var r boardTally
	for g := range 2 {
		r.n[g] = t.n[g] - o.n[g]
		r.sum[g] = t.sum[g] - o.sum[g]
		r.sumsq[g] = t.sumsq[g] - o.sumsq[g]
		r.pending[g] = t.pending[g] - o.pending[g]
		r.cohort[g] = t.cohort[g] - o.cohort[g]
	}
	return r
}

// gap is focal − reference mean and the variance of that difference (the
// binomial variance for 0/1 outcomes, the sample variance otherwise).
func (t *boardTally) gap(rate bool) (gap, v float64) {
	var m, vv [2]float64
	for g := range 2 {
		n := float64(t.n[g])
		m[g] = t.sum[g] / n
		if rate {
			vv[g] = m[g] * (1 - m[g]) / n
		} else {
			vv[g] = math.Max(t.sumsq[g]-n*m[g]*m[g], 0) / (n - 1) / n
		}
	}
	return m[1] - m[0], vv[0] + vv[1]
}

// boardGaps fills bd.Gaps: one pass over the records, then the rows.
func boardGaps(in *Input, m *PilotMeasure, bd *BoardDisparity, boardOf []int32, boards []Board, used []bool) {
	c := in.Cfg
	group, y := m.records(in)
	rate := m.Unit == results.UnitRate
	tal := make([]boardTally, len(boards))
	var unb [2]int // compared records without a board, by group
	for i, g := range group {
		if g < 0 {
			continue
		}
		b := boardOf[i]
		if b < 0 {
			bd.Unboarded++
			unb[g]++
			continue
		}
		t := &tal[b]
		t.n[g]++
		t.sum[g] += y[i]
		t.sumsq[g] += y[i] * y[i]
		if !rate {
			t.vals[g] = append(t.vals[g], y[i])
		}
	}
	// With every group of the section (m.groups), each board's group sizes,
	// for suppression within the board as the section's.
	var sizes [][]int
	var gFocal, gRef int
	if m.groups != nil {
		gg, k, f, r := m.groups(in)
		gFocal, gRef = f, r
		sizes = make([][]int, len(boards))
		for b := range sizes {
			sizes[b] = make([]int, k)
		}
		for i, g := range gg {
			if g >= 0 && boardOf[i] >= 0 {
				sizes[boardOf[i]][g]++
			}
		}
	}
	if m.pending != nil {
		if pg, pend := m.pending(in); pend != nil {
			for i, g := range pg {
				if g < 0 || boardOf[i] < 0 {
					continue
				}
				t := &tal[boardOf[i]]
				t.cohort[g]++
				if pend[i] {
					t.pending[g]++
				}
			}
		}
	}
	var region boardTally
	for b := range tal {
		region.add(&tal[b])
	}
	within := m.Measure
	if bd.Measure != "" {
		within = bd.Measure
	}
	for b := range tal {
		t := &tal[b]
		if t.n[0]+t.n[1] == 0 {
			continue
		}
		used[b] = true
		lab := boards[b].Label()
		fn, rn := lab+": "+bd.Focal, lab+": "+bd.Reference
		var rows []results.Row
		if rate {
			x0, x1 := int(math.Round(t.sum[0])), int(math.Round(t.sum[1]))
			cs := []results.Count{{Name: fn, X: x1, N: t.n[1]}, {Name: rn, X: x0, N: t.n[0]}}
			if m.pending != nil {
				cs[0].Pending, cs[0].Cohort, cs[1].Pending, cs[1].Cohort = t.pending[1], t.cohort[1], t.pending[0], t.cohort[0]
			}
			if sizes != nil {
				// The rows of every group, of which the two are kept; the
				// others' sizes alone bear on them (complementary suppression).
				all := make([]results.Count, len(sizes[b]))
				for g, n := range sizes[b] {
					all[g] = results.Count{N: n}
				}
				all[gFocal], all[gRef] = cs[0], cs[1]
				rs := c.Rates(bd.ID, within+WithinBoard, all, gRef)
				rows = []results.Row{rs[gFocal], rs[gRef]}
			} else {
				rows = c.Rates(bd.ID, within+WithinBoard, cs, 1)
			}
		} else {
			ss := []results.Sample{{Name: fn, Values: t.vals[1]}, {Name: rn, Values: t.vals[0]}}
			if m.pending != nil {
				ss[0].Pending, ss[0].Cohort, ss[1].Pending, ss[1].Cohort = t.pending[1], t.cohort[1], t.pending[0], t.cohort[0]
			}
			rows = c.Means(bd.ID, within+WithinBoard, ss, 1, m.Unit)
		}
		bd.Gaps = append(bd.Gaps, BoardGap{Board: b, Focal: rows[0], Ref: rows[1]})
	}
	finishBoards(c, bd, unb, func(k int) int {
		t := &tal[bd.Gaps[k].Board]
		return min(t.n[0], t.n[1])
	}, func(g *BoardGap) results.Row {
		return vsRest(c, bd, boards[g.Board].Label(), g, &tal[g.Board], &region, rate)
	})
}

// finishBoards completes a disparity's board rows once each board's two
// groups are in bd.Gaps: complementary suppression across boards, each
// board against the rest (vs), and the p-value adjustment within the
// disparity. unb are the compared records without a board, by group;
// size(k) is the smaller group of bd.Gaps[k], the board hidden next.
func finishBoards(c *Config, bd *BoardDisparity, unb [2]int, size func(k int) int, vs func(g *BoardGap) results.Row) {
	// Complementary suppression across boards (METHODS §5.3): the region's
	// groups are published in the section, so one board hidden alone could
	// be worked back from the others; the next smallest board is hidden too.
	// Records without a board are a cell of their own: the region minus
	// the boards gives them away when they are few.
	hidden, next := 0, -1
	if bd.Unboarded > 0 && (unb[0] < c.MinCell || unb[1] < c.MinCell) {
		hidden++
		bd.FewUnboarded = true
	}
	for k, g := range bd.Gaps {
		if g.Focal.Suppressed || g.Ref.Suppressed {
			hidden++
			continue
		}
		if next < 0 || size(k) < size(next) {
			next = k
		}
	}
	if hidden == 1 && next >= 0 {
		g := &bd.Gaps[next]
		g.Focal, g.Ref = results.Suppress(g.Focal), results.Suppress(g.Ref)
		g.Focal.Test, g.Ref.Test = results.ComplementarySuppression, results.ComplementarySuppression
	}
	for k := range bd.Gaps {
		g := &bd.Gaps[k]
		if g.Focal.Suppressed || g.Ref.Suppressed {
			// Both groups go together, so neither is worked back from the board's totals.
			if !g.Focal.Suppressed {
				g.Focal = results.Suppress(g.Focal)
				g.Focal.Test = results.ComplementarySuppression
			}
			if !g.Ref.Suppressed {
				g.Ref = results.Suppress(g.Ref)
				g.Ref.Test = results.ComplementarySuppression
			}
		}
		g.VsRest = vs(g)
	}

	// Holm within the disparity: the within-board gaps as one family, the
	// boards against the rest as another.
	focal := make([]results.Row, 0, len(bd.Gaps))
	for _, g := range bd.Gaps {
		focal = append(focal, g.Focal, g.Ref)
	}
	c.Flag(focal)
	// The flag rule's practical size for dollars is a share of the
	// reference level: judge the difference of gaps against the board's
	// reference mean (Value − Diff), as the pilot's triple difference is.
	// For a rate per 1,000 it is the ratio band: the difference of gaps
	// against the board's reference rate, as a ratio.
	shadow := make([]results.Row, len(bd.Gaps))
	for k, g := range bd.Gaps {
		shadow[k] = g.VsRest
		if !g.VsRest.Suppressed {
			shadow[k].Value = g.Ref.Value + g.VsRest.Diff
			shadow[k].Ratio = math.NaN()
			if g.VsRest.Unit == results.UnitPer1000 && g.Ref.Value > 0 {
				shadow[k].Ratio = shadow[k].Value / g.Ref.Value
			}
		}
	}
	c.Flag(shadow)
	for k := range bd.Gaps {
		g := &bd.Gaps[k]
		g.Focal, g.Ref = focal[2*k], focal[2*k+1]
		g.VsRest.PAdj, g.VsRest.Flagged, g.VsRest.Status = shadow[k].PAdj, shadow[k].Flagged, shadow[k].Status
	}
}

// vsRest is a board's gap against the gap in every other board's records
// pooled: Diff the difference of the two gaps with a normal (Wald) interval and z
// p-value. Suppressed with the board; no comparison when the rest of the
// region has a group under MinCell (its gap would give away the board's
// neighbours).
func vsRest(c *Config, bd *BoardDisparity, label string, g *BoardGap, t, region *boardTally, rate bool) results.Row {
	r := results.BlankRow(bd.ID, bd.Measure+VsRest, label, RestOfRegion, bd.Unit)
	rest := region.sub(t)
	r.Pending, r.Cohort = t.pending[0]+t.pending[1], t.cohort[0]+t.cohort[1]
	r.RefPending, r.RefCohort = rest.pending[0]+rest.pending[1], rest.cohort[0]+rest.cohort[1]
	r.Test = "difference of gaps, z (normal interval)"
	if g.Focal.Suppressed {
		r = results.Suppress(r)
		if g.Focal.Test == results.ComplementarySuppression && g.Ref.Test == results.ComplementarySuppression {
			// Hidden only to protect another board.
			r.Test = results.ComplementarySuppression
		}
		return r
	}
	r.N, r.RefN = t.n[0]+t.n[1], rest.n[0]+rest.n[1]
	if rest.n[0] < c.MinCell || rest.n[1] < c.MinCell || t.n[0] < 2 || t.n[1] < 2 {
		return r
	}
	gb, vb := t.gap(rate)
	gr, vr := rest.gap(rate)
	se := math.Sqrt(vb + vr)
	r.Diff = gb - gr
	if se > 0 {
		zc := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
		r.DiffLow, r.DiffHigh = r.Diff-zc*se, r.Diff+zc*se
		r.P = 2 * distuv.UnitNormal.Survival(math.Abs(r.Diff)/se)
		r.MDD = stats.MDDNormal(se, c.Alpha, c.Power)
	}
	return r
}

// String is a one-line description for messages.
func (b *BoardDisparity) String() string {
	return fmt.Sprintf("%s: %s, %s − %s, %d boards", b.ID, b.Measure, b.Focal, b.Reference, len(b.Gaps))
}
