package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportByBoard: report --by-board on the bundled sample (which has
// PIRL 108A) with board names from the configuration: rows with the board
// as the group in results.csv/json, the overview and its chart in report.md
// and report.html, the names echoed in the effective configuration; a run
// without the flag has none of it.
func TestReportByBoard(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "wioa.yaml")
	must(t, os.WriteFile(cfg, []byte("boards:\n  \"13101\": Fulton\n"), 0o644))
	out := filepath.Join(dir, "r")
	o, errs, code := run(t, "report", "--by-board", "--config", cfg, "--out", out)
	if code != ExitOK {
		t.Fatalf("report --by-board: exit %d\n%s\n%s", code, o, errs)
	}
	if !strings.Contains(o, "  by board: ") || !strings.Contains(o, " boards; ") {
		t.Errorf("the summary lacks the by-board line:\n%s", o)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		must(t, err)
		return string(b)
	}
	csv, js, md, html := read("results.csv"), read("results.json"), read("report.md"), read("report.html")
	for _, want := range []string{"credential attainment by board,Board 13101 (Fulton),rest of region,", "credential attainment within board,Board 13101 (Fulton): Women,Board 13101 (Fulton): Men,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("results.csv lacks %q", want)
		}
	}
	if !strings.Contains(js, `"group": "Board 13101 (Fulton)"`) || !strings.Contains(js, `"reference": "rest of region"`) {
		t.Error("results.json lacks the by-board rows")
	}
	for _, want := range []string{". Local boards\n", "| Board 13101 (Fulton) |", "![Each board's gap per disparity", "### Credential attainment: Women − Men", "Fulton"} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if !strings.Contains(html, `class="board-overview"`) || !strings.Contains(html, "Board 13101 (Fulton)") {
		t.Error("report.html lacks the board overview")
	}
	// The sample's tract file gives no tract's board: poverty-participation
	// says why it is not by board.
	for name, doc := range map[string]string{"report.md": md, "report.html": html} {
		if !strings.Contains(doc, "Not by board: poverty-participation — a tract") || !strings.Contains(doc, "board_counties") {
			t.Errorf("%s does not say why poverty-participation is not by board", name)
		}
	}
	for _, f := range []string{"plots/boards.png", "plots/boards.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(md, "boards:\n") || !strings.Contains(md, "Fulton") {
		t.Error("the effective configuration does not echo boards:")
	}

	// The rows read back: compare and trend accept a --by-board results.json.
	if o, errs, code := run(t, "compare", filepath.Join(out, "results.json"), filepath.Join(out, "results.json")); code != ExitOK {
		t.Fatalf("compare of a --by-board run: exit %d\n%s\n%s", code, o, errs)
	}
	if o, errs, code := run(t, "trend", filepath.Join(out, "results.json"), "--out", filepath.Join(dir, "tr"), "--no-plots"); code != ExitOK {
		t.Fatalf("trend of a --by-board run: exit %d\n%s\n%s", code, o, errs)
	}

	plain := filepath.Join(dir, "p")
	if o, errs, code := run(t, "report", "--out", plain, "--no-plots"); code != ExitOK {
		t.Fatalf("report: exit %d\n%s\n%s", code, o, errs)
	}
	b, err := os.ReadFile(filepath.Join(plain, "results.csv"))
	must(t, err)
	if strings.Contains(string(b), "rest of region") || strings.Contains(string(b), " within board,") {
		t.Error("by-board rows without --by-board")
	}
	b, err = os.ReadFile(filepath.Join(plain, "report.md"))
	must(t, err)
	if strings.Contains(string(b), ". Local boards\n") || strings.Contains(string(b), "boards:\n") {
		t.Error("board section or boards: echo without --by-board")
	}
}

