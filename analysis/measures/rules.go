package measures

import (
	"fmt"
	"strings"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// This file holds the record-level rules that every command shares — who is
// a participant of which program, which PIRL 923 codes take an exiter out,
// which elements are barriers, and a record's age at entry — so that
// `report`, `indicators`, `check` and `validate` cannot disagree on them
// (METHODS §2.1, §2.4, §2.8). Sources: the PY2022 Q4 public-use file record
// layout (codes) and its calculated items CALC4001–CALC4005 (DOL's program
// rules), TEGL 10-16 Attachment 2 (exclusions), WIOA sec. 3(24) (barriers).

// Participant reports whether record i is a participant of the program
// whose element is f, by the layout's codes and DOL's calculated items:
//
//	903 Adult, 905 Youth  1–3 (4 is a reportable individual)   CALC4001, CALC4003
//	904 Dislocated Worker 1–3, or 909 Rapid Response = 1       CALC4002
//	918 Wagner-Peyser     1 only (2 reportable individual, 9 unknown, 0 no)  CALC4005
func Participant(d *pirl.Data, f pirl.Field, i int) bool {
	c := d.Code(f, i)
	switch f {
	case pirl.FieldWagnerPeyser:
		return c == 1
	case pirl.FieldDW:
		return (c >= 1 && c <= 3) || d.Code(pirl.FieldRapidResponse, i) == 1
	}
	return c >= 1 && c <= 3
}

// Exclusions is the PIRL 923 rule: the codes that take an exiter out of the
// outcome measures of every program, and the further codes that do so for
// Youth only. TEGL 10-16 Attachment 2: 01 institutionalized, 02 health or
// medical, 03 deceased, 04 reserve forces called to active duty and 07
// criminal offender for every program; 05 foster care for Youth only (the
// layout: "Youth participants only"); 06 (ineligible) applies only to
// Vocational Rehabilitation and is never an exclusion by default.
type Exclusions struct {
	All   []int // exclude_923_codes
	Youth []int // exclude_923_codes_youth: further codes for Youth records
}

// DefaultExclusions returns 01–04 and 07 for every program and 05 for Youth.
func DefaultExclusions() Exclusions {
	return Exclusions{All: []int{1, 2, 3, 4, 7}, Youth: []int{5}}
}

// Codes returns the codes that exclude an exiter of a Youth record (youth)
// or of any other program, in ascending order without repeats.
func (e Exclusions) Codes(youth bool) []int {
	var seen [128]bool
	var out []int
	add := func(cs []int) {
		for _, c := range cs {
			if c >= 0 && c < 128 {
				seen[c] = true
			}
		}
	}
	add(e.All)
	if youth {
		add(e.Youth)
	}
	for c, ok := range seen {
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// Table returns, for the two kinds of record (index 0 other programs, 1
// Youth), which 923 codes exclude; indexed by the code (MissingCode never
// excludes).
func (e Exclusions) Table() (t [2][128]bool) {
	for k, youth := range [2]bool{false, true} {
		for _, c := range e.Codes(youth) {
			t[k][c] = true
		}
	}
	return t
}

// Validate refuses codes that PIRL 923 does not have (1–7; 0 is "no").
func (e Exclusions) Validate() error {
	for _, l := range []struct {
		key   string
		codes []int
	}{{"exclude_923_codes", e.All}, {"exclude_923_codes_youth", e.Youth}} {
		for _, c := range l.codes {
			if c < 1 || !pirl.Elements[pirl.FieldOtherExit].ValidCode(c) {
				return fmt.Errorf("exclusion list (%s): %s code %d is not an exclusion code (1–7)", l.key, pirl.FieldOtherExit, c)
			}
		}
	}
	return nil
}

// String describes the rule: "01–04, 07 (every program); 05 (Youth only)".
func (e Exclusions) String() string {
	all := e.Codes(false)
	var youth []int
	for _, c := range e.Codes(true) {
		if !contains(all, c) {
			youth = append(youth, c)
		}
	}
	s := "none"
	if len(all) > 0 {
		s = codeList(all)
	}
	s += " (every program)"
	if len(youth) > 0 {
		s += "; " + codeList(youth) + " (Youth only)"
	}
	return s
}

func contains(cs []int, c int) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func codeList(cs []int) string {
	p := make([]string, len(cs))
	for k, c := range cs {
		p[k] = fmt.Sprintf("%02d", c)
	}
	return strings.Join(p, ", ")
}

// DefaultBarrierFields are the barriers to employment of WIOA sec. 3(24) as
// the PIRL records them (METHODS §2): 402 long-term unemployed, 600 TANF,
// 601 exhausting TANF within 2 years, 602 SSI/SSDI, 603 SNAP, 704 foster
// care youth, 800 homeless, 801 ex-offender, 802 low income, 803 English
// learner, 804 basic skills deficient, 805 cultural barriers, 806 single
// parent, 807 displaced homemaker, 808 migrant and seasonal farmworker, and
// 202 individual with a disability.
func DefaultBarrierFields() []pirl.Field {
	return []pirl.Field{
		pirl.FieldLongTermUnemployed, pirl.FieldTANF, pirl.FieldExhaustingTANF, pirl.FieldSSI, pirl.FieldSNAP,
		pirl.FieldFosterCare, pirl.FieldHomeless, pirl.FieldExOffender, pirl.FieldLowIncome,
		pirl.FieldEnglishLearner, pirl.FieldBasicSkills, pirl.FieldCulturalBarriers, pirl.FieldSingleParent,
		pirl.FieldDisplacedHomemaker, pirl.FieldFarmworker, pirl.FieldDisability,
	}
}

// BarrierYes reports whether code c of barrier element f is a "yes": 602
// 1–6 (SSI, SSDI, both, with or without a Ticket to Work), 808 1–5 (the
// farmworker and dependant categories), every other barrier 1. 9 (unknown,
// did not self-identify, or for 601 not applicable) and blank are not yes.
func BarrierYes(f pirl.Field, c int8) bool {
	switch f {
	case pirl.FieldSSI:
		return c >= 1 && c <= 6
	case pirl.FieldFarmworker:
		return c >= 1 && c <= 5
	}
	return c == 1
}

// ParseBarriers turns the configuration's barrier list (PIRL numbers such as
// "402", "PIRL 808") into fields. Only elements of DefaultBarrierFields may
// be listed, each once, and at least one.
func ParseBarriers(keys []string) ([]pirl.Field, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("barriers: the list is empty (give PIRL numbers such as 402, 600, 802, or leave the key out for the default)")
	}
	allowed := DefaultBarrierFields()
	var out []pirl.Field
	for _, k := range keys {
		f, ok := pirl.MatchHeader(k)
		if !ok || !containsField(allowed, f) {
			nums := make([]string, len(allowed))
			for j, a := range allowed {
				nums[j] = pirl.Elements[a].Number
			}
			return nil, fmt.Errorf("barriers: %q is not a barrier element (use PIRL numbers among %s)", k, strings.Join(nums, ", "))
		}
		if containsField(out, f) {
			return nil, fmt.Errorf("barriers: %s is listed twice", f)
		}
		out = append(out, f)
	}
	return out, nil
}

func containsField(fs []pirl.Field, f pirl.Field) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// MaxAge bounds a plausible CALC4039 age; a larger one is read as unknown.
const MaxAge = 120

// AgeAtEntry returns record i's age at program entry in whole years: from
// the birth date (200) and entry date (900) when both are there, else from
// DOL's calculated age at participation (CALC4039, the public-use file's
// age, where 200 is blank; it is "calculated from Item 200 and Item 900",
// so it is the same quantity). ok is false when neither gives an age.
func AgeAtEntry(d *pirl.Data, i int) (age int, ok bool) {
	if a, ok := AgeAt(d.Date(pirl.FieldBirthDate, i), d.Date(pirl.FieldEntry, i)); ok {
		return a, true
	}
	if a := d.Int(pirl.FieldCalcAge, i); a != pirl.MissingInt && a >= 0 && a <= MaxAge {
		return int(a), true
	}
	return 0, false
}

// HasAge reports whether the file can give ages: 200 and 900, or CALC4039.
func HasAge(d *pirl.Data) bool {
	return (d.Has(pirl.FieldBirthDate) && d.Has(pirl.FieldEntry)) || d.Has(pirl.FieldCalcAge)
}
