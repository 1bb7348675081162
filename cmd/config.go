package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/internal/sizelimit"
	"github.com/wioa-equity/wioa/reports"
)

// fileConfig is the YAML configuration file (wioa.yaml). Every key is
// optional; absent keys keep their defaults. The effective configuration is
// echoed in report.md in this same form.
type fileConfig struct {
	Confidence       *float64           `yaml:"confidence,omitempty"`
	Alpha            *float64           `yaml:"alpha,omitempty"`
	MinCell          *int               `yaml:"min_cell,omitempty"`
	MinDiffPP        *float64           `yaml:"min_difference_pp,omitempty"`
	RatioBand        []float64          `yaml:"ratio_band,omitempty"`
	MinWageGapPct    *float64           `yaml:"min_wage_gap_pct,omitempty"`
	NotYetShare      *float64           `yaml:"not_yet_reported_share,omitempty"` // METHODS §2.9
	PAdjust          *string            `yaml:"p_adjust,omitempty"`
	Seed             *uint64            `yaml:"seed,omitempty"`
	Bootstrap        *int               `yaml:"bootstrap,omitempty"`
	OaxacaBootstrap  *int               `yaml:"oaxaca_bootstrap,omitempty"`
	OaxacaMaxN       *int               `yaml:"oaxaca_bootstrap_max_n,omitempty"`
	BootstrapMaxN    *int               `yaml:"bootstrap_max_n,omitempty"`
	PovertyThreshold *float64           `yaml:"poverty_threshold,omitempty"`
	Neediest         *neediestConfig    `yaml:"neediest,omitempty"`
	References       *referenceConfig   `yaml:"reference_groups,omitempty"`
	Exclude923       []int              `yaml:"exclude_923_codes,omitempty"`
	Exclude923Youth  []int              `yaml:"exclude_923_codes_youth,omitempty"`
	Barriers         []string           `yaml:"barriers,omitempty"`
	HDClusters       []measures.Cluster `yaml:"hd_clusters,omitempty"`
	Columns          map[string]string  `yaml:"columns,omitempty"`
	TractColumns     map[string]string  `yaml:"tract_columns,omitempty"`
	// Boards names local boards by PIRL 108A code for report --by-board
	// (over the file's LOCAL_BOARD_NAME; METHODS §3.10).
	Boards map[string]string `yaml:"boards,omitempty"`
	// BoardCounties gives boards their counties (5-digit FIPS) for
	// poverty-participation by board (METHODS §3.10).
	BoardCounties map[string][]string `yaml:"board_counties,omitempty"`
	// Strategies replace the three of "What to do first" (texts and which
	// disparities' findings bear on each).
	Strategies []reports.Strategy `yaml:"strategies,omitempty"`
}

type referenceConfig struct {
	Sex       *string `yaml:"sex,omitempty"`
	Education *string `yaml:"education,omitempty"`
}

type neediestConfig struct {
	MinOtherBarriers *int `yaml:"low_income_plus_other_barriers,omitempty"`
}

// settings is the resolved configuration of a run.
type settings struct {
	cfg          disparities.Config
	columns      map[pirl.Field]string
	tractColumns map[string]string
	// strategies are the configured "What to do first" strategies (nil:
	// reports.DefaultStrategies).
	strategies []reports.Strategy
}

func defaultSettings() settings {
	return settings{cfg: disparities.DefaultConfig()}
}

// loadConfig applies a YAML file over s. Unknown keys are errors (a typo
// must not pass silently); YAML errors name the file and line; a file over
// sizelimit.Config (16 MB), or a value outside its documented range (see
// disparities.Config.Validate), is an error naming the file and the key.
func (s *settings) loadConfig(path string) error {
	b, err := sizelimit.ReadFile(path, sizelimit.Config)
	if err != nil {
		return err
	}
	return s.parseConfig(b, path)
}

