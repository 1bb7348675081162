package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ChiSquareResult is the outcome of Pearson's chi-square test of
// independence.
type ChiSquareResult struct {
	// Stat is Pearson's X² and P its upper-tail χ² probability with DF
	// degrees of freedom.
	Stat, P float64
	DF      int
	// Warnings notes small expected counts and dropped empty rows/columns.
	Warnings []error
}

// ErrSmallExpected is reported (wrapped) when an expected count is below 5,
// where the χ² approximation may be poor.
var ErrSmallExpected = errors.New("chi-square approximation may be incorrect: expected count below 5")

// ChiSquare performs Pearson's chi-square test of independence on an r×c
// table of counts, without continuity correction:
//
//	X² = Σᵢⱼ (Oᵢⱼ - Eᵢⱼ)²/Eᵢⱼ,  Eᵢⱼ = rowᵢ·colⱼ/N,  df = (r-1)(c-1),
//
// with P = P(χ²_df ≥ X²). For a 2×2 table this is the square of TwoPropZ.
// It equals R's chisq.test(table, correct = FALSE) when no row or column is
// empty.
//
// Rows or columns whose total is zero carry no information; R returns NaN
// for them, ChiSquare drops them with a warning and reduces df. When fewer
// than two rows or columns remain, or the table is ragged, or a cell is
// negative, NaN or infinite, Stat and P are NaN and a warning says why.
// An expected count below 5 adds a warning wrapping ErrSmallExpected.
//
// Reference: Pearson, K. (1900). On the criterion that a given system of
// deviations ... Philosophical Magazine 50, 157–175. Agresti, A. (2013).
// Categorical Data Analysis, 3rd ed., §3.2.
func ChiSquare(table [][]float64) ChiSquareResult {
	nan := ChiSquareResult{Stat: math.NaN(), P: math.NaN()}
	if len(table) == 0 || len(table[0]) == 0 {
		nan.Warnings = append(nan.Warnings, errors.New("chi-square: empty table"))
		return nan
	}
	nc := len(table[0])
	rows := make([]float64, len(table))
	cols := make([]float64, nc)
	total := 0.0
	for i, r := range table {
		if len(r) != nc {
			nan.Warnings = append(nan.Warnings, fmt.Errorf("chi-square: row %d has %d columns, want %d", i, len(r), nc))
			return nan
		}
		for j, v := range r {
			if !(v >= 0) || math.IsInf(v, 1) {
				nan.Warnings = append(nan.Warnings, fmt.Errorf("chi-square: cell [%d][%d] = %v is not a count", i, j, v))
				return nan
			}
			rows[i] += v
			cols[j] += v
			total += v
		}
	}
	var res ChiSquareResult
	keepR, keepC := nonzero(rows), nonzero(cols)
	if d := len(rows) - len(keepR); d > 0 {
		res.Warnings = append(res.Warnings, fmt.Errorf("chi-square: %d empty row(s) dropped", d))
	}
	if d := nc - len(keepC); d > 0 {
		res.Warnings = append(res.Warnings, fmt.Errorf("chi-square: %d empty column(s) dropped", d))
	}
	if len(keepR) < 2 || len(keepC) < 2 {
		res.Stat, res.P = math.NaN(), math.NaN()
		res.Warnings = append(res.Warnings, errors.New("chi-square: fewer than two non-empty rows or columns"))
		return res
	}
	small := false
	for _, i := range keepR {
		for _, j := range keepC {
			e := rows[i] * cols[j] / total
			if e < 5 {
				small = true
			}
			dv := table[i][j] - e
			res.Stat += dv * dv / e
		}
	}
	if small {
		res.Warnings = append(res.Warnings, ErrSmallExpected)
	}
	res.DF = (len(keepR) - 1) * (len(keepC) - 1)
	res.P = distuv.ChiSquared{K: float64(res.DF)}.Survival(res.Stat)
	return res
}

func nonzero(s []float64) []int {
	var idx []int
	for i, v := range s {
		if v > 0 {
			idx = append(idx, i)
		}
	}
	return idx
}
