package disparities

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/distinct"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// poverty-participation by board (METHODS §3.10). Its rate is a count of
// residents per tract population, so a board's rate is that of the board's
// tracts — participants living there per 1,000 residents in poverty there
// — whichever board (PIRL 108A) served them. A tract belongs to a board
// only when the user says so: the tract file's board column, or the
// configuration's board_counties (the tract GEOID's first five digits).

// TractBoards is each tract's board code ("" none) and where it comes
// from, in words; nil when neither the tract file nor the configuration
// gives tracts' boards.
func TractBoards(in *Input) (codes []string, source string) {
	t := in.Tracts
	switch {
	case t == nil:
		return nil, ""
	case t.Board != nil:
		return t.Board, "the tract file's board column"
	case len(in.Cfg.BoardCounties) > 0:
		byCounty := map[uint64]string{}
		for code, counties := range in.Cfg.BoardCounties {
			for _, fips := range counties {
				var n uint64
				fmt.Sscan(fips, &n) // five digits: Validate
				byCounty[n] = code
			}
		}
		codes = make([]string, t.Rows())
		for k, g := range t.GEOID {
			codes[k] = byCounty[g/1_000_000] // state and county: the GEOID's first 5 digits
		}
		return codes, "the configuration's board_counties (a tract's county is its GEOID's first five digits)"
	}
	return nil, ""
}

// noTractBoards is why poverty-participation has no by-board rows without
// tracts' boards.
const noTractBoards = "a tract's board is not known: give the tract file a board column (the board's PIRL 108A code per tract) or the configuration board_counties (each board's counties); participants are counted where they live, so a board's rate needs its tracts"

// partTally is one board's (or the region's) participation: distinct
// participants and residents in poverty, [0] high-poverty tracts, [1] the
// others.
type partTally struct {
	x      [2]int
	below  [2]float64
	tracts [2]int
}

func (t *partTally) add(o *partTally) {
	for g := range 2 {
		t.x[g] += o.x[g]
		t.below[g] += o.below[g]
		t.tracts[g] += o.tracts[g]
	}
}

func (t *partTally) sub(o *partTally) partTally {
	var r partTally
	for g := range 2 {
		r.x[g] = t.x[g] - o.x[g]
		r.below[g] = t.below[g] - o.below[g]
		r.tracts[g] = t.tracts[g] - o.tracts[g]
	}
	return r
}

// gap is the high-poverty tracts' rate per 1,000 minus the other tracts'
// and its variance (Poisson counts: var(1,000 x / b) = 10⁶ x / b²).
func (t *partTally) gap() (gap, v float64) {
	var r [2]float64
	for g := range 2 {
		r[g] = 1000 * float64(t.x[g]) / t.below[g]
		v += 1e6 * float64(t.x[g]) / (t.below[g] * t.below[g])
	}
	return r[0] - r[1], v
}

