package reports

// The board overview of report --by-board (METHODS §3.10): a board ×
// disparity table whose cells are words and numbers (the gap and a flag
// word; colour in report.html only repeats them), one table per disparity
// with the groups' values, and a chart of every board's gap per disparity.

import (
	"bufio"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports/md"
)

// boardChartName is the overview chart's file base name under plots/.
const boardChartName = "boards"

// BoardTitle is the heading of the board section.
const BoardTitle = "Local boards"

// boardCell is one cell of the overview: its words and whether it is flagged.
type boardCell struct {
	Text    string
	Flagged bool
}

// boardOverview is the board × disparity table: a header per disparity,
// one row per board, then the region's headline gaps.
type boardOverview struct {
	Head   []string
	Rows   [][]boardCell // [board][0] is the board's label
	Region []boardCell
}

// boardDetail is one disparity's table: per board the two groups' values,
// the gap within the board and the board against the rest.
type boardDetail struct {
	Title, Note string
	Head        []string
	Rows        [][]string
	Flagged     [][]bool
}

// statusWord is the short word of a by-board comparison's status.
func statusWord(r *results.Row) string {
	switch r.Status {
	case results.StatusFlagged:
		return "flagged"
	case results.StatusNoGap:
		return "no significant gap"
	case results.StatusTooLittle:
		return "too little data"
	case results.StatusNotYetReported:
		return "not yet reported"
	case results.StatusSuppressed:
		return "suppressed"
	}
	return "insufficient data"
}

// boardGapCell is the overview's cell of one board and disparity: the gap
// within the board and its word, and "differs from rest" when the board's
// gap against the rest of the region is flagged.
func boardGapCell(g *disparities.BoardGap) boardCell {
	f := &g.Focal
	switch {
	case f.Suppressed:
		return boardCell{Text: "suppressed"}
	case f.Status == results.StatusNotYetReported:
		return boardCell{Text: "not yet reported"}
	case math.IsNaN(f.Diff):
		return boardCell{Text: "insufficient data"}
	}
	c := boardCell{Text: f.Unit.FormatDiff(f.Diff) + ratioNote(f.Unit, f.Ratio) + ", " + statusWord(f), Flagged: f.Flagged}
	if g.VsRest.Flagged {
		c.Text += "; differs from rest"
		c.Flagged = true
	}
	return c
}

// ratioNote is " (ratio 0.57)" after a participation gap per 1,000, whose
// flag is judged on the rate ratio; "" for other units.
func ratioNote(u results.Unit, ratio float64) string {
	if u != results.UnitPer1000 || !finite(ratio) {
		return ""
	}
	return fmt.Sprintf(" (ratio %.2f)", ratio)
}

func boardHead(d *disparities.BoardDisparity) string {
	return fmt.Sprintf("%s: %s − %s", capitalize(d.Measure), d.Focal, d.Reference)
}

