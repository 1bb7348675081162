package stats

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// refPath returns the path of a public reference dataset committed under
// testdata/reference (provenance in its SOURCE.txt; published values in its
// EXPECTED_PUBLISHED.md). The files are part of the repository, so a missing
// one is a failure, never a skip.
func refPath(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("testdata", "reference", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("reference data missing from the repository: %v", err)
	}
	return p
}

// Welch against R's t.test (testdata/reference.R).
func TestWelchAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "welch/") {
		c := ref[name]
		for _, conf := range []float64{0.95, 0.9} {
			got := Welch(c["x"], c["y"], conf)
			ci := c[fmt.Sprintf("ci_%g", conf)]
			check(t, name+" CILow", got.CILow, ci[0], refTol)
			check(t, name+" CIHigh", got.CIHigh, ci[1], refTol)
			check(t, name+" T", got.T, c["t"][0], refTol)
			check(t, name+" DF", got.DF, c["df"][0], refTol)
			check(t, name+" P", got.P, c["p"][0], refTol)
		}
	}
}

// Published: R's ?t.test example t.test(extra ~ group, data = sleep),
// testdata/reference/EXPECTED_PUBLISHED.md §5, on sleep.csv read at test time.
func TestWelchSleepPublished(t *testing.T) {
	f, err := os.Open(refPath(t, "sleep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var g1, g2 []float64
	for i, r := range rows[1:] {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatalf("sleep.csv:%d: %v", i+2, err)
		}
		if r[2] == "1" {
			g1 = append(g1, v)
		} else {
			g2 = append(g2, v)
		}
	}
	got := Welch(g1, g2, 0.95)
	check(t, "sleep T", got.T, -1.8608135, 1e-7)
	check(t, "sleep DF", got.DF, 17.776474, 1e-7)
	check(t, "sleep P", got.P, 0.07939414, 1e-7)
	check(t, "sleep CILow", got.CILow, -3.3654832307, 1e-9)
	check(t, "sleep CIHigh", got.CIHigh, 0.2054832307, 1e-9)
	check(t, "sleep MeanX", got.MeanX, 0.75, 1e-12)
	check(t, "sleep MeanY", got.MeanY, 2.33, 1e-12)
}

func TestWelchEdgeCases(t *testing.T) {
	nan := math.NaN()
	// NaN is left out: same result as without it, plus a warning.
	a := Welch([]float64{1, 2, nan, 4}, []float64{3, 5, 6}, 0.95)
	b := Welch([]float64{1, 2, 4}, []float64{3, 5, 6}, 0.95)
	if a.T != b.T || a.NX != 3 || len(a.Warnings) != 1 {
		t.Errorf("NaN input: %+v, want T %g NX 3 one warning", a, b.T)
	}
	for _, tc := range []struct {
		name string
		x, y []float64
	}{
		{"empty", nil, []float64{1, 2}},
		{"n = 1", []float64{1}, []float64{1, 2, 3}},
		{"identical values", []float64{2, 2, 2}, []float64{2, 2}},
	} {
		got := Welch(tc.x, tc.y, 0.95)
		if !math.IsNaN(got.T) || !math.IsNaN(got.P) || !math.IsNaN(got.CILow) || len(got.Warnings) == 0 {
			t.Errorf("%s: %+v, want NaN with a warning", tc.name, got)
		}
	}
	// One constant group is fine (Welch allows unequal variances).
	if got := Welch([]float64{2, 2, 2}, []float64{1, 2, 3}, 0.95); math.IsNaN(got.P) {
		t.Errorf("one constant group: %+v, want a p-value", got)
	}
}

// MannWhitney against R's wilcox.test(correct = TRUE) (testdata/reference.R).
// Z is checked through R's normal-approximation p-value (exact = FALSE).
func TestMannWhitneyAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "mw/") {
		c := ref[name]
		got := MannWhitney(c["x"], c["y"])
		check(t, name+" U", got.U, c["W"][0], 1e-12)
		check(t, name+" P", got.P, c["p"][0], refTol)
		check(t, name+" P(Z)", 2*normalSF(math.Abs(got.Z)), c["p_normal"][0], refTol)
		if got.Exact != (c["exact"][0] == 1) {
			t.Errorf("%s Exact = %v, want %v", name, got.Exact, c["exact"][0] == 1)
		}
	}
}

func normalSF(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }

func TestMannWhitneyEdgeCases(t *testing.T) {
	got := MannWhitney([]float64{3, 3, 3}, []float64{3, 3})
	if got.P != 1 || got.Z != 0 || got.U != 3 || len(got.Warnings) != 1 {
		t.Errorf("identical values: %+v, want U 3, Z 0, P 1, one warning", got)
	}
	got = MannWhitney(nil, []float64{1})
	if !math.IsNaN(got.P) || len(got.Warnings) == 0 {
		t.Errorf("empty group: %+v, want NaN with a warning", got)
	}
	// n = 1 each, no ties: exact, U = 0 or 1, p = 1 (R: wilcox.test(1, 2)$p.value).
	got = MannWhitney([]float64{1}, []float64{2})
	if !got.Exact || got.U != 0 || got.P != 1 {
		t.Errorf("n = 1: %+v, want exact U 0 P 1", got)
	}
	a := MannWhitney([]float64{1, math.NaN(), 5}, []float64{2, 3})
	b := MannWhitney([]float64{1, 5}, []float64{2, 3})
	if a.P != b.P || len(a.Warnings) != 1 {
		t.Errorf("NaN input: %+v, want P %g and one warning", a, b.P)
	}
}

