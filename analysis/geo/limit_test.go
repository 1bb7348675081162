package geo

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// zeros is an endless reader, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Boundary and crosswalk files beyond their size limit fail with a message
// naming the file and the limit: a big regular (sparse) file from its size,
// an endless stream such as /dev/zero once the limit is read.
func TestSideFileSizeLimits(t *testing.T) {
	dir := t.TempDir()
	sparse := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	defer func(b, c sizelimit.Limit) { sizelimit.Boundaries, sizelimit.Crosswalk = b, c }(sizelimit.Boundaries, sizelimit.Crosswalk)
	for _, tc := range []struct {
		name   string
		limit  *sizelimit.Limit
		path   func(string) error
		stream func(io.Reader, string) error
		want   string
	}{
		{"tracts.geojson", &sizelimit.Boundaries,
			func(p string) error { _, err := ReadBoundaries(p, Options{}); return err },
			func(r io.Reader, n string) error { _, err := ReadBoundariesFrom(r, n, Options{}); return err },
			"limit for a boundary file"},
		{"ZIP_TRACT.csv", &sizelimit.Crosswalk,
			func(p string) error { _, err := ReadCrosswalk(p); return err },
			func(r io.Reader, n string) error { _, err := ReadCrosswalkFrom(r, n); return err },
			"limit for a ZIP–tract crosswalk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := sparse(tc.name, tc.limit.Max+1)
			err := tc.path(p)
			if want := p + ": larger than the " + tc.limit.String() + " " + tc.want; err == nil || err.Error() != want {
				t.Errorf("sparse file: %v, want %q", err, want)
			}
			tc.limit.Max = 1 << 20
			err = tc.stream(zeros{}, "/dev/zero")
			if err == nil || !errors.Is(err, sizelimit.ErrTooLarge) || !strings.Contains(err.Error(), "/dev/zero: larger than the 1 MB "+tc.want) {
				t.Errorf("endless stream: %v", err)
			}
		})
	}
}
