package reports

import "github.com/wioa-equity/wioa/analysis/results"

// RestrictionLine states a run's --board/--program restriction (METHODS
// §3) for the head of report.md and report.html, naming the boards
// (Provenance.BoardNames) after their codes; "" without one.
func RestrictionLine(pv *Provenance) string {
	r := pv.namedRestriction()
	if r == "" {
		return ""
	}
	s := "Restricted to " + r + " before anything was computed"
	if pv.Restricted > 0 {
		s += ": the " + results.UnitCount.Format(float64(pv.Restricted)) + " rows of other boards or programs are left out"
	}
	return s + ". Every group, interval and suppression is of the remaining records alone."
}
