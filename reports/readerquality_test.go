package reports

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// The reader's counts of repeated header lines and multi-line rows reach
// both data-quality sections, with their lines; neither shows when zero;
// and no withheld value (a birth date, a wage) is printed.
func TestReaderQualityShown(t *testing.T) {
	const hdr = "PIRL 100,PIRL 200,PIRL 201,note,PIRL 900,PIRL 901,PIRL 1704\n"
	tests := []struct {
		name string
		in   string
		want []string // in validate and report.md
		not  []string
	}{
		{"clean", hdr + "P1,19800101,1,x,20200101,,100\n", nil, []string{"Header line repeated", "spanning lines"}},
		{"repeated header and multi-line rows", hdr +
			"P1,19800101,1,x,20200101,,100\n" + // 2
			hdr + // 3
			"P2,19810101,2,\"two\nlines\",20200101,,200\n" + // 4–5
			hdr + // 6
			"P3,19850231,1,\"a\nb\",20200101,,-4321.09\n", // 7–8: birth date and wage invalid
			[]string{"Header line repeated inside the data", ": 2, on lines 3, 6", "quoted field spanning lines", ": 2, starting on lines 4, 7"},
			[]string{"19850231", "4321", `value "`}},
		{"one each", hdr + "P1,19800101,1,\"a\nb\",20200101,,100\n" + hdr,
			[]string{": 1, on line 4", ": 1, starting on line 2"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := pirl.ReadFrom(strings.NewReader(tt.in), "p.csv", pirl.Options{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			var v bytes.Buffer
			if err := Validate(&v, d, ValidateOptions{Now: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			var r bytes.Buffer
			b := bufio.NewWriter(&r)
			writeQuality(b, &Run{Quality: &d.Quality})
			b.Flush()
			for what, out := range map[string]string{"validate": v.String(), "report.md": r.String()} {
				for _, w := range tt.want {
					if !strings.Contains(out, w) {
						t.Errorf("%s lacks %q:\n%s", what, w, out)
					}
				}
				for _, w := range tt.not {
					if strings.Contains(out, w) {
						t.Errorf("%s has %q:\n%s", what, w, out)
					}
				}
			}
		})
	}
	if got := lineList([]int{3, 1200, 7, 9, 11}, 12); got != "3, 1200, 7, 9, 11 and 7 more" {
		t.Errorf("lineList %q", got)
	}
}
