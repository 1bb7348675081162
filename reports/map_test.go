package reports

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/wioa-equity/wioa/analysis/geo"
	"github.com/wioa-equity/wioa/analysis/tracts"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// mapFixture is a 6×5 grid of invented tracts near Atlanta: one with a hole
// holding an island tract, one in two parts, with shaded, suppressed,
// no-rate and high-poverty tracts.
func mapFixture(t testing.TB) (*geo.Boundaries, []MapTract) {
	const nx, ny, w = 6, 5, 0.05
	gx := func(i int) float64 { return -84.5 + float64(i)*w }
	gy := func(j int) float64 { return 33.6 + float64(j)*w }
	var ts []geo.Tract
	var mt []MapTract
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			id := uint64(13121000100 + 100*(j*nx+i))
			poly := orb.Polygon{square(gx(i), gy(j), gx(i+1), gy(j+1))}
			if i == 2 && j == 2 {
				poly = append(poly, square(gx(i)+0.015, gy(j)+0.015, gx(i+1)-0.015, gy(j+1)-0.015))
			}
			ts = append(ts, geo.Tract{GEOID: id, Geometry: orb.MultiPolygon{poly}})
			k := j*nx + i
			m := MapTract{GEOID: id, Below: 400 + float64(37*k%300), Participants: float64(5 + (k*13)%40), HighPoverty: k%7 == 3}
			m.Suppressed = m.Participants < 10
			if k == 11 {
				m.Below = 0 // no poverty universe: no rate
			}
			if k == 20 {
				continue // not in the tract file
			}
			mt = append(mt, m)
		}
	}
	ts = append(ts, geo.Tract{GEOID: 13121999900, Geometry: orb.MultiPolygon{
		{square(gx(2)+0.015, gy(2)+0.015, gx(3)-0.015, gy(3)-0.015)},
	}})
	mt = append(mt, MapTract{GEOID: 13121999900, Below: 50, Participants: 30, HighPoverty: true})
	b, err := geo.NewBoundaries(ts)
	if err != nil {
		t.Fatal(err)
	}
	return b, mt
}

func TestParticipationMapGolden(t *testing.T) {
	b, mt := mapFixture(t)
	p, err := ParticipationMap("Participation by tract (invented data)", b, mt, 10, 0.20)
	if err != nil {
		t.Fatal(err)
	}
	w, h := MapSize(b)
	if dir := os.Getenv("WIOA_PLOT_DIR"); dir != "" {
		if err := SavePlot(p, w, h, dir, "map"); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := pngCanvas(p, w, h, 72).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "map_golden.png")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -run Map -update to create it)", err)
	}
	ok, err := cmpimg.Equal("png", buf.Bytes(), want)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		f, err := os.CreateTemp("", "wioa-map-*.png")
		if err != nil {
			t.Fatal(err)
		}
		f.Write(buf.Bytes())
		f.Close()
		t.Errorf("rendering differs from %s; see %s (after -update if the change is intended)", golden, f.Name())
	}
}

// TestParticipationMapLegend reads the SVG's text: the legend names every
// kind of tract and counts them, and no suppressed tract's rate is printed.
func TestParticipationMapLegend(t *testing.T) {
	b, mt := mapFixture(t)
	p, err := ParticipationMap("Map", b, mt, 10, 0.20)
	if err != nil {
		t.Fatal(err)
	}
	c := vgsvg.New(MapSize(b))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	suppressed := 0
	for _, m := range mt {
		if m.Below > 0 && m.Participants < 10 {
			suppressed++
		}
	}
	for _, want := range []string{"suppressed (n &lt; 10)", "no rate (no poverty data)", "high-poverty tract (≥ 20%)", "Participants per 1,000",
		"tracts shaded, " + strconv.Itoa(suppressed) + " suppressed,", "2 without a rate."} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "NaN") {
		t.Error("SVG prints NaN")
	}
}

func TestQuantileBreaks(t *testing.T) {
	tests := []struct {
		in   []float64
		want []float64
	}{
		{nil, nil},
		{[]float64{7}, []float64{7}},
		{[]float64{3, 3, 3}, []float64{3}},
		// R: round(quantile(1:10, c(.2,.4,.6,.8)), 2 sig) = 2.8 4.6 6.4 8.2; max 10.
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []float64{2.8, 4.6, 6.4, 8.2, 10}},
		// Type-7 quantiles 55.69, 100.83, 345.62, 790.06 rounded to two digits.
		{[]float64{10.55, 123.4, 1234.5}, []float64{56, 100, 350, 790, 1234.5}},
	}
	for _, tt := range tests {
		got := quantileBreaks(tt.in, 5)
		if len(got) != len(tt.want) {
			t.Errorf("%v: %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9 {
				t.Errorf("%v: %v, want %v", tt.in, got, tt.want)
				break
			}
		}
	}
}

// TestParticipationMapAtlanta draws the real Atlanta tracts with invented
// numbers, from the files committed under
// analysis/tracts/testdata/atl-msa-acs2015-tracts; set WIOA_PLOT_DIR to look
// at it.
func TestParticipationMapAtlanta(t *testing.T) {
	path := filepath.Join("..", "analysis", "tracts", "testdata", "atl-msa-acs2015-tracts")
	b, err := geo.ReadBoundaries(filepath.Join(path, "atl_tract.geojson"), geo.Options{})
	if err != nil {
		t.Fatalf("Atlanta boundaries: %v", err)
	}
	tab, err := tracts.Read(filepath.Join(path, "atl_tract_acs2015_properties.csv"), tracts.Options{})
	if err != nil {
		t.Fatalf("Atlanta tract table: %v", err)
	}
	var mt []MapTract
	for i, g := range tab.GEOID {
		r := tab.PovertyRate(i)
		// Invented participation: about 8 per 1,000 residents in poverty, fewer where poverty is high.
		n := math.Floor(tab.Below[i] * (0.012 - 0.015*math.Min(r, 0.6)))
		mt = append(mt, MapTract{GEOID: g, Participants: n, Below: tab.Below[i], HighPoverty: r >= 0.2, Suppressed: n < 10})
	}
	p, err := ParticipationMap("Atlanta MSA (invented participation)", b, mt, 10, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("WIOA_PLOT_DIR"); dir != "" {
		w, h := MapSize(b)
		if err := SavePlot(p, w, h, dir, "map_atlanta"); err != nil {
			t.Fatal(err)
		}
	}
}
