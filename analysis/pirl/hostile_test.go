package pirl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Examples of invalid values quote the value only for codes short enough to
// be one; every other kind names file, line, column and reason only.
func TestInvalidValuePrivacy(t *testing.T) {
	tests := []struct {
		header, value string
		want          string // the example message; "" = the value is valid
	}{
		{"PIRL 201", "7", `f.csv:2: column "PIRL 201": value "7" is not a valid code`},
		{"PIRL 201", "Y", `f.csv:2: column "PIRL 201": value "Y" is not a valid code`},
		{"PIRL 201", "-1", `f.csv:2: column "PIRL 201": value "-1" is not a valid code`},
		// Longer than a code: a birth date or a name in the wrong column.
		{"PIRL 201", "19850231", `f.csv:2: column "PIRL 201": value (withheld) is not a valid code`},
		{"PIRL 201", "Maria", `f.csv:2: column "PIRL 201": value (withheld) is not a valid code`},
		{"PIRL 201", "\x01", `f.csv:2: column "PIRL 201": value (withheld) is not a valid code`},
		{"PIRL 200", "19850231", `f.csv:2: column "PIRL 200": value (withheld) is not a calendar date`},
		{"PIRL 200", "1885-01-01", `f.csv:2: column "PIRL 200": value (withheld) is before 1900`},
		{"PIRL 1409", "20990101", `f.csv:2: column "PIRL 1409": value (withheld) is more than a year in the future`},
		{"PIRL 1704", "-4321.09", `f.csv:2: column "PIRL 1704": value (withheld) is negative`},
		{"PIRL 1704", "4321.09x", `f.csv:2: column "PIRL 1704": value (withheld) is not an amount in dollars`},
		{"PIRL 1704", "1e300", `f.csv:2: column "PIRL 1704": value (withheld) is above the plausible maximum of $1,000,000`},
		{"hourly_wage", "1234.56", `f.csv:2: column "hourly_wage": value (withheld) is above the plausible maximum of $1,000`},
		{"PIRL 103", "3030x", `f.csv:2: column "PIRL 103": value (withheld) is not a whole number`},
		{"PIRL 102", "13121x", `f.csv:2: column "PIRL 102": value (withheld) is not a whole number`},
		{"tract_geoid", "1312100110", `f.csv:2: column "tract_geoid": value (withheld) has 10 digits: a leading zero was probably lost (tract GEOIDs have 11)`},
		{"tract_geoid", "131210011000", `f.csv:2: column "tract_geoid": value (withheld) is not an 11-digit census tract GEOID`},
		{"latitude", "33.7x", `f.csv:2: column "latitude": value (withheld) is not a number`},
		{"PIRL 1306", "welding with Bob", `f.csv:2: column "PIRL 1306": value (withheld) has no digits of an occupation code`},
		{"PIRL 108A", "Jos\xe9", `f.csv:2: column "PIRL 108A": value (withheld) is not valid UTF-8 text`},
		{"PIRL 100", "Jos\xe9", `f.csv:2: column "PIRL 100": value (withheld) is not valid UTF-8 text`},
		{"PIRL 1704", "1000000", ""},
		{"hourly_wage", "1000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.header+"/"+tt.value, func(t *testing.T) {
			in := "PIRL 900,PIRL 901," + tt.header + "\n20200101,," + tt.value + "\n"
			if tt.header == "PIRL 201" {
				in = "PIRL 900,PIRL 901,PIRL 201\n20200101,," + tt.value + "\n"
			}
			d, err := read(strings.NewReader(in), "f.csv", Options{Workers: 1}, -1, 1<<20)
			if err != nil && !errors.As(err, new(*MissingColumnsError)) {
				t.Fatal(err)
			}
			var got []string
			for _, p := range d.Quality.Problems {
				got = append(got, p.Examples...)
			}
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("valid value reported: %q", got)
				}
				return
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Fatalf("examples %q\nwant %q", got, tt.want)
			}
			if !strings.Contains(tt.want, "withheld") && !strings.Contains(got[0], tt.value) {
				t.Errorf("code value not quoted: %s", got[0])
			}
			if strings.Contains(tt.want, "withheld") && strings.Contains(got[0], tt.value) {
				t.Errorf("value printed: %s", got[0])
			}
		})
	}
}

