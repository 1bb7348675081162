package measures

import (
	"strconv"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// TestEducationGroup: 408 = 0 (or 407 < 12 when 408 is blank) → less than
// HS; 1–3 HS; 4–5 some postsecondary; 6 associate; 7–8 bachelor's or higher.
func TestEducationGroup(t *testing.T) {
	tests := []struct {
		level, grade string
		want         int8
	}{
		{"0", "", EduLessHS},
		{"1", "", EduHS},
		{"2", "", EduHS},
		{"3", "", EduHS},
		{"4", "", EduSomePost},
		{"5", "", EduSomePost},
		{"6", "", EduAssociate},
		{"7", "", EduBachelor},
		{"8", "", EduBachelor},
		{"", "0", EduLessHS},
		{"", "8", EduLessHS},
		{"", "11", EduLessHS},
		{"", "12", EduUnknown}, // 12th grade completed says nothing of a diploma
		{"", "", EduUnknown},
		{"1", "10", EduHS}, // 408 wins over 407
		{"0", "12", EduLessHS},
		{"7", "12", EduBachelor},
	}
	for _, tt := range tests {
		t.Run("408="+tt.level+",407="+tt.grade, func(t *testing.T) {
			v := derive1(t, cohortRow.With(row{pirl.FieldEduLevel: tt.level, pirl.FieldGrade: tt.grade}), DefaultOptions())
			if v.Edu[0] != tt.want {
				t.Errorf("Edu = %d, want %d", v.Edu[0], tt.want)
			}
		})
	}
	// Without either column nobody has a group.
	if v := derive1(t, cohortRow, DefaultOptions()); v.Edu[0] != EduUnknown {
		t.Errorf("no 407/408: Edu = %d, want EduUnknown", v.Edu[0])
	}
	if len(EduNames) != NumEdu || EduBachelor != int8(NumEdu-1) || EduLessHS != 0 {
		t.Errorf("education groups are not 0..%d", NumEdu-1)
	}
}

// TestBarrierCount: each yes among the barriers of WIOA sec. 3(24) as the
// PIRL records them — 402, 600, 601, 602 (1–6), 603, 704, 800, 801, 802, 803,
// 804, 805, 806, 807, 808 (1–5: seasonal or migrant farmworker adult, MSFW
// youth, dependent adult or youth, per the PY2022 layout) and 202 — counts
// once; 0, 9 (unknown; for 601 "not applicable") and blank never count.
func TestBarrierCount(t *testing.T) {
	fields := BarrierFields()
	if len(fields) != 16 {
		t.Fatalf("BarrierFields has %d elements, want 16", len(fields))
	}
	for _, f := range fields {
		yes := []string{"1"}
		switch f {
		case pirl.FieldSSI:
			yes = []string{"1", "2", "3", "4", "5", "6"}
		case pirl.FieldFarmworker:
			yes = []string{"1", "2", "3", "4", "5"}
		}
		for _, s := range yes {
			v := derive1(t, cohortRow.With(row{f: s}), DefaultOptions())
			if v.Barriers[0] != 1 {
				t.Errorf("%s = %s: Barriers = %d, want 1", f, s, v.Barriers[0])
			}
		}
		for _, s := range []string{"0", "9", ""} {
			v := derive1(t, cohortRow.With(row{f: s}), DefaultOptions())
			if v.Barriers[0] != 0 {
				t.Errorf("%s = %q: Barriers = %d, want 0", f, s, v.Barriers[0])
			}
		}
	}
	all := row{}
	for _, f := range fields {
		all[f] = "1"
	}
	all[pirl.FieldSSI] = "6"
	all[pirl.FieldFarmworker] = "5"
	if v := derive1(t, cohortRow.With(all), DefaultOptions()); v.Barriers[0] != 16 {
		t.Errorf("all barriers: %d, want 16", v.Barriers[0])
	}
	// A configured list counts only its elements; the neediest rule counts
	// the barriers other than low income within it.
	o := DefaultOptions()
	var err error
	if o.Barriers, err = ParseBarriers([]string{"802", "PIRL 800", "808"}); err != nil {
		t.Fatal(err)
	}
	o.NeediestMinOtherBarriers = 2
	if err := o.Validate(); err != nil {
		t.Fatal(err)
	}
	if v := derive1(t, cohortRow.With(all), o); v.Barriers[0] != 3 || !v.Neediest[0] {
		t.Errorf("list 802, 800, 808, all yes: Barriers %d Neediest %v, want 3 true", v.Barriers[0], v.Neediest[0])
	}
	o.NeediestMinOtherBarriers = 3 // only 2 others in a list of 3
	if err := o.Validate(); err == nil || !strings.Contains(err.Error(), "use 0 to 2") {
		t.Errorf("3 other barriers of a list of 3: %v", err)
	}
	o.Barriers, _ = ParseBarriers([]string{"800", "801"}) // low income not listed: both are "other"
	o.NeediestMinOtherBarriers = 1
	if v := derive1(t, cohortRow.With(row{pirl.FieldLowIncome: "1", pirl.FieldHomeless: "1"}), o); v.Barriers[0] != 1 || !v.Neediest[0] {
		t.Errorf("list 800, 801; 802 and 800 yes: Barriers %d Neediest %v, want 1 true", v.Barriers[0], v.Neediest[0])
	}
	for _, bad := range [][]string{{}, {"201"}, {"802", "802"}, {"nonsense"}} {
		if _, err := ParseBarriers(bad); err == nil {
			t.Errorf("ParseBarriers(%q) accepted", bad)
		}
	}
	// Elements that are not barriers (race, sex) never count.
	other := row{pirl.FieldBlack: "1", pirl.FieldHispanic: "1", pirl.FieldSex: "1", pirl.FieldTraining: "1"}
	if v := derive1(t, cohortRow.With(other), DefaultOptions()); v.Barriers[0] != 0 {
		t.Errorf("non-barrier elements: %d, want 0", v.Barriers[0])
	}
	// BarrierFields returns a copy.
	fields[0] = pirl.FieldSex
	if BarrierFields()[0] == pirl.FieldSex {
		t.Error("BarrierFields exposes its backing array")
	}
}

// TestNeediest: low income (802 = 1) and at least NeediestMinOtherBarriers
// other barriers.
func TestNeediest(t *testing.T) {
	tests := []struct {
		name     string
		r        row
		min      int
		low      bool
		neediest bool
	}{
		{"low income + 2 others", row{pirl.FieldLowIncome: "1", pirl.FieldHomeless: "1", pirl.FieldSSI: "4"}, 2, true, true},
		{"low income + disability + 1", row{pirl.FieldLowIncome: "1", pirl.FieldDisability: "1", pirl.FieldSNAP: "1"}, 2, true, true},
		{"low income + 1 other", row{pirl.FieldLowIncome: "1", pirl.FieldHomeless: "1"}, 2, true, false},
		{"low income + 1 other + unknowns", row{pirl.FieldLowIncome: "1", pirl.FieldHomeless: "1", pirl.FieldTANF: "9", pirl.FieldSSI: "9"}, 2, true, false},
		{"low income alone", row{pirl.FieldLowIncome: "1"}, 2, true, false},
		{"not low income, 3 others", row{pirl.FieldLowIncome: "0", pirl.FieldHomeless: "1", pirl.FieldTANF: "1", pirl.FieldExOffender: "1"}, 2, false, false},
		{"low income unknown, 3 others", row{pirl.FieldLowIncome: "9", pirl.FieldHomeless: "1", pirl.FieldTANF: "1", pirl.FieldExOffender: "1"}, 2, false, false},
		{"rule 0: low income alone", row{pirl.FieldLowIncome: "1"}, 0, true, true},
		{"rule 0: not low income", row{pirl.FieldLowIncome: "0"}, 0, false, false},
		{"rule 3: low income + 2 others", row{pirl.FieldLowIncome: "1", pirl.FieldHomeless: "1", pirl.FieldSSI: "4"}, 3, true, false},
		{"rule 3: low income + 3 others", row{pirl.FieldLowIncome: "1", pirl.FieldHomeless: "1", pirl.FieldSSI: "4", pirl.FieldBasicSkills: "1"}, 3, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.NeediestMinOtherBarriers = tt.min
			v := derive1(t, cohortRow.With(tt.r), o)
			if v.LowIncome[0] != tt.low || v.Neediest[0] != tt.neediest {
				t.Errorf("LowIncome, Neediest = %v, %v; want %v, %v", v.LowIncome[0], v.Neediest[0], tt.low, tt.neediest)
			}
		})
	}
}

