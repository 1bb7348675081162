package pipeline

import (
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestParseWindow(t *testing.T) {
	day := func(s string) int32 { d, err := ParseDay(s); must(t, err); return d }
	tests := []struct {
		from, to, py, q string
		wantFrom        string
		wantTo          string
		usage           bool
	}{
		{py: "2023", wantFrom: "2023-07-01", wantTo: "2024-06-30"},
		{py: "PY2020", wantFrom: "2020-07-01", wantTo: "2021-06-30"},
		{q: "2024Q3", wantFrom: "2024-07-01", wantTo: "2024-09-30"},
		{q: "2024Q1", wantFrom: "2024-01-01", wantTo: "2024-03-31"},
		{q: "2023Q4", wantFrom: "2023-10-01", wantTo: "2023-12-31"},
		{q: "2024-q2", wantFrom: "2024-04-01", wantTo: "2024-06-30"},
		{from: "2022-01-01", to: "20221231", wantFrom: "2022-01-01", wantTo: "2022-12-31"},
		{from: "2022-01-01", wantFrom: "2022-01-01"},
		{q: "2024Q5", usage: true},
		{py: "23", usage: true},
		{from: "2022-02-30", usage: true},
		{from: "2023-01-01", to: "2022-01-01", usage: true},
		{py: "2023", q: "2024Q1", usage: true},
		{from: "2022-01-01", py: "2023", usage: true},
	}
	for _, tt := range tests {
		w, err := ParseWindow(tt.from, tt.to, tt.py, tt.q)
		if tt.usage {
			if !IsOptionError(err) {
				t.Errorf("%+v: err = %v, want an option error", tt, err)
			}
			continue
		}
		must(t, err)
		want := [2]int32{pirl.MissingDate, pirl.MissingDate}
		if tt.wantFrom != "" {
			want[0] = day(tt.wantFrom)
		}
		if tt.wantTo != "" {
			want[1] = day(tt.wantTo)
		}
		if got := [2]int32{w.From, w.To}; got != want {
			t.Errorf("%+v: window %s..%s, want %s..%s", tt, pirl.FormatDate(w.From), pirl.FormatDate(w.To), tt.wantFrom, tt.wantTo)
		}
	}
}
