package reports

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
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

// validateCodeFields are the key fields whose code distributions are shown.
var validateCodeFields = []pirl.Field{
	pirl.FieldSex, pirl.FieldDisability, pirl.FieldEduLevel,
	pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth, pirl.FieldOtherExit,
	pirl.FieldTraining, pirl.FieldEmpQ2, pirl.FieldEmpQ4,
}

// Validate writes a markdown data-quality report of d: file fingerprint,
// columns found and absent, missing and invalid values with example
// messages, code distributions of the key fields, date logic, wage
// sentinels, duplicate periods, ragged rows, repeated header lines, rows
// with quoted fields spanning lines and, when opts.Known is set,
// tract GEOIDs missing from the tract file. It prints counts only: no
// identifier or individual value appears except an invalid code (such as
// "7" for sex) inside the reader's example messages; dates, amounts and
// other values are withheld there (pirl.Kind.ShowsValue).
func Validate(w io.Writer, d *pirl.Data, opts ValidateOptions) error {
	bw := bufio.NewWriter(w)
	q := &d.Quality
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	today := pirl.DayNumber(now.Year(), int(now.Month()), now.Day())

	p("# Data quality: %s\n\n", mdText(q.File))
	p("| | |\n|---|---|\n")
	p("| File | %s |\n", md.CodeCell(q.File))
	p("| SHA-256 | `%s` |\n", q.SHA256)
	p("| Bytes as stored | %s |\n", count(int(q.Bytes)))
	p("| Rows read | %s |\n", count(q.RowsRead))
	p("| Delimiter | %s |\n", delimName(q.Delimiter))
	read := 0
	for f := range d.Cols {
		if d.Cols[f].Present {
			read++
		}
	}
	p("| Columns | %s in the header; %d read, the rest skipped |\n\n", count(len(q.Header)), read)

	// Absent columns.
	var reqAbsent, optAbsent []string
	for f := pirl.Field(0); f < pirl.NumFields; f++ {
		if d.Has(f) {
			continue
		}
		if pirl.Elements[f].Required {
			reqAbsent = append(reqAbsent, f.Label())
		} else {
			optAbsent = append(optAbsent, f.String())
		}
	}
	p("## Columns absent\n\n")
	if len(reqAbsent) > 0 {
		p("**Required columns absent — the file cannot be analysed until they are present or mapped with `--columns`:**\n\n")
		for _, s := range reqAbsent {
			p("- %s\n", mdText(s))
		}
		p("\n")
	} else {
		p("All required columns are present.\n\n")
	}
	if len(optAbsent) > 0 {
		p("Optional columns absent (%d; analyses that need them report \"not computed\"): %s.\n\n", len(optAbsent), mdText(strings.Join(optAbsent, ", ")))
	}

	// Columns read.
	p("## Columns read\n\n")
	p("| field | header | column | blank | invalid |\n|---|---|---:|---:|---:|\n")
	var cols []pirl.Field
	for f := pirl.Field(0); f < pirl.NumFields; f++ {
		if d.Has(f) {
			cols = append(cols, f)
		}
	}
	sort.SliceStable(cols, func(i, j int) bool { return d.Cols[cols[i]].Index < d.Cols[cols[j]].Index })
	for _, f := range cols {
		c := &d.Cols[f]
		p("| %s | %s | %d | %s | %s |\n", mdText(f.Label()), md.CodeCell(c.Header), c.Index+1, countShare(q.Missing[f], d.Rows), countShare(q.Invalid(f), d.Rows))
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

	// Code distributions.
	p("## Code distributions\n\n")
	p("| field | codes (count, share of rows) | blank | invalid |\n|---|---|---:|---:|\n")
	shown := false
	for _, f := range validateCodeFields {
		if !d.Has(f) {
			continue
		}
		shown = true
		var n [128]int
		for _, v := range d.Cols[f].Code {
			if v >= 0 {
				n[v]++
			}
		}
		var parts []string
		for v, k := range n {
			if k > 0 {
				parts = append(parts, fmt.Sprintf("%d: %s (%s)", v, count(k), sharePct(k, d.Rows)))
			}
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		p("| %s | %s | %s | %s |\n", mdText(f.Label()), strings.Join(parts, "; "), count(q.Missing[f]), count(q.Invalid(f)))
	}
	if !shown {
		p("| (none of the key fields is present) | | | |\n")
	}
	p("\n")

	// Date logic.
	p("## Date logic\n\n")
	p("Today is taken as %s.\n\n", pirl.FormatDate(today))
	p("| check | rows |\n|---|---:|\n")
	entry, exit := d.Cols[pirl.FieldEntry].Date, d.Cols[pirl.FieldExit].Date
	if entry != nil && exit != nil {
		before, exitNoEntry := 0, 0
		for i := range entry {
			switch {
			case exit[i] == pirl.MissingDate:
			case entry[i] == pirl.MissingDate:
				exitNoEntry++
			case exit[i] < entry[i]:
				before++
			}
		}
		p("| exit date before entry date | %s |\n", count(before))
		p("| exit date set but entry date blank | %s |\n", count(exitNoEntry))
	} else {
		p("| exit before entry | not checked: entry or exit column absent |\n")
	}
	for f := pirl.Field(0); f < pirl.NumFields; f++ {
		if pirl.Elements[f].Kind != pirl.KindDate || !d.Has(f) {
			continue
		}
		n := 0
		for _, z := range d.Cols[f].Date {
			if z != pirl.MissingDate && z > today {
				n++
			}
		}
		if n > 0 || f == pirl.FieldEntry || f == pirl.FieldExit {
			p("| %s after today | %s |\n", mdText(f.String()), count(n))
		}
	}
	p("\nDates before 1900 or more than a year after the day of reading are invalid (see Invalid values).\n\n")

	// Wages.
	p("## Wages\n\n")
	p("| field | 999999.99 (not yet available) | blank | invalid |\n|---|---:|---:|---:|\n")
	for _, f := range []pirl.Field{pirl.FieldWageQ1, pirl.FieldWageQ2, pirl.FieldWageQ3, pirl.FieldWageQ4, pirl.FieldHourlyWage} {
		if !d.Has(f) {
			if f == pirl.FieldHourlyWage {
				p("| %s | absent: wage gaps use Q2 earnings (1704) | | |\n", mdText(f.String()))
			}
			continue
		}
		p("| %s | %s | %s | %s |\n", mdText(f.String()), count(q.Sentinels[f]), count(q.Missing[f]), count(q.Invalid(f)))
	}
	p("\n")

	// Rows.
	p("## Rows\n\n")
	if d.Has(pirl.FieldID) && d.Has(pirl.FieldEntry) {
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

	// Tracts.
	p("## Census tracts\n\n")
	switch {
	case !d.Has(pirl.FieldTract):
		p("No tract column (tract_geoid): the two poverty analyses cannot be computed.\n\n")
	case opts.Known == nil:
		p("No tract file given (`--tracts`): GEOIDs were checked for form only.\n\n")
	default:
		rows, valid := 0, 0
		distinct := map[uint64]bool{}
		county := map[uint64]int{}
		for _, g := range d.Cols[pirl.FieldTract].Hash {
			if g == 0 {
				continue
			}
			valid++
			if !opts.Known(g) {
				rows++
				distinct[g] = true
				county[g/1000000]++
			}
		}
		p("Tract file: %s.\n\n", md.Code(opts.TractFile))
		p("Rows whose tract is not in the tract file: %s of %s with a valid GEOID (%s distinct tracts).\n\n", count(rows), count(valid), count(len(distinct)))
		if rows > 0 {
			type kv struct {
				c uint64
				n int
			}
			var ks []kv
			for c, n := range county {
				ks = append(ks, kv{c, n})
			}
			sort.Slice(ks, func(i, j int) bool {
				if ks[i].n != ks[j].n {
					return ks[i].n > ks[j].n
				}
				return ks[i].c < ks[j].c
			})
			var parts []string
			for i, k := range ks {
				if i == 5 {
					parts = append(parts, fmt.Sprintf("%d more counties", len(ks)-5))
					break
				}
				parts = append(parts, fmt.Sprintf("%05d: %s", k.c, count(k.n)))
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
