// Command readcols prints, one per line in file order, the header names of
// the columns that the PIRL reader keeps from FILE — the columns a full
// `wioa report FILE` parses; every other column is skipped. bench/run.sh
// hands this list to R data.table's fread(select=…), so the peer reads
// exactly what the report reads, by construction. Not part of the tool.
//
//	go run ./bench/readcols FILE
//
// Only the header and the first few records are read (through pirl.ReadFrom
// with the report's default options: no --columns mapping, no --layout).
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// sampleLines is how many lines (header included) are handed to the reader.
const sampleLines = 64

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: readcols FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fail(err)
	}
	defer f.Close()
	cols, err := keptColumns(f, os.Args[1])
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriter(os.Stdout)
	for _, c := range cols {
		fmt.Fprintln(w, c)
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
}

// keptColumns returns the header names of the columns the reader keeps from
// r (a plain CSV/TSV with a header row), in file order.
func keptColumns(r io.Reader, name string) ([]string, error) {
	// Whole lines only: a cut record would only add a warning, but keep it clean.
	var sample bytes.Buffer
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 0; n < sampleLines; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			sample.Write(line)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	d, err := pirl.ReadFrom(&sample, name, pirl.Options{Workers: 1})
	if err != nil {
		return nil, err
	}
	type col struct {
		idx    int
		header string
	}
	var cols []col
	for i := range d.Cols {
		if c := &d.Cols[i]; c.Present {
			cols = append(cols, col{c.Index, c.Header})
		}
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].idx < cols[j].idx })
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.header
	}
	return out, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "readcols:", err)
	os.Exit(1)
}
