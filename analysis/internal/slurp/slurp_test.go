package slurp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func TestAll(t *testing.T) {
	plain := []byte("\ufeffGEOID,B17001_001E\n13121000100,2000\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	for name, stored := range map[string][]byte{"plain": plain, "gzip": gz.Bytes()} {
		data, sha, err := All(bytes.NewReader(stored), name)
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
	if _, _, err := All(bytes.NewReader(gz.Bytes()[:gz.Len()/2]), "cut.gz"); err == nil || !strings.Contains(err.Error(), "cut.gz") {
		t.Errorf("truncated gzip: err = %v", err)
	}
}
