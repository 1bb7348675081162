package measures

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// WageLagDays is the rule the warnings state for when a quarter's
// outcomes are in: employment in the Nth quarter after exit comes from
// that quarter's UI wage records, which are complete about 150 days after
// the quarter ends (METHODS §2.9).
const WageLagDays = 150

// Coverage returns the warnings of METHODS §2.9 for a run: each window
// whose months the file's exit dates do not reach (how many are missing),
// and each exit quarter of a Q2 or Q4 cohort whose outcomes are more than
// share not yet available, with the date they are expected. d is the file
// v was derived from.
func (v *Derived) Coverage(d *pirl.Data, share float64) []string {
	var out []string
	c := &v.Counts
	kinds := []Kind{KindExit}
	if v.PerMeasure {
		kinds = []Kind{KindQ4, KindQ2, KindExit}
	}
	for _, k := range kinds {
		w := v.Windows[k]
		name := "the exit window"
		if v.PerMeasure {
			name = "the window of the " + KindNames[k]
			if k == KindExit {
				name = "the program year's window (participation, enrollment, supportive services)"
			}
		}
		total := months(w.From, w.To)
		if total == 0 {
			continue
		}
		if c.FirstExit == pirl.MissingDate {
			out = append(out, fmt.Sprintf("The file has no exit dates: all %d months of %s (%s) are missing.", total, name, w))
			continue
		}
		var before, after int
		if w.From != pirl.MissingDate && c.FirstExit > w.From {
			before = months(w.From, min(monthStart(c.FirstExit)-1, w.To))
		}
		if w.To != pirl.MissingDate && c.LastExit < w.To {
			after = months(max(monthEnd(c.LastExit)+1, w.From), w.To)
		}
		switch {
		case before+after >= total:
			out = append(out, fmt.Sprintf("The file's exits (%s to %s) miss %s (%s) entirely: its measures have no cohort.", pirl.FormatDate(c.FirstExit), pirl.FormatDate(c.LastExit), name, w))
		case before > 0 && after > 0:
			out = append(out, fmt.Sprintf("The file's exits run %s to %s: %d of the %d months of %s (%s) are missing.", pirl.FormatDate(c.FirstExit), pirl.FormatDate(c.LastExit), before+after, total, name, w))
		case before > 0:
			out = append(out, fmt.Sprintf("The file's exits start %s: %d of the %d months of %s (%s) are missing.", pirl.FormatDate(c.FirstExit), before, total, name, w))
		case after > 0:
			out = append(out, fmt.Sprintf("The file's exits end %s: %d of the %d months of %s (%s) are missing.", pirl.FormatDate(c.LastExit), after, total, name, w))
		}
	}
	return append(out, v.pendingQuarters(d, share)...)
}

// pendingQuarters: per exit quarter of the Q2 (Q4) cohort, the share whose
// Q2 (Q4) employment is not yet available.
func (v *Derived) pendingQuarters(d *pirl.Data, share float64) []string {
	c := &v.Counts
	if c.FirstExit == pirl.MissingDate || (c.EmpQ2NA == 0 && c.EmpQ4NA == 0) {
		return nil
	}
	q0 := quarterOf(c.FirstExit)
	nq := quarterOf(c.LastExit) - q0 + 1
	type tally struct{ n, pending [2]int }
	t := make([]tally, nq)
	emp := [2][]int8{v.EmpQ2, v.EmpQ4}
	cohort := [2][]bool{v.CohortQ2, v.CohortQ4}
	for i := 0; i < v.N; i++ {
		if !v.CohortQ2[i] && !v.CohortQ4[i] {
			continue
		}
		q := quarterOf(d.Date(pirl.FieldExit, i)) - q0
		for k := range 2 {
			if cohort[k][i] {
				t[q].n[k]++
				if emp[k][i] == NA {
					t[q].pending[k]++
				}
			}
		}
	}
	var out []string
	for k, after := range [2]int{2, 4} {
		for q := range t {
			n, p := t[q].n[k], t[q].pending[k]
			if n == 0 || float64(p) <= share*float64(n) {
				continue
			}
			y, qq := (q0+q)/4, (q0+q)%4+1
			end := quarterEnd(q0 + q + after)
			out = append(out, fmt.Sprintf("Exits of %dQ%d: %d of %d (%.0f%%) in the cohort have no Q%d employment yet (PIRL %s = 9 or blank); it is expected by about %s (the end of the %s quarter after exit, %s, plus %d days for the wage records).",
				y, qq, p, n, 100*float64(p)/float64(n), after, map[int]string{2: "1602", 4: "1606"}[after],
				pirl.FormatDate(end+WageLagDays), map[int]string{2: "2nd", 4: "4th"}[after], pirl.FormatDate(end), WageLagDays))
		}
	}
	return out
}

// quarterOf numbers calendar quarters: 4·year + quarter − 1.
func quarterOf(z int32) int {
	y, m, _ := pirl.Civil(z)
	return 4*y + (m-1)/3
}

// quarterEnd is the last day of quarter number q (quarterOf).
func quarterEnd(q int) int32 {
	q++
	return pirl.DayNumber(q/4, 3*(q%4)+1, 1) - 1
}

func monthStart(z int32) int32 {
	y, m, _ := pirl.Civil(z)
	return pirl.DayNumber(y, m, 1)
}

func monthEnd(z int32) int32 {
	y, m, _ := pirl.Civil(z)
	if m == 12 {
		return pirl.DayNumber(y+1, 1, 1) - 1
	}
	return pirl.DayNumber(y, m+1, 1) - 1
}

// months counts the calendar months that [from, to] touches; 0 when a
// side is open or the range is empty.
func months(from, to int32) int {
	if from == pirl.MissingDate || to == pirl.MissingDate || from > to {
		return 0
	}
	y0, m0, _ := pirl.Civil(from)
	y1, m1, _ := pirl.Civil(to)
	return 12*(y1-y0) + m1 - m0 + 1
}
