package geo

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

	"github.com/wioa-equity/wioa/analysis/internal/slurp"
	"github.com/wioa-equity/wioa/internal/sizelimit"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/tracts"
)

// Share is the part of a ZIP code's residential addresses in one tract.
type Share struct {
	GEOID uint64
	Ratio float64 // normalised so that a ZIP's shares sum to 1
}

// Crosswalk is the HUD USPS ZIP–tract crosswalk: for each ZIP code, the
// tracts its residential addresses lie in, with the residential ratio
// (RES_RATIO) of each.
type Crosswalk struct {
	Source, SHA256 string
	// Warnings are notes that did not stop the read.
	Warnings []string
	zips     map[int32][]Share
}

// Header names recognised (case-insensitively) for the crosswalk's columns:
// HUD's own (ZIP, TRACT, RES_RATIO, in the quarterly files and the HUD API)
// and common renamings.
var (
	crosswalkZIP   = []string{"zip", "zip5", "zipcode", "zip_code", "usps_zip"}
	crosswalkTract = []string{"tract", "geoid", "tract_geoid", "geoid10", "geoid20"}
	crosswalkRatio = []string{"res_ratio", "residential_ratio", "res_ratio_"}
)

// ReadCrosswalk reads a HUD USPS ZIP–tract crosswalk saved as CSV or TSV
// (HUD publishes .xlsx; save it as CSV with the ZIP and TRACT columns as
// text), of at most sizelimit.Crosswalk (256 MB).
func ReadCrosswalk(path string) (*Crosswalk, error) {
	f, err := sizelimit.Open(path, sizelimit.Crosswalk)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCrosswalkFrom(f, path)
}

// ReadCrosswalkFrom reads a crosswalk from r; name is used in messages.
//
// Errors name the file, line and column: ZIPs that are not 1–5 digits
// (shorter ones lost leading zeros and are padded), malformed tract GEOIDs,
// ratios outside [0, 1], repeated ZIP–tract pairs. Within each ZIP the ratios
// are divided by their sum, so that every participant allocated counts as
// exactly one person; ZIPs whose ratios sum to more than 1% away from 1 are
// counted in Warnings.
func ReadCrosswalkFrom(r io.Reader, name string) (*Crosswalk, error) {
	data, sha, err := slurp.All(r, name, sizelimit.Crosswalk)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	if line, _, _ := bytes.Cut(data, []byte{'\n'}); bytes.IndexByte(line, '\t') >= 0 && bytes.IndexByte(line, ',') < 0 {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	header = append([]string(nil), header...)
	find := func(names []string) int {
		for _, n := range names {
			for i, h := range header {
				if strings.EqualFold(strings.TrimSpace(h), n) {
					return i
				}
			}
		}
		return -1
	}
	zc, tc, rc := find(crosswalkZIP), find(crosswalkTract), find(crosswalkRatio)
	if zc < 0 || tc < 0 || rc < 0 {
		return nil, fmt.Errorf("%s: not a HUD ZIP–tract crosswalk: want columns ZIP, TRACT and RES_RATIO, header is %q", name, header)
	}
	c := &Crosswalk{Source: name, zips: map[int32][]Share{}}
	seen := map[[2]uint64]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		field := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		zs := field(zc)
		zip, ok := parseZIP(zs)
		if !ok {
			return nil, fmt.Errorf("%s:%d: column %q: value %q is not a 5-digit ZIP code", name, line, header[zc], zs)
		}
		g, err := tracts.ParseGEOID(field(tc))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: column %q: %v", name, line, header[tc], err)
		}
		rs := field(rc)
		ratio, err := strconv.ParseFloat(rs, 64)
		if err != nil || !(ratio >= 0 && ratio <= 1+1e-6) {
			return nil, fmt.Errorf("%s:%d: column %q: value %q is not a ratio between 0 and 1", name, line, header[rc], rs)
		}
		key := [2]uint64{uint64(zip), g}
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s:%d: ZIP %05d and tract %s repeat line %d", name, line, zip, tracts.FormatGEOID(g), prev)
		}
		seen[key] = line
		c.zips[zip] = append(c.zips[zip], Share{GEOID: g, Ratio: ratio})
	}
	if len(c.zips) == 0 {
		return nil, fmt.Errorf("%s: no rows (header only)", name)
	}
	off := 0
	for z, sh := range c.zips {
		sum := 0.0
		for _, s := range sh {
			sum += s.Ratio
		}
		if sum > 0 {
			for i := range sh {
				sh[i].Ratio /= sum
			}
		}
		if sum > 0 && math.Abs(sum-1) > 0.01 {
			off++
		}
		sort.Slice(sh, func(i, j int) bool { return sh[i].GEOID < sh[j].GEOID })
		c.zips[z] = sh
	}
	if off > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("%s: %d ZIP codes have residential ratios summing more than 1%% away from 1; they were rescaled to 1", name, off))
	}
	c.SHA256 = sha
	return c, nil
}

