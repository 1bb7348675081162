package pirl

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress writes a one-line progress report to a terminal, at most a few
// times a second. Anything that is not a terminal gets nothing, so logs and
// test output stay clean.
type progress struct {
	w     io.Writer
	size  int64 // bytes as stored; -1 unknown
	gz    bool
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, size int64, gz bool) *progress {
	p := &progress{size: size, gz: gz, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.w = w
		}
	}
	p.last = p.start
	return p
}

func (p *progress) update(done int64, rows int) {
	if p.w == nil {
		return
	}
	t := time.Now()
	if t.Sub(p.last) < 250*time.Millisecond {
		return
	}
	p.last = t
	el := t.Sub(p.start).Seconds()
	rate := float64(done) / el / 1e6
	left := ""
	if p.size > 0 && done > 0 && done <= p.size {
		s := el * float64(p.size-done) / float64(done)
		left = fmt.Sprintf(", %s left", time.Duration(s*float64(time.Second)).Round(time.Second))
	}
	fmt.Fprintf(p.w, "\rreading: %d rows, %.0f MB/s%s   ", rows, rate, left)
	p.shown = true
}

func (p *progress) finish() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
