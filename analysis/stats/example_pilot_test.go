package stats_test

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/stats"
)

// pilotExample is four boards with one record in each group × after cell;
// the outcome is 0 except for the focal group after the start, where it is
// 3, 1, 0 and -2 in boards 0-3 (the hand-worked case of tripdiff_test.go).
func pilotExample(pilots map[int]bool) (y []float64, group, pilot, after []bool, board []int32) {
	for b, d := range []float64{3, 1, 0, -2} {
		for c := range 4 {
			g, a := c&1 == 1, c&2 == 2
			v := 0.0
			if g && a {
				v = d
			}
			y, group, pilot, after = append(y, v), append(group, g), append(pilot, pilots[b]), append(after, a)
			board = append(board, int32(b))
		}
	}
	return y, group, pilot, after, board
}

func ExampleTripleDiff() {
	y, group, pilot, after, _ := pilotExample(map[int]bool{0: true, 1: true})
	r, err := stats.TripleDiff(y, group, pilot, after, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("gap before/after: pilot %g → %g, other %g → %g\n", r.Gap[1][0], r.Gap[1][1], r.Gap[0][0], r.Gap[0][1])
	fmt.Printf("DDD = %g, HC1 SE = %.4f, 95%% CI [%.3f, %.3f], p = %.4f (t on %d df)\n", r.DDD, r.SE, r.CILow, r.CIHigh, r.P, r.DF)
	// Output:
	// gap before/after: pilot 0 → 2, other 0 → -1
	// DDD = 3, HC1 SE = 1.4142, 95% CI [-0.261, 6.261], p = 0.0667 (t on 8 df)
}

func ExamplePermutationDDD() {
	y, group, _, after, board := pilotExample(nil)
	r, err := stats.PermutationDDD(y, group, after, board, []int{0, 1}, 0.95, 10_000, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("DDD = %g, p = %d/%d = %.3f (exact: %v), smallest possible p %.3f\n", r.DDD, r.Extreme, r.Assignments, r.P, r.Exact, r.MinP)
	for _, w := range r.Warnings {
		fmt.Println(w)
	}
	// Output:
	// DDD = 3, p = 2/6 = 0.333 (exact: true), smallest possible p 0.333
	// randomization test: with 4 boards of which 2 pilots no assignment can give a p-value below 0.333, so this test cannot reject at 0.05
}
