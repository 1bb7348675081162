package census

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/tracts"
)

// apiBody is an answer in the Census Data API's format (a JSON array of
// string arrays, header first; null and -666666666 for unavailable
// estimates), with invented numbers.
const apiBody = `[["NAME","B17001_001E","B17001_002E","B01003_001E","state","county","tract"],
["Census Tract 1; Fulton County; Georgia","2461","321","2583","13","121","000100"],
["Census Tract 9800; Fulton County; Georgia","0","0","12","13","121","980000"],
["Census Tract 201.01; DeKalb County; Georgia","3950","1104","4021","13","089","020101"],
["Census Tract 10.02; Fulton County; Georgia",null,"-666666666","1500","13","121","001002"]]`

// gazBody is a Gazetteer tract file: tab-separated, last header padded.
const gazBody = "USPS\tGEOID\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG                                                                                                               \n" +
	"GA\t13121000100\t1969434\t0\t0.76\t0\t33.789\t-84.386\n" +
	"GA\t13089020101\t4015090\t11227\t1.55\t0.004\t33.856\t-84.274\n"

type server struct {
	*httptest.Server
	calls   atomic.Int32
	failN   int32 // first failN data calls answer 503
	lastURL atomic.Value
}

func newServer(t *testing.T, failN int32, data string) *server {
	s := &server{failN: failN}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.RawQuery, "state:99"):
			http.Error(w, "error: unknown/unsupported geography hierarchy", http.StatusBadRequest)
		case strings.HasPrefix(r.URL.Path, "/data/2022/acs/acs5"):
			s.lastURL.Store(r.URL.RawQuery)
			if n := s.calls.Add(1); n <= s.failN {
				http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
				return
			}
			if r.URL.Query().Get("key") == "bad" {
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte("<html><head><title>Invalid Key</title></head><body>A valid <em>key</em> must be included with each data API request.</body></html>"))
				return
			}
			if data == "" {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			w.Write([]byte(data))
		case r.URL.Path == "/gaz/2022_Gazetteer/2022_gaz_tracts_13.txt":
			w.Write([]byte(gazBody))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func client(s *server) *Client {
	return &Client{BaseURL: s.URL + "/data", GazetteerURL: s.URL + "/gaz", HTTP: s.Client(),
		Sleep: func(context.Context, time.Duration) error { return nil }}
}

func TestFetchAndWrite(t *testing.T) {
	s := newServer(t, 2, apiBody)
	c := client(s)
	c.Key = "k&y"
	res, err := c.Fetch(context.Background(), Request{Year: 2022, State: "13", Counties: []string{"121", "089"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.calls.Load(); got != 3 {
		t.Errorf("%d data calls, want 3 (two 503s retried)", got)
	}
	q := s.lastURL.Load().(string)
	if !strings.Contains(q, "get=NAME,B17001_001E,B17001_002E,B01003_001E&for=tract:*&in=state:13&in=county:121,089&key=k%26y") {
		t.Errorf("query %s", q)
	}
	if strings.Contains(res.URL, "key") {
		t.Errorf("URL keeps the key: %s", res.URL)
	}
	if len(res.Tracts) != 4 || res.Tracts[0].GEOID != "13089020101" {
		t.Fatalf("tracts %+v", res.Tracts)
	}
	w := strings.Join(res.Warnings, "\n")
	for _, s := range []string{"B17001_001E not available for 1 tracts", "B17001_002E not available for 1 tracts", "land area not found in the 2022 Gazetteer for 2 tracts"} {
		if !strings.Contains(w, s) {
			t.Errorf("warnings %q lack %q", w, s)
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, res.Tracts); err != nil {
		t.Fatal(err)
	}
	want := `GEOID,NAME,B17001_001E,B17001_002E,B01003_001E,ALAND_SQMI
13089020101,Census Tract 201.01; DeKalb County; Georgia,3950,1104,4021,1.55
13121000100,Census Tract 1; Fulton County; Georgia,2461,321,2583,0.76
13121001002,Census Tract 10.02; Fulton County; Georgia,,,1500,
13121980000,Census Tract 9800; Fulton County; Georgia,0,0,12,
`
	if buf.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
	// The file is a tract reference file the report reads without configuration.
	tab, err := tracts.ReadFrom(bytes.NewReader(buf.Bytes()), "tracts.csv", tracts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows() != 4 || tab.Used[tracts.RoleUniverse] != "B17001_001E" || tab.Used[tracts.RoleLand] != "ALAND_SQMI" || tab.Used[tracts.RolePopulation] != "B01003_001E" {
		t.Errorf("read back %d rows, roles %v", tab.Rows(), tab.Used)
	}
	if r := tab.PovertyRate(1); math.Abs(r-321.0/2461) > 1e-12 {
		t.Errorf("poverty rate %v", r)
	}
}

func TestFetchErrors(t *testing.T) {
	ctx := context.Background()
	s := newServer(t, 100, apiBody)
	c := client(s)
	c.Retries = 2
	_, err := c.Fetch(ctx, Request{Year: 2022, State: "13"})
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "after 3 tries") {
		t.Errorf("persistent 503: %v", err)
	}

	s2 := newServer(t, 0, apiBody)
	c2 := client(s2)
	c2.Key = "bad"
	if _, err := c2.Fetch(ctx, Request{Year: 2022, State: "13"}); err == nil || !strings.Contains(err.Error(), "rejected the key") || strings.Contains(err.Error(), "key=bad") {
		t.Errorf("bad key: %v", err)
	}
	if _, err := client(newServer(t, 0, "")).Fetch(ctx, Request{Year: 2022, State: "13"}); err == nil || !strings.Contains(err.Error(), "no tracts") {
		t.Errorf("204: %v", err)
	}
	if _, err := client(newServer(t, 0, `{"not":"a table"}`)).Fetch(ctx, Request{Year: 2022, State: "13"}); err == nil || !strings.Contains(err.Error(), "not the API's JSON table") {
		t.Errorf("odd JSON: %v", err)
	}
	if _, err := client(newServer(t, 0, `[["NAME","state"],["x","13"]]`)).Fetch(ctx, Request{Year: 2022, State: "13"}); err == nil || !strings.Contains(err.Error(), `no "county" column`) {
		t.Errorf("missing columns: %v", err)
	}
	if _, err := client(s2).Fetch(ctx, Request{Year: 2022, State: "99"}); err == nil || !strings.Contains(err.Error(), "400 Bad Request: \"error: unknown/unsupported geography hierarchy\"") {
		t.Errorf("400: %v", err)
	}
	if _, err := client(s2).Fetch(ctx, Request{Year: 2022, State: "1"}); err == nil || !strings.Contains(err.Error(), "2-digit FIPS") {
		t.Errorf("bad state: %v", err)
	}
	if _, err := client(s2).Fetch(ctx, Request{Year: 2022, State: "13", Counties: []string{"12"}}); err == nil || !strings.Contains(err.Error(), "3-digit FIPS") {
		t.Errorf("bad county: %v", err)
	}

	// Offline: a closed server refuses connections.
	off := newServer(t, 0, apiBody)
	cOff := client(off)
	off.Close()
	_, err = cOff.Fetch(ctx, Request{Year: 2022, State: "13"})
	if !errors.Is(err, ErrOffline) {
		t.Errorf("closed server: %v, want ErrOffline", err)
	}

	// Land area unavailable is a warning, not a failure.
	s3 := newServer(t, 0, apiBody)
	c3 := client(s3)
	c3.GazetteerURL = s3.URL + "/nowhere"
	res, err := c3.Fetch(ctx, Request{Year: 2022, State: "13"})
	if err != nil || !strings.Contains(strings.Join(res.Warnings, "\n"), "land area not added") {
		t.Errorf("no gazetteer: %v %v", err, res)
	}
}

// Retries are bounded: a client asking for a billion retries of a request
// that keeps failing stops after MaxRetries.
func TestRetriesBounded(t *testing.T) {
	s := newServer(t, 1<<30, apiBody)
	c := client(s)
	c.Retries = 1 << 30
	_, err := c.Fetch(context.Background(), Request{Year: 2022, State: "13"})
	if want := fmt.Sprintf("after %d tries", MaxRetries+1); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("persistent 503 with 2^30 retries: %v, want %q", err, want)
	}
}
