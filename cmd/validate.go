package cmd

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/tracts"
	"github.com/wioa-equity/wioa/reports"
)

type validateOptions struct {
	file, tracts, columns, out string
	force                      bool
	reader                     readerFlags
}

func init() { register(newValidateCmd) }

func newValidateCmd(s IO) *cobra.Command {
	o := &validateOptions{}
	c := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a PIRL participant file and write a data-quality report",
		Long: `validate reads a PIRL participant file ("-" for standard input; gzip is detected)
and writes a markdown data-quality report: file fingerprint, columns found and absent,
blank and invalid values with example lines, code distributions of the key fields,
date logic, wage sentinels, duplicate periods, ragged rows and, with --tracts, tract
GEOIDs that are not in the tract file. Only counts and the offending invalid values
are printed, never identifiers.

Exit status: 0 when the file is readable, 1 when it is not or a required column is
missing (the report is still written), 2 on a usage error.`,
		Example: `  wioa validate pirl.csv.gz
  wioa validate pirl.csv --tracts tracts.csv --columns columns.csv --out quality.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			return runValidate(s, o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.tracts, "tracts", "", "tract reference `FILE`; report GEOIDs not found in it")
	f.StringVar(&o.columns, "columns", "", "header mapping `FILE` (lines \"201,My Sex Column\" or \"201: My Sex Column\")")
	f.StringVarP(&o.out, "out", "o", "", "write the report to `FILE` instead of standard output")
	f.BoolVar(&o.force, "force", false, forceUsage)
	o.reader.add(f)
	return c
}

func runValidate(s IO, o *validateOptions) error {
	g := inputGuard(o.force, o.file, o.tracts, o.columns, o.reader.layout)
	if o.out != "" && o.out != "-" {
		if err := g.CheckFile(o.out); err != nil {
			return err
		}
	}
	opts := pirl.Options{Progress: s.Notes()}
	if err := o.reader.options(&opts); err != nil {
		return err
	}
	if o.columns != "" {
		m, err := pirl.ParseColumnsFile(o.columns)
		if err != nil {
			return err
		}
		opts.Columns = m
	}
	var vo reports.ValidateOptions
	if o.tracts != "" {
		t, err := tracts.Read(o.tracts, tracts.Options{})
		if err != nil {
			return err
		}
		vo.Known, vo.TractFile = t.Has, o.tracts
	}
	var d *pirl.Data
	var err error
	if o.file == "-" {
		d, err = pirl.ReadFrom(s.In, "<stdin>", opts)
	} else {
		d, err = pirl.Read(o.file, opts)
	}
	var missing *pirl.MissingColumnsError
	if err != nil && !errors.As(err, &missing) {
		return err
	}
	write := func(w io.Writer) error {
		if err := reports.Validate(w, d, vo); err != nil {
			return err
		}
		return reports.ValidateHeaders(w, d)
	}
	var werr error
	if o.out == "" || o.out == "-" {
		werr = write(s.Out)
	} else {
		werr = g.WriteFileFunc(o.out, write)
		if werr != nil && isRefused(werr) {
			return werr
		}
	}
	if werr != nil {
		return fmt.Errorf("writing the report: %w", werr)
	}
	if missing != nil {
		return exitError{ExitFail, missing}
	}
	return nil
}