// Quantile7 and Median against R's quantile(type = 7) and median
// (testdata/reference.R).
func TestQuantileAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "quantile/") {
		c := ref[name]
		x := append([]float64(nil), c["x"]...)
		med := Median(x)
		if !slices.Equal(x, c["x"]) {
			t.Errorf("%s: Median modified its input", name)
		}
		check(t, name+" Median", med, c["median"][0], 1e-12)
		slices.Sort(x)
		for i, p := range c["probs"] {
			check(t, fmt.Sprintf("%s Quantile7(%g)", name, p), Quantile7(p, x), c["q"][i], 1e-12)
		}
	}
}

func TestQuantileEdgeCases(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		x    []float64
		want float64
	}{
		{"empty", nil, nan},
		{"only NaN", []float64{nan}, nan},
		{"n = 1", []float64{7}, 7},
		{"even", []float64{4, 1, 3, 2}, 2.5}, // gonum's stat.Quantile gives 2
		{"NaN ignored", []float64{nan, 3, 1, 2}, 2},
		{"identical", []float64{5, 5, 5, 5}, 5},
	} {
		check(t, tc.name, Median(tc.x), tc.want, 1e-15)
	}
	for _, p := range []float64{-0.1, 1.1, nan} {
		if q := Quantile7(p, []float64{1, 2}); !math.IsNaN(q) {
			t.Errorf("Quantile7(%g) = %g, want NaN", p, q)
		}
	}
}

func TestBootstrapMedianDiff(t *testing.T) {
	rng := NewRand(1)
	x := make([]float64, 301)
	y := make([]float64, 250)
	for i := range x {
		x[i] = rng.NormFloat64()*2 + 10
	}
	for i := range y {
		y[i] = rng.NormFloat64()*2 + 9
	}
	got := BootstrapMedianDiff(x, y, 2000, 42, 0.95)
	check(t, "Estimate", got.Estimate, Median(x)-Median(y), 1e-15)
	if got.Used != 2000 || got.B != 2000 || got.Seed != 42 || len(got.Warnings) != 0 {
		t.Errorf("got %+v, want 2000 used, seed 42, no warnings", got)
	}
	if !(got.Lo < got.Estimate && got.Estimate < got.Hi) {
		t.Errorf("interval [%g, %g] does not contain %g", got.Lo, got.Hi, got.Estimate)
	}
	// The percentile interval should be close to the large-sample one for
	// the median of normal data: ±1.96·σ·√(π/2)·√(1/nx+1/ny).
	half := 1.96 * 2 * math.Sqrt(math.Pi/2) * math.Sqrt(1.0/301+1.0/250)
	if w := (got.Hi - got.Lo) / 2; math.Abs(w-half)/half > 0.2 {
		t.Errorf("half width %g, want about %g", w, half)
	}
	again := BootstrapMedianDiff(x, y, 2000, 42, 0.95)
	if again.Lo != got.Lo || again.Hi != got.Hi {
		t.Errorf("same seed gave [%g, %g] then [%g, %g]", got.Lo, got.Hi, again.Lo, again.Hi)
	}
	other := BootstrapMedianDiff(x, y, 2000, 43, 0.95)
	if other.Lo == got.Lo && other.Hi == got.Hi {
		t.Errorf("different seeds gave the same interval")
	}
	// resampleMedian agrees with sorting the resample.
	r1, r2 := NewRand(9), NewRand(9)
	for _, n := range []int{1, 2, 3, 10, 11} {
		s := append([]float64(nil), x[:n]...)
		slices.Sort(s)
		counts := make([]int32, n)
		got := resampleMedian(r1, s, counts)
		draw := make([]float64, n)
		for i := range draw {
			draw[i] = s[r2.IntN(n)]
		}
		if want := Median(draw); got != want {
			t.Errorf("resampleMedian n=%d = %g, want %g", n, got, want)
		}
	}
}

func TestBootstrapMedianDiffEdgeCases(t *testing.T) {
	got := BootstrapMedianDiff(nil, []float64{1, 2}, 100, 1, 0.95)
	if !math.IsNaN(got.Estimate) || got.Used != 0 || len(got.Warnings) == 0 {
		t.Errorf("empty group: %+v, want NaN, Used 0, a warning", got)
	}
	got = BootstrapMedianDiff([]float64{3}, []float64{1}, 100, 1, 0.95)
	if got.Estimate != 2 || got.Lo != 2 || got.Hi != 2 {
		t.Errorf("n = 1: %+v, want 2 [2, 2]", got)
	}
	got = BootstrapMedianDiff([]float64{5, 5, math.NaN()}, []float64{5, 5}, 1000, 1, 0.95)
	if got.Estimate != 0 || got.Lo != 0 || got.Hi != 0 || len(got.Warnings) != 1 {
		t.Errorf("identical values with NaN: %+v, want 0 [0, 0] and one warning", got)
	}
}
