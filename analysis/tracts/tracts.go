// Package tracts reads the census-tract reference file (docs/METHODS.md §1.2): one row
// per tract keyed by its 11-digit GEOID, with the ACS poverty universe and
// count below poverty, and optionally total population, land area and the
// local board the tract belongs to (for report --by-board).
//
// The common ACS column names are recognised without configuration
// (B17001, B17021, S1701, tidycensus-style pop_pov/pop_pov_denom, …); any role
// can be pointed at another header with Options.Columns.
//
// The file is read with encoding/csv rather than a gota dataframe: the table is
// small either way, but csv.Reader.FieldPos gives the exact line of every
// value for error messages (gota only knows row indices, which drift from
// lines when a quoted field spans lines), and gota rewrites "NA"/"NaN" cells
// and needs its type detection turned off to keep GEOID leading zeros.
package tracts

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wioa-equity/wioa/analysis/internal/slurp"
	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// Roles a column can play; these are the keys of Options.Columns and Table.Used.
const (
	RoleGEOID      = "geoid"
	RoleUniverse   = "universe"   // population for whom poverty status is determined
	RoleBelow      = "below"      // income in the past 12 months below poverty level
	RolePopulation = "population" // total population
	RoleLand       = "land"       // land area in square miles
	RoleALand      = "aland"      // land area in square metres (Census ALAND); converted to square miles
	RoleBoard      = "board"      // the local workforce board (PIRL 108A code) the tract belongs to
)

// MaxBoardLen is the longest board code a tract file's board column may
// hold (a PIRL 108A code, as the configuration's boards: bounds it).
const MaxBoardLen = 32

// SqMetresPerSqMile converts Census ALAND (m²) to square miles.
const SqMetresPerSqMile = 2589988.110336

// Options configures Read.
type Options struct {
	// Columns maps a role (RoleGEOID, RoleUniverse, RoleBelow, RolePopulation,
	// RoleLand, RoleALand) to the header that holds it, overriding recognition.
	// Header matching is case-insensitive.
	Columns map[string]string
}

// Table is a tract reference file held as columns, one entry per tract in
// file order.
type Table struct {
	GEOID []uint64
	// Universe and Below are the poverty universe and the count below poverty.
	// Population and LandSqMi are NaN when the file has no such column (or the
	// cell is blank).
	Universe, Below, Population, LandSqMi []float64
	// Board is each tract's local board (a PIRL 108A code, "" for none),
	// nil when the file has no board column.
	Board []string

	Source string            // file name as given
	SHA256 string            // hex digest of the bytes read (compressed bytes for .gz)
	Used   map[string]string // role → header actually used
	// Warnings are notes that did not stop the read (blank counts, skipped
	// label rows of data.census.gov downloads).
	Warnings []string

	index map[uint64]int
}

// candidates lists, per role, the headers recognised without configuration,
// in order of preference. Poverty columns come in pairs so that universe and
// count are always taken from the same ACS table.
var (
	geoidNames = []string{"geoid", "geo_id", "tract_geoid", "geoid10", "geoid20", "fips", "tract_fips", "tract"}
	povPairs   = [][2]string{
		{"b17001_001e", "b17001_002e"},
		{"b17021_001e", "b17021_002e"},
		{"s1701_c01_001e", "s1701_c02_001e"},
		{"pop_pov_denom", "pop_pov"},
		{"poverty_universe", "poverty_below"},
		{"pov_universe", "pov_below"},
		{"poverty_denominator", "below_poverty"},
	}
	popNames   = []string{"b01003_001e", "b01001_001e", "pop_tot", "population", "total_population", "pop_total"}
	landNames  = []string{"aland_sqmi", "land_area_sqmi", "land_sqmi", "aland_sq_mi"}
	boardNames = []string{"board", "local_board", "lwdb"}
	alandNames = []string{"aland", "aland10", "aland20"}
)

