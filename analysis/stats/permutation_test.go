package stats

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// Worked by hand (the data of TestTripleDiffByHand): four boards whose
// focal-group change is d = 3, 1, 0, -2; with one record per cell, an
// assignment's DDD is mean(d in pilots) - mean(d in the others). The
// C(4, 2) = 6 assignments:
//
//	{0,1}: 2 - (-1) = 3      {1,2}: 0.5 - 0.5 = 0
//	{0,2}: 1.5 - (-0.5) = 2  {1,3}: -0.5 - 1.5 = -2
//	{0,3}: 0.5 - 0.5 = 0     {2,3}: -1 - 2 = -3
//
// Pilots {0,1} (DDD 3): |DDD| ≥ 3 for {0,1} and {2,3}, P = 2/6. Pilots
// {0,2} (DDD 2): {0,1}, {0,2}, {1,3}, {2,3}, P = 4/6. Pilots {1,2} (DDD 0):
// all six, P = 1. Two pilots of four boards can never give less than 2/6:
// each assignment's complement has the opposite DDD.
func TestPermutationDDDByHand(t *testing.T) {
	d := []float64{3, 1, 0, -2}
	for _, tc := range []struct {
		pilots  []int
		ddd     float64
		extreme int
	}{
		{[]int{0, 1}, 3, 2}, {[]int{2, 0}, 2, 4}, {[]int{1, 2}, 0, 6}, {[]int{3, 2}, -3, 2},
	} {
		y, g, _, a, board := handBoards(d, tc.pilots)
		got, err := PermutationDDD(y, g, a, board, tc.pilots, 0.95, 10_000, 1)
		if err != nil {
			t.Fatal(err)
		}
		want := PermutationResult{DDD: tc.ddd, P: float64(tc.extreme) / 6, Extreme: tc.extreme, Assignments: 6,
			PLow: float64(tc.extreme) / 6, PHigh: float64(tc.extreme) / 6, Conf: 0.95, Exact: true, Possible: 6,
			Seed: 1, Boards: 4, Pilots: 2, MinP: 2.0 / 6}
		if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0].Error(), "no assignment can give a p-value below 0.333") {
			t.Errorf("pilots %v: warnings %v, want one saying P cannot be below 0.333", tc.pilots, got.Warnings)
		}
		got.Warnings = nil
		if math.Abs(got.DDD-want.DDD) > 1e-14 {
			t.Errorf("pilots %v: DDD %g, want %g", tc.pilots, got.DDD, want.DDD)
		}
		got.DDD = want.DDD
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("pilots %v:\n got %+v\nwant %+v", tc.pilots, got, want)
		}
	}
}

