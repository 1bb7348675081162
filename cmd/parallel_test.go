package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The report is byte for byte the same on one core as on several: the
// reader's blocks, Derive's ranges and the collapsed model cells do not
// depend on the number of workers, and the disparities run concurrently
// into their own sections. 150,000 rows make several reader blocks and
// Derive ranges, and put gender-wages on the delta-method path.
func TestReportSameOnOneAndManyCores(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 150,000-row file")
	}
	dir := t.TempDir()
	if _, errs, code := run(t, "generate", "--rows", "150000", "--seed", "3", "--out", filepath.Join(dir, "in")); code != ExitOK {
		t.Fatalf("generate: exit %d\n%s", code, errs)
	}
	report := func(procs int, out string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		_, errs, code := run(t, "report", filepath.Join(dir, "in", "pirl.csv"), "--tracts", filepath.Join(dir, "in", "tracts.csv"), "--out", filepath.Join(dir, out))
		if code != ExitOK {
			t.Fatalf("report with GOMAXPROCS=%d: exit %d\n%s", procs, code, errs)
		}
	}
	report(1, "one")
	report(4, "four")
	sameOnOneAndFour(t, dir, "report.md", "results.csv", "results.json", "report.html", "plots/forest-education-level.png")
	js, err := os.ReadFile(filepath.Join(dir, "one", "results.json"))
	must(t, err)
	if !bytes.Contains(js, []byte("delta-method SE")) {
		t.Error("gender-wages did not use delta-method SEs on 150,000 rows")
	}
}

// indicators --by computes its breakdowns on every core (the medians in row
// order, for their bootstrap seeds): the same bytes on one core and on
// four, on a file small enough that the medians are bootstrapped.
func TestIndicatorsSameOnOneAndManyCores(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := run(t, "generate", "--rows", "6000", "--seed", "5", "--out", filepath.Join(dir, "in")); code != ExitOK {
		t.Fatalf("generate: exit %d\n%s", code, errs)
	}
	ind := func(procs int, out string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		_, errs, code := run(t, "indicators", filepath.Join(dir, "in", "pirl.csv"), "--program-year", "2023",
			"--by", "sex,race,age,education,disability,barriers,board", "--out", filepath.Join(dir, out))
		if code != ExitOK {
			t.Fatalf("indicators with GOMAXPROCS=%d: exit %d\n%s", procs, code, errs)
		}
	}
	ind(1, "one")
	ind(4, "four")
	js, err := os.ReadFile(filepath.Join(dir, "one", "results.json"))
	must(t, err)
	if !bytes.Contains(js, []byte("bootstrap (")) {
		t.Fatal("no median was bootstrapped: the test would not see a seed out of order")
	}
	sameOnOneAndFour(t, dir, "report.md", "results.csv", "results.json")
}

// sameOnOneAndFour fails t when a file differs between the runs written to
// dir/one (GOMAXPROCS=1) and dir/four (GOMAXPROCS=4).
func sameOnOneAndFour(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		a, err := os.ReadFile(filepath.Join(dir, "one", f))
		must(t, err)
		b, err := os.ReadFile(filepath.Join(dir, "four", f))
		must(t, err)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between GOMAXPROCS=1 and 4", f)
		}
	}
}