// TestCluster: HD cluster of a trainee from 1306 by SOC prefix, the longest
// matching prefix winning; non-HD trainees 0; non-trainees and trainees with
// no code NA.
func TestCluster(t *testing.T) {
	const (
		health = 1 + iota
		it
		tdl
		manuf
	)
	tests := []struct {
		train, code string
		want        int8
	}{
		{"1", "29-1141", health},
		{"1", "291141", health},
		{"1", "29-1141.00", health}, // O*NET-SOC
		{"1", "31-9092", health},
		{"1", "31", health}, // public file rolled up to the major group
		{"1", "15-1252", it},
		{"1", "15-1132", it},
		{"1", "15-1211.00", it},
		{"1", "15-2031", 0}, // operations research: not 15-11/15-12
		{"1", "15", 0},      // rolled up too far to tell
		{"1", "53-3032", tdl},
		{"1", "43-5071", tdl},
		{"1", "435071", tdl},
		{"1", "43-4051", 0}, // customer service: 43-4, not 43-5
		{"1", "43", 0},
		{"1", "51-4121", manuf},
		{"1", "11-1021", 0},
		{"1", "", NA},
		{"0", "29-1141", NA},
		{"", "29-1141", NA},
	}
	for _, tt := range tests {
		t.Run("1300="+tt.train+",1306="+tt.code, func(t *testing.T) {
			v := derive1(t, cohortRow.With(row{pirl.FieldTraining: tt.train, pirl.FieldTrainCode1: tt.code}), DefaultOptions())
			if v.Cluster[0] != tt.want {
				t.Errorf("Cluster = %d, want %d", v.Cluster[0], tt.want)
			}
		})
	}

	// The longest prefix wins whatever the order of the clusters.
	clusters := [][]Cluster{
		{{Name: "Office", Prefixes: []string{"43-"}}, {Name: "Logistics", Prefixes: []string{"43-5"}}},
		{{Name: "Logistics", Prefixes: []string{"43-5"}}, {Name: "Office", Prefixes: []string{"43-"}}},
	}
	for k, cs := range clusters {
		o := DefaultOptions()
		o.Clusters = cs
		rows := []row{
			cohortRow.With(row{pirl.FieldTraining: "1", pirl.FieldTrainCode1: "43-5071"}),
			cohortRow.With(row{pirl.FieldTraining: "1", pirl.FieldTrainCode1: "43-4051"}),
			cohortRow.With(row{pirl.FieldTraining: "1", pirl.FieldTrainCode1: "53-3032"}),
		}
		v := Derive(build(t, rows...), nil, o)
		got := []string{name(cs, v.Cluster[0]), name(cs, v.Cluster[1]), name(cs, v.Cluster[2])}
		want := []string{"Logistics", "Office", "non-HD"}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("order %d: %s → %s, want %s", k, rows[i][pirl.FieldTrainCode1], got[i], want[i])
			}
		}
	}

	// Only the first training code (1306) decides.
	v := derive1(t, cohortRow.With(row{pirl.FieldTraining: "1", pirl.FieldTrainCode1: "11-1021", pirl.FieldTrainCode2: "29-1141"}), DefaultOptions())
	if v.Cluster[0] != 0 {
		t.Errorf("1306 non-HD, 1311 health: Cluster = %d, want 0", v.Cluster[0])
	}
}

