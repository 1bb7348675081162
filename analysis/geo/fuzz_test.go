package geo

import (
	"strings"
	"testing"
)

// FuzzReadBoundaries checks that no input makes the reader panic, and that
// whatever it accepts can be queried.
func FuzzReadBoundaries(f *testing.F) {
	f.Add(twoTracts)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"Polygon","coordinates":[[]]}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"MultiPolygon","coordinates":[[[[1]]]]}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"geometry":{"type":"GeometryCollection","geometries":[]}}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		b, err := ReadBoundariesFrom(strings.NewReader(in), "f.geojson", Options{})
		if err != nil {
			return
		}
		b.Locate(-84.3, 33.75)
		b.Assign([]float64{33.75, 200}, []float64{-84.3, 0})
	})
}
