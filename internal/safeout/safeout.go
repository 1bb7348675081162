// Package safeout writes the tool's outputs so that no run can destroy a file
// or folder the tool did not write.
//
// Folders (report, indicators, trend) are filled in a temporary sibling and
// swapped into place. An existing folder is replaced only when it is empty or
// when wioa wrote it: every output folder carries a marker file, MarkerName,
// listing each file written with its size and SHA-256, and a folder is
// replaced only while it holds exactly those files, unchanged. A folder that
// holds an input of the run, an ancestor of one, the working folder or one of
// its ancestors, $HOME or / is never replaced, whatever it holds.
//
// Single files (validate --out, check --write-baseline, generate, tracts
// fetch, profiles) are written to a temporary file in the same folder and
// renamed into place. An existing file is replaced only when wioa wrote it —
// recorded, with its size and SHA-256, in the folder's FilesName manifest —
// or when the caller passes force. An input of the run is never replaced.
//
// Temporary files and folders are registered while they exist, so that
// RemoveTemps (called on SIGINT/SIGTERM) removes them; those left by a killed
// run carry its process id in their name and are removed by the next run into
// the same place once that process is gone. Everything is created with mode
// 0777 or 0666 and so gets the umask's permissions, never wider.
package safeout

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MarkerName is the file in every output folder that says wioa wrote it and
// lists what it wrote.
const MarkerName = ".wioa-output"

// FilesName is the manifest, in a folder where wioa wrote single files, of
// the files it wrote there.
const FilesName = ".wioa-files"

// RefusedError reports an output the tool will not write because it could
// destroy something it did not write. Commands exit 2 for it.
type RefusedError struct {
	Path   string // the output path as the user gave it
	Reason string // why, e.g. "exists and was not written by wioa"
	Advice string // what to do instead
}

func (e *RefusedError) Error() string {
	msg := e.Path + " " + e.Reason
	if e.Advice != "" {
		msg += ": " + e.Advice
	}
	return msg
}

func refused(path, reason, advice string) error {
	return &RefusedError{Path: path, Reason: reason, Advice: advice}
}

// Guard knows the inputs of one run, so that no output lands on them.
type Guard struct {
	inputs []input
	// Force allows replacing an existing file that wioa did not write (never
	// an input, never a folder).
	Force bool
}

type input struct {
	abs  string      // absolute, symbolic links resolved where possible
	info os.FileInfo // nil when it could not be read
}

// NewGuard returns a guard for a run reading the given inputs; empty names
// and "-" (standard input) are ignored.
func NewGuard(force bool, inputs ...string) *Guard {
	g := &Guard{Force: force}
	g.AddInput(inputs...)
	return g
}

// AddInput records more inputs of the run. A folder given as an input (a
// report folder read for its results.json) counts as an input itself. A path
// that does not exist is left out: there is nothing there to protect, and
// reading it will fail with its own message.
func (g *Guard) AddInput(paths ...string) {
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		g.inputs = append(g.inputs, input{abs: resolve(p), info: fi})
	}
}