// boardView builds the overview and the per-disparity tables.
func boardView(bb *disparities.ByBoardResult, c *disparities.Config) (boardOverview, []boardDetail) {
	var ov boardOverview
	ov.Head = []string{"Board"}
	var ds []*disparities.BoardDisparity
	for _, d := range bb.Disparities {
		if d.NotComputed == "" {
			ds = append(ds, d)
			ov.Head = append(ov.Head, boardHead(d))
		}
	}
	for k, b := range bb.Boards {
		row := []boardCell{{Text: b.Label()}}
		for _, d := range ds {
			cell := boardCell{Text: "no records"}
			if d.ByResidence {
				cell.Text = "no tracts" // boards by where people live: the board has no tract
			}
			for i := range d.Gaps {
				if d.Gaps[i].Board == k {
					cell = boardGapCell(&d.Gaps[i])
				}
			}
			row = append(row, cell)
		}
		ov.Rows = append(ov.Rows, row)
	}
	ov.Region = []boardCell{{Text: "Whole file (the section's headline)"}}
	for _, d := range ds {
		t := "—"
		if !math.IsNaN(d.RegionGap) {
			t = d.Unit.FormatDiff(d.RegionGap) + ratioNote(d.Unit, d.RegionRatio) + ", " + d.RegionStatus.String()
		}
		ov.Region = append(ov.Region, boardCell{Text: t, Flagged: d.RegionStatus == results.StatusFlagged})
	}

	var details []boardDetail
	conf := fmt.Sprintf("%g%%", 100*c.Conf)
	for _, d := range ds {
		det := boardDetail{Title: boardHead(d),
			Head: []string{"Board", d.Focal + " (n)", d.Reference + " (n)", "Gap (" + conf + " CI)", "Adjusted p", "Within board", "Gap − rest of region (" + conf + " CI)", "Adjusted p", "Against rest"}}
		switch {
		case d.ByResidence:
			det.Note = residenceNote(d, c)
		case d.FewUnboarded:
			det.Note = fmt.Sprintf("Some compared records (a group of them fewer than %d) have no local board (PIRL 108A blank) and are in no board.", c.MinCell)
		case d.Unboarded > 0:
			det.Note = fmt.Sprintf("%s compared records have no local board (PIRL 108A blank) and are in no board.", results.UnitCount.Format(float64(d.Unboarded)))
		}
		if d.FromHeadline {
			n := fmt.Sprintf("Every board is measured on the comparison the %s section chose from the whole file as its headline (the flagged comparison with the largest gap, else the largest gap); the section compares every group.", d.ID)
			det.Note = strings.TrimSpace(n + " " + det.Note)
		}
		for _, g := range d.Gaps {
			f, r, v := &g.Focal, &g.Ref, &g.VsRest
			lab := bb.Boards[g.Board].Label()
			if f.Suppressed {
				why := fmt.Sprintf("suppressed (n < %d)", c.MinCell)
				if f.Test == results.ComplementarySuppression && r.Test == results.ComplementarySuppression {
					why = "suppressed (protects a smaller board)"
				}
				det.Rows = append(det.Rows, []string{lab, why, "", "", "", "suppressed", "", "", "suppressed"})
				det.Flagged = append(det.Flagged, make([]bool, 9))
				continue
			}
			val := func(x *results.Row) string {
				return fmt.Sprintf("%s (%s)", x.Unit.Format(x.Value), results.UnitCount.Format(float64(x.N)))
			}
			dif := func(x float64) string { return f.Unit.FormatDiff(x) }
			gap, ci := dif(f.Diff), results.FormatInterval(f.DiffLow, f.DiffHigh, dif)
			if f.Status == results.StatusNotYetReported {
				gap, ci = "not yet reported", ""
			}
			if f.Unit == results.UnitPer1000 && ci == "" && !math.IsNaN(f.Ratio) && f.Test != "" {
				gap += "; " + f.Test // the rate ratio and its interval, which the flag is judged on
			}
			vs, vsci := dif(v.Diff), results.FormatInterval(v.DiffLow, v.DiffHigh, dif)
			if math.IsNaN(v.Diff) {
				vs, vsci = "", ""
			}
			row := []string{lab, val(f), val(r), joinGap(gap, ci), results.FormatP(f.PAdj), statusWord(f), joinGap(vs, vsci), results.FormatP(v.PAdj), statusWord(v)}
			det.Rows = append(det.Rows, row)
			fl := make([]bool, 9)
			fl[5], fl[8] = f.Flagged, v.Flagged
			det.Flagged = append(det.Flagged, fl)
		}
		details = append(details, det)
	}
	return ov, details
}

// ratioWords is what the chart's words add when a panel draws rate ratios
// (participation per 1,000): "" otherwise.
func ratioWords(bb *disparities.ByBoardResult) string {
	for _, d := range bb.Disparities {
		if d.NotComputed == "" && d.Unit == results.UnitPer1000 && len(d.Gaps) > 0 {
			return " (participation per 1,000: the rate ratio, on a log scale)"
		}
	}
	return ""
}

// residenceNote says how poverty-participation's boards are drawn: by
// where participants live, from the tracts' boards.
func residenceNote(d *disparities.BoardDisparity, c *disparities.Config) string {
	n := fmt.Sprintf("Boards here are where participants live: a board's tracts are given by %s, and a participant counts in the board whose tract they live in, whichever board (PIRL 108A) served them; the rate is the participants living in the board's tracts per 1,000 residents in poverty of those tracts.", d.BoardSource)
	switch {
	case d.FewUnboarded:
		n += fmt.Sprintf(" Some participants (in a kind of tract fewer than %d) live in tracts of no board of this run and are in no board.", c.MinCell)
	case d.Unboarded > 0:
		n += fmt.Sprintf(" %s participants live in tracts of no board of this run and are in no board.", results.UnitCount.Format(float64(d.Unboarded)))
	}
	if len(d.UnknownBoards) > 0 {
		list := d.UnknownBoards
		more := ""
		if len(list) > 5 {
			list, more = list[:5], fmt.Sprintf(" and %d more", len(list)-5)
		}
		n += fmt.Sprintf(" Tracts are given boards no record of the participant file has (PIRL 108A): %s%s; they are in no board.", strings.Join(list, ", "), more)
	}
	return n
}

