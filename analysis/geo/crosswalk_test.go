package geo

import (
	"math"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// A HUD ZIP_TRACT file as saved to CSV from HUD's .xlsx (2020 Q4 and later
// add the USPS city and state columns); the numbers are invented.
const hudCrosswalk = `ZIP,TRACT,USPS_ZIP_PREF_CITY,USPS_ZIP_PREF_STATE,RES_RATIO,BUS_RATIO,OTH_RATIO,TOT_RATIO
30303,13121003500,ATLANTA,GA,0.6,0.5,0.2,0.55
30303,13121011900,ATLANTA,GA,0.4,0.5,0.8,0.45
30334,13121003500,ATLANTA,GA,0,1,0,0.9
30334,13121011900,ATLANTA,GA,0,0,1,0.1
501,36103158607,HOLTSVILLE,NY,0.98,1,1,1
`

func TestCrosswalkAllocate(t *testing.T) {
	c, err := ReadCrosswalkFrom(strings.NewReader(hudCrosswalk), "zip_tract.csv")
	if err != nil {
		t.Fatal(err)
	}
	if c.ZIPs() != 3 {
		t.Errorf("%d ZIPs, want 3", c.ZIPs())
	}
	// 00501 lost its leading zeros in a spreadsheet; its one ratio 0.98 is rescaled to 1.
	if sh := c.Shares(501); len(sh) != 1 || sh[0].Ratio != 1 {
		t.Errorf("ZIP 00501 shares %+v", sh)
	}
	if !strings.Contains(strings.Join(c.Warnings, "\n"), "1 ZIP codes have residential ratios summing") {
		t.Errorf("warnings %q", c.Warnings)
	}
	m := pirl.MissingInt
	a := c.Allocate([]int32{30303, 30303, 30303, 501, 30334, 99999, m})
	// Three participants in 30303: 1.8 expected in tract 3500, 1.2 in 11900.
	want := map[uint64]float64{13121003500: 1.8, 13121011900: 1.2, 36103158607: 1}
	if len(a.GEOID) != 3 {
		t.Fatalf("tracts %v", a.GEOID)
	}
	sum := 0.0
	for i, g := range a.GEOID {
		if math.Abs(a.Expected[i]-want[g]) > 1e-12 {
			t.Errorf("tract %d: expected %v, want %v", g, a.Expected[i], want[g])
		}
		sum += a.Expected[i]
	}
	if a.Allocated != 4 || math.Abs(sum-4) > 1e-12 || a.NoZIP != 1 || a.NotInCrosswalk != 1 || a.NoResidential != 1 {
		t.Errorf("allocation %+v (sum %v)", *a, sum)
	}
	if got := a.Lookup(13121011900); math.Abs(got-1.2) > 1e-12 || a.Lookup(1) != 0 {
		t.Errorf("Lookup: %v", got)
	}
}

func TestCrosswalkHeaders(t *testing.T) {
	for _, in := range []string{
		"zip\ttract\tres_ratio\n30303\t13121003500\t1\n", // HUD API field names, tab-separated
		"\ufeffZip,Tract,Res_Ratio\n30303,13121003500,1\n",
		"ZIP,GEOID,RES_RATIO\n\"30303\",\"13121003500\",\"1.0\"\n",
	} {
		c, err := ReadCrosswalkFrom(strings.NewReader(in), "x.csv")
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if sh := c.Shares(30303); len(sh) != 1 || sh[0].GEOID != 13121003500 {
			t.Errorf("%q: shares %+v", in, sh)
		}
	}
}

func TestCrosswalkBadInput(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "x.csv: empty file"},
		{"header only", "ZIP,TRACT,RES_RATIO\n", "no rows"},
		{"not a crosswalk", "ZIP,COUNTY,RES_RATIO\n30303,13121,1\n", "want columns ZIP, TRACT and RES_RATIO"},
		{"bad ZIP", "ZIP,TRACT,RES_RATIO\n303031,13121003500,1\n", `x.csv:2: column "ZIP": value "303031" is not a 5-digit ZIP code`},
		{"10-digit tract", "ZIP,TRACT,RES_RATIO\n35004,1115040100,1\n", `x.csv:2: column "TRACT": GEOID "1115040100" has 10 digits`},
		{"ratio above 1", "ZIP,TRACT,RES_RATIO\n30303,13121003500,1.5\n", `x.csv:2: column "RES_RATIO": value "1.5" is not a ratio`},
		{"ratio not a number", "ZIP,TRACT,RES_RATIO\n30303,13121003500,NaN\n", "is not a ratio"},
		{"repeat", "ZIP,TRACT,RES_RATIO\n30303,13121003500,0.5\n30303,13121003500,0.5\n", "x.csv:3: ZIP 30303 and tract 13121003500 repeat line 2"},
		{"bad quote", "ZIP,TRACT,RES_RATIO\n30303,\"13121003500,1\n", "x.csv:"},
	}
	for _, tt := range tests {
		_, err := ReadCrosswalkFrom(strings.NewReader(tt.in), "x.csv")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}
