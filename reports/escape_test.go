package reports

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/sample"
	"github.com/wioa-equity/wioa/disparities"
)

// hostileStrings are planted where the input and the configuration reach
// the markdown outputs: raw HTML, a heading, a table row, a link, an image,
// a footnote, a code span and a code fence, each behind a line break too.
var hostile = struct{ file, header, tractFile, yaml string }{
	file:      "x|<script>alert(1)</script>`.csv",
	header:    "Sex <img src=x onerror=alert(1)> | [a](javascript:alert(1)) `x` ``` # h",
	tractFile: "t\n# Tracts heading\n| t | t |.csv",
	yaml:      "hd_clusters:\n  - name: |-\n      ```\n      # Injected heading\n      <script>alert(1)</script>\n      ```\n",
}

var hostileClusters = []string{
	"Health <script>alert(1)</script> Care",
	"Information | Technology\n# Injected heading\n| injected | row |",
	"[Transportation](http://evil.example) ![x](http://evil.example/x.png) <img src=x onerror=alert(1)>",
	"# Advanced Manufacturing `code` ``` [^1] <!-- c --> &lt;b&gt;",
}

// renderSample runs the sample through the real reading, analysis and
// rendering paths with the given file name, header for PIRL 201, cluster
// names and configuration echo, and returns report.md and the validate report.
func renderSample(t *testing.T, file, header, tractFile, yaml string, clusters []string) (report, validate string) {
	t.Helper()
	run, data := sampleRun(t, file, header, tractFile, yaml, clusters)
	var rb, vb bytes.Buffer
	if err := WriteMarkdown(&rb, run, map[string]string{}); err != nil {
		t.Fatal(err)
	}
	if err := Validate(&vb, data, ValidateOptions{TractFile: tractFile, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return rb.String(), vb.String()
}

// sampleRun reads and analyses the bundled sample as wioa report does, with
// the given names planted.
func sampleRun(t *testing.T, file, header, tractFile, yaml string, clusters []string) (*Run, *pirl.Data) {
	t.Helper()
	raw, err := io.ReadAll(sample.PIRL())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(raw), "\n", 5)
	cols := strings.Split(lines[0], ",")
	sex := -1
	for i, c := range cols {
		if c == "PIRL 201" {
			sex = i
		}
	}
	if sex < 0 {
		t.Fatal("sample has no PIRL 201 column")
	}
	cols[sex] = header
	lines[0] = strings.Join(cols, ",")
	for i := 1; i <= 3; i++ { // three invalid codes: the header reaches the examples
		f := strings.Split(lines[i], ",")
		f[sex] = "7"
		lines[i] = strings.Join(f, ",")
	}
	data, err := pirl.ReadFrom(strings.NewReader(strings.Join(lines, "\n")), file, pirl.Options{Columns: map[pirl.Field]string{pirl.FieldSex: header}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := disparities.DefaultConfig()
	cfg.Bootstrap, cfg.OaxacaBootstrap = 100, 0
	for i := range cfg.Measures.Clusters {
		cfg.Measures.Clusters[i].Name = clusters[i]
	}
	der := measures.Derive(data, nil, cfg.Measures)
	run := &Run{Quality: &data.Quality, Counts: der.Counts, Config: &cfg, ConfigYAML: yaml}
	run.Sections = disparities.RunAll(disparities.All, &disparities.Input{Data: data, D: der, Cfg: &cfg}, 0)
	q := &data.Quality
	run.Provenance = Provenance{Tool: "wioa", Version: "test", Window: "all exits in the file", RowsRead: q.RowsRead,
		Input:  InputFile{Name: file, SHA256: q.SHA256, Bytes: q.Bytes, Rows: q.RowsRead},
		Tracts: &InputFile{Name: tractFile, SHA256: "0", Rows: 1}, Options: OptionsOf(&cfg)}
	return run, data
}

// mdShape is the block structure of a markdown text as a renderer sees it:
// headings, table rows with their cell counts, link/image openers and raw
// HTML outside code, with code blocks and code spans set aside.
type mdShape struct {
	headings, rows, links int
	cells                 []int
	html                  []string
	text                  string // the text outside code blocks and spans
}

var (
	fenceLine = regexp.MustCompile("^ {0,3}(`{3,})")
	htmlTag   = regexp.MustCompile(`<[A-Za-z/!?]`)
	linkOpen  = regexp.MustCompile(`(^|[^\\])\]\(`)
)

func shape(s string) mdShape {
	var sh mdShape
	fence := ""
	var text strings.Builder
	for _, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if m := fenceLine.FindStringSubmatch(line); m != nil && len(m[1]) >= len(fence) && strings.TrimSpace(line[len(m[0]):]) == "" {
				fence = ""
			}
			continue
		}
		if m := fenceLine.FindStringSubmatch(line); m != nil {
			fence = m[1]
			continue
		}
		if m := fenceLine.FindStringSubmatch(trimmed); m != nil && strings.HasPrefix(line, "  ") {
			fence = m[1] // a code block inside a list item
			continue
		}
		line = stripCodeSpans(line)
		text.WriteString(line + "\n")
		switch {
		case strings.HasPrefix(trimmed, "#"):
			sh.headings++
		case strings.HasPrefix(line, "|"):
			sh.rows++
			sh.cells = append(sh.cells, unescapedPipes(line))
		}
		sh.links += len(linkOpen.FindAllString(line, -1))
		sh.html = append(sh.html, htmlTag.FindAllString(line, -1)...)
	}
	sh.text = text.String()
	return sh
}

// stripCodeSpans removes code spans (a backtick run to the next run of the
// same length), keeping escaped pipes so that cell counts stay right.
func stripCodeSpans(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		if line[i] == '\\' && i+1 < len(line) {
			b.WriteString(line[i : i+2])
			i += 2
			continue
		}
		if line[i] != '`' {
			b.WriteByte(line[i])
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '`' {
			j++
		}
		run := line[i:j]
		k := j
		for {
			e := strings.Index(line[k:], run)
			if e < 0 {
				k = -1
				break
			}
			e += k
			end := e + len(run)
			if (e == 0 || line[e-1] != '`') && (end == len(line) || line[end] != '`') {
				k = end
				break
			}
			for end < len(line) && line[end] == '`' {
				end++
			}
			k = end
		}
		if k < 0 { // unclosed: literal backticks
			b.WriteString(run)
			i = j
			continue
		}
		b.WriteString("CODE")
		i = k
	}
	return b.String()
}

func unescapedPipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// TestHostileStringsEscaped plants hostile strings in the file name, a
// header, the tract file name, the HD-cluster names and the echoed
// configuration, renders report.md and the validate report through the real
// paths, and checks that the hostile outputs have exactly the structure of
// the benign ones — no raw HTML, no extra heading, table row, table cell or
// link — and that benign names come out as they are.
func TestHostileStringsEscaped(t *testing.T) {
	benignClusters := []string{"Health Care", "Information Technology", "Transportation, Distribution & Logistics", "Advanced Manufacturing"}
	okReport, okValidate := renderSample(t, "pirl_sample.csv", "Gender", "tracts.csv", "min_cell: 10\n", benignClusters)
	badReport, badValidate := renderSample(t, hostile.file, hostile.header, hostile.tractFile, hostile.yaml, hostileClusters)

	for _, name := range append(benignClusters, "pirl_sample.csv") {
		if !strings.Contains(okReport, name) {
			t.Errorf("benign name %q does not appear unchanged in report.md", name)
		}
	}
	if !strings.Contains(okValidate, "`Gender`") || !strings.Contains(okValidate, "# Data quality: pirl_sample.csv\n") {
		t.Errorf("benign header or file name changed in the validate report")
	}
	for _, c := range []struct {
		name    string
		ok, bad string
	}{{"report.md", okReport, badReport}, {"validate", okValidate, badValidate}} {
		g, b := shape(c.ok), shape(c.bad)
		if len(b.html) > 0 {
			t.Errorf("%s: raw HTML outside code: %q", c.name, b.html)
		}
		if g.headings != b.headings {
			t.Errorf("%s: %d headings with hostile strings, %d without", c.name, b.headings, g.headings)
		}
		if g.rows != b.rows {
			t.Errorf("%s: %d table rows with hostile strings, %d without", c.name, b.rows, g.rows)
		}
		if g.links != b.links {
			t.Errorf("%s: %d links or images with hostile strings, %d without", c.name, b.links, g.links)
		}
		if len(g.cells) == len(b.cells) {
			for i := range g.cells {
				if g.cells[i] != b.cells[i] {
					t.Errorf("%s: table row %d has %d cell separators with hostile strings, %d without", c.name, i+1, b.cells[i], g.cells[i])
					break
				}
			}
		}
		for _, bad := range []string{"# Injected", "#Injected", "| injected | row |", "\n# Tracts"} {
			if strings.Contains(b.text, "\n"+bad) || strings.HasPrefix(b.text, bad) {
				t.Errorf("%s: %q starts a line", c.name, bad)
			}
		}
	}
	// The hostile cluster names are shown, escaped, not dropped.
	if !strings.Contains(badReport, `Health &lt;script>alert(1)&lt;/script> Care`) {
		t.Errorf("escaped cluster name missing from report.md")
	}
}
