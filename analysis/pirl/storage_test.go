package pirl

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Columns keep values in narrow forms (data.go); every value read must come
// back exactly as strconv would parse it, whatever the block size and the
// number of workers, including the rare amounts that are not a whole number
// of cents (kept aside in row order), dates at both ends of the range, and
// blank lines and multi-line records that move rows between blocks.
func TestStorageExact(t *testing.T) {
	amounts := []string{"0", "0.00", "-0", "1234.5", "1234.56", "0.1", "0.07", "999999.98", "1000000",
		"12.345", "0.001", "5e-3", "1e2", "17.125", "3", "$1,234.56", "-0.0001"}
	var b strings.Builder
	b.WriteString("PIRL 201,PIRL 900,PIRL 901,PIRL 1704,hourly_wage,PIRL 200,zip,latitude,PIRL 108A,PIRL 407\n")
	type row struct {
		wage, hourly float64
		birth        int32
		zip          int32
		lat          float64
		grade        int8
	}
	var want []row
	for i := range 600 {
		a := amounts[i%len(amounts)]
		h := strconv.FormatFloat(float64(i%1000)/8, 'f', -1, 64)
		birth := "19000101"
		if i%3 == 1 {
			birth = "19991231"
		}
		lat := strconv.FormatFloat(-90+float64(i)*0.123456789, 'f', -1, 64)
		if i%7 == 0 {
			lat = "-0"
		}
		grade := strconv.Itoa(i % 14) // 13 is not a valid grade: blank
		if i%5 == 0 {
			grade = ""
		}
		fmt.Fprintf(&b, "1,20200101,20200601,\"%s\",%s,%s,%05d,%s,B%d,%s\n", a, h, birth, i*37%100000, lat, i%4, grade)
		if i%50 == 0 {
			b.WriteString("\n") // a blank line: the rows after it move down
		}
		if i%77 == 0 {
			fmt.Fprintf(&b, "2,20200101,20200601,\"1\n2.5\",,,,,,12\n") // a multi-line record: wage invalid
		}
		w, _ := strconv.ParseFloat(strings.NewReplacer("$", "", ",", "").Replace(a), 64)
		if strings.HasPrefix(a, "-") {
			w = 0 // the reader takes "-0" as zero, and a negative amount as invalid
			if a != "-0" {
				w = math.NaN()
			}
		}
		hv, _ := strconv.ParseFloat(h, 64)
		lv, _ := strconv.ParseFloat(lat, 64)
		z := DayNumber(1900, 1, 1)
		if i%3 == 1 {
			z = DayNumber(1999, 12, 31)
		}
		g := int8(i % 14)
		if i%5 == 0 || g == 13 {
			g = MissingCode
		}
		want = append(want, row{wage: w, hourly: hv, birth: z, zip: int32(i * 37 % 100000), lat: lv, grade: g})
		if i%77 == 0 {
			want = append(want, row{wage: math.NaN(), hourly: math.NaN(), birth: MissingDate, zip: MissingInt, lat: math.NaN(), grade: 12})
		}
	}
	for _, workers := range []int{1, 3} {
		for _, block := range []int{64, 1000, 1 << 20} {
			d, err := readString(t, b.String(), workers, block)
			if err != nil {
				t.Fatal(err)
			}
			if d.Rows != len(want) {
				t.Fatalf("workers %d block %d: %d rows, want %d", workers, block, d.Rows, len(want))
			}
			for i, w := range want {
				got := row{d.Num(FieldWageQ2, i), d.Num(FieldHourlyWage, i), d.Date(FieldBirthDate, i), d.Int(FieldZIP, i), d.Num(FieldLatitude, i), d.Code(FieldGrade, i)}
				same := func(x, y float64) bool {
					return math.Float64bits(x) == math.Float64bits(y) || math.IsNaN(x) && math.IsNaN(y)
				}
				if !same(got.wage, w.wage) || !same(got.hourly, w.hourly) || got.birth != w.birth || got.zip != w.zip || !same(got.lat, w.lat) || got.grade != w.grade {
					t.Fatalf("workers %d block %d row %d: got %+v, want %+v", workers, block, i, got, w)
				}
			}
			if d.Text(FieldBoard, 2) != "B1" || d.Text(FieldBoard, 4) != "B3" { // row 1 is the multi-line record
				t.Errorf("board %q %q", d.Text(FieldBoard, 2), d.Text(FieldBoard, 4))
			}
		}
	}
}