// Absurd amounts are invalid, counted per column and reason, and never
// stored: every stored amount is NaN or within [0, the field's bound].
func TestAbsurdAmounts(t *testing.T) {
	tests := []struct {
		value  string
		want   float64 // NaN when not stored
		reason string  // "" = valid (or the sentinel)
	}{
		{"0", 0, ""},
		{"-0", 0, ""},
		{"1000000", 1e6, ""},
		{"$1,000,000.00", 1e6, ""},
		{"999999.99", math.NaN(), ""}, // sentinel: not yet available
		{"1000000.01", math.NaN(), "is above the plausible maximum of $1,000,000"},
		{"$2,000,000", math.NaN(), "is above the plausible maximum of $1,000,000"},
		{"1e300", math.NaN(), "is above the plausible maximum of $1,000,000"},
		{"92233720368547758080", math.NaN(), "is above the plausible maximum of $1,000,000"},
		{"1e999", math.NaN(), reasonMoney},
		{"-1e999", math.NaN(), reasonMoney},
		{"Inf", math.NaN(), reasonMoney},
		{"+Inf", math.NaN(), reasonMoney},
		{"NaN", math.NaN(), reasonMoney},
		{"-4321.09", math.NaN(), reasonNegative},
		{"-1e300", math.NaN(), reasonNegative},
	}
	for _, tt := range tests {
		for _, f := range []Field{FieldWageQ1, FieldWageQ2, FieldWageQ3, FieldWageQ4} {
			t.Run(f.String()+"/"+tt.value, func(t *testing.T) {
				in := fmt.Sprintf("PIRL 201,PIRL 900,PIRL 901,%s\n1,20200101,,\"%s\"\n", f, tt.value)
				d, err := readString(t, in, 1, 1<<20)
				if err != nil {
					t.Fatal(err)
				}
				got := d.Cols[f].Num(0)
				if slices.Contains(neverKept[:], f) {
					got = tt.want // checked and counted, not kept
				}
				if math.Float64bits(got) != math.Float64bits(tt.want) && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
					t.Errorf("stored %v, want %v", got, tt.want)
				}
				q := &d.Quality
				if tt.reason == "" {
					if len(q.Problems) != 0 {
						t.Errorf("problems %+v", q.Problems)
					}
					return
				}
				if len(q.Problems) != 1 || q.Problems[0].Field != f || q.Problems[0].Reason != tt.reason || q.Problems[0].Count != 1 {
					t.Errorf("problems %+v, want one %q", q.Problems, tt.reason)
				}
			})
		}
	}
	// The hourly wage has its own bound, and they are counted per reason.
	in := "PIRL 201,PIRL 900,PIRL 901,hourly_wage\n" +
		"1,20200101,,17.50\n1,20200101,,1000\n1,20200101,,1000.01\n1,20200101,,1e300\n1,20200101,,-3\n1,20200101,,5e3\n"
	for _, workers := range []int{1, 3} {
		d, err := readString(t, in, workers, 16)
		if err != nil {
			t.Fatal(err)
		}
		got := d.Cols[FieldHourlyWage].nums()
		if got[0] != 17.5 || got[1] != 1000 || !math.IsNaN(got[2]) || !math.IsNaN(got[3]) || !math.IsNaN(got[4]) || !math.IsNaN(got[5]) {
			t.Errorf("hourly %v", got)
		}
		want := []Problem{
			{Field: FieldHourlyWage, Reason: "is above the plausible maximum of $1,000", Count: 3, Examples: []string{
				`f.csv:4: column "hourly_wage": value (withheld) is above the plausible maximum of $1,000`,
				`f.csv:5: column "hourly_wage": value (withheld) is above the plausible maximum of $1,000`,
				`f.csv:7: column "hourly_wage": value (withheld) is above the plausible maximum of $1,000`,
			}},
			{Field: FieldHourlyWage, Reason: reasonNegative, Count: 1, Examples: []string{`f.csv:6: column "hourly_wage": value (withheld) is negative`}},
		}
		if !reflect.DeepEqual(d.Quality.Problems, want) {
			t.Errorf("workers %d: problems\n%+v\nwant\n%+v", workers, d.Quality.Problems, want)
		}
	}
}

