// Package pirl reads WIOA participant record files in the DOL PIRL layout
// (ETA-9172 / Joint PIRL ETA-9170) into compact typed columns.
//
// Only the elements listed in Elements are parsed; every other column of the
// (typically ~300-column) file is skipped without allocating. Values are kept
// in the narrowest form that gives them back exactly (Column): codes in a
// byte, dates as 16-bit day offsets, amounts as 32-bit cents, dictionary
// indices and integers in 32 bits, identifiers as 64-bit hashes; a blank is
// zero in every form, so blank fields cost no writes and an all-blank column
// no memory. A 20-million-row national file fits a laptop.
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
	FieldWagnerPeyser                    // 918 Wagner-Peyser Employment Service (after the extensions so that earlier indices stay put)
	FieldExhaustingTANF                  // 601 exhausting TANF within 2 years (9 = not applicable)
	FieldFosterCare                      // 704 foster care youth status at entry
	FieldCulturalBarriers                // 805 cultural barriers at entry
	FieldDisplacedHomemaker              // 807 displaced homemaker at entry
	FieldFarmworker                      // 808 eligible migrant and seasonal farmworker (1–5 yes)
	FieldRapidResponse                   // 909 Rapid Response (additional assistance): 1 counts as Dislocated Worker (CALC4002)
	FieldState                           // 101 state code of residence (blank in the public-use file)
	FieldBoardName                       // LOCAL_BOARD_NAME: the board's name, where a file carries it
	FieldCalcState                       // CALC4000 state postal abbreviation (the state that submitted the record)
	FieldCalcAdult                       // CALC4001 served by an adult funding stream (903 in 1–3)
	FieldCalcDW                          // CALC4002 served by a dislocated worker funding stream (904 in 1–3 or 909 = 1)
	FieldCalcYouth                       // CALC4003 served by a youth funding stream (905 in 1–3)
	FieldCalcWP                          // CALC4005 received Wagner-Peyser services (918 = 1)
	FieldCalcMSG                         // CALC4007 WIOA measurable skill gain (blank = not applicable)
	FieldCalcMSGDiploma                  // CALC4009 MSG: attainment of a secondary diploma or equivalent
	FieldCalcEmpQ2                       // CALC4013 WIOA employment rate (quarter 2)
	FieldCalcYouthEmpQ2                  // CALC4014 WIOA youth education and employment rate (quarter 2)
	FieldCalcEarnQ2                      // CALC4015 WIOA median earnings (quarter 2): the earnings counted
	FieldCalcYouthEarnQ2                 // CALC4016 WIOA youth median earnings (quarter 2)
	FieldCalcEmpQ4                       // CALC4017 WIOA employment rate (quarter 4)
	FieldCalcYouthEmpQ4                  // CALC4018 WIOA youth education and employment rate (quarter 4)
	FieldCalcCredential                  // CALC4019 WIOA credential rate
	FieldCalcRace                        // CALC4020 race/ethnicity, single response (1 Hispanic … 7 multiple, not Hispanic)
	FieldCalcAge                         // CALC4039 age at participation (the public-use file's age; 200 is blank there)
	NumFields                            // number of fields; not a field
)

// Kind says how a field's text is parsed and stored.
type Kind uint8

