package geo

import (
	"fmt"
	"math"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// MaxExamples is how many example rows an Assignment keeps per problem.
const MaxExamples = 5

// Assignment is the outcome of putting points in tracts.
type Assignment struct {
	// GEOID is each point's tract, 0 when it has none.
	GEOID []uint64
	// Points is the number of points; it equals Blank + OutOfRange + NoTract + Assigned.
	Points     int
	Blank      int // latitude or longitude missing
	OutOfRange int // latitude outside ±90 or longitude outside ±180
	NoTract    int // valid coordinates in no tract of the boundary file
	Assigned   int
	// SwapFits counts the points of OutOfRange and NoTract that would fall
	// in a tract with latitude and longitude exchanged.
	SwapFits int
	// Examples are the first few out-of-range and unassigned points, by
	// 1-based data row, for the data-quality section.
	Examples []string
}

// Assign puts each point (lat[i], lon[i]) in its tract. NaN marks a missing
// coordinate. The slices must have the same length.
//
// Points outside the coordinate ranges and points in no tract are counted,
// not dropped silently, and each is tried once more with latitude and
// longitude exchanged (SwapFits): a column mix-up shows as most points
// failing and most of those fitting when swapped. The swapped position is
// never used for the assignment itself; see LikelySwapped.
func (b *Boundaries) Assign(lat, lon []float64) *Assignment {
	n := min(len(lat), len(lon))
	a := &Assignment{GEOID: make([]uint64, n), Points: n}
	var outEx, noneEx int
	for i := 0; i < n; i++ {
		y, x := lat[i], lon[i]
		if math.IsNaN(x) || math.IsNaN(y) {
			a.Blank++
			continue
		}
		if math.Abs(y) > 90 || math.Abs(x) > 180 || math.IsInf(x, 0) || math.IsInf(y, 0) {
			a.OutOfRange++
			if b.Locate(y, x) >= 0 {
				a.SwapFits++
			}
			if outEx < MaxExamples {
				outEx++
				a.Examples = append(a.Examples, fmt.Sprintf("row %d: latitude %g, longitude %g is outside latitude ±90 / longitude ±180", i+1, y, x))
			}
			continue
		}
		k := b.Locate(x, y)
		if k < 0 {
			a.NoTract++
			if b.Locate(y, x) >= 0 {
				a.SwapFits++
			}
			if noneEx < MaxExamples {
				noneEx++
				a.Examples = append(a.Examples, fmt.Sprintf("row %d: latitude %g, longitude %g is in no tract of the boundary file", i+1, y, x))
			}
			continue
		}
		a.GEOID[i] = b.Tracts[k].GEOID
		a.Assigned++
	}
	return a
}

// LikelySwapped reports whether the latitude and longitude columns look
// exchanged: more points would fall in a tract swapped than as given, and
// they are at least half of the points with coordinates.
func (a *Assignment) LikelySwapped() bool {
	withCoords := a.Points - a.Blank
	return withCoords > 0 && a.SwapFits > a.Assigned && 2*a.SwapFits >= withCoords
}

// Warnings states the counts as sentences for the report's data-quality
// section; name is the participant file.
func (a *Assignment) Warnings(name string) []string {
	var w []string
	if a.LikelySwapped() {
		w = append(w, fmt.Sprintf("%s: latitude and longitude look swapped: %d of %d points fall in a tract only with the two exchanged; check which column is which", name, a.SwapFits, a.Points-a.Blank))
	}
	if a.OutOfRange > 0 {
		w = append(w, fmt.Sprintf("%s: %d points have coordinates outside latitude ±90 / longitude ±180; their tract is unknown", name, a.OutOfRange))
	}
	if a.NoTract > 0 {
		w = append(w, fmt.Sprintf("%s: %d points fall in no tract of the boundary file (outside the area it covers, or geocoded to the wrong place); their tract is unknown", name, a.NoTract))
	}
	if a.Blank > 0 {
		w = append(w, fmt.Sprintf("%s: %d rows have no latitude or longitude; their tract is unknown", name, a.Blank))
	}
	for _, e := range a.Examples {
		w = append(w, name+": "+e)
	}
	return w
}

// AssignData fills d's tract_geoid column from its latitude and longitude
// columns (the column is created, Present, when the file had none) and
// returns the assignment; the counts are also appended to d.Quality.Warnings.
// It returns an error when the file has no coordinate columns, or when the
// latitude and longitude look swapped (LikelySwapped): an analysis on the
// few points that happen to fit would mislead.
func (b *Boundaries) AssignData(d *pirl.Data) (*Assignment, error) {
	name := d.Quality.File
	if !d.Has(pirl.FieldLatitude) || !d.Has(pirl.FieldLongitude) {
		return nil, fmt.Errorf("%s: no latitude and longitude columns to place participants in tracts (looked for %q and %q)", name, pirl.Elements[pirl.FieldLatitude].Name, pirl.Elements[pirl.FieldLongitude].Name)
	}
	latC, lonC := &d.Cols[pirl.FieldLatitude], &d.Cols[pirl.FieldLongitude]
	lat, lon := make([]float64, d.Rows), make([]float64, d.Rows)
	for i := range d.Rows {
		lat[i], lon[i] = latC.Num(i), lonC.Num(i)
	}
	a := b.Assign(lat, lon)
	if a.LikelySwapped() {
		return a, fmt.Errorf("%s: columns %q and %q look swapped: %d of %d points fall in a tract only with latitude and longitude exchanged (%d as given); map the columns correctly with --columns", name, latC.Header, lonC.Header, a.SwapFits, a.Points-a.Blank, a.Assigned)
	}
	c := &d.Cols[pirl.FieldTract]
	c.Present = true
	if c.Header == "" {
		c.Header = "tract_geoid (from " + latC.Header + "/" + lonC.Header + ")"
		c.Index = -1
	}
	c.Hash = a.GEOID
	d.Quality.Warnings = append(d.Quality.Warnings, fmt.Sprintf("%s: %d of %d rows placed in census tracts from %q/%q by point-in-polygon against %s", name, a.Assigned, a.Points, latC.Header, lonC.Header, b.Source))
	d.Quality.Warnings = append(d.Quality.Warnings, a.Warnings(name)...)
	return a, nil
}
