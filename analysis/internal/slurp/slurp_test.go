package slurp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

func TestAll(t *testing.T) {
	plain := []byte("\ufeffGEOID,B17001_001E\n13121000100,2000\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	for name, stored := range map[string][]byte{"plain": plain, "gzip": gz.Bytes()} {
		data, sha, err := All(bytes.NewReader(stored), name, sizelimit.Tracts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(data) != string(plain[3:]) {
			t.Errorf("%s: content %q, want the text without its byte-order mark", name, data)
		}
		want := sha256.Sum256(stored) // of the bytes as stored, not as decompressed
		if sha != hex.EncodeToString(want[:]) {
			t.Errorf("%s: sha %s, want %x", name, sha, want)
		}
	}
	// A truncated gzip stream is an error naming the input.
	if _, _, err := All(bytes.NewReader(gz.Bytes()[:gz.Len()/2]), "cut.gz", sizelimit.Tracts); err == nil || !strings.Contains(err.Error(), "cut.gz") {
		t.Errorf("truncated gzip: err = %v", err)
	}
}

// zeros is an endless reader, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Beyond the limit, as stored or once decompressed (a gzip bomb), the read
// stops with a message naming the file and the limit.
func TestAllLimit(t *testing.T) {
	l := sizelimit.Limit{Max: 1 << 20, What: "a tract file"}
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	if _, err := io.CopyN(zw, zeros{}, 8<<20); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	if bomb.Len() >= int(l.Max) {
		t.Fatalf("the bomb is %d bytes compressed", bomb.Len())
	}
	for _, tc := range []struct {
		name string
		r    io.Reader
		want string
	}{
		{"zeros", zeros{}, "zeros: larger than the 1 MB limit for a tract file"},
		{"big.csv", io.LimitReader(zeros{}, l.Max+1), "big.csv: larger than the 1 MB limit for a tract file"},
		{"bomb.gz", bytes.NewReader(bomb.Bytes()), "bomb.gz: larger than the 1 MB limit for a tract file once decompressed"},
	} {
		_, _, err := All(tc.r, tc.name, l)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if !errors.Is(err, sizelimit.ErrTooLarge) {
			t.Errorf("%s: %v is not ErrTooLarge", tc.name, err)
		}
	}
	if _, _, err := All(io.LimitReader(zeros{}, l.Max), "exact", l); err != nil {
		t.Errorf("exactly at the limit: %v", err)
	}
}
