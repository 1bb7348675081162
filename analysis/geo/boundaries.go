package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wioa-equity/wioa/analysis/internal/slurp"
	"github.com/wioa-equity/wioa/internal/sizelimit"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/wioa-equity/wioa/analysis/tracts"
)

// Options configures ReadBoundaries.
type Options struct {
	// GEOIDProperty names the feature property that holds the 11-digit tract
	// GEOID. When empty the first of GEOIDProperties present is used
	// (case-insensitively), or else STATEFP+COUNTYFP+TRACTCE (also with the
	// 10 or 20 suffix of TIGER files).
	GEOIDProperty string
}

// GEOIDProperties are the property names recognised as the tract GEOID, in
// order of preference: tidycensus and TIGER/Line names, and the
// "1400000US…" AFFGEOID / GEO_ID of cartographic boundary files.
var GEOIDProperties = []string{"geoid", "geoid20", "geoid10", "tract_geoid", "affgeoid", "affgeoid20", "affgeoid10", "geo_id"}

// Tract is one tract's boundary.
type Tract struct {
	GEOID    uint64
	Geometry orb.MultiPolygon // longitude, latitude (GeoJSON order)
	Bound    orb.Bound
}

// Boundaries is a set of tract boundaries with a spatial index.
type Boundaries struct {
	Tracts []Tract // in file order (features of a repeated GEOID merged into the first)
	Source string  // file name as given
	SHA256 string  // hex digest of the bytes read
	// Property is the feature property the GEOIDs came from.
	Property string
	// Bound is the box around every tract.
	Bound orb.Bound
	// Warnings are notes that did not stop the read (features without a
	// geometry, repeated GEOIDs merged, degenerate rings dropped).
	Warnings []string

	shapes []shape
	grid   *grid
	byID   map[uint64]int
}

// ReadBoundaries reads a GeoJSON FeatureCollection of tract polygons
// (optionally gzip-compressed), of at most sizelimit.Boundaries (1 GB).
func ReadBoundaries(path string, opts Options) (*Boundaries, error) {
	f, err := sizelimit.Open(path, sizelimit.Boundaries)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadBoundariesFrom(f, path, opts)
}

// ReadBoundariesFrom reads a GeoJSON FeatureCollection of tract polygons from
// r; name is used in messages and as Source.
//
// Errors name the file, line and column: malformed JSON, a document that is
// not a FeatureCollection, a feature whose geometry is not a Polygon or
// MultiPolygon, a missing or malformed GEOID. Coordinates outside the
// longitude/latitude ranges stop the read with the likely cause: a projected
// coordinate system (State Plane feet, Web Mercator metres), or latitude
// written before longitude.
func ReadBoundariesFrom(r io.Reader, name string, opts Options) (*Boundaries, error) {
	data, sha, err := slurp.All(r, name, sizelimit.Boundaries)
	if err != nil {
		return nil, err
	}
	b, err := parseBoundaries(data, name, opts)
	if err != nil {
		return nil, err
	}
	b.SHA256 = sha
	return b, nil
}

// rawFeature is one feature's JSON and where it starts in the file.
type rawFeature struct {
	raw json.RawMessage
	off int64
}

func parseBoundaries(data []byte, name string, opts Options) (*Boundaries, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty file (want a GeoJSON FeatureCollection)", name)
	}
	// A first pass finds syntax errors with their position; orb's nested
	// decoding would report offsets relative to a fragment.
	var probe json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			l, c := lineCol(data, se.Offset)
			return nil, fmt.Errorf("%s:%d:%d: malformed GeoJSON: %v", name, l, c, se)
		}
		return nil, fmt.Errorf("%s: malformed GeoJSON: %v", name, err)
	}
	typ, crs, feats, err := splitCollection(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if typ != "FeatureCollection" {
		if typ == "" {
			return nil, fmt.Errorf("%s: not a GeoJSON FeatureCollection (no \"type\" member)", name)
		}
		return nil, fmt.Errorf("%s: GeoJSON type %q; want a FeatureCollection of tract polygons", name, typ)
	}
	crsName := crsOf(crs)
	b := &Boundaries{Source: name, byID: map[uint64]int{}}
	dropped, noGeom := 0, 0
	var firstLine = map[uint64]int{}
	for i, rf := range feats {
		line, col := lineCol(data, rf.off)
		where := fmt.Sprintf("%s:%d:%d: feature %d", name, line, col, i+1)
		f, err := geojson.UnmarshalFeature(rf.raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		if f.Geometry == nil {
			noGeom++
			continue
		}
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			return nil, fmt.Errorf("%s: geometry type %s; tract boundaries must be Polygon or MultiPolygon", where, f.Geometry.GeoJSONType())
		}
		if err := checkCoords(mp, crsName); err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		key, geoid, err := featureGEOID(f.Properties, opts.GEOIDProperty)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		if b.Property == "" {
			b.Property = key
		}
		if k, dup := b.byID[geoid]; dup {
			// Some files split a tract into several features (islands).
			b.Tracts[k].Geometry = append(b.Tracts[k].Geometry, mp...)
			b.Tracts[k].Bound = b.Tracts[k].Bound.Union(mp.Bound())
			b.Warnings = append(b.Warnings, fmt.Sprintf("%s: tract %s also on line %d; its polygons were merged", where, tracts.FormatGEOID(geoid), firstLine[geoid]))
			continue
		}
		firstLine[geoid] = line
		b.byID[geoid] = len(b.Tracts)
		b.Tracts = append(b.Tracts, Tract{GEOID: geoid, Geometry: mp, Bound: mp.Bound()})
	}
	if len(b.Tracts) == 0 {
		return nil, fmt.Errorf("%s: no tract polygons (%d features)", name, len(feats))
	}
	if noGeom > 0 {
		b.Warnings = append(b.Warnings, fmt.Sprintf("%s: %d features without a geometry were skipped", name, noGeom))
	}
	b.shapes = make([]shape, len(b.Tracts))
	for i := range b.Tracts {
		var d int
		b.shapes[i], d = newShape(b.Tracts[i].Geometry)
		dropped += d
	}
	if dropped > 0 {
		b.Warnings = append(b.Warnings, fmt.Sprintf("%s: %d degenerate rings (fewer than 3 vertices) ignored", name, dropped))
	}
	b.grid = newGrid(b.shapes)
	b.Bound = b.grid.bound
	return b, nil
}

