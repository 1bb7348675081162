package reports

// Axes: tick steps, the tickers (linear with thousands separators, readable
// ratios on a log axis) and the value axis's label.

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/wioa-equity/wioa/analysis/results"
)

// hideTickMarks keeps the gap tick marks leave between labels and axis but
// does not draw them: category axes need no marks.
func hideTickMarks(a *plot.Axis) {
	a.Tick.LineStyle.Color = color.Transparent
	a.Tick.Length = vg.Points(5)
}

// valueAxisLabel names the value axis: the measure (when there is one)
// with its unit once — "Participants per 1,000 residents in poverty", not
// "… in poverty (per 1,000)".
func valueAxisLabel(u results.Unit, measures []string) string {
	name := ""
	if len(measures) == 1 {
		name = humanize(measures[0])
	}
	label := u.AxisLabel(name)
	low := strings.ToLower(name)
	if u == results.UnitPer1000 && strings.Contains(low, "per 1,000") || u == results.UnitPerSqMi && strings.Contains(low, "per square mile") {
		label = name
	}
	return wrap(label, 40)
}

// niceStep returns a tick step of 1, 2, 2.5 or 5 × 10^k giving about n
// intervals over span.
func niceStep(span float64, n int) float64 {
	if !(span > 0) || !finite(span) {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

// linearTicks marks every multiple of step, labelled with thousands
// separators (and a sign when signed); dollars are labelled as amounts
// ("−$1.50", "$1,000"), with cents when the step has a fraction.
type linearTicks struct {
	step    float64
	signed  bool
	dollars bool
}

// Ticks implements plot.Ticker.
func (t linearTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(t.step > 0) || !finite(lo) || !finite(hi) || (hi-lo)/t.step > 1000 {
		return nil
	}
	prec := 0
	if t.step < 1 {
		prec = int(math.Ceil(-math.Log10(t.step) - 1e-9))
		if math.Abs(t.step*math.Pow10(prec)-math.Round(t.step*math.Pow10(prec))) > 1e-9 {
			prec++
		}
	}
	cur := ""
	if t.dollars {
		cur = "$"
		if prec > 0 {
			prec = max(prec, 2)
		}
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo/t.step - 1e-9); k*t.step <= hi+t.step*1e-9; k++ {
		v := k * t.step
		if math.Abs(v) < t.step*1e-9 {
			v = 0
		}
		label := cur + thousands(strconv.FormatFloat(math.Abs(v), 'f', prec, 64))
		switch {
		case v < 0:
			label = "−" + label
		case v > 0 && t.signed:
			label = "+" + label
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// ratioRange returns a log-axis range covering [lo, hi] and 1, padded so
// markers and caps are not drawn on the frame.
func ratioRange(lo, hi float64) (float64, float64) {
	if !(lo > 0) || !finite(lo) {
		lo = 1
	}
	if !(hi > 0) || !finite(hi) {
		hi = 1
	}
	lo, hi = math.Min(lo, 1), math.Max(hi, 1)
	pad := math.Max(math.Log(hi/lo)*0.08, 0.05)
	return lo * math.Exp(-pad), hi * math.Exp(pad)
}

// ratioTicks labels readable ratios (…, 0.5, 0.8, 1, 1.25, 2, …) on a log axis.
type ratioTicks struct{}

// Ticks implements plot.Ticker.
func (ratioTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) || !finite(hi) {
		return nil
	}
	var ticks []plot.Tick
	var mantissas []float64
	if hi/lo < 8 {
		mantissas = []float64{1, 1.25, 1.5, 2, 3, 4, 5, 6, 8}
	} else {
		mantissas = []float64{1, 2, 5}
	}
	for e := math.Floor(math.Log10(lo)) - 1; e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range mantissas {
			v := m * math.Pow(10, e)
			if v < lo || v > hi {
				continue
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 3, 64)})
		}
	}
	return ticks
}
