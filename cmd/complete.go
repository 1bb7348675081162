package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
)

// Shell completion of flag values and arguments ("wioa completion bash"):
// one table for the whole tree, so a flag means the same everywhere and a
// test can check that no flag or argument was forgotten.

type completer = func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// files completes file names with these extensions (and folders).
func files(ext ...string) completer {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return ext, cobra.ShellCompDirectiveFilterFileExt
	}
}

// dirs completes folder names.
func dirs(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// free is a value to type (a number, a date): nothing to complete, and no
// file names.
var free = cobra.NoFileCompletions

// words completes one of a fixed set ("value\tdescription").
func words(w ...string) completer {
	return cobra.FixedCompletions(w, cobra.ShellCompDirectiveNoFileComp)
}

// list completes the last item of a comma-separated list, leaving out the
// items already given, without a space after it so another ",item" can follow.
func list(items ...string) completer {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		i := strings.LastIndex(toComplete, ",")
		done, last := toComplete[:i+1], toComplete[i+1:]
		given := map[string]bool{}
		for _, g := range strings.Split(done, ",") {
			given[strings.TrimSpace(g)] = true
		}
		var out []string
		for _, it := range items {
			name, _, _ := strings.Cut(it, "\t")
			if !given[name] && strings.HasPrefix(name, last) {
				out = append(out, done+it)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// first completes the first n arguments with c, then nothing.
func first(n int, c completer) completer {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return c(cmd, args, toComplete)
	}
}

var (
	pirlFiles    = files("csv", "tsv", "txt", "gz", "zip")
	resultsFiles = files("json")
	yamlFiles    = files("yaml", "yml")
)

// flagCompletions is how each flag's value completes, by flag name;
// commandFlagCompletions overrides it for one command ("wioa check --format").
var flagCompletions = map[string]completer{
	"tracts": files("csv"), "zip-crosswalk": files("csv"), "boundaries": files("geojson", "json"),
	"config": yamlFiles, "columns": files("csv", "txt"),
	"baseline": yamlFiles, "write-baseline": yamlFiles, "results": resultsFiles,
	"out": dirs,
	"only": func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var ids []string
		for _, d := range disparities.All {
			ids = append(ids, d.ID+"\t"+d.Title)
		}
		return list(ids...)(c, args, toComplete)
	},
	"p-adjust": words("holm\tHolm step-down (family-wise error rate)", "bh\tBenjamini–Hochberg (false discovery rate)"),
	"program":  list(indicators.ProgramIDs[:]...),
	"by":       list(indicators.DimensionIDs...),
	"style": func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var w []string
		for _, st := range synth.Styles() {
			w = append(w, fmt.Sprintf("%s\t%s", st, st.Header(pirl.FieldSex)))
		}
		return words(w...)(c, args, toComplete)
	},
	"gap": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var w []string
		for _, k := range synth.Knobs() {
			w = append(w, fmt.Sprintf("%s=\t%s (default %g)", k.Name, k.Doc, k.Default))
		}
		return w, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	},
	// --layout: a built-in layout's name, or a file (one header per line).
	"layout": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{pirl.LayoutPUFPY2022Q4 + "\tthe PY2022 Q4 public-use file's columns, in the official layout's order"}, cobra.ShellCompDirectiveDefault
	},
	"member":    free, // a name inside the .zip
	"exit-from": free, "exit-to": free, "program-year": free, "quarter": free,
	"poverty-threshold": free, "alpha": free, "min-cell": free,
	"rows": free, "seed": free, "state": free, "county": free, "year": free, "key": free, "retries": free,
	// wioa pilot and the generator's pilot effect.
	"boards": free, "start": free, "pilot-boards": free, "pilot-start": free,
	"disparity": func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var ids []string
		for _, m := range disparities.PilotMeasures() {
			if m.Headline {
				ids = append(ids, m.Disparity+"\t"+m.Describe())
			}
		}
		return words(ids...)(c, args, toComplete)
	},
	"measure": func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		id, _ := c.Flags().GetString("disparity")
		var w []string
		for _, m := range disparities.PilotMeasures() {
			if id == "" || m.Disparity == id {
				for _, n := range m.Names() {
					w = append(w, n+"\t"+m.Disparity)
				}
			}
		}
		return words(w...)(c, args, toComplete)
	},
	"pilot-gap": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var w []string
		for _, k := range synth.Knobs() {
			if k.Name != "poverty-participation" && k.Name != "gender-wage-explained" {
				w = append(w, fmt.Sprintf("%s=\t%s", k.Name, k.Doc))
			}
		}
		return w, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	},
}

var commandFlagCompletions = map[string]completer{
	"wioa check --format":     words("text\ta table (default)", "json\tone JSON object", "junit\tJUnit XML for CI test reports"),
	"wioa compare --format":   words("text\tmarkdown (default)", "json\tone JSON object"),
	"wioa validate --out":     files("md"),
	"wioa tracts fetch --out": files("csv"),
	"wioa generate --tracts":  free,
	"wioa generate --layout": words("default\tthe tool's synthetic PIRL file (default)",
		string(synth.LayoutPUF)+"\tthe DOL public-use file's columns (PIRL100 … CALC4041, REPORT_QUARTER)"),
}

// argCompletions is how each command's arguments complete.
var argCompletions = map[string]completer{
	"wioa report":       first(1, pirlFiles),
	"wioa check":        first(1, pirlFiles),
	"wioa validate":     first(1, pirlFiles),
	"wioa indicators":   first(1, pirlFiles),
	"wioa pilot":        first(1, pirlFiles),
	"wioa compare":      first(2, resultsFiles),
	"wioa trend":        resultsFiles,
	"wioa generate":     free,
	"wioa tracts":       free,
	"wioa tracts fetch": free,
}

// addCompletions registers the completions of c and its subcommands.
func addCompletions(c *cobra.Command) {
	if f, ok := argCompletions[c.CommandPath()]; ok && c.ValidArgsFunction == nil {
		c.ValidArgsFunction = f
	}
	// The flags defined on c itself: NewRoot runs before cobra merges the
	// persistent ones in (--quiet, the hidden profiling flags).
	c.Flags().VisitAll(func(fl *pflag.Flag) {
		if f := completionOf(c, fl); f != nil {
			if err := c.RegisterFlagCompletionFunc(fl.Name, f); err != nil {
				panic(err) // a flag registered twice: a programming mistake
			}
		}
	})
	for _, sub := range c.Commands() {
		addCompletions(sub)
	}
}

// completionOf is fl's completion in c, or nil (booleans, hidden flags, or
// a flag the tables forgot, which TestEveryFlagCompletes catches).
func completionOf(c *cobra.Command, fl *pflag.Flag) completer {
	if fl.Hidden || fl.Value.Type() == "bool" {
		return nil
	}
	if f, ok := commandFlagCompletions[c.CommandPath()+" --"+fl.Name]; ok {
		return f
	}
	return flagCompletions[fl.Name]
}
