package pirl

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// normKey lowers ASCII letters and drops everything that is not an ASCII
// letter or digit, so that "Sex (WIOA)", "sex_wioa" and "SEX-WIOA" agree and
// stray Latin-1 or invalid UTF-8 bytes do not prevent a match.
func normKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// MatchHeader returns the field a header names. It accepts the PIRL element
// number with or without a "PIRL" or "P" prefix and with any separator
// ("PIRL201", "PIRL 201", "pirl_201", "p201", "201", "PIRL-201", R's
// "PIRL.201" and "X201"; suffix letters are kept: "108-A" is 108A, "PIRL108"
// is not), a calculated item by its number ("CALC4039", "PIRL4039", "4039",
// and "PIRL 3042" of the PY2017–PY2020 files), the official element name of
// the PY2022 Q4 layout or the tool's own (with or without "(WIOA)"), number
// and name together ("1602 Employed in 2nd Quarter After Exit Quarter"),
// DOL's short variable names ("GENDER", "EXIT_DT", "EMPQ2"), and the aliases
// of extension columns. Case, spaces, line breaks and punctuation are
// ignored. Unknown headers, and elements the tool does not read, return
// false; Identify tells those apart.
func MatchHeader(h string) (Field, bool) {
	id := Identify(h)
	if !id.Read() {
		return 0, false
	}
	return id.Field, true
}

// isNumberish reports whether k is digits optionally followed by one letter.
func isNumberish(k string) bool {
	n := len(k)
	if n == 0 {
		return false
	}
	if c := k[n-1]; c >= 'a' && c <= 'z' {
		n--
	}
	if n == 0 {
		return false
	}
	for i := 0; i < n; i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	return true
}

// Spellings lists header spellings accepted for f, for error messages.
func (f Field) Spellings() []string {
	e := &Elements[f]
	var s []string
	if e.Number != "" {
		s = append(s, "PIRL"+e.Number, "PIRL "+e.Number, "p"+e.Number, e.Number)
	}
	s = append(s, e.Name)
	if base, ok := strings.CutSuffix(strings.TrimSpace(e.Name), "(WIOA)"); ok {
		s = append(s, strings.TrimSpace(base))
	}
	s = append(s, e.Aliases...)
	if n := fieldElement(f); n != "" {
		for _, x := range dolShortNames {
			if x.Number == n && !genericShortNames[x.Name] {
				s = append(s, x.Name)
			}
		}
	}
	return s
}

// MissingColumnsError reports required fields that no header of the file
// names. Read returns it together with the rest of the data so that a
// quality report can still be written.
type MissingColumnsError struct {
	File    string
	Missing []Field
	Seen    []string // the headers of the file, in order
}

func (e *MissingColumnsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:1: required column", e.File)
	if len(e.Missing) > 1 {
		b.WriteString("s")
	}
	b.WriteString(" not found:")
	for _, f := range e.Missing {
		q := make([]string, 0, 8)
		for _, s := range f.Spellings() {
			q = append(q, fmt.Sprintf("%q", s))
		}
		fmt.Fprintf(&b, "\n  %s: accepted headers %s", f.Label(), strings.Join(q, ", "))
	}
	const show = 40
	fmt.Fprintf(&b, "\n  headers seen (%d):", len(e.Seen))
	for i, h := range e.Seen {
		if i == show {
			fmt.Fprintf(&b, " … and %d more", len(e.Seen)-show)
			break
		}
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %q", h)
	}
	b.WriteString("\n  (map a column to a field with --columns FILE, lines like \"201,My Sex Column\")")
	return b.String()
}

