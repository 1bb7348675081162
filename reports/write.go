package reports

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"gonum.org/v1/plot/vg"

	"github.com/wioa-equity/wioa/disparities"
)

// WriteAll writes report.md, results.csv, results.json and (when plots is
// true) plots/*.png and *.svg into dir, which must exist.
func WriteAll(dir string, run *Run, plots bool) error {
	charts := map[string]string{}
	if plots {
		var err error
		if charts, err = writePlots(filepath.Join(dir, "plots"), run); err != nil {
			return err
		}
	}
	var md, csvb, js bytes.Buffer
	if err := WriteMarkdown(&md, run, charts); err != nil {
		return err
	}
	if err := WriteCSV(&csvb, run.Rows()); err != nil {
		return err
	}
	if err := WriteJSON(&js, run); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"report.md": md.Bytes(), "results.csv": csvb.Bytes(), "results.json": js.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writePlots draws every section's charts and the forest plot; it returns
// chart name → path relative to the report.
func writePlots(dir string, run *Run) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := map[string]string{}
	// Group charts are drawn concurrently (PNG encoding dominates a large
	// report's output time); each writes its own files.
	var charts []disparities.Chart
	for _, s := range run.Sections {
		charts = append(charts, s.Charts...)
	}
	drawn := make([]bool, len(charts))
	errs := make([]error, len(charts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, ch := range charts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p, err := GroupChart(ch.Title, ch.Rows)
			if err == ErrNothingToPlot {
				return
			}
			if err != nil {
				errs[i] = fmt.Errorf("plot %s: %w", ch.Name, err)
				return
			}
			w, h := GroupChartSize(len(ch.Rows))
			errs[i] = SavePlot(p, w, h, dir, ch.Name)
			drawn[i] = errs[i] == nil
		}()
	}
	wg.Wait()
	for i, ch := range charts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if drawn[i] {
			out[ch.Name] = "plots/" + ch.Name + ".png"
		}
	}
	if m := run.Map; m != nil && m.Boundaries != nil && run.Config != nil {
		p, err := ParticipationMap("Participants per 1,000 residents in poverty, by tract", m.Boundaries, m.Tracts, run.Config.MinCell, run.Config.Measures.PovertyThreshold)
		if err != nil {
			return nil, fmt.Errorf("map: %w", err)
		}
		w, h := MapSize(m.Boundaries)
		if err := SavePlot(p, w, h, dir, "map"); err != nil {
			return nil, err
		}
		out["map"] = "plots/map.png"
	}
	var gaps []disparities.Row
	for _, r := range run.Rows() {
		if r.Unit == disparities.UnitRate && r.Reference != "" && !r.Suppressed && !math.IsNaN(r.P) {
			gaps = append(gaps, r)
		}
	}
	if len(gaps) > 0 {
		p, err := ForestPlot("Rate gaps against each reference group (percentage points)", gaps, ForestDiff)
		if err != nil && err != ErrNothingToPlot {
			return nil, fmt.Errorf("forest plot: %w", err)
		}
		if err == nil {
			w, h := PlotSize(len(gaps))
			w = 9 * vg.Inch
			if err := SavePlot(p, w, h, dir, "forest"); err != nil {
				return nil, err
			}
			out["forest"] = "plots/forest.png"
		}
	}
	return out, nil
}