// Dates from 1900-01-01 to MaxDate fit a column; the reader's latest valid
// date never passes MaxDate, whatever today is.
func TestDateRange(t *testing.T) {
	c := MakeColumn(KindDate, 3, "d", 0)
	c.SetDate(0, DayNumber(1900, 1, 1))
	c.SetDate(1, MaxDate)
	c.SetDate(2, MissingDate)
	if c.Date(0) != DayNumber(1900, 1, 1) || c.Date(1) != MaxDate || c.Date(2) != MissingDate || FormatDate(MaxDate) != "2079-06-05" {
		t.Errorf("dates %v %v %v (MaxDate %s)", c.Date(0), c.Date(1), c.Date(2), FormatDate(MaxDate))
	}
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2079, 1, 1, 0, 0, 0, 0, time.UTC) }
	d, err := readString(t, "PIRL 201,PIRL 900,PIRL 901\n1,20790605,\n1,20790606,\n", 1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if d.Date(FieldEntry, 0) != MaxDate || d.Date(FieldEntry, 1) != MissingDate || d.Quality.Invalid(FieldEntry) != 1 {
		t.Errorf("entry %v %v, invalid %d", d.Date(FieldEntry, 0), d.Date(FieldEntry, 1), d.Quality.Invalid(FieldEntry))
	}
}

