package pirl

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Missing-value markers of the typed columns.
const (
	MissingCode int8  = -1
	MissingDate int32 = math.MinInt32
	MissingInt  int32 = math.MinInt32
	MissingDict int32 = -1
)

// Column holds one field's values for every row. The values are kept in
// the narrowest form that gives them back exactly, and the zero value of
// every form means "missing", so fresh memory is a column of blanks: nothing
// is written for a blank field, and a column that is blank throughout is
// never touched (never resident). Read a column with the accessor of its
// Kind (Code, Date, Num, Int, DictIndex, Hash); all slices are nil, and
// every accessor says missing, when the field was not in the file (Present
// false) or when the column is checked but its values are not kept (Present
// true; see checkedOnly). Tests and fixtures build columns with MakeColumn
// and the Set methods.
type Column struct {
	Present bool
	Header  string // the header as it appeared in the file
	Index   int    // 0-based position in the header
	// Hash is KindID (FNV-1a of the text) and KindGEOID (numeric GEOID); 0
	// is missing.
	Hash []uint64
	Dict []string // KindDict: the distinct values, indexed by DictIndex

	// KindCode: code + 1 in four bits, two rows a byte (row i in byte i/2,
	// the low half for even i); rows is the column's length. While a block
	// is parsed, a chunk's code is one byte a row, packed when merged.
	code []uint8
	rows int
	day  []uint16 // KindDate: day number − dayBase
	u32  []uint32 // KindInt: value with its sign bit flipped; KindMoney: cents + 1, or centsExact
	// KindDict: index + 1, or farIndex for an index of 65,534 or more, kept
	// in far (in row order). While a block is parsed, a chunk's indices are
	// its own, 32 bits a row in u32, turned into the file's when merged.
	u16  []uint16
	far  []farValue
	bits []uint64 // KindFloat: the float's bits XOR nanBits
	// exact holds, in row order, the KindMoney values that are not a whole
	// number of cents (u32 is centsExact there): rare, kept as read.
	exact []exactValue
}

type exactValue struct {
	row int
	v   float64
}

type farValue struct {
	row int
	k   int32
}

// Storage encodings. Each maps the missing marker to zero.
const (
	// dayBase is the day before 1900-01-01, the earliest date the reader
	// accepts; uint16 day offsets reach 2079-06-05 (MaxDate).
	dayBase int32 = -25568
	// MaxDate is the last day number a column can hold.
	MaxDate int32 = dayBase + math.MaxUint16
	// centsExact marks a KindMoney value kept in Column.exact.
	centsExact = math.MaxUint32
	// maxCents is the largest whole-cent amount kept in u32 (cents + 1
	// below centsExact).
	maxCents = math.MaxUint32 - 2
	intFlip  = 1 << 31
	nanBits  = 0x7ff8000000000001
	// farIndex marks a KindDict index kept in Column.far.
	farIndex = math.MaxUint16
)

// MakeColumn returns a column of kind k present in the file, n rows, every
// value missing. The reader sizes its columns itself; MakeColumn is for
// tests and fixtures.
func MakeColumn(k Kind, n int, header string, index int) Column {
	c := Column{Present: true, Header: header, Index: index}
	switch k {
	case KindCode:
		c.code, c.rows = make([]uint8, (n+1)/2), n
	case KindDate:
		c.day = make([]uint16, n)
	case KindInt, KindMoney:
		c.u32 = make([]uint32, n)
	case KindDict:
		c.u16 = make([]uint16, n)
	case KindFloat:
		c.bits = make([]uint64, n)
	case KindID, KindGEOID:
		c.Hash = make([]uint64, n)
	}
	return c
}

// Len returns the column's number of rows (0 when absent).
func (c *Column) Len() int {
	return max(c.rows, len(c.day), len(c.u32), len(c.u16), len(c.bits), len(c.Hash))
}

// Code returns a KindCode column's code in row i, or MissingCode (also
// when the column is absent).
func (c *Column) Code(i int) int8 {
	if c.code == nil {
		return MissingCode
	}
	return int8(c.code[i>>1]>>(uint(i&1)<<2)&15) - 1
}

// SetCode sets a KindCode column's code in row i (MissingCode for blank).
func (c *Column) SetCode(i int, v int8) {
	if v < MissingCode || v > MaxCode {
		panic("pirl: code outside -1 to MaxCode")
	}
	sh := uint(i&1) << 2
	c.code[i>>1] = c.code[i>>1]&^(15<<sh) | uint8(v+1)<<sh
}

// MaxCode is the largest code a KindCode column holds (four bits, one value
// for blank); no element has a larger valid code (a test checks).
const MaxCode = 14

// packCodes writes src (a chunk's codes, code + 1 a byte) into the packed
// column dst from row at.
func packCodes(dst []uint8, at int, src []uint8) {
	i := 0
	if at&1 == 1 && len(src) > 0 {
		dst[at>>1] = dst[at>>1]&0x0f | src[0]<<4
		i, at = 1, at+1
	}
	out := dst[at>>1:]
	for ; i+1 < len(src); i += 2 {
		out[0] = src[i] | src[i+1]<<4
		out = out[1:]
	}
	if i < len(src) {
		out[0] = src[i] // the high half is the next row, not yet placed
	}
}

// Date returns a KindDate column's day number in row i, or MissingDate.
func (c *Column) Date(i int) int32 {
	if c.day == nil || c.day[i] == 0 {
		return MissingDate
	}
	return int32(c.day[i]) + dayBase
}