// Read reads a tract reference file (CSV or TSV, optionally gzip-compressed),
// of at most sizelimit.Tracts (256 MB, as stored and decompressed).
func Read(path string, opts Options) (*Table, error) {
	f, err := sizelimit.Open(path, sizelimit.Tracts)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadFrom(f, path, opts)
}

// ReadFrom reads a tract reference file from r; name is used in messages and
// as Table.Source.
//
// Errors name the file and line: GEOIDs that are not 11 digits, duplicate
// GEOIDs, unparsable or negative counts, and a count below poverty larger
// than its universe. Blank counts are kept as NaN and counted in Warnings.
func ReadFrom(r io.Reader, name string, opts Options) (*Table, error) {
	data, sha, err := slurp.All(r, name, sizelimit.Tracts)
	if err != nil {
		return nil, err
	}
	t, err := parse(data, name, opts)
	if err != nil {
		return nil, err
	}
	t.SHA256 = sha
	return t, nil
}

func parse(data []byte, name string, opts Options) (*Table, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffDelimiter(data)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	header = append([]string(nil), header...)
	cols, composed, err := resolve(header, name, opts)
	if err != nil {
		return nil, err
	}
	t := &Table{Source: name, Used: map[string]string{}, index: map[uint64]int{}}
	for role, i := range cols {
		t.Used[role] = header[i]
	}
	if composed != nil {
		t.Used[RoleGEOID] = strings.Join([]string{header[composed[0]], header[composed[1]], header[composed[2]]}, "+")
	}
	firstLine := map[uint64]int{}
	blank := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %v", name, pe.StartLine, pe.Err)
			}
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		field := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		var g uint64
		if composed != nil {
			s := field(composed[0]) + pad(field(composed[1]), 3) + pad(field(composed[2]), 6)
			g, err = ParseGEOID(s)
		} else {
			raw := field(cols[RoleGEOID])
			// data.census.gov downloads carry a second header row of labels.
			if line == 2 && t.Rows() == 0 && isLabelRow(raw) {
				t.Warnings = append(t.Warnings, fmt.Sprintf("%s:%d: skipped a label row (%q)", name, line, raw))
				continue
			}
			g, err = ParseGEOID(raw)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: column %q: %v", name, line, t.Used[RoleGEOID], err)
		}
		if prev, dup := firstLine[g]; dup {
			return nil, fmt.Errorf("%s:%d: column %q: duplicate GEOID %s (first on line %d)", name, line, t.Used[RoleGEOID], FormatGEOID(g), prev)
		}
		firstLine[g] = line
		num := func(role string) (float64, error) {
			i, ok := cols[role]
			if !ok {
				return math.NaN(), nil
			}
			s := field(i)
			if isBlank(s) {
				blank[role]++
				return math.NaN(), nil
			}
			v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return 0, fmt.Errorf("%s:%d: column %q: value %q is not a number", name, line, header[i], s)
			}
			if v < 0 {
				return 0, fmt.Errorf("%s:%d: column %q: value %q is negative (ACS annotation codes such as -666666666 mean the estimate is not available; leave the cell blank instead)", name, line, header[i], s)
			}
			return v, nil
		}
		uni, err := num(RoleUniverse)
		if err != nil {
			return nil, err
		}
		below, err := num(RoleBelow)
		if err != nil {
			return nil, err
		}
		if below > uni {
			return nil, fmt.Errorf("%s:%d: tract %s: %s %q = %g is larger than %s %q = %g", name, line, FormatGEOID(g),
				RoleBelow, t.Used[RoleBelow], below, RoleUniverse, t.Used[RoleUniverse], uni)
		}
		pop, err := num(RolePopulation)
		if err != nil {
			return nil, err
		}
		land, err := num(RoleLand)
		if err != nil {
			return nil, err
		}
		if _, ok := cols[RoleALand]; ok {
			if land, err = num(RoleALand); err != nil {
				return nil, err
			}
			land /= SqMetresPerSqMile
		}
		if i, ok := cols[RoleBoard]; ok {
			b := field(i)
			if len(b) > MaxBoardLen || strings.IndexFunc(b, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }) >= 0 {
				return nil, fmt.Errorf("%s:%d: column %q: %q is not a local board code (PIRL 108A: at most %d characters, no control characters)", name, line, header[i], b, MaxBoardLen)
			}
			t.Board = append(t.Board, b)
		}
		t.index[g] = len(t.GEOID)
		t.GEOID = append(t.GEOID, g)
		t.Universe = append(t.Universe, uni)
		t.Below = append(t.Below, below)
		t.Population = append(t.Population, pop)
		t.LandSqMi = append(t.LandSqMi, land)
	}
	if t.Rows() == 0 {
		return nil, fmt.Errorf("%s: no tracts (header only)", name)
	}
	roles := make([]string, 0, len(blank))
	for role := range blank {
		roles = append(roles, role)
	}
	sort.Strings(roles)
	for _, role := range roles {
		t.Warnings = append(t.Warnings, fmt.Sprintf("%s: column %q: %d blank values kept as missing", name, t.Used[role], blank[role]))
	}
	return t, nil
}

