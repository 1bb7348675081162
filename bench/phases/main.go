// Command phases times the stages of a full report on one file — read,
// derive, the eight disparities (one at a time and all together) and the
// outputs — so that a regression can be traced to its stage. It mirrors
// cmd's analyse with the default configuration. Not part of the tool.
//
//	go run ./bench/phases FILE TRACTS
//
// PHASES_PROFILE=read (derive, disparities, outputs) writes a CPU profile of
// that stage to read.pprof.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/tracts"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: phases FILE TRACTS")
		os.Exit(2)
	}
	t0 := time.Now()
	lap := func(what string) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("%-28s %6.3f s  heap %4d MB  sys %4d MB\n", what, time.Since(t0).Seconds(), ms.HeapAlloc>>20, ms.Sys>>20)
		t0 = time.Now()
	}
	stop := profile("read")
	data, err := pirl.Read(os.Args[1], pirl.Options{})
	if err != nil {
		fail(err)
	}
	stop()
	lap("read")
	// As cmd's tuneGC and relaxGC: a low GC target while the columns are
	// live, the default once they are garbage.
	if data.Rows >= 500_000 && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(10)
	}
	tab, err := tracts.Read(os.Args[2], tracts.Options{})
	if err != nil {
		fail(err)
	}
	cfg := disparities.DefaultConfig()
	stop = profile("derive")
	der := measures.Derive(data, tab, cfg.Measures)
	stop()
	lap("derive")
	in := &disparities.Input{Data: data, D: der, Tracts: tab, Cfg: &cfg}
	for _, d := range disparities.All {
		d.RunOn(in)
		lap("  " + d.ID)
	}
	stop = profile("disparities")
	q := data.Quality
	run := &reports.Run{Quality: &q, Counts: der.Counts, Config: &cfg}
	run.Sections = disparities.RunAll(disparities.All, in, 0)
	stop()
	lap("all eight (concurrently)")
	data, der, in = nil, nil, nil
	runtime.GC()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	dir, err := os.MkdirTemp("", "phases-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	stop = profile("outputs")
	if err := reports.WriteAll(dir, run, true); err != nil {
		fail(err)
	}
	stop()
	lap("outputs")
}

// profile starts a CPU profile of the stage named by $PHASES_PROFILE into
// $PHASES_PROFILE.pprof; the returned function stops it.
func profile(stage string) func() {
	if os.Getenv("PHASES_PROFILE") != stage {
		return func() {}
	}
	f, err := os.Create(stage + ".pprof")
	if err != nil {
		fail(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fail(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "phases:", err)
	os.Exit(1)
}