// ParseColumnsFile reads a header mapping: one "field,header" or
// "field: header" per line, where field is a PIRL number ("201", "108A"), any
// spelling MatchHeader accepts, or an extension column name, and header is
// the exact header text of the file (surrounding spaces and double quotes are
// removed). Blank lines and lines starting with "#" are ignored, as is a first
// line "field,header". Errors name the file and line. The file is read with
// a size limit (sizelimit.Columns, 1 MB).
func ParseColumnsFile(path string) (map[Field]string, error) {
	fh, err := sizelimit.Open(path, sizelimit.Columns)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	m := make(map[Field]string)
	where := make(map[Field]int)
	err = eachLine(fh, path, func(line int, t string) error {
		if t == "" {
			return nil
		}
		i := strings.IndexAny(t, ",:")
		if i < 0 {
			return fmt.Errorf("%s:%d: want \"field,header\" or \"field: header\", got %q", path, line, t)
		}
		spec, hdr := strings.TrimSpace(t[:i]), unquote(strings.TrimSpace(t[i+1:]))
		if line == 1 && strings.EqualFold(spec, "field") {
			return nil
		}
		f, ok := MatchHeader(spec)
		if !ok {
			return fmt.Errorf("%s:%d: unknown field %q (give a PIRL number such as 201 or 108A, or an extension column such as tract_geoid)", path, line, spec)
		}
		if hdr == "" {
			return fmt.Errorf("%s:%d: empty header for %s", path, line, f)
		}
		if prev, dup := where[f]; dup {
			return fmt.Errorf("%s:%d: %s is already mapped on line %d", path, line, f, prev)
		}
		m[f] = hdr
		where[f] = line
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// unquote removes one level of CSV double quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.TrimSpace(strings.ReplaceAll(s[1:len(s)-1], `""`, `"`))
	}
	return s
}

// column is the reading plan of one field found in the header.
type column struct {
	idx    int // 0-based header position
	field  Field
	kind   Kind
	header string
	valid  *[128]bool // KindCode: which codes are valid
	digits bool       // KindDict: keep digits only (training codes)
	// KindMoney: the largest plausible amount (Element.MaxAmount; +Inf when
	// unbounded) and the reason given for a larger one.
	maxAmount float64
	tooLarge  string
	// checkOnly: the values are checked and counted (blank, invalid) but
	// not kept, because no analysis reads them (checkedOnly).
	checkOnly bool
}

// checkedOnly reports whether field f's values need not be kept when the
// file's columns are at (field → header position, −1 absent): no analysis
// reads the values of the fields in neverKept (their blanks, sentinels and
// invalid values are counted all the same), and latitude, longitude and ZIP
// serve only to place records without a tract_geoid column in tracts
// (--boundaries, --zip-crosswalk). Such a column is Present; its accessors
// say missing.
// neverKept are the fields whose values nothing outside the reader uses (a
// test fails when code starts to: take the field out of the list then).
// Codes are always kept: the reader's fast path writes them unchecked.
var neverKept = [...]Field{FieldCounty, FieldWageQ1, FieldWageQ3, FieldWageQ4, FieldTrainCode2, FieldTrainCode3}

func checkedOnly(f Field, at []int) bool {
	switch f {
	case neverKept[0], neverKept[1], neverKept[2], neverKept[3], neverKept[4], neverKept[5]:
		return true
	case FieldLatitude, FieldLongitude, FieldZIP:
		return at[FieldTract] >= 0
	}
	return false
}

// plan says, for a header, which columns are read into which fields.
type plan struct {
	file   string
	delim  byte
	ncols  int
	cols   []column // sorted by idx
	header []string
	warns  []string
	absent []Field // required fields not found
	maxDay int32   // last valid date (today + 1 year)
	// raw holds each header name as read (trimmed, quotes removed, before
	// any Latin-1 conversion), to recognise a header line inside the data;
	// first is raw[cols[0].idx], the name of the first column read.
	raw   [][]byte
	first []byte
	raw0  []byte           // raw[0]
	over  map[Field]string // the column mapping, to match a later header line
	// idents says what each header names (IdentifyHeader), before the
	// column mapping.
	idents []Ident
	// headerLines is the number of line breaks inside the header record's
	// quoted names.
	headerLines int
	// layout names the --layout the columns come from ("" = header row);
	// headerRow says whether line 1 was a header row all the same.
	layout    string
	headerRow bool
}

// columnIdents is p.idents with the column mapping applied: a column the
// mapping gives a field names that field ("column mapping"). A column whose
// field another column supplies keeps its Ident: read it from
// Data.Cols[f].Index.
func (p *plan) columnIdents() []Ident {
	ids := append([]Ident(nil), p.idents...)
	read := make(map[int]Field, len(p.cols))
	for _, c := range p.cols {
		read[c.idx] = c.field
	}
	for i := range ids {
		f, ok := read[i]
		if ok && (ids[i].Field != f || !ids[i].Known) {
			ids[i] = Ident{Known: true, Element: fieldElement(f), Name: Elements[f].Name, Field: f, How: "column mapping"}
		}
	}
	return ids
}

// makePlan matches header names to fields. Overrides (field → exact header
// text) win over normal matching; otherwise the first header naming a field
// wins and later ones are reported in warnings.
func makePlan(file string, header []string, over map[Field]string) *plan {
	p := &plan{file: file, ncols: len(header), header: header}
	at := make([]int, NumFields)
	for i := range at {
		at[i] = -1
	}
	taken := make([]bool, len(header))
	// Overrides first, in field order for stable warnings.
	for f := Field(0); f < NumFields; f++ {
		h, ok := over[f]
		if !ok {
			continue
		}
		for i, name := range header {
			if !taken[i] && strings.TrimSpace(name) == strings.TrimSpace(h) {
				at[f], taken[i] = i, true
				break
			}
		}
		if at[f] < 0 {
			p.warns = append(p.warns, fmt.Sprintf("%s:1: column %q mapped to %s is not in the header", file, h, f))
		}
	}
	p.idents = IdentifyHeader(header)
	for i, name := range header {
		if taken[i] {
			continue
		}
		if !p.idents[i].Read() {
			continue
		}
		f := p.idents[i].Field
		if _, mapped := over[f]; mapped && at[f] >= 0 {
			p.warns = append(p.warns, fmt.Sprintf("%s:1: column %q (column %d) also names %s; using %q from the column mapping", file, name, i+1, f, header[at[f]]))
			continue
		}
		if at[f] >= 0 {
			p.warns = append(p.warns, fmt.Sprintf("%s:1: column %q (column %d) names %s again; using the first, %q (column %d)", file, name, i+1, f, header[at[f]], at[f]+1))
			continue
		}
		at[f] = i
	}
	for f := Field(0); f < NumFields; f++ {
		e := &Elements[f]
		if at[f] < 0 {
			if e.Required {
				p.absent = append(p.absent, f)
			}
			continue
		}
		c := column{idx: at[f], field: f, kind: e.Kind, header: header[at[f]], checkOnly: checkedOnly(f, at)}
		if e.Kind == KindCode {
			c.valid = new([128]bool)
			for v := 0; v < 128; v++ {
				c.valid[v] = e.ValidCode(v)
			}
		}
		c.digits = f == FieldTrainCode1 || f == FieldTrainCode2 || f == FieldTrainCode3
		if e.Kind == KindMoney {
			c.maxAmount = math.Inf(1)
			if e.MaxAmount > 0 {
				c.maxAmount = e.MaxAmount
				c.tooLarge = reasonTooLarge + dollars(e.MaxAmount)
			}
		}
		p.cols = append(p.cols, c)
	}
	sort.Slice(p.cols, func(i, j int) bool { return p.cols[i].idx < p.cols[j].idx })
	return p
}
