// Package census builds the tract reference file (METHODS §1.2) from the
// Census Data API: ACS 5-year poverty universe and count below poverty
// (B17001_001E / B17001_002E), total population (B01003_001E), and land area
// from the Census Gazetteer tract file when it can be had.
//
// The API answers with a JSON array of arrays of strings, the first row
// being the header:
//
//	[["NAME","B17001_001E","B17001_002E","B01003_001E","state","county","tract"],
//	 ["Census Tract 1; Fulton County; Georgia","2461","321","2583","13","121","000100"], …]
//
// Estimates that are not available come as null or as negative annotation
// values (-666666666 and kin); both are written as blank cells.
package census

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MaxRetries bounds Client.Retries: with the doubling wait from 1 s, ten
// retries wait about 17 minutes in all.
const MaxRetries = 10

// Default endpoints.
const (
	DefaultBaseURL      = "https://api.census.gov/data"
	DefaultGazetteerURL = "https://www2.census.gov/geo/docs/maps-data/data/gazetteer"
)

// Client fetches from the Census Data API. The zero value is usable.
type Client struct {
	BaseURL      string // default DefaultBaseURL
	GazetteerURL string // default DefaultGazetteerURL; "-" skips land area
	Key          string // optional API key (needed beyond 500 requests a day)
	HTTP         *http.Client
	// Retries is how many times a request that failed for a transient
	// reason (network error, 429, 5xx) is tried again; default 3, at most
	// MaxRetries (more are capped), negative for none.
	Retries int
	// Backoff is the wait before the first retry, doubling after each;
	// default 1 s.
	Backoff time.Duration
	// Sleep waits between retries (tests replace it); default time.Sleep
	// honouring the context.
	Sleep func(context.Context, time.Duration) error
	// UserAgent is sent with every request.
	UserAgent string
}

// Request says which tracts to fetch.
type Request struct {
	Year     int      // ACS 5-year vintage (end year), 2009 or later
	State    string   // 2-digit state FIPS
	Counties []string // 3-digit county FIPS; empty or "*" for every county of the state
}

// Tract is one row of the tract reference file.
type Tract struct {
	GEOID string // 11 digits
	Name  string
	// Universe and Below are B17001_001E and B17001_002E; Population is
	// B01003_001E; LandSqMi is the Gazetteer's ALAND_SQMI. NaN when not available.
	Universe, Below, Population, LandSqMi float64
}

// Variables fetched, in the output's column order.
var Variables = []string{"B17001_001E", "B17001_002E", "B01003_001E"}

// Result is what Fetch returns.
type Result struct {
	Tracts []Tract // in GEOID order
	URL    string  // the data request, key removed
	// Warnings are notes that did not stop the fetch (land area not
	// available, estimates missing).
	Warnings []string
}

// ErrOffline wraps network failures that suggest no connection.
var ErrOffline = errors.New("cannot reach the Census Data API (offline, or a proxy or firewall blocks it)")

// Validate checks a request's codes.
func (r Request) Validate() error {
	if r.Year < 2009 || r.Year > 2100 {
		return fmt.Errorf("year %d: ACS 5-year tract data start with 2009", r.Year)
	}
	if !digits(r.State, 2) {
		return fmt.Errorf("state %q: want a 2-digit FIPS code such as 13 (Georgia)", r.State)
	}
	for _, c := range r.Counties {
		if c != "*" && !digits(c, 3) {
			return fmt.Errorf("county %q: want a 3-digit FIPS code such as 121 (Fulton), or *", c)
		}
	}
	return nil
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Fetch downloads the tracts of req's counties.
func (c *Client) Fetch(ctx context.Context, req Request) (*Result, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	base := strings.TrimRight(c.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	counties := "*"
	if len(req.Counties) > 0 && !(len(req.Counties) == 1 && req.Counties[0] == "*") {
		counties = strings.Join(req.Counties, ",")
	}
	// The API's documented form; commas and colons are left unescaped as
	// in its examples.
	q := "get=NAME," + strings.Join(Variables, ",") + "&for=tract:*&in=state:" + req.State + "&in=county:" + counties
	u := fmt.Sprintf("%s/%d/acs/acs5?%s", base, req.Year, q)
	res := &Result{URL: u}
	if c.Key != "" {
		u += "&key=" + url.QueryEscape(c.Key)
	}
	body, err := c.get(ctx, u)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%s: no tracts (the API returned nothing: check the state and county codes for %d)", res.URL, req.Year)
	}
	var rows [][]*string
	if err := json.Unmarshal(body, &rows); err != nil {
		return nil, fmt.Errorf("%s: the answer is not the API's JSON table: %s", res.URL, snippet(body))
	}
	ts, warn, err := parseRows(rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", res.URL, err)
	}
	res.Tracts, res.Warnings = ts, warn
	if c.GazetteerURL != "-" {
		if err := c.addLand(ctx, req, res); err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("land area not added (participants per square mile will not be computed): %v", err))
		}
	}
	return res, nil
}

