package cmd

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/sample"
)

// TestReportBoundaries runs the report on the bundled sample with its
// tract_geoid column hidden, so tracts come from latitude/longitude by
// point-in-polygon against square "tracts" drawn around each tract's
// participants, and checks the map and the notes.
func TestReportBoundaries(t *testing.T) {
	dir := t.TempDir()
	recs, err := csv.NewReader(sample.PIRL()).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range recs[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("sample has no %s column", name)
		return -1
	}
	tc, la, lo := col("tract_geoid"), col("latitude"), col("longitude")
	type acc struct{ lat, lon, n float64 }
	centre := map[string]*acc{}
	var order []string
	for _, r := range recs[1:] {
		a := centre[r[tc]]
		if a == nil {
			a = &acc{}
			centre[r[tc]] = a
			order = append(order, r[tc])
		}
		y, _ := strconv.ParseFloat(r[la], 64)
		x, _ := strconv.ParseFloat(r[lo], 64)
		a.lat, a.lon, a.n = a.lat+y, a.lon+x, a.n+1
	}
	recs[0][tc] = "original_tract" // not recognised: the report must place rows itself
	var pb bytes.Buffer
	w := csv.NewWriter(&pb)
	w.WriteAll(recs)
	pirlPath := filepath.Join(dir, "pirl.csv")
	var gj strings.Builder
	gj.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, g := range order {
		a := centre[g]
		y, x, h := a.lat/a.n, a.lon/a.n, 0.0055
		if i > 0 {
			gj.WriteString(",\n")
		}
		fmt.Fprintf(&gj, `{"type":"Feature","properties":{"GEOID":%q},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
			g, x-h, y-h, x+h, y-h, x+h, y+h, x-h, y+h, x-h, y-h)
	}
	gj.WriteString("]}\n")
	geoPath := filepath.Join(dir, "tracts.geojson")
	tractPath := filepath.Join(dir, "tracts.csv")
	tb, _ := io.ReadAll(sample.Tracts())
	for p, b := range map[string][]byte{pirlPath: pb.Bytes(), geoPath: []byte(gj.String()), tractPath: tb} {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "report")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"report", pirlPath, "--tracts", tractPath, "--boundaries", geoPath, "--out", out, "--only", "poverty-participation"}, nil, &stdout, &stderr)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wioa: placed ") {
		t.Errorf("stderr lacks the placement count:\n%s", stderr.String())
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(plots/map.png)", "Tracts were assigned from latitude/longitude by point-in-polygon against tracts.geojson"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	for _, f := range []string{"map.png", "map.svg"} {
		if _, err := os.Stat(filepath.Join(out, "plots", f)); err != nil {
			t.Error(err)
		}
	}

	// Swapped columns stop the run with a clear message.
	recs[0][la], recs[0][lo] = "longitude", "latitude"
	pb.Reset()
	w = csv.NewWriter(&pb)
	w.WriteAll(recs)
	os.WriteFile(pirlPath, pb.Bytes(), 0o644)
	stderr.Reset()
	code = Main([]string{"report", pirlPath, "--tracts", tractPath, "--boundaries", geoPath, "--out", out, "--only", "poverty-participation"}, nil, &stdout, &stderr)
	if code != ExitFail || !strings.Contains(stderr.String(), "look swapped") {
		t.Errorf("swapped: exit %d, stderr %s", code, stderr.String())
	}
}
