package results

import "testing"

// TestNotYetShare: the configured share (not_yet_reported_share) is the
// status rule's bound — more than that share of the two groups' cohort
// without outcomes, never at it; a share of 1 never triggers.
func TestNotYetShare(t *testing.T) {
	r := Row{Reference: "Men", Pending: 30, Cohort: 50, RefPending: 30, RefCohort: 50} // 60 %
	for _, c := range []struct {
		share float64
		want  bool
	}{{0.5, true}, {0.6, false}, {0.59, true}, {0.8, false}, {1, false}} {
		rules := DefaultRules()
		rules.NotYetShare = c.share
		if got := rules.NotYet(&r); got != c.want {
			t.Errorf("share %g: not yet reported %v, want %v", c.share, got, c.want)
		}
	}
}
