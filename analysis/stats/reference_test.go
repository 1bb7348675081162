package stats

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// refCase is one case of a stored reference file: field name → values.
type refCase map[string][]float64

// loadRef reads testdata/<name> ("case<TAB>field<TAB>v1,v2,…", written by
// testdata/reference.R or reference.py) into case name → fields.
func loadRef(t *testing.T, name string) map[string]refCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]refCase{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		parts := strings.Split(text, "\t")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", name, line, len(parts))
		}
		var vals []float64
		for col, s := range strings.Split(parts[2], ",") {
			if s == "NA" || s == "nan" {
				vals = append(vals, math.NaN())
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s:%d: value %d: %v", name, line, col+1, err)
			}
			vals = append(vals, v)
		}
		if out[parts[0]] == nil {
			out[parts[0]] = refCase{}
		}
		out[parts[0]][parts[1]] = vals
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// casesWithPrefix returns the case names starting with prefix, sorted.
func casesWithPrefix(ref map[string]refCase, prefix string) []string {
	var names []string
	for k := range ref {
		if strings.HasPrefix(k, prefix) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		panic("no reference cases " + prefix)
	}
	return names
}

// close reports whether got agrees with want to relative tolerance tol (an
// absolute 1e-12 when want is 0; NaN matches NaN; infinities match exactly).
func close(got, want, tol float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	case want == 0:
		return math.Abs(got) <= 1e-12
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

func check(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !close(got, want, tol) {
		rel := math.Abs(got-want) / math.Abs(want)
		t.Errorf("%s = %.12g, want %.12g (rel. diff %.2g > %g)", what, got, want, rel, tol)
	}
}

func ints(v []float64) []int {
	out := make([]int, len(v))
	for i, f := range v {
		out[i] = int(f)
	}
	return out
}

// dense builds an r×c matrix from row-major values.
func dense(dim, vals []float64) *mat.Dense {
	return mat.NewDense(int(dim[0]), int(dim[1]), append([]float64(nil), vals...))
}

// refTol is the agreement required with an external system.
const refTol = 1e-6
