package indicators

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Group index values of a Dimension other than a group.
const (
	Unknown = -1 // the dimension is not known for the record: left out of its comparisons
	Rest    = -2 // known, in none of the listed groups: part of every group's "rest" only
)

// Dimension is a breakdown: named groups, each compared with the rest of the
// records whose dimension is known.
type Dimension struct {
	ID     string   // the --by name: sex, race, age, education, disability, barriers, board
	Label  string   // prefix of group names, e.g. "Sex" in "Sex: Women"
	Groups []string // group names without the prefix
	// Of returns the group of data row i, Unknown or Rest.
	Of func(i int) int
}

// GroupName is the full group name of a result row, e.g. "Sex: Women".
func (m *Dimension) GroupName(g int) string { return m.Label + ": " + m.Groups[g] }

// DimensionIDs are the --by names, in report order.
var DimensionIDs = []string{"sex", "race", "age", "education", "disability", "barriers", "board"}

// RaceNames are the race/ethnicity groups of DOL's WIOA public-use file.
var RaceNames = []string{"Hispanic/Latino", "Asian", "Black/African American",
	"Native Hawaiian/Other Pacific Islander", "American Indian/Alaska Native", "White", "Two or more races"}

// AgeBandNames are the ETA-9169 age groups (age at program entry).
var AgeBandNames = []string{"Under 16", "16-18", "19-24", "25-44", "45-54", "55-59", "60 and over"}

// barrierNames names the barriers of measures.BarrierFields (disability is a dimension of its own).
var barrierNames = map[pirl.Field]string{
	pirl.FieldLongTermUnemployed: "Long-term unemployed",
	pirl.FieldTANF:               "TANF recipient",
	pirl.FieldSSI:                "SSI/SSDI recipient",
	pirl.FieldSNAP:               "SNAP recipient",
	pirl.FieldHomeless:           "Homeless",
	pirl.FieldExOffender:         "Ex-offender",
	pirl.FieldLowIncome:          "Low income",
	pirl.FieldEnglishLearner:     "English language learner",
	pirl.FieldBasicSkills:        "Basic skills deficient",
	pirl.FieldSingleParent:       "Single parent",
	pirl.FieldExhaustingTANF:     "Exhausting TANF within 2 years",
	pirl.FieldFosterCare:         "Foster care youth",
	pirl.FieldCulturalBarriers:   "Cultural barriers",
	pirl.FieldDisplacedHomemaker: "Displaced homemaker",
	pirl.FieldFarmworker:         "Migrant or seasonal farmworker",
}

// Dimensions builds the requested breakdowns (ids from DimensionIDs, in any
// order; reported in DimensionIDs order). A breakdown whose columns are absent
// is skipped and named in skipped. "barriers" gives one dimension per barrier
// element present.
func Dimensions(d *pirl.Data, by []string) (dims []Dimension, skipped []string, err error) {
	want := map[string]bool{}
	for _, id := range by {
		id = strings.ToLower(strings.TrimSpace(id))
		if id == "" {
			continue
		}
		ok := false
		for _, k := range DimensionIDs {
			ok = ok || k == id
		}
		if !ok {
			return nil, nil, fmt.Errorf("unknown breakdown %q (known: %s)", id, strings.Join(DimensionIDs, ", "))
		}
		want[id] = true
	}
	need := func(id string, fs ...pirl.Field) bool {
		if !want[id] {
			return false
		}
		for _, f := range fs {
			if !d.Has(f) {
				skipped = append(skipped, fmt.Sprintf("%s (needs %s)", id, f.Label()))
				return false
			}
		}
		return true
	}
	if need("sex", pirl.FieldSex) {
		dims = append(dims, Dimension{ID: "sex", Label: "Sex", Groups: measures.SexNames[:], Of: func(i int) int {
			if s := measures.SexOf(d.Code(pirl.FieldSex, i)); s != measures.SexUnknown {
				return int(s)
			}
			return Unknown
		}})
	}
	raceItems := []pirl.Field{pirl.FieldHispanic, pirl.FieldAIAN, pirl.FieldAsian, pirl.FieldBlack, pirl.FieldNHOPI, pirl.FieldWhite}
	if want["race"] && d.Has(pirl.FieldCalcRace) && !hasAll(d, raceItems) {
		// CALC4020 alone (or with only some of 210–215): raceGroup falls back on it.
		dims = append(dims, Dimension{ID: "race", Label: "Race/ethnicity", Groups: RaceNames, Of: func(i int) int { return raceGroup(d, i) }})
	} else if need("race", raceItems...) {
		dims = append(dims, Dimension{ID: "race", Label: "Race/ethnicity", Groups: RaceNames, Of: func(i int) int { return raceGroup(d, i) }})
	}
	if want["age"] && measures.HasAge(d) {
		dims = append(dims, Dimension{ID: "age", Label: "Age at entry", Groups: AgeBandNames, Of: func(i int) int {
			age, ok := measures.AgeAtEntry(d, i) // 200 and 900, else CALC4039
			if !ok {
				return Unknown
			}
			return ageGroup(age)
		}})
	} else if want["age"] {
		skipped = append(skipped, "age (needs "+pirl.FieldBirthDate.Label()+" and "+pirl.FieldEntry.String()+", or "+pirl.FieldCalcAge.Label()+")")
	}
	if want["education"] {
		if !d.Has(pirl.FieldEduLevel) && !d.Has(pirl.FieldGrade) {
			skipped = append(skipped, "education (needs "+pirl.FieldEduLevel.Label()+")")
		} else {
			dims = append(dims, Dimension{ID: "education", Label: "Education", Groups: measures.EduNames[:], Of: func(i int) int {
				g := measures.EduGroup(d.Code(pirl.FieldEduLevel, i), d.Code(pirl.FieldGrade, i))
				if g < 0 {
					return Unknown
				}
				return int(g)
			}})
		}
	}
	if need("disability", pirl.FieldDisability) {
		dims = append(dims, yesNo(d, "disability", "Disability", "Individual with a disability", pirl.FieldDisability))
	}
	if want["barriers"] {
		n := 0
		for _, f := range measures.BarrierFields() {
			if name, ok := barrierNames[f]; ok && d.Has(f) {
				dims = append(dims, yesNo(d, "barriers", "Barrier", name, f))
				n++
			}
		}
		if n == 0 {
			skipped = append(skipped, "barriers (no barrier column in the file)")
		}
	}
	boardField := pirl.FieldBoard
	if d.Has(pirl.FieldBoardName) {
		boardField = pirl.FieldBoardName // LOCAL_BOARD_NAME names the board
	}
	if need("board", boardField) {
		c := &d.Cols[boardField]
		names := append([]string(nil), c.Dict...)
		sort.Strings(names)
		pos := make([]int, len(c.Dict)) // dictionary index → sorted group
		for k, s := range c.Dict {
			pos[k] = sort.SearchStrings(names, s)
		}
		dims = append(dims, Dimension{ID: "board", Label: "Board", Groups: names, Of: func(i int) int {
			if k := c.DictIndex(i); k >= 0 {
				return pos[k]
			}
			return Unknown
		}})
	}
	return dims, skipped, nil
}

