package measures

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

func TestDefaultOptions(t *testing.T) {
	o := DefaultOptions()
	if err := o.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	if o.PovertyThreshold != 0.20 || o.NeediestMinOtherBarriers != 2 || o.ExitFrom != pirl.MissingDate || o.ExitTo != pirl.MissingDate {
		t.Errorf("defaults = %+v", o)
	}
	want := map[string][]string{
		"Health Care":                              {"29-", "31-"},
		"Information Technology":                   {"15-12", "15-11"},
		"Transportation, Distribution & Logistics": {"53-", "43-5"},
		"Advanced Manufacturing":                   {"51-"},
	}
	if len(o.Clusters) != len(want) {
		t.Fatalf("%d default clusters, want %d", len(o.Clusters), len(want))
	}
	for _, c := range o.Clusters {
		if strings.Join(c.Prefixes, " ") != strings.Join(want[c.Name], " ") {
			t.Errorf("cluster %q prefixes %v, want %v", c.Name, c.Prefixes, want[c.Name])
		}
	}
	// Each call returns fresh slices, so one run's config cannot change another's defaults.
	o.Clusters[0].Prefixes[0] = "99-"
	o.ExcludeCodes[0] = 6
	if p := DefaultOptions(); p.Clusters[0].Prefixes[0] != "29-" || p.ExcludeCodes[0] != 1 {
		t.Error("DefaultOptions shares its slices")
	}
}