// resolve maps roles to column indices. composed is non-nil when the GEOID is
// built from separate state, county and tract columns (Census API output).
func resolve(header []string, name string, opts Options) (cols map[string]int, composed []int, err error) {
	norm := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, seen := norm[k]; !seen {
			norm[k] = i
		}
	}
	cols = map[string]int{}
	for role, h := range opts.Columns {
		switch role {
		case RoleGEOID, RoleUniverse, RoleBelow, RolePopulation, RoleLand, RoleALand, RoleBoard:
		default:
			return nil, nil, fmt.Errorf("%s: unknown column role %q (want geoid, universe, below, population, land, aland or board)", name, role)
		}
		i, ok := norm[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			return nil, nil, fmt.Errorf("%s: column %q (for %s) is not in the header %q", name, h, role, header)
		}
		cols[role] = i
	}
	first := func(names []string) (int, bool) {
		for _, n := range names {
			if i, ok := norm[n]; ok {
				return i, true
			}
		}
		return 0, false
	}
	if _, ok := cols[RoleGEOID]; !ok {
		// Census API output has state, county and tract (6-digit) columns and no GEOID.
		st, okS := norm["state"]
		co, okC := norm["county"]
		tr, okT := norm["tract"]
		gi, okG := first(geoidNames[:len(geoidNames)-1])
		switch {
		case okG:
			cols[RoleGEOID] = gi
		case okS && okC && okT:
			composed = []int{st, co, tr}
		case okT:
			cols[RoleGEOID] = tr
		default:
			return nil, nil, fmt.Errorf("%s: no GEOID column (looked for %s); name it with the geoid column option", name, strings.Join(geoidNames, ", "))
		}
	}
	_, hasU := cols[RoleUniverse]
	_, hasB := cols[RoleBelow]
	if !hasU || !hasB {
		found := false
		for _, p := range povPairs {
			u, okU := norm[p[0]]
			b, okB := norm[p[1]]
			if !okU && !okB {
				continue
			}
			if !hasU && !okU || !hasB && !okB {
				present, missing := b, p[0]
				if okU {
					present, missing = u, p[1]
				}
				return nil, nil, fmt.Errorf("%s: poverty column %q has no partner %q in the header", name, header[present], missing)
			}
			if !hasU {
				cols[RoleUniverse] = u
			}
			if !hasB {
				cols[RoleBelow] = b
			}
			found = true
			break
		}
		if !found {
			return nil, nil, fmt.Errorf("%s: no poverty columns (looked for the pairs B17001_001E/B17001_002E, B17021_001E/B17021_002E, S1701_C01_001E/S1701_C02_001E, pop_pov_denom/pop_pov, poverty_universe/poverty_below); name them with the universe and below column options", name)
		}
	}
	if _, ok := cols[RolePopulation]; !ok {
		if i, ok := first(popNames); ok {
			cols[RolePopulation] = i
		}
	}
	if _, ok := cols[RoleBoard]; !ok {
		if i, ok := first(boardNames); ok {
			cols[RoleBoard] = i
		}
	}
	_, hasL := cols[RoleLand]
	_, hasA := cols[RoleALand]
	if hasL && hasA {
		return nil, nil, fmt.Errorf("%s: both land (square miles) and aland (square metres) columns were given; choose one", name)
	}
	if !hasL && !hasA {
		if i, ok := first(landNames); ok {
			cols[RoleLand] = i
		} else if i, ok := first(alandNames); ok {
			cols[RoleALand] = i
		}
	}
	return cols, composed, nil
}

