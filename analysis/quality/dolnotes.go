package quality

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// appendixB is DOL's Appendix B of the PY2022 Q4 public-use file record
// layout: known data problems by state and element (appendixb/SOURCE.txt).
//
//go:embed appendixb/puf-py2022q4-appendix-b-state-data-notes.csv
var appendixB []byte

// StateNote is one of DOL's notes on a known data problem.
type StateNote struct {
	State   string // postal code, or "ALL" for notes on every state
	PIRL    string // element number(s) as DOL writes them ("1703 to 1706"; "0" file-wide)
	Element string // DOL's element name
	Problem string
	Action  string // what DOL changed in the public-use file ("None.")
	// Read says whether the note concerns an element wioa reads.
	Read bool
}

// StateCount is a state found in the file and its number of rows.
type StateCount struct {
	State string
	Rows  int
	// From names the element the state came from (CALC4000, else PIRL 101).
	From pirl.Field
}

// DOLChecks are the checks against DOL's own material: the states of the
// file with DOL's notes on their data, and the agreement of the tool's
// per-record indicator results with DOL's calculated items.
type DOLChecks struct {
	States []StateCount // most rows first
	// Notes are Appendix B's notes for those states, then the notes for
	// every state ("ALL") on elements wioa reads, in Appendix B's order.
	Notes []StateNote
	// Agreement compares with the CALC40xx items (nil when the file has none).
	Agreement *indicators.Agreement
	// AgreementNote says why no agreement was computed, or for which year.
	AgreementNote string
}

var (
	notesOnce sync.Once
	notesAll  []StateNote
)

// AppendixB returns every note of DOL's Appendix B.
func AppendixB() []StateNote {
	notesOnce.Do(func() {
		r := csv.NewReader(bytes.NewReader(appendixB))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil || len(recs) == 0 {
			panic("quality: embedded Appendix B does not parse: " + errString(err))
		}
		col := map[string]int{}
		for k, h := range recs[0] {
			col[strings.TrimSpace(h)] = k
		}
		get := func(rec []string, name string) string {
			if k, ok := col[name]; ok && k < len(rec) {
				return strings.TrimSpace(rec[k])
			}
			return ""
		}
		for _, rec := range recs[1:] {
			n := StateNote{State: get(rec, "State"), PIRL: get(rec, "PIRL"), Element: get(rec, "Element Name"),
				Problem: get(rec, "Problem"), Action: get(rec, "Action")}
			n.Read = readsAny(n.PIRL)
			notesAll = append(notesAll, n)
		}
	})
	return notesAll
}

func errString(err error) string {
	if err == nil {
		return "empty"
	}
	return err.Error()
}

// readsAny reports whether a PIRL cell ("1703 to 1706", "1600, 1602",
// "204 to 209, 939 and 940") names an element wioa reads.
func readsAny(cell string) bool {
	var nums []int
	fs := strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == '&' || r == '\n' || r == ' ' })
	for k := 0; k < len(fs); k++ {
		v, err := strconv.Atoi(fs[k])
		if err != nil {
			continue
		}
		if k+2 < len(fs) && fs[k+1] == "to" {
			if w, err := strconv.Atoi(fs[k+2]); err == nil && w >= v && w-v < 1000 {
				for x := v; x <= w; x++ {
					nums = append(nums, x)
				}
				k += 2
				continue
			}
		}
		nums = append(nums, v)
	}
	for _, v := range nums {
		if readNumbers[strconv.Itoa(v)] {
			return true
		}
	}
	return false
}

var readNumbers = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range pirl.Elements {
		if e.Number != "" {
			m[strings.TrimRight(e.Number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")] = true
		}
	}
	return m
}()

// States counts the rows of each state in d: DOL's CALC4000 (the state that
// submitted the record), else PIRL 101 (state of residence) where it is a
// two-letter code.
func States(d *pirl.Data) []StateCount {
	f := pirl.FieldCalcState
	if !d.Has(f) {
		f = pirl.FieldState
	}
	if !d.Has(f) {
		return nil
	}
	c := &d.Cols[f]
	n := make([]int, len(c.Dict))
	for i := 0; i < d.Rows; i++ {
		if k := c.DictIndex(i); k >= 0 {
			n[k]++
		}
	}
	var out []StateCount
	for k, s := range c.Dict {
		s = strings.ToUpper(strings.TrimSpace(s))
		if n[k] == 0 || len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
			continue // 77/88/99: residence outside the US
		}
		merged := false
		for j := range out {
			if out[j].State == s {
				out[j].Rows += n[k]
				merged = true
			}
		}
		if !merged {
			out = append(out, StateCount{State: s, Rows: n[k], From: f})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Rows != out[j].Rows {
			return out[i].Rows > out[j].Rows
		}
		return out[i].State < out[j].State
	})
	return out
}

// NotesFor returns Appendix B's notes for the states, then the notes for
// every state on elements wioa reads.
func NotesFor(states []StateCount) []StateNote {
	want := map[string]bool{}
	for _, s := range states {
		want[s.State] = true
	}
	var out, all []StateNote
	for _, n := range AppendixB() {
		switch {
		case want[n.State]:
			out = append(out, n)
		case n.State == "ALL" && n.Read:
			all = append(all, n)
		}
	}
	if len(out) == 0 && len(all) > 0 && len(states) == 0 {
		return nil // no state known: the notes for every state would stand alone
	}
	return append(out, all...)
}

// CheckDOL computes the DOL checks of d: its states and their Appendix B
// notes and, where d has calculated items, the agreement of the tool's
// indicators with them for program year py (0: the program year of the
// latest exit, indicators.InferProgramYear), with the 923 rule excl.
func CheckDOL(d *pirl.Data, py int, opts indicators.Options) *DOLChecks {
	c := &DOLChecks{States: States(d)}
	c.Notes = NotesFor(c.States)
	if !indicators.HasCalc(d) {
		c.AgreementNote = "the file has none of DOL's calculated items (CALC4001–CALC4019)"
		return c
	}
	if py == 0 {
		y, ok := indicators.InferProgramYear(d)
		if !ok {
			c.AgreementNote = "no record has an exit date, so no program year to compare"
			return c
		}
		py = y
	}
	opts.ProgramYear = py
	opts.Programs = nil
	res, err := indicators.Compute(d, opts)
	if err != nil {
		c.AgreementNote = err.Error()
		return c
	}
	c.Agreement = indicators.Agree(d, res)
	return c
}
