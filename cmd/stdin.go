package cmd

import (
	"strings"

	"github.com/wioa-equity/wioa/internal/sizelimit"
	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/compare"
)

// stdinName names standard input ("-") in messages and provenance.
const stdinName = "<stdin>"

// oneStdin refuses a run that would read standard input twice: names and
// values alternate ("FILE", o.file, "--baseline", o.baseline, …).
func oneStdin(namesAndValues ...string) error {
	var from []string
	for i := 0; i+1 < len(namesAndValues); i += 2 {
		if namesAndValues[i+1] == "-" {
			from = append(from, namesAndValues[i])
		}
	}
	if len(from) > 1 {
		return usagef("%s: only one input can be read from standard input (-)", strings.Join(from, ", "))
	}
	return nil
}

// readResults reads a results.json, a report folder, or with "-" a
// results.json on standard input (with the same size limit).
func readResults(s IO, path string) (*reports.Results, error) {
	if path != "-" {
		return reports.ReadResults(path)
	}
	b, err := sizelimit.ReadAll(s.In, stdinName, sizelimit.Results)
	if err != nil {
		return nil, err
	}
	return reports.DecodeResults(b, stdinName)
}

// readBaseline reads a baseline file, or with "-" one on standard input.
func readBaseline(s IO, path string) (*compare.Baseline, error) {
	if path != "-" {
		return compare.ReadBaseline(path)
	}
	b, err := sizelimit.ReadAll(s.In, stdinName, sizelimit.Baseline)
	if err != nil {
		return nil, err
	}
	return compare.ParseBaseline(b, stdinName)
}
