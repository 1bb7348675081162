package cmd

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
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
	var cpuFile *os.File
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if cpu == "" {
			return nil
		}
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		cpuFile = f
		return pprof.StartCPUProfile(f)
	}
	root.PersistentPostRunE = func(*cobra.Command, []string) error {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem == "" {
			return nil
		}
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			return fmt.Errorf("memprofile: %w", err)
		}
		return nil
	}
}
