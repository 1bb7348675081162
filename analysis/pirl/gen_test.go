package pirl

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

// genWide makes a synthetic PIRL-like file: every element of Elements as a
// "PIRL nnn" column, interleaved with filler columns up to width, mostly
// empty like the real public-use file. A few values are invalid. When quoted
// is set, some filler values are quoted with delimiters, doubled quotes and
// newlines inside.
func genWide(rows, width int, seed uint64, quoted bool) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	type slot struct {
		field  Field
		filler bool
	}
	var slots []slot
	every := max(1, width/int(NumFields))
	f := Field(0)
	for i := 0; i < width || f < NumFields; i++ {
		if f < NumFields && i%every == 0 {
			slots = append(slots, slot{field: f})
			f++
		} else {
			slots = append(slots, slot{filler: true})
		}
	}
	var b bytes.Buffer
	b.Grow(rows * (width*2 + 100))
	for i, s := range slots {
		if i > 0 {
			b.WriteByte(',')
		}
		if s.filler {
			fmt.Fprintf(&b, "X%d", i)
			continue
		}
		e := &Elements[s.field]
		if e.Number != "" {
			b.WriteString("PIRL " + e.Number)
		} else {
			b.WriteString(e.Name)
		}
	}
	b.WriteByte('\n')
	date := func() {
		fmt.Fprintf(&b, "%04d%02d%02d", 2015+rng.IntN(8), 1+rng.IntN(12), 1+rng.IntN(28))
	}
	var lastID, lastEntry string
	for r := 0; r < rows; r++ {
		// Now and then a repeated period: same person, same entry date.
		dup := rng.IntN(50) == 0 && lastID != "" && lastEntry != ""
		for i, s := range slots {
			if i > 0 {
				b.WriteByte(',')
			}
			if s.filler {
				switch x := rng.IntN(100); {
				case x < 80:
				case x < 95:
					b.WriteString("Y")
				case quoted && x < 97:
					b.WriteString(`"a,b ""c"""`)
				case quoted && x < 98:
					b.WriteString("\"two\nlines\"")
				default:
					fmt.Fprintf(&b, "%d", rng.IntN(100000))
				}
				continue
			}
			if dup && (s.field == FieldID || s.field == FieldEntry) {
				if s.field == FieldID {
					b.WriteString(lastID)
				} else {
					b.WriteString(lastEntry)
				}
				continue
			}
			if rng.IntN(10) == 0 {
				if s.field == FieldID {
					lastID = ""
				}
				if s.field == FieldEntry {
					lastEntry = ""
				}
				continue // blank
			}
			e := &Elements[s.field]
			at := b.Len()
			bad := rng.IntN(2000) == 0
			switch e.Kind {
			case KindCode:
				if bad {
					b.WriteString("77")
					continue
				}
				v := int(e.Min) + rng.IntN(int(e.Max-e.Min)+1)
				if rng.IntN(4) == 0 && len(e.Extra) > 0 {
					v = int(e.Extra[0])
				}
				if rng.IntN(3) == 0 {
					fmt.Fprintf(&b, "%02d", v)
				} else {
					fmt.Fprintf(&b, "%d", v)
				}
			case KindDate:
				if bad {
					b.WriteString("20191345")
					continue
				}
				date()
			case KindMoney:
				switch {
				case bad:
					b.WriteString("-5")
				case rng.IntN(10) == 0:
					b.WriteString("999999.99")
				default:
					fmt.Fprintf(&b, "%d.%02d", rng.IntN(20000), rng.IntN(100))
				}
			case KindFloat:
				fmt.Fprintf(&b, "%.5f", 33+rng.Float64())
			case KindID:
				fmt.Fprintf(&b, "ID%07d", rng.IntN(rows/2+1))
			case KindDict:
				if s.field == FieldBoard {
					fmt.Fprintf(&b, "%05d", 13000+rng.IntN(20))
				} else {
					fmt.Fprintf(&b, "%02d-%04d.00", 11+rng.IntN(40), 1000+10*rng.IntN(20)) // ~800 distinct, like O*NET
				}
			case KindGEOID:
				if bad {
					b.WriteString("1312100110")
					continue
				}
				fmt.Fprintf(&b, "13%03d%06d", rng.IntN(300), rng.IntN(1000000))
			case KindInt:
				fmt.Fprintf(&b, "%d", 13000+rng.IntN(300))
			}
			switch s.field {
			case FieldID:
				lastID = string(b.Bytes()[at:])
			case FieldEntry:
				lastEntry = string(b.Bytes()[at:])
			}
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestGenWide writes a generated file for manual measurements, e.g.
// WIOA_GEN_WIDE=/tmp/wide.csv WIOA_GEN_ROWS=1000000 go test -run TestGenWide ./analysis/pirl
func TestGenWide(t *testing.T) {
	path := os.Getenv("WIOA_GEN_WIDE")
	if path == "" {
		t.Skip("set WIOA_GEN_WIDE=FILE (and WIOA_GEN_ROWS) to write a generated wide file")
	}
	rows := 1000000
	fmt.Sscan(os.Getenv("WIOA_GEN_ROWS"), &rows)
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	const step = 100000
	for done := 0; done < rows; done += step {
		n := min(step, rows-done)
		b := genWide(n, 300, uint64(done), false)
		if done > 0 {
			b = b[bytes.IndexByte(b, '\n')+1:]
		}
		if _, err := fh.Write(b); err != nil {
			t.Fatal(err)
		}
	}
}