func TestValidate(t *testing.T) {
	d := func(s string) int32 { return date(t, s) }
	tests := []struct {
		name    string
		change  func(o *Options)
		wantErr string // "" for no error
	}{
		{"defaults", func(o *Options) {}, ""},
		{"threshold 0.25", func(o *Options) { o.PovertyThreshold = 0.25 }, ""},
		{"threshold 0", func(o *Options) { o.PovertyThreshold = 0 }, "poverty threshold"},
		{"threshold 1", func(o *Options) { o.PovertyThreshold = 1 }, "poverty threshold"},
		{"threshold 20 (percent)", func(o *Options) { o.PovertyThreshold = 20 }, "poverty threshold"},
		{"threshold negative", func(o *Options) { o.PovertyThreshold = -0.2 }, "poverty threshold"},
		{"threshold NaN", func(o *Options) { o.PovertyThreshold = math.NaN() }, "poverty threshold"},
		{"threshold +Inf", func(o *Options) { o.PovertyThreshold = math.Inf(1) }, "poverty threshold"},
		{"neediest 0", func(o *Options) { o.NeediestMinOtherBarriers = 0 }, ""},
		{"neediest negative", func(o *Options) { o.NeediestMinOtherBarriers = -1 }, "low_income_plus_other_barriers) -1 is out of range: use 0 to 15"},
		{"neediest all other barriers", func(o *Options) { o.NeediestMinOtherBarriers = 15 }, ""},
		{"neediest more barriers than exist", func(o *Options) { o.NeediestMinOtherBarriers = 16 }, "low_income_plus_other_barriers) 16 is out of range: use 0 to 15"},
		{"neediest huge", func(o *Options) { o.NeediestMinOtherBarriers = 1 << 40 }, "out of range: use 0 to 15"},
		{"threshold names its key", func(o *Options) { o.PovertyThreshold = 2 }, "poverty threshold (poverty_threshold, --poverty-threshold) 2 is out of range"},
		{"2000 SOC prefixes", func(o *Options) { o.Clusters = prefixClusters(MaxClusterPrefixes) }, ""},
		{"2001 SOC prefixes", func(o *Options) { o.Clusters = prefixClusters(MaxClusterPrefixes + 1) }, "2001 SOC prefixes in all; at most 2000"},
		{"window", func(o *Options) { o.ExitFrom, o.ExitTo = d("2024-07-01"), d("2025-06-30") }, ""},
		{"one-day window", func(o *Options) { o.ExitFrom, o.ExitTo = d("2024-07-01"), d("2024-07-01") }, ""},
		{"reversed window", func(o *Options) { o.ExitFrom, o.ExitTo = d("2025-06-30"), d("2024-07-01") }, "exit window starts (2025-06-30) after it ends (2024-07-01)"},
		{"open start", func(o *Options) { o.ExitTo = d("2024-07-01") }, ""},
		{"open end", func(o *Options) { o.ExitFrom = d("2024-07-01") }, ""},
		{"no clusters", func(o *Options) { o.Clusters = nil }, ""},
		{"cluster without name", func(o *Options) { o.Clusters = []Cluster{{Name: " ", Prefixes: []string{"29-"}}} }, "no name"},
		{"prefix without digits", func(o *Options) { o.Clusters = []Cluster{{Name: "Health", Prefixes: []string{"--"}}} }, `SOC prefix "--" has no digits`},
		{"empty prefix", func(o *Options) { o.Clusters = []Cluster{{Name: "Health", Prefixes: []string{""}}} }, "has no digits"},
		{"same prefix in two clusters", func(o *Options) {
			o.Clusters = []Cluster{{Name: "A", Prefixes: []string{"43-5"}}, {Name: "B", Prefixes: []string{"435"}}}
		}, `"435" is in both`},
		{"same name twice", func(o *Options) {
			o.Clusters = []Cluster{{Name: "A", Prefixes: []string{"29-"}}, {Name: "A", Prefixes: []string{"31-"}}}
		}, "named twice"},
		{"126 clusters", func(o *Options) { o.Clusters = manyClusters(126) }, ""},
		{"127 clusters", func(o *Options) { o.Clusters = manyClusters(127) }, "at most 126"},
		{"exclude nothing", func(o *Options) { o.ExcludeCodes = nil }, ""},
		{"exclude 923 code 8", func(o *Options) { o.ExcludeCodes = []int{1, 8} }, "923 code 8"},
		{"exclude negative code", func(o *Options) { o.ExcludeCodes = []int{-1} }, "923 code -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			tt.change(&o)
			err := o.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("no error, want one containing %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("error %q, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestOneYearAfter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-01-15", "2025-01-15"},
		{"2024-02-29", "2025-02-28"}, // no Feb 29 in 2025
		{"2024-02-28", "2025-02-28"},
		{"2024-03-01", "2025-03-01"},
		{"2023-02-28", "2024-02-28"}, // into a leap year: not Feb 29
		{"2023-03-01", "2024-03-01"},
		{"2023-12-31", "2024-12-31"},
		{"1999-12-31", "2000-12-31"},
		{"2000-02-29", "2001-02-28"},
		{"1970-01-01", "1971-01-01"},
		{"1969-07-20", "1970-07-20"}, // negative day numbers
	}
	for _, tt := range tests {
		if got := pirl.FormatDate(OneYearAfter(date(t, tt.in))); got != tt.want {
			t.Errorf("OneYearAfter(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestCalendarAgainstTime checks DayNumber, Civil and OneYearAfter against Go's
// time package for every day from 1900 to 2100. time.AddDate normalises
// Feb 29 + 1 year to Mar 1; the credential rule wants Feb 28 (the last day
// that is still within the year), the one intended difference.
func TestCalendarAgainstTime(t *testing.T) {
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
	for tm := start; !tm.After(end); tm = tm.AddDate(0, 0, 1) {
		y, m, dd := tm.Date()
		z := pirl.DayNumber(y, int(m), dd)
		if want := int32(tm.Unix() / 86400); z != want {
			t.Fatalf("DayNumber(%s) = %d, want %d", tm.Format(time.DateOnly), z, want)
		}
		if cy, cm, cd := pirl.Civil(z); cy != y || cm != int(m) || cd != dd {
			t.Fatalf("Civil(%d) = %d-%d-%d, want %s", z, cy, cm, cd, tm.Format(time.DateOnly))
		}
		next := tm.AddDate(1, 0, 0)
		if m == time.February && dd == 29 {
			next = next.AddDate(0, 0, -1)
		}
		if got, want := OneYearAfter(z), int32(next.Unix()/86400); got != want {
			t.Fatalf("OneYearAfter(%s) = %s, want %s", tm.Format(time.DateOnly), pirl.FormatDate(got), next.Format(time.DateOnly))
		}
	}
}

// manyClusters returns n clusters with distinct names and prefixes.
func manyClusters(n int) []Cluster {
	cs := make([]Cluster, n)
	for i := range cs {
		cs[i] = Cluster{Name: fmt.Sprintf("C%d", i), Prefixes: []string{fmt.Sprintf("%04d", i)}}
	}
	return cs
}

func ExampleOneYearAfter() {
	for _, exit := range []int32{pirl.DayNumber(2024, 1, 15), pirl.DayNumber(2024, 2, 29)} {
		fmt.Println(pirl.FormatDate(exit), "→", pirl.FormatDate(OneYearAfter(exit)))
	}
	// Output:
	// 2024-01-15 → 2025-01-15
	// 2024-02-29 → 2025-02-28
}

// prefixClusters returns clusters with n distinct SOC prefixes in all.
func prefixClusters(n int) []Cluster {
	cs := []Cluster{{Name: "A"}, {Name: "B"}}
	for i := range n {
		cs[i%2].Prefixes = append(cs[i%2].Prefixes, fmt.Sprintf("%06d", i))
	}
	return cs
}
