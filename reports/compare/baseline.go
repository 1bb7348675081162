// Package compare checks recomputed results against published numbers
// (baselines), compares two runs, and tabulates and plots a series of runs
// over time. It works on reports.Results, so a recomputed run and a
// results.json written earlier are treated the same way. Nothing here
// recomputes a disparity; the only statistic is the test of whether a rate
// changed between two runs (analysis/stats).
package compare

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// BaselineFormat is the optional "format" value of a baseline file.
const BaselineFormat = "wioa-baseline/1"

// DefaultTolerance applies when a baseline sets none: a change is drift when
// |now − published| > max(0.0005, 0.001 × |published|). For rates (stored as
// proportions) 0.0005 is 0.05 percentage points, half the 0.1 pp a report
// publishes; for dollars 0.1 % is about two cents on an hourly wage.
var DefaultTolerance = Tolerance{Abs: 0.0005, Rel: 0.001}

// Baseline is a list of published numbers to recheck (wioa check --baseline).
type Baseline struct {
	// Name is the file the baseline was read from, for messages.
	Name   string `yaml:"-"`
	Format string `yaml:"format,omitempty"`
	// Source says which data the numbers were published from; when set,
	// Check compares it with the run's provenance.
	Source *Source `yaml:"source,omitempty"`
	// OnOtherData is "error" (the default: the check stops, exit 2) or
	// "warn" (the check goes on, with a warning) when the run read other data
	// than Source names.
	OnOtherData string `yaml:"on_other_data,omitempty"`
	// Tolerance is the default for entries that set none.
	Tolerance *Tolerance `yaml:"tolerance,omitempty"`
	Entries   []Entry    `yaml:"entries"`
}

// Source identifies the data a baseline was published from. Empty fields
// are not checked.
type Source struct {
	Input        string `yaml:"input,omitempty"`
	InputSHA256  string `yaml:"input_sha256,omitempty"`
	Tracts       string `yaml:"tracts,omitempty"`
	TractsSHA256 string `yaml:"tracts_sha256,omitempty"`
	ExitWindow   string `yaml:"exit_window,omitempty"`
	ToolVersion  string `yaml:"tool_version,omitempty"`
	// Board and Programs are the run's --board codes and --program names,
	// comma-separated (METHODS §3). Unlike the fields above they are always
	// checked: absent means every board (program), so a baseline of the
	// whole region refuses a one-board run and the reverse.
	Board    string `yaml:"board,omitempty"`
	Programs string `yaml:"programs,omitempty"`
}

// Tolerance says how far a recomputed number may move from the published
// one: it is within tolerance when |now − published| ≤ max(Abs, Rel·|published|).
type Tolerance struct {
	Abs float64 `yaml:"abs,omitempty"`
	Rel float64 `yaml:"rel,omitempty"`
}

// Allowed returns the largest allowed |now − published|.
func (t Tolerance) Allowed(published float64) float64 {
	return math.Max(t.Abs, t.Rel*math.Abs(published))
}

func (t Tolerance) String() string {
	switch {
	case t.Abs > 0 && t.Rel > 0:
		return "abs " + fnum(t.Abs) + " or rel " + fnum(t.Rel)
	case t.Rel > 0:
		return "rel " + fnum(t.Rel)
	default:
		return "abs " + fnum(t.Abs)
	}
}

// Entry is one published number: the row (disparity, measure, group,
// reference), which of its fields, and the published value.
type Entry struct {
	Disparity string
	Measure   string
	Group     string
	// Reference is nil when the entry leaves it out; it must then match one
	// row only.
	Reference *string
	// Field is one of Fields; "value" when left out.
	Field string
	// Published is the number, or for the flagged and suppressed fields 1 for
	// true and 0 for false.
	Published float64
	Tolerance *Tolerance
	// Line is the entry's line in the baseline file.
	Line int
}

// Fields are the row fields a baseline entry can name.
var Fields = []string{"value", "n", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high",
	"ratio", "p_value", "p_adjusted", "flagged", "suppressed"}

func boolField(f string) bool { return f == "flagged" || f == "suppressed" }

// ID renders the entry as a row id ("disparity / measure / group vs reference").
func (e *Entry) ID() string {
	s := e.Disparity + " / " + e.Measure + " / " + e.Group
	if e.Reference != nil && *e.Reference != "" {
		s += " vs " + *e.Reference
	}
	return s
}

var entryKeys = map[string]bool{"disparity": true, "measure": true, "group": true, "reference": true,
	"field": true, "published": true, "tolerance": true}

