package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// benchData returns n rows of an intercept plus k-1 regressors (half
// normal, half binary), a linear outcome and a logistic outcome.
func benchData(n, k int) (X *mat.Dense, yLin, yBin []float64) {
	rng := NewRand(2024)
	X = mat.NewDense(n, k, nil)
	raw := X.RawMatrix()
	yLin = make([]float64, n)
	yBin = make([]float64, n)
	beta := make([]float64, k)
	for j := range beta {
		beta[j] = 0.3 * rng.NormFloat64()
	}
	for i := range n {
		row := raw.Data[i*raw.Stride : i*raw.Stride+k]
		row[0] = 1
		eta := beta[0]
		for j := 1; j < k; j++ {
			if j%2 == 0 {
				row[j] = float64(rng.IntN(2))
			} else {
				row[j] = rng.NormFloat64()
			}
			eta += beta[j] * row[j]
		}
		yLin[i] = eta + rng.NormFloat64()
		if rng.Float64() < 1/(1+math.Exp(-eta)) {
			yBin[i] = 1
		}
	}
	return X, yLin, yBin
}

func BenchmarkOLS1M(b *testing.B) {
	X, y, _ := benchData(1_000_000, 11)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := OLS(X, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogit1M(b *testing.B) {
	X, _, y := benchData(1_000_000, 11)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Logit(X, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOaxaca100kBootstrap100(b *testing.B) {
	XA, yA, _ := benchData(100_000, 8)
	XB, yB, _ := benchData(120_000, 8)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Oaxaca(XA, yA, XB, yB, 100, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBootstrapMedianDiff100k(b *testing.B) {
	_, x, _ := benchData(100_000, 2)
	_, y, _ := benchData(80_000, 2)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		BootstrapMedianDiff(x, y, 2000, 1, 0.95)
	}
}

func BenchmarkFisher2x2Large(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fisher2x2(5570, 12780, 11980, 14930)
	}
}
