package synth

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// HeaderStyle is how the header row names PIRL elements; the styles are the
// variants METHODS §1.1 requires readers to accept.
type HeaderStyle string

// Header styles, shown for element 201.
const (
	StylePIRL   HeaderStyle = "pirl"   // PIRL201
	StyleSpace  HeaderStyle = "space"  // PIRL 201
	StyleP      HeaderStyle = "p"      // p201
	StyleNumber HeaderStyle = "number" // 201
	StyleDash   HeaderStyle = "dash"   // PIRL-201
	StyleNames  HeaderStyle = "names"  // Sex (WIOA)
)

// Styles lists every header style.
func Styles() []HeaderStyle {
	return []HeaderStyle{StylePIRL, StyleSpace, StyleP, StyleNumber, StyleDash, StyleNames}
}

// ParseStyle returns the style of that name.
func ParseStyle(s string) (HeaderStyle, error) {
	for _, st := range Styles() {
		if string(st) == strings.ToLower(strings.TrimSpace(s)) {
			return st, nil
		}
	}
	names := make([]string, 0, 6)
	for _, st := range Styles() {
		names = append(names, string(st))
	}
	return "", fmt.Errorf("unknown header style %q (want %s)", s, strings.Join(names, ", "))
}

// Header returns the column name of field f in this style. Extension columns
// (tract_geoid, hourly_wage, …) have the same name in every style.
func (s HeaderStyle) Header(f pirl.Field) string {
	e := &pirl.Elements[f]
	if e.Number == "" {
		return e.Name
	}
	return s.number(e.Number, e.Name)
}

func (s HeaderStyle) number(num, name string) string {
	switch s {
	case StylePIRL:
		return "PIRL" + num
	case StyleP:
		return "p" + num
	case StyleNumber:
		return num
	case StyleDash:
		return "PIRL-" + num
	case StyleNames:
		return name
	}
	return "PIRL " + num
}

// column is one column of the generated file: a field, or a filler column
// (field < 0) holding a constant (often empty) value.
type column struct {
	field  int
	number string // PIRL number, "" for extension columns
	name   string
	fill   []byte
}

// fillerBlocks are the element-number ranges of the PIRL; filler columns take
// numbers from them that the tool does not read, so readers must skip many
// plausible-looking columns.
var fillerBlocks = []int{100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200}

// fillerValues cycles over filler columns: mostly empty, some constant codes.
var fillerValues = [][]byte{nil, nil, []byte("0"), nil, nil, nil, nil, []byte("9"), nil, nil, nil, nil, nil, []byte("00"), nil, nil, nil}

// defaultFields are the elements of the default file, in pirl.Elements
// order: the fields the reader had when the embedded sample was generated
// (not 918, which the default file does not model). The list is fixed so
// that fields added to the reader later (918, 909, CALC items, …) do not
// change the default file's bytes; LayoutPUF is where those elements are
// written.
var defaultFields = [...]pirl.Field{
	pirl.FieldID, pirl.FieldBoard, pirl.FieldCounty, pirl.FieldZIP, pirl.FieldBirthDate, pirl.FieldSex, pirl.FieldDisability,
	pirl.FieldHispanic, pirl.FieldAIAN, pirl.FieldAsian, pirl.FieldBlack, pirl.FieldNHOPI, pirl.FieldWhite,
	pirl.FieldLongTermUnemployed, pirl.FieldGrade, pirl.FieldEduLevel, pirl.FieldTANF, pirl.FieldSSI, pirl.FieldSNAP,
	pirl.FieldHomeless, pirl.FieldExOffender, pirl.FieldLowIncome, pirl.FieldEnglishLearner, pirl.FieldBasicSkills, pirl.FieldSingleParent,
	pirl.FieldEntry, pirl.FieldExit, pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth, pirl.FieldOtherExit,
	pirl.FieldTraining, pirl.FieldTrainType1, pirl.FieldTrainCode1, pirl.FieldTrainType2, pirl.FieldTrainCode2, pirl.FieldTrainType3, pirl.FieldTrainCode3,
	pirl.FieldPostsecondary, pirl.FieldSecondaryEnrolled, pirl.FieldPostExitEduDate, pirl.FieldSupportDate,
	pirl.FieldEmpQ1, pirl.FieldEmpQ2, pirl.FieldEmpQ3, pirl.FieldEmpQ4, pirl.FieldTrainRelated, pirl.FieldSameEmployer,
	pirl.FieldWageQ1, pirl.FieldWageQ2, pirl.FieldWageQ3, pirl.FieldWageQ4,
	pirl.FieldCredType1, pirl.FieldCredDate1, pirl.FieldCredType2, pirl.FieldCredDate2, pirl.FieldCredType3, pirl.FieldCredDate3,
	pirl.FieldMSGDate1, pirl.FieldMSGDate2, pirl.FieldMSGDate3, pirl.FieldMSGDate4, pirl.FieldMSGDate5,
	pirl.FieldEduEnrolled, pirl.FieldEduCompleted, pirl.FieldYouthQ2, pirl.FieldYouthQ4,
	pirl.FieldTract, pirl.FieldHourlyWage, pirl.FieldLatitude, pirl.FieldLongitude,
}

// layout returns the columns of a file with total columns (at least one per
// element), sorted by PIRL number with extension columns last.
func layout(style HeaderStyle, total int) ([]column, error) {
	used := map[string]bool{}
	var cols []column
	for _, f := range defaultFields {
		e := &pirl.Elements[f]
		used[e.Number] = true
		cols = append(cols, column{field: int(f), number: e.Number, name: style.Header(f)})
	}
	nFill := total - len(cols)
	if nFill < 0 {
		return nil, fmt.Errorf("columns %d: must be at least %d (one per element read)", total, len(cols))
	}
	next := make([]int, len(fillerBlocks))
	for i := 0; i < nFill; i++ {
		b := i % len(fillerBlocks)
		var num string
		for {
			n := fillerBlocks[b] + next[b]
			next[b]++
			if next[b] >= 100 {
				return nil, fmt.Errorf("columns %d: too many filler columns", total)
			}
			num = strconv.Itoa(n)
			if !used[num] {
				break
			}
		}
		used[num] = true
		cols = append(cols, column{field: -1, number: num, name: style.number(num, "Data Element "+num), fill: fillerValues[i%len(fillerValues)]})
	}
	sort.SliceStable(cols, func(i, j int) bool {
		a, b := cols[i].number, cols[j].number
		if (a == "") != (b == "") {
			return b == "" // extension columns last
		}
		na, sa := splitNumber(a)
		nb, sb := splitNumber(b)
		if na != nb {
			return na < nb
		}
		return sa < sb
	})
	return cols, nil
}

func splitNumber(s string) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(s[:i])
	return n, s[i:]
}

// appendHeader appends the header row, quoting names that need it.
func appendHeader(b []byte, cols []column, delim byte) []byte {
	for i, c := range cols {
		if i > 0 {
			b = append(b, delim)
		}
		if strings.ContainsAny(c.name, string(delim)+"\"\r\n") {
			b = append(b, '"')
			b = append(b, strings.ReplaceAll(c.name, `"`, `""`)...)
			b = append(b, '"')
		} else {
			b = append(b, c.name...)
		}
	}
	return append(b, '\n')
}
