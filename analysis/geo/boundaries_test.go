package geo

import (
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

const twoTracts = `{
"type": "FeatureCollection",
"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
"features": [
{ "type": "Feature", "properties": { "GEOID": "13121000100" }, "geometry": { "type": "Polygon", "coordinates": [[[-84.4,33.7],[-84.3,33.7],[-84.3,33.8],[-84.4,33.8],[-84.4,33.7]]] } },
{ "type": "Feature", "properties": { "GEOID": "13121000200" }, "geometry": { "type": "MultiPolygon", "coordinates": [[[[-84.3,33.7],[-84.2,33.7],[-84.2,33.8],[-84.3,33.8],[-84.3,33.7]]]] } }
]}`

func TestReadBoundariesSmall(t *testing.T) {
	b, err := ReadBoundariesFrom(strings.NewReader(twoTracts), "two.geojson", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Tracts) != 2 || b.Property != "GEOID" {
		t.Fatalf("read %d tracts from property %q", len(b.Tracts), b.Property)
	}
	if k := b.Locate(-84.35, 33.75); k != 0 {
		t.Errorf("point in the first tract: %d", k)
	}
	if k := b.Locate(-84.25, 33.75); k != 1 {
		t.Errorf("point in the second tract: %d", k)
	}
	// On the shared edge x = -84.3: the tract to the east.
	if k := b.Locate(-84.3, 33.75); k != 1 {
		t.Errorf("point on the shared edge: %d, want the eastern tract", k)
	}
	if b.SHA256 == "" {
		t.Error("no digest")
	}
}

func TestReadBoundariesGEOIDProperties(t *testing.T) {
	feat := func(props string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props +
			`,"geometry":{"type":"Polygon","coordinates":[[[-84.4,33.7],[-84.3,33.7],[-84.3,33.8],[-84.4,33.7]]]}}]}`
	}
	tests := []struct {
		props, opt, wantProp string
		want                 uint64
		err                  string
	}{
		{`{"geoid":"13121000100"}`, "", "geoid", 13121000100, ""},
		{`{"AFFGEOID":"1400000US01001020100"}`, "", "AFFGEOID", 1001020100, ""},
		{`{"STATEFP":"13","COUNTYFP":"121","TRACTCE":"000100"}`, "", "COUNTYFP+...", 13121000100, ""},
		{`{"my_id":"13121000100"}`, "my_id", "my_id", 13121000100, ""},
		{`{"GEOID":13121000100}`, "", "GEOID", 13121000100, ""},
		{`{"GEOID":1001020100}`, "", "", 0, "leading zero"},
		{`{"name":"x"}`, "", "", 0, "no tract GEOID property"},
		{`{"GEOID":null}`, "", "", 0, "is null"},
		{`{"geoid":"13121000100"}`, "other", "", 0, `no property "other"`},
	}
	for _, tt := range tests {
		b, err := ReadBoundariesFrom(strings.NewReader(feat(tt.props)), "f.geojson", Options{GEOIDProperty: tt.opt})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "f.geojson:1:") {
				t.Errorf("%s: error %v, want one containing %q with the position", tt.props, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.props, err)
			continue
		}
		if b.Tracts[0].GEOID != tt.want {
			t.Errorf("%s: GEOID %d, want %d", tt.props, b.Tracts[0].GEOID, tt.want)
		}
	}
}

