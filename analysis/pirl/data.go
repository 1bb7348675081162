package pirl

import "math"

// Missing-value markers of the typed columns.
const (
	MissingCode int8  = -1
	MissingDate int32 = math.MinInt32
	MissingInt  int32 = math.MinInt32
	MissingDict int32 = -1
)

// Column holds one field's values for every row. Exactly one of the slices is
// used, according to the field's Kind; all are nil when the field was not in
// the file (Present false).
//
// The three 32-bit kinds share the Date slice; read a KindInt column with
// Int and a KindDict column with DictIndex (or Data.Text), never as dates.
type Column struct {
	Present bool
	Header  string    // the header as it appeared in the file
	Index   int       // 0-based position in the header
	Code    []int8    // KindCode
	Date    []int32   // KindDate (day number); storage of KindInt (value) and KindDict (dictionary index)
	Num     []float64 // KindMoney, KindFloat
	Hash    []uint64  // KindID (FNV-1a of the text), KindGEOID (numeric GEOID)
	Dict    []string  // KindDict: the distinct values, indexed by DictIndex
}

// Int returns the value of a KindInt column in row i, or MissingInt (also
// when the column is absent).
func (c *Column) Int(i int) int32 {
	if c.Date == nil {
		return MissingInt
	}
	return c.Date[i]
}

// DictIndex returns the index into c.Dict of a KindDict column's value in
// row i, or MissingDict (negative) when blank or the column is absent.
func (c *Column) DictIndex(i int) int32 {
	if c.Date == nil {
		return MissingDict
	}
	return c.Date[i]
}

// Data is a participant file held as typed columns, one row per period of
// participation, in file order.
type Data struct {
	Rows int
	Cols [NumFields]Column
	// Quality records everything that was missing, invalid or left out while reading.
	Quality Quality
}

// Has reports whether the file had the field's column.
func (d *Data) Has(f Field) bool { return d.Cols[f].Present }

// Code returns the code of field f in row i, or MissingCode.
func (d *Data) Code(f Field, i int) int8 {
	c := &d.Cols[f]
	if c.Code == nil {
		return MissingCode
	}
	return c.Code[i]
}

// Date returns the day number of KindDate field f in row i, or MissingDate.
func (d *Data) Date(f Field, i int) int32 {
	c := &d.Cols[f]
	if c.Date == nil {
		return MissingDate
	}
	return c.Date[i]
}

// Num returns the numeric value of field f in row i, or NaN.
func (d *Data) Num(f Field, i int) float64 {
	c := &d.Cols[f]
	if c.Num == nil {
		return math.NaN()
	}
	return c.Num[i]
}

// Int returns the value of KindInt field f in row i, or MissingInt.
func (d *Data) Int(f Field, i int) int32 { return d.Cols[f].Int(i) }

// DictIndex returns the dictionary index of KindDict field f in row i, or
// MissingDict.
func (d *Data) DictIndex(f Field, i int) int32 { return d.Cols[f].DictIndex(i) }

// Text returns the dictionary text of a KindDict field in row i, or "".
func (d *Data) Text(f Field, i int) string {
	c := &d.Cols[f]
	if k := c.DictIndex(i); k >= 0 {
		return c.Dict[k]
	}
	return ""
}

// Quality counts what was read, missing, invalid and left out.
type Quality struct {
	File     string
	SHA256   string // hex digest of the file as stored on disk
	Bytes    int64
	RowsRead int
	Header   []string // header names as seen
	// Columns says, per header (parallel to Header), what it names: an
	// element of the official layout read by the tool or not, an extension
	// column, or nothing known (Known false). A column given a field by the
	// column mapping has that field, How "column mapping".
	Columns []Ident
	// Member is the archive member read when the file is a .zip ("" when
	// not); File is then the archive, and SHA256 and Bytes are the archive's.
	Member string
	// Layout names the --layout the columns were read by ("" when by the
	// file's header row); HeaderRow reports whether line 1 was then a header
	// row (skipped, not read as data).
	Layout    string
	HeaderRow bool
	Delimiter byte
	// Missing counts blank values per field.
	Missing [NumFields]int
	// Sentinels counts 999999.99 "not yet available" wages per field.
	Sentinels [NumFields]int
	// Problems lists invalid values per field and reason, in first-seen order.
	Problems []Problem
	// RaggedRows counts rows whose field count differs from the header's;
	// missing trailing fields are treated as blank, extra fields are ignored.
	RaggedRows     int
	RaggedExamples []string
	// DuplicatePeriods counts rows whose (identifier, entry date) pair was seen before.
	DuplicatePeriods int
	// RepeatedHeaders counts lines inside the data that repeat the header
	// line (concatenated extracts, multi-member gzip); they are skipped, not
	// read as records. RepeatedHeaderLines holds the first MaxExamples
	// file lines.
	RepeatedHeaders     int
	RepeatedHeaderLines []int
	// MultilineRows counts rows with a quoted field spanning lines (a
	// newline inside double quotes); MultilineLines holds the first
	// MaxExamples file lines where such a row starts. They are read as one
	// row each; many of them may mean a stray quote joined rows.
	MultilineRows  int
	MultilineLines []int
	// Warnings are file-level notes (e.g. Latin-1 bytes converted).
	Warnings []string
}

// Problem is a count of invalid values of one field for one reason, with the
// first few examples as "file:line: column "PIRL 201": value "7" is not a valid code".
type Problem struct {
	Field    Field
	Reason   string
	Count    int
	Examples []string
}

// MaxExamples is how many example messages a Problem keeps.
const MaxExamples = 5

// Invalid returns the total number of invalid values of field f.
func (q *Quality) Invalid(f Field) int {
	n := 0
	for _, p := range q.Problems {
		if p.Field == f {
			n += p.Count
		}
	}
	return n
}

// DayNumber converts a civil date to days since 1970-01-01 (proleptic
// Gregorian; Howard Hinnant's days_from_civil).
func DayNumber(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// Civil converts a day number back to year, month, day.
func Civil(z int32) (y, m, d int) {
	zz := int(z) + 719468
	era := zz / 146097
	if zz < 0 && zz%146097 != 0 {
		era = (zz - 146096) / 146097
	}
	doe := zz - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return
}

// FormatDate renders a day number as YYYY-MM-DD ("" when missing).
func FormatDate(z int32) string {
	if z == MissingDate {
		return ""
	}
	y, m, d := Civil(z)
	b := []byte("0000-00-00")
	put := func(at, v, w int) {
		for i := at + w - 1; i >= at; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	put(5, m, 2)
	put(8, d, 2)
	return string(b)
}