// resolve returns p as an absolute, clean path with symbolic links resolved
// as far as the path exists.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = filepath.Clean(p)
	}
	// Resolve the longest existing prefix, then append the rest.
	rest := ""
	cur := abs
	for {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p is dir or lies inside it (both resolved).
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// isInput reports whether path (which may exist or not) names an input.
func (g *Guard) isInput(path string) bool {
	abs := resolve(path)
	fi, statErr := os.Stat(path)
	for _, in := range g.inputs {
		if in.abs == abs {
			return true
		}
		if statErr == nil && in.info != nil && os.SameFile(fi, in.info) {
			return true
		}
	}
	return false
}

// protectedDir says why dir may never be replaced, or "".
func (g *Guard) protectedDir(dir string) string {
	abs := resolve(dir)
	if abs == filepath.Dir(abs) {
		return "is the root folder"
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && abs == resolve(home) {
		return "is your home folder"
	}
	if wd, err := os.Getwd(); err == nil {
		wd = resolve(wd)
		if abs == wd {
			return "is the working folder"
		}
		if within(wd, abs) {
			return "holds the working folder"
		}
	}
	for _, in := range g.inputs {
		if in.abs == abs {
			return "is an input of this run"
		}
		if within(in.abs, abs) {
			return "holds an input of this run (" + filepath.Base(in.abs) + ")"
		}
	}
	return ""
}

// CheckDir reports whether dir may be replaced by an output folder: it does
// not exist, or is an empty folder, or a folder wioa wrote that holds only
// what wioa wrote there, and it is not protected. The error is a
// *RefusedError saying what to do.
func (g *Guard) CheckDir(dir string) error {
	if dir == "" {
		return refused(`""`, "is not a folder name", "give --out DIR")
	}
	if why := g.protectedDir(dir); why != "" {
		return refused(dir, why, "choose another --out")
	}
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return refused(dir, "cannot be checked ("+errText(err)+")", "choose another --out")
	case fi.Mode()&os.ModeSymlink != 0:
		return refused(dir, "is a symbolic link", "choose another --out, or give the folder it points to")
	case !fi.IsDir():
		return refused(dir, "exists and is not a folder", "choose another --out")
	}
	return checkOwnFolder(dir)
}

// checkOwnFolder accepts an empty folder or one wioa wrote and nobody changed.
func checkOwnFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return refused(dir, "cannot be read ("+errText(err)+")", "choose another --out")
	}
	if len(entries) == 0 {
		return nil
	}
	notOurs := func() error {
		return refused(dir, "exists and was not written by wioa", "choose another --out, or remove it yourself")
	}
	m, err := readManifest(filepath.Join(dir, MarkerName), markerHeader)
	if err != nil {
		return notOurs()
	}
	var foreign []string
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == MarkerName:
			return nil
		case d.IsDir():
			if !m.hasDir(rel) {
				foreign = append(foreign, rel+"/")
				return filepath.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			foreign = append(foreign, rel)
			return nil
		}
		e, ok := m.files[rel]
		if !ok {
			foreign = append(foreign, rel)
			return nil
		}
		if same, err := e.matches(p); err != nil || !same {
			foreign = append(foreign, rel+" (changed since wioa wrote it)")
		}
		return nil
	})
	if err != nil {
		return refused(dir, "cannot be read ("+errText(err)+")", "choose another --out")
	}
	if len(foreign) > 0 {
		list := foreign
		more := ""
		if len(list) > 3 {
			list, more = list[:3], fmt.Sprintf(" and %d more", len(foreign)-3)
		}
		return refused(dir, "was written by wioa but now holds files it did not write ("+strings.Join(list, ", ")+more+")",
			"move them out, or choose another --out")
	}
	return nil
}

// CheckFile reports whether path may be written as a single output file: it
// is not an input, not a folder, and does not exist, or wioa wrote it and it
// is unchanged, or Force is set.
func (g *Guard) CheckFile(path string) error {
	if path == "" {
		return refused(`""`, "is not a file name", "give a file name")
	}
	if g.isInput(path) {
		return refused(path, "is an input of this run", "choose another output file")
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return refused(path, "cannot be checked ("+errText(err)+")", "choose another output file")
	case fi.IsDir():
		return refused(path, "is a folder", "give a file name")
	case g.Force:
		return nil
	}
	if fi.Mode().IsRegular() {
		if m, err := readManifest(filepath.Join(filepath.Dir(path), FilesName), filesHeader); err == nil {
			if e, ok := m.files[filepath.Base(path)]; ok {
				if same, err := e.matches(path); err == nil && same {
					return nil
				}
			}
		}
	}
	return refused(path, "exists and was not written by wioa", "choose another file, or add --force to replace it")
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// hashFile returns the size and hex SHA-256 of the file at p.
func hashFile(p string) (int64, string, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
