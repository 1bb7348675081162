package disparities_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/analysis/tracts"
	"github.com/wioa-equity/wioa/disparities"
)

// runGenerated generates a synthetic file, reads it back through the real
// reader and runs every disparity.
func runGenerated(t testing.TB, rows int, seed uint64, gaps synth.Gaps, cfg disparities.Config) []*results.Section {
	t.Helper()
	var pb, tb bytes.Buffer
	if _, err := synth.Generate(&pb, &tb, synth.Config{Rows: rows, Seed: seed, Gaps: gaps, Columns: 120}); err != nil {
		t.Fatal(err)
	}
	data, err := pirl.ReadFrom(&pb, "synthetic.csv", pirl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tab, err := tracts.ReadFrom(&tb, "tracts.csv", tracts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	der := measures.Derive(data, tab, cfg.Measures)
	in := &disparities.Input{Data: data, D: der, Tracts: tab, Cfg: &cfg}
	var out []*results.Section
	for _, d := range disparities.All {
		out = append(out, d.RunOn(in))
	}
	return out
}

// row finds a row by measure and group ("group|reference" to name the reference too).
func row(t *testing.T, secs []*results.Section, id, measure, group string) results.Row {
	t.Helper()
	for _, s := range secs {
		if s.ID != id {
			continue
		}
		for _, r := range s.Rows {
			if r.Measure == measure && (r.Group == group || r.Group+"|"+r.Reference == group) {
				return r
			}
		}
		t.Fatalf("%s: no row %q / %q", id, measure, group)
	}
	t.Fatalf("no section %s", id)
	return results.Row{}
}

// On generated data with the default (Atlanta-like) gaps, each of the eight
// disparities is detected: flagged, with the right sign, and the injected
// size inside the reported interval.
func TestDetectsInjectedGaps(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 40,000 rows")
	}
	g := synth.DefaultGaps()
	cfg := disparities.DefaultConfig()
	secs := runGenerated(t, 40000, 7, g, cfg)
	for _, s := range secs {
		if s.Status != results.StatusFlagged {
			t.Errorf("%s: status %v, want flagged for review; finding: %s", s.ID, s.Status, s.Finding)
		}
	}
	diffCases := []struct {
		id, measure, group string
		knob               string
		sign               float64 // +1: the row's Diff has the knob's sign; -1: opposite (group − reference is reference − injected group)
	}{
		{"poverty-credential", "credential attainment", "High-poverty tracts", "poverty-credential", 1},
		{"neediest-enrollment", "enrollment", "Neediest", "neediest-enrollment", 1},
		{"neediest-enrollment", "training receipt among participants", "Neediest", "neediest-training", 1},
		{"supportive-services", "credential attainment", "Recipients", "support-credential", 1},
		{"supportive-services", "employed 2nd quarter after exit", "Recipients", "support-employment", 1},
		{"gender-credential", "training completion", "Women", "gender-completion", 1},
		{"gender-credential", "credential attainment", "Women", "gender-credential", 1},
		{"gender-wages", "mean hourly wage", "Women", "gender-wage", -1},
		{"gender-wages", "training-related employment retention", "Women", "gender-retention", 1},
		{"education-level", "employed 2nd quarter after exit", "Less than high school|High school / equivalency", "education-q2", 1},
		{"education-level", "employed 4th quarter after exit", "Less than high school|Bachelor's or higher", "education-q4", 1},
		{"education-level", "employed all four quarters after exit", "Less than high school|Associate degree", "education-all4", 1},
		{"hd-clusters", "training-related employment retention", "Health Care", "hd-retention", 1},
		{"hd-clusters", "training-related employment retention", "Information Technology", "hd-retention", 1},
		{"hd-clusters", "employed all four quarters after exit", "Transportation, Distribution & Logistics", "tdl-all4", 1},
	}
	for _, c := range diffCases {
		r := row(t, secs, c.id, c.measure, c.group)
		v, _ := g.Value(c.knob)
		want := c.sign * v
		if r.Suppressed || math.IsNaN(r.Diff) {
			t.Errorf("%s %s %s: no estimate", c.id, c.measure, c.group)
			continue
		}
		if math.Signbit(r.Diff) != math.Signbit(want) {
			t.Errorf("%s %s %s: diff %.4f has the wrong sign (injected %.4f)", c.id, c.measure, c.group, r.Diff, want)
		}
		if want < r.DiffLow || want > r.DiffHigh {
			t.Errorf("%s %s %s: injected %.4f outside the interval [%.4f, %.4f] (estimate %.4f)", c.id, c.measure, c.group, want, r.DiffLow, r.DiffHigh, r.Diff)
		}
		// A knob at the practical-size threshold (5 points) may fall just
		// short of it in a sample; flags are required only above it.
		if math.Abs(want) > cfg.MinDiff && !r.Flagged {
			t.Errorf("%s %s %s: not flagged (diff %.4f, adjusted p %.3g)", c.id, c.measure, c.group, r.Diff, r.PAdj)
		}
	}
	// Participation: the rate ratio near the injected 0.6.
	r := row(t, secs, "poverty-participation", "participants per 1,000 residents in poverty", "High-poverty tracts")
	if !r.Flagged || math.Abs(r.Ratio-g.PovertyParticipation) > 0.08 {
		t.Errorf("poverty-participation: ratio %.3f (flagged %v), injected %.2f", r.Ratio, r.Flagged, g.PovertyParticipation)
	}
	// Education earnings: less than HS earns ~15% less than every other level.
	r = row(t, secs, "education-level", "median Q2 earnings", "Less than high school|High school / equivalency")
	if r.Diff >= 0 || !r.Flagged {
		t.Errorf("education-level median earnings: diff %.2f flagged %v, want negative and flagged (less than HS earns less)", r.Diff, r.Flagged)
	}
}

// With no gap injected, flags appear no more often than alpha allows:
// across many seeds, the share of flagged comparisons stays below alpha.
func TestNoGapsNoFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("runs many generated files")
	}
	cfg := disparities.DefaultConfig()
	cfg.Bootstrap, cfg.OaxacaBootstrap = 200, 10 // intervals are not what is tested here
	const seeds = 12
	flagged, comparisons, sectionsFlagged := 0, 0, 0
	for seed := uint64(100); seed < 100+seeds; seed++ {
		for _, s := range runGenerated(t, 6000, seed, synth.Gaps{}, cfg) {
			if s.Status == results.StatusFlagged {
				sectionsFlagged++
			}
			for _, r := range s.Rows {
				if r.Reference != "" && !math.IsNaN(r.P) {
					comparisons++
					if r.Flagged {
						flagged++
						t.Logf("seed %d: %s %s %s flagged (diff %.3f, adjusted p %.3g)", seed, r.Disparity, r.Measure, r.Group, r.Diff, r.PAdj)
					}
				}
			}
		}
	}
	t.Logf("%d of %d comparisons flagged; %d of %d sections", flagged, comparisons, sectionsFlagged, seeds*len(disparities.All))
	if comparisons < 100 {
		t.Fatalf("only %d comparisons: the generator or the analyses lost their data", comparisons)
	}
	// Holm controls the family-wise error at alpha within each disparity, so
	// at most alpha of the sections may be flagged in expectation; allow
	// binomial noise (mean 0.05·96 = 4.8, sd ≈ 2.1).
	if limit := int(cfg.Alpha*float64(seeds*len(disparities.All)) + 3*math.Sqrt(cfg.Alpha*float64(seeds*len(disparities.All)))); sectionsFlagged > limit {
		t.Errorf("%d sections flagged with no gap injected; at most %d expected at alpha %.2f", sectionsFlagged, limit, cfg.Alpha)
	}
}