func joinGap(gap, ci string) string {
	if ci == "" {
		return gap
	}
	return gap + " (" + ci + ")"
}

// boardNone is the board section when no disparity of the run has a
// headline comparison by board.
func boardNone(bb *disparities.ByBoardResult) string {
	s := "No disparity of this run has a headline comparison by board (docs/METHODS.md §3.10)."
	if n := boardsNotComputed(bb); n != "" {
		s += " " + n
	}
	return s
}

// boardsNotComputed names the disparities with no by-board rows and why:
// "Not by board: hd-clusters — needs PIRL 1306 ….", "" when every one has
// them.
func boardsNotComputed(bb *disparities.ByBoardResult) string {
	var parts []string
	for _, d := range bb.Disparities {
		if d.NotComputed != "" {
			parts = append(parts, d.ID+" — "+d.NotComputed)
		}
	}
	if parts == nil {
		return ""
	}
	return "Not by board: " + strings.Join(parts, "; ") + "."
}

// boardIntro says what the board section shows.
func boardIntro(bb *disparities.ByBoardResult, c *disparities.Config) string {
	return fmt.Sprintf("Which boards carry a gap? Each disparity's headline gap within each of the %d local boards (PIRL 108A), and whether the board's gap differs from the gap in all other boards' records pooled (the rest of the region). "+
		"A cell gives the gap within the board (focal group minus reference group, as in the disparity's section) and its status; \"differs from rest\" when the board's gap is flagged against the rest of the region's. "+
		"p-values are %s-adjusted within each disparity (the boards' gaps as one family, the boards against the rest as another; the sections' numbers are unchanged). "+
		"A board with a group under %d is suppressed, and when it is the only one so is the next smallest board, so that it cannot be worked back from the region's totals.",
		len(bb.Boards), adjustName(c.Adjust), c.MinCell)
}

// writeBoards writes the board section of report.md.
func writeBoards(b *bufio.Writer, run *Run, n int, charts map[string]string) {
	bb, c := run.ByBoard, run.Config
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p("## %d. %s\n\n", n, BoardTitle)
	ov, details := boardView(bb, c)
	if len(ov.Head) == 1 {
		p("%s\n\n", md.Text(boardNone(bb)))
		return
	}
	p("*%s*\n\n", md.Text(boardIntro(bb, c)))
	row := func(cells []string) {
		b.WriteString("|")
		for _, x := range cells {
			b.WriteString(" " + x + " |")
		}
		b.WriteString("\n")
	}
	// header writes a table's header row and its separator.
	header := func(hs []string) {
		head := make([]string, len(hs))
		sep := make([]string, len(hs))
		for i, h := range hs {
			head[i], sep[i] = md.Cell(h), "---"
		}
		row(head)
		row(sep)
	}
	cellText := func(x boardCell) string {
		if x.Flagged {
			return "**" + md.Cell(x.Text) + "**"
		}
		return md.Cell(x.Text)
	}
	header(ov.Head)
	for _, r := range append(ov.Rows, ov.Region) {
		cells := make([]string, len(r))
		for i, x := range r {
			cells[i] = cellText(x)
		}
		row(cells)
	}
	p("\n")
	if path, ok := charts[boardChartName]; ok {
		p("![Each board's gap per disparity with its %g%% interval%s; filled markers are flagged for review](%s)\n\n", 100*c.Conf, ratioWords(bb), path)
	}
	for _, d := range details {
		p("### %s\n\n", md.Text(d.Title))
		header(d.Head)
		for k, r := range d.Rows {
			cells := make([]string, len(r))
			for i, x := range r {
				cells[i] = md.Cell(x)
				if d.Flagged[k][i] {
					cells[i] = "**" + cells[i] + "**"
				}
			}
			row(cells)
		}
		p("\n")
		if d.Note != "" {
			p("%s\n\n", md.Text(d.Note))
		}
	}
	if n := boardsNotComputed(bb); n != "" {
		p("%s\n\n", md.Text(n))
	}
}