func name(cs []Cluster, c int8) string {
	switch {
	case c == NA:
		return "NA"
	case c == 0:
		return "non-HD"
	case int(c) <= len(cs):
		return cs[c-1].Name
	}
	return "cluster " + strconv.Itoa(int(c))
}

// TestTracts: high-poverty at a rate at or above the threshold; tracts with
// no GEOID or not in the tract file are counted among active participants.
func TestTracts(t *testing.T) {
	const (
		atThreshold = 13121000100 // 200 of 1,000 in poverty: exactly 20 %
		justBelow   = 13121000200 // 199.99 of 1,000
		high        = 13089020100 // 35 %
		noUniverse  = 13089020200 // poverty universe 0: rate unknown
		notInFile   = 13063040300
	)
	lookup := new(fakeTracts).add(atThreshold, 200, 1000).add(justBelow, 199.99, 1000).
		add(high, 350, 1000).add(noUniverse, 0, 0)
	g := func(x uint64) string { return strconv.FormatUint(x, 10) }
	rows := []row{
		cohortRow.With(row{pirl.FieldTract: g(atThreshold)}),
		cohortRow.With(row{pirl.FieldTract: g(justBelow)}),
		cohortRow.With(row{pirl.FieldTract: "1400000US" + g(high)}),
		cohortRow.With(row{pirl.FieldTract: g(noUniverse)}),
		cohortRow.With(row{pirl.FieldTract: g(notInFile)}),
		cohortRow.With(row{pirl.FieldTract: ""}),
		cohortRow.With(row{pirl.FieldTract: "", pirl.FieldAdult: "4"}),                                   // reportable: not counted
		cohortRow.With(row{pirl.FieldTract: g(notInFile), pirl.FieldExit: "2020-01-01"}),                 // inactive: not counted
		cohortRow.With(row{pirl.FieldTract: g(atThreshold), pirl.FieldExit: ""}),                         // active, not exited
		cohortRow.With(row{pirl.FieldTract: "", pirl.FieldExit: ""}),                                     // active, unknown
		cohortRow.With(row{pirl.FieldTract: g(high), pirl.FieldEntry: "2025-01-01", pirl.FieldExit: ""}), // inactive
	}
	o := window(t, "2024-01-01", "2024-12-31")
	v := Derive(build(t, rows...), lookup, o)
	if !v.HasTracts {
		t.Fatal("HasTracts = false")
	}
	wantTract := []int32{0, 1, 2, 3, -1, -1, -1, -1, 0, -1, 2}
	wantHigh := []int8{Yes, No, Yes, NA, NA, NA, NA, NA, Yes, NA, Yes}
	for i := range rows {
		if v.Tract[i] != wantTract[i] || v.HighPov[i] != wantHigh[i] {
			t.Errorf("row %d (%q): Tract, HighPov = %d, %s; want %d, %s", i, rows[i][pirl.FieldTract],
				v.Tract[i], triName(v.HighPov[i]), wantTract[i], triName(wantHigh[i]))
		}
	}
	if v.Counts.TractUnknown != 2 || v.Counts.TractNotInTable != 1 {
		t.Errorf("TractUnknown, TractNotInTable = %d, %d; want 2, 1", v.Counts.TractUnknown, v.Counts.TractNotInTable)
	}
	if lookup.lookups != 5 {
		t.Errorf("%d lookups for 5 distinct GEOIDs: not cached", lookup.lookups)
	}

	// The threshold is an option: at 25 % only the 35 % tract is high-poverty.
	o.PovertyThreshold = 0.25
	v = Derive(build(t, rows...), new(fakeTracts).add(atThreshold, 200, 1000).add(justBelow, 199.99, 1000).
		add(high, 350, 1000).add(noUniverse, 0, 0), o)
	if v.HighPov[0] != No || v.HighPov[2] != Yes {
		t.Errorf("threshold 25 %%: HighPov = %s, %s; want No, Yes", triName(v.HighPov[0]), triName(v.HighPov[2]))
	}

	// No tract file, or no tract column: nothing is known and nothing counted.
	for name, v := range map[string]*Derived{
		"no tract file":   Derive(build(t, rows...), nil, DefaultOptions()),
		"no tract column": Derive(build(t, cohortRow, cohortRow), lookup, DefaultOptions()),
	} {
		if v.HasTracts || v.Counts.TractUnknown != 0 || v.Counts.TractNotInTable != 0 {
			t.Errorf("%s: HasTracts %v, counts %d, %d", name, v.HasTracts, v.Counts.TractUnknown, v.Counts.TractNotInTable)
		}
		for i := range v.HighPov {
			if v.HighPov[i] != NA || v.Tract[i] != -1 {
				t.Errorf("%s: row %d: Tract %d HighPov %s; want -1, NA", name, i, v.Tract[i], triName(v.HighPov[i]))
			}
		}
	}
}