// The sex reference group is configurable: with women as the reference the
// same gaps come back with the sign reversed and the groups swapped.
func TestSexReferenceConfigurable(t *testing.T) {
	cfg := disparities.DefaultConfig()
	cfg.SexReference = "other"
	if err := cfg.Validate(); err == nil {
		t.Error(`SexReference "other" passed validation`)
	}
	cfg.SexReference = "Women"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg.Bootstrap, cfg.OaxacaBootstrap = 200, 10
	secs := runGenerated(t, 8000, 7, synth.DefaultGaps(), cfg)
	def := disparities.DefaultConfig()
	def.Bootstrap, def.OaxacaBootstrap = 200, 10
	base := runGenerated(t, 8000, 7, synth.DefaultGaps(), def)
	for _, m := range []struct{ id, measure string }{{"gender-credential", "credential attainment"}, {"gender-wages", "mean hourly wage"}} {
		men := row(t, secs, m.id, m.measure, "Men|Women")
		women := row(t, base, m.id, m.measure, "Women|Men")
		if math.Abs(men.Diff+women.Diff) > 1e-12 || math.Abs(men.P-women.P) > 1e-9 {
			t.Errorf("%s %s: men vs women diff %.6f p %.6g; women vs men diff %.6f p %.6g", m.id, m.measure, men.Diff, men.P, women.Diff, women.P)
		}
	}
}