// BoardChart draws every board's gap within the board, per disparity, with
// its interval: one dot plot per disparity on its own scale, stacked
// (filled markers flagged for review, the word beside them; suppressed
// boards counted under each panel; the whole file's gap a dashed line,
// its value under the axis). It returns the picture and its height
// at width 9 inches; ErrNothingToPlot when no disparity has a gap to draw.
func BoardChart(bb *disparities.ByBoardResult) (Drawer, vg.Length, error) {
	st := &stacked{}
	for _, d := range bb.Disparities {
		if d.NotComputed != "" {
			continue
		}
		// A participation rate per 1,000 is judged on its rate ratio, whose
		// exact interval the row states: drawn as ratios, as the section's.
		kind, what := ForestDiff, "gap"
		if d.Unit == results.UnitPer1000 {
			kind, what = ForestRatio, "rate ratio"
		}
		drawn := func(r *results.Row) bool {
			if kind == ForestRatio {
				return finite(r.Ratio) && r.Ratio > 0
			}
			return finite(r.Diff)
		}
		var rows []results.Row
		for _, g := range d.Gaps {
			r := g.Focal
			r.Group, r.Reference = bb.Boards[g.Board].Label()+": "+d.Focal, d.Reference
			r.Measure = what + " within the board"
			rows = append(rows, r)
		}
		p, f, err := forestPlot(boardHead(d)+", "+what+" within each board", rows, kind)
		if err == ErrNothingToPlot {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		// Name each line by its board alone (the panel's title says which
		// groups): the lines are the rows ForestPlot draws, in order.
		var labels []string
		for k, r := range rows {
			if !r.Suppressed && r.Status != results.StatusNotYetReported && drawn(&r) {
				labels = append(labels, wrap(bb.Boards[d.Gaps[k].Board].Label(), 40))
			}
		}
		if ticks, ok := p.Y.Tick.Marker.(plot.ConstantTicks); ok && len(ticks) == len(labels) {
			for i := range ticks {
				ticks[i].Label = labels[i]
			}
		}
		// The whole file's gap as a dashed line beneath the markers, stated
		// under the axis too.
		switch {
		case kind == ForestRatio && finite(d.RegionRatio) && d.RegionRatio > 0:
			x := d.RegionRatio
			p.X.Min, p.X.Max = math.Min(p.X.Min, x/1.1), math.Max(p.X.Max, x*1.1)
			f.ref = x
			p.X.Label.Text += fmt.Sprintf("\n- - - the whole file's rate ratio: %.2f", x)
		case kind == ForestDiff && finite(d.RegionGap):
			x := d.RegionGap * d.Unit.Scale()
			if x < p.X.Min || x > p.X.Max {
				pad := (p.X.Max - p.X.Min) * 0.06
				p.X.Min, p.X.Max = math.Min(p.X.Min, x-pad), math.Max(p.X.Max, x+pad)
			}
			f.ref = x
			p.X.Label.Text += "\n- - - the whole file's gap: " + d.Unit.FormatDiff(d.RegionGap)
		}
		n := 0
		for _, r := range rows {
			if !r.Suppressed && r.Status != results.StatusNotYetReported {
				n++
			}
		}
		st.plots = append(st.plots, p)
		st.heights = append(st.heights, vg.Length(1.6+0.3*float64(n))*vg.Inch)
	}
	return st.done()
}

// hBoards is the board section of report.html.
type hBoards struct {
	N              int
	Anchor, Title  string
	Intro, Skipped string // Skipped: boardsNotComputed
	Overview       boardOverview
	Details        []boardDetail
	Figures        []hFigure
}

func htmlBoards(run *Run, n int, charts map[string]ChartFile) *hBoards {
	bb, c := run.ByBoard, run.Config
	h := &hBoards{N: n, Title: BoardTitle, Anchor: anchor(n, BoardTitle), Intro: boardIntro(bb, c)}
	h.Overview, h.Details = boardView(bb, c)
	if len(h.Overview.Head) == 1 {
		h.Intro, h.Overview, h.Details = boardNone(bb), boardOverview{}, nil
	} else {
		h.Skipped = boardsNotComputed(bb)
	}
	if f, ok := charts[boardChartName]; ok {
		h.Figures = append(h.Figures, hFigure{Src: dataURI(f.SVG), Forest: true,
			Alt:     fmt.Sprintf("Each board's gap per disparity with its %g%% interval", 100*c.Conf),
			Caption: fmt.Sprintf("Each board's gap within the board, per disparity, with its %g%% confidence interval%s, each disparity on its own scale; filled markers are flagged for review. Suppressed boards are not drawn and are counted under each panel.", 100*c.Conf, ratioWords(bb))})
	}
	return h
}
