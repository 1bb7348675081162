package sizelimit

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zeros is an endless reader, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReader(t *testing.T) {
	l := Limit{Max: 10, What: "a test file"}
	for _, tc := range []struct {
		name string
		in   io.Reader
		want int    // bytes returned
		err  string // "" for none
	}{
		{"empty", strings.NewReader(""), 0, ""},
		{"under", strings.NewReader("123456789"), 9, ""},
		{"exactly", strings.NewReader("1234567890"), 10, ""},
		{"one over", strings.NewReader("12345678901"), 10, "x.txt: larger than the 10 bytes limit for a test file"},
		{"endless", zeros{}, 10, "x.txt: larger than the 10 bytes limit for a test file"},
		{"byte by byte", io.MultiReader(strings.NewReader("12345"), strings.NewReader("67890"), strings.NewReader("1")), 10, "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ReadAll(tc.in, "x.txt", l)
			if len(b) != tc.want {
				t.Errorf("read %d bytes, want %d", len(b), tc.want)
			}
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, ErrTooLarge)):
				t.Errorf("error %v, want %q matching ErrTooLarge", err, tc.err)
			}
		})
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		max  int64
		want string
	}{{256 << 20, "256 MB"}, {1 << 30, "1 GB"}, {3 << 10, "3 KB"}, {1000, "1000 bytes"}} {
		if got := (Limit{Max: tc.max}).String(); got != tc.want {
			t.Errorf("%d: %q, want %q", tc.max, got, tc.want)
		}
	}
	e := &Error{Name: "tracts.csv", Limit: Tracts}
	if got, want := e.Error(), "tracts.csv: larger than the 256 MB limit for a tract file"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// A regular file over the limit is refused from its size, without being
// read (a sparse file: no data is written); one at the limit reads whole.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	l := Limit{Max: 64 << 20, What: "a test file"}
	big := filepath.Join(dir, "big")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(l.Max + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadFile(big, l); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), big+": larger than the 64 MB limit") {
		t.Errorf("sparse file over the limit: %v", err)
	}
	if _, err := Open(big, l); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Open: %v", err)
	}
	ok := filepath.Join(dir, "ok")
	if err := os.WriteFile(ok, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadFile(ok, Limit{Max: 5})
	if err != nil || !bytes.Equal(b, []byte("hello")) {
		t.Errorf("file at the limit: %q, %v", b, err)
	}
	if _, err := ReadFile(ok, Limit{Max: 4}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("file one byte over: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), l); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// /dev/zero has no size: the limit stops the read.
func TestReadFileDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	if _, err := ReadFile("/dev/zero", Limit{Max: 1 << 20, What: "a test file"}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("/dev/zero: %v", err)
	}
}
