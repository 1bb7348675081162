package cmd

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// With ZIP codes but no tract_geoid, --zip-crosswalk approximates
// participation by tract: the injected gap (high-poverty ratio 0.6) is found,
// the finding says it is an approximation, and the credential comparison,
// which needs each person's tract, says what it needs.
func TestReportZIPCrosswalk(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := run(t, "generate", "--rows", "6000", "--seed", "21", "--out", dir, "--tracts", "120"); code != ExitOK {
		t.Fatal(errs)
	}
	// Tracts sorted by poverty rate, four to a ZIP, so a ZIP never mixes
	// high-poverty and other tracts by much.
	trs := readCSV(t, filepath.Join(dir, "tracts.csv"))
	type tr struct {
		geoid string
		rate  float64
	}
	var list []tr
	for _, r := range trs[1:] {
		u, _ := strconv.ParseFloat(r[1], 64)
		b, _ := strconv.ParseFloat(r[2], 64)
		list = append(list, tr{r[0], b / u})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].rate < list[j].rate })
	zipOf := map[string]string{}
	cw := [][]string{{"ZIP", "TRACT", "RES_RATIO", "BUS_RATIO", "OTH_RATIO", "TOT_RATIO"}}
	for i, x := range list {
		z := fmt.Sprintf("%05d", 30001+i/4)
		zipOf[x.geoid] = z
		cw = append(cw, []string{z, x.geoid, "0.25", "0.25", "0.25", "0.25"})
	}
	writeCSV(t, filepath.Join(dir, "zip_tract.csv"), cw)

	recs := readCSV(t, filepath.Join(dir, "pirl.csv"))
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		r[col["PIRL 103"]] = zipOf[r[col["tract_geoid"]]]
		r[col["tract_geoid"]] = ""
	}
	// Drop the tract_geoid column entirely.
	k := col["tract_geoid"]
	for i := range recs {
		recs[i] = append(recs[i][:k:k], recs[i][k+1:]...)
	}
	writeCSV(t, filepath.Join(dir, "zip.csv"), recs)

	out := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", filepath.Join(dir, "zip.csv"), "--tracts", filepath.Join(dir, "tracts.csv"),
		"--zip-crosswalk", filepath.Join(dir, "zip_tract.csv"), "--out", out, "--no-plots"); code != ExitOK {
		t.Fatal(errs)
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	must(t, err)
	for _, want := range []string{"Approximation from ZIP codes (no tract in the file)", "HUD USPS crosswalk", "Not computed: needs a tract reference file (--tracts) and tract_geoid"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	res := readCSV(t, filepath.Join(out, "results.csv"))
	found := false
	for _, r := range res[1:] {
		if r[0] == "poverty-participation" && r[2] == "High-poverty tracts" && r[3] == "Other tracts" {
			found = true
			ratio, _ := strconv.ParseFloat(r[11], 64)
			if math.Abs(ratio-0.6) > 0.15 || r[14] != "true" {
				t.Errorf("ZIP-based rate ratio %v (flagged %s), injected 0.6", ratio, r[14])
			}
		}
	}
	if !found {
		t.Error("no participation comparison in results.csv")
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	must(t, err)
	return recs
}

func writeCSV(t *testing.T, path string, recs [][]string) {
	t.Helper()
	f, err := os.Create(path)
	must(t, err)
	w := csv.NewWriter(f)
	must(t, w.WriteAll(recs))
	must(t, f.Close())
}
