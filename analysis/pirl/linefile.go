package pirl

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// eachLine reads a small line-per-entry side file (--columns, --layout)
// from r, named name in errors, within the sizelimit.Columns limit: a UTF-8
// byte-order mark is dropped, each line is trimmed of surrounding space,
// lines starting with "#" are comments, and every other line — blank ones
// included — goes to fn with its 1-based number. A line that is not UTF-8
// text, a read error or an error of fn stops it, naming the file and line.
func eachLine(r io.Reader, name string, fn func(line int, text string) error) error {
	sc := bufio.NewScanner(sizelimit.Reader(r, name, sizelimit.Columns))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 {
			t = strings.TrimPrefix(t, "\ufeff")
		}
		t = strings.TrimSpace(t)
		if strings.HasPrefix(t, "#") {
			continue
		}
		if !utf8.ValidString(t) {
			return fmt.Errorf("%s:%d: the line is not UTF-8 text", name, line)
		}
		if err := fn(line, t); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, sizelimit.ErrTooLarge) {
			return err
		}
		return fmt.Errorf("%s:%d: %v", name, line+1, err)
	}
	return nil
}
