package pirl

import (
	"regexp"
	"strconv"
	"strings"
)

// NoField marks a recognised element that the tool does not read.
const NoField = NumFields

// Ident is what a header names: an element of the official layout (read by
// the tool or not) or an extension column.
type Ident struct {
	// Known is false for a header that names nothing the tool knows.
	Known bool
	// Element is the layout element number ("201", "108A", "CALC4039"), or
	// "" for an extension column (tract_geoid, LOCAL_BOARD_NAME).
	Element string
	// Name is the official element name, or the extension column's name.
	Name string
	// Field is the field read from the column, NoField when the tool does
	// not read that element.
	Field Field
	// How says how the header was recognised: "number", "name",
	// "number and name", "DOL short name", "alias", "older calculated-item
	// number" (PIRL 3042 = CALC4039 in the PY2017–PY2020 files).
	How string
}

// Read reports whether the tool reads the column.
func (id Ident) Read() bool { return id.Known && id.Field < NumFields }

const (
	howNumber  = "number"
	howName    = "name"
	howNumName = "number and name"
	howShort   = "DOL short name"
	howAlias   = "alias"
	howOld     = "older calculated-item number"
)

// fieldElement is the layout element number of a field: its PIRL number,
// the CALC item of a calculated field, "" for an extension column.
func fieldElement(f Field) string {
	e := &Elements[f]
	if e.Number != "" {
		return e.Number
	}
	if f.IsCalc() {
		return e.Name
	}
	return ""
}

// fieldOf maps a layout element number to the field read from it.
var fieldOf = func() map[string]Field {
	m := make(map[string]Field)
	for f := Field(0); f < NumFields; f++ {
		if n := fieldElement(f); n != "" {
			m[n] = f
		}
	}
	return m
}()

// stripWIOA drops a trailing "wioa" from a normalised key: the layout
// writes "(WIOA)", "WIOA)", "(WIOA" or nothing, files the same or not.
func stripWIOA(k string) string {
	if s, ok := strings.CutSuffix(k, "wioa"); ok && s != "" {
		return s
	}
	return k
}

// nameKey is the key of an element name: normKey without "(WIOA)".
func nameKey(s string) string { return stripWIOA(normKey(s)) }

// target is what a key names: a layout element or an extension field.
type target struct {
	element string // layout number, "" for an extension column
	field   Field  // for an extension column, or the field of element
	how     string
}

// identKeys maps a name key (nameKey) to what it names. Built from, in
// order of precedence: the fields' own names and aliases (Elements), the
// official names of every layout element, and DOL's short names. A key two
// layout elements share names neither (dropped as ambiguous).
var identKeys = buildIdentKeys()

func buildIdentKeys() map[string]target {
	m := make(map[string]target)
	ambiguous := make(map[string]bool)
	add := func(k string, t target) {
		if k == "" || ambiguous[k] {
			return
		}
		if old, ok := m[k]; ok {
			if old.element != t.element || (t.element == "" && old.field != t.field) {
				if old.how == howName && t.how == howName {
					delete(m, k) // two official names alike: neither
					ambiguous[k] = true
				}
				return // the earlier source wins
			}
			return
		}
		m[k] = t
	}
	for f := Field(0); f < NumFields; f++ {
		e := &Elements[f]
		n := fieldElement(f)
		t := target{element: n, field: f, how: howName}
		if n == "" {
			t.how = howAlias
		}
		if !f.IsCalc() { // a CALC field's Name is its number ("CALC4039")
			add(nameKey(e.Name), t)
			add(normKey(e.Name), t)
		}
		for i, a := range e.Aliases {
			if k := normKey(a); isNumberHeader(k) {
				continue // "PIRL4039", "PIRL3042": numbers, read as numbers
			}
			ta := t
			if !(f.IsCalc() && i == 0) && n != "" {
				ta.how = howAlias
			}
			add(nameKey(a), ta)
		}
	}
	for _, e := range pufPY2022Q4 {
		t := target{element: e.Number, field: NoField, how: howName}
		if f, ok := fieldOf[e.Number]; ok {
			t.field = f
		}
		add(nameKey(e.Name), t)
		if k := normKey(e.Header); !isNumberHeader(k) {
			add(k, t) // Report_Quarter
		}
	}
	for _, s := range dolShortNames {
		if genericShortNames[s.Name] {
			continue
		}
		t := target{element: s.Number, field: NoField, how: howShort}
		if f, ok := fieldOf[s.Number]; ok {
			t.field = f
		}
		add("$"+normKey(s.Name), t) // exact short names: see identify
	}
	return m
}

// genericShortNames are DOL short names too common as other columns' names
// to be read as the element: a file's "ID" column is as likely a row number
// as PIRL 100, and hashing row numbers as identifiers would make every
// period a distinct participant. Map it with --columns when it is PIRL 100.
var genericShortNames = map[string]bool{"ID": true}

// isNumberHeader reports whether a normalised key is a number spelling
// ("pirl4039", "p201", "calc4039", "201", "x201").
func isNumberHeader(k string) bool {
	_, _, ok := splitNumber(k)
	return ok
}

// splitNumber splits a normalised key into its prefix ("pirl", "p",
// "calc", "") and number ("201", "108a"), after an R-mangling "x" before a
// digit ("X201", the name R's make.names gives the header "201").
func splitNumber(k string) (prefix, num string, ok bool) {
	if len(k) > 1 && k[0] == 'x' && k[1] >= '0' && k[1] <= '9' {
		k = k[1:]
	}
	for _, p := range []string{"pirl", "calc", "p", ""} {
		if s, found := strings.CutPrefix(k, p); found && isNumberish(s) {
			return p, s, true
		}
	}
	return "", "", false
}

