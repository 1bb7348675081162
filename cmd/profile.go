package cmd

import (
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/internal/safeout"
)

// addProfiling adds hidden --cpuprofile and --memprofile flags to every
// command, for the benchmarks in bench/ and for users reporting slowness.
func addProfiling(root *cobra.Command) {
	var cpu, mem string
	pf := root.PersistentFlags()
	pf.StringVar(&cpu, "cpuprofile", "", "write a CPU profile to `FILE`")
	pf.StringVar(&mem, "memprofile", "", "write a heap profile to `FILE` at exit")
	_ = pf.MarkHidden("cpuprofile")
	_ = pf.MarkHidden("memprofile")
	// Profiles are output files like any other: never onto a file wioa did
	// not write.
	g := safeout.NewGuard(false)
	var cpuFile *safeout.File
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if mem != "" {
			if err := g.CheckFile(mem); err != nil {
				return err
			}
		}
		if cpu == "" {
			return nil
		}
		f, err := g.Create(cpu)
		if err != nil {
			return err
		}
		cpuFile = f
		return pprof.StartCPUProfile(f)
	}
	root.PersistentPostRunE = func(*cobra.Command, []string) error {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Commit(); err != nil {
				return fmt.Errorf("cpuprofile: %w", err)
			}
		}
		if mem == "" {
			return nil
		}
		runtime.GC()
		return g.WriteFileFunc(mem, func(w io.Writer) error {
			if err := pprof.WriteHeapProfile(w); err != nil {
				return fmt.Errorf("memprofile: %w", err)
			}
			return nil
		})
	}
}
