package safeout

import (
	"errors"
	"os"
	"path/filepath"
)

// ErrInterrupted is returned by an output begun or finished after
// RemoveTemps: the process is stopping.
var ErrInterrupted = errors.New("interrupted")

// ReplaceDir writes an output folder: it checks dir (CheckDir), fills a fresh
// temporary sibling with fill, adds the marker listing what fill wrote, and
// swaps the result into place. The previous folder is removed only once the
// new one is in place, so a failed or interrupted run leaves it as it was.
func (g *Guard) ReplaceDir(dir string, fill func(tmp string) error) error {
	if err := g.CheckDir(dir); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o777); err != nil {
		return err
	}
	removeStale(dir)
	tmp := tempName(dir)
	if !register(tmp) {
		return ErrInterrupted
	}
	defer func() {
		_ = os.RemoveAll(tmp) // nothing left to remove once swapped in
		unregister(tmp)
	}()
	if err := os.Mkdir(tmp, 0o777); err != nil {
		return err
	}
	err := fill(tmp)
	if isStopping() {
		return ErrInterrupted
	}
	if err != nil {
		return err
	}
	m, err := scanFolder(tmp)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, MarkerName), m.encode(markerHeader), 0o666); err != nil {
		return err
	}

	mu.Lock()
	defer mu.Unlock()
	if stopping {
		return ErrInterrupted
	}
	// The folder may have changed while the run computed: check again.
	if err := g.CheckDir(dir); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tempName(dir)
		if err := os.Rename(dir, old); err != nil {
			return err
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

// scanFolder lists every regular file under root with its size and SHA-256.
func scanFolder(root string) (*manifest, error) {
	m := &manifest{files: map[string]entry{}}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if rel == MarkerName {
			return nil
		}
		if !d.Type().IsRegular() {
			return errors.New(p + ": not a regular file")
		}
		size, sha, err := hashFile(p)
		if err != nil {
			return err
		}
		m.files[filepath.ToSlash(rel)] = entry{size: size, sha: sha}
		return nil
	})
	return m, err
}
