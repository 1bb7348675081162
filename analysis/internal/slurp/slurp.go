// Package slurp reads the small reference files (tract tables, boundary
// files, crosswalks) whole: gzip detected by its magic bytes, a UTF-8
// byte-order mark dropped, and the SHA-256 of the bytes as stored, for
// provenance. Participant files are streamed by analysis/pirl instead.
package slurp

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// All reads r to the end and returns its (decompressed) content and the
// hex SHA-256 of the stored bytes. Errors name the input.
func All(r io.Reader, name string) (data []byte, sha string, err error) {
	h := sha256.New()
	br := bufio.NewReader(io.TeeReader(r, h))
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", name, err)
		}
		src = zr
	}
	data, err = io.ReadAll(src)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %v", name, err)
	}
	// Hash the whole input even if decompression stopped early.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, "", fmt.Errorf("%s: %v", name, err)
	}
	return bytes.TrimPrefix(data, []byte("\ufeff")), hex.EncodeToString(h.Sum(nil)), nil
}
