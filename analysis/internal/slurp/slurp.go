// Package slurp reads the small reference files (tract tables, boundary
// files, crosswalks) whole: gzip detected by its magic bytes, a UTF-8
// byte-order mark dropped, and the SHA-256 of the bytes as stored, for
// provenance. Each kind of file has a size limit (internal/sizelimit).
// Participant files are streamed by analysis/pirl instead.
package slurp

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// All reads r to the end and returns its (decompressed) content and the
// hex SHA-256 of the stored bytes. Errors name the input. More than
// limit.Max bytes as stored, or once decompressed, is a *sizelimit.Error.
func All(r io.Reader, name string, limit sizelimit.Limit) (data []byte, sha string, err error) {
	h := sha256.New()
	br := bufio.NewReader(io.TeeReader(sizelimit.Reader(r, name, limit), h))
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", name, err)
		}
		src = sizelimit.DecompressedReader(zr, name, limit)
	}
	data, err = io.ReadAll(src)
	if err != nil {
		return nil, "", wrap(name, err)
	}
	// Hash the whole input even if decompression stopped early.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, "", wrap(name, err)
	}
	return bytes.TrimPrefix(data, []byte("\ufeff")), hex.EncodeToString(h.Sum(nil)), nil
}

// wrap names the input in a read error; a size-limit error names it already.
func wrap(name string, err error) error {
	if errors.Is(err, sizelimit.ErrTooLarge) {
		return err
	}
	return fmt.Errorf("%s: %v", name, err)
}
