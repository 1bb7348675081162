package pirl

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
)

func init() {
	// Pin "today" so the far-future date rule is reproducible.
	now = func() time.Time { return time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC) }
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// readString reads text with the given workers and block size.
func readString(t *testing.T, text string, workers, block int) (*Data, error) {
	t.Helper()
	return read(strings.NewReader(text), "f.csv", Options{Workers: workers}, -1, block)
}

func day(y, m, d int) int32 { return DayNumber(y, m, d) }

// The same three records in every supported layout.
func TestReadLayouts(t *testing.T) {
	const csv = "PIRL 100,PIRL 201,PIRL 900,PIRL 901\nA,1,20200101,20200601\nB,2,20200201,\nC,9,20200301,20201231\n"
	swap := func(s, d string) string { return strings.ReplaceAll(s, ",", d) }
	tests := []struct {
		name  string
		in    []byte
		delim byte
	}{
		{"comma", []byte(csv), ','},
		{"tab", []byte(swap(csv, "\t")), '\t'},
		{"pipe", []byte(swap(csv, "|")), '|'},
		{"semicolon", []byte(swap(csv, ";")), ';'},
		{"crlf", []byte(strings.ReplaceAll(csv, "\n", "\r\n")), ','},
		{"bom", []byte("\ufeff" + csv), ','},
		{"bom crlf tab", []byte("\ufeff" + strings.ReplaceAll(swap(csv, "\t"), "\n", "\r\n")), '\t'},
		{"no final newline", []byte(strings.TrimSuffix(csv, "\n")), ','},
		{"gzip", gz([]byte(csv)), ','},
		{"gzip bom crlf", gz([]byte("\ufeff" + strings.ReplaceAll(csv, "\n", "\r\n"))), ','},
		{"quoted header and values", []byte("\"PIRL 100\",\"PIRL 201\",\"PIRL 900\",\"PIRL 901\"\n\"A\",\"1\",\"20200101\",\"20200601\"\n\"B\",\"2\",\"20200201\",\"\"\n\"C\",\"09\",\"20200301\",\"20201231\"\n"), ','},
		{"names header", []byte("Unique Individual Identifier,Sex (WIOA),Date of Program Entry (WIOA),Date of Program Exit (WIOA)\nA,1,20200101,20200601\nB,2,20200201,\nC,9,20200301,20201231\n"), ','},
		{"date styles", []byte("p100,p201,p900,p901\nA,1,2020-01-01,06/01/2020\nB,2.0,2/1/2020,\nC,09,20200301,12/31/2020\n"), ','},
		{"spaces", []byte("PIRL 100 , PIRL 201 ,PIRL 900,PIRL 901\n A , 1 ,20200101 , 20200601\nB,2,20200201,  \nC,9,20200301,20201231\n"), ','},
		{"blank line skipped", []byte("PIRL 100,PIRL 201,PIRL 900,PIRL 901\nA,1,20200101,20200601\n\nB,2,20200201,\nC,9,20200301,20201231\n"), ','},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/w%d", tt.name, workers), func(t *testing.T) {
				d, err := read(bytes.NewReader(tt.in), "f.csv", Options{Workers: workers}, -1, 16)
				if err != nil {
					t.Fatal(err)
				}
				if d.Rows != 3 || d.Quality.RowsRead != 3 {
					t.Fatalf("rows = %d", d.Rows)
				}
				if d.Quality.Delimiter != tt.delim {
					t.Errorf("delimiter %q, want %q", d.Quality.Delimiter, tt.delim)
				}
				if got := d.Cols[FieldSex].codes(); !reflect.DeepEqual(got, []int8{1, 2, 9}) {
					t.Errorf("sex = %v", got)
				}
				if got := d.Cols[FieldEntry].dates(); !reflect.DeepEqual(got, []int32{day(2020, 1, 1), day(2020, 2, 1), day(2020, 3, 1)}) {
					t.Errorf("entry = %v", got)
				}
				if got := d.Cols[FieldExit].dates(); !reflect.DeepEqual(got, []int32{day(2020, 6, 1), MissingDate, day(2020, 12, 31)}) {
					t.Errorf("exit = %v", got)
				}
				if d.Cols[FieldID].Hash[0] != fnv1a([]byte("A")) {
					t.Errorf("id hash of A wrong")
				}
				if d.Quality.Missing[FieldExit] != 1 || len(d.Quality.Problems) != 0 || d.Quality.RaggedRows != 0 {
					t.Errorf("quality: missing %d, problems %v, ragged %d", d.Quality.Missing[FieldExit], d.Quality.Problems, d.Quality.RaggedRows)
				}
				if len(d.Quality.SHA256) != 64 || d.Quality.Bytes != int64(len(tt.in)) {
					t.Errorf("sha %q bytes %d", d.Quality.SHA256, d.Quality.Bytes)
				}
			})
		}
	}
}

