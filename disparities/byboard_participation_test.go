package disparities

import (
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
)

// TestParticipationVsRest: a board's participation gap against the rest of
// the region, worked by hand (Python's statistics.NormalDist for the normal
// quantile and tail): the board has 30 participants per 1,000 residents in
// poverty of its high-poverty tracts (30 of 1,000) against 12.5 (50 of
// 4,000), a gap of 17.5; the rest 20 (60 of 3,000) against 10 (200 of
// 20,000), a gap of 10. The difference is 7.5 with variance 10⁶ (30/1000² +
// 50/4000² + 60/3000² + 200/20000²) = 40.2917 (Poisson counts), standard
// error 6.34757, 95% interval −4.94101 to 19.94101, p 0.237383.
func TestParticipationVsRest(t *testing.T) {
	c := DefaultConfig()
	bd := &BoardDisparity{ID: "poverty-participation", Measure: mPer1000}
	board := &partTally{x: [2]int{30, 50}, below: [2]float64{1000, 4000}, tracts: [2]int{3, 9}}
	region := &partTally{x: [2]int{90, 250}, below: [2]float64{4000, 24000}, tracts: [2]int{10, 40}}
	g := &BoardGap{Focal: results.BlankRow(bd.ID, "", "", "x", results.UnitPer1000)}
	r := participationVsRest(&c, bd, "Board 1", g, board, region)
	for _, v := range []struct {
		name      string
		got, want float64
	}{{"diff", r.Diff, 7.5}, {"low", r.DiffLow, -4.941011949079304}, {"high", r.DiffHigh, 19.941011949079304}, {"p", r.P, 0.237382636687673}} {
		if math.Abs(v.got-v.want) > 1e-9 {
			t.Errorf("%s %v, want %v", v.name, v.got, v.want)
		}
	}
	if r.N != 80 || r.RefN != 260 || !math.IsNaN(r.Value) || r.Unit != results.UnitPer1000 || r.Reference != RestOfRegion || r.Measure != mPer1000+VsRest {
		t.Errorf("row keys and counts: %+v", r)
	}
	// The rest with a kind of tract under min_cell participants: no
	// comparison (it would give the neighbours away).
	small := &partTally{x: [2]int{35, 250}, below: [2]float64{4000, 24000}}
	if r := participationVsRest(&c, bd, "Board 1", g, board, small); !math.IsNaN(r.Diff) || !math.IsNaN(r.P) {
		t.Errorf("rest with 5 participants in high-poverty tracts compared: %+v", r)
	}
	// A suppressed board has no comparison either, and no numbers.
	g.Focal = results.Suppress(g.Focal)
	if r := participationVsRest(&c, bd, "Board 1", g, board, region); !r.Suppressed || r.N != 0 || !math.IsNaN(r.Diff) {
		t.Errorf("suppressed board: %+v", r)
	}
}
