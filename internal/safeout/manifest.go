package safeout

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
)

const (
	markerHeader = "# wioa output folder: written by wioa, and replaced whole by the next wioa run into it\n" +
		"# while it holds only the files listed here, unchanged. Delete this file to keep wioa\n" +
		"# from ever replacing the folder.\n"
	filesHeader = "# files written here by wioa: a later wioa run may replace the files listed\n" +
		"# while they are unchanged; any other file is replaced only with --force.\n"
	// maxManifest bounds what is read of a marker or manifest file.
	maxManifest = 4 << 20
)

// entry is one file wioa wrote: its size and SHA-256.
type entry struct {
	size int64
	sha  string
}

func (e entry) matches(p string) (bool, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return false, err
	}
	if fi.Size() != e.size {
		return false, nil
	}
	_, sha, err := hashFile(p)
	return sha == e.sha, err
}

// manifest is the parsed content of a marker or files manifest: relative
// slash-separated path → entry.
type manifest struct {
	files map[string]entry
}

func (m *manifest) hasDir(rel string) bool {
	for p := range m.files {
		if strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

// readManifest reads a manifest whose first lines must be header; anything
// else is not one of ours.
func readManifest(p, header string) (*manifest, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxManifest {
		return nil, fmt.Errorf("%s: larger than %d bytes", p, maxManifest)
	}
	if !bytes.HasPrefix(b, []byte(header)) {
		return nil, fmt.Errorf("%s: not a wioa manifest", p)
	}
	m := &manifest{files: map[string]entry{}}
	sc := bufio.NewScanner(bytes.NewReader(b[len(header):]))
	sc.Buffer(make([]byte, 64<<10), maxManifest)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// "<sha256> <size> <path>": the path may hold spaces.
		parts := strings.SplitN(line, " ", 3)
		if len(parts) != 3 || len(parts[0]) != 64 {
			return nil, fmt.Errorf("%s: malformed line %q", p, line)
		}
		size, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil || size < 0 {
			return nil, fmt.Errorf("%s: malformed line %q", p, line)
		}
		rel := parts[2]
		if rel != path.Clean(rel) || strings.HasPrefix(rel, "../") || rel == ".." || path.IsAbs(rel) {
			return nil, fmt.Errorf("%s: malformed path %q", p, rel)
		}
		m.files[rel] = entry{size: size, sha: parts[0]}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// encode writes the manifest with header, paths sorted, so that the same
// files always give the same bytes.
func (m *manifest) encode(header string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	paths := make([]string, 0, len(m.files))
	for p := range m.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		e := m.files[p]
		fmt.Fprintf(&b, "%s %d %s\n", e.sha, e.size, p)
	}
	return b.Bytes()
}
