package reports

import (
	"bufio"
	"fmt"
	"io"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/reports/md"
)

// ValidateHeaders writes the header section of the data-quality report:
// how the file was read (a .zip's member, --layout and whether line 1 was a
// header row all the same), a table of every recognised header with the
// element of the official PY2022 Q4 layout (or extension column) it names,
// how it was recognised and whether the tool reads it, then the headers not
// recognised. Headers are file text and printed as code; no value is.
func ValidateHeaders(w io.Writer, d *pirl.Data) error {
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	q := &d.Quality
	p("## Headers\n\n")
	if q.Member != "" {
		p("Read from the zip archive's member %s (the SHA-256 and byte count above are the archive's).\n\n", md.CodeCell(q.Member))
	}
	if q.Layout != "" {
		if q.HeaderRow {
			p("Columns read by position as %s names them (`--layout`); line 1 was a header row and was skipped, not read as data.\n\n", md.CodeCell(q.Layout))
		} else {
			p("Columns read by position as %s names them (`--layout`); the file has no header row.\n\n", md.CodeCell(q.Layout))
		}
	}
	known, read := 0, 0
	var unknown []int
	for i, id := range q.Columns {
		switch {
		case !id.Known:
			unknown = append(unknown, i)
		default:
			known++
			if id.Read() && d.Cols[id.Field].Present && d.Cols[id.Field].Index == i {
				read++
			}
		}
	}
	p("%s of %s headers recognised, %s read.\n\n", count(known), count(len(q.Columns)), count(read))
	if known > 0 {
		p("| column | header | element | official name | recognised by | read |\n|---:|---|---|---|---|---|\n")
		for i, id := range q.Columns {
			if !id.Known {
				continue
			}
			el := id.Element
			if el == "" {
				el = "extension"
			}
			use := "no (not used by the tool)"
			if id.Read() {
				c := &d.Cols[id.Field]
				switch {
				case c.Present && c.Index == i:
					use = "yes: " + id.Field.String()
				case c.Present:
					use = fmt.Sprintf("no: column %d supplies %s", c.Index+1, id.Field)
				}
			}
			p("| %d | %s | %s | %s | %s | %s |\n", i+1, md.CodeCell(q.Header[i]), md.Cell(el), md.Cell(id.Name), md.Cell(id.How), md.Cell(use))
		}
		p("\n")
	}
	if len(unknown) > 0 {
		p("Headers not recognised (%s; skipped — map one with `--columns` if it holds an element):", count(len(unknown)))
		for k, i := range unknown {
			if k > 0 {
				p(",")
			}
			p(" %s (column %d)", md.CodeCell(q.Header[i]), i+1)
		}
		p(".\n\n")
	} else {
		p("Every header was recognised.\n\n")
	}
	return bw.Flush()
}