// parseRows turns the API table into tracts.
func parseRows(rows [][]*string) ([]Tract, []string, error) {
	if len(rows) < 2 {
		return nil, nil, errors.New("no tracts in the answer")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		if h != nil {
			col[*h] = i
		}
	}
	for _, need := range append([]string{"state", "county", "tract"}, Variables...) {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("the answer has no %q column (header %v)", need, deref(rows[0]))
		}
	}
	missing := map[string]int{}
	var ts []Tract
	for r, row := range rows[1:] {
		cell := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(row) || row[i] == nil {
				return ""
			}
			return *row[i]
		}
		g := cell("state") + cell("county") + cell("tract")
		if !digits(g, 11) {
			return nil, nil, fmt.Errorf("row %d: state %q, county %q, tract %q do not make an 11-digit GEOID", r+2, cell("state"), cell("county"), cell("tract"))
		}
		t := Tract{GEOID: g, Name: cell("NAME")}
		for k, v := range []*float64{&t.Universe, &t.Below, &t.Population} {
			name := Variables[k]
			s := cell(name)
			if s == "" {
				*v = math.NaN()
				missing[name]++
				continue
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("row %d (tract %s): %s = %q is not a number", r+2, g, name, s)
			}
			if x < 0 { // annotation values: -666666666 (not computed), -999999999, …
				*v = math.NaN()
				missing[name]++
				continue
			}
			*v = x
		}
		t.LandSqMi = math.NaN()
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].GEOID < ts[j].GEOID })
	var warn []string
	for _, name := range Variables {
		if n := missing[name]; n > 0 {
			warn = append(warn, fmt.Sprintf("%s not available for %d tracts (left blank)", name, n))
		}
	}
	return ts, warn, nil
}

func deref(ss []*string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		if s != nil {
			out[i] = *s
		}
	}
	return out
}

// addLand fills LandSqMi from the Gazetteer tract file of the state, a
// tab-separated table with GEOID and ALAND_SQMI columns.
func (c *Client) addLand(ctx context.Context, req Request, res *Result) error {
	base := strings.TrimRight(c.GazetteerURL, "/")
	if base == "" {
		base = DefaultGazetteerURL
	}
	u := fmt.Sprintf("%s/%d_Gazetteer/%d_gaz_tracts_%s.txt", base, req.Year, req.Year, req.State)
	body, err := c.get(ctx, u)
	if err != nil {
		return err
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = '\t'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	recs, err := cr.ReadAll()
	if err != nil || len(recs) < 2 {
		return fmt.Errorf("%s: not a Gazetteer tract file: %s", u, snippet(body))
	}
	gi, li := -1, -1
	for i, h := range recs[0] {
		switch strings.ToUpper(strings.TrimSpace(h)) {
		case "GEOID":
			gi = i
		case "ALAND_SQMI":
			li = i
		}
	}
	if gi < 0 || li < 0 {
		return fmt.Errorf("%s: no GEOID and ALAND_SQMI columns", u)
	}
	land := map[string]float64{}
	for _, r := range recs[1:] {
		if gi >= len(r) || li >= len(r) {
			continue
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(r[li]), 64); err == nil && v >= 0 {
			land[strings.TrimSpace(r[gi])] = v
		}
	}
	missing := 0
	for i := range res.Tracts {
		if v, ok := land[res.Tracts[i].GEOID]; ok {
			res.Tracts[i].LandSqMi = v
		} else {
			missing++
		}
	}
	if missing > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("land area not found in the %d Gazetteer for %d tracts (left blank)", req.Year, missing))
	}
	return nil
}

