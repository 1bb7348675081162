package pipeline

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/wioa-equity/wioa/analysis/geo"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// loadBoundaries reads --boundaries and, when the participant file has
// latitude/longitude but no tract_geoid, places every row in its tract by
// point-in-polygon (counts of points in no tract go to the data-quality
// warnings). It returns nil when no boundary file was given.
func loadBoundaries(notes io.Writer, path string, data *pirl.Data) (*geo.Boundaries, string, error) {
	if path == "" {
		return nil, "", nil
	}
	b, err := geo.ReadBoundaries(path, geo.Options{})
	if err != nil {
		return nil, "", err
	}
	data.Quality.Warnings = append(data.Quality.Warnings, b.Warnings...)
	if data.Has(pirl.FieldTract) {
		return b, fmt.Sprintf("Tracts are the file's own %q column; the boundary file %s (%d tracts) is used for the map only.", data.Cols[pirl.FieldTract].Header, filepath.Base(path), len(b.Tracts)), nil
	}
	if !data.Has(pirl.FieldLatitude) || !data.Has(pirl.FieldLongitude) {
		return b, fmt.Sprintf("The participant file has neither tract_geoid nor latitude/longitude, so no participant could be placed on the map of %s.", filepath.Base(path)), nil
	}
	a, err := b.AssignData(data)
	if err != nil {
		return nil, "", err
	}
	fmt.Fprintf(notes, "wioa: placed %d of %d rows in census tracts by their coordinates (%d in no tract, %d out of range, %d without coordinates)\n",
		a.Assigned, a.Points, a.NoTract, a.OutOfRange, a.Blank)
	return b, fmt.Sprintf("Tracts were assigned from latitude/longitude by point-in-polygon against %s (SHA-256 %.12s…): %d of %d rows placed, %d in no tract, %d with coordinates out of range, %d without coordinates.",
		filepath.Base(path), b.SHA256, a.Assigned, a.Points, a.NoTract, a.OutOfRange, a.Blank), nil
}

// mapInput builds the participation map's data from poverty-participation's
// own count of participants by tract, or nil without boundaries or tract
// file.
func mapInput(b *geo.Boundaries, note string, din *disparities.Input) *reports.MapInput {
	if b == nil || din.Tracts == nil {
		return nil
	}
	tp := disparities.TractParticipants(din)
	ts := make([]reports.MapTract, len(tp))
	for i, t := range tp {
		ts[i] = reports.MapTract{GEOID: t.GEOID, Participants: t.Participants, Below: t.Below, HighPoverty: t.HighPoverty, Suppressed: t.Suppressed}
	}
	return &reports.MapInput{Boundaries: b, Tracts: ts, Note: note}
}

// loadCrosswalk reads --zip-crosswalk. It is used only when the participant
// file has ZIP codes and no tract_geoid; otherwise a data-quality note says
// why it was not used.
func loadCrosswalk(path string, data *pirl.Data) (*geo.Crosswalk, error) {
	if path == "" {
		return nil, nil
	}
	cw, err := geo.ReadCrosswalk(path)
	if err != nil {
		return nil, err
	}
	data.Quality.Warnings = append(data.Quality.Warnings, cw.Warnings...)
	switch {
	case data.Has(pirl.FieldTract):
		data.Quality.Warnings = append(data.Quality.Warnings, fmt.Sprintf("The ZIP–tract crosswalk %s was not used: the participant file has its own tract_geoid column.", filepath.Base(path)))
		return nil, nil
	case !data.Has(pirl.FieldZIP):
		data.Quality.Warnings = append(data.Quality.Warnings, fmt.Sprintf("The ZIP–tract crosswalk %s was not used: the participant file has no ZIP column (PIRL 103).", filepath.Base(path)))
		return nil, nil
	}
	return cw, nil
}
