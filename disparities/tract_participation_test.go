package disparities_test

import (
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/tracts"
	"github.com/wioa-equity/wioa/disparities"
)

// Participants by tract, as the map shows them: distinct people (two
// periods of one person count once), a record without an identifier as a
// person, non-participants left out, small tracts suppressed.
func TestTractParticipants(t *testing.T) {
	const file = `PIRL 100,PIRL 201,PIRL 900,PIRL 901,PIRL 903,tract_geoid
A1,1,20220110,20220601,1,13121000100
A1,1,20220801,20221101,1,13121000100
B2,2,20220301,20220901,1,13121000100
,2,20220301,20220901,1,13121000200
C3,1,20220301,20220901,0,13121000200
`
	const tractFile = `GEOID,B17001_001E,B17001_002E
13121000100,1000,300
13121000200,2000,200
13121000300,500,100
`
	data, err := pirl.ReadFrom(strings.NewReader(file), "p.csv", pirl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tab, err := tracts.ReadFrom(strings.NewReader(tractFile), "t.csv", tracts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := disparities.DefaultConfig()
	cfg.MinCell = 2
	der := measures.Derive(data, tab, cfg.Measures)
	got := disparities.TractParticipants(&disparities.Input{Data: data, D: der, Tracts: tab, Cfg: &cfg})
	want := []disparities.TractParticipation{
		{GEOID: 13121000100, Participants: 2, Below: 300, HighPoverty: true},
		{GEOID: 13121000200, Participants: 1, Below: 200, Suppressed: true},
		{GEOID: 13121000300, Participants: 0, Below: 100, HighPoverty: true, Suppressed: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d tracts, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tract %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if disparities.TractParticipants(&disparities.Input{Data: data, D: der, Cfg: &cfg}) != nil {
		t.Error("counts without a tract file")
	}
}
