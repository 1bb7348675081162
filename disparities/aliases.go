package disparities

import "github.com/wioa-equity/wioa/analysis/results"

// Names that moved to analysis/results, kept until their callers switch.

type (
	Row     = results.Row
	Unit    = results.Unit
	Status  = results.Status
	Section = results.Section
	Chart   = results.Chart
	LeftOut = results.LeftOut
)

const (
	UnitRate      = results.UnitRate
	UnitDollars   = results.UnitDollars
	UnitPer1000   = results.UnitPer1000
	UnitOddsRatio = results.UnitOddsRatio
	UnitCount     = results.UnitCount
	UnitPerSqMi   = results.UnitPerSqMi
	UnitScore     = results.UnitScore

	StatusNoGap        = results.StatusNoGap
	StatusFlagged      = results.StatusFlagged
	StatusInsufficient = results.StatusInsufficient
	StatusNotComputed  = results.StatusNotComputed

	Unprintable              = results.Unprintable
	ComplementarySuppression = results.ComplementarySuppression
)

func FormatValue(v float64, u Unit) string { return u.Format(v) }
func FormatDiff(v float64, u Unit) string  { return u.FormatDiff(v) }

var (
	FormatInterval = results.FormatInterval
	FormatP        = results.FormatP
	FormatFixed    = results.FormatFixed
	RoundSig       = results.RoundSig
	Complementary  = results.Complementary
)
