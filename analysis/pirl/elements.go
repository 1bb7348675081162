// Package pirl reads WIOA participant record files in the DOL PIRL layout
// (ETA-9172 / Joint PIRL ETA-9170) into compact typed columns.
//
// Only the elements listed in Elements are parsed; every other column of the
// (typically ~300-column) file is skipped without allocating. Codes are stored
// as int8, dates as int32 day numbers, money as float64 and identifiers as
// 64-bit hashes, so that a 20-million-row national file fits in memory.
package pirl

// Field identifies one PIRL element (or extension column) that the tool reads.
// The zero value is FieldID.
type Field uint8

// The fields the analyses use. Order is stable; it indexes Data.Cols.
const (
	FieldID                 Field = iota // 100 unique individual identifier (hashed, never output)
	FieldBoard                           // 108A local workforce development board
	FieldCounty                          // 102 county FIPS of residence
	FieldZIP                             // 103 ZIP of residence
	FieldBirthDate                       // 200 date of birth (used for age at entry only, never output)
	FieldSex                             // 201
	FieldDisability                      // 202
	FieldHispanic                        // 210
	FieldAIAN                            // 211
	FieldAsian                           // 212
	FieldBlack                           // 213
	FieldNHOPI                           // 214
	FieldWhite                           // 215
	FieldLongTermUnemployed              // 402
	FieldGrade                           // 407 highest school grade completed (0–12)
	FieldEduLevel                        // 408 highest educational level (0–8)
	FieldTANF                            // 600
	FieldSSI                             // 602 (0–6)
	FieldSNAP                            // 603
	FieldHomeless                        // 800
	FieldExOffender                      // 801
	FieldLowIncome                       // 802
	FieldEnglishLearner                  // 803
	FieldBasicSkills                     // 804
	FieldSingleParent                    // 806
	FieldEntry                           // 900 date of program entry
	FieldExit                            // 901 date of program exit
	FieldAdult                           // 903
	FieldDW                              // 904
	FieldYouth                           // 905
	FieldOtherExit                       // 923 other reasons for exit
	FieldTraining                        // 1300 received training
	FieldTrainType1                      // 1303
	FieldTrainCode1                      // 1306 occupational skills training code (SOC/O*NET)
	FieldTrainType2                      // 1310
	FieldTrainCode2                      // 1311
	FieldTrainType3                      // 1315
	FieldTrainCode3                      // 1316
	FieldPostsecondary                   // 1332 participated in postsecondary education during participation
	FieldSecondaryEnrolled               // 1401 enrolled in secondary education program
	FieldPostExitEduDate                 // 1406 date enrolled in post-exit education or training
	FieldSupportDate                     // 1409 most recent date received supportive services
	FieldEmpQ1                           // 1600
	FieldEmpQ2                           // 1602
	FieldEmpQ3                           // 1604
	FieldEmpQ4                           // 1606
	FieldTrainRelated                    // 1608 employment related to training (Q2)
	FieldSameEmployer                    // 1618 same employer Q2 and Q4
	FieldWageQ1                          // 1703
	FieldWageQ2                          // 1704
	FieldWageQ3                          // 1705
	FieldWageQ4                          // 1706
	FieldCredType1                       // 1800
	FieldCredDate1                       // 1801
	FieldCredType2                       // 1802
	FieldCredDate2                       // 1803
	FieldCredType3                       // 1804
	FieldCredDate3                       // 1805
	FieldMSGDate1                        // 1806 date of most recent MSG: educational functioning level
	FieldMSGDate2                        // 1807 MSG: postsecondary transcript/report card
	FieldMSGDate3                        // 1808 MSG: secondary transcript/report card
	FieldMSGDate4                        // 1809 MSG: training milestone
	FieldMSGDate5                        // 1810 MSG: skills progression
	FieldEduEnrolled                     // 1811 date enrolled in education or training
	FieldEduCompleted                    // 1813 date completed education or training
	FieldYouthQ2                         // 1900 youth 2nd quarter placement
	FieldYouthQ4                         // 1901 youth 4th quarter placement
	FieldTract                           // extension: tract_geoid
	FieldHourlyWage                      // extension: hourly_wage
	FieldLatitude                        // extension: latitude
	FieldLongitude                       // extension: longitude
	FieldWagnerPeyser                    // 918 Wagner-Peyser Employment Service (last so that earlier indices stay put)
	NumFields                            // number of fields; not a field
)

// Kind says how a field's text is parsed and stored.
type Kind uint8

