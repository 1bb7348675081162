// Command phases times the stages of a full report on one file — read,
// derive, the eight disparities (one at a time and all together) and the
// outputs — so that a regression can be traced to its stage. It runs the
// pipeline's own stages (Load, Derive, Analyse) with the default
// configuration, and each disparity once more alone. Not part of the tool.
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
	"runtime/pprof"
	"time"

	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/pipeline"
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
	o := &pipeline.Options{File: os.Args[1], Tracts: os.Args[2], Config: disparities.DefaultConfig(), Window: pipeline.AllExits, Version: "phases"}
	stop := profile("read")
	in, err := pipeline.Load(o)
	if err != nil {
		fail(err)
	}
	stop()
	lap("read")
	stop = profile("derive")
	der := in.Derive(o)
	stop()
	lap("derive")
	one := &disparities.Input{Data: in.Data, D: der, Tracts: in.Tracts, Cfg: &o.Config}
	for _, d := range disparities.All {
		d.RunOn(one)
		lap("  " + d.ID)
	}
	one = nil
	stop = profile("disparities")
	run, err := pipeline.Analyse(o, in, der)
	if err != nil {
		fail(err)
	}
	stop()
	lap("all eight (concurrently)")
	in, der = nil, nil
	runtime.GC()
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
