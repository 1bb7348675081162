// Package pirltest builds pirl.Data by hand for tests, without the reader:
// each value is parsed as the reader would for its field's Kind, and a value
// that is not valid for its field fails the test (the fixture, not the code
// under test, would be wrong).
package pirltest

import (
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Row is one record as it would appear in a PIRL file, keyed by field;
// fields a row does not name are blank. Building Data by hand keeps these
// tests independent of the reader.
type Row map[pirl.Field]string

// With returns a copy of r with the fields of o set (o's values win).
func (r Row) With(o Row) Row {
	c := make(Row, len(r)+len(o))
	for f, v := range r {
		c[f] = v
	}
	for f, v := range o {
		c[f] = v
	}
	return c
}

// Build makes a pirl.Data from rows, parsing each value as the reader does for
// the field's Kind: blank is missing, 999999.99 money is NaN, dates are
// YYYYMMDD or YYYY-MM-DD, tract GEOIDs may carry a 1400000US prefix, training
// codes keep their digits only; amounts must be within [0, Element.MaxAmount]. A field
// named in any row is Present. A value that is not valid for its field fails
// the test: the fixtures, not Derive, would be wrong.
func Build(t testing.TB, rows ...Row) *pirl.Data {
	t.Helper()
	d := &pirl.Data{Rows: len(rows)}
	n := len(rows)
	var fields []pirl.Field
	seen := map[pirl.Field]bool{}
	for _, r := range rows {
		for f := range r {
			if !seen[f] {
				seen[f] = true
				fields = append(fields, f)
			}
		}
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i] < fields[j] })
	for _, f := range fields {
		e := &pirl.Elements[f]
		c := pirl.MakeColumn(e.Kind, n, f.String(), int(f))
		dict := map[string]int32{}
		for i, r := range rows {
			s := strings.TrimSpace(r[f])
			bad := func() { t.Fatalf("row %d: %s: value %q is not valid", i, f, s) }
			switch e.Kind {
			case pirl.KindCode:
				if s != "" {
					v, err := strconv.Atoi(s)
					if err != nil || !e.ValidCode(v) {
						bad()
					}
					c.SetCode(i, int8(v))
				}
			case pirl.KindDate:
				c.SetDate(i, Date(t, s))
			case pirl.KindInt:
				if s != "" {
					v, err := strconv.Atoi(s)
					if err != nil {
						bad()
					}
					c.SetInt(i, int32(v))
				}
			case pirl.KindDict:
				if f == pirl.FieldTrainCode1 || f == pirl.FieldTrainCode2 || f == pirl.FieldTrainCode3 {
					// The reader keeps only the digits of training codes
					// ("43-5071.00" → "43507100"), and Derive relies on it.
					s = socDigits(s)
				}
				if s != "" {
					k, ok := dict[s]
					if !ok {
						k = int32(len(c.Dict))
						dict[s] = k
						c.Dict = append(c.Dict, s)
					}
					c.SetDictIndex(i, k)
				}
			case pirl.KindMoney, pirl.KindFloat:
				if s != "" {
					v, err := strconv.ParseFloat(s, 64)
					if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
						bad()
					}
					if e.Kind == pirl.KindMoney && v == 999999.99 {
						d.Quality.Sentinels[f]++
						v = math.NaN()
					} else if e.Kind == pirl.KindMoney && !(v >= 0 && v <= e.MaxAmount) {
						// The reader counts it invalid (negative or
						// above the field's plausible maximum).
						bad()
					}
					c.SetNum(i, v)
				}
			case pirl.KindID:
				if s != "" {
					h := fnv.New64a()
					h.Write([]byte(s))
					c.Hash[i] = h.Sum64()
				}
			case pirl.KindGEOID:
				s = strings.TrimPrefix(s, "1400000US")
				if s != "" {
					v, err := strconv.ParseUint(s, 10, 64)
					if err != nil || len(s) != 11 {
						bad()
					}
					c.Hash[i] = v
				}
			}
			if s == "" {
				d.Quality.Missing[f]++
			}
		}
		d.Cols[f] = c
	}
	return d
}

// Date parses YYYYMMDD or YYYY-MM-DD ("" is MissingDate) and fails the test on
// anything else, including impossible days such as 2023-02-29.
func Date(t testing.TB, s string) int32 {
	t.Helper()
	if s == "" {
		return pirl.MissingDate
	}
	c := strings.ReplaceAll(s, "-", "")
	if len(c) != 8 {
		t.Fatalf("date %q: want YYYYMMDD", s)
	}
	y, e1 := strconv.Atoi(c[:4])
	m, e2 := strconv.Atoi(c[4:6])
	dd, e3 := strconv.Atoi(c[6:])
	if e1 != nil || e2 != nil || e3 != nil {
		t.Fatalf("date %q: want YYYYMMDD", s)
	}
	z := pirl.DayNumber(y, m, dd)
	if yy, mm, ddd := pirl.Civil(z); yy != y || mm != m || ddd != dd {
		t.Fatalf("date %q is not a calendar day", s)
	}
	return z
}

// socDigits keeps the digits of a training code, as the reader does.
func socDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