const (
	KindCode  Kind = iota // small integer code → Column.Code (int8, MissingCode when blank/invalid)
	KindDate              // YYYYMMDD (or YYYY-MM-DD) → Column.Date (days since 1970-01-01, MissingDate)
	KindMoney             // dollars → Column.Num (NaN when blank; 999999.99 sentinel → NaN, counted)
	KindFloat             // plain decimal (coordinates) → Column.Num (NaN when blank/invalid)
	KindID                // identifier → Column.Hash (FNV-1a 64; 0 when blank). The text is never kept.
	KindDict              // short text (board, SOC code digits) → Column.Dict, indices read by Column.DictIndex (MissingDict)
	KindGEOID             // 11-digit census tract → Column.Hash (numeric value; 0 missing)
	KindInt               // plain integer (county FIPS, ZIP) → int32 read by Column.Int (MissingInt)
)

// ShowsValue reports whether an invalid value of this kind may be quoted in
// the example messages that reach report.md, the validate report and stderr.
// Only codes are: a code such as "7" for sex says nothing about a person.
// Identifiers, dates (birth dates above all), amounts (wages), ZIP and county,
// tract GEOIDs, coordinates and text (board names, training codes, which may
// hold free text) are never quoted; their messages name file, line, column
// and reason: `value (withheld) is negative`. Even for codes, a value longer
// than a code can be (a birth date or a name shifted into the column by a
// stray delimiter) is withheld; see example in parse.go.
func (k Kind) ShowsValue() bool { return k == KindCode }

// Element describes one field: where it comes from and how it is validated.
type Element struct {
	Field  Field
	Number string // PIRL data element number, e.g. "201", "108A"; "" for extension columns
	Name   string // DOL element name as it appears in name-style headers
	// Aliases are further accepted header names (extension columns, common variants).
	Aliases []string
	Kind    Kind
	// Min and Max bound valid codes for KindCode (inclusive). Extra lists further
	// valid codes outside [Min, Max] (typically 9 = unknown / not yet available).
	Min, Max int8
	Extra    []int8
	// Required fields stop a run when absent from the header.
	Required bool
	// MaxAmount, for KindMoney, is the largest plausible amount in dollars;
	// a larger value (and a negative one, NaN or Inf) is invalid, counted
	// like any invalid value and read as missing. The 999999.99 "not yet
	// available" sentinel is recognised before this bound is applied.
	// 0 means no bound (no KindMoney element has none).
	MaxAmount float64
}

// Plausible bounds of amounts (Element.MaxAmount).
const (
	// MaxQuarterlyEarnings bounds 1703–1706, total earnings in one quarter
	// after exit: $1,000,000 a quarter is far above what a WIOA participant
	// earns, and just above the 999999.99 sentinel.
	MaxQuarterlyEarnings = 1_000_000
	// MaxHourlyWage bounds hourly_wage: $1,000 an hour.
	MaxHourlyWage = 1_000
)

// ValidCode reports whether v is a valid code for a KindCode element.
func (e *Element) ValidCode(v int) bool {
	if v >= int(e.Min) && v <= int(e.Max) {
		return true
	}
	for _, x := range e.Extra {
		if int(x) == v {
			return true
		}
	}
	return false
}

var nine = []int8{9}