// Every money element has a documented bound.
func TestMoneyBounds(t *testing.T) {
	for i := range Elements {
		e := &Elements[i]
		if e.Kind == KindMoney && !(e.MaxAmount > 0) {
			t.Errorf("%v: no MaxAmount", e.Field)
		}
		if e.Kind != KindMoney && e.MaxAmount != 0 {
			t.Errorf("%v: MaxAmount on a %v field", e.Field, e.Kind)
		}
	}
}

// A header line repeated inside the data, in any of its usual forms, is
// skipped and counted, not read as a record of invalid values; a record
// that only starts like the header is still a record.
func TestRepeatedHeader(t *testing.T) {
	const hdr = "PIRL 100,PIRL 201,PIRL 900,PIRL 901\n"
	rows := "A,1,20200101,20200601\nB,2,20200201,\n"
	tests := []struct {
		name    string
		in      []byte
		rows    int
		headers int
		lines   []int
		ragged  int
	}{
		{"none", []byte(hdr + rows), 2, 0, nil, 0},
		{"exact", []byte(hdr + rows + hdr + rows), 4, 1, []int{4}, 0},
		{"three files", []byte(hdr + rows + hdr + rows + hdr + rows), 6, 2, []int{4, 7}, 0},
		{"right after the header", []byte(hdr + hdr + rows), 2, 1, []int{2}, 0},
		{"at the end", []byte(hdr + rows + hdr), 2, 1, []int{4}, 0},
		{"at the end, no newline", []byte(hdr + rows + strings.TrimSuffix(hdr, "\n")), 2, 1, []int{4}, 0},
		{"with a byte-order mark", []byte("\ufeff" + hdr + rows + "\ufeff" + hdr + rows), 4, 1, []int{4}, 0},
		{"crlf", []byte(hdr + rows + strings.ReplaceAll(hdr+rows, "\n", "\r\n")), 4, 1, []int{4}, 0},
		{"quoted", []byte(hdr + rows + `"PIRL 100","PIRL 201","PIRL 900","PIRL 901"` + "\n" + rows), 4, 1, []int{4}, 0},
		{"quoted with a byte-order mark", []byte(hdr + rows + "\ufeff\"PIRL 100\",PIRL 201,PIRL 900,\"PIRL 901\"\n" + rows), 4, 1, []int{4}, 0},
		{"spaces", []byte(hdr + rows + " PIRL 100 ,PIRL 201, PIRL 900,PIRL 901 \n" + rows), 4, 1, []int{4}, 0},
		{"multi-member gzip", append(gz([]byte(hdr+rows)), gz([]byte(hdr+rows))...), 4, 1, []int{4}, 0},
		{"multi-member gzip with byte-order marks", append(gz([]byte("\ufeff"+hdr+rows)), gz([]byte("\ufeff"+hdr+rows))...), 4, 1, []int{4}, 0},
		// Not the header: read as records (with their invalid values).
		{"first column only", []byte(hdr + rows + "PIRL 100,1,20200101,\n"), 3, 0, nil, 0},
		{"one name differs", []byte(hdr + rows + "PIRL 100,PIRL 201,PIRL 900,PIRL 902\n"), 3, 0, nil, 0},
		// Header lines with other names, in the same columns.
		{"one more column", []byte(hdr + rows + "PIRL 100,PIRL 201,PIRL 900,PIRL 901,x\n"), 2, 1, []int{4}, 0},
		{"one more column, then its rows", []byte(hdr + rows + "PIRL 100,PIRL 201,PIRL 900,PIRL 901,x\n" + "A,1,20200101,20200601,y\n"), 3, 1, []int{4}, 1},
		{"other spellings", []byte(hdr + rows + "PIRL 100,Sex (WIOA),p900,PIRL-901\n" + rows), 4, 1, []int{4}, 0},
		{"other spellings, quoted", []byte(hdr + rows + "\"PIRL 100\",\"Sex\",\"p900\",\"901\"\n" + rows), 4, 1, []int{4}, 0},
		{"first column renamed", []byte("id,PIRL 201,PIRL 900,PIRL 901\nA,1,20200101,\nid2,PIRL 201,p900,p901\nB,2,20200101,\n"), 2, 1, []int{3}, 0},
	}
	for _, tt := range tests {
		var ref *Data
		for _, c := range []struct{ workers, block int }{{1, 1 << 20}, {1, 7}, {2, 16}, {4, 1}, {3, 33}} {
			t.Run(fmt.Sprintf("%s/w%d/b%d", tt.name, c.workers, c.block), func(t *testing.T) {
				d, err := read(bytes.NewReader(tt.in), "f.csv", Options{Workers: c.workers}, -1, c.block)
				if err != nil {
					t.Fatal(err)
				}
				q := &d.Quality
				if d.Rows != tt.rows || q.RepeatedHeaders != tt.headers || !reflect.DeepEqual(q.RepeatedHeaderLines, tt.lines) || q.RaggedRows != tt.ragged {
					t.Fatalf("rows %d, repeated headers %d at %v, ragged %d; want %d, %d at %v, %d", d.Rows, q.RepeatedHeaders, q.RepeatedHeaderLines, q.RaggedRows, tt.rows, tt.headers, tt.lines, tt.ragged)
				}
				if tt.headers > 0 {
					if len(q.Problems) != 0 {
						t.Errorf("the repeated header was read as values: %+v", q.Problems)
					}
					if got := d.Cols[FieldSex].codes(); !reflect.DeepEqual(got[:2], []int8{1, 2}) || len(got) >= 4 && !reflect.DeepEqual(got[len(got)-2:], []int8{1, 2}) {
						t.Errorf("sex %v", got)
					}
				}
				if ref == nil {
					ref = d
					return
				}
				d.Quality.SHA256, d.Quality.Bytes = ref.Quality.SHA256, ref.Quality.Bytes
				sameData(t, "vs one worker, one block", ref, d)
			})
		}
	}
}