func TestReadBoundariesBadInput(t *testing.T) {
	poly := func(coords string) string {
		return `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"Polygon","coordinates":[` + coords + `]}}]}`
	}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", []string{"empty file"}},
		{"truncated", twoTracts[:300], []string{"x.geojson:", "malformed GeoJSON"}},
		{"syntax error", "{\n\"type\": \"FeatureCollection\",\n\"features\": [,]}", []string{"x.geojson:3:", "malformed GeoJSON", "invalid character"}},
		{"array", "[1,2]", []string{"not a GeoJSON object"}},
		{"a geometry", `{"type":"Polygon","coordinates":[]}`, []string{`GeoJSON type "Polygon"`, "FeatureCollection"}},
		{"no type", `{"features":[]}`, []string{`no "type"`}},
		{"no features", `{"type":"FeatureCollection","features":[]}`, []string{"no tract polygons"}},
		{"point geometry", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"Point","coordinates":[-84,33]}}]}`, []string{"x.geojson:2:1: feature 1", "geometry type Point"}},
		{"unknown geometry", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Circle"}}]}`, []string{"x.geojson:1:41: feature 1", "invalid geometry"}},
		{"coordinates not numbers", poly(`[["a","b"]]`), []string{"feature 1"}},
		{"State Plane feet", poly(`[[2230000,1370000],[2240000,1370000],[2240000,1380000],[2230000,1370000]]`), []string{"projected coordinate system", "ogr2ogr", "(2.23e+06, 1.37e+06)"}},
		{"Web Mercator with crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[
{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"Polygon","coordinates":[[[-9394000,3995000],[-9393000,3995000],[-9393000,3996000],[-9394000,3995000]]]}}]}`, []string{"projected", "EPSG::3857"}},
		{"latitude first", poly(`[[33.7,-84.4],[33.7,-84.3],[33.8,-84.3],[33.7,-84.4]]`), []string{"latitude before longitude"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadBoundariesFrom(strings.NewReader(tt.in), "x.geojson", Options{})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadBoundariesMergesAndWarns(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"Polygon","coordinates":[[[-84.4,33.7],[-84.3,33.7],[-84.3,33.8],[-84.4,33.7]]]}},
{"type":"Feature","properties":{"GEOID":"13121000100"},"geometry":{"type":"Polygon","coordinates":[[[-84.0,33.7],[-83.9,33.7],[-83.9,33.8],[-84.0,33.7]]]}},
{"type":"Feature","properties":{"GEOID":"13121000200"},"geometry":null},
{"type":"Feature","properties":{"GEOID":"13121000300"},"geometry":{"type":"Polygon","coordinates":[[[-84.4,34.7],[-84.3,34.7],[-84.3,34.8],[-84.4,34.7]],[[-84.35,34.75]]]}}
]}`
	b, err := ReadBoundariesFrom(strings.NewReader(in), "m.geojson", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Tracts) != 2 || len(b.Tracts[0].Geometry) != 2 {
		t.Fatalf("got %d tracts, first with %d polygons; want 2 and 2", len(b.Tracts), len(b.Tracts[0].Geometry))
	}
	if k := b.Locate(-83.93, 33.72); k != 0 {
		t.Errorf("point in the merged second polygon: %d", k)
	}
	w := strings.Join(b.Warnings, "\n")
	for _, s := range []string{"m.geojson:3:1: feature 2: tract 13121000100 also on line 2", "1 features without a geometry", "1 degenerate rings"} {
		if !strings.Contains(w, s) {
			t.Errorf("warnings %q lack %q", w, s)
		}
	}
}

