package compare

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/md"
)

// DescribeSource says in one line which data a set of results came from,
// for the "which data is this" lines of check, compare and trend.
func DescribeSource(r *reports.Results) string {
	p := r.Provenance
	s := fmt.Sprintf("%s — %s (sha256 %s, %d rows)", r.Source, orNone(p.Input.Name), short(p.Input.SHA256), p.RowsRead)
	if p.Tracts != nil {
		s += fmt.Sprintf(", tracts %s (sha256 %s)", p.Tracts.Name, short(p.Tracts.SHA256))
	}
	// One line of plain text whatever the results file holds.
	return md.Plain(s + fmt.Sprintf("; %s, cohort %d; wioa %s", p.Window, p.Cohort, p.Version))
}

// short abbreviates a SHA-256 to 12 hex digits, enough to tell files apart.
func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return orNone(h)
}

// gnum renders a measured number for people: six significant digits.
func gnum(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func published(o *Outcome) string {
	if boolField(o.Entry.Field) {
		return strconv.FormatBool(o.Entry.Published == 1)
	}
	return fnum(o.Entry.Published)
}

func now(o *Outcome) string {
	if boolField(o.Entry.Field) {
		return strconv.FormatBool(o.Now == 1)
	}
	if o.Row.Suppressed && o.Entry.Field != "suppressed" {
		return "suppressed"
	}
	return gnum(o.Now)
}

func difference(o *Outcome) string {
	if boolField(o.Entry.Field) || math.IsNaN(o.Diff) {
		return "—"
	}
	return strconv.FormatFloat(o.Diff, 'g', 3, 64)
}

func tolerance(o *Outcome) string {
	if boolField(o.Entry.Field) {
		return "exact"
	}
	return "±" + strconv.FormatFloat(o.Allowed, 'g', 3, 64)
}

// WriteText writes the check for people: where each side came from, then
// either one line saying all is well or a table of the drifted entries.
// Warnings are left to the caller (the command prints them on stderr).
func (c *CheckReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Baseline %s: %d entries", md.Plain(c.Baseline.Name), len(c.Baseline.Entries))
	if s := c.Baseline.Source; s != nil && (s.Input != "" || s.InputSHA256 != "") {
		fmt.Fprintf(&b, ", published from %s (sha256 %s)", md.Plain(orNone(s.Input)), md.Plain(short(s.InputSHA256)))
		if s.ExitWindow != "" {
			fmt.Fprintf(&b, ", %s", md.Plain(s.ExitWindow))
		}
	}
	fmt.Fprintf(&b, "\nChecked against %s\n", DescribeSource(c.Results))
	drifted, notYet := c.Drifted(), c.NotYetReported()
	if len(notYet) > 0 {
		fmt.Fprintf(&b, "%d of %d entries are not yet reported in this run (most of their cohort's outcomes are not yet available): neither within tolerance nor drift, they do not fail the check:\n", len(notYet), len(c.Outcomes))
		for i := range notYet {
			fmt.Fprintf(&b, "  line %d: %s %s\n", notYet[i].Entry.Line, md.Plain(notYet[i].Entry.ID()), md.Plain(notYet[i].Entry.Field))
		}
	}
	if len(drifted) == 0 {
		if len(notYet) > 0 {
			fmt.Fprintf(&b, "The other %d entries are within tolerance.\n", len(c.Outcomes)-len(notYet))
		} else {
			fmt.Fprintf(&b, "All %d entries are within tolerance.\n", len(c.Outcomes))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%d of %d entries drifted:\n\n", len(drifted), len(c.Outcomes))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tENTRY\tFIELD\tPUBLISHED\tNOW\tDIFFERENCE\tTOLERANCE\tREASON")
	for i := range drifted {
		o := &drifted[i]
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o.Entry.Line, md.Plain(o.Entry.ID()), md.Plain(o.Entry.Field),
			published(o), now(o), difference(o), tolerance(o), md.Plain(o.Reason))
	}
	return tw.Flush()
}

// CheckFormat is the "format" of wioa check --format json.
const CheckFormat = "wioa-check/1"

type jsonOutcome struct {
	Line       int      `json:"line"`
	ID         string   `json:"id"`
	Disparity  string   `json:"disparity"`
	Measure    string   `json:"measure"`
	Group      string   `json:"group"`
	Reference  string   `json:"reference"`
	Field      string   `json:"field"`
	Published  any      `json:"published"`
	Now        any      `json:"now"`
	Difference *float64 `json:"difference"`
	Allowed    *float64 `json:"allowed"`
	Status     string   `json:"status"` // "ok", "drift" or "not_yet_reported"
	Reason     string   `json:"reason,omitempty"`
}

func ptr(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// WriteJSON writes every entry's outcome with both sides' provenance.
func (c *CheckReport) WriteJSON(w io.Writer) error {
	out := struct {
		Format   string             `json:"format"`
		Baseline string             `json:"baseline"`
		Source   *Source            `json:"published_from,omitempty"`
		Checked  reports.Provenance `json:"checked_against"`
		Results  string             `json:"results_source"`
		Entries  int                `json:"entries"`
		Drifted  int                `json:"drifted"`
		NotYet   int                `json:"not_yet_reported"`
		Warnings []string           `json:"warnings"`
		Outcomes []jsonOutcome      `json:"outcomes"`
	}{Format: CheckFormat, Baseline: c.Baseline.Name, Source: c.Baseline.Source, Checked: c.Results.Provenance,
		Results: c.Results.Source, Entries: len(c.Outcomes), Drifted: len(c.Drifted()), NotYet: len(c.NotYetReported()), Warnings: []string{}, Outcomes: []jsonOutcome{}}
	for _, warn := range c.Warnings {
		out.Warnings = append(out.Warnings, strings.TrimSpace(warn))
	}
	for i := range c.Outcomes {
		o := &c.Outcomes[i]
		e := o.Entry
		j := jsonOutcome{Line: e.Line, ID: e.ID(), Disparity: o.Row.Disparity, Measure: o.Row.Measure, Group: o.Row.Group,
			Reference: o.Row.Reference, Field: e.Field, Status: "ok", Reason: o.Reason}
		if boolField(e.Field) {
			j.Published, j.Now = e.Published == 1, o.Now == 1
		} else {
			j.Published, j.Now = e.Published, ptr(o.Now)
			j.Difference, j.Allowed = ptr(o.Diff), ptr(o.Allowed)
		}
		switch {
		case o.NotYet:
			j.Status = "not_yet_reported"
		case !o.OK:
			j.Status = "drift"
		}
		out.Outcomes = append(out.Outcomes, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr,omitempty"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Skipped    int             `xml:"skipped,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemErr  string          `xml:"system-err,omitempty"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Class   string        `xml:"classname,attr"`
	Name    string        `xml:"name,attr"`
	Failure *junitFailure `xml:"failure"`
	Skipped *junitSkipped `xml:"skipped"`
}

// junitSkipped marks an entry not yet reported: not run, not failed.
type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the check as JUnit XML, one test case per entry (class
// = disparity), for CI systems that display test reports.
func (c *CheckReport) WriteJUnit(w io.Writer) error {
	p := c.Results.Provenance
	s := junitSuite{Name: "wioa check " + c.Baseline.Name, Properties: []junitProperty{
		{"results", c.Results.Source}, {"input", p.Input.Name}, {"input_sha256", p.Input.SHA256},
		{"exit_window", p.Window}, {"wioa_version", p.Version}}}
	for i := range c.Outcomes {
		o := &c.Outcomes[i]
		e := o.Entry
		name := e.Measure + " / " + e.Group
		if o.Row.Reference != "" {
			name += " vs " + o.Row.Reference
		}
		jc := junitCase{Class: e.Disparity, Name: name + ": " + e.Field}
		if o.NotYet {
			jc.Skipped = &junitSkipped{Message: o.Reason}
			s.Skipped++
		} else if !o.OK {
			msg := fmt.Sprintf("published %s, now %s, difference %s, tolerance %s: %s", published(o), now(o), difference(o), tolerance(o), o.Reason)
			jc.Failure = &junitFailure{Message: msg, Type: "drift", Text: fmt.Sprintf("%s:%d: %s %s: %s", c.Baseline.Name, e.Line, e.ID(), e.Field, msg)}
			s.Failures++
		}
		s.Cases = append(s.Cases, jc)
	}
	s.Tests = len(s.Cases)
	s.SystemErr = strings.Join(c.Warnings, "\n")
	out := junitSuites{Name: "wioa check", Tests: s.Tests, Failures: s.Failures, Skipped: s.Skipped, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
