package reports

// "What to do first" (METHODS §6): the report opens with the three
// strategies of the Atlanta regional analysis, each with the flagged
// findings that bear on it. The texts and which disparity informs which
// strategy are configuration (wioa.yaml `strategies:`), since each region
// words its own plans.

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports/md"
)

// Strategy is one course of action a board can take, and the disparities
// whose flagged findings bear on it.
type Strategy struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Action string `yaml:"action"`
	// Findings are disparity ids; each disparity informs at most one strategy.
	Findings []string `yaml:"findings"`
}

// DefaultStrategies are the three strategies of METHODS §6.
func DefaultStrategies() []Strategy {
	return []Strategy{
		{
			ID:    "participation",
			Title: "Increase participation in high-poverty neighborhoods",
			Action: "Take outreach and intake to the high-poverty tracts where participation is lowest, with partners people there already use (community organizations, libraries, housing authorities). " +
				"Make enrollment workable for people with several barriers: one intake, help with documents, and supportive services offered at the first visit.",
			Findings: []string{"poverty-participation", "neediest-enrollment"},
		},
		{
			ID:    "career-paths",
			Title: "Counsel toward career paths that lead to higher wages",
			Action: "Show every job seeker the wages and job retention of the training paths open to them, and steer toward the high-demand clusters where trainees keep training-related jobs. " +
				"Review with providers and employers why some groups earn less after the same services.",
			Findings: []string{"gender-wages", "hd-clusters", "education-level"},
		},
		{
			ID:    "credentials",
			Title: "Support job seekers to earn credentials and move up the career ladder",
			Action: "Track credential attainment by neighborhood and by group with each training provider, and pair training with supportive services (transportation, child care) so that those who start finish. " +
				"Plan the next step beyond an entry-level job with each participant before exit.",
			Findings: []string{"poverty-credential", "gender-credential", "supportive-services"},
		},
	}
}

// Bounds of a strategies configuration.
const (
	MaxStrategies     = 10
	MaxStrategyTitle  = 200  // characters
	MaxStrategyAction = 1000 // characters
)

var strategyID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// ValidateStrategies checks a strategies configuration: 1 to MaxStrategies
// strategies with distinct ids (lower-case letters, digits and dashes, at most
// 40), a title of 1 to MaxStrategyTitle characters, an action of at most
// MaxStrategyAction, and findings that are known disparity ids (known
// reports whether one is), each in at most one strategy.
func ValidateStrategies(ss []Strategy, known func(string) bool) error {
	if len(ss) == 0 || len(ss) > MaxStrategies {
		return fmt.Errorf("strategies: %d given; allowed 1 to %d", len(ss), MaxStrategies)
	}
	ids := map[string]bool{}
	owner := map[string]string{}
	for i, s := range ss {
		if !strategyID.MatchString(s.ID) {
			return fmt.Errorf("strategies[%d]: id %q must be 1 to 40 lower-case letters, digits or dashes", i, s.ID)
		}
		if ids[s.ID] {
			return fmt.Errorf("strategies[%d]: id %q is used twice", i, s.ID)
		}
		ids[s.ID] = true
		if n := utf8.RuneCountInString(s.Title); n == 0 || n > MaxStrategyTitle {
			return fmt.Errorf("strategies[%d] (%s): title has %d characters; allowed 1 to %d", i, s.ID, n, MaxStrategyTitle)
		}
		if n := utf8.RuneCountInString(s.Action); n > MaxStrategyAction {
			return fmt.Errorf("strategies[%d] (%s): action has %d characters; allowed at most %d", i, s.ID, n, MaxStrategyAction)
		}
		for _, f := range s.Findings {
			if !known(f) {
				return fmt.Errorf("strategies[%d] (%s): findings: %q is not a disparity id", i, s.ID, f)
			}
			if o, dup := owner[f]; dup {
				return fmt.Errorf("strategies[%d] (%s): findings: %q already informs strategy %q; a finding is tied to one strategy", i, s.ID, f, o)
			}
			owner[f] = s.ID
		}
	}
	return nil
}

// Todo is one strategy with the flagged findings bearing on it, in report
// order.
type Todo struct {
	Strategy Strategy
	Findings []TodoFinding
}

// TodoFinding is a flagged section under a strategy: its place in the
// report (1-based, for the link), the short finding and its lead row.
type TodoFinding struct {
	N       int
	Section *results.Section
	Short   string
	Row     *results.Row // nil when the section has no row to show
}

// Todos ties each flagged section of run to its strategy. Flagged sections
// no strategy names come last, under a strategy with an empty ID.
func (run *Run) Todos() []Todo {
	ss := run.Strategies
	if ss == nil {
		ss = DefaultStrategies()
	}
	out := make([]Todo, len(ss))
	at := map[string]int{}
	for i, s := range ss {
		out[i].Strategy = s
		for _, f := range s.Findings {
			at[f] = i
		}
	}
	var other Todo
	for i, s := range run.Sections {
		if s.Status != results.StatusFlagged {
			continue
		}
		tf := TodoFinding{N: i + 1, Section: s, Short: ShortFinding(s)}
		if l := LeadRow(s); l >= 0 {
			tf.Row = &s.Rows[l]
		}
		if k, ok := at[s.ID]; ok {
			out[k].Findings = append(out[k].Findings, tf)
		} else {
			other.Findings = append(other.Findings, tf)
		}
	}
	if len(other.Findings) > 0 {
		other.Strategy.Title = "Other flagged findings"
		out = append(out, other)
	}
	return out
}

// figure is the number a board member should remember from a finding: the
// gap with its interval.
func figure(r *results.Row, conf float64) string {
	if r == nil {
		return ""
	}
	gap, ci, _ := gapCells(r)
	if gap == "" || r.Suppressed {
		return gap
	}
	if ci != "" {
		gap += fmt.Sprintf(" (%g%% CI %s)", 100*conf, ci)
	}
	return gap
}

// writeTodos writes report.md's "What to do first".
func writeTodos(b *bufio.Writer, run *Run) {
	b.WriteString("## What to do first\n\n")
	for _, t := range run.Todos() {
		fmt.Fprintf(b, "**%s.** %s\n\n", md.Text(strings.TrimSuffix(t.Strategy.Title, ".")), md.Text(t.Strategy.Action))
		if len(t.Findings) == 0 {
			b.WriteString("- No finding bearing on this strategy is flagged in this run.\n\n")
			continue
		}
		for _, f := range t.Findings {
			fmt.Fprintf(b, "- [%s](#%s): %s", md.Text(f.Section.Title), anchor(f.N, f.Section.Title), md.Text(f.Short))
			if fig := figure(f.Row, run.Config.Conf); fig != "" {
				fmt.Fprintf(b, " **%s**", md.Text(fig))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
}
