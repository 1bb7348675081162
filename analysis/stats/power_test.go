package stats

import (
	"math"
	"strings"
	"testing"
)

// The minimum detectable differences against R (testdata/power.R, output in
// power_R.txt): power.prop.test for rates with equal group sizes,
// power.t.test for means with equal sizes and spreads, pt(q, df, ncp) for
// the noncentral t.
func TestPowerAgainstR(t *testing.T) {
	ref := loadRef(t, "power_R.txt")
	near := func(name string, got, want, tol float64) {
		t.Helper()
		if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %.12g, R %.12g", name, got, want)
		}
	}
	var props, ts, ncts int
	for name, c := range ref {
		in := c["in"]
		switch {
		case strings.HasPrefix(name, "prop/"):
			props++
			p0, n, a, pw := in[0], int(in[1]), in[2], in[3]
			up, down := MDDTwoProp(p0, n, n, a, pw)
			near(name+" up", up, c["up"][0], 1e-9)
			near(name+" down", down, c["down"][0], 1e-9)
			near(name+" power", PowerTwoProp(math.Min(p0+0.1, 0.999), n, p0, n, a), c["power_at_0.1"][0], 1e-12)
		case strings.HasPrefix(name, "t/"):
			ts++
			n, sd, a, pw := int(in[0]), in[1], in[2], in[3]
			near(name+" delta", MDDWelch(sd, n, sd, n, a, pw), c["delta"][0], 1e-9)
			near(name+" power", PowerWelch(sd, sd, n, sd, n, a), c["power_at_sd"][0], 1e-10)
		case strings.HasPrefix(name, "nct/"):
			ncts++
			near(name, NoncentralTCDF(in[0], in[1], in[2]), c["p"][0], 1e-10)
		}
	}
	if props < 60 || ts < 30 || ncts < 80 {
		t.Fatalf("only %d prop, %d t and %d nct cases in power_R.txt", props, ts, ncts)
	}
}

// Unequal sizes and spreads: the detectable difference is where the power
// is exactly the one asked; it shrinks as either group grows; Welch with
// unequal spreads lies between the equal-spread cases.
func TestMDDUnequalGroups(t *testing.T) {
	for _, c := range []struct {
		p0     float64
		n1, n0 int
	}{{0.4, 30, 400}, {0.62, 1200, 90}, {0.08, 500, 5000}} {
		up, down := MDDTwoProp(c.p0, c.n1, c.n0, 0.05, 0.8)
		if got := PowerTwoProp(c.p0+up, c.n1, c.p0, c.n0, 0.05); math.Abs(got-0.8) > 1e-9 {
			t.Errorf("%+v: power at up = %v", c, got)
		}
		if got := PowerTwoProp(c.p0-down, c.n1, c.p0, c.n0, 0.05); math.Abs(got-0.8) > 1e-9 {
			t.Errorf("%+v: power at down = %v", c, got)
		}
		up2, _ := MDDTwoProp(c.p0, 2*c.n1, c.n0, 0.05, 0.8)
		if !(up2 < up) {
			t.Errorf("%+v: doubling n1 gave %v ≥ %v", c, up2, up)
		}
	}
	d := MDDWelch(3, 40, 9, 400, 0.05, 0.8)
	if p := PowerWelch(d, 3, 40, 9, 400, 0.05); math.Abs(p-0.8) > 1e-9 {
		t.Errorf("Welch power at MDD = %v", p)
	}
	if lo, hi := MDDWelch(3, 40, 3, 400, 0.05, 0.8), MDDWelch(9, 40, 9, 400, 0.05, 0.8); !(lo < d && d < hi) {
		t.Errorf("Welch MDD %v not between %v and %v", d, lo, hi)
	}
	for _, v := range []float64{MDDWelch(1, 1, 1, 10, 0.05, 0.8), MDDWelch(0, 10, 0, 10, 0.05, 0.8)} {
		if !math.IsNaN(v) {
			t.Errorf("degenerate Welch MDD = %v, want NaN", v)
		}
	}
	if up, down := MDDTwoProp(0.5, 0, 10, 0.05, 0.8); !math.IsNaN(up) || !math.IsNaN(down) {
		t.Errorf("empty group: %v %v", up, down)
	}
}