// get fetches u, retrying transient failures with doubling waits.
func (c *Client) get(ctx context.Context, u string) ([]byte, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	retries := min(c.Retries, MaxRetries)
	if retries == 0 {
		retries = 3
	}
	wait := c.Backoff
	if wait == 0 {
		wait = time.Second
	}
	sleep := c.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	shown := redact(u)
	var last error
	for attempt := 0; attempt <= max(retries, 0); attempt++ {
		if attempt > 0 {
			if err := sleep(ctx, wait); err != nil {
				return nil, err
			}
			wait *= 2
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", shown, err)
		}
		if c.UserAgent != "" {
			req.Header.Set("User-Agent", c.UserAgent)
		}
		resp, err := hc.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			last = networkError(shown, err)
			continue
		}
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
		resp.Body.Close()
		switch {
		case rerr != nil:
			last = networkError(shown, rerr)
			continue
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			last = fmt.Errorf("%s: HTTP %s: %s", shown, resp.Status, snippet(body))
			continue
		case resp.StatusCode == http.StatusNoContent:
			return nil, nil
		case resp.StatusCode != http.StatusOK:
			return nil, fmt.Errorf("%s: HTTP %s: %s", shown, resp.Status, snippet(body))
		}
		// An unknown key is answered 200 with an HTML page.
		if bytes.Contains(body, []byte("Invalid Key")) || bytes.Contains(body, []byte("invalid key")) {
			return nil, fmt.Errorf("%s: the Census API rejected the key (request one at https://api.census.gov/data/key_signup.html, or leave --key out for fewer than 500 requests a day)", shown)
		}
		return body, nil
	}
	return nil, fmt.Errorf("%w (after %d tries)", last, max(retries, 0)+1)
}

// networkError names the likely cause of a transport failure.
func networkError(u string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // it repeats the URL
	}
	var dns *net.DNSError
	var op *net.OpError
	if errors.As(err, &dns) || errors.As(err, &op) {
		return fmt.Errorf("%w: %s: %v", ErrOffline, u, err)
	}
	return fmt.Errorf("%s: %v", u, err)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// redact removes the key from a URL for messages.
func redact(u string) string {
	if i := strings.Index(u, "&key="); i >= 0 {
		return u[:i] + "&key=…"
	}
	return u
}

// snippet is the start of a body for messages, tags stripped.
func snippet(b []byte) string {
	s := string(b)
	var out strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			out.WriteByte(' ')
		case !in:
			out.WriteRune(r)
		}
	}
	t := strings.Join(strings.Fields(out.String()), " ")
	if len(t) > 200 {
		t = t[:200] + "…"
	}
	if t == "" {
		return "(empty)"
	}
	return strconv.Quote(t)
}

// WriteCSV writes the tracts as a tract reference file that
// analysis/tracts reads without configuration: GEOID, NAME, the ACS
// variables and ALAND_SQMI, blank where not available.
func WriteCSV(w io.Writer, ts []Tract) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append(append([]string{"GEOID", "NAME"}, Variables...), "ALAND_SQMI")); err != nil {
		return err
	}
	num := func(v float64) string {
		if math.IsNaN(v) {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	for _, t := range ts {
		if err := cw.Write([]string{t.GEOID, t.Name, num(t.Universe), num(t.Below), num(t.Population), num(t.LandSqMi)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