func TestAssign(t *testing.T) {
	b, err := ReadBoundariesFrom(strings.NewReader(twoTracts), "two.geojson", Options{})
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	lat := []float64{33.75, 33.75, nan, 95, 40, 33.75}
	lon := []float64{-84.35, -84.25, -84.3, -84.3, -84.3, nan}
	a := b.Assign(lat, lon)
	if a.Points != 6 || a.Assigned != 2 || a.Blank != 2 || a.OutOfRange != 1 || a.NoTract != 1 || a.SwapFits != 0 {
		t.Errorf("counts %+v", *a)
	}
	if a.GEOID[0] != 13121000100 || a.GEOID[1] != 13121000200 || a.GEOID[3] != 0 {
		t.Errorf("GEOIDs %v", a.GEOID)
	}
	if a.LikelySwapped() {
		t.Error("flagged as swapped")
	}
	w := strings.Join(a.Warnings("p.csv"), "\n")
	for _, s := range []string{"1 points have coordinates outside", "1 points fall in no tract", "2 rows have no latitude", "p.csv: row 4: latitude 95"} {
		if !strings.Contains(w, s) {
			t.Errorf("warnings %q lack %q", w, s)
		}
	}

	// Swapped columns: latitude holds longitudes (out of range) or, for a
	// region where both fit, points land nowhere; both fit once exchanged.
	sw := b.Assign([]float64{-84.35, -84.25, -84.31, 33.75}, []float64{33.75, 33.75, 33.72, -84.35})
	if !sw.LikelySwapped() || sw.SwapFits != 3 || sw.Assigned != 1 {
		t.Errorf("swapped: %+v", *sw)
	}
	if !strings.Contains(strings.Join(sw.Warnings("p.csv"), "\n"), "look swapped") {
		t.Errorf("no swap warning: %q", sw.Warnings("p.csv"))
	}
}

func TestAssignData(t *testing.T) {
	b, err := ReadBoundariesFrom(strings.NewReader(twoTracts), "two.geojson", Options{})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(lat, lon []float64) *pirl.Data {
		d := &pirl.Data{Rows: len(lat)}
		d.Quality.File = "p.csv"
		d.Cols[pirl.FieldLatitude] = pirl.MakeColumn(pirl.KindFloat, len(lat), "lat", 0)
		d.Cols[pirl.FieldLongitude] = pirl.MakeColumn(pirl.KindFloat, len(lon), "lon", 1)
		for i := range lat {
			d.Cols[pirl.FieldLatitude].SetNum(i, lat[i])
			d.Cols[pirl.FieldLongitude].SetNum(i, lon[i])
		}
		return d
	}
	d := mk([]float64{33.75, 33.75, 10}, []float64{-84.35, -84.25, 10})
	a, err := b.AssignData(d)
	if err != nil {
		t.Fatal(err)
	}
	c := d.Cols[pirl.FieldTract]
	if !c.Present || len(c.Hash) != 3 || c.Hash[0] != 13121000100 || c.Hash[2] != 0 || a.NoTract != 1 {
		t.Errorf("tract column %+v, assignment %+v", c, *a)
	}
	if q := strings.Join(d.Quality.Warnings, "\n"); !strings.Contains(q, "2 of 3 rows placed") || !strings.Contains(q, "1 points fall in no tract") {
		t.Errorf("quality warnings %q", q)
	}
	if _, err := b.AssignData(mk([]float64{-84.35, -84.25}, []float64{33.75, 33.75})); err == nil || !strings.Contains(err.Error(), `columns "lat" and "lon" look swapped`) {
		t.Errorf("swapped columns: %v", err)
	}
	if _, err := b.AssignData(&pirl.Data{}); err == nil || !strings.Contains(err.Error(), "no latitude and longitude") {
		t.Errorf("no coordinate columns: %v", err)
	}
}

// atlPath returns the Atlanta tract boundaries committed with the tracts
// package's test data (analysis/tracts/testdata/atl-msa-acs2015-tracts,
// provenance in its SOURCE.txt). A missing file is a failure, never a skip.
func atlPath(tb testing.TB) string {
	tb.Helper()
	p := filepath.Join("..", "tracts", "testdata", "atl-msa-acs2015-tracts", "atl_tract.geojson")
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("Atlanta boundary file missing from the repository: %v", err)
	}
	return p
}