// A header line with the fields in other columns stops the run: the rows
// after it would be read from the wrong columns. The same error whatever
// the workers and blocks.
func TestHeaderOtherLayout(t *testing.T) {
	const hdr = "PIRL 100,PIRL 201,PIRL 900,PIRL 901\n"
	rows := "A,1,20200101,20200601\nB,2,20200201,\n"
	tests := []struct{ name, in, want string }{
		{"column inserted", hdr + rows + "PIRL 100,PIRL 201,PIRL 1704,PIRL 900,PIRL 901\n" + "C,1,100,20200101,\n",
			"f.csv:4: a header line with other columns than line 1's (PIRL 900 is column 4 here, 3 on line 1)"},
		{"columns swapped", hdr + rows + "PIRL 100,PIRL 201,PIRL 901,PIRL 900\n",
			"f.csv:4: a header line with other columns than line 1's (PIRL 900 is column 4 here, 3 on line 1)"},
		{"a column read only here", hdr + rows + "PIRL 100,PIRL 201,PIRL 900,PIRL 901,PIRL 1704\n",
			"f.csv:4: a header line with other columns than line 1's (PIRL 1704 is column 5 here, absent on line 1)"},
		{"quoted, after a multi-line row", hdr + "A,1,\"2020\n0101\",\n" + `"PIRL 100","PIRL 201","PIRL 1704","PIRL 900","PIRL 901"` + "\n",
			"f.csv:4: a header line with other columns than line 1's (PIRL 900 is column 4 here, 3 on line 1)"},
	}
	for _, tt := range tests {
		for _, c := range []struct{ workers, block int }{{1, 1 << 20}, {2, 1}, {3, 17}} {
			d, err := readString(t, tt.in, c.workers, c.block)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || d != nil {
				t.Errorf("%s w%d b%d: err = %v, want %q", tt.name, c.workers, c.block, err, tt.want)
			}
		}
	}
}