// SetDate sets a KindDate column's day number in row i (MissingDate for
// blank); a day before 1900-01-01 or after MaxDate panics.
func (c *Column) SetDate(i int, z int32) {
	c.day[i] = dayOffset(z)
}

func dayOffset(z int32) uint16 {
	if z == MissingDate {
		return 0
	}
	if z <= dayBase || z > MaxDate {
		panic("pirl: date outside 1900-01-01 to 2079-06-05")
	}
	return uint16(z - dayBase)
}

// Num returns a KindMoney or KindFloat column's value in row i, or NaN.
func (c *Column) Num(i int) float64 {
	switch {
	case c.u32 != nil:
		x := c.u32[i]
		switch x {
		case 0:
			return math.NaN()
		case centsExact:
			return c.exactAt(i)
		}
		// Exact: the value was stored only when this division gives it back.
		return float64(x-1) / 100
	case c.bits != nil:
		return math.Float64frombits(c.bits[i] ^ nanBits)
	}
	return math.NaN()
}

func (c *Column) exactAt(i int) float64 {
	k, _ := slices.BinarySearchFunc(c.exact, i, func(e exactValue, i int) int { return cmp.Compare(e.row, i) })
	return c.exact[k].v
}

// SetNum sets a KindMoney or KindFloat column's value in row i (NaN for
// blank). Rows of a money column are set in increasing order.
func (c *Column) SetNum(i int, v float64) {
	if c.bits != nil {
		c.bits[i] = floatBits(v)
		return
	}
	x, exact := moneyBits(v)
	c.u32[i] = x
	if exact {
		if n := len(c.exact); n > 0 && c.exact[n-1].row >= i {
			panic("pirl: money rows set out of order")
		}
		c.exact = append(c.exact, exactValue{i, v})
	}
}

func floatBits(v float64) uint64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Float64bits(v) ^ nanBits
}

// moneyBits is the stored form of amount v: cents + 1 when a whole number
// of cents gives v back exactly, else centsExact (exact true: keep v aside).
func moneyBits(v float64) (x uint32, exact bool) {
	if math.IsNaN(v) {
		return 0, false
	}
	if v >= 0 && v <= maxCents/100 {
		if c := math.Round(v * 100); c/100 == v && !math.Signbit(v) {
			return uint32(c) + 1, false
		}
	}
	return centsExact, true
}

// Int returns a KindInt column's value in row i, or MissingInt (also when
// the column is absent).
func (c *Column) Int(i int) int32 {
	if c.u32 == nil {
		return MissingInt
	}
	return int32(c.u32[i] ^ intFlip)
}

// SetInt sets a KindInt column's value in row i (MissingInt for blank).
func (c *Column) SetInt(i int, v int32) { c.u32[i] = uint32(v) ^ intFlip }

// DictIndex returns the index into c.Dict of a KindDict column's value in
// row i, or MissingDict (negative) when blank or the column is absent.
func (c *Column) DictIndex(i int) int32 {
	if c.u16 == nil {
		return MissingDict
	}
	if x := c.u16[i]; x != farIndex {
		return int32(x) - 1
	}
	k, _ := slices.BinarySearchFunc(c.far, i, func(e farValue, i int) int { return cmp.Compare(e.row, i) })
	return c.far[k].k
}

// SetDictIndex sets a KindDict column's dictionary index in row i
// (MissingDict for blank). Rows with an index of farIndex − 1 or more are
// set in increasing order.
func (c *Column) SetDictIndex(i int, k int32) {
	if k+1 < farIndex {
		c.u16[i] = uint16(k + 1)
		return
	}
	if n := len(c.far); n > 0 && c.far[n-1].row >= i {
		panic("pirl: dictionary rows set out of order")
	}
	c.u16[i] = farIndex
	c.far = append(c.far, farValue{i, k})
}

// Data is a participant file held as typed columns, one row per period of
// participation, in file order.
type Data struct {
	Rows int
	Cols [NumFields]Column
	// Quality records everything that was missing, invalid or left out while reading.
	Quality Quality
	// lines maps rows to the file lines they start on (Line).
	lines []lineMark
}

// lineMark: row starts on line, and the rows after it on the lines after
// it, up to the next mark.
type lineMark struct{ row, line int }

// Line returns the file line on which data row i (0-based) starts — the
// line a text editor shows, counting the header line and any blank, header
// or extra lines of multi-line records before it — or 0 when the data were
// not read from a file.
func (d *Data) Line(i int) int {
	after := sort.Search(len(d.lines), func(k int) bool { return d.lines[k].row > i }) // the first mark after row i
	if after == 0 {
		return 0
	}
	m := d.lines[after-1]
	return m.line + i - m.row
}

// Has reports whether the file had the field's column.
func (d *Data) Has(f Field) bool { return d.Cols[f].Present }

// Code returns the code of field f in row i, or MissingCode.
func (d *Data) Code(f Field, i int) int8 { return d.Cols[f].Code(i) }

// Date returns the day number of KindDate field f in row i, or MissingDate.
func (d *Data) Date(f Field, i int) int32 { return d.Cols[f].Date(i) }

// Num returns the numeric value of field f in row i, or NaN.
func (d *Data) Num(f Field, i int) float64 { return d.Cols[f].Num(i) }

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
