package pipeline

import (
	"os"
	"runtime"
	"runtime/debug"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// bigInput is the number of rows from which the collector's target is
// lowered: about 100 MB of columns.
const bigInput = 500_000

// gcScope is the run's garbage-collector setting, tuned once a large file
// has been read and relaxed once its columns are garbage; the pipeline is
// the one place that does either.
//
// The columns of a large file are most of the heap but hold no pointers, so
// a collection costs little however big they are; with the default target
// (GOGC=100) the heap would grow to twice them before the first collection
// after reading, and peak memory with it (834 MB instead of about 560 MB on
// 2 million rows). Reusing freed memory instead of touching new pages is
// also faster. Small inputs keep the default, where frequent collections
// would cost more than they save; GOGC in the environment wins.
type gcScope struct{ tuned bool }

// tune lowers the target for a large input.
func (g *gcScope) tune(d *pirl.Data) {
	if d == nil || d.Rows < bigInput || os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(10)
	g.tuned = true
}

// relax undoes tune once the columns are garbage (the outputs are written
// from the small results): it collects them and restores the default
// target, under which a heap of a few megabytes is not collected every few
// hundred kilobytes. The plots then reuse the columns' pages rather than
// fault in new ones.
func (g *gcScope) relax() {
	if !g.tuned {
		return
	}
	g.tuned = false
	runtime.GC()
	debug.SetGCPercent(100)
}
