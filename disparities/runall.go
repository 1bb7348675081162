package disparities

import (
	"runtime"
	"sync"

	"github.com/wioa-equity/wioa/analysis/results"
)

// RunAll runs ds on in, at most workers at a time (≤ 0: GOMAXPROCS), and
// returns their sections in the order of ds. The disparities are
// independent — each reads the shared inputs and writes only its own
// Section, with its own seeds — so the sections are the same whatever the
// number of workers or the order in which they finish.
func RunAll(ds []*Disparity, in *Input, workers int) []*results.Section {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]*results.Section, len(ds))
	if workers == 1 || len(ds) < 2 {
		for i, d := range ds {
			out[i] = d.RunOn(in)
		}
		return out
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(ds)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = ds[i].RunOn(in)
			}
		}()
	}
	// Costliest first would balance better; registry order keeps it simple.
	for i := range ds {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
