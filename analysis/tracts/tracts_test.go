package tracts

import (
	"bytes"
	"compress/gzip"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseGEOID(t *testing.T) {
	tests := []struct {
		in      string
		want    uint64
		wantErr string
	}{
		{in: "13121001100", want: 13121001100},
		{in: "01001020100", want: 1001020100},
		{in: " 01001020100 ", want: 1001020100},
		{in: "1400000US01001020100", want: 1001020100},
		{in: "14000US13121001100", want: 13121001100},
		{in: "1001020100", wantErr: "leading zero"},
		{in: "131210011", wantErr: "has 9 digits"},
		{in: "131210011000", wantErr: "has 12 digits"},
		{in: "13121001100.0", wantErr: "position 12"},
		{in: "", wantErr: "blank"},
		{in: "1400000US", wantErr: "position 8"},
	}
	for _, tc := range tests {
		got, err := ParseGEOID(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseGEOID(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseGEOID(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if s := FormatGEOID(got); s != strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(tc.in), "1400000US"), "14000US") {
			t.Errorf("FormatGEOID(%d) = %q", got, s)
		}
	}
}

func TestReadHeaderVariants(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		opts Options
		used map[string]string
		land bool
	}{
		{
			name: "B17001 with ALAND",
			csv:  "GEOID,B17001_001E,B17001_002E,B01003_001E,ALAND\n01001020100,1000,250,1100,2589988.110336\n13121001100,2000,100,2050,5179976.220672\n",
			used: map[string]string{"geoid": "GEOID", "universe": "B17001_001E", "below": "B17001_002E", "population": "B01003_001E", "aland": "ALAND"},
			land: true,
		},
		{
			name: "data.census.gov S1701 with label row",
			csv:  "GEO_ID,NAME,S1701_C01_001E,S1701_C02_001E\nGeography,Geographic Area Name,Estimate!!Total,Estimate!!Below poverty level\n1400000US01001020100,Tract 201,1000,250\n1400000US13121001100,Tract 11,2000,100\n",
			used: map[string]string{"geoid": "GEO_ID", "universe": "S1701_C01_001E", "below": "S1701_C02_001E"},
		},
		{
			name: "tidycensus B17021 names",
			csv:  "geoid,name,pop_tot,pop_pov,pop_pov_denom\n01001020100,\"Census Tract 201, Autauga\",1100.0,250.0,1000.0\n13121001100,x,2050.0,100.0,2000.0\n",
			used: map[string]string{"geoid": "geoid", "universe": "pop_pov_denom", "below": "pop_pov", "population": "pop_tot"},
		},
		{
			name: "B17021 tract_geoid sqmi",
			csv:  "tract_geoid,B17021_001E,B17021_002E,B01001_001E,ALAND_SQMI\n01001020100,1000,250,1100,1\n13121001100,2000,100,2050,2\n",
			used: map[string]string{"geoid": "tract_geoid", "universe": "B17021_001E", "below": "B17021_002E", "population": "B01001_001E", "land": "ALAND_SQMI"},
			land: true,
		},
		{
			name: "poverty_universe style, TSV, FIPS",
			csv:  "FIPS\tpoverty_universe\tpoverty_below\ttotal_population\tland_area_sqmi\n01001020100\t1000\t250\t1100\t1\n13121001100\t2000\t100\t2050\t2\n",
			used: map[string]string{"geoid": "FIPS", "universe": "poverty_universe", "below": "poverty_below", "population": "total_population", "land": "land_area_sqmi"},
			land: true,
		},
		{
			name: "Census API state+county+tract",
			csv:  "NAME,B17001_001E,B17001_002E,state,county,tract\nx,1000,250,01,001,020100\ny,2000,100,13,121,001100\n",
			used: map[string]string{"geoid": "state+county+tract", "universe": "B17001_001E", "below": "B17001_002E"},
		},
		{
			name: "override",
			csv:  "id,all_people,poor,people\n01001020100,1000,250,1100\n13121001100,2000,100,2050\n",
			opts: Options{Columns: map[string]string{"geoid": "ID", "universe": "all_people", "below": "poor", "population": "people"}},
			used: map[string]string{"geoid": "id", "universe": "all_people", "below": "poor", "population": "people"},
		},
		{
			name: "BOM and CRLF",
			csv:  "\ufeffGEOID,B17001_001E,B17001_002E\r\n01001020100,1000,250\r\n13121001100,2000,100\r\n",
			used: map[string]string{"geoid": "GEOID", "universe": "B17001_001E", "below": "B17001_002E"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := ReadFrom(strings.NewReader(tc.csv), "t.csv", tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Used) != len(tc.used) {
				t.Errorf("Used = %v, want %v", tab.Used, tc.used)
			}
			for k, v := range tc.used {
				if tab.Used[k] != v {
					t.Errorf("Used[%s] = %q, want %q", k, tab.Used[k], v)
				}
			}
			if tab.Rows() != 2 || tab.GEOID[0] != 1001020100 || FormatGEOID(tab.GEOID[0]) != "01001020100" {
				t.Fatalf("GEOIDs = %v", tab.GEOID)
			}
			i, ok := tab.Lookup(13121001100)
			if !ok || i != 1 || !tab.Has(1001020100) || tab.Has(13121001101) {
				t.Errorf("Lookup = %d, %v", i, ok)
			}
			if r := tab.PovertyRate(0); r != 0.25 {
				t.Errorf("PovertyRate(0) = %v, want 0.25", r)
			}
			if _, ok := tc.used["population"]; ok && tab.Population[1] != 2050 {
				t.Errorf("Population = %v", tab.Population)
			} else if !ok && !math.IsNaN(tab.Population[0]) {
				t.Errorf("Population = %v, want NaN", tab.Population)
			}
			if tc.land && math.Abs(tab.LandSqMi[0]-1) > 1e-9 {
				t.Errorf("LandSqMi = %v, want 1 sq mi", tab.LandSqMi)
			} else if !tc.land && !math.IsNaN(tab.LandSqMi[0]) {
				t.Errorf("LandSqMi = %v, want NaN", tab.LandSqMi)
			}
			if len(tab.SHA256) != 64 {
				t.Errorf("SHA256 = %q", tab.SHA256)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, csv, want string
		opts            Options
	}{
		{"10 digits", "GEOID,B17001_001E,B17001_002E\n13121001100,10,1\n1001020100,10,1\n", `t.csv:3: column "GEOID": GEOID "1001020100" has 10 digits`, Options{}},
		{"12 digits", "GEOID,B17001_001E,B17001_002E\n131210011001,10,1\n", `t.csv:2: column "GEOID": GEOID "131210011001" has 12 digits`, Options{}},
		{"duplicate", "GEOID,B17001_001E,B17001_002E\n13121001100,10,1\n13121001200,10,1\n1400000US13121001100,10,1\n", `t.csv:4: column "GEOID": duplicate GEOID 13121001100 (first on line 2)`, Options{}},
		{"negative", "GEOID,B17001_001E,B17001_002E\n13121001100,-666666666,1\n", `t.csv:2: column "B17001_001E": value "-666666666" is negative`, Options{}},
		{"below > universe", "GEOID,B17001_001E,B17001_002E\n13121001100,10,11\n", `t.csv:2: tract 13121001100: below "B17001_002E" = 11 is larger than universe "B17001_001E" = 10`, Options{}},
		{"not a number", "GEOID,B17001_001E,B17001_002E\n13121001100,ten,1\n", `t.csv:2: column "B17001_001E": value "ten" is not a number`, Options{}},
		{"no geoid", "name,B17001_001E,B17001_002E\nx,10,1\n", `t.csv: no GEOID column`, Options{}},
		{"no poverty", "GEOID,pop\n13121001100,10\n", `t.csv: no poverty columns`, Options{}},
		{"half pair", "GEOID,B17001_001E,pop\n13121001100,10,1\n", `t.csv: poverty column "B17001_001E" has no partner "b17001_002e"`, Options{}},
		{"override missing", "GEOID,B17001_001E,B17001_002E\n13121001100,10,1\n", `t.csv: column "poor" (for below) is not in the header`, Options{Columns: map[string]string{"below": "poor"}}},
		{"bad role", "GEOID,B17001_001E,B17001_002E\n13121001100,10,1\n", `unknown column role "povrate"`, Options{Columns: map[string]string{"povrate": "x"}}},
		{"header only", "GEOID,B17001_001E,B17001_002E\n", `t.csv: no tracts`, Options{}},
		{"empty", "", `t.csv: empty file`, Options{}},
		{"bad quote", "GEOID,B17001_001E,B17001_002E\n13121001100,10,1\n\"1312100\"1200,10,1\n", `t.csv:3:`, Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFrom(strings.NewReader(tc.csv), "t.csv", tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant one containing %s", err, tc.want)
			}
		})
	}
}

func TestReadBlanksAndGzip(t *testing.T) {
	src := "GEOID,B17001_001E,B17001_002E,B01003_001E\n13121001100,0,0,0\n13121001200,,,\n13121001300,100,NA,120\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(src))
	zw.Close()
	tab, err := ReadFrom(&gz, "t.csv.gz", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows() != 3 {
		t.Fatalf("rows = %d", tab.Rows())
	}
	for i := range 3 {
		if r := tab.PovertyRate(i); !math.IsNaN(r) {
			t.Errorf("PovertyRate(%d) = %v, want NaN", i, r)
		}
	}
	if len(tab.Warnings) != 3 {
		t.Errorf("Warnings = %q, want 3 (blank universe, below, population)", tab.Warnings)
	}
}

// TestAtlanta reads the real 951-tract Atlanta MSA file and checks the
// aggregates recorded in its SOURCE.txt (computed there independently).
func TestAtlanta(t *testing.T) {
	path := filepath.Join("testdata", "atl-msa-acs2015-tracts", "atl_tract_acs2015_properties.csv")
	tab, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows() != 951 {
		t.Errorf("rows = %d, want 951", tab.Rows())
	}
	want := map[string]string{"geoid": "geoid", "universe": "pop_pov_denom", "below": "pop_pov", "population": "pop_tot"}
	for k, v := range want {
		if tab.Used[k] != v {
			t.Errorf("Used[%s] = %q, want %q", k, tab.Used[k], v)
		}
	}
	var below, uni, pop float64
	high := 0
	for i := range tab.GEOID {
		below += tab.Below[i]
		uni += tab.Universe[i]
		pop += tab.Population[i]
		if tab.PovertyRate(i) >= 0.20 {
			high++
		}
		if s := FormatGEOID(tab.GEOID[i]); len(s) != 11 || s[:2] != "13" {
			t.Errorf("GEOID %s", s)
		}
	}
	if below != 847748 || uni != 5443215 || pop != 5535837 {
		t.Errorf("sums below %v universe %v population %v, want 847748 5443215 5535837 (SOURCE.txt)", below, uni, pop)
	}
	// 314 tracts at or above 20 % (counted with Python's csv module).
	if high != 314 {
		t.Errorf("high-poverty tracts = %d, want 314", high)
	}
}

// TestReadBoard: an optional board column (recognised as board,
// local_board or lwdb, or named with the board column option) gives each
// tract's local board, blank for none; without one Board is nil; a value
// that cannot be a PIRL 108A code stops the read with file:line.
func TestReadBoard(t *testing.T) {
	const head = "GEOID,B17001_001E,B17001_002E"
	for _, c := range []struct {
		name, csv string
		cols      map[string]string
		want      []string
	}{
		{"board", head + ",board\n13067030101,100,10,13100\n13121000100,200,50, \n", nil, []string{"13100", ""}},
		{"Local_Board", head + ",Local_Board\n13067030101,100,10,Cobb 1\n", nil, []string{"Cobb 1"}},
		{"lwdb", head + ",LWDB\n13067030101,100,10,13100\n", nil, []string{"13100"}},
		{"option", head + ",wda\n13067030101,100,10,13101\n", map[string]string{RoleBoard: "WDA"}, []string{"13101"}},
		{"none", head + "\n13067030101,100,10\n", nil, nil},
	} {
		tab, err := ReadFrom(strings.NewReader(c.csv), "t.csv", Options{Columns: c.cols})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if strings.Join(tab.Board, "|") != strings.Join(c.want, "|") || (tab.Board == nil) != (c.want == nil) {
			t.Errorf("%s: boards %q, want %q", c.name, tab.Board, c.want)
		}
	}
	for _, bad := range []string{strings.Repeat("9", MaxBoardLen+1), "13\x01100"} {
		_, err := ReadFrom(strings.NewReader(head+",board\n13067030101,100,10,13100\n13121000100,200,50,"+bad+"\n"), "t.csv", Options{})
		if err == nil || !strings.Contains(err.Error(), "t.csv:3:") || !strings.Contains(err.Error(), "local board code") {
			t.Errorf("board %q: %v", bad, err)
		}
	}
}