// NewBoundaries indexes tracts built in code (tests, synthetic maps). GEOIDs
// must be distinct and coordinates longitude/latitude.
func NewBoundaries(ts []Tract) (*Boundaries, error) {
	b := &Boundaries{Source: "(in memory)", byID: map[uint64]int{}}
	for i, t := range ts {
		if _, dup := b.byID[t.GEOID]; dup {
			return nil, fmt.Errorf("geo: tract %d: repeated GEOID %s", i+1, tracts.FormatGEOID(t.GEOID))
		}
		if err := checkCoords(t.Geometry, ""); err != nil {
			return nil, fmt.Errorf("geo: tract %s: %v", tracts.FormatGEOID(t.GEOID), err)
		}
		t.Bound = t.Geometry.Bound()
		b.byID[t.GEOID] = i
		b.Tracts = append(b.Tracts, t)
	}
	if len(b.Tracts) == 0 {
		return nil, errors.New("geo: no tracts")
	}
	b.shapes = make([]shape, len(b.Tracts))
	for i := range b.Tracts {
		b.shapes[i], _ = newShape(b.Tracts[i].Geometry)
	}
	b.grid = newGrid(b.shapes)
	b.Bound = b.grid.bound
	return b, nil
}

// Locate returns the index in Tracts of the tract containing the point
// (lon, lat), or -1 when it lies in none.
//
// Inside means inside by the even-odd rule over all rings, so holes are
// outside. A point exactly on a boundary belongs to the tract on its east
// side (north side on an east–west edge): on an edge shared by two tracts it
// is in exactly one, and on the outer edge of the whole set it is in the
// tract only if that tract lies east (north) of it. Where polygons overlap
// (they should not), the first in file order wins.
func (b *Boundaries) Locate(lon, lat float64) int {
	if b == nil || b.grid == nil {
		return -1
	}
	return b.grid.locate(lon, lat)
}

// Index returns the position of a tract in Tracts.
func (b *Boundaries) Index(geoid uint64) (int, bool) {
	i, ok := b.byID[geoid]
	return i, ok
}

// splitCollection walks the top-level object and returns its type, its crs
// member and its features with their offsets, without decoding geometry.
func splitCollection(data []byte) (typ string, crs json.RawMessage, feats []rawFeature, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return "", nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return "", nil, nil, errors.New("not a GeoJSON object (the document does not start with '{')")
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return "", nil, nil, err
		}
		key, _ := kt.(string)
		switch key {
		case "type":
			var s any
			if err := dec.Decode(&s); err != nil {
				return "", nil, nil, err
			}
			str, ok := s.(string)
			if !ok {
				return "", nil, nil, fmt.Errorf("\"type\" is %v, not a string", s)
			}
			typ = str
		case "crs":
			if err := dec.Decode(&crs); err != nil {
				return "", nil, nil, err
			}
		case "features":
			t, err := dec.Token()
			if err != nil {
				return "", nil, nil, err
			}
			if t == nil {
				continue
			}
			if d, ok := t.(json.Delim); !ok || d != '[' {
				return "", nil, nil, errors.New("\"features\" is not an array")
			}
			for dec.More() {
				off := dec.InputOffset()
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return "", nil, nil, err
				}
				// Step over the separator and blanks to the feature's first byte.
				for off < int64(len(data)) && (data[off] == ',' || data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t') {
					off++
				}
				feats = append(feats, rawFeature{raw: raw, off: off})
			}
			if _, err := dec.Token(); err != nil {
				return "", nil, nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return "", nil, nil, err
			}
		}
	}
	return typ, crs, feats, nil
}

