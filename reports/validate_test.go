package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// validateInput is a small hand-made file with one of each problem the
// report covers; the comments give the file line.
const validateInput = "PIRL 100,PIRL 201,Sex (WIOA),PIRL 900,PIRL 901,PIRL 1704,PIRL 1703,tract_geoid,PIRL 1602,PIRL 408,Pr\xe9nom\n" + // 1: duplicate 201, Latin-1 header
	"P1,1,2,20200101,20200630,5000,999999.99,13121001100,1,3,x\n" + // 2
	"P2,2,2,20200115,20191231,4000.50,,13121001200,1,8,x\n" + // 3: exit before entry
	"P3,7,2,,20200301,$1,200,13089020100,0,9,x\n" + // 4: invalid sex, exit without entry, unquoted "$1,200" shifts 1703, invalid 408
	"P1,1,,20200101,,999999.99,-3,1312100110,9,0,x\n" + // 5: duplicate period, sentinel, negative wage, 10-digit GEOID
	"P4,2,,20250901,20990101,,,06037101100,1\n" + // 6: entry after today, exit far future, ragged
	"\n" + // 7: blank line
	"P5,9,,20200230,20200601,100,,13121001100,3,4,x\n" // 8: impossible date

func TestValidateGolden(t *testing.T) {
	d, err := pirl.ReadFrom(strings.NewReader(validateInput), "participants.csv", pirl.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	known := map[uint64]bool{13121001100: true, 13121001200: true}
	var out bytes.Buffer
	err = Validate(&out, d, ValidateOptions{
		Known:     func(g uint64) bool { return known[g] },
		TractFile: "tracts.csv",
		Now:       time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := out.Bytes()
	for _, id := range []string{"P1", "P2", "P3", "P4", "P5"} {
		if bytes.Contains(got, []byte(id)) {
			t.Errorf("identifier %s printed", id)
		}
	}
	checkGolden(t, "validate.golden", got)
}

func TestValidateMissingRequired(t *testing.T) {
	d, err := pirl.ReadFrom(strings.NewReader("PIRL 100,PIRL 900\nA,20200101\n"), "f.csv", pirl.Options{})
	if _, ok := err.(*pirl.MissingColumnsError); !ok {
		t.Fatalf("err = %v", err)
	}
	var out bytes.Buffer
	if err := Validate(&out, d, ValidateOptions{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Required columns absent", "- PIRL 201 (Sex (WIOA))", "- PIRL 901 (Date of Program Exit (WIOA))", "No tract column", "exit before entry | not checked"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; got:\n%s", path, got)
	}
}
