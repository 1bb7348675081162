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

	"github.com/wioa-equity/wioa/analysis/results"
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
	if err := mkdirOne(dir); err != nil {
		return nil, err
	}
	// Every chart is a job writing its own files; they are drawn
	// GOMAXPROCS at a time (PNG encoding dominates a large report's output
	// time, and each chart in flight holds its image), the forest plot —
	// the largest — first so that it does not finish last alone.
	type job struct {
		name string
		draw func() (drawn bool, err error)
	}
	var jobs []job
	var gaps []results.Row
	for _, r := range run.Rows() {
		if r.Unit == results.UnitRate && r.Reference != "" && !r.Suppressed && !math.IsNaN(r.P) {
			gaps = append(gaps, r)
		}
	}
	if len(gaps) > 0 {
		jobs = append(jobs, job{"forest", func() (bool, error) {
			p, err := ForestPlot("Rate gaps against each reference group (percentage points)", gaps, ForestDiff)
			if err == ErrNothingToPlot {
				return false, nil
			}
			if err != nil {
				return false, fmt.Errorf("forest plot: %w", err)
			}
			w, h := PlotSize(len(gaps))
			w = 9 * vg.Inch
			return true, SavePlot(p, w, h, dir, "forest")
		}})
	}
	for _, s := range run.Sections {
		for _, ch := range s.Charts {
			jobs = append(jobs, job{ch.Name, func() (bool, error) {
				p, err := GroupChart(ch.Title, ch.Rows)
				if err == ErrNothingToPlot {
					return false, nil
				}
				if err != nil {
					return false, fmt.Errorf("plot %s: %w", ch.Name, err)
				}
				w, h := GroupChartSize(len(ch.Rows))
				return true, SavePlot(p, w, h, dir, ch.Name)
			}})
		}
	}
	if m := run.Map; m != nil && m.Boundaries != nil && run.Config != nil {
		jobs = append(jobs, job{"map", func() (bool, error) {
			p, err := ParticipationMap("Participants per 1,000 residents in poverty, by tract", m.Boundaries, m.Tracts, run.Config.MinCell, run.Config.Measures.PovertyThreshold)
			if err != nil {
				return false, fmt.Errorf("map: %w", err)
			}
			w, h := MapSize(m.Boundaries)
			return true, SavePlot(p, w, h, dir, "map")
		}})
	}
	drawn := make([]bool, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			drawn[i], errs[i] = j.draw()
		}()
	}
	wg.Wait()
	// The first error in the order charts appear in the report (group
	// charts, map, forest), whatever finished first.
	order := make([]int, 0, len(jobs))
	first := 0
	if len(gaps) > 0 {
		first = 1 // jobs[0] is the forest plot
	}
	for i := first; i < len(jobs); i++ {
		order = append(order, i)
	}
	if first == 1 {
		order = append(order, 0)
	}
	out := map[string]string{}
	for _, i := range order {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if drawn[i] {
			out[jobs[i].name] = "plots/" + jobs[i].name + ".png"
		}
	}
	return out, nil
}