// crsOf returns the name in a (pre-RFC 7946) crs member, or "".
func crsOf(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if json.Unmarshal(raw, &c) != nil {
		return ""
	}
	return c.Properties.Name
}

// The latitudes of US census tracts, American Samoa (about -14.6) to the
// north of Alaska (about 71.4), with a margin: a latitude outside them in a
// tract file is almost always a longitude in the wrong place.
const (
	minTractLat = -20.0
	maxTractLat = 75.0
)

// checkCoords rejects non-finite coordinates and coordinates outside the
// longitude/latitude ranges, naming the likely cause.
func checkCoords(mp orb.MultiPolygon, crs string) error {
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				x, y := p[0], p[1]
				if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
					return fmt.Errorf("coordinate (%g, %g) is not a number", x, y)
				}
				if math.Abs(x) <= 180 && y >= minTractLat && y <= maxTractLat {
					continue
				}
				if math.Abs(x) <= 180 && math.Abs(y) <= 90 {
					if math.Abs(x) <= 90 {
						return fmt.Errorf("coordinate (%g, %g) has a latitude where no US census tract lies (%g to %g): the file probably lists latitude before longitude; GeoJSON (RFC 7946) is longitude, latitude", x, y, minTractLat, maxTractLat)
					}
					return fmt.Errorf("coordinate (%g, %g) has a latitude where no US census tract lies (%g to %g)", x, y, minTractLat, maxTractLat)
				}
				crsNote := ""
				if crs != "" {
					crsNote = fmt.Sprintf(" (the file declares crs %q)", crs)
				}
				if math.Abs(x) <= 90 && math.Abs(y) <= 180 {
					return fmt.Errorf("coordinate (%g, %g) has a latitude outside ±90 but would be valid with the two swapped: the file probably lists latitude before longitude; GeoJSON (RFC 7946) is longitude, latitude", x, y)
				}
				return fmt.Errorf("coordinate (%g, %g) is outside longitude ±180 / latitude ±90: the file is probably in a projected coordinate system%s such as State Plane (feet) or Web Mercator (metres); reproject it to longitude/latitude, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson", x, y, crsNote)
			}
		}
	}
	return nil
}

// featureGEOID finds and parses a feature's tract GEOID.
func featureGEOID(props geojson.Properties, want string) (key string, geoid uint64, err error) {
	lower := make(map[string]string, len(props))
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic when two keys differ only by case
	for _, k := range keys {
		lk := strings.ToLower(strings.TrimSpace(k))
		if _, seen := lower[lk]; !seen {
			lower[lk] = k
		}
	}
	text := func(k string) (string, error) {
		switch v := props[k].(type) {
		case string:
			return v, nil
		case float64:
			if v != math.Trunc(v) || v < 0 || v > 1e15 {
				return "", fmt.Errorf("property %q: %v is not a GEOID", k, v)
			}
			return strconv.FormatFloat(v, 'f', 0, 64), nil
		case nil:
			return "", fmt.Errorf("property %q is null", k)
		default:
			return "", fmt.Errorf("property %q: %v is not a GEOID", k, v)
		}
	}
	parse := func(k string) (string, uint64, error) {
		s, err := text(k)
		if err != nil {
			return k, 0, err
		}
		g, err := tracts.ParseGEOID(s)
		if err != nil {
			return k, 0, fmt.Errorf("property %q: %v", k, err)
		}
		return k, g, nil
	}
	if want != "" {
		k, ok := lower[strings.ToLower(strings.TrimSpace(want))]
		if !ok {
			return want, 0, fmt.Errorf("no property %q (properties: %s)", want, strings.Join(keys, ", "))
		}
		return parse(k)
	}
	for _, n := range GEOIDProperties {
		if k, ok := lower[n]; ok {
			return parse(k)
		}
	}
	for _, sfx := range []string{"", "20", "10"} {
		st, okS := lower["statefp"+sfx]
		co, okC := lower["countyfp"+sfx]
		tr, okT := lower["tractce"+sfx]
		if !okS || !okC || !okT {
			continue
		}
		var parts [3]string
		for i, k := range []string{st, co, tr} {
			if parts[i], err = text(k); err != nil {
				return k, 0, err
			}
		}
		g, err := tracts.ParseGEOID(parts[0] + parts[1] + parts[2])
		if err != nil {
			return st + "+" + co + "+" + tr, 0, err
		}
		return st + "+" + co + "+" + tr, g, nil
	}
	return "", 0, fmt.Errorf("no tract GEOID property (looked for %s, and STATEFP+COUNTYFP+TRACTCE; properties: %s); name it with the GEOID property option", strings.Join(GEOIDProperties, ", "), strings.Join(keys, ", "))
}

// lineCol converts a byte offset to a 1-based line and column.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
