package safeout

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// File is a single output file being written: to a temporary file beside
// its path until Commit renames it into place.
type File struct {
	g         *Guard
	path, tmp string
	f         *os.File
	h         hash.Hash
	n         int64
	done      bool
}

// Create checks path (CheckFile) and opens a temporary file beside it. The
// caller writes, then calls Commit, or Abort on failure (Abort after Commit
// does nothing, so it can be deferred).
func (g *Guard) Create(path string) (*File, error) {
	if strings.ContainsAny(filepath.Base(path), "\n\r") {
		return nil, refused(path, "has a line break in its name", "choose another output file")
	}
	if err := g.CheckFile(path); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return nil, err
	}
	removeStale(path)
	tmp := tempName(path)
	if !register(tmp) {
		return nil, ErrInterrupted
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		unregister(tmp)
		return nil, err
	}
	return &File{g: g, path: path, tmp: tmp, f: f, h: sha256.New()}, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	f.h.Write(p[:n])
	f.n += int64(n)
	return n, err
}

// Abort removes the temporary file; the file at the path is left as it was.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	os.Remove(f.tmp)
	unregister(f.tmp)
}

// Commit closes the temporary file, renames it into place and records it in
// the folder's manifest as written by wioa.
func (f *File) Commit() error {
	if f.done {
		return errors.New(f.path + ": already committed or aborted")
	}
	defer f.Abort()
	if err := f.f.Sync(); err != nil {
		return err
	}
	if err := f.f.Close(); err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	if stopping {
		return ErrInterrupted
	}
	// The path may have been created or changed meanwhile: check again.
	if err := f.g.CheckFile(f.path); err != nil {
		return err
	}
	if err := os.Rename(f.tmp, f.path); err != nil {
		return err
	}
	f.done = true
	delete(temps, f.tmp)
	recordFile(f.path, entry{size: f.n, sha: hex.EncodeToString(f.h.Sum(nil))})
	return nil
}

// WriteFile writes data to path as a single output file (Create, Write,
// Commit).
func (g *Guard) WriteFile(path string, data []byte) error {
	f, err := g.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}

// WriteFileFunc writes path as a single output file with what write writes.
func (g *Guard) WriteFileFunc(path string, write func(io.Writer) error) error {
	f, err := g.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}

// recordFile adds path to its folder's manifest. It is best effort (called
// with mu held): a manifest that cannot be written only means a later run
// will need --force to replace the file. A file named FilesName that is not
// a wioa manifest is never touched.
func recordFile(path string, e entry) {
	mpath := filepath.Join(filepath.Dir(path), FilesName)
	m, err := readManifest(mpath, filesHeader)
	if err != nil {
		if _, serr := os.Lstat(mpath); serr == nil {
			return // someone else's file
		}
		m = &manifest{files: map[string]entry{}}
	}
	m.files[filepath.Base(path)] = e
	tmp := tempName(mpath)
	if err := os.WriteFile(tmp, m.encode(filesHeader), 0o666); err != nil {
		os.Remove(tmp)
		return
	}
	if err := os.Rename(tmp, mpath); err != nil {
		os.Remove(tmp)
	}
}