// interiorPoint returns a point inside mp: the midpoint of the widest inside
// interval of a horizontal line through its largest polygon, avoiding
// vertex heights.
func interiorPoint(mp orb.MultiPolygon) orb.Point {
	best := 0
	for i := range mp {
		if planar.Area(mp[i]) > planar.Area(mp[best]) {
			best = i
		}
	}
	poly := mp[best]
	bd := poly.Bound()
	y := bd.Min[1] + (bd.Max[1]-bd.Min[1])*0.5123457
	var xs []float64
	for _, r := range poly {
		for k := 0; k+1 < len(r); k++ {
			a, c := r[k], r[k+1]
			if (a[1] > y) != (c[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
			}
		}
	}
	sort.Float64s(xs)
	var p orb.Point
	w := -1.0
	for k := 0; k+1 < len(xs); k += 2 {
		if xs[k+1]-xs[k] > w {
			w = xs[k+1] - xs[k]
			p = orb.Point{(xs[k] + xs[k+1]) / 2, y}
		}
	}
	return p
}

func TestAtlantaTracts(t *testing.T) {
	b, err := ReadBoundaries(atlPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Tracts) != 951 || b.Property != "geoid" {
		t.Fatalf("%d tracts from %q, want 951 from geoid", len(b.Tracts), b.Property)
	}
	counties := map[uint64]int{}
	centroidsIn := 0
	for i, tr := range b.Tracts {
		counties[tr.GEOID/1000000]++
		p := interiorPoint(tr.Geometry)
		if k := b.Locate(p[0], p[1]); k != i {
			t.Errorf("interior point %v of tract %d lies in %d", p, tr.GEOID, k)
		}
		// Cross-check with orb/planar, which knows nothing of our index.
		if !planar.MultiPolygonContains(tr.Geometry, p) {
			t.Errorf("orb/planar puts interior point %v outside tract %d", p, tr.GEOID)
		}
		c, _ := planar.CentroidArea(tr.Geometry)
		if k := b.Locate(c[0], c[1]); k == i {
			centroidsIn++
		} else if planar.MultiPolygonContains(tr.Geometry, c) {
			t.Errorf("centroid of %d is inside it by orb/planar but Locate says %d", tr.GEOID, k)
		}
	}
	// SOURCE.txt lists Fulton 204, DeKalb 145 and 29 counties in all.
	if len(counties) != 29 || counties[13121] != 204 || counties[13089] != 145 {
		t.Errorf("counties %d, Fulton %d, DeKalb %d", len(counties), counties[13121], counties[13089])
	}
	t.Logf("%d of 951 centroids fall in their own tract (the rest are concave tracts)", centroidsIn)

	// Swapped coordinates on real geography are detected.
	var lat, lon []float64
	for _, tr := range b.Tracts[:200] {
		p := interiorPoint(tr.Geometry)
		lat, lon = append(lat, p[0]), append(lon, p[1])
	}
	if a := b.Assign(lat, lon); !a.LikelySwapped() || a.SwapFits != 200 {
		t.Errorf("swapped Atlanta points: %+v", *a)
	}
}

// BenchmarkAssign1M places one million points against the Atlanta MSA's 951
// tracts; ns/op is per million points. Points are uniform in the bounding
// box of a random tract, so most fall in it or a neighbour and some (at the
// MSA's edge) in none.
func BenchmarkAssign1M(b *testing.B) {
	bd, err := ReadBoundaries(atlPath(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	const n = 1_000_000
	lat, lon := make([]float64, n), make([]float64, n)
	var seed uint64 = 42
	next := func() float64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return float64(seed>>11) / (1 << 53)
	}
	for i := 0; i < n; i++ {
		tr := bd.Tracts[int(next()*float64(len(bd.Tracts)))]
		w, h := tr.Bound.Max[0]-tr.Bound.Min[0], tr.Bound.Max[1]-tr.Bound.Min[1]
		lon[i] = tr.Bound.Min[0] + next()*w
		lat[i] = tr.Bound.Min[1] + next()*h
	}
	b.ResetTimer()
	var a *Assignment
	for b.Loop() {
		a = bd.Assign(lat, lon)
	}
	b.ReportMetric(float64(a.Assigned)/n, "assigned/point")
}