// sniffDelimiter picks tab when the header line has tabs and no commas.
func sniffDelimiter(data []byte) rune {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	if bytes.IndexByte(line, '\t') >= 0 && bytes.IndexByte(line, ',') < 0 {
		return '\t'
	}
	return ','
}

func isBlank(s string) bool {
	switch strings.ToLower(s) {
	case "", "na", "n/a", "nan", "null", "-", "(x)", "**", "***", "*****":
		return true
	}
	return false
}

// isLabelRow recognises the descriptive second header row of data.census.gov
// CSV downloads ("Geography", "id").
func isLabelRow(s string) bool {
	switch strings.ToLower(s) {
	case "geography", "id", "geo_id", "geoid":
		return true
	}
	return false
}

func pad(s string, n int) string {
	if len(s) < n {
		return strings.Repeat("0", n-len(s)) + s
	}
	return s
}

// Rows is the number of tracts.
func (t *Table) Rows() int { return len(t.GEOID) }

// Lookup returns the row of a tract.
func (t *Table) Lookup(geoid uint64) (int, bool) {
	if t.index == nil {
		for i, g := range t.GEOID {
			if g == geoid {
				return i, true
			}
		}
		return -1, false
	}
	i, ok := t.index[geoid]
	if !ok {
		return -1, false
	}
	return i, true
}

// Has reports whether the table has the tract.
func (t *Table) Has(geoid uint64) bool {
	_, ok := t.Lookup(geoid)
	return ok
}

// PovertyRate returns Below/Universe of row i: the share of the poverty
// universe with income below the poverty level. It is NaN when the universe
// is zero or missing (unpopulated tracts, e.g. parks and airports).
func (t *Table) PovertyRate(i int) float64 {
	u, b := t.Universe[i], t.Below[i]
	if !(u > 0) || math.IsNaN(b) {
		return math.NaN()
	}
	return b / u
}

// ParseGEOID parses an 11-digit census tract GEOID (2-digit state, 3-digit
// county, 6-digit tract). Surrounding spaces and the "1400000US" (or
// "14000US") summary-level prefix of Census downloads are stripped. The
// numeric value is returned; FormatGEOID restores the leading zero.
func ParseGEOID(s string) (uint64, error) {
	v := strings.TrimSpace(s)
	for _, p := range []string{"1400000US", "14000US"} {
		if len(v) > len(p) && strings.EqualFold(v[:len(p)], p) {
			v = v[len(p):]
			break
		}
	}
	if v == "" {
		return 0, fmt.Errorf("blank GEOID")
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, fmt.Errorf("GEOID %q is not 11 digits (a character other than 0-9 at position %d)", s, i+1)
		}
	}
	switch {
	case len(v) == 10:
		return 0, fmt.Errorf("GEOID %q has 10 digits, not 11: the leading zero of the state code was probably lost when the column was read as a number (store GEOIDs as text)", s)
	case len(v) != 11:
		return 0, fmt.Errorf("GEOID %q has %d digits; a census tract GEOID has 11 (state 2, county 3, tract 6)", s, len(v))
	}
	g, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("GEOID %q: %v", s, err)
	}
	return g, nil
}

// FormatGEOID formats a GEOID as 11 digits with leading zeros.
func FormatGEOID(g uint64) string {
	b := strconv.AppendUint(make([]byte, 0, 11), g, 10)
	if len(b) >= 11 {
		return string(b)
	}
	return strings.Repeat("0", 11-len(b)) + string(b)
}
