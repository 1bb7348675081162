package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"gonum.org/v1/plot/vg"

	"github.com/wioa-equity/wioa/analysis/results"
)

// WriteAll writes report.md, report.html, results.csv, results.json and
// (when plots is true) plots/*.png and *.svg into dir, which must exist.
func WriteAll(dir string, run *Run, plots bool) error {
	charts := map[string]ChartFile{}
	if plots {
		var err error
		if charts, err = writePlots(filepath.Join(dir, "plots"), run); err != nil {
			return err
		}
	}
	paths := make(map[string]string, len(charts))
	for name, c := range charts {
		paths[name] = c.Path
	}
	var md, html, csvb, js bytes.Buffer
	if err := WriteMarkdown(&md, run, paths); err != nil {
		return err
	}
	if err := WriteHTML(&html, run, charts); err != nil {
		return err
	}
	if err := WriteCSV(&csvb, run.Rows()); err != nil {
		return err
	}
	if err := WriteJSON(&js, run); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"report.md": md.Bytes(), "report.html": html.Bytes(), "results.csv": csvb.Bytes(), "results.json": js.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writePlots draws every section's charts and its forest panel; it returns
// chart name → the chart's path relative to the report and its SVG.
func writePlots(dir string, run *Run) (map[string]ChartFile, error) {
	if err := mkdirOne(dir); err != nil {
		return nil, err
	}
	// Every chart is a job writing its own files; they are drawn
	// GOMAXPROCS at a time (PNG encoding dominates a large report's output
	// time, and each chart in flight holds its image), the forest panels —
	// the tallest — first so that none finishes last alone.
	type job struct {
		name string
		draw func() (svg []byte, err error) // nil svg: nothing drawn
	}
	var jobs []job
	for _, s := range run.Sections {
		if s.Status == results.StatusNotComputed {
			continue
		}
		jobs = append(jobs, job{forestName(s.ID), func() ([]byte, error) {
			p, h, err := ForestPanel(s.Title, s.Rows)
			if err == ErrNothingToPlot {
				return nil, nil
			}
			if err != nil {
				return nil, fmt.Errorf("forest plot %s: %w", s.ID, err)
			}
			return savePlot(p, 9*vg.Inch, h, dir, forestName(s.ID))
		}})
	}
	forests := len(jobs)
	for _, s := range run.Sections {
		for _, ch := range s.Charts {
			jobs = append(jobs, job{ch.Name, func() ([]byte, error) {
				p, err := GroupChart(ch.Title, ch.Rows)
				if err == ErrNothingToPlot {
					return nil, nil
				}
				if err != nil {
					return nil, fmt.Errorf("plot %s: %w", ch.Name, err)
				}
				w, h := GroupChartSize(len(ch.Rows))
				return savePlot(p, w, h, dir, ch.Name)
			}})
		}
	}
	if bb := run.ByBoard; bb != nil {
		jobs = append(jobs, job{boardChartName, func() ([]byte, error) {
			p, h, err := BoardChart(bb)
			if err == ErrNothingToPlot {
				return nil, nil
			}
			if err != nil {
				return nil, fmt.Errorf("board chart: %w", err)
			}
			return savePlot(p, 9*vg.Inch, h, dir, boardChartName)
		}})
	}
	if m := run.Map; m != nil && m.Boundaries != nil && run.Config != nil {
		jobs = append(jobs, job{"map", func() ([]byte, error) {
			p, err := ParticipationMap("Participants per 1,000 residents in poverty, by tract", m.Boundaries, m.Tracts, run.Config.MinCell, run.Config.Measures.PovertyThreshold)
			if err != nil {
				return nil, fmt.Errorf("map: %w", err)
			}
			w, h := MapSize(m.Boundaries)
			return savePlot(p, w, h, dir, "map")
		}})
	}
	svgs := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			svgs[i], errs[i] = j.draw()
		}()
	}
	wg.Wait()
	// The first error in the order charts appear in the report (group
	// charts, map, forest panels), whatever finished first.
	order := make([]int, 0, len(jobs))
	for i := forests; i < len(jobs); i++ {
		order = append(order, i)
	}
	for i := range forests {
		order = append(order, i)
	}
	out := map[string]ChartFile{}
	for _, i := range order {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if svgs[i] != nil {
			out[jobs[i].name] = ChartFile{Path: "plots/" + jobs[i].name + ".png", SVG: svgs[i]}
		}
	}
	return out, nil
}
