package pipeline

import (
	"fmt"
	"path/filepath"

	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// Pilot is Load and Derive over every record of the file (a pilot compares
// periods, so no exit window applies) and the triple difference of spec
// (disparities.Pilot). An error about the boards or the
// measure is an OptionError.
func Pilot(o *Options, spec disparities.PilotSpec) (*reports.PilotRun, error) {
	o.Window = AllExits
	in, err := Load(o)
	if err != nil {
		return nil, err
	}
	defer in.release()
	der := in.Derive(o)
	cfg := o.Config
	din := &disparities.Input{Data: in.Data, D: der, Tracts: in.Tracts, Cfg: &cfg, ZIPTracts: in.Crosswalk}
	for _, d := range disparities.All {
		if d.ID != spec.Measure.Disparity {
			continue
		}
		for _, n := range d.Needs {
			if !n.Met(din) {
				return nil, fmt.Errorf("%s needs %s", d.ID, n.What)
			}
		}
	}
	// hd-clusters: the cluster named, or the whole file's headline.
	if spec.Measure, err = spec.Measure.Resolve(din); err != nil {
		return nil, &OptionError{err}
	}
	res, err := disparities.Pilot(din, spec)
	if err != nil {
		return nil, &OptionError{err}
	}
	q := &in.Data.Quality
	run := &reports.PilotRun{Result: res, Provenance: reports.Provenance{
		Tool: "wioa", Version: o.Version, Input: inputFile(q),
		Window: o.Window.Label, RowsRead: q.RowsRead, Cohort: der.Counts.Cohort, Seed: cfg.Seed,
		Options: reports.OptionsOf(&cfg), Disparities: []string{spec.Measure.Disparity},
	}}
	run.Provenance.Input.Synthetic = in.Synthetic
	if in.Tracts != nil {
		run.Provenance.Tracts = &reports.InputFile{Name: filepath.Base(in.Tracts.Source), SHA256: in.Tracts.SHA256, Rows: in.Tracts.Rows()}
	}
	return run, nil
}