// parseZIP accepts 1–5 digits (shorter values lost their leading zeros in a
// spreadsheet; ZIPs are fixed-width, so padding restores them) and ZIP+4.
func parseZIP(s string) (int32, bool) {
	if len(s) == 10 && s[5] == '-' {
		s = s[:5]
	}
	if s == "" || len(s) > 5 {
		return 0, false
	}
	v := int32(0)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int32(s[i]-'0')
	}
	return v, true
}

// Shares returns the tracts of a ZIP code with their normalised residential
// ratios, in GEOID order; nil when the crosswalk does not have the ZIP. The
// slice must not be modified.
func (c *Crosswalk) Shares(zip int32) []Share { return c.zips[zip] }

// ZIPs is the number of ZIP codes in the crosswalk.
func (c *Crosswalk) ZIPs() int { return len(c.zips) }

// Allocation is the expected number of participants per tract from their
// ZIP codes.
type Allocation struct {
	// GEOID and Expected are parallel, in GEOID order: the sum over
	// participants of their ZIP's residential ratio for the tract.
	GEOID    []uint64
	Expected []float64
	// Allocated is the number of participants allocated (the sum of Expected).
	Allocated int
	// Participants left out, by reason.
	NoZIP          int // ZIP blank
	NotInCrosswalk int // ZIP not in the crosswalk (PO-box-only or retired ZIPs, typos)
	NoResidential  int // ZIP in the crosswalk with no residential addresses (all RES_RATIO 0)
}

// Allocate spreads participants over tracts by the residential ratio of
// their ZIP code: a participant in a ZIP whose residential addresses are 70%
// in tract A and 30% in tract B adds 0.7 to A's expected count and 0.3 to
// B's. One ZIP per participant; pirl.MissingInt marks a blank ZIP (as
// pirl.Column.Int returns it).
//
// This is an approximation, not a count: it assumes participants are spread
// over a ZIP like its residential addresses. The expected counts add up to
// Allocated, up to rounding.
func (c *Crosswalk) Allocate(zips []int32) *Allocation {
	per := map[uint64]float64{}
	a := &Allocation{}
	for _, z := range zips {
		if z == pirl.MissingInt {
			a.NoZIP++
			continue
		}
		sh, ok := c.zips[z]
		if !ok {
			a.NotInCrosswalk++
			continue
		}
		any := false
		for _, s := range sh {
			if s.Ratio > 0 {
				per[s.GEOID] += s.Ratio
				any = true
			}
		}
		if !any {
			a.NoResidential++
			continue
		}
		a.Allocated++
	}
	a.GEOID = make([]uint64, 0, len(per))
	for g := range per {
		a.GEOID = append(a.GEOID, g)
	}
	sort.Slice(a.GEOID, func(i, j int) bool { return a.GEOID[i] < a.GEOID[j] })
	a.Expected = make([]float64, len(a.GEOID))
	for i, g := range a.GEOID {
		a.Expected[i] = per[g]
	}
	return a
}

// Lookup returns the expected participants of a tract (0 when none).
func (a *Allocation) Lookup(geoid uint64) float64 {
	i := sort.Search(len(a.GEOID), func(i int) bool { return a.GEOID[i] >= geoid })
	if i < len(a.GEOID) && a.GEOID[i] == geoid {
		return a.Expected[i]
	}
	return 0
}
