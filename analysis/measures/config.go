// Package measures derives the person-level measures of docs/METHODS.md §2 (cohort,
// employment, credential attainment, barriers, clusters, …) from the typed
// columns of a PIRL file, and counts every record each measure leaves out.
package measures

import (
	"fmt"
	"strings"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Cluster is a high-demand industry cluster defined by SOC-code prefixes of
// the occupational skills training code (PIRL 1306).
type Cluster struct {
	Name     string   `yaml:"name" json:"name"`
	Prefixes []string `yaml:"soc_prefixes" json:"soc_prefixes"` // e.g. "29-", "15-12"; punctuation is ignored
}

// DefaultClusters is METHODS §2's default HD-cluster mapping.
func DefaultClusters() []Cluster {
	return []Cluster{
		{Name: "Health Care", Prefixes: []string{"29-", "31-"}},
		{Name: "Information Technology", Prefixes: []string{"15-12", "15-11"}},
		{Name: "Transportation, Distribution & Logistics", Prefixes: []string{"53-", "43-5"}},
		{Name: "Advanced Manufacturing", Prefixes: []string{"51-"}},
	}
}

// Options select the cohort and set the thresholds of the derived measures.
type Options struct {
	// ExitFrom and ExitTo bound the exit cohort (inclusive day numbers);
	// pirl.MissingDate leaves that side open.
	ExitFrom, ExitTo int32
	// Q2Window and Q4Window, when set (--program-year), are the exit
	// windows of the Q2 measures and of the Q4 and credential measures
	// (WindowOf, METHODS §2.1); ExitFrom/ExitTo then bound the exits and
	// activity of the other measures. Nil: ExitFrom/ExitTo for every measure.
	Q2Window, Q4Window *Span
	// PovertyThreshold is the tract poverty rate at or above which a tract is high-poverty (0.20).
	PovertyThreshold float64
	// NeediestMinOtherBarriers: neediest = low income (802 = 1) and at least this many other barriers (2).
	NeediestMinOtherBarriers int
	Clusters                 []Cluster
	// ExcludeCodes are the PIRL 923 codes that take an exiter of any program
	// out of outcome measures (1–4, 7); ExcludeCodesYouth the further codes
	// that do so for Youth records only (5). See Exclusions.
	ExcludeCodes, ExcludeCodesYouth []int
	// Barriers are the elements counted as barriers (nil: DefaultBarrierFields).
	Barriers []pirl.Field
	// Restrict, when not nil, keeps only some boards' and programs' records
	// (--board, --program; Restriction); the others count as Restricted.
	Restrict *Restriction `yaml:"-" json:"-"`
}

// Exclusions returns the PIRL 923 rule of these options.
func (o *Options) Exclusions() Exclusions {
	return Exclusions{All: o.ExcludeCodes, Youth: o.ExcludeCodesYouth}
}

// BarrierList returns the barrier elements counted (Barriers or the default).
func (o *Options) BarrierList() []pirl.Field {
	if o.Barriers == nil {
		return DefaultBarrierFields()
	}
	return o.Barriers
}

// DefaultOptions returns METHODS' defaults with an open exit window.
func DefaultOptions() Options {
	return Options{
		ExitFrom:                 pirl.MissingDate,
		ExitTo:                   pirl.MissingDate,
		PovertyThreshold:         0.20,
		NeediestMinOtherBarriers: 2,
		Clusters:                 DefaultClusters(),
		ExcludeCodes:             DefaultExclusions().All,
		ExcludeCodesYouth:        DefaultExclusions().Youth,
		Barriers:                 DefaultBarrierFields(),
	}
}

// MaxClusterPrefixes bounds the SOC prefixes of all HD clusters together
// (there are under 900 detailed SOC occupations): each distinct training
// code is matched against every prefix.
const MaxClusterPrefixes = 2000

// Validate reports option values that make no sense or are out of their
// documented range; messages name the configuration key.
func (o *Options) Validate() error {
	if !(o.PovertyThreshold > 0 && o.PovertyThreshold < 1) { // NaN too
		return fmt.Errorf("poverty threshold (poverty_threshold, --poverty-threshold) %g is out of range: use a rate between 0 and 1 (e.g. 0.20 for 20%%)", o.PovertyThreshold)
	}
	if o.Barriers != nil {
		if _, err := ParseBarriers(barrierKeys(o.Barriers)); err != nil {
			return err
		}
	}
	// Low income is one of the barriers: at most len(barriers)-1 others.
	if maxOther := len(o.BarrierList()) - 1; o.NeediestMinOtherBarriers < 0 || o.NeediestMinOtherBarriers > maxOther {
		return fmt.Errorf("neediest rule: minimum number of other barriers (neediest: low_income_plus_other_barriers) %d is out of range: use 0 to %d", o.NeediestMinOtherBarriers, maxOther)
	}
	if o.ExitFrom != pirl.MissingDate && o.ExitTo != pirl.MissingDate && o.ExitFrom > o.ExitTo {
		return fmt.Errorf("exit window starts (%s) after it ends (%s)", pirl.FormatDate(o.ExitFrom), pirl.FormatDate(o.ExitTo))
	}
	for _, w := range []*Span{o.Q2Window, o.Q4Window} {
		if w != nil && w.From != pirl.MissingDate && w.To != pirl.MissingDate && w.From > w.To {
			return fmt.Errorf("exit window starts (%s) after it ends (%s)", pirl.FormatDate(w.From), pirl.FormatDate(w.To))
		}
	}
	if err := o.Exclusions().Validate(); err != nil {
		return err
	}
	// Derived.Cluster holds c+1 in an int8.
	if len(o.Clusters) > 126 {
		return fmt.Errorf("%d HD clusters: at most 126", len(o.Clusters))
	}
	prefixes := 0
	for _, c := range o.Clusters {
		prefixes += len(c.Prefixes)
	}
	if prefixes > MaxClusterPrefixes {
		return fmt.Errorf("HD clusters (hd_clusters): %d SOC prefixes in all; at most %d", prefixes, MaxClusterPrefixes)
	}
	names := map[string]bool{}
	owner := map[string]string{} // prefix digits → cluster, so that no code matches two clusters equally
	for _, c := range o.Clusters {
		name := strings.TrimSpace(c.Name)
		if name == "" {
			return fmt.Errorf("HD cluster with no name")
		}
		if names[name] {
			return fmt.Errorf("HD cluster %q is named twice", name)
		}
		names[name] = true
		for _, p := range c.Prefixes {
			dg := socDigits(p)
			if dg == "" {
				return fmt.Errorf("HD cluster %q: SOC prefix %q has no digits", c.Name, p)
			}
			if prev, ok := owner[dg]; ok && prev != c.Name {
				return fmt.Errorf("SOC prefix %q is in both HD cluster %q and %q", dg, prev, c.Name)
			}
			owner[dg] = c.Name
		}
	}
	return nil
}

func socDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// barrierKeys spells fields as the PIRL numbers ParseBarriers reads.
func barrierKeys(fs []pirl.Field) []string {
	k := make([]string, len(fs))
	for i, f := range fs {
		k[i] = pirl.Elements[f].Number
		if k[i] == "" {
			k[i] = pirl.Elements[f].Name
		}
	}
	return k
}
