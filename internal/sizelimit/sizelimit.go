// Package sizelimit reads the side files of a run (configuration, baseline,
// column mapping, tract file, boundaries, ZIP crosswalk, results.json) with
// an upper bound on their size, so that a wrong path such as /dev/zero, a
// FIFO that never ends or a gzip bomb fails with a clear message instead of
// filling memory. Participant files are streamed and not limited here.
//
// The limits are documented in the README (Configuration) and are generous
// for real files: a whole state's tract boundaries as GeoJSON are ~100+ MB,
// a national tract table a few MB, results.json at most tens of MB.
package sizelimit

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Limit is the largest size accepted for one kind of file.
type Limit struct {
	Max  int64  // bytes, as stored and (for gzip files) once decompressed
	What string // the kind of file, for messages: "a tract file"
}

// The limits of each kind of side file. They are variables so that tests
// can lower them; nothing else changes them.
var (
	Config     = Limit{16 << 20, "a configuration file"}
	Baseline   = Limit{64 << 20, "a baseline file"}
	Columns    = Limit{1 << 20, "a column mapping file"}
	Tracts     = Limit{256 << 20, "a tract file"}
	Crosswalk  = Limit{256 << 20, "a ZIP–tract crosswalk"}
	Boundaries = Limit{1 << 30, "a boundary file"}
	Results    = Limit{256 << 20, "results.json"}
)

// String renders the limit's size: "256 MB" (MB = 2^20 bytes).
func (l Limit) String() string {
	switch {
	case l.Max >= 1<<30 && l.Max%(1<<30) == 0:
		return fmt.Sprintf("%d GB", l.Max>>30)
	case l.Max >= 1<<20 && l.Max%(1<<20) == 0:
		return fmt.Sprintf("%d MB", l.Max>>20)
	case l.Max >= 1<<10 && l.Max%(1<<10) == 0:
		return fmt.Sprintf("%d KB", l.Max>>10)
	}
	return fmt.Sprintf("%d bytes", l.Max)
}

// ErrTooLarge is matched (errors.Is) by every *Error.
var ErrTooLarge = errors.New("file larger than its size limit")

// Error says that a file is larger than its limit.
type Error struct {
	Name         string
	Limit        Limit
	Decompressed bool // the limit was reached decompressing a gzip file
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s: larger than the %s limit for %s", e.Name, e.Limit, e.Limit.What)
	if e.Decompressed {
		s += " once decompressed"
	}
	return s
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *Error) Is(target error) bool { return target == ErrTooLarge }

// Reader returns a reader of r that returns at most l.Max bytes, and then
// an *Error naming name if r holds more.
func Reader(r io.Reader, name string, l Limit) io.Reader {
	return &reader{r: r, left: l.Max, err: &Error{Name: name, Limit: l}}
}

// DecompressedReader is Reader for the decompressed content of a file.
func DecompressedReader(r io.Reader, name string, l Limit) io.Reader {
	return &reader{r: r, left: l.Max, err: &Error{Name: name, Limit: l, Decompressed: true}}
}

type reader struct {
	r    io.Reader
	left int64 // bytes still allowed; -1 once the limit was passed
	err  *Error
}

func (l *reader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.err
	}
	// Read one byte past the limit, to tell "exactly Max" from "more".
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - 1, l.err
	}
	return n, err
}

// ReadAll reads r to the end, failing with an *Error beyond l.Max bytes.
func ReadAll(r io.Reader, name string, l Limit) ([]byte, error) {
	return io.ReadAll(Reader(r, name, l))
}

// Open opens path for reading, refusing at once a regular file larger
// than l.Max. Wrap the file in Reader too: devices, pipes and files that
// grow have no meaningful size.
func Open(path string, l Limit) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > l.Max {
		f.Close()
		return nil, &Error{Name: path, Limit: l}
	}
	return f, nil
}

// ReadFile reads path whole, failing with an *Error when it holds more than
// l.Max bytes (at once for a regular file, without reading it).
func ReadFile(path string, l Limit) ([]byte, error) {
	f, err := Open(path, l)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf []byte
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		buf = make([]byte, 0, fi.Size()+512)
	}
	r := Reader(f, path, l)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