// TestAgeBand: completed years at program entry; the birthday counts on the day itself.
func TestAgeBand(t *testing.T) {
	tests := []struct {
		birth, entry string
		want         int8
	}{
		{"2000-03-15", "2025-03-14", 0}, // 24: birthday is the day after entry
		{"2000-03-15", "2025-03-15", 1}, // 25 on the day
		{"1990-03-15", "2025-03-14", 1},
		{"1990-03-15", "2025-03-15", 2},
		{"1980-03-15", "2025-03-14", 2},
		{"1980-03-15", "2025-03-15", 3},
		{"1970-03-15", "2025-03-14", 3},
		{"1970-03-15", "2025-03-15", 4},
		{"1940-01-01", "2025-03-15", 4},
		{"2008-06-30", "2025-03-15", 0},
		{"2000-12-31", "2026-01-01", 1},  // year boundary
		{"2000-02-29", "2025-02-28", 0},  // leap-day birthday, not yet 25
		{"2000-02-29", "2025-03-01", 1},  // 25 from March 1 in common years
		{"2000-02-29", "2024-02-29", 0},  // 24 on the leap day itself
		{"2025-03-16", "2025-03-15", NA}, // born after entry
		{"", "2025-03-15", NA},
		{"2000-03-15", "", NA},
	}
	for _, tt := range tests {
		t.Run(tt.birth+"→"+tt.entry, func(t *testing.T) {
			v := derive1(t, cohortRow.With(row{pirl.FieldBirthDate: tt.birth, pirl.FieldEntry: tt.entry}), DefaultOptions())
			if v.AgeBand[0] != tt.want {
				t.Errorf("AgeBand = %d, want %d", v.AgeBand[0], tt.want)
			}
		})
	}
	if len(AgeBandNames) != 5 {
		t.Errorf("AgeBandNames has %d bands, want 5", len(AgeBandNames))
	}
}

