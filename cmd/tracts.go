package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/analysis/census"
	"github.com/wioa-equity/wioa/analysis/tracts"
)

type tractsFetchOptions struct {
	state, counties, out, key string
	year, retries             int
	noLand, force             bool
	apiURL, gazetteerURL      string // hidden: tests point these at a local server
}

func init() { register(newTractsCmd) }

func newTractsCmd(s IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "tracts",
		Short: "Build the census-tract reference file",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return usagef("tracts: name a subcommand (fetch)") },
	}
	c.AddCommand(newTractsFetchCmd(s))
	return c
}

func newTractsFetchCmd(s IO) *cobra.Command {
	o := &tractsFetchOptions{}
	c := &cobra.Command{
		Use:   "fetch --state SS [--county CCC,...] --year YYYY --out tracts.csv",
		Short: "Download ACS 5-year poverty by tract from the Census Data API",
		Long: `fetch writes the tract reference file that "wioa report --tracts" reads: one row per
census tract of the state (or of the listed counties) with the ACS 5-year poverty
universe and count below poverty (B17001_001E, B17001_002E), total population
(B01003_001E) and land area in square miles (ALAND_SQMI, from the Census Gazetteer
tract file; left blank when it cannot be fetched).

An API key is optional (the API allows 500 requests a day without one); it can also
come from the CENSUS_API_KEY environment variable. Transient failures are retried.
Without a network connection, download table B17001 for the tracts from
data.census.gov instead: "wioa report" reads that CSV as it is.`,
		Example: `  wioa tracts fetch --state 13 --county 121,089 --year 2022 --out tracts.csv
  wioa tracts fetch --state 13 --year 2022 --out ga-tracts.csv --key $CENSUS_API_KEY`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runTractsFetch(cmd.Context(), s, o) },
	}
	f := c.Flags()
	f.StringVar(&o.state, "state", "", "2-digit state FIPS `CODE`, e.g. 13 for Georgia (required)")
	f.StringVar(&o.counties, "county", "", "comma-separated 3-digit county FIPS `CODES` (default: every county of the state)")
	f.IntVar(&o.year, "year", 0, "ACS 5-year vintage, the survey's last `YEAR` (e.g. 2022 for 2018–2022; required)")
	f.StringVarP(&o.out, "out", "o", "", "output `FILE` (required; - for standard output)")
	f.StringVar(&o.key, "key", "", "Census API `KEY` (default $CENSUS_API_KEY)")
	f.IntVar(&o.retries, "retries", 3, "retries of a failed request")
	f.BoolVar(&o.noLand, "no-land", false, "do not fetch land area from the Census Gazetteer")
	f.BoolVar(&o.force, "force", false, forceUsage)
	f.StringVar(&o.apiURL, "api-url", census.DefaultBaseURL, "Census Data API base `URL`")
	f.StringVar(&o.gazetteerURL, "gazetteer-url", census.DefaultGazetteerURL, "Census Gazetteer base `URL`")
	_ = f.MarkHidden("api-url")
	_ = f.MarkHidden("gazetteer-url")
	return c
}

func runTractsFetch(ctx context.Context, s IO, o *tractsFetchOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var missing []string
	if o.state == "" {
		missing = append(missing, "--state")
	}
	if o.year == 0 {
		missing = append(missing, "--year")
	}
	if o.out == "" {
		missing = append(missing, "--out")
	}
	if len(missing) > 0 {
		return usagef("tracts fetch: %s required", strings.Join(missing, ", "))
	}
	g := inputGuard(o.force)
	if o.out != "-" {
		if err := g.CheckFile(o.out); err != nil {
			return err
		}
	}
	req := census.Request{Year: o.year, State: o.state}
	if o.counties != "" {
		for _, c := range strings.Split(o.counties, ",") {
			req.Counties = append(req.Counties, strings.TrimSpace(c))
		}
	}
	if err := req.Validate(); err != nil {
		return usagef("tracts fetch: %v", err)
	}
	if o.retries < 0 || o.retries > census.MaxRetries {
		return usagef("tracts fetch: --retries %d is out of range: use 0 to %d", o.retries, census.MaxRetries)
	}
	key := o.key
	if key == "" {
		key = os.Getenv("CENSUS_API_KEY")
	}
	cl := &census.Client{BaseURL: o.apiURL, GazetteerURL: o.gazetteerURL, Key: key, Retries: o.retries, UserAgent: "wioa/" + toolVersion()}
	if o.retries == 0 {
		cl.Retries = -1 // the client's zero value means its default
	}
	if o.noLand {
		cl.GazetteerURL = "-"
	}
	res, err := cl.Fetch(ctx, req)
	if err != nil {
		if errors.Is(err, census.ErrOffline) {
			return fmt.Errorf("%v\nWithout a connection, download table B17001 for your tracts from data.census.gov and pass that CSV to --tracts", err)
		}
		return err
	}
	var buf bytes.Buffer
	if err := census.WriteCSV(&buf, res.Tracts); err != nil {
		return err
	}
	// Read the file back as the report will, so a surprise shows here.
	tab, err := tracts.ReadFrom(bytes.NewReader(buf.Bytes()), o.out, tracts.Options{})
	if err != nil {
		return fmt.Errorf("the fetched table does not read as a tract file: %v", err)
	}
	msg := s.Summary()
	if o.out == "-" {
		if _, err := s.Out.Write(buf.Bytes()); err != nil {
			return err
		}
		msg = s.Notes()
	} else if err := g.WriteFile(o.out, buf.Bytes()); err != nil {
		return err
	}
	high := 0
	for i := 0; i < tab.Rows(); i++ {
		if tab.PovertyRate(i) >= 0.2 {
			high++
		}
	}
	fmt.Fprintf(msg, "Wrote %d tracts (ACS %d–%d 5-year, state %s) to %s; %d have a poverty rate of 20%% or more.\nSource: %s\n",
		tab.Rows(), o.year-4, o.year, o.state, o.out, high, res.URL)
	for _, w := range res.Warnings {
		fmt.Fprintln(msg, "Note:", w)
	}
	return nil
}