// Elements is indexed by Field.
var Elements = [NumFields]Element{
	FieldID:                 {Number: "100", Name: "Unique Individual Identifier", Kind: KindID},
	FieldBoard:              {Number: "108A", Name: "ETA-Assigned Local Workforce Development Board (LWDB) Code", Aliases: []string{"lwdb", "board"}, Kind: KindDict},
	FieldCounty:             {Number: "102", Name: "County Code of Residence", Aliases: []string{"county_fips"}, Kind: KindInt},
	FieldZIP:                {Number: "103", Name: "Zip Code of Residence", Aliases: []string{"zip"}, Kind: KindInt},
	FieldBirthDate:          {Number: "200", Name: "Date of Birth", Kind: KindDate},
	FieldSex:                {Number: "201", Name: "Sex (WIOA)", Kind: KindCode, Min: 1, Max: 2, Extra: nine, Required: true},
	FieldDisability:         {Number: "202", Name: "Individual with a Disability", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldHispanic:           {Number: "210", Name: "Ethnicity Hispanic / Latino", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldAIAN:               {Number: "211", Name: "American Indian / Alaska Native", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldAsian:              {Number: "212", Name: "Asian", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldBlack:              {Number: "213", Name: "Black / African American", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldNHOPI:              {Number: "214", Name: "Native Hawaiian / Other Pacific Islander", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldWhite:              {Number: "215", Name: "White", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldLongTermUnemployed: {Number: "402", Name: "Long-Term Unemployed at Program Entry", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldGrade:              {Number: "407", Name: "Highest School Grade Completed at Program Entry", Kind: KindCode, Min: 0, Max: 12},
	FieldEduLevel:           {Number: "408", Name: "Highest Educational Level Completed at Program Entry", Kind: KindCode, Min: 0, Max: 8},
	FieldTANF:               {Number: "600", Name: "Temporary Assistance for Needy Families (TANF) Recipient", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldSSI:                {Number: "602", Name: "Supplemental Security Income (SSI) / Social Security Disability Insurance (SSDI)", Kind: KindCode, Min: 0, Max: 6, Extra: nine},
	FieldSNAP:               {Number: "603", Name: "Supplemental Nutrition Assistance Program (SNAP)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldHomeless:           {Number: "800", Name: "Homeless Individual, Homeless Children and Youths, or Runaway Youth", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldExOffender:         {Number: "801", Name: "Ex-Offender", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldLowIncome:          {Number: "802", Name: "Low Income", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldEnglishLearner:     {Number: "803", Name: "English Language Learner", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldBasicSkills:        {Number: "804", Name: "Basic Skills Deficient / Low Levels of Literacy", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldSingleParent:       {Number: "806", Name: "Single Parent", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldEntry:              {Number: "900", Name: "Date of Program Entry (WIOA)", Kind: KindDate, Required: true},
	FieldExit:               {Number: "901", Name: "Date of Program Exit (WIOA)", Kind: KindDate, Required: true},
	FieldAdult:              {Number: "903", Name: "Adult (WIOA)", Kind: KindCode, Min: 0, Max: 4},
	FieldDW:                 {Number: "904", Name: "Dislocated Worker (WIOA)", Kind: KindCode, Min: 0, Max: 4},
	FieldYouth:              {Number: "905", Name: "Youth (WIOA)", Kind: KindCode, Min: 0, Max: 4},
	FieldOtherExit:          {Number: "923", Name: "Other Reasons for Exit (WIOA)", Kind: KindCode, Min: 0, Max: 7},
	FieldTraining:           {Number: "1300", Name: "Received Training", Kind: KindCode, Min: 0, Max: 1},
	FieldTrainType1:         {Number: "1303", Name: "Type of Training Service #1", Kind: KindCode, Min: 0, Max: 12},
	FieldTrainCode1:         {Number: "1306", Name: "Occupational Skills Training Code #1", Kind: KindDict},
	FieldTrainType2:         {Number: "1310", Name: "Type of Training Service #2", Kind: KindCode, Min: 0, Max: 12},
	FieldTrainCode2:         {Number: "1311", Name: "Occupational Skills Training Code #2", Kind: KindDict},
	FieldTrainType3:         {Number: "1315", Name: "Type of Training Service #3", Kind: KindCode, Min: 0, Max: 12},
	FieldTrainCode3:         {Number: "1316", Name: "Occupational Skills Training Code #3", Kind: KindDict},
	FieldPostsecondary:      {Number: "1332", Name: "Participated in Postsecondary Education During Program Participation", Kind: KindCode, Min: 0, Max: 1},
	FieldSecondaryEnrolled:  {Number: "1401", Name: "Enrolled in Secondary Education Program", Kind: KindCode, Min: 0, Max: 1},
	FieldPostExitEduDate:    {Number: "1406", Name: "Date Enrolled in Post-Exit Education or Training Program Leading to a Recognized Postsecondary Credential", Kind: KindDate},
	FieldSupportDate:        {Number: "1409", Name: "Most Recent Date Received Supportive Services", Kind: KindDate},
	FieldEmpQ1:              {Number: "1600", Name: "Employed in 1st Quarter After Exit Quarter", Kind: KindCode, Min: 0, Max: 3, Extra: nine},
	FieldEmpQ2:              {Number: "1602", Name: "Employed in 2nd Quarter After Exit Quarter", Kind: KindCode, Min: 0, Max: 3, Extra: nine},
	FieldEmpQ3:              {Number: "1604", Name: "Employed in 3rd Quarter After Exit Quarter", Kind: KindCode, Min: 0, Max: 3, Extra: nine},
	FieldEmpQ4:              {Number: "1606", Name: "Employed in 4th Quarter After Exit Quarter", Kind: KindCode, Min: 0, Max: 3, Extra: nine},
	FieldTrainRelated:       {Number: "1608", Name: "Employment Related to Training (2nd Quarter After Exit)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldSameEmployer:       {Number: "1618", Name: "Retention with the Same Employer in the 2nd Quarter and the 4th Quarter", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldWageQ1:             {Number: "1703", Name: "Wages 1st Quarter After Exit Quarter", Kind: KindMoney, MaxAmount: MaxQuarterlyEarnings},
	FieldWageQ2:             {Number: "1704", Name: "Wages 2nd Quarter After Exit Quarter", Kind: KindMoney, MaxAmount: MaxQuarterlyEarnings},
	FieldWageQ3:             {Number: "1705", Name: "Wages 3rd Quarter After Exit Quarter", Kind: KindMoney, MaxAmount: MaxQuarterlyEarnings},
	FieldWageQ4:             {Number: "1706", Name: "Wages 4th Quarter After Exit Quarter", Kind: KindMoney, MaxAmount: MaxQuarterlyEarnings},
	FieldCredType1:          {Number: "1800", Name: "Type of Recognized Credential #1", Kind: KindCode, Min: 0, Max: 7},
	FieldCredDate1:          {Number: "1801", Name: "Date Attained Recognized Credential #1", Kind: KindDate},
	FieldCredType2:          {Number: "1802", Name: "Type of Recognized Credential #2", Kind: KindCode, Min: 0, Max: 7},
	FieldCredDate2:          {Number: "1803", Name: "Date Attained Recognized Credential #2", Kind: KindDate},
	FieldCredType3:          {Number: "1804", Name: "Type of Recognized Credential #3", Kind: KindCode, Min: 0, Max: 7},
	FieldCredDate3:          {Number: "1805", Name: "Date Attained Recognized Credential #3", Kind: KindDate},
	FieldMSGDate1:           {Number: "1806", Name: "Date of Most Recent Measurable Skill Gain: Educational Functioning Level", Kind: KindDate},
	FieldMSGDate2:           {Number: "1807", Name: "Date of Most Recent Measurable Skill Gain: Postsecondary Transcript/Report Card", Kind: KindDate},
	FieldMSGDate3:           {Number: "1808", Name: "Date of Most Recent Measurable Skill Gain: Secondary Transcript/Report Card", Kind: KindDate},
	FieldMSGDate4:           {Number: "1809", Name: "Date of Most Recent Measurable Skill Gain: Training Milestone", Kind: KindDate},
	FieldMSGDate5:           {Number: "1810", Name: "Date of Most Recent Measurable Skill Gain: Skills Progression", Kind: KindDate},
	FieldEduEnrolled:        {Number: "1811", Name: "Date Enrolled During Program Participation in an Education or Training Program", Kind: KindDate},
	FieldEduCompleted:       {Number: "1813", Name: "Date Completed During Program Participation an Education or Training Program", Kind: KindDate},
	FieldYouthQ2:            {Number: "1900", Name: "Youth 2nd Quarter Placement (Title I)", Kind: KindCode, Min: 0, Max: 3, Extra: nine},
	FieldYouthQ4:            {Number: "1901", Name: "Youth 4th Quarter Placement (Title I)", Kind: KindCode, Min: 0, Max: 3, Extra: nine},
	FieldTract:              {Name: "tract_geoid", Aliases: []string{"geoid", "tract", "census_tract"}, Kind: KindGEOID},
	FieldHourlyWage:         {Name: "hourly_wage", Aliases: []string{"hourly_wage_at_placement", "wage_hourly"}, Kind: KindMoney, MaxAmount: MaxHourlyWage},
	FieldLatitude:           {Name: "latitude", Aliases: []string{"lat"}, Kind: KindFloat},
	FieldLongitude:          {Name: "longitude", Aliases: []string{"lon", "lng", "long"}, Kind: KindFloat},
	FieldWagnerPeyser:       {Number: "918", Name: "Wagner-Peyser Employment Service (WIOA)", Kind: KindCode, Min: 0, Max: 4},
}

func init() {
	for i := range Elements {
		Elements[i].Field = Field(i)
	}
}

// Label is the human name of a field for messages: "PIRL 201 (Sex (WIOA))" or "tract_geoid".
func (f Field) Label() string {
	e := &Elements[f]
	if e.Number == "" {
		return e.Name
	}
	return "PIRL " + e.Number + " (" + e.Name + ")"
}

// String returns the short name: "PIRL 201" or the extension column name.
func (f Field) String() string {
	if f >= NumFields {
		return "field?"
	}
	e := &Elements[f]
	if e.Number == "" {
		return e.Name
	}
	return "PIRL " + e.Number
}