// boardParticipation fills bd.Gaps for poverty-participation, or says in
// bd.NotComputed why it cannot.
func boardParticipation(in *Input, bd *BoardDisparity, boardOf []int32, boards []Board, used []bool) {
	c, d, t := in.Cfg, in.D, in.Tracts
	if !in.Data.Has(pirl.FieldTract) && in.ZIPTracts != nil {
		bd.NotComputed = "participants are placed in tracts from their ZIP codes (an approximation, §1.3); by board needs each participant's tract (tract_geoid, or coordinates with --boundaries)"
		return
	}
	codes, source := TractBoards(in)
	if codes == nil {
		bd.NotComputed = noTractBoards
		return
	}
	bd.ByResidence, bd.BoardSource = true, source
	// Boards of the run: those some participant record names (under
	// --board, the kept boards). A tract of another board, or of none, is
	// in no board.
	idx := map[string]int32{}
	for b := range boards {
		idx[boards[b].Code] = int32(b)
	}
	inRun := make([]bool, len(boards))
	for i, a := range d.Active[:d.N] {
		if a && d.Enrolled[i] == measures.Yes && boardOf[i] >= 0 {
			inRun[boardOf[i]] = true
		}
	}
	tractBoard := make([]int32, len(codes))
	for k, code := range codes {
		tractBoard[k] = -1
		if code == "" {
			continue
		}
		b, ok := idx[code]
		switch {
		case !ok:
			if !slices.Contains(bd.UnknownBoards, code) {
				bd.UnknownBoards = append(bd.UnknownBoards, code)
			}
		case inRun[b]:
			tractBoard[k] = b
		}
	}
	slices.Sort(bd.UnknownBoards)

	// Participants by the board of the tract they live in (len(boards): no
	// board), distinct people per board and group as in the section.
	nb := len(boards)
	tal := make([]partTally, nb+1)
	keys := make([][2][]uint64, nb+1)
	ids := in.Data.Cols[pirl.FieldID].Hash
	pov := byPoverty(in)
	for i := 0; i < d.N; i++ {
		if !d.Active[i] || d.Enrolled[i] != measures.Yes {
			continue
		}
		g := pov[i]
		if g < 0 {
			continue // tract unknown: left out in the section too
		}
		b := int32(nb)
		if tr := d.Tract[i]; tr >= 0 && int(tr) < len(tractBoard) && tractBoard[tr] >= 0 {
			b = tractBoard[tr]
		}
		if ids != nil && ids[i] != 0 {
			keys[b][g] = append(keys[b][g], ids[i])
		} else {
			tal[b].x[g]++ // no identifier: each record is a person
		}
	}
	for b := range keys {
		for g := range 2 {
			tal[b].x[g] += distinct.Count(keys[b][g])
		}
	}
	for k := range t.GEOID {
		g := tractPoverty(t, k, c.Measures.PovertyThreshold)
		if g < 0 {
			continue
		}
		b := nb
		if tractBoard[k] >= 0 {
			b = int(tractBoard[k])
		}
		tal[b].below[g] += t.Below[k]
		tal[b].tracts[g]++
	}
	unb := tal[nb].x
	bd.Unboarded = unb[0] + unb[1]

	var region partTally
	for b := range nb {
		region.add(&tal[b])
	}
	for b := range nb {
		tb := &tal[b]
		if tb.tracts[0]+tb.tracts[1] == 0 {
			continue // no tract of the board (with a poverty rate)
		}
		used[b] = true
		lab := boards[b].Label()
		rows, _, _ := c.per1000Rows(bd.ID, [2]float64{float64(tb.x[0]), float64(tb.x[1])}, tb.below, "", "Poisson rate ratio")
		for g := range rows {
			rows[g].Measure = bd.Measure + WithinBoard
			rows[g].Group = lab + ": " + povNames[g]
			if g == 0 {
				rows[g].Reference = lab + ": " + povNames[1]
			}
			if tb.tracts[g] == 0 {
				// No tract of the kind: nothing to hide (no one lives
				// there), nothing to compare.
				r := results.BlankRow(bd.ID, rows[g].Measure, rows[g].Group, rows[g].Reference, results.UnitPer1000)
				r.Test = fmt.Sprintf("the board has no %s", map[bool]string{true: "high-poverty tract", false: "other tract"}[g == 0])
				rows[g] = r
			}
		}
		rows = results.Complementary(rows)
		bd.Gaps = append(bd.Gaps, BoardGap{Board: b, Focal: rows[0], Ref: rows[1]})
	}
	if len(bd.Gaps) == 0 {
		bd.NotComputed = "no tract with residents in poverty belongs to a board of this run (" + source + ")"
		if len(bd.UnknownBoards) > 0 {
			bd.NotComputed += "; the tracts' boards are not the participant file's (PIRL 108A): " + strings.Join(bd.UnknownBoards[:min(5, len(bd.UnknownBoards))], ", ")
		}
		return
	}
	finishBoards(c, bd, unb, func(k int) int {
		tb := &tal[bd.Gaps[k].Board]
		return min(tb.x[0], tb.x[1])
	}, func(g *BoardGap) results.Row {
		return participationVsRest(c, bd, boards[g.Board].Label(), g, &tal[g.Board], &region)
	})
}

// participationVsRest is a board's gap in participation (high-poverty
// tracts' rate per 1,000 minus the other tracts') against the gap in every
// other board's tracts pooled: the difference with a normal (Wald)
// interval and z p-value from the Poisson variances. Suppressed with the
// board; no comparison when the rest of the region has a group under
// MinCell or a board or the rest lacks a kind of tract.
func participationVsRest(c *Config, bd *BoardDisparity, label string, g *BoardGap, t, region *partTally) results.Row {
	r := results.BlankRow(bd.ID, bd.Measure+VsRest, label, RestOfRegion, results.UnitPer1000)
	r.Test = "difference of gaps, z (normal interval)"
	if g.Focal.Suppressed {
		r = results.Suppress(r)
		if g.Focal.Test == results.ComplementarySuppression && g.Ref.Test == results.ComplementarySuppression {
			r.Test = results.ComplementarySuppression
		}
		return r
	}
	rest := region.sub(t)
	r.N, r.RefN = t.x[0]+t.x[1], rest.x[0]+rest.x[1]
	if rest.x[0] < c.MinCell || rest.x[1] < c.MinCell || !(t.below[0] > 0 && t.below[1] > 0 && rest.below[0] > 0 && rest.below[1] > 0) {
		return r
	}
	gb, vb := t.gap()
	gr, vr := rest.gap()
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