// numberElement resolves a number spelling to a layout element number.
// old says the file numbers calculated items in the older series (PIRL
// 3000–3043 of the PY2017–PY2020 public-use files): then 3004–3007 are
// CALC4004–CALC4007 rather than the PY2021 elements of those numbers.
func numberElement(prefix, num string, old bool) (element, how string) {
	n, err := strconv.Atoi(num)
	letter := err != nil
	if letter {
		// "108a": digits and one letter.
		up := strings.ToUpper(num)
		if prefix == "calc" {
			return "", ""
		}
		if _, ok := layoutIndex[up]; ok {
			return up, howNumber
		}
		return "", ""
	}
	if prefix == "calc" {
		if n >= 4000 && n <= 4041 {
			return "CALC" + num, howNumber
		}
		return "", ""
	}
	if n >= 4000 && n <= 4041 {
		return "CALC" + num, howNumber // PIRL4039 (PY2021), 4039
	}
	if n >= 3000 && n <= 3043 {
		if _, cur := layoutIndex[num]; cur && !old {
			return num, howNumber
		}
		if c := oldCalc(n); c != "" {
			return c, howOld
		}
		return "", ""
	}
	if _, ok := layoutIndex[num]; ok {
		return num, howNumber
	}
	return "", ""
}

// oldCalc maps a calculated-item number of the PY2017–PY2020 public-use
// files to its CALC item: 3000–3019 → CALC4000–CALC4019, 3023–3043 →
// CALC4020–CALC4040 (3020–3022 were WIA measures). Sources: DOL's PIRL_key
// (3001–3041 by name) and jcanedy/retrainability-index's readers by year
// (3023 race, 3042 age, 3043 program year); see testdata/layout/SOURCE.txt.
func oldCalc(n int) string {
	switch {
	case n >= 3000 && n <= 3019:
		return "CALC" + strconv.Itoa(n+1000)
	case n >= 3023 && n <= 3043:
		return "CALC" + strconv.Itoa(n+997)
	}
	return ""
}

// numName splits "1602 Employed in 2nd Quarter After Exit Quarter (WIOA)",
// "PIRL 108-A: ETA-Assigned …" and R's "X1602.Employed.in…" into number and
// name.
var numName = regexp.MustCompile(`^\s*(?i:x|pirl|calc|p)?[\s._-]*(\d{3,4})(?:-?([A-Ca-c]))?(?:[\s:._\x{2013}\x{2014}-]+)([A-Za-z(].*)$`)

// Identify returns what a header names. See MatchHeader for the spellings.
// Numbers 3004–3007 are read as the PY2022 layout's elements; a file in the
// older calculated-item series is recognised by IdentifyHeader.
func Identify(h string) Ident { return identify(h, false) }

// IdentifyHeader identifies every header of a file, deciding from the whole
// header whether its 30xx numbers are the older calculated-item series: they
// are when some header is a number 3000–3043 that the PY2022 layout does not
// have (3004–3007 are the only ones it has).
func IdentifyHeader(header []string) []Ident {
	old := false
	for _, h := range header {
		if p, num, ok := splitNumber(normKey(h)); ok && p != "calc" {
			if n, err := strconv.Atoi(num); err == nil && n >= 3000 && n <= 3043 {
				if _, cur := layoutIndex[num]; !cur {
					old = true
					break
				}
			}
		}
	}
	ids := make([]Ident, len(header))
	for i, h := range header {
		ids[i] = identify(h, old)
	}
	return ids
}

// unknown is the Ident of a header that names nothing known.
var unknown = Ident{Field: NoField}

func identify(h string, old bool) Ident {
	k := normKey(h)
	if k == "" {
		return unknown
	}
	if t, ok := identKeys[nameKey(k)]; ok && !isNumberHeader(k) {
		return makeIdent(t.element, t.field, t.how)
	}
	if prefix, num, ok := splitNumber(k); ok {
		if el, how := numberElement(prefix, num, old); el != "" {
			return makeIdent(el, NoField, how)
		}
		return unknown
	}
	// DOL's short names, exactly (case aside): GENDER, EXIT_DT, EMPQ2.
	if t, ok := identKeys["$"+k]; ok {
		return makeIdent(t.element, t.field, t.how)
	}
	if m := numName.FindStringSubmatch(h); m != nil {
		prefix := ""
		if p := normKey(h[:strings.Index(h, m[1])]); p == "calc" {
			prefix = p
		}
		el, how := numberElement(prefix, m[1]+strings.ToLower(m[2]), old)
		if el == "" {
			return unknown
		}
		rest := nameKey(m[3])
		if t, ok := identKeys[rest]; ok && t.element != el {
			return unknown // "201 Date of Birth": the name says another element
		}
		if how == howNumber {
			how = howNumName
		}
		return makeIdent(el, NoField, how)
	}
	return unknown
}

// makeIdent fills an Ident for a layout element (or, with element "", the
// extension field f).
func makeIdent(element string, f Field, how string) Ident {
	id := Ident{Known: true, Element: element, Field: NoField, How: how}
	if element == "" {
		id.Field, id.Name = f, Elements[f].Name
		return id
	}
	if g, ok := fieldOf[element]; ok {
		id.Field = g
	}
	if e, ok := LookupElement(element); ok {
		id.Name = e.Name
	} else if id.Field < NumFields {
		id.Name = Elements[id.Field].Name
	}
	return id
}
