package indicators

import (
	"fmt"
	"math"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Agreement compares the tool's per-record results with DOL's own, where the
// file carries DOL's calculated items (the public-use file's CALC40xx): for
// each (program, indicator) of a program year, how many records of the
// cohort the tool computes as DOL does and how many differently.
type Agreement struct {
	ProgramYear int
	Items       []ItemAgreement // in Program, then Indicator order; then the program items
}

// ItemAgreement is the comparison of one calculated item.
type ItemAgreement struct {
	// What is an indicator id ("ERQ2", …) with Program set, or "program"
	// for the program membership items CALC4001–CALC4005 (Program is the
	// program they decide).
	What    string
	Program Program
	Calc    pirl.Field
	// Same and Different count records where both the tool and DOL have a
	// result (MEQ2: both count the record's earnings; same when they differ
	// by less than a dollar, the public-use file's rounding).
	Same, Different int
	// ToolOnly counts records in the tool's denominator whose DOL item is
	// blank; DOLOnly records of the program in the cohort period that the
	// tool leaves out of its denominator while DOL's item holds a value.
	ToolOnly, DOLOnly int
	// Examples are the first MaxAgreementExamples disagreements: the data
	// row (1-based, in file order) and codes, never an identifier or amount.
	Examples []string
}

// MaxAgreementExamples is how many example lines an item keeps.
const MaxAgreementExamples = 5

// calcItem is the calculated item holding DOL's result of (p, k): CALC4013,
// CALC4017, CALC4015 for Adult, Dislocated Worker and Wagner-Peyser and
// their Youth counterparts CALC4014, CALC4018, CALC4016; CALC4019 CAR and
// CALC4007 MSG for every title I program.
func calcItem(p Program, k Indicator) pirl.Field {
	y := p == Youth
	switch k {
	case ERQ2:
		return pick(y, pirl.FieldCalcYouthEmpQ2, pirl.FieldCalcEmpQ2)
	case ERQ4:
		return pick(y, pirl.FieldCalcYouthEmpQ4, pirl.FieldCalcEmpQ4)
	case MEQ2:
		return pick(y, pirl.FieldCalcYouthEarnQ2, pirl.FieldCalcEarnQ2)
	case CAR:
		return pirl.FieldCalcCredential
	}
	return pirl.FieldCalcMSG
}

func pick(y bool, a, b pirl.Field) pirl.Field {
	if y {
		return a
	}
	return b
}

var programCalc = [NumPrograms]pirl.Field{pirl.FieldCalcAdult, pirl.FieldCalcDW, pirl.FieldCalcYouth, pirl.FieldCalcWP}

// HasCalc reports whether the file has any calculated item Agree compares.
func HasCalc(d *pirl.Data) bool {
	for _, f := range programCalc {
		if d.Has(f) {
			return true
		}
	}
	for p := Program(0); int(p) < NumPrograms; p++ {
		for k := Indicator(0); int(k) < NumIndicators; k++ {
			if k.Applies(p) && d.Has(calcItem(p, k)) {
				return true
			}
		}
	}
	return false
}

// Agree compares r's per-record outcomes (Compute's, on d) with DOL's
// calculated items in d, and the program membership rules with
// CALC4001–CALC4005 over every row. Items the file lacks are left out; the
// result has no items when the file has none.
func Agree(d *pirl.Data, r *Result) *Agreement {
	a := &Agreement{ProgramYear: r.ProgramYear}
	keep := r.Options.Restrict.Keeper(d) // only the records of --board (METHODS §3)
	for _, o := range r.Outcomes {
		f := calcItem(o.Program, o.Indicator)
		if !d.Has(f) {
			continue
		}
		a.Items = append(a.Items, agreeOutcome(d, o, f, keep))
	}
	for p := Program(0); int(p) < NumPrograms; p++ {
		f := programCalc[p]
		if !d.Has(f) || !d.Has(p.Field()) {
			continue
		}
		it := ItemAgreement{What: "program", Program: p, Calc: f}
		for i := 0; i < d.Rows; i++ {
			dol := d.Code(f, i)
			if dol == pirl.MissingCode || (keep != nil && !keep(i)) {
				continue
			}
			tool := measures.Participant(d, p.Field(), i)
			if tool == (dol == 1) {
				it.Same++
				continue
			}
			it.Different++
			it.example(fmt.Sprintf("%s: tool %s, %s = %d (%s = %s%s)", where(d, int(i)), yes(tool), f, dol,
				p.Field(), codeText(d.Code(p.Field(), i)), rapidText(d, p, i)))
		}
		a.Items = append(a.Items, it)
	}
	return a
}

func agreeOutcome(d *pirl.Data, o *Outcome, f pirl.Field, keep func(int) bool) ItemAgreement {
	it := ItemAgreement{What: o.Indicator.String(), Program: o.Program, Calc: f}
	in := make(map[int32]int, len(o.Rows))
	for k, i := range o.Rows {
		in[i] = k
		if o.Indicator == MEQ2 {
			dol := d.Num(f, int(i))
			switch {
			case math.IsNaN(dol):
				it.ToolOnly++
				it.example(fmt.Sprintf("%s: tool counts the earnings, %s blank (%s = %s)", where(d, int(i)), f, pirl.FieldEmpQ2, codeText(d.Code(pirl.FieldEmpQ2, int(i)))))
			case math.Abs(dol-o.Earnings[k]) < 1:
				it.Same++
			default:
				it.Different++
				it.example(fmt.Sprintf("%s: tool and %s count different earnings", where(d, int(i)), f))
			}
			continue
		}
		dol := d.Code(f, int(i))
		switch {
		case dol == pirl.MissingCode:
			it.ToolOnly++
			it.example(fmt.Sprintf("%s: tool %s, %s blank%s", where(d, int(i)), bit(o.Hit[k]), f, detail(d, o, int(i))))
		case (dol == 1) == o.Hit[k]:
			it.Same++
		default:
			it.Different++
			it.example(fmt.Sprintf("%s: tool %s, %s = %d%s", where(d, int(i)), bit(o.Hit[k]), f, dol, detail(d, o, int(i))))
		}
	}
	// Records of the program in the cohort period that the tool leaves out
	// (exclusions, outside the credential or MSG denominator, MEQ2 not
	// employed or no earnings) while DOL's item has a value.
	pf := o.Program.Field()
	for i := 0; i < d.Rows; i++ {
		if _, ok := in[int32(i)]; ok || !measures.Participant(d, pf, i) || (keep != nil && !keep(i)) {
			continue
		}
		if o.Indicator == MSG {
			if !inProgramYear(d, i, o.Window) {
				continue
			}
		} else if !o.Window.Contains(d.Date(pirl.FieldExit, i)) {
			continue
		}
		set := d.Code(f, i) != pirl.MissingCode
		if o.Indicator == MEQ2 {
			set = !math.IsNaN(d.Num(f, i))
		}
		if set {
			it.DOLOnly++
			it.example(fmt.Sprintf("%s: not in the tool's denominator, %s set%s", where(d, int(i)), f, detail(d, o, i)))
		}
	}
	return it
}

func (it *ItemAgreement) example(s string) {
	if len(it.Examples) < MaxAgreementExamples {
		it.Examples = append(it.Examples, s)
	}
}

// detail names the codes that decided the tool's result.
func detail(d *pirl.Data, o *Outcome, i int) string {
	s := ""
	if oc := d.Code(pirl.FieldOtherExit, i); oc > 0 {
		s += fmt.Sprintf("; %s = %02d", pirl.FieldOtherExit, oc)
	}
	switch o.Indicator {
	case ERQ2, MEQ2:
		s += fmt.Sprintf("; %s = %s", pirl.FieldEmpQ2, codeText(d.Code(pirl.FieldEmpQ2, i)))
		if o.Program == Youth && o.Indicator == ERQ2 {
			s += fmt.Sprintf(", %s = %s", pirl.FieldYouthQ2, codeText(d.Code(pirl.FieldYouthQ2, i)))
		}
	case ERQ4:
		s += fmt.Sprintf("; %s = %s", pirl.FieldEmpQ4, codeText(d.Code(pirl.FieldEmpQ4, i)))
		if o.Program == Youth {
			s += fmt.Sprintf(", %s = %s", pirl.FieldYouthQ4, codeText(d.Code(pirl.FieldYouthQ4, i)))
		}
	case CAR:
		s += fmt.Sprintf("; %s = %s", pirl.FieldCredType1, codeText(d.Code(pirl.FieldCredType1, i)))
	}
	return s
}

func rapidText(d *pirl.Data, p Program, i int) string {
	if p != DW || !d.Has(pirl.FieldRapidResponse) {
		return ""
	}
	return fmt.Sprintf(", %s = %s", pirl.FieldRapidResponse, codeText(d.Code(pirl.FieldRapidResponse, i)))
}

func codeText(c int8) string {
	if c == pirl.MissingCode {
		return "blank"
	}
	return fmt.Sprint(c)
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func yes(b bool) string {
	if b {
		return "in the program"
	}
	return "not in the program"
}

// InferProgramYear returns the program year of the latest exit date in d
// (July 1 to June 30): the year a public-use file's calculated items are
// for when no program year is given (a PY2022 Q4 file's latest exits are
// in PY 2022). ok is false when no record has an exit date.
func InferProgramYear(d *pirl.Data) (py int, ok bool) {
	last := pirl.MissingDate
	for i := 0; i < d.Rows; i++ {
		if x := d.Date(pirl.FieldExit, i); x != pirl.MissingDate && x > last {
			last = x
		}
	}
	if last == pirl.MissingDate {
		return 0, false
	}
	y, m, _ := pirl.Civil(last)
	if m < 7 {
		y--
	}
	return y, true
}

// where names data row i in an example: the file line it starts on, or,
// for data not read from a file, its row number (1 = the first record).
func where(d *pirl.Data, i int) string {
	if l := d.Line(i); l > 0 {
		return fmt.Sprintf("line %d", l)
	}
	return fmt.Sprintf("row %d", i+1)
}