// Quoting: delimiters, doubled quotes and newlines inside quotes, with the
// line numbers of later messages still right.
func TestReadQuoting(t *testing.T) {
	in := "PIRL 201,note,PIRL 900,PIRL 901,PIRL 1306\n" +
		"1,\"a,b\",20200101,,\"29-1141.00\"\n" + // line 2
		"2,\"say \"\"hi\"\"\",20200101,,\"15-1252, web\"\n" + // line 3
		"1,\"two\nlines\nhere\",20200101,,\n" + // lines 4–6
		"7,x,20200101,,\n" // line 7: invalid sex
	for _, block := range []int{8, 1 << 20} {
		d, err := readString(t, in, 2, block)
		if err != nil {
			t.Fatal(err)
		}
		if d.Rows != 4 {
			t.Fatalf("rows %d", d.Rows)
		}
		if got := d.Cols[FieldSex].codes(); !reflect.DeepEqual(got, []int8{1, 2, 1, MissingCode}) {
			t.Errorf("sex %v", got)
		}
		if got := d.Cols[FieldTrainCode1].Dict; !reflect.DeepEqual(got, []string{"29114100", "151252"}) {
			t.Errorf("dict %v", got)
		}
		p := d.Quality.Problems
		if len(p) != 1 || p[0].Examples[0] != `f.csv:7: column "PIRL 201": value "7" is not a valid code` {
			t.Errorf("problems %+v", p)
		}
		if d.Quality.RaggedRows != 0 {
			t.Errorf("ragged %v", d.Quality.RaggedExamples)
		}
	}
}

