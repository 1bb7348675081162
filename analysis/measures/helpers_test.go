package measures

import (
	"math"
	"strconv"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/pirl/pirltest"
)

// row, build and date are the shared hand-built-Data helpers of pirltest.
type row = pirltest.Row

func build(t testing.TB, rows ...row) *pirl.Data { t.Helper(); return pirltest.Build(t, rows...) }

func date(t testing.TB, s string) int32 { t.Helper(); return pirltest.Date(t, s) }

// fakeTracts is a TractLookup over a fixed list of tracts, each with its
// poverty universe and count below poverty (the rate is computed as the
// tracts package does, below/universe, so "exactly 20 %" is 200/1000).
type fakeTracts struct {
	geoid        []uint64
	below, univ  []float64
	lookups      int
	unknownCalls int
}

func (f *fakeTracts) add(geoid uint64, below, universe float64) *fakeTracts {
	f.geoid = append(f.geoid, geoid)
	f.below = append(f.below, below)
	f.univ = append(f.univ, universe)
	return f
}

func (f *fakeTracts) Lookup(g uint64) (int, bool) {
	f.lookups++
	for i, x := range f.geoid {
		if x == g {
			return i, true
		}
	}
	f.unknownCalls++
	return -1, false
}

func (f *fakeTracts) PovertyRate(i int) float64 {
	if f.univ[i] <= 0 {
		return math.NaN()
	}
	return f.below[i] / f.univ[i]
}

var _ TractLookup = (*fakeTracts)(nil)

// cohortRow is an Adult participant who exited on 2024-01-15 with no 923
// exclusion: in the cohort under the open default window.
var cohortRow = row{
	pirl.FieldEntry:     "2023-03-01",
	pirl.FieldExit:      "2024-01-15",
	pirl.FieldAdult:     "1",
	pirl.FieldDW:        "0",
	pirl.FieldYouth:     "0",
	pirl.FieldOtherExit: "00",
	pirl.FieldSex:       "2",
}

// derive1 derives the measures of one record with opts.
func derive1(t testing.TB, r row, o Options) *Derived {
	t.Helper()
	d := build(t, r)
	return Derive(d, nil, o)
}

func triName(v int8) string {
	switch v {
	case Yes:
		return "Yes"
	case No:
		return "No"
	case NA:
		return "NA"
	}
	return strconv.Itoa(int(v))
}
