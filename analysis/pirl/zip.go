package pirl

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/klauspost/compress/flate"

	"archive/zip"
)

const zipMagic = "PK\x03\x04"

// isZip reports whether an open regular file starts like a zip archive.
func isZip(f *os.File) bool {
	var m [4]byte
	n, _ := f.ReadAt(m[:], 0)
	return n == 4 && string(m[:]) == zipMagic
}

// readZip reads one member of a zip archive (DOL ships the public-use file
// as one CSV in a .zip): the only file in it, or opts.Member. The member is
// inflated as a stream, never extracted; the archive is hashed as stored
// alongside, so Quality.SHA256 and Bytes are the .zip's, Quality.File the
// archive and Quality.Member the member. Messages name "archive (member)".
func readZip(f *os.File, name string, opts Options, size int64, blockSize int) (*Data, error) {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable zip archive: %v", name, err)
	}
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return flate.NewReader(r) })
	m, err := zipMember(name, zr, opts.Member)
	if err != nil {
		return nil, err
	}
	rc, err := m.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: member %s: %v", name, m.Name, err)
	}
	defer rc.Close()
	type sum struct {
		hex string
		n   int64
		err error
	}
	done := make(chan sum, 1)
	go func() {
		h := sha256.New()
		n, err := io.Copy(h, io.NewSectionReader(f, 0, size))
		done <- sum{hex.EncodeToString(h.Sum(nil)), n, err}
	}()
	o := opts
	o.noHash, o.Member = true, ""
	msize := int64(-1)
	if m.UncompressedSize64 > 0 && m.UncompressedSize64 < 1<<62 {
		msize = int64(m.UncompressedSize64)
	}
	d, err := read(rc, name+" ("+m.Name+")", o, msize, blockSize)
	s := <-done
	if d == nil {
		return nil, err
	}
	if s.err != nil {
		return nil, fmt.Errorf("%s: %v", name, s.err)
	}
	q := &d.Quality
	q.File, q.Member, q.SHA256, q.Bytes = name, m.Name, s.hex, s.n
	return d, err
}

// zipMember picks the member to read: want (by its name in the archive,
// or its base name), else the only file. Folders, macOS resource forks
// (__MACOSX/, ._name) are not files to read.
func zipMember(name string, zr *zip.Reader, want string) (*zip.File, error) {
	var files []*zip.File
	excel := false
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(path.Base(f.Name), "._") {
			continue
		}
		excel = excel || f.Name == "xl/workbook.xml"
		files = append(files, f)
	}
	if excel {
		return nil, fmt.Errorf("%s:1: not a delimited text file: it is an Excel .xlsx workbook; export it as CSV first", name)
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	sort.Strings(names)
	list := func() string {
		const show = 20
		if len(names) > show {
			return strings.Join(names[:show], ", ") + fmt.Sprintf(", … and %d more", len(names)-show)
		}
		return strings.Join(names, ", ")
	}
	if want != "" {
		for _, f := range files {
			if f.Name == want {
				return f, nil
			}
		}
		var base []*zip.File
		for _, f := range files {
			if path.Base(f.Name) == want {
				base = append(base, f)
			}
		}
		if len(base) == 1 {
			return base[0], nil
		}
		return nil, fmt.Errorf("%s: the archive has no member %q (members: %s)", name, want, list())
	}
	switch len(files) {
	case 0:
		return nil, fmt.Errorf("%s: the zip archive holds no file", name)
	case 1:
		return files[0], nil
	}
	return nil, fmt.Errorf("%s: the zip archive holds %d files; choose one with --member NAME: %s", name, len(files), list())
}