// Exact enumeration against R (pilot.R: each of the 56 assignments' DDD an
// lm coefficient, in combn's order) and statsmodels (pilot.py).
func TestPermutationDDDAgainstR(t *testing.T) {
	d := readPilot(t)
	refR, refPy := loadRef(t, "pilot_R.txt"), loadRef(t, "pilot_py.txt")
	for _, y := range []string{"cred", "wage"} {
		c := refR["perm/"+y]
		got, err := PermutationDDD(d.outcome(y), d.group, d.after, d.board, []int{1, 4, 6}, 0.95, 56, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Exact || got.Assignments != 56 || got.Possible != 56 || got.Undefined != 0 || got.Boards != 8 || got.Pilots != 3 {
			t.Errorf("%s: %+v, want an exact enumeration of 56 assignments of 3 of 8 boards", y, got)
		}
		check(t, y+" observed DDD", got.DDD, c["observed"][0], pilotTol)
		check(t, y+" Extreme", float64(got.Extreme), c["extreme"][0], 0)
		check(t, y+" P vs R", got.P, c["p"][0], 1e-15)
		check(t, y+" P vs statsmodels", got.P, refPy["perm/"+y]["p"][0], 1e-15)
		check(t, y+" MinP", got.MinP, c["min_p"][0], 1e-15)
		td, err := TripleDiff(d.outcome(y), d.group, d.pilot, d.after, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		check(t, y+" DDD = TripleDiff's", got.DDD, td.DDD, 1e-12)

		// Each assignment's DDD, in the enumeration's order.
		sums, cnts := boardCells(d.outcome(y), d.group, d.after, d.board, 8)
		idx, mask := []int{0, 1, 2}, make([]bool, 8)
		mask[0], mask[1], mask[2] = true, true, true
		for i, want := range c["ddd_all"] {
			ddd, ok := assignmentDDD(sums, cnts, mask)
			if !ok {
				t.Fatalf("%s assignment %d %v: undefined", y, i, idx)
			}
			check(t, fmt.Sprintf("%s assignment %d %v", y, i, idx), ddd, want, pilotTol)
			if more := nextCombination(idx, 8, mask); more != (i < 55) {
				t.Fatalf("%s: enumeration ended after %d assignments, want 56", y, i+1)
			}
		}
	}
}

// boardCells is PermutationDDD's per-board sums and counts without the
// centring (which changes no DDD).
func boardCells(y []float64, group, after []bool, board []int32, nb int) ([]float64, []int) {
	sums, cnts := make([]float64, 4*nb), make([]int, 4*nb)
	for i, v := range y {
		c := 4*int(board[i]) + dddIndex(false, after[i], group[i])
		sums[c] += v
		cnts[c]++
	}
	return sums, cnts
}

// Monte Carlo (maxExact below C(8, 3) = 56, and more draws than the bound
// so the estimate can be judged): reproducible from the seed, the observed
// assignment counted, and close to the exact p-value (within 4 binomial
// standard errors and inside its 99% Wilson interval; seeded, so
// deterministic).
func TestPermutationDDDMonteCarlo(t *testing.T) {
	d := readPilot(t)
	for _, y := range []string{"cred", "wage"} {
		exact := loadRef(t, "pilot_R.txt")["perm/"+y]["p"][0]
		const draws = 20_000
		got, err := permutationDDD(d.outcome(y), d.group, d.after, d.board, []int{1, 4, 6}, 0.99, 55, draws, 42)
		if err != nil {
			t.Fatal(err)
		}
		if got.Exact || got.Draws != draws || got.Assignments != draws+1 || got.Seed != 42 || got.Possible != 56 {
			t.Errorf("%s: %+v, want Monte Carlo with %d draws and the observed", y, got, draws)
		}
		if se := math.Sqrt(exact * (1 - exact) / draws); math.Abs(got.P-exact) > 4*se {
			t.Errorf("%s: P %g, exact %g (> 4 SE %g)", y, got.P, exact, se)
		}
		if !(got.PLow <= exact && exact <= got.PHigh) {
			t.Errorf("%s: 99%% interval [%g, %g] misses the exact %g", y, got.PLow, got.PHigh, exact)
		}
		check(t, y+" MinP", got.MinP, 1.0/(draws+1), 1e-15)
		again, _ := permutationDDD(d.outcome(y), d.group, d.after, d.board, []int{6, 1, 4}, 0.99, 55, draws, 42)
		if fmt.Sprint(again) != fmt.Sprint(got) {
			t.Errorf("%s: same seed, different result:\n%+v\n%+v", y, got, again)
		}
	}
	// The exported function draws maxExact assignments.
	got, err := PermutationDDD(d.wage, d.group, d.after, d.board, []int{1, 4, 6}, 0.95, 50, 3)
	if err != nil || got.Exact || got.Draws != 50 || got.Assignments != 51 {
		t.Errorf("maxExact 50 < 56: %+v, %v; want 50 draws plus the observed", got, err)
	}
}

// Uniform draws: on 7 boards with distinct changes and 3 pilots (35
// assignments), the Monte Carlo p-value of 200,000 draws is within 4
// standard errors of the exact one for several pilot sets.
func TestPermutationDDDMonteCarloUniform(t *testing.T) {
	d := []float64{6, 2.5, 1, 0.3, -0.7, -2, -5}
	for _, pilots := range [][]int{{0, 1, 2}, {1, 3, 5}, {2, 3, 4}, {0, 5, 6}} {
		y, g, _, a, board := handBoards(d, pilots)
		ex, err := PermutationDDD(y, g, a, board, pilots, 0.95, 35, 1)
		if err != nil || !ex.Exact || ex.Assignments != 35 {
			t.Fatalf("%v: %+v, %v; want exact over 35", pilots, ex, err)
		}
		const draws = 200_000
		mc, err := permutationDDD(y, g, a, board, pilots, 0.95, 0, draws, 5)
		if err != nil || mc.Exact {
			t.Fatalf("%v: %+v, %v", pilots, mc, err)
		}
		if se := math.Sqrt(ex.P * (1 - ex.P) / draws); math.Abs(mc.P-ex.P) > 4*se+1.0/draws {
			t.Errorf("%v: Monte Carlo P %g, exact %g (> 4 SE)", pilots, mc.P, ex.P)
		}
	}
}

// An assignment that empties a pooled cell has no DDD: boards 2 and 3 have
// no focal-group records after the start, so pilots {0,1} (others {2,3})
// and {2,3} are left out of the six.
func TestPermutationDDDUndefined(t *testing.T) {
	y, g, _, a, board := handBoards([]float64{3, 1, 0, -2}, nil)
	var yy []float64
	var gg, aa []bool
	var bb []int32
	for i := range y {
		if board[i] >= 2 && g[i] && a[i] {
			continue
		}
		yy, gg, aa, bb = append(yy, y[i]), append(gg, g[i]), append(aa, a[i]), append(bb, board[i])
	}
	got, err := PermutationDDD(yy, gg, aa, bb, []int{0, 2}, 0.95, 100, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Undefined != 2 || got.Assignments != 4 || len(got.Warnings) != 2 {
		t.Errorf("%+v; want 2 undefined of 6, 4 used, 2 warnings", got)
	}
	if _, err := PermutationDDD(yy, gg, aa, bb, []int{0, 1}, 0.95, 100, 1); err == nil || !strings.Contains(err.Error(), "observed assignment leaves") {
		t.Errorf("observed undefined: err = %v", err)
	}
}

func TestPermutationDDDErrors(t *testing.T) {
	y, g, _, a, board := handBoards([]float64{3, 1, 0, -2}, nil)
	bad := func(i int32) []int32 { b := append([]int32(nil), board...); b[5] = i; return b }
	nan := append([]float64(nil), y...)
	nan[2] = math.NaN()
	for _, tc := range []struct {
		name     string
		y        []float64
		board    []int32
		pilots   []int
		conf     float64
		maxExact int
		want     string
	}{
		{"lengths", y[:15], board, []int{0}, 0.95, 10, "15 outcomes but 16 group"},
		{"NaN", nan, board, []int{0}, 0.95, 10, "record 2: outcome NaN"},
		{"negative board", y, bad(-1), []int{0}, 0.95, 10, "record 5: board index -1"},
		{"board without records", y, bad(7), []int{0}, 0.95, 10, "board 4 has no records"},
		{"no pilots", y, board, nil, 0.95, 10, "0 pilot boards of 4"},
		{"all pilots", y, board, []int{0, 1, 2, 3}, 0.95, 10, "4 pilot boards of 4"},
		{"pilot out of range", y, board, []int{0, 4}, 0.95, 10, "pilot board 4 not among boards 0-3"},
		{"pilot twice", y, board, []int{1, 1}, 0.95, 10, "pilot board 1 given twice"},
		{"conf", y, board, []int{0}, 0, 10, "confidence level 0"},
		{"maxExact", y, board, []int{0}, 0.95, 0, "maxExact 0"},
	} {
		got, err := PermutationDDD(tc.y, g, a, tc.board, tc.pilots, tc.conf, tc.maxExact, 1)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
		if got.P != 0 || got.Assignments != 0 {
			t.Errorf("%s: %+v with an error, want no p-value", tc.name, got)
		}
	}
}

// Random small data sets (tiny boards, constant cells, empty cells): each
// call gives an error or finite values, never NaN, never a panic.
func TestPilotStatsNeverNaN(t *testing.T) {
	rng := NewRand(11)
	finite := func(v ...float64) bool {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	for trial := range 2000 {
		n, nb := rng.IntN(40), 2+rng.IntN(5)
		y := make([]float64, n)
		g, p, a := make([]bool, n), make([]bool, n), make([]bool, n)
		board := make([]int32, n)
		pilots := []int{0}
		for i := range n {
			board[i] = int32(rng.IntN(nb))
			g[i], a[i], p[i] = rng.IntN(2) == 1, rng.IntN(2) == 1, board[i] == 0
			y[i] = float64(rng.IntN(2 + trial%3))
		}
		if r, err := TripleDiff(y, g, p, a, 0.9); err == nil && !finite(r.DDD, r.SE, r.T, r.P, r.CILow, r.CIHigh, r.SEClassical) {
			t.Fatalf("trial %d: TripleDiff %+v", trial, r)
		}
		if r, err := PermutationDDD(y, g, a, board, pilots, 0.9, 1+rng.IntN(20), uint64(trial)); err == nil && !finite(r.DDD, r.P, r.PLow, r.PHigh, r.MinP) {
			t.Fatalf("trial %d: PermutationDDD %+v", trial, r)
		}
	}
}
