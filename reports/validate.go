package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/quality"
	"github.com/wioa-equity/wioa/reports/md"
)

// ValidateOptions configures the data-quality report.
type ValidateOptions struct {
	// Known reports whether a tract GEOID is in the tract reference file;
	// nil when no tract file was given (GEOIDs are then not checked).
	Known func(geoid uint64) bool
	// TractFile names the tract reference file in the report.
	TractFile string
	// Now is "today" for the dates-in-the-future checks; zero means the
	// current date. Tests pin it.
	Now time.Time
}

// Validate writes a markdown data-quality report of d: it computes the
// checks with quality.Check and renders them with ValidateMarkdown.
func Validate(w io.Writer, d *pirl.Data, opts ValidateOptions) error {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if err := ValidateMarkdown(w, quality.Check(d, quality.Options{Known: opts.Known, Today: now}), opts.TractFile); err != nil {
		return err
	}
	// DOL's calculated items and known data problems, where the file has
	// them (the default 923 rule, as `report` and `indicators` apply it).
	return writeDOLChecks(w, quality.CheckDOL(d, 0, indicators.DefaultOptions(0)), indicators.HasCalc(d))
}

// ValidateMarkdown renders a data-quality report as markdown: file
// fingerprint, columns found and absent, missing and invalid values with
// example messages, code distributions of the key fields, date logic, wage
// sentinels, duplicate periods, ragged rows, repeated header lines, rows
// with quoted fields spanning lines and, when the tracts were checked,
// tract GEOIDs missing from the tract file (named tractFile). It prints
// counts only: no identifier or individual value appears except an invalid
// code (such as "7" for sex) inside the reader's example messages; dates,
// amounts and other values are withheld there (pirl.Kind.ShowsValue).
func ValidateMarkdown(w io.Writer, r *quality.Report, tractFile string) error {
	bw := bufio.NewWriter(w)
	q := r.Quality
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }

	p("# Data quality: %s\n\n", mdText(q.File))
	p("| | |\n|---|---|\n")
	p("| File | %s |\n", md.CodeCell(q.File))
	p("| SHA-256 | `%s` |\n", q.SHA256)
	p("| Bytes as stored | %s |\n", count(int(q.Bytes)))
	p("| Rows read | %s |\n", count(q.RowsRead))
	p("| Delimiter | %s |\n", delimName(q.Delimiter))
	p("| Columns | %s in the header; %d read, the rest skipped |\n\n", count(len(q.Header)), len(r.Columns))

	p("## Columns absent\n\n")
	if len(r.RequiredAbsent) > 0 {
		p("**Required columns absent — the file cannot be analysed until they are present or mapped with `--columns`:**\n\n")
		for _, f := range r.RequiredAbsent {
			p("- %s\n", mdText(f.Label()))
		}
		p("\n")
	} else {
		p("All required columns are present.\n\n")
	}
	if len(r.OptionalAbsent) > 0 {
		names := make([]string, len(r.OptionalAbsent))
		for i, f := range r.OptionalAbsent {
			names[i] = f.String()
		}
		p("Optional columns absent (%d; analyses that need them report \"not computed\"): %s.\n\n", len(names), mdText(strings.Join(names, ", ")))
	}

	p("## Columns read\n\n")
	p("| field | header | column | blank | invalid |\n|---|---|---:|---:|---:|\n")
	for _, c := range r.Columns {
		p("| %s | %s | %d | %s | %s |\n", mdText(c.Field.Label()), md.CodeCell(c.Header), c.Index+1, countShare(q.Missing[c.Field], r.Rows), countShare(q.Invalid(c.Field), r.Rows))
	}
	p("\n")
	if len(q.Problems) > 0 {
		p("### Invalid values\n\nInvalid values are read as blank; the row is kept.\n\n")
		for _, pr := range q.Problems {
			p("- **%s** %s: %s value(s)\n\n", mdText(pr.Field.String()), mdText(pr.Reason), count(pr.Count))
			fence := md.Fence(strings.Join(pr.Examples, "\n"))
			p("  %s\n", fence)
			for _, e := range pr.Examples {
				p("  %s\n", md.Line(e))
			}
			if pr.Count > len(pr.Examples) {
				p("  … and %s more\n", count(pr.Count-len(pr.Examples)))
			}
			p("  %s\n\n", fence)
		}
	} else {
		p("No invalid values.\n\n")
	}

	p("## Code distributions\n\n")
	p("| field | codes (count, share of rows) | blank | invalid |\n|---|---|---:|---:|\n")
	for _, cd := range r.Codes {
		var parts []string
		for _, c := range cd.Codes {
			parts = append(parts, fmt.Sprintf("%d: %s (%s)", c.Code, count(c.Rows), sharePct(c.Rows, r.Rows)))
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		p("| %s | %s | %s | %s |\n", mdText(cd.Field.Label()), strings.Join(parts, "; "), count(q.Missing[cd.Field]), count(q.Invalid(cd.Field)))
	}
	if len(r.Codes) == 0 {
		p("| (none of the key fields is present) | | | |\n")
	}
	p("\n")

	p("## Date logic\n\n")
	p("Today is taken as %s.\n\n", pirl.FormatDate(r.Dates.Today))
	p("| check | rows |\n|---|---:|\n")
	if !r.Dates.EntryExitChecked {
		p("| exit before entry | not checked: entry or exit column absent |\n")
	}
	for _, c := range r.Dates.Rules {
		// An after-today row only for entry and exit, or when some date is.
		if c.Name == quality.RuleAfterToday && c.Count == 0 && c.Field != pirl.FieldEntry && c.Field != pirl.FieldExit {
			continue
		}
		p("| %s | %s |\n", mdText(c.Doc), count(c.Count))
	}
	p("\nDates before 1900 or more than a year after the day of reading are invalid (see Invalid values).\n\n")

	p("## Wages\n\n")
	p("| field | 999999.99 (not yet available) | blank | invalid |\n|---|---:|---:|---:|\n")
	for _, wg := range r.Wages {
		f := wg.Field
		if !wg.Present {
			if f == pirl.FieldHourlyWage {
				p("| %s | absent: wage gaps use Q2 earnings (1704) | | |\n", mdText(f.String()))
			}
			continue
		}
		p("| %s | %s | %s | %s |\n", mdText(f.String()), count(wg.Sentinels), count(q.Missing[f]), count(q.Invalid(f)))
	}
	p("\n")

	p("## Rows\n\n")
	if r.DuplicatesChecked {
		p("Duplicate periods (same identifier and entry date as an earlier row): %s.\n\n", count(q.DuplicatePeriods))
	} else {
		p("Duplicate periods: not checked (identifier or entry date column absent).\n\n")
	}
	p("Ragged rows (field count differs from the header's; all kept): %s.\n\n", count(q.RaggedRows))
	if len(q.RaggedExamples) > 0 {
		fence := md.Fence(strings.Join(q.RaggedExamples, "\n"))
		p("%s\n", fence)
		for _, e := range q.RaggedExamples {
			p("%s\n", md.Line(e))
		}
		if q.RaggedRows > len(q.RaggedExamples) {
			p("… and %s more\n", count(q.RaggedRows-len(q.RaggedExamples)))
		}
		p("%s\n\n", fence)
	}
	if q.RepeatedHeaders > 0 {
		p("Header line repeated inside the data (concatenated extracts?; skipped, not read as rows): %s, on line%s %s.\n\n", count(q.RepeatedHeaders), plural(len(q.RepeatedHeaderLines)), lineList(q.RepeatedHeaderLines, q.RepeatedHeaders))
	}
	if q.MultilineRows > 0 {
		p("Rows with a quoted field spanning lines (each read as one row; many may mean a stray quote): %s, starting on line%s %s.\n\n", count(q.MultilineRows), plural(len(q.MultilineLines)), lineList(q.MultilineLines, q.MultilineRows))
	}

	p("## Census tracts\n\n")
	t := &r.Tracts
	switch {
	case !t.Column:
		p("No tract column (tract_geoid): the two poverty analyses cannot be computed.\n\n")
	case !t.Checked:
		p("No tract file given (`--tracts`): GEOIDs were checked for form only.\n\n")
	default:
		p("Tract file: %s.\n\n", md.Code(tractFile))
		p("Rows whose tract is not in the tract file: %s of %s with a valid GEOID (%s distinct tracts).\n\n", count(t.Unknown), count(t.Valid), count(t.Distinct))
		if t.Unknown > 0 {
			var parts []string
			for i, c := range t.Counties {
				if i == 5 {
					parts = append(parts, fmt.Sprintf("%d more counties", len(t.Counties)-5))
					break
				}
				parts = append(parts, fmt.Sprintf("%05d: %s", c.FIPS, count(c.Rows)))
			}
			p("By county (state+county FIPS) of the unknown tracts: %s.\n\n", strings.Join(parts, "; "))
		}
	}

	if len(q.Warnings) > 0 {
		p("## Warnings\n\n")
		for _, wn := range q.Warnings {
			p("- %s\n", mdText(wn))
		}
		p("\n")
	}
	return bw.Flush()
}

// lineList lists the first file lines of n occurrences: "4, 1200 and 3
// more" (line numbers plain, as in file:line, since commas separate them).
func lineList(lines []int, n int) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strconv.Itoa(l)
	}
	s := strings.Join(parts, ", ")
	if n > len(lines) {
		s += " and " + count(n-len(lines)) + " more"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// count formats n with thousands separators (the plots' helper).
func count(n int) string { return thousands(strconv.Itoa(n)) }

func sharePct(k, n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(k)/float64(n), 'f', 1, 64) + "%"
}

func countShare(k, n int) string {
	if k == 0 {
		return "0"
	}
	return count(k) + " (" + sharePct(k, n) + ")"
}

func delimName(d byte) string {
	switch d {
	case '\t':
		return "tab"
	case ',':
		return "comma"
	case '|':
		return "pipe"
	case ';':
		return "semicolon"
	}
	return strconv.QuoteRune(rune(d))
}

// mdText escapes a string from the input for inline markdown and table
// cells (see package md).
func mdText(s string) string { return md.Text(s) }
