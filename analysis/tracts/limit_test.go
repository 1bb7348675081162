package tracts

import (
	"errors"
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

// A tract file beyond its size limit fails with a message naming the file
// and the limit, instead of being read into memory without end: a big
// regular (sparse) file from its size, a stream such as /dev/zero once the
// limit is read.
func TestReadSizeLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "tracts.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(sizelimit.Tracts.Max + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Read(big, Options{})
	if want := big + ": larger than the 256 MB limit for a tract file"; err == nil || err.Error() != want {
		t.Errorf("sparse file: %v, want %q", err, want)
	}

	defer func(l sizelimit.Limit) { sizelimit.Tracts = l }(sizelimit.Tracts)
	sizelimit.Tracts.Max = 1 << 20 // a stream need not be read to 256 MB to test the limit
	_, err = ReadFrom(zeros{}, "/dev/zero", Options{})
	if err == nil || !errors.Is(err, sizelimit.ErrTooLarge) || !strings.Contains(err.Error(), "/dev/zero: larger than the 1 MB limit for a tract file") {
		t.Errorf("endless stream: %v", err)
	}
}
