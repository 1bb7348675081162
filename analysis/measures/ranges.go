package measures

import (
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
)

// rangeRows is the number of records per range of forRanges: large enough
// that scheduling costs nothing, small enough to balance two to eight cores.
const rangeRows = 1 << 16

// forRanges calls f on the consecutive ranges [lo, hi) of rangeRows records
// covering [0, n), on GOMAXPROCS goroutines, and returns each range's counts
// in range order. The ranges do not depend on the number of workers.
func forRanges(n int, f func(lo, hi int, c *Counts)) []Counts {
	parts := make([]Counts, (n+rangeRows-1)/rangeRows)
	workers := min(runtime.GOMAXPROCS(0), len(parts))
	if workers <= 1 {
		for p := range parts {
			f(p*rangeRows, min(n, (p+1)*rangeRows), &parts[p])
		}
		return parts
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := int(next.Add(1) - 1); p < len(parts); p = int(next.Add(1) - 1) {
				f(p*rangeRows, min(n, (p+1)*rangeRows), &parts[p])
			}
		}()
	}
	wg.Wait()
	return parts
}

// add adds o's counts to c. Every int field is a count, so fields added
// later are summed without being listed here.
func (c *Counts) add(o Counts) {
	cv, ov := reflect.ValueOf(c).Elem(), reflect.ValueOf(o)
	for i := range cv.NumField() {
		if f := cv.Field(i); f.Kind() == reflect.Int {
			f.SetInt(f.Int() + ov.Field(i).Int())
		}
	}
}
