package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// donut is a 10×10 square with a 2×2 hole at (4,4)–(6,6), offset into
// valid longitude/latitude by (-84, 33).
func donut() orb.MultiPolygon {
	return orb.MultiPolygon{{square(-84, 33, -74, 43), square(-80, 37, -78, 39)}}
}

func TestContainsBoundaryAndHoles(t *testing.T) {
	s, _ := newShape(donut())
	// The rule under test: a point on an edge belongs to the polygon on its
	// east side (north on a horizontal edge).
	tests := []struct {
		name string
		x, y float64
		want bool
	}{
		{"interior", -83, 34, true},
		{"in the hole", -79, 38, false},
		{"outside west", -85, 38, false},
		{"outside east", -73, 38, false},
		{"west edge (polygon to the east)", -84, 38, true},
		{"east edge (polygon to the west)", -74, 38, false},
		{"south edge (polygon to the north)", -80, 33, true},
		{"north edge (polygon to the south)", -80, 43, false},
		{"south-west corner", -84, 33, true},
		{"south-east corner", -74, 33, false},
		{"north-west corner", -84, 43, false},
		{"hole west edge (hole to the east)", -80, 38, false},
		{"hole east edge (ring to the east)", -78, 38, true},
		{"hole south edge (hole to the north)", -79, 37, false},
		{"hole north edge (ring to the north)", -79, 39, true},
		{"hole south-west corner", -80, 37, false},
		{"hole north-east corner", -78, 39, true},
	}
	for _, tt := range tests {
		if got := s.contains(tt.x, tt.y); got != tt.want {
			t.Errorf("%s: contains(%g, %g) = %v, want %v", tt.name, tt.x, tt.y, got, tt.want)
		}
	}
	// Ring orientation must not matter (GeoJSON files wind either way).
	rev := donut()
	for _, r := range rev[0] {
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
	}
	sr, _ := newShape(rev)
	for _, tt := range tests {
		if got := sr.contains(tt.x, tt.y); got != tt.want {
			t.Errorf("reversed rings, %s: contains(%g, %g) = %v, want %v", tt.name, tt.x, tt.y, got, tt.want)
		}
	}
}

// tiling returns n×n unit-ish squares tiling [-84,-84+n·w]×[33,33+n·w],
// with odd tiles wound clockwise and an irregular shared vertex layout, so
// neighbours traverse their shared edges in opposite directions.
func tiling(n int, w float64) []Tract {
	var ts []Tract
	// Shared edges share their vertices bit for bit, as in real files.
	gx := func(i int) float64 { return -84 + float64(i)*w }
	gy := func(j int) float64 { return 33 + float64(j)*w }
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			r := square(gx(i), gy(j), gx(i+1), gy(j+1))
			if (i+j)%2 == 1 {
				for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
					r[a], r[b] = r[b], r[a]
				}
			}
			ts = append(ts, Tract{GEOID: uint64(13121000000 + j*n + i + 1), Geometry: orb.MultiPolygon{{r}}})
		}
	}
	return ts
}

// TestSharedBoundaryExactlyOnce: every point on a shared edge or vertex of a
// tiling is in exactly one tile, so boundary points are neither lost nor
// counted twice.
func TestSharedBoundaryExactlyOnce(t *testing.T) {
	const n = 4
	w := 0.1 // not exactly representable: crossings must still agree bit for bit
	b, err := NewBoundaries(tiling(n, w))
	if err != nil {
		t.Fatal(err)
	}
	for j := 1; j < n; j++ {
		for i := 1; i < n; i++ {
			gx, gy := -84+float64(i)*w, 33+float64(j)*w
			pts := [][2]float64{
				{gx, gy},       // shared vertex of four tiles
				{gx, gy - w/3}, // on a vertical shared edge
				{gx - w/3, gy}, // on a horizontal shared edge
			}
			for _, p := range pts {
				in := 0
				for k := range b.shapes {
					if b.shapes[k].contains(p[0], p[1]) {
						in++
					}
				}
				if in != 1 {
					t.Errorf("point (%v, %v) is in %d tiles, want exactly 1", p[0], p[1], in)
				}
				if b.Locate(p[0], p[1]) < 0 {
					t.Errorf("Locate(%v, %v) found no tile", p[0], p[1])
				}
			}
		}
	}
	// A sloped shared edge between two triangles, traversed in opposite directions.
	tri := []Tract{
		{GEOID: 13121000101, Geometry: orb.MultiPolygon{{{{-84, 33}, {-83.3, 33.7}, {-84, 33.7}, {-84, 33}}}}},
		{GEOID: 13121000102, Geometry: orb.MultiPolygon{{{{-84, 33}, {-83.3, 33}, {-83.3, 33.7}, {-84, 33}}}}},
	}
	bt, err := NewBoundaries(tri)
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; k < 100; k++ {
		f := float64(k) / 100
		x, y := -84+0.7*f, 33+0.7*f
		in := 0
		for s := range bt.shapes {
			if bt.shapes[s].contains(x, y) {
				in++
			}
		}
		if in != 1 {
			t.Errorf("point %d on the diagonal (%v, %v) is in %d triangles", k, x, y, in)
		}
	}
}

// TestIndexMatchesBruteForce compares the grid with a scan of every tract,
// and the even-odd test with orb/planar's (an independent implementation) on
// points off the boundaries.
func TestIndexMatchesBruteForce(t *testing.T) {
	ts := tiling(7, 0.05)
	// Punch a hole in one tile and put a separate island tract inside it.
	hole := square(-83.84, 33.12, -83.81, 33.14)
	ts[17].Geometry[0] = append(ts[17].Geometry[0], hole)
	ts = append(ts, Tract{GEOID: 13121099999, Geometry: orb.MultiPolygon{{square(-83.835, 33.125, -83.815, 33.135)}}})
	b, err := NewBoundaries(ts)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 20000; k++ {
		x := -84.02 + rng.Float64()*0.4
		y := 32.98 + rng.Float64()*0.4
		got := b.Locate(x, y)
		want := -1
		for i := range b.shapes {
			if b.shapes[i].contains(x, y) {
				want = i
				break
			}
		}
		if got != want {
			t.Fatalf("Locate(%v, %v) = %d, brute force %d", x, y, got, want)
		}
		orbWant := -1
		for i, tr := range b.Tracts {
			if planar.MultiPolygonContains(tr.Geometry, orb.Point{x, y}) {
				orbWant = i
				break
			}
		}
		if got != orbWant {
			t.Fatalf("Locate(%v, %v) = %d, orb/planar %d", x, y, got, orbWant)
		}
	}
	// The hole's own points go to the island, not the holed tile.
	if k := b.Locate(-83.825, 33.13); k < 0 || b.Tracts[k].GEOID != 13121099999 {
		t.Errorf("point in the hole: tract %d, want the island", k)
	}
	if k := b.Locate(-83.838, 33.122); k != -1 {
		t.Errorf("point in the hole outside the island: tract %d, want none", k)
	}
}

func TestLocateOutsideAndOdd(t *testing.T) {
	b, err := NewBoundaries([]Tract{{GEOID: 13121000100, Geometry: donut()}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]float64{{math.NaN(), 34}, {-83, math.NaN()}, {math.Inf(1), 34}, {-200, 95}, {0, 0}} {
		if k := b.Locate(p[0], p[1]); k != -1 {
			t.Errorf("Locate(%v, %v) = %d, want -1", p[0], p[1], k)
		}
	}
	var nb *Boundaries
	if nb.Locate(0, 0) != -1 {
		t.Error("nil Boundaries located a point")
	}
}