func TestReadValues(t *testing.T) {
	in := "PIRL 100,PIRL 201,PIRL 900,PIRL 901,PIRL 1704,PIRL 1703,tract_geoid,latitude,PIRL 102,PIRL 108A,PIRL 408\n" +
		"A,1,20200101,20200601,\"$1,234.50\",999999.99,1400000US01001020100,33.75,13121,13001,8\n" +
		"B,2,20200101,20200601,-5,abc,1001020100,north,13x,13001,9\n" +
		"A,2,20200101,20190101,,,,,,13002,\n"
	d, err := readString(t, in, 1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	q := &d.Quality
	if got := d.Cols[FieldWageQ2].nums(); got[0] != 1234.5 || !math.IsNaN(got[1]) || !math.IsNaN(got[2]) {
		t.Errorf("wage q2 %v", got)
	}
	if q.Sentinels[FieldWageQ1] != 1 || q.Missing[FieldWageQ2] != 1 {
		t.Errorf("sentinels %d missing %d", q.Sentinels[FieldWageQ1], q.Missing[FieldWageQ2])
	}
	if got := d.Cols[FieldTract].Hash; !reflect.DeepEqual(got, []uint64{1001020100, 0, 0}) {
		t.Errorf("tract %v", got)
	}
	// The county of residence is checked (its invalid value is a problem
	// below) but never kept: no analysis reads it; nor latitude, with a
	// tract column in the file.
	if c := &d.Cols[FieldCounty]; !c.Present || c.Len() != 0 || c.Int(0) != MissingInt || q.Missing[FieldCounty] != 1 {
		t.Errorf("county: present %v, %d values kept, %d blank", c.Present, c.Len(), q.Missing[FieldCounty])
	}
	if c := &d.Cols[FieldLatitude]; !c.Present || c.Len() != 0 || !math.IsNaN(c.Num(0)) {
		t.Errorf("latitude: present %v, %d values kept", c.Present, c.Len())
	}
	if d.Text(FieldBoard, 0) != "13001" || d.Text(FieldBoard, 2) != "13002" {
		t.Errorf("board %v", d.Cols[FieldBoard])
	}
	if q.DuplicatePeriods != 1 {
		t.Errorf("duplicate periods %d", q.DuplicatePeriods)
	}
	want := map[string]string{
		reasonNegative:  `f.csv:3: column "PIRL 1704": value (withheld) is negative`,
		reasonMoney:     `f.csv:3: column "PIRL 1703": value (withheld) is not an amount in dollars`,
		reasonGEOIDZero: `f.csv:3: column "tract_geoid": value (withheld) has 10 digits: a leading zero was probably lost (tract GEOIDs have 11)`,
		reasonNumber:    `f.csv:3: column "latitude": value (withheld) is not a number`,
		reasonInteger:   `f.csv:3: column "PIRL 102": value (withheld) is not a whole number`,
		reasonCode:      `f.csv:3: column "PIRL 408": value "9" is not a valid code`,
	}
	for _, p := range q.Problems {
		if w, ok := want[p.Reason]; !ok || p.Count != 1 || p.Examples[0] != w {
			t.Errorf("problem %+v", p)
		}
		delete(want, p.Reason)
	}
	if len(want) > 0 {
		t.Errorf("problems not reported: %v", want)
	}
}

func TestReadColumnsOverride(t *testing.T) {
	in := "Gender,PIRL 201,Start,End\n1,2,20200101,\n"
	d, err := read(strings.NewReader(in), "f.csv", Options{Columns: map[Field]string{FieldSex: "Gender", FieldEntry: "Start", FieldExit: "End", FieldZIP: "Zip5"}}, -1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if d.Cols[FieldSex].Header != "Gender" || d.Cols[FieldSex].Code(0) != 1 {
		t.Errorf("override lost: %+v", d.Cols[FieldSex])
	}
	w := strings.Join(d.Quality.Warnings, "\n")
	if !strings.Contains(w, `column "PIRL 201" (column 2) also names PIRL 201; using "Gender"`) || !strings.Contains(w, `"Zip5" mapped to PIRL 103 is not in the header`) {
		t.Errorf("warnings: %s", w)
	}
}

func TestReadDuplicateHeader(t *testing.T) {
	in := "PIRL 201,PIRL 900,PIRL 901,p201\n1,20200101,,2\n"
	d, err := readString(t, in, 1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if d.Cols[FieldSex].Code(0) != 1 || len(d.Quality.Warnings) != 1 || !strings.Contains(d.Quality.Warnings[0], `column "p201" (column 4) names PIRL 201 again; using the first, "PIRL 201" (column 1)`) {
		t.Errorf("sex %v warnings %q", d.Cols[FieldSex].codes(), d.Quality.Warnings)
	}
}

func TestReadMissingColumns(t *testing.T) {
	d, err := readString(t, "PIRL 100,PIRL 900,X\nA,20200101,1\n", 1, 1<<20)
	var mc *MissingColumnsError
	if !errors.As(err, &mc) {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(mc.Missing, []Field{FieldSex, FieldExit}) || !reflect.DeepEqual(mc.Seen, []string{"PIRL 100", "PIRL 900", "X"}) {
		t.Errorf("%+v", mc)
	}
	if d == nil || d.Rows != 1 || !d.Has(FieldEntry) {
		t.Errorf("data not returned with the missing-columns error: %+v", d)
	}
}

var truncatedGzip = func() string {
	b := gz(genWide(2000, 100, 1, false))
	return string(b[:len(b)/2])
}()

// Bad input: a clear error naming file and line, or a counted loss; never a panic.
func TestReadBadInput(t *testing.T) {
	hdr := "PIRL 201,PIRL 900,PIRL 901\n"
	tests := []struct {
		name  string
		in    string
		err   string // error substring; "" = must read
		rows  int
		check func(t *testing.T, d *Data)
	}{
		{name: "empty", in: "", err: "f.csv: the file is empty"},
		{name: "only BOM", in: "\ufeff", err: "f.csv: the file is empty"},
		{name: "empty header line", in: "\n1,2\n", err: "f.csv:1: the header line is empty"},
		{name: "header only", in: hdr, rows: 0, check: func(t *testing.T, d *Data) {
			if !strings.Contains(strings.Join(d.Quality.Warnings, ""), "no data rows") {
				t.Errorf("warnings %q", d.Quality.Warnings)
			}
		}},
		{name: "ragged", in: hdr + "1,20200101\n2,20200101,20200202,extra\n9\n", rows: 3, check: func(t *testing.T, d *Data) {
			q := &d.Quality
			want := []string{
				"f.csv:2: 2 fields, the header has 3 (missing trailing fields read as blank)",
				"f.csv:3: 4 fields, the header has 3 (extra fields ignored)",
				"f.csv:4: 1 fields, the header has 3 (missing trailing fields read as blank)",
			}
			if q.RaggedRows != 3 || !reflect.DeepEqual(q.RaggedExamples, want) {
				t.Errorf("ragged %d %q", q.RaggedRows, q.RaggedExamples)
			}
			if q.Missing[FieldExit] != 2 || q.Missing[FieldEntry] != 1 {
				t.Errorf("missing exit %d entry %d", q.Missing[FieldExit], q.Missing[FieldEntry])
			}
		}},
		{name: "unclosed quote", in: hdr + "1,20200101,\n2,\"20200101,\n1,20200101,\n", err: "f.csv:3: unclosed double quote"},
		{name: "unclosed quote in header", in: "PIRL 201,\"PIRL 900,PIRL 901\n1,2,3\n", err: "f.csv:1: unclosed double quote in the header"},
		{name: "binary", in: "\x00\x01\x02\xff\xfe garbage\x00", err: "f.csv:1: not a delimited text file"},
		{name: "binary later", in: "abc\ndef\x00", err: "f.csv:2: not a delimited text file"},
		{name: "zip", in: "PK\x03\x04rest", err: "f.csv:1: not a delimited text file: it is a zip archive"},
		{name: "utf16", in: "\xff\xfeP\x00I\x00", err: "UTF-16"},
		{name: "truncated gzip", in: truncatedGzip, err: "f.csv: reading after line"},
		{name: "latin1", in: "PIRL 201,PIRL 900,PIRL 901,Pr\xe9nom,PIRL 100,PIRL 108A\n1,20200101,,Ren\xe9,Jos\xe9,Caf\xe9\n2,20200101,,x,ok,13001\n", rows: 2, check: func(t *testing.T, d *Data) {
			q := &d.Quality
			if q.Header[3] != "Prénom" {
				t.Errorf("header %q", q.Header[3])
			}
			w := strings.Join(q.Warnings, "\n")
			if !strings.Contains(w, "f.csv:1: the header has bytes that are not UTF-8") || !strings.Contains(w, "f.csv:2: 2 value(s) in the columns read have bytes that are not UTF-8") {
				t.Errorf("warnings %s", w)
			}
			if q.Invalid(FieldID) != 1 || q.Invalid(FieldBoard) != 1 || d.Cols[FieldID].Hash[0] != 0 {
				t.Errorf("problems %+v", q.Problems)
			}
			for _, p := range q.Problems {
				if p.Field == FieldID && strings.Contains(p.Examples[0], "Jos") {
					t.Errorf("identifier printed: %s", p.Examples[0])
				}
			}
		}},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/w%d", tt.name, workers), func(t *testing.T) {
				d, err := readString(t, tt.in, workers, 16)
				if tt.err != "" {
					if err == nil || !strings.Contains(err.Error(), tt.err) {
						t.Fatalf("err = %v, want %q", err, tt.err)
					}
					if d != nil {
						t.Errorf("data returned with error")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if d.Rows != tt.rows {
					t.Errorf("rows %d, want %d", d.Rows, tt.rows)
				}
				if tt.check != nil {
					tt.check(t, d)
				}
			})
		}
	}
}

// A large input with one bad row at the very end: the message names that
// line, and every row before it is read.
func TestReadBadLastRow(t *testing.T) {
	const n = 200000
	var b strings.Builder
	b.WriteString("PIRL 201,PIRL 900,PIRL 901\n")
	for i := 0; i < n; i++ {
		b.WriteString("1,20200101,20200601\n")
	}
	b.WriteString("3,20200101") // ragged and invalid, no final newline
	for _, workers := range []int{1, 2} {
		d, err := read(strings.NewReader(b.String()), "big.csv", Options{Workers: workers}, -1, 64<<10)
		if err != nil {
			t.Fatal(err)
		}
		if d.Rows != n+1 {
			t.Fatalf("rows %d", d.Rows)
		}
		q := &d.Quality
		line := n + 2
		if len(q.Problems) != 1 || q.Problems[0].Examples[0] != fmt.Sprintf(`big.csv:%d: column "PIRL 201": value "3" is not a valid code`, line) {
			t.Errorf("problems %+v", q.Problems)
		}
		if q.RaggedRows != 1 || q.RaggedExamples[0] != fmt.Sprintf("big.csv:%d: 2 fields, the header has 3 (missing trailing fields read as blank)", line) {
			t.Errorf("ragged %q", q.RaggedExamples)
		}
		if q.Missing[FieldExit] != 1 || d.Cols[FieldSex].Code(n-1) != 1 {
			t.Errorf("rows before the bad one lost")
		}
	}
}

// A bad value deep in a multi-block input, with quoted newlines before it,
// read by two workers: the line number is right.
func TestReadBadRowDeepMultiBlock(t *testing.T) {
	var b strings.Builder
	b.WriteString("PIRL 201,note,PIRL 900,PIRL 901\n")
	line := 1
	for i := 0; i < 50000; i++ {
		if i%7 == 0 {
			b.WriteString("1,\"multi\nline\",20200101,\n")
			line += 2
		} else {
			b.WriteString("2,plain,20200101,\n")
			line++
		}
	}
	b.WriteString("1,x,20201301,\n")
	line++
	for i := 0; i < 30000; i++ {
		b.WriteString("2,\"q\",20200101,\n")
	}
	d, err := read(strings.NewReader(b.String()), "deep.csv", Options{Workers: 2}, -1, 32<<10)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`deep.csv:%d: column "PIRL 900": value (withheld) is not a calendar date`, line)
	if p := d.Quality.Problems; len(p) != 1 || p[0].Examples[0] != want {
		t.Errorf("problems %+v, want %s", p, want)
	}
	if d.Rows != 80001 {
		t.Errorf("rows %d", d.Rows)
	}
}

// sameData compares two Data (blanks are stored as zero, so NaN never
// stands in the way of DeepEqual).
func sameData(t *testing.T, what string, a, b *Data) {
	t.Helper()
	ca, cb := *a, *b
	for f := range ca.Cols {
		if !reflect.DeepEqual(ca.Cols[f], cb.Cols[f]) {
			t.Fatalf("%s: column %v differs", what, Field(f))
		}
	}
	if !reflect.DeepEqual(ca, cb) {
		t.Fatalf("%s: data differ:\n%+v\n%+v", what, ca.Quality, cb.Quality)
	}
}

// Workers and block sizes change nothing.
func TestReadDeterministic(t *testing.T) {
	for _, quoted := range []bool{false, true} {
		in := genWide(3000, 120, 5, quoted)
		ref, err := read(bytes.NewReader(in), "g.csv", Options{Workers: 1}, -1, defaultBlock)
		if err != nil {
			t.Fatal(err)
		}
		if ref.Rows != 3000 || len(ref.Quality.Problems) == 0 || ref.Quality.DuplicatePeriods == 0 {
			t.Fatalf("generator too tame: rows %d, problems %d, duplicates %d", ref.Rows, len(ref.Quality.Problems), ref.Quality.DuplicatePeriods)
		}
		for _, c := range []struct{ workers, block int }{{2, defaultBlock}, {2, 4096}, {3, 1000}, {1, 777}, {8, 64 << 10}} {
			d, err := read(bytes.NewReader(in), "g.csv", Options{Workers: c.workers}, -1, c.block)
			if err != nil {
				t.Fatal(err)
			}
			sameData(t, fmt.Sprintf("quoted=%v workers=%d block=%d", quoted, c.workers, c.block), ref, d)
		}
		gzd, err := read(bytes.NewReader(gz(in)), "g.csv", Options{Workers: 2}, -1, 4096)
		if err != nil {
			t.Fatal(err)
		}
		gzd.Quality.SHA256, gzd.Quality.Bytes = ref.Quality.SHA256, ref.Quality.Bytes
		sameData(t, "gzip", ref, gzd)
	}
}

func TestReadFileAndStdinName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plain.txt") // gzip inside, whatever the name
	if err := os.WriteFile(path, gz([]byte("PIRL 201,PIRL 900,PIRL 901\n2,20200101,\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(path, Options{Progress: os.Stderr})
	if err != nil || d.Rows != 1 || d.Quality.File != path {
		t.Fatalf("%v %+v", err, d)
	}
	if _, err := Read(filepath.Join(dir, "absent.csv"), Options{}); err == nil || !strings.Contains(err.Error(), "absent.csv") {
		t.Errorf("err = %v", err)
	}
}

// A record longer than maxRecord (an unclosed quote in a large quote-free
// file) stops with the line where it starts, without reading everything.
func TestReadRunawayQuote(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MB input")
	}
	var b bytes.Buffer
	b.Grow(maxRecord + 2<<20)
	b.WriteString("PIRL 201,PIRL 900,PIRL 901\n1,20200101,\n2,\"20200101,\n")
	row := []byte("1,20200101,\n")
	for b.Len() < maxRecord+(1<<20) {
		b.Write(row)
	}
	_, err := read(bytes.NewReader(b.Bytes()), "run.csv", Options{Workers: 2}, -1, 1<<20)
	if err == nil || !strings.Contains(err.Error(), "run.csv:3: a record longer than 64 MB starts here") {
		t.Fatalf("err = %v", err)
	}
}
