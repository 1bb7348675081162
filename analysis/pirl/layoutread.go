package pirl

import (
	"bytes"
	"fmt"
	"strings"
)

// layoutHeader makes the plan of a file read by position (Options.Layout).
// Line 1 is data unless it is a header row: most of its non-blank fields
// name something (a header spelling with a letter in it; a bare number is
// as likely a value), or it repeats the layout. A header row is skipped and
// reported, with the columns where it and the layout disagree.
func layoutHeader(name string, b []byte, opts Options) (*plan, int, error) {
	delim := detectDelimiter(b)
	if len(opts.Layout) == 1 {
		delim = ',' // one column: any delimiter found is in a value
	}
	var fields []span
	var scratch []byte
	used, lines, open := splitRecord(b, delim, &fields, &scratch)
	line1 := make([]string, len(fields))
	raw := make([][]byte, len(fields))
	names := bytes.Clone(scratch)
	for i, s := range fields {
		raw[i] = trim(names[s.from:s.to])
		line1[i] = strings.Join(strings.Fields(headerName(raw[i])), " ")
	}
	lname := opts.LayoutName
	if lname == "" {
		lname = "the layout"
	}
	header := opts.Layout
	p := makePlan(name, header, opts.Columns)
	p.delim, p.layout = delim, lname
	lraw := make([][]byte, len(header))
	for i, h := range header {
		lraw[i] = []byte(h)
	}
	p.raw, p.raw0 = lraw, lraw[0]
	isHeader := open < 0 && looksLikeHeader(line1, header)
	if isHeader {
		p.headerRow, p.headerLines = true, lines
		p.raw, p.raw0 = raw, raw[0]
		if len(raw) != len(header) {
			p.raw = lraw // a repeat of it can never be compared column by column
		}
		p.warns = append(p.warns, layoutHeaderNote(name, lname, line1, header))
	} else {
		used = 0
		if n := len(fields); open < 0 && n != len(header) {
			p.warns = append(p.warns, fmt.Sprintf("%s:1: the line has %d fields and %s names %d columns: the file is read by position, so check that the layout is the file's", name, n, lname, len(header)))
		}
	}
	if len(p.cols) > 0 {
		p.first = p.raw[p.cols[0].idx]
		if p.cols[0].idx >= len(p.raw) {
			p.first = nil
		}
	}
	return p, used, nil
}

// looksLikeHeader reports whether line 1's fields are a header row.
func looksLikeHeader(line1, layout []string) bool {
	named, filled := 0, 0
	for i, v := range line1 {
		if v == "" {
			continue
		}
		filled++
		if i < len(layout) && strings.EqualFold(v, layout[i]) && strings.ContainsFunc(v, isLetter) {
			named++
			continue
		}
		if strings.ContainsFunc(v, isLetter) && Identify(v).Known {
			named++
		}
	}
	return named > 0 && 2*named >= filled
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// layoutHeaderNote is the warning for a header row read with --layout.
func layoutHeaderNote(name, lname string, line1, layout []string) string {
	var diff []string
	n := 0
	for i := 0; i < max(len(line1), len(layout)); i++ {
		var a, b string
		if i < len(line1) {
			a = line1[i]
		}
		if i < len(layout) {
			b = layout[i]
		}
		ia, ib := Identify(a), Identify(b)
		same := strings.EqualFold(a, b) || (ia.Known && ib.Known && ia.Element == ib.Element && ia.Field == ib.Field)
		if same {
			continue
		}
		n++
		if len(diff) < 5 {
			diff = append(diff, fmt.Sprintf("column %d %q in the file, %q in the layout", i+1, a, b))
		}
	}
	s := fmt.Sprintf("%s:1: line 1 is a header row; it was skipped, not read as data, and the columns were read by position as %s names them", name, lname)
	if n == 0 {
		return s + " (the header row agrees with it)"
	}
	more := ""
	if n > len(diff) {
		more = fmt.Sprintf("; … %d in all", n)
	}
	return s + fmt.Sprintf("; the header row differs from the layout in %d column(s): %s%s", n, strings.Join(diff, "; "), more)
}