// TestSexAndSupport: 201 = 1 men, 2 women, 9 and blank unknown; supportive
// services = 1409 holds a date.
func TestSexAndSupport(t *testing.T) {
	tests := []struct {
		sex, support string
		wantSex      int8
		wantSupport  bool
	}{
		{"1", "2023-05-01", SexMan, true},
		{"2", "", SexWoman, false},
		{"9", "2024-01-15", SexUnknown, true},
		{"", "", SexUnknown, false},
	}
	for _, tt := range tests {
		v := derive1(t, cohortRow.With(row{pirl.FieldSex: tt.sex, pirl.FieldSupportDate: tt.support}), DefaultOptions())
		if v.Sex[0] != tt.wantSex || v.Support[0] != tt.wantSupport {
			t.Errorf("201=%q 1409=%q: Sex %d Support %v; want %d %v", tt.sex, tt.support, v.Sex[0], v.Support[0], tt.wantSex, tt.wantSupport)
		}
	}
}

// TestSexEncoding: the sexes index SexNames (sex comparisons use them as
// group indices) and SexMan is 1, SexWoman 0 (the man indicator of the wage
// decomposition); unknown is negative.
func TestSexEncoding(t *testing.T) {
	if SexNames[SexWoman] != "Women" || SexNames[SexMan] != "Men" || NumSex != len(SexNames) {
		t.Errorf("SexNames %q indexed by SexWoman %d, SexMan %d", SexNames, SexWoman, SexMan)
	}
	if SexMan != 1 || SexWoman != 0 || SexUnknown >= 0 {
		t.Errorf("SexMan %d, SexWoman %d, SexUnknown %d; want 1, 0, negative", SexMan, SexWoman, SexUnknown)
	}
	for c, want := range map[int8]int8{1: SexMan, 2: SexWoman, 9: SexUnknown, 0: SexUnknown, pirl.MissingCode: SexUnknown} {
		if got := SexOf(c); got != want {
			t.Errorf("SexOf(%d) = %d, want %d", c, got, want)
		}
	}
}

// TestEmptyData: zero rows and zero columns give empty measures, no panic.
func TestEmptyData(t *testing.T) {
	v := Derive(&pirl.Data{}, nil, DefaultOptions())
	if v.N != 0 || len(v.Cohort) != 0 || v.Counts != (Counts{FirstExit: pirl.MissingDate, LastExit: pirl.MissingDate}) {
		t.Errorf("empty data: N %d, Counts %+v", v.N, v.Counts)
	}
	// Rows but no columns at all: participants (no program columns), never exited.
	v = Derive(&pirl.Data{Rows: 3}, nil, DefaultOptions())
	if v.Counts.NotExited != 3 || v.Counts.Cohort != 0 || v.Enrolled[2] != Yes || v.Edu[2] != EduUnknown {
		t.Errorf("no columns: %+v", v.Counts)
	}
}