// parseConfig applies the YAML configuration b (read from name) over s.
func (s *settings) parseConfig(b []byte, name string) error {
	if err := s.applyConfig(b, name); err != nil {
		return err
	}
	if err := s.cfg.Validate(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

func (s *settings) applyConfig(b []byte, path string) error {
	var fc fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	c := &s.cfg
	set := func(dst *float64, v *float64) {
		if v != nil {
			*dst = *v
		}
	}
	set(&c.Conf, fc.Confidence)
	set(&c.Alpha, fc.Alpha)
	if fc.MinCell != nil {
		c.MinCell = *fc.MinCell
	}
	if fc.MinDiffPP != nil {
		c.MinDiff = *fc.MinDiffPP / 100
	}
	if fc.RatioBand != nil {
		if len(fc.RatioBand) != 2 {
			return fmt.Errorf("%s: ratio_band needs two numbers, e.g. [0.8, 1.25]", path)
		}
		c.RatioLow, c.RatioHigh = fc.RatioBand[0], fc.RatioBand[1]
	}
	if fc.MinWageGapPct != nil {
		c.MinMoneyGap = *fc.MinWageGapPct / 100
	}
	if fc.NotYetShare != nil {
		c.NotYetShare = *fc.NotYetShare
	}
	if fc.PAdjust != nil {
		c.Adjust = strings.ToLower(*fc.PAdjust)
	}
	if fc.Seed != nil {
		c.Seed = *fc.Seed
	}
	if fc.Bootstrap != nil {
		c.Bootstrap = *fc.Bootstrap
	}
	if fc.OaxacaBootstrap != nil {
		c.OaxacaBootstrap = *fc.OaxacaBootstrap
	}
	if fc.BootstrapMaxN != nil {
		c.BootstrapMaxN = *fc.BootstrapMaxN
	}
	if fc.OaxacaMaxN != nil {
		c.OaxacaBootstrapMaxN = *fc.OaxacaMaxN
	}
	set(&c.Measures.PovertyThreshold, fc.PovertyThreshold)
	if fc.Neediest != nil && fc.Neediest.MinOtherBarriers != nil {
		c.Measures.NeediestMinOtherBarriers = *fc.Neediest.MinOtherBarriers
	}
	if r := fc.References; r != nil {
		if r.Sex != nil {
			c.SexReference = *r.Sex
		}
		if r.Education != nil {
			c.EducationReference = *r.Education
		}
	}
	if fc.Exclude923 != nil {
		c.Measures.ExcludeCodes = fc.Exclude923
	}
	if fc.Exclude923Youth != nil {
		c.Measures.ExcludeCodesYouth = fc.Exclude923Youth
	}
	if fc.Barriers != nil {
		bs, err := measures.ParseBarriers(fc.Barriers)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		c.Measures.Barriers = bs
	}
	if fc.HDClusters != nil {
		c.Measures.Clusters = fc.HDClusters
	}
	if len(fc.Columns) > 0 {
		if s.columns == nil {
			s.columns = map[pirl.Field]string{}
		}
		for k, v := range fc.Columns {
			f, ok := fieldByKey(k)
			if !ok {
				return fmt.Errorf("%s: columns: %q is not a PIRL element this tool reads (use a number such as 201 or 108A, or tract_geoid, hourly_wage)", path, k)
			}
			s.columns[f] = v
		}
	}
	if len(fc.TractColumns) > 0 {
		s.tractColumns = fc.TractColumns
	}
	if fc.Boards != nil {
		c.BoardNames = fc.Boards // bounded by Validate
	}
	if fc.BoardCounties != nil {
		c.BoardCounties = fc.BoardCounties // bounded by Validate
	}
	if fc.Strategies != nil {
		known := func(id string) bool { _, ok := disparities.Lookup(id); return ok }
		if err := reports.ValidateStrategies(fc.Strategies, known); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		s.strategies = fc.Strategies
	}
	return nil
}

// fieldByKey finds a field by PIRL number ("201", "PIRL 108A") or extension name.
func fieldByKey(k string) (pirl.Field, bool) {
	if f, ok := pirl.MatchHeader(k); ok {
		return f, true
	}
	kk := strings.ToUpper(strings.TrimSpace(k))
	for _, e := range pirl.Elements {
		if e.Number != "" && e.Number == kk {
			return e.Field, true
		}
	}
	return 0, false
}

// effectiveYAML renders the configuration in force, in wioa.yaml form.
func (s *settings) effectiveYAML() string {
	c := &s.cfg
	minDiff, wageGap := 100*c.MinDiff, 100*c.MinMoneyGap
	fc := fileConfig{
		Confidence: &c.Conf, Alpha: &c.Alpha, MinCell: &c.MinCell, MinDiffPP: &minDiff,
		RatioBand: []float64{c.RatioLow, c.RatioHigh}, MinWageGapPct: &wageGap, NotYetShare: &c.NotYetShare, PAdjust: &c.Adjust,
		Seed: &c.Seed, Bootstrap: &c.Bootstrap, OaxacaBootstrap: &c.OaxacaBootstrap, OaxacaMaxN: &c.OaxacaBootstrapMaxN, BootstrapMaxN: &c.BootstrapMaxN,
		PovertyThreshold: &c.Measures.PovertyThreshold,
		Neediest:         &neediestConfig{MinOtherBarriers: &c.Measures.NeediestMinOtherBarriers},
		References:       &referenceConfig{Sex: &c.SexReference, Education: &c.EducationReference},
		Exclude923:       c.Measures.ExcludeCodes, Exclude923Youth: c.Measures.ExcludeCodesYouth,
		Barriers: barrierNumbers(c.Measures.BarrierList()), HDClusters: c.Measures.Clusters,
		TractColumns: s.tractColumns, Strategies: s.strategies, Boards: c.BoardNames, BoardCounties: c.BoardCounties,
	}
	if len(s.columns) > 0 {
		fc.Columns = map[string]string{}
		for f, h := range s.columns {
			key := pirl.Elements[f].Number
			if key == "" {
				key = pirl.Elements[f].Name
			}
			fc.Columns[key] = h
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(fc) // encoding plain structs cannot fail
	return b.String()
}

// barrierNumbers spells the barrier list as PIRL numbers, as wioa.yaml lists it.
func barrierNumbers(fs []pirl.Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = pirl.Elements[f].Number
	}
	return out
}
