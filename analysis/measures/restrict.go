package measures

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Restriction keeps the records of some local boards and programs
// (--board, --program; METHODS §3: they "restrict any report; the
// restriction is stated in the report and recorded in the provenance").
// It applies to the records before anything is computed: a record outside
// it is in no window, no cohort and no count but Counts.Restricted, so
// every group, and every suppression decision, is of the restricted data
// alone. The zero value keeps every record.
type Restriction struct {
	// Boards are PIRL 108A codes (as written in the file, spaces trimmed);
	// nil: every board. A record without a board is kept only when nil.
	Boards []string
	// Programs are ProgramAdult, ProgramDW and ProgramYouth; nil: every
	// program. A record is kept when it is a participant of one of them
	// (Participant: Dislocated Worker includes 909 = 1) or a reportable
	// individual (code 4) of one of them.
	Programs []int8
}

// Empty reports whether r keeps every record.
func (r *Restriction) Empty() bool { return r == nil || (len(r.Boards) == 0 && len(r.Programs) == 0) }

// ProgramIDs are the --program names of Adult, Dislocated Worker and Youth,
// indexed by program.
var ProgramIDs = [NumPrograms]string{"adult", "dw", "youth"}

// programFields are the elements of the programs, indexed by program.
var programFields = [NumPrograms]pirl.Field{pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth}

// ParseRestriction reads --board (comma-separated 108A codes) and --program
// (comma-separated adult, dw, youth), each possibly empty. Codes and
// programs are kept in a canonical order (codes sorted, programs in
// program order, each once), so equal restrictions print equally.
func ParseRestriction(boards, programs string) (Restriction, error) {
	var r Restriction
	seen := map[string]bool{}
	for _, b := range strings.Split(boards, ",") {
		b = strings.TrimSpace(b)
		if b == "" || seen[b] {
			continue
		}
		if len(b) > 64 {
			return r, fmt.Errorf("--board: %q is not a board code (PIRL 108A, up to 5 digits)", b[:64]+"…")
		}
		seen[b] = true
		r.Boards = append(r.Boards, b)
	}
	sort.Strings(r.Boards)
	if strings.TrimSpace(boards) != "" && len(r.Boards) == 0 {
		return r, fmt.Errorf("--board: name at least one board code (PIRL 108A)")
	}
	var want [NumPrograms]bool
	for _, p := range strings.Split(programs, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		k := -1
		for j, id := range ProgramIDs {
			if id == p {
				k = j
			}
		}
		if k < 0 {
			return r, fmt.Errorf("--program: unknown program %q (known: %s)", p, strings.Join(ProgramIDs[:], ", "))
		}
		want[k] = true
	}
	for k, w := range want {
		if w {
			r.Programs = append(r.Programs, int8(k))
		}
	}
	if strings.TrimSpace(programs) != "" && len(r.Programs) == 0 {
		return r, fmt.Errorf("--program: name at least one of %s", strings.Join(ProgramIDs[:], ", "))
	}
	return r, nil
}

// ProgramList returns the --program names of r's programs ("" for none).
func (r *Restriction) ProgramList() []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, p := range r.Programs {
		out = append(out, ProgramIDs[p])
	}
	return out
}

// String states the restriction in words, "" when empty: "local boards
// 13005, 13010 (PIRL 108A); programs Adult, Youth".
func (r *Restriction) String() string {
	if r.Empty() {
		return ""
	}
	var parts []string
	if len(r.Boards) > 0 {
		word := "local board"
		if len(r.Boards) > 1 {
			word = "local boards"
		}
		parts = append(parts, word+" "+strings.Join(r.Boards, ", ")+" (PIRL 108A)")
	}
	if len(r.Programs) > 0 {
		var names []string
		for _, p := range r.Programs {
			names = append(names, ProgramNames[p])
		}
		word := "program"
		if len(names) > 1 {
			word = "programs"
		}
		parts = append(parts, word+" "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// Check reports a restriction the file cannot meet: --board without a 108A
// column or naming a board no record has, --program without program
// columns.
func (r *Restriction) Check(d *pirl.Data) error {
	if r.Empty() {
		return nil
	}
	if len(r.Boards) > 0 {
		if !d.Has(pirl.FieldBoard) {
			return fmt.Errorf("--board: the file has no local board column (PIRL 108A)")
		}
		in := map[string]bool{}
		for _, s := range d.Cols[pirl.FieldBoard].Dict {
			in[strings.TrimSpace(s)] = true
		}
		var missing []string
		for _, b := range r.Boards {
			if !in[b] {
				missing = append(missing, b)
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("--board: no record has local board %s (PIRL 108A)", strings.Join(missing, ", "))
		}
	}
	if len(r.Programs) > 0 && !(d.Has(pirl.FieldAdult) || d.Has(pirl.FieldDW) || d.Has(pirl.FieldYouth) || d.Has(pirl.FieldRapidResponse)) {
		return fmt.Errorf("--program: the file has no program columns (PIRL 903, 904, 905)")
	}
	return nil
}

// Keeper returns whether record i of d is kept; nil when r keeps every
// record, so callers skip the test. The board test is one lookup by the
// column's dictionary index (built once): no per-record copy is made.
func (r *Restriction) Keeper(d *pirl.Data) func(i int) bool {
	if r.Empty() {
		return nil
	}
	var board func(i int) bool
	if len(r.Boards) > 0 {
		c := &d.Cols[pirl.FieldBoard]
		want := map[string]bool{}
		for _, b := range r.Boards {
			want[b] = true
		}
		keep := make([]bool, len(c.Dict))
		for k, s := range c.Dict {
			keep[k] = want[strings.TrimSpace(s)]
		}
		board = func(i int) bool {
			k := c.DictIndex(i)
			return k >= 0 && int(k) < len(keep) && keep[k]
		}
	}
	var program func(i int) bool
	if len(r.Programs) > 0 {
		progs := append([]int8(nil), r.Programs...)
		program = func(i int) bool {
			for _, p := range progs {
				f := programFields[p]
				if Participant(d, f, i) || d.Code(f, i) == 4 {
					return true
				}
			}
			return false
		}
	}
	switch {
	case board != nil && program != nil:
		return func(i int) bool { return board(i) && program(i) }
	case board != nil:
		return board
	}
	return program
}