// UnmarshalYAML reads an entry, refusing unknown keys (a typo must not pass
// silently) and checking the published value's type against the field.
func (e *Entry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: an entry must be a mapping (disparity:, measure:, group:, published: …)", n.Line)
	}
	e.Line = n.Line
	var pub *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !entryKeys[k.Value] {
			return fmt.Errorf("line %d: unknown key %q in entry (known: disparity, measure, group, reference, field, published, tolerance)", k.Line, k.Value)
		}
		var err error
		switch k.Value {
		case "disparity":
			err = v.Decode(&e.Disparity)
		case "measure":
			err = v.Decode(&e.Measure)
		case "group":
			err = v.Decode(&e.Group)
		case "reference":
			var s string
			err = v.Decode(&s)
			e.Reference = &s
		case "field":
			err = v.Decode(&e.Field)
		case "published":
			pub = v
		case "tolerance":
			e.Tolerance = &Tolerance{}
			err = v.Decode(e.Tolerance)
		}
		if err != nil {
			return err
		}
	}
	if e.Disparity == "" || e.Measure == "" || e.Group == "" {
		return fmt.Errorf("line %d: entry needs disparity, measure and group", n.Line)
	}
	if e.Field == "" {
		e.Field = "value"
	}
	known := false
	for _, f := range Fields {
		known = known || f == e.Field
	}
	if !known {
		return fmt.Errorf("line %d: field %q is not one of %s", n.Line, e.Field, strings.Join(Fields, ", "))
	}
	if pub == nil {
		return fmt.Errorf("line %d: entry %s has no published value", n.Line, e.ID())
	}
	if boolField(e.Field) {
		var b bool
		if pub.Kind != yaml.ScalarNode || pub.Tag != "!!bool" || pub.Decode(&b) != nil {
			return fmt.Errorf("line %d: published %s must be true or false, not %q", pub.Line, e.Field, pub.Value)
		}
		if b {
			e.Published = 1
		}
		return nil
	}
	if pub.Kind != yaml.ScalarNode || (pub.Tag != "!!int" && pub.Tag != "!!float") || pub.Decode(&e.Published) != nil ||
		math.IsNaN(e.Published) || math.IsInf(e.Published, 0) {
		return fmt.Errorf("line %d: published %s must be a finite number, not %q", pub.Line, e.Field, pub.Value)
	}
	return nil
}

// UnmarshalYAML reads {abs: x, rel: y}; either may be left out but not both,
// and neither may be negative.
func (t *Tolerance) UnmarshalYAML(n *yaml.Node) error {
	var raw struct {
		Abs *float64 `yaml:"abs"`
		Rel *float64 `yaml:"rel"`
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: tolerance must be a mapping such as {abs: 0.001} or {rel: 0.01}", n.Line)
	}
	for i := 0; i < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k != "abs" && k != "rel" {
			return fmt.Errorf("line %d: unknown tolerance key %q (use abs and/or rel)", n.Content[i].Line, k)
		}
	}
	if err := n.Decode(&raw); err != nil {
		return err
	}
	if raw.Abs == nil && raw.Rel == nil {
		return fmt.Errorf("line %d: tolerance needs abs or rel", n.Line)
	}
	if raw.Abs != nil {
		t.Abs = *raw.Abs
	}
	if raw.Rel != nil {
		t.Rel = *raw.Rel
	}
	if !(t.Abs >= 0) || !(t.Rel >= 0) || math.IsInf(t.Abs, 0) || math.IsInf(t.Rel, 0) {
		return fmt.Errorf("line %d: tolerance must be finite and not negative", n.Line)
	}
	return nil
}

var yamlLineRE = regexp.MustCompile(`(?:^|\n)\s*(?:yaml: )?line (\d+): `)

// ReadBaseline reads and parses the baseline file at path, of at most
// sizelimit.Baseline (64 MB); a bigger file, or an endless one such as
// /dev/zero, fails naming the file and the limit.
func ReadBaseline(path string) (*Baseline, error) {
	b, err := sizelimit.ReadFile(path, sizelimit.Baseline)
	if err != nil {
		return nil, err
	}
	return ParseBaseline(b, path)
}

// ParseBaseline reads a baseline; errors name the file and line
// ("published.yaml:12: …").
func ParseBaseline(b []byte, name string) (*Baseline, error) {
	var bl Baseline
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&bl); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty baseline (it needs an entries: list)", name)
		}
		return nil, yamlError(name, err)
	}
	bl.Name = name
	if bl.Format != "" && bl.Format != BaselineFormat {
		return nil, fmt.Errorf("%s: baseline format %q; this version of wioa reads %q", name, bl.Format, BaselineFormat)
	}
	switch bl.OnOtherData {
	case "":
		bl.OnOtherData = "error"
	case "error", "warn":
	default:
		return nil, fmt.Errorf("%s: on_other_data: %q must be error or warn", name, bl.OnOtherData)
	}
	if len(bl.Entries) == 0 {
		return nil, fmt.Errorf("%s: the baseline has no entries", name)
	}
	seen := map[string]int{}
	for _, e := range bl.Entries {
		k := e.ID() + " | " + e.Field
		if l, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s:%d: entry repeats line %d (%s, %s)", name, e.Line, l, e.ID(), e.Field)
		}
		seen[k] = e.Line
	}
	return &bl, nil
}

// yamlError rewrites yaml.v3's "yaml: line 5: …" as "name:5: …", one error
// per line when the decoder reports several.
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:")
	var out []string
	locs := yamlLineRE.FindAllStringSubmatchIndex(msg, -1)
	if len(locs) == 0 {
		return fmt.Errorf("%s: %s", name, strings.TrimSpace(msg))
	}
	for i, l := range locs {
		end := len(msg)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		out = append(out, fmt.Sprintf("%s:%s: %s", name, msg[l[2]:l[3]], strings.TrimSpace(msg[l[1]:end])))
	}
	return errors.New(strings.Join(out, "\n"))
}

// fnum renders a number as short as it reads exactly.
func fnum(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
