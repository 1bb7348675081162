package cmd

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// censusAnswer is in the Census Data API's format (JSON array of string
// arrays, header first); the numbers are invented.
const censusAnswer = `[["NAME","B17001_001E","B17001_002E","B01003_001E","state","county","tract"],
["Census Tract 1; Fulton County; Georgia","2461","321","2583","13","121","000100"],
["Census Tract 201.01; DeKalb County; Georgia","3950","1104","4021","13","089","020101"]]`

func TestTractsFetch(t *testing.T) {
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/data/2022/acs/acs5") {
			query = r.URL.RawQuery
			w.Write([]byte(censusAnswer))
			return
		}
		http.NotFound(w, r) // no Gazetteer: land area becomes a note
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "tracts.csv")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"tracts", "fetch", "--state", "13", "--county", "121,089", "--year", "2022", "--out", out,
		"--api-url", srv.URL + "/data", "--gazetteer-url", srv.URL + "/gaz", "--retries", "0"}, nil, &stdout, &stderr)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(query, "in=state:13&in=county:121,089") {
		t.Errorf("query %s", query)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := "GEOID,NAME,B17001_001E,B17001_002E,B01003_001E,ALAND_SQMI\n" +
		"13089020101,Census Tract 201.01; DeKalb County; Georgia,3950,1104,4021,\n" +
		"13121000100,Census Tract 1; Fulton County; Georgia,2461,321,2583,\n"
	if string(got) != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	for _, w := range []string{"Wrote 2 tracts (ACS 2018–2022 5-year, state 13)", "1 have a poverty rate of 20% or more", "Note: land area not added"} {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
		}
	}
}

func TestTractsFetchErrors(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing flags", []string{"tracts", "fetch", "--state", "13"}, ExitUsage, "--year, --out required"},
		{"bad state", []string{"tracts", "fetch", "--state", "GA", "--year", "2022", "--out", "x.csv"}, ExitUsage, "2-digit FIPS"},
		{"bad county", []string{"tracts", "fetch", "--state", "13", "--county", "121,89", "--year", "2022", "--out", "x.csv"}, ExitUsage, `county "89"`},
		{"no subcommand", []string{"tracts"}, ExitUsage, "name a subcommand"},
		{"offline", []string{"tracts", "fetch", "--state", "13", "--year", "2022", "--out", filepath.Join(t.TempDir(), "x.csv"),
			"--api-url", closed.URL, "--retries", "0"}, ExitFail, "cannot reach the Census Data API"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, nil, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), tt.code, tt.want)
			}
		})
	}
}