// Two concatenated generated files, read by one worker in one block or by
// many in small blocks: identical data, the second header counted once,
// and the same rows as the two files read apart.
func TestRepeatedHeaderWorkers(t *testing.T) {
	for _, quoted := range []bool{false, true} {
		a, b := genWide(3000, 120, 5, quoted), genWide(2000, 120, 6, quoted)
		in := append(append([]byte(nil), a...), b...)
		hdrLine := 1 + bytes.Count(a, nl) // the line of b's header
		ref, err := read(bytes.NewReader(in), "g.csv", Options{Workers: 1}, -1, defaultBlock)
		if err != nil {
			t.Fatal(err)
		}
		ra, _ := read(bytes.NewReader(a), "g.csv", Options{Workers: 1}, -1, defaultBlock)
		rb, _ := read(bytes.NewReader(b), "g.csv", Options{Workers: 1}, -1, defaultBlock)
		if ref.Rows != ra.Rows+rb.Rows || ref.Quality.RepeatedHeaders != 1 || !reflect.DeepEqual(ref.Quality.RepeatedHeaderLines, []int{hdrLine}) {
			t.Fatalf("quoted=%v: rows %d (want %d+%d), repeated headers %d at %v (want line %d)", quoted, ref.Rows, ra.Rows, rb.Rows, ref.Quality.RepeatedHeaders, ref.Quality.RepeatedHeaderLines, hdrLine)
		}
		inv := 0
		for f := range NumFields {
			inv += ra.Quality.Invalid(f) + rb.Quality.Invalid(f) - ref.Quality.Invalid(f)
		}
		if inv != 0 {
			t.Errorf("quoted=%v: %d more invalid values than in the two files read apart", quoted, -inv)
		}
		for _, c := range []struct{ workers, block int }{{2, defaultBlock}, {2, 4096}, {3, 1000}, {1, 777}, {8, 64 << 10}, {4, 1}} {
			d, err := read(bytes.NewReader(in), "g.csv", Options{Workers: c.workers}, -1, c.block)
			if err != nil {
				t.Fatal(err)
			}
			sameData(t, fmt.Sprintf("quoted=%v workers=%d block=%d", quoted, c.workers, c.block), ref, d)
		}
	}
}