// No code outside the reader (and the generator, which writes files) uses
// the values of a field in neverKept: they are not kept.
func TestNeverKeptUnused(t *testing.T) {
	root := filepath.Join("..", "..")
	// A value is read through an accessor or the column itself; naming
	// the field elsewhere (Has, the Missing and Sentinels counts) is fine.
	uses := map[string]*regexp.Regexp{}
	for _, f := range neverKept {
		n := fieldConstName(t, f)
		uses[n] = regexp.MustCompile(`(\b(Num|Code|Date|Int|DictIndex|Text)\(\s*pirl\.` + n + `\b)|(Cols\[\s*pirl\.` + n + `\s*\])`)
	}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			switch e.Name() {
			case ".git", "testdata", "pirl", "synth":
				if path != root {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, re := range uses {
			if re.Match(b) {
				t.Errorf("%s reads the values of %s, which the reader does not keep: take it out of neverKept (analysis/pirl/header.go)", path, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fieldConstName is the Go name of f's constant, from elements.go.
func fieldConstName(t *testing.T, f Field) string {
	b, err := os.ReadFile("elements.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		s := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(s, "FieldID "):
			in = true
		case strings.HasPrefix(s, "NumFields"):
			in = false
		}
		if in && strings.HasPrefix(s, "Field") {
			names = append(names, strings.Fields(s)[0])
		}
	}
	if len(names) != int(NumFields) {
		t.Fatalf("found %d field constants in elements.go, want %d", len(names), NumFields)
	}
	return names[f]
}

// Every valid code fits the four bits a code column keeps per row.
func TestCodesFitFourBits(t *testing.T) {
	for f := range NumFields {
		if e := &Elements[f]; e.Kind == KindCode {
			for v := MaxCode + 1; v < 128; v++ {
				if e.ValidCode(v) {
					t.Errorf("%v: code %d is valid but above MaxCode %d", f, v, MaxCode)
				}
			}
		}
	}
	c := MakeColumn(KindCode, 5, "c", 0)
	for i, v := range []int8{MaxCode, MissingCode, 0, 7, MaxCode} {
		c.SetCode(i, v)
	}
	c.SetCode(1, 3)
	if got := c.codes(); !slices.Equal(got, []int8{MaxCode, 3, 0, 7, MaxCode}) {
		t.Errorf("codes %v", got)
	}
}

// A dictionary of more than 65,534 values: indices from farIndex − 1 on
// are kept aside and come back exact, across chunks with dictionaries of
// their own.
func TestDictionaryBeyondSixteenBits(t *testing.T) {
	const n = 70_000
	var b strings.Builder
	b.WriteString("PIRL 201,PIRL 900,PIRL 901,PIRL 108A\n")
	for i := range n {
		if i%1000 == 999 {
			b.WriteString("1,20200101,,\n") // blank board
			continue
		}
		fmt.Fprintf(&b, "1,20200101,,B%d\n", i%(n-5)) // a few repeats at the end
	}
	for _, workers := range []int{1, 3} {
		for _, block := range []int{4096, 1 << 22} {
			d, err := readString(t, b.String(), workers, block)
			if err != nil {
				t.Fatal(err)
			}
			if d.Rows != n {
				t.Fatalf("%d rows", d.Rows)
			}
			c := &d.Cols[FieldBoard]
			if len(c.Dict) < farIndex {
				t.Fatalf("only %d distinct values: the test does not reach the far indices", len(c.Dict))
			}
			for i := range n {
				want := fmt.Sprintf("B%d", i%(n-5))
				if i%1000 == 999 {
					want = ""
				}
				if got := d.Text(FieldBoard, i); got != want {
					t.Fatalf("workers %d block %d row %d: %q, want %q", workers, block, i, got, want)
				}
			}
		}
	}
	c := MakeColumn(KindDict, 3, "d", 0)
	c.SetDictIndex(0, 70_000)
	c.SetDictIndex(1, MissingDict)
	c.SetDictIndex(2, farIndex-2)
	if c.DictIndex(0) != 70_000 || c.DictIndex(1) != MissingDict || c.DictIndex(2) != farIndex-2 {
		t.Errorf("indices %d %d %d", c.DictIndex(0), c.DictIndex(1), c.DictIndex(2))
	}
}

// Line gives the file line each row starts on, across blank lines, header
// lines repeated inside the data, multi-line records, block boundaries and
// workers.
func TestRowLines(t *testing.T) {
	var b strings.Builder
	header := "PIRL 201,PIRL 900,PIRL 901,PIRL 1704\n"
	b.WriteString(header)
	line := 2
	var want []int
	for i := range 3000 {
		switch {
		case i%97 == 5:
			b.WriteString("\n") // blank
			line++
		case i%211 == 7:
			b.WriteString(header) // a repeated header line
			line++
		}
		want = append(want, line)
		if i%131 == 3 {
			b.WriteString("1,20200101,,\"12\n34\"\n") // a record over two lines
			line += 2
			continue
		}
		fmt.Fprintf(&b, "%d,20200101,,%d\n", 1+i%2, i)
		line++
	}
	for _, workers := range []int{1, 3} {
		for _, block := range []int{200, 4096, 1 << 20} {
			d, err := readString(t, b.String(), workers, block)
			if err != nil {
				t.Fatal(err)
			}
			if d.Rows != len(want) {
				t.Fatalf("%d rows, want %d", d.Rows, len(want))
			}
			for i, w := range want {
				if got := d.Line(i); got != w {
					t.Fatalf("workers %d block %d: row %d on line %d, want %d", workers, block, i, got, w)
				}
			}
			if len(d.lines) > 80 {
				t.Errorf("%d line marks for %d rows: more than one per irregularity", len(d.lines), d.Rows)
			}
		}
	}
	if (&Data{Rows: 1}).Line(0) != 0 {
		t.Error("data not read from a file have no lines")
	}
}
