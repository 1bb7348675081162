package pirl

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// pufRows makes n records in the PY2022 Q4 public-use layout's columns:
// valid values in every column the tool reads, text in the others.
func pufRows(n int, seed uint64) [][]string {
	r := rand.New(rand.NewPCG(seed, 7))
	layout := OfficialLayout()
	rows := make([][]string, n)
	for i := range rows {
		row := make([]string, len(layout))
		for j, e := range layout {
			f, ok := fieldOf[e.Number]
			if !ok {
				if r.IntN(3) == 0 {
					row[j] = fmt.Sprintf("v%d", r.IntN(100))
				}
				continue
			}
			if r.IntN(8) == 0 {
				continue // blank
			}
			el := &Elements[f]
			switch el.Kind {
			case KindCode:
				var valid []int
				for v := -1; v < 100; v++ {
					if el.ValidCode(v) {
						valid = append(valid, v)
					}
				}
				row[j] = fmt.Sprint(valid[r.IntN(len(valid))])
				if r.IntN(50) == 0 {
					row[j] = "77" // invalid, counted
				}
			case KindDate:
				row[j] = fmt.Sprintf("20%02d%02d%02d", 18+r.IntN(6), 1+r.IntN(12), 1+r.IntN(28))
			case KindMoney:
				row[j] = fmt.Sprint(r.IntN(30000))
			case KindID:
				row[j] = fmt.Sprintf("ID%06d", r.IntN(n))
			case KindDict:
				row[j] = fmt.Sprint(100000 + r.IntN(50))
			case KindInt:
				row[j] = fmt.Sprint(16 + r.IntN(60))
			default:
				row[j] = fmt.Sprint(r.Float64())
			}
		}
		rows[i] = row
	}
	return rows
}

var shortOf = func() map[string]string {
	m := map[string]string{}
	for _, s := range dolShortNames {
		if _, dup := m[s.Number]; !dup && !genericShortNames[s.Name] {
			m[s.Number] = s.Name
		}
	}
	return m
}()

// styleHeader spells a layout element's header in one naming style.
func styleHeader(style string, e LayoutElement) string {
	n := e.Number
	num, calc := strings.CutPrefix(n, "CALC")
	if e.Number == "Report_Quarter" {
		return e.Header
	}
	switch style {
	case "puf":
		return e.Header
	case "space":
		return "PIRL " + num
	case "p":
		return "p" + strings.ToLower(num)
	case "number":
		return num
	case "dash":
		return "PIRL-" + num
	case "underscore":
		return "pirl_" + num
	case "R":
		return "PIRL." + num
	case "names":
		return breakLines(e.Name)
	case "number+name":
		if calc {
			return n + " " + e.Name
		}
		return n + " " + e.Name
	case "short":
		if s, ok := shortOf[n]; ok {
			return s
		}
		return e.Header
	}
	panic(style)
}

var headerStyles = []string{"puf", "space", "p", "number", "dash", "underscore", "R", "names", "number+name", "short"}