// TestReportByBoardParticipation: generate --tract-boards writes the
// tracts' boards, and nothing else differs; report --by-board on those
// files gives poverty-participation per board (rows, overview column, the
// note on where participants live); board_counties with a board column is
// a usage error, and a bad county FIPS code is refused naming the key.
func TestReportByBoardParticipation(t *testing.T) {
	dir := t.TempDir()
	gen, plain := filepath.Join(dir, "g"), filepath.Join(dir, "p")
	for _, c := range []struct {
		out   string
		extra []string
	}{{gen, []string{"--tract-boards"}}, {plain, nil}} {
		if _, errs, code := run(t, append([]string{"generate", "--rows", "3000", "--seed", "2", "--out", c.out, "--quiet"}, c.extra...)...); code != ExitOK {
			t.Fatalf("generate %v: exit %d: %s", c.extra, code, errs)
		}
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		must(t, err)
		return string(b)
	}
	if read(filepath.Join(gen, "pirl.csv")) != read(filepath.Join(plain, "pirl.csv")) {
		t.Error("--tract-boards changed the participant file")
	}
	withBoards, without := strings.Split(read(filepath.Join(gen, "tracts.csv")), "\n"), strings.Split(read(filepath.Join(plain, "tracts.csv")), "\n")
	if len(withBoards) != len(without) || withBoards[0] != without[0]+",board" {
		t.Fatalf("tract files: %q vs %q", withBoards[0], without[0])
	}
	for k := 1; k < len(without)-1; k++ {
		if i := strings.LastIndex(withBoards[k], ","); withBoards[k][:i] != without[k] || !strings.HasPrefix(withBoards[k][i+1:], "131") {
			t.Fatalf("line %d: %q vs %q", k+1, withBoards[k], without[k])
		}
	}
	out := filepath.Join(dir, "r")
	if o, errs, code := run(t, "report", filepath.Join(gen, "pirl.csv"), "--tracts", filepath.Join(gen, "tracts.csv"), "--by-board", "--out", out, "--no-plots"); code != ExitOK {
		t.Fatalf("report --by-board: exit %d\n%s\n%s", code, o, errs)
	}
	md, csv := read(filepath.Join(out, "report.md")), read(filepath.Join(out, "results.csv"))
	for _, want := range []string{"| Board | Participants per 1,000 residents in poverty: High-poverty tracts − Other tracts |", "### Participants per 1,000 residents in poverty: High-poverty tracts − Other tracts",
		"Boards here are where participants live", "; Poisson rate ratio "} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if strings.Contains(md, "Not by board: poverty-participation") {
		t.Error("report.md says poverty-participation is not by board")
	}
	if !strings.Contains(csv, `"participants per 1,000 residents in poverty by board",Board 13100,rest of region,`) {
		t.Error("results.csv lacks poverty-participation's rows by board")
	}
	cfg := filepath.Join(dir, "wioa.yaml")
	must(t, os.WriteFile(cfg, []byte("board_counties:\n  \"13100\": [\"13901\"]\n"), 0o644))
	if _, errs, code := run(t, "report", filepath.Join(gen, "pirl.csv"), "--tracts", filepath.Join(gen, "tracts.csv"), "--by-board", "--config", cfg, "--out", filepath.Join(dir, "x"), "--no-plots"); code != ExitUsage || !strings.Contains(errs, "one way") {
		t.Errorf("board column and board_counties: exit %d: %s", code, errs)
	}
	must(t, os.WriteFile(cfg, []byte("board_counties:\n  \"13100\": [\"1390\"]\n"), 0o644))
	if _, errs, code := run(t, "report", "--by-board", "--config", cfg, "--out", filepath.Join(dir, "x"), "--no-plots"); code != ExitUsage || !strings.Contains(errs, cfg) || !strings.Contains(errs, "board_counties") {
		t.Errorf("a 4-digit county: exit %d: %s", code, errs)
	}
}

// TestBoardNamesConfigBounded: a boards: name out of bounds is refused,
// naming the file and the key.
func TestBoardNamesConfigBounded(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "wioa.yaml")
	must(t, os.WriteFile(cfg, []byte("boards:\n  \"13101\": \""+strings.Repeat("x", 300)+"\"\n"), 0o644))
	_, errs, code := run(t, "report", "--by-board", "--config", cfg, "--out", filepath.Join(dir, "r"), "--no-plots")
	if code == ExitOK || !strings.Contains(errs, cfg) || !strings.Contains(errs, "boards") {
		t.Fatalf("a 300-character board name: exit %d\n%s", code, errs)
	}
}

// TestReportByBoardHTMLInBrowser: report.html with the board section fits
// the screen and the printed page like the rest of the report.
func TestReportByBoardHTMLInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but chromium is not installed (.ci/run installs Debian's chromium)")
		}
		t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	}
	dir := t.TempDir()
	// A generated file whose tracts have boards: every disparity has its
	// board table, poverty-participation's the widest cells.
	gen := filepath.Join(dir, "g")
	if _, errs, code := run(t, "generate", "--rows", "3000", "--seed", "2", "--out", gen, "--quiet", "--tract-boards"); code != ExitOK {
		t.Fatalf("generate: exit %d: %s", code, errs)
	}
	if _, errs, code := run(t, "report", filepath.Join(gen, "pirl.csv"), "--tracts", filepath.Join(gen, "tracts.csv"), "--by-board", "--out", filepath.Join(dir, "r"), "-q"); code != ExitOK {
		t.Fatalf("report --by-board: exit %d\n%s", code, errs)
	}
	lone := filepath.Join(dir, "lone.html")
	must(t, os.Rename(filepath.Join(dir, "r", "report.html"), lone))
	checkPageInBrowser(t, bin, lone, "by-board-")
}