const (
	KindCode  Kind = iota // small integer code → Column.Code (int8, MissingCode when blank/invalid)
	KindDate              // YYYYMMDD (or YYYY-MM-DD) → Column.Date (days since 1970-01-01, MissingDate; 1900-01-01 to MaxDate)
	KindMoney             // dollars → Column.Num (NaN when blank; 999999.99 sentinel → NaN, counted); kept as cents, exactly
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
	// 918: 1 yes, 2 reportable individual, 0 no, 9 unknown (the grantee cannot
	// track enrolment) — the PY2022 layout's codes; only 1 is a participant.
	FieldWagnerPeyser:       {Number: "918", Name: "Wagner-Peyser Employment Service (WIOA)", Kind: KindCode, Min: 0, Max: 2, Extra: nine},
	FieldExhaustingTANF:     {Number: "601", Name: "Exhausting TANF Within 2 Years (Part A Title IV of the Social Security Act) at Program Entry (WIOA)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldFosterCare:         {Number: "704", Name: "Foster Care Youth Status at Program Entry (WIOA)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldCulturalBarriers:   {Number: "805", Name: "Cultural Barriers at Program Entry (WIOA)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldDisplacedHomemaker: {Number: "807", Name: "Displaced Homemaker at Program Entry (WIOA)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldFarmworker:         {Number: "808", Name: "Eligible Migrant and Seasonal Farmworker Status (WIOA sec. 167)", Kind: KindCode, Min: 0, Max: 5, Extra: nine},
	FieldRapidResponse:      {Number: "909", Name: "Rapid Response (Additional Assistance)", Kind: KindCode, Min: 0, Max: 1, Extra: nine},
	FieldState:              {Number: "101", Name: "State Code of Residence (WIOA)", Kind: KindDict},
	FieldBoardName:          {Name: "LOCAL_BOARD_NAME", Aliases: []string{"local board name", "lwdb_name", "board_name"}, Kind: KindDict},
	FieldCalcState:          {Name: "CALC4000", Aliases: []string{"State postal abbreviation", "PIRL4000"}, Kind: KindDict},
	FieldCalcAdult:          {Name: "CALC4001", Aliases: []string{"Served by an adult funding stream", "PIRL4001"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcDW:             {Name: "CALC4002", Aliases: []string{"Served by a dislocated worker funding stream", "PIRL4002"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcYouth:          {Name: "CALC4003", Aliases: []string{"Served by a youth funding stream", "PIRL4003"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcWP:             {Name: "CALC4005", Aliases: []string{"Received services under the Wagner-Peyser Act", "PIRL4005"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcMSG:            {Name: "CALC4007", Aliases: []string{"WIOA Measurable skill gains", "PIRL4007"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcMSGDiploma:     {Name: "CALC4009", Aliases: []string{"Attainment of a high school diploma or its equivalent", "PIRL4009"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcEmpQ2:          {Name: "CALC4013", Aliases: []string{"WIOA Employment rate (quarter 2)", "PIRL4013"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcYouthEmpQ2:     {Name: "CALC4014", Aliases: []string{"WIOA Youth Employment rate (quarter 2)", "PIRL4014"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcEarnQ2:         {Name: "CALC4015", Aliases: []string{"WIOA Median earnings (quarter 2)", "PIRL4015"}, Kind: KindMoney, MaxAmount: MaxQuarterlyEarnings},
	FieldCalcYouthEarnQ2:    {Name: "CALC4016", Aliases: []string{"WIOA Youth Median earnings (quarter 2)", "PIRL4016"}, Kind: KindMoney, MaxAmount: MaxQuarterlyEarnings},
	FieldCalcEmpQ4:          {Name: "CALC4017", Aliases: []string{"WIOA Employment rate (quarter 4)", "PIRL4017"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcYouthEmpQ4:     {Name: "CALC4018", Aliases: []string{"WIOA Youth Employment rate (quarter 4)", "PIRL4018"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcCredential:     {Name: "CALC4019", Aliases: []string{"WIOA Credential rate", "PIRL4019"}, Kind: KindCode, Min: 0, Max: 1},
	FieldCalcRace:           {Name: "CALC4020", Aliases: []string{"Race/ethnicity (single response)", "PIRL4020"}, Kind: KindCode, Min: 1, Max: 7},
	// Age is an integer (withheld from examples, like every non-code value).
	// Earlier public-use files number the calculated items differently
	// (PIRL4039, PIRL 3042 — the spellings METHODS §1.1 names).
	FieldCalcAge: {Name: "CALC4039", Aliases: []string{"Age at participation", "PIRL4039", "PIRL3042"}, Kind: KindInt},
}

// IsCalc reports whether f is one of DOL's calculated items (CALC40xx),
// which hold DOL's own per-record results.
// Their Elements entry has no PIRL number: Name is the item ("CALC4039") and
// the first alias DOL's name of it.
func (f Field) IsCalc() bool {
	if f >= NumFields {
		return false
	}
	e := &Elements[f]
	return e.Number == "" && len(e.Name) == 8 && e.Name[:4] == "CALC"
}

func init() {
	for i := range Elements {
		Elements[i].Field = Field(i)
	}
}

// Label is the human name of a field for messages: "PIRL 201 (Sex (WIOA))" or "tract_geoid".
func (f Field) Label() string {
	e := &Elements[f]
	if f.IsCalc() {
		return e.Name + " (" + e.Aliases[0] + ")"
	}
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
