package cmd

import (
	"fmt"
	"os"
	"path/filepath"
)

// replaceDir fills a temporary sibling of dir and swaps it into place only
// when fill succeeded, so a failed run never leaves half an output folder
// nor destroys the previous one. A previous dir is removed only after the
// new one is in place (and put back if the final rename fails).
func replaceDir(dir string, fill func(tmp string) error) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // no-op once renamed
	if err := fill(tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir) // put the previous output back
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
