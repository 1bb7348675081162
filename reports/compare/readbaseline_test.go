package compare

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// A baseline is read with a size limit: a file beyond it (a sparse file,
// nothing written) or an endless device fails naming the file and the
// limit; a real baseline reads as ParseBaseline reads it.
func TestReadBaselineSizeLimit(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "published.yaml")
	if err := os.WriteFile(ok, []byte("entries:\n  - {disparity: a, measure: b, group: c, published: 1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if bl, err := ReadBaseline(ok); err != nil || len(bl.Entries) != 1 || bl.Name != ok {
		t.Errorf("baseline: %+v, %v", bl, err)
	}
	if _, err := ReadBaseline(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing baseline: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(sizelimit.Baseline.Max + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadBaseline(big)
	if want := big + ": larger than the 64 MB limit for a baseline file"; err == nil || err.Error() != want {
		t.Errorf("sparse file: %v, want %q", err, want)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	defer func(l sizelimit.Limit) { sizelimit.Baseline = l }(sizelimit.Baseline)
	sizelimit.Baseline.Max = 1 << 20
	if _, err := ReadBaseline("/dev/zero"); !errors.Is(err, sizelimit.ErrTooLarge) || !strings.Contains(err.Error(), "/dev/zero: larger than the 1 MB limit") {
		t.Errorf("/dev/zero: %v", err)
	}
}