// writeCSV writes rows under a header (nil: no header row).
func writeCSV(t testing.TB, header []string, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if header != nil {
		w.Write(header)
	}
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameColumns compares what two reads hold: rows, columns and the counts of
// blank, invalid and sentinel values (not the headers, which differ).
func sameColumns(t *testing.T, what string, a, b *Data) {
	t.Helper()
	if a.Rows != b.Rows {
		t.Errorf("%s: %d rows, want %d", what, b.Rows, a.Rows)
		return
	}
	for f := Field(0); f < NumFields; f++ {
		ca, cb := a.Cols[f], b.Cols[f]
		if ca.Present != cb.Present || ca.Index != cb.Index {
			t.Errorf("%s: %v present %v at %d, want %v at %d", what, f, cb.Present, cb.Index, ca.Present, ca.Index)
			continue
		}
		ca.Header, cb.Header = "", ""
		if !reflect.DeepEqual(nanless(ca), nanless(cb)) {
			t.Errorf("%s: %v values differ", what, f)
		}
	}
	if a.Quality.Missing != b.Quality.Missing || a.Quality.Sentinels != b.Quality.Sentinels {
		t.Errorf("%s: blank or sentinel counts differ", what)
	}
	for f := Field(0); f < NumFields; f++ {
		if a.Quality.Invalid(f) != b.Quality.Invalid(f) {
			t.Errorf("%s: %v: %d invalid, want %d", what, f, b.Quality.Invalid(f), a.Quality.Invalid(f))
		}
	}
}

// nanless is c: columns store blanks as zero, never as NaN, so DeepEqual
// compares them as they are.
func nanless(c Column) Column { return c }

// TestHeaderStylesSameData reads the same records under the official
// column list spelled in every naming style, without a header row (by
// --layout), with a header row and --layout, and zipped: the data read is
// the same.
func TestHeaderStylesSameData(t *testing.T) {
	rows := pufRows(500, 1)
	layout := OfficialLayout()
	read1 := func(what string, in []byte, o Options) *Data {
		t.Helper()
		o.Workers = 3
		d, err := read(bytes.NewReader(in), what+".csv", o, -1, 4096)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return d
	}
	header := func(style string) []string {
		h := make([]string, len(layout))
		for i, e := range layout {
			h[i] = styleHeader(style, e)
		}
		return h
	}
	ref := read1("puf", writeCSV(t, header("puf"), rows), Options{})
	read := 0
	for f := Field(0); f < NumFields; f++ {
		if fieldElement(f) != "" {
			read++
			if !ref.Cols[f].Present {
				t.Errorf("%v not read from the PUF columns", f)
			}
		}
	}
	if read < 69 {
		t.Errorf("%d fields from the layout", read)
	}
	for _, style := range headerStyles[1:] {
		d := read1(style, writeCSV(t, header(style), rows), Options{})
		sameColumns(t, style, ref, d)
		for i, id := range d.Quality.Columns {
			if !id.Known {
				t.Errorf("%s: header %q not recognised", style, d.Quality.Header[i])
			}
		}
	}
	lay, _ := BuiltinLayout(LayoutPUFPY2022Q4)
	noHeader := writeCSV(t, nil, rows)
	d := read1("noheader", noHeader, Options{Layout: lay, LayoutName: LayoutPUFPY2022Q4})
	sameColumns(t, "no header row, --layout", ref, d)
	if d.Quality.HeaderRow || d.Quality.Layout != LayoutPUFPY2022Q4 {
		t.Errorf("no header row: Quality %v %q", d.Quality.HeaderRow, d.Quality.Layout)
	}
	for _, style := range []string{"puf", "names", "short"} {
		d := read1("layout+"+style, writeCSV(t, header(style), rows), Options{Layout: lay, LayoutName: LayoutPUFPY2022Q4})
		sameColumns(t, "header row "+style+" with --layout", ref, d)
		if !d.Quality.HeaderRow || !strings.Contains(strings.Join(d.Quality.Warnings, "\n"), "line 1 is a header row") {
			t.Errorf("%s header row with --layout not reported: %q", style, d.Quality.Warnings)
		}
	}
	// A layout file in another style reads the file without a header too.
	dir := t.TempDir()
	lf := filepath.Join(dir, "layout.txt")
	os.WriteFile(lf, []byte("# state extract\n"+strings.Join(header("space"), "\n")+"\n"), 0o644)
	lh, err := ResolveLayout(lf)
	if err != nil {
		t.Fatal(err)
	}
	sameColumns(t, "layout file", ref, read1("layoutfile", noHeader, Options{Layout: lh, LayoutName: lf}))

	// Zipped: the same data, the archive's digest, the member named.
	plain := writeCSV(t, header("puf"), rows)
	zpath := filepath.Join(dir, "puf.zip")
	writeZip(t, zpath, map[string][]byte{"WIOAPerformanceRecords_PY2022Q4_Public.csv": plain})
	dz, err := readFile(zpath, Options{Workers: 2}, 4096)
	if err != nil {
		t.Fatal(err)
	}
	sameColumns(t, "zip", ref, dz)
	zb, _ := os.ReadFile(zpath)
	sum := sha256.Sum256(zb)
	if q := dz.Quality; q.SHA256 != hex.EncodeToString(sum[:]) || q.Bytes != int64(len(zb)) || q.Member != "WIOAPerformanceRecords_PY2022Q4_Public.csv" || q.File != zpath {
		t.Errorf("zip provenance: %q %d %q %q", q.SHA256, q.Bytes, q.Member, q.File)
	}
	// Zipped without a header row, read by --layout.
	z2 := filepath.Join(dir, "noheader.zip")
	writeZip(t, z2, map[string][]byte{"x/extract.txt": noHeader, "__MACOSX/x/._extract.txt": []byte("junk")})
	dz2, err := readFile(z2, Options{Layout: lay}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	sameColumns(t, "zip, no header", ref, dz2)
}

func writeZip(t testing.TB, path string, members map[string][]byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	for name, b := range members {
		m, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		m.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestZipMembers(t *testing.T) {
	dir := t.TempDir()
	in := []byte("PIRL201,PIRL900,PIRL901\n1,20200101,\n2,20200102,20210101\n")
	z := filepath.Join(dir, "two.zip")
	writeZip(t, z, map[string][]byte{"a/one.csv": in, "two.csv": in[:len(in)-20]})
	_, err := Read(z, Options{})
	if err == nil || !strings.Contains(err.Error(), "--member NAME: a/one.csv, two.csv") {
		t.Fatalf("two members: %v", err)
	}
	d, err := Read(z, Options{Member: "one.csv"})
	if err != nil || d.Rows != 2 || d.Quality.Member != "a/one.csv" {
		t.Fatalf("--member one.csv: %v, %+v", err, d)
	}
	if _, err := Read(z, Options{Member: "three.csv"}); err == nil || !strings.Contains(err.Error(), `no member "three.csv" (members: a/one.csv, two.csv)`) {
		t.Errorf("--member three.csv: %v", err)
	}
	x := filepath.Join(dir, "book.xlsx")
	writeZip(t, x, map[string][]byte{"[Content_Types].xml": nil, "xl/workbook.xml": nil})
	if _, err := Read(x, Options{}); err == nil || !strings.Contains(err.Error(), "Excel") {
		t.Errorf("xlsx: %v", err)
	}
	zb, _ := os.ReadFile(filepath.Join(dir, "two.zip"))
	if _, err := ReadFrom(bytes.NewReader(zb), "<stdin>", Options{}); err == nil || !strings.Contains(err.Error(), "read only from a named file") {
		t.Errorf("zip on a stream: %v", err)
	}
	// Line numbers in messages name the member.
	bad := filepath.Join(dir, "bad.zip")
	writeZip(t, bad, map[string][]byte{"m.csv": []byte("PIRL201,PIRL900,PIRL901\n7,20200101,\n")})
	d, err = Read(bad, Options{})
	if err != nil || len(d.Quality.Problems) != 1 || !strings.HasPrefix(d.Quality.Problems[0].Examples[0], bad+" (m.csv):2: ") {
		t.Errorf("bad.zip: %v %+v", err, d.Quality.Problems)
	}
}

func TestLayoutHeaderRowDetection(t *testing.T) {
	lay := []string{"PIRL201", "PIRL900", "PIRL901", "PIRL1704"}
	for _, tt := range []struct {
		in      string
		rows    int
		header  bool
		warning string
	}{
		{"1,20200101,,1602\n2,20200102,20210101,4039\n", 2, false, ""},
		{"PIRL201,PIRL900,PIRL901,PIRL1704\n1,20200101,,1602\n", 1, true, "agrees with it"},
		{"Sex,REG_DT,EXIT_DT,WAGEX2\n1,20200101,,1602\n", 1, true, "agrees with it"},
		{"Sex,REG_DT,PIRL1704,EXIT_DT\n1,20200101,,1602\n", 1, true, `column 3 "PIRL1704" in the file, "PIRL901" in the layout`},
		{"201,900,901,1704\n1,20200101,,1602\n", 2, false, ""}, // numbers alone: values
		{"1,20200101\n", 1, false, "the line has 2 fields and lay names 4 columns"},
	} {
		d, err := ReadFrom(strings.NewReader(tt.in), "f.csv", Options{Layout: lay, LayoutName: "lay"})
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		w := strings.Join(d.Quality.Warnings, "\n")
		if d.Rows != tt.rows || d.Quality.HeaderRow != tt.header || !strings.Contains(w, tt.warning) {
			t.Errorf("%q: rows %d header %v warnings %q", tt.in, d.Rows, d.Quality.HeaderRow, w)
		}
	}
	// Messages count lines from 1 without a header row.
	d, _ := ReadFrom(strings.NewReader("1,20200101,,5\n7,20200101,,5\n"), "f.csv", Options{Layout: lay})
	if len(d.Quality.Problems) != 1 || !strings.HasPrefix(d.Quality.Problems[0].Examples[0], "f.csv:2: ") {
		t.Errorf("line numbers: %+v", d.Quality.Problems)
	}
}

// A header whose names span lines (as the layout writes them) is read.
func TestHeaderNamesOverLines(t *testing.T) {
	in := "\"Sex\n(WIOA)\",\"Date of Program\nEntry (WIOA)\",\"Date of\r\nProgram Exit (WIOA)\"\n7,20200101,\n"
	d, err := ReadFrom(strings.NewReader(in), "f.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 1 || !d.Has(FieldSex) || !d.Has(FieldExit) || d.Quality.Header[0] != "Sex (WIOA)" {
		t.Fatalf("rows %d header %q", d.Rows, d.Quality.Header)
	}
	if ex := d.Quality.Problems[0].Examples[0]; !strings.HasPrefix(ex, "f.csv:5: ") { // the header takes lines 1–4
		t.Errorf("line of the first record: %s", ex)
	}
}
