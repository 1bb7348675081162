package pirl

//go:generate go run ./internal/gen

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// LayoutElement is one element of the official PY2022 Q4 public-use-file
// record layout (testdata/layout, generated into layout_gen.go).
type LayoutElement struct {
	// Number is the element number as Element.Number writes it: "201",
	// "108A" (the layout's "108-A"), "CALC4039" for calculated items, and
	// "Report_Quarter" for the one unnumbered item.
	Number string
	// Header is the public-use file's header of the column: "PIRL201",
	// "PIRL108A", "CALC4039".
	Header string
	Name   string      // official element name, lines joined ("Sex (WIOA)")
	Type   string      // data type and length ("IN 1", "DT 8", "AN 12")
	Codes  []CodeValue // the code values listed ("1" = "Male", …); none for dates, amounts, text
	PUF    string      // what the public-use file does with it ("Encrypted", "This Item is blank …")
}

// CodeValue is one code of a layout element.
type CodeValue struct{ Code, Label string }

// ShortName is one of DOL's short variable names (GENDER, EXIT_DT, EMPQ2)
// and the element number it names.
type ShortName struct{ Name, Number string }

// layoutIndex maps an element number to its index in pufPY2022Q4.
var layoutIndex = func() map[string]int {
	m := make(map[string]int, len(pufPY2022Q4))
	for i, e := range pufPY2022Q4 {
		m[e.Number] = i
	}
	return m
}()

// OfficialLayout returns the elements of the PY2022 Q4 public-use-file
// layout in the layout's order (a copy).
func OfficialLayout() []LayoutElement { return append([]LayoutElement(nil), pufPY2022Q4...) }

// LookupElement returns the official layout element of an element number
// ("201", "108A", "CALC4039").
func LookupElement(number string) (LayoutElement, bool) {
	i, ok := layoutIndex[strings.ToUpper(strings.ReplaceAll(number, "-", ""))]
	if !ok {
		i, ok = layoutIndex[number]
	}
	if !ok {
		return LayoutElement{}, false
	}
	return pufPY2022Q4[i], true
}

// DOLShortNames returns DOL's short variable names of the layout's elements.
func DOLShortNames() []ShortName { return append([]ShortName(nil), dolShortNames...) }

// Built-in layouts, for --layout NAME.
const LayoutPUFPY2022Q4 = "puf-py2022q4"

// LayoutNames lists the built-in layouts.
func LayoutNames() []string { return []string{LayoutPUFPY2022Q4} }

// BuiltinLayout returns the column headers of a built-in layout, in column
// order: puf-py2022q4 is the public-use file's columns in the official
// layout's order (PIRL100 … PIRL3007, CALC4000 … CALC4041, Report_Quarter).
func BuiltinLayout(name string) ([]string, bool) {
	switch strings.ToLower(name) {
	case LayoutPUFPY2022Q4:
		h := make([]string, len(pufPY2022Q4))
		for i, e := range pufPY2022Q4 {
			h[i] = e.Header
		}
		return h, true
	}
	return nil, false
}

// ResolveLayout returns the headers of --layout NAME|FILE: a built-in
// layout by name, else a file with one header per line, in column order.
// In a file, lines starting with "#" are comments, surrounding spaces and
// one level of double quotes are removed, and a blank line is a column
// without a name (not read). The file is read with a size limit
// (sizelimit.Columns).
func ResolveLayout(spec string) ([]string, error) {
	if h, ok := BuiltinLayout(spec); ok {
		return h, nil
	}
	fh, err := sizelimit.Open(spec, sizelimit.Columns)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(spec, `/\.`) {
			return nil, fmt.Errorf("--layout %q: no built-in layout of that name (built in: %s) and no such file", spec, strings.Join(LayoutNames(), ", "))
		}
		return nil, err
	}
	defer fh.Close()
	var h []string
	err = eachLine(fh, spec, func(_ int, t string) error {
		h = append(h, unquote(t))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for len(h) > 0 && h[len(h)-1] == "" {
		h = h[:len(h)-1]
	}
	if len(h) == 0 {
		return nil, fmt.Errorf("%s: the layout file lists no columns (one header per line)", spec)
	}
	if len(h) == 1 && strings.ContainsAny(h[0], ",\t|;") {
		return nil, fmt.Errorf("%s:1: the layout file has one line with delimiters; give one header per line", spec)
	}
	return h, nil
}