// Rows with a quoted field spanning lines are counted, with the line each
// starts on, whatever the workers and blocks.
func TestMultilineRows(t *testing.T) {
	in := "PIRL 201,note,PIRL 900,PIRL 901\n" +
		"1,\"a,b\",20200101,\n" + // 2: quoted, one line
		"1,\"two\nlines\",20200101,\n" + // 3–4
		"2,plain,20200101,\n" + // 5
		"1,\"three\nlines\nhere\",\"20200101\",\n" + // 6–8
		"1,\"x\",\"2020\n0101\",\n" + // 9–10 (an invalid date)
		"2,\"\"\"quoted\"\"\",20200101,\n" // 11
	var ref *Data
	for _, c := range []struct{ workers, block int }{{1, 1 << 20}, {2, 8}, {3, 1}, {2, 40}} {
		d, err := readString(t, in, c.workers, c.block)
		if err != nil {
			t.Fatal(err)
		}
		q := &d.Quality
		if d.Rows != 6 || q.MultilineRows != 3 || !reflect.DeepEqual(q.MultilineLines, []int{3, 6, 9}) {
			t.Errorf("workers %d block %d: rows %d, multiline %d at %v", c.workers, c.block, d.Rows, q.MultilineRows, q.MultilineLines)
		}
		if ref == nil {
			ref = d
			continue
		}
		sameData(t, "multiline", ref, d)
	}
	// More than MaxExamples: all counted, the first lines kept.
	var b strings.Builder
	b.WriteString("PIRL 201,note,PIRL 900,PIRL 901\n")
	for range 8 {
		b.WriteString("1,\"a\nb\",20200101,\n")
	}
	d, err := readString(t, b.String(), 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if d.Quality.MultilineRows != 8 || !reflect.DeepEqual(d.Quality.MultilineLines, []int{2, 4, 6, 8, 10}) {
		t.Errorf("multiline %d at %v", d.Quality.MultilineRows, d.Quality.MultilineLines)
	}
}

// The SHA-256 and byte count are of the bytes as stored, all of them,
// compressed or not; a file that changes while it is read stops the run.
func TestReadFileDigestAndChange(t *testing.T) {
	plain := genWide(3000, 60, 3, false)
	twoMembers := append(gz(plain[:len(plain)/2]), gz(plain[len(plain)/2:])...)
	for _, tt := range []struct {
		name string
		data []byte
	}{{"plain", plain}, {"gzip", gz(plain)}, {"multi-member gzip", twoMembers}} {
		path := filepath.Join(t.TempDir(), "p.csv")
		if err := os.WriteFile(path, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(tt.data)
		for _, block := range []int{defaultBlock, 4096} {
			d, err := readFile(path, Options{Workers: 2}, block)
			if err != nil {
				t.Fatal(err)
			}
			if d.Quality.SHA256 != hex.EncodeToString(sum[:]) || d.Quality.Bytes != int64(len(tt.data)) || d.Rows != 3000 {
				t.Errorf("%s: sha %s bytes %d rows %d; want %x, %d, 3000", tt.name, d.Quality.SHA256, d.Quality.Bytes, d.Rows, sum, len(tt.data))
			}
		}
	}

	changes := []struct {
		name   string
		change func(t *testing.T, path string)
		want   string // "" = no error
	}{
		{"unchanged", func(t *testing.T, path string) {}, ""},
		{"read but not written", func(t *testing.T, path string) {
			if _, err := os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"grows", func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.Write([]byte("1,20200101,20200601\n"))
		}, "after reading"},
		{"shrinks", func(t *testing.T, path string) {
			if err := os.Truncate(path, 1000); err != nil {
				t.Fatal(err)
			}
		}, "after reading"},
		{"rewritten, same size", func(t *testing.T, path string) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(path, later, later); err != nil {
				t.Fatal(err)
			}
		}, "modified at"},
	}
	for _, c := range changes {
		for _, block := range []int{defaultBlock, 64} {
			t.Run(fmt.Sprintf("%s/b%d", c.name, block), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "p.csv")
				if err := os.WriteFile(path, plain, 0o644); err != nil {
					t.Fatal(err)
				}
				testHookHeader = func() { c.change(t, path) }
				defer func() { testHookHeader = nil }()
				d, err := readFile(path, Options{Workers: 2}, block)
				if c.want == "" {
					if err != nil || d == nil {
						t.Fatalf("err %v", err)
					}
					return
				}
				if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), path+": ") || d != nil {
					t.Fatalf("err = %v (data %v), want ErrChanged with %q", err, d != nil, c.want)
				}
			})
		}
	}
	// Read through the pipe-like path: no check (there is nothing to stat).
	testHookHeader = nil
	if _, err := ReadFrom(bytes.NewReader(plain), "<stdin>", Options{}); err != nil {
		t.Fatal(err)
	}
}

// A later header line is matched as line 1 was: --columns mapping and
// Latin-1 names included.
func TestRepeatedHeaderMappedLatin1(t *testing.T) {
	in := "PIRL 100,Sexe d\xe9clar\xe9,PIRL 900,PIRL 901\nA,1,20200101,\n" +
		"PIRL 100,Sexe d\xe9clar\xe9,p900,p901\nB,2,20200101,\n"
	for _, workers := range []int{1, 2} {
		d, err := read(strings.NewReader(in), "f.csv", Options{Workers: workers, Columns: map[Field]string{FieldSex: "Sexe déclaré"}}, -1, 8)
		if err != nil {
			t.Fatal(err)
		}
		q := &d.Quality
		if d.Rows != 2 || q.RepeatedHeaders != 1 || len(q.Problems) != 0 || !reflect.DeepEqual(d.Cols[FieldSex].codes(), []int8{1, 2}) {
			t.Errorf("rows %d, repeated headers %d, problems %+v, sex %v", d.Rows, q.RepeatedHeaders, q.Problems, d.Cols[FieldSex].codes())
		}
	}
}
