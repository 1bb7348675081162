package cmd

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Completion through cobra's hidden __complete command, as the shell
// scripts of "wioa completion" call it: the candidates, one a line, then
// ":<directive>".
func TestCompletion(t *testing.T) {
	noFile := ":" + itoa(int(cobra.ShellCompDirectiveNoFileComp))
	list := ":" + itoa(int(cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveNoSpace))
	ext := ":" + itoa(int(cobra.ShellCompDirectiveFilterFileExt))
	dirs := ":" + itoa(int(cobra.ShellCompDirectiveFilterDirs))
	for _, tc := range []struct {
		args      []string
		want      []string // lines of the output, the directive last
		wantNot   []string
		directive string
	}{
		{[]string{"report", "--only", ""}, []string{"poverty-participation\t", "hd-clusters\t"}, nil, list},
		{[]string{"report", "--only", "gender-wages,ed"}, []string{"gender-wages,education-level\tOutcomes without a high-school diploma"}, []string{"gender-wages,gender-wages"}, list},
		{[]string{"check", "--only", "gender-wages,"}, []string{"gender-wages,education-level\t"}, []string{"gender-wages,gender-wages\t"}, list},
		{[]string{"check", "--format", ""}, []string{"text\t", "json\t", "junit\t"}, nil, noFile},
		{[]string{"compare", "--format", ""}, []string{"text\t", "json\t"}, []string{"junit"}, noFile},
		{[]string{"report", "--p-adjust", ""}, []string{"holm\t", "bh\t"}, nil, noFile},
		{[]string{"indicators", "--p-adjust", ""}, []string{"holm\t", "bh\t"}, nil, noFile},
		{[]string{"generate", "--style", ""}, []string{"pirl\tPIRL201", "names\tSex (WIOA)"}, nil, noFile},
		{[]string{"indicators", "--by", "sex,r"}, []string{"sex,race"}, nil, list},
		{[]string{"indicators", "--program", "adult,"}, []string{"adult,dw", "adult,youth", "adult,wp"}, []string{"adult,adult"}, list},
		{[]string{"generate", "--gap", ""}, []string{"gender-wage=\t"}, nil, list},
		{[]string{"report", "--tracts", ""}, []string{"csv"}, nil, ext},
		{[]string{"report", "--config", ""}, []string{"yaml", "yml"}, nil, ext},
		{[]string{"report", "--boundaries", ""}, []string{"geojson", "json"}, nil, ext},
		{[]string{"check", "--baseline", ""}, []string{"yaml", "yml"}, nil, ext},
		{[]string{"check", "--results", ""}, []string{"json"}, nil, ext},
		{[]string{"report", "--out", ""}, nil, nil, dirs},
		{[]string{"validate", "--out", ""}, []string{"md"}, nil, ext},
		{[]string{"tracts", "fetch", "--out", ""}, []string{"csv"}, nil, ext},
		{[]string{"generate", "--tracts", ""}, nil, []string{"csv"}, noFile},
		{[]string{"report", "--quarter", ""}, nil, nil, noFile},
		{[]string{"report", ""}, []string{"csv", "tsv", "gz"}, nil, ext},
		{[]string{"report", "pirl.csv", ""}, nil, []string{"csv"}, noFile},
		{[]string{"indicators", ""}, []string{"csv", "gz"}, nil, ext},
		{[]string{"compare", "a.json", ""}, []string{"json"}, nil, ext},
		{[]string{"compare", "a.json", "b.json", ""}, nil, []string{"json"}, noFile},
		{[]string{"trend", "a.json", "b.json", ""}, []string{"json"}, nil, ext},
	} {
		out, errs, code := run(t, append([]string{"__complete"}, tc.args...)...)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != ExitOK || len(lines) == 0 || lines[len(lines)-1] != tc.directive {
			t.Errorf("%q: exit %d, directive %q, want %q\n%s%s", tc.args, code, lines[len(lines)-1], tc.directive, out, errs)
			continue
		}
		for _, w := range tc.want {
			if !hasLinePrefix(lines, w) {
				t.Errorf("%q: no candidate %q in\n%s", tc.args, w, out)
			}
		}
		for _, w := range tc.wantNot {
			if hasLinePrefix(lines, w) {
				t.Errorf("%q: unwanted candidate %q in\n%s", tc.args, w, out)
			}
		}
	}
}

func hasLinePrefix(lines []string, p string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// Every value flag and every command's arguments complete to something
// (files, folders, words, or explicitly nothing): a new flag the tables
// forgot fails here.
func TestEveryFlagCompletes(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c != c.Root() && c.ValidArgsFunction == nil {
			t.Errorf("%s: its arguments have no completion (argCompletions)", c.CommandPath())
		}
		c.Flags().VisitAll(func(fl *pflag.Flag) {
			if fl.Hidden || fl.Value.Type() == "bool" {
				return
			}
			if _, ok := c.GetFlagCompletionFunc(fl.Name); !ok {
				t.Errorf("%s --%s: no completion (flagCompletions)", c.CommandPath(), fl.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRoot(IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}))
}
