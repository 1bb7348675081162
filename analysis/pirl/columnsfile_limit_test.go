package pirl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// The --columns mapping file is read with a size limit: a regular file over
// it is refused from its size (a sparse file: nothing written), and an
// endless stream of lines the scanner would otherwise skip for ever (blank
// lines, comments — from a FIFO or a device) stops at the limit.
func TestParseColumnsFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "columns.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(sizelimit.Columns.Max + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ParseColumnsFile(big)
	if want := big + ": larger than the 1 MB limit for a column mapping file"; err == nil || err.Error() != want {
		t.Errorf("sparse file: %v, want %q", err, want)
	}

	// Just over the limit in comment lines: each line alone is short.
	many := filepath.Join(dir, "comments.csv")
	body := "201,Gender\n" + strings.Repeat("# a comment\n", int(sizelimit.Columns.Max)/12+1)
	if err := os.WriteFile(many, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ParseColumnsFile(many)
	if !errors.Is(err, sizelimit.ErrTooLarge) || strings.Count(err.Error(), many) != 1 {
		t.Errorf("comments over the limit: %v", err)
	}

	// An endless stream through a FIFO, read while a writer keeps going.
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		line := []byte(strings.Repeat("\n", 4096))
		for {
			if _, err := w.Write(line); err != nil {
				return // the reader gave up: broken pipe
			}
		}
	}()
	_, err = ParseColumnsFile(fifo)
	if !errors.Is(err, sizelimit.ErrTooLarge) || !strings.Contains(err.Error(), fifo+": larger than the 1 MB limit") {
		t.Errorf("endless FIFO: %v", err)
	}
	<-done
}