// yesNo is a one-group dimension: code 1 (602: 1–6) is the group, 0 the rest,
// anything else unknown.
func yesNo(d *pirl.Data, id, label, name string, f pirl.Field) Dimension {
	return Dimension{ID: id, Label: label, Groups: []string{name}, Of: func(i int) int {
		c := d.Code(f, i)
		switch {
		case measures.BarrierYes(f, c): // 1; 602 1–6; 808 1–5
			return 0
		case c == 0:
			return Rest
		}
		return Unknown
	}}
}

// hasAll reports whether the file has every one of fs.
func hasAll(d *pirl.Data, fs []pirl.Field) bool {
	for _, f := range fs {
		if !d.Has(f) {
			return false
		}
	}
	return true
}

// raceGroup follows DOL's public-use file: Hispanic/Latino (210 = 1) of any
// race; otherwise the one race among 211–215 answered 1, or two or more
// races; unknown when none is 1 (and 210 is not 1). When all of 210–215 are
// blank for the record (or absent), DOL's single-response CALC4020 is used:
// its codes 1 Hispanic, 2 Asian, 3 Black, 4 NHOPI, 5 AIAN, 6 White, 7
// multiple race (each "not Hispanic" but 1) are RaceNames in order.
func raceGroup(d *pirl.Data, i int) int {
	blank := true
	for _, f := range [6]pirl.Field{pirl.FieldHispanic, pirl.FieldAIAN, pirl.FieldAsian, pirl.FieldBlack, pirl.FieldNHOPI, pirl.FieldWhite} {
		if d.Code(f, i) != pirl.MissingCode {
			blank = false
			break
		}
	}
	if blank {
		if c := d.Code(pirl.FieldCalcRace, i); c >= 1 && c <= 7 {
			return int(c) - 1
		}
		return Unknown
	}
	if d.Code(pirl.FieldHispanic, i) == 1 {
		return 0
	}
	// Fields in RaceNames order: Asian, Black, NHOPI, AIAN, White.
	fs := [5]pirl.Field{pirl.FieldAsian, pirl.FieldBlack, pirl.FieldNHOPI, pirl.FieldAIAN, pirl.FieldWhite}
	g, n := Unknown, 0
	for k, f := range fs {
		if d.Code(f, i) == 1 {
			g = k + 1
			n++
		}
	}
	if n > 1 {
		return len(RaceNames) - 1
	}
	return g
}

// ageBand returns the ETA-9169 age group at program entry, in whole years
// (a birthday on the entry date counts), or Unknown.
func ageBand(birth, entry int32) int {
	age, ok := measures.AgeAt(birth, entry)
	if !ok {
		return Unknown
	}
	return ageGroup(age)
}

// ageGroup is the ETA-9169 age group of an age in whole years.
func ageGroup(age int) int {
	switch {
	case age < 16:
		return 0
	case age <= 18:
		return 1
	case age <= 24:
		return 2
	case age <= 44:
		return 3
	case age <= 54:
		return 4
	case age <= 59:
		return 5
	}
	return 6
}
