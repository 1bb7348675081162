package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// shape is a multipolygon flattened for the point-in-polygon loop: the
// vertices of every ring (outer rings and holes alike) concatenated, each
// ring closed, with ring r spanning xs[start[r]:start[r+1]].
type shape struct {
	xs, ys []float64
	start  []int32
	bound  orb.Bound
}

// newShape flattens mp. Rings with fewer than three distinct vertices are
// dropped (they enclose nothing); the count of dropped rings is returned.
func newShape(mp orb.MultiPolygon) (shape, int) {
	var s shape
	dropped := 0
	s.bound = orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, poly := range mp {
		for _, ring := range poly {
			if len(ring) < 3 || (len(ring) == 3 && ring[0] == ring[2]) {
				dropped++
				continue
			}
			s.start = append(s.start, int32(len(s.xs)))
			for _, p := range ring {
				s.xs = append(s.xs, p[0])
				s.ys = append(s.ys, p[1])
				s.bound = s.bound.Extend(p)
			}
			if ring[0] != ring[len(ring)-1] {
				s.xs = append(s.xs, ring[0][0])
				s.ys = append(s.ys, ring[0][1])
			}
		}
	}
	s.start = append(s.start, int32(len(s.xs)))
	return s, dropped
}

func (s *shape) empty() bool { return len(s.xs) == 0 }

// contains reports whether (px, py) is inside s by the even-odd rule over all
// rings, so holes (and islands in holes) need no special case.
//
// Boundary rule (half-open): an edge counts when it straddles the horizontal
// line through the point with its lower end on or below the line and its
// upper end strictly above, and its crossing lies strictly east of the point.
// A point on an edge therefore behaves like a point an infinitesimal step
// north-east of it: it belongs to the polygon on its east side (north side
// for a horizontal edge, north-east for a vertex). Each edge's crossing is
// computed from its lower endpoint, so two tracts sharing an edge compute
// the bit-identical crossing whichever way they wind, and a point on a shared
// boundary falls in exactly one of them.
func (s *shape) contains(px, py float64) bool {
	in := false
	xs, ys := s.xs, s.ys
	for r := 0; r+1 < len(s.start); r++ {
		a, b := int(s.start[r]), int(s.start[r+1])
		for k := a; k+1 < b; k++ {
			x0, y0, x1, y1 := xs[k], ys[k], xs[k+1], ys[k+1]
			if (y0 > py) == (y1 > py) {
				continue
			}
			if y0 > y1 {
				x0, y0, x1, y1 = x1, y1, x0, y0
			}
			if px < x0+(py-y0)*(x1-x0)/(y1-y0) {
				in = !in
			}
		}
	}
	return in
}

// grid is a uniform spatial index of shapes' bounding boxes: cell c lists
// the shapes whose box meets it, in ids[start[c]:start[c+1]].
type grid struct {
	minX, minY float64
	invW, invH float64
	nx, ny     int
	start      []int32
	ids        []int32
	bound      orb.Bound
	shapes     []shape
}

// newGrid indexes shapes with about eight cells per shape, cells roughly
// square in degrees: enough that a cell of a dense downtown holds a handful
// of candidate tracts, few enough to build in milliseconds.
func newGrid(shapes []shape) *grid {
	g := &grid{shapes: shapes}
	first := true
	for i := range shapes {
		if shapes[i].empty() {
			continue
		}
		if first {
			g.bound = shapes[i].bound
			first = false
		} else {
			g.bound = g.bound.Union(shapes[i].bound)
		}
	}
	if first {
		return g
	}
	w, h := g.bound.Max[0]-g.bound.Min[0], g.bound.Max[1]-g.bound.Min[1]
	if w <= 0 {
		w = 1e-9
	}
	if h <= 0 {
		h = 1e-9
	}
	cells := math.Min(math.Max(8*float64(len(shapes)), 16), 1<<20)
	side := math.Sqrt(w * h / cells)
	g.nx = int(math.Min(math.Max(math.Ceil(w/side), 1), 4096))
	g.ny = int(math.Min(math.Max(math.Ceil(h/side), 1), 4096))
	g.minX, g.minY = g.bound.Min[0], g.bound.Min[1]
	g.invW, g.invH = float64(g.nx)/w, float64(g.ny)/h
	count := make([]int32, g.nx*g.ny+1)
	span := func(s *shape) (x0, x1, y0, y1 int) {
		x0, y0 = g.cell(s.bound.Min[0], s.bound.Min[1])
		x1, y1 = g.cell(s.bound.Max[0], s.bound.Max[1])
		return
	}
	for i := range shapes {
		if shapes[i].empty() {
			continue
		}
		x0, x1, y0, y1 := span(&shapes[i])
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				count[y*g.nx+x+1]++
			}
		}
	}
	for c := 1; c < len(count); c++ {
		count[c] += count[c-1]
	}
	g.start = count
	g.ids = make([]int32, count[len(count)-1])
	fill := append([]int32(nil), count[:len(count)-1]...)
	for i := range shapes {
		if shapes[i].empty() {
			continue
		}
		x0, x1, y0, y1 := span(&shapes[i])
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*g.nx + x
				g.ids[fill[c]] = int32(i)
				fill[c]++
			}
		}
	}
	return g
}

// cell returns the grid cell of a point, clamped to the grid.
func (g *grid) cell(x, y float64) (int, int) {
	cx := int((x - g.minX) * g.invW)
	cy := int((y - g.minY) * g.invH)
	return min(max(cx, 0), g.nx-1), min(max(cy, 0), g.ny-1)
}

// locate returns the index of the first shape (in index order) containing
// (x, y), or -1.
func (g *grid) locate(x, y float64) int {
	if g.nx == 0 || !(x >= g.bound.Min[0] && x <= g.bound.Max[0] && y >= g.bound.Min[1] && y <= g.bound.Max[1]) {
		return -1
	}
	cx, cy := g.cell(x, y)
	c := cy*g.nx + cx
	for _, id := range g.ids[g.start[c]:g.start[c+1]] {
		s := &g.shapes[id]
		if x < s.bound.Min[0] || x > s.bound.Max[0] || y < s.bound.Min[1] || y > s.bound.Max[1] {
			continue
		}
		if s.contains(x, y) {
			return int(id)
		}
	}
	return -1
}
