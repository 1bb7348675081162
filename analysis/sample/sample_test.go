package sample

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io"
	"os"
	"testing"

	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/analysis/tracts"
)

var update = flag.Bool("update", false, "rewrite pirl.csv.gz and tracts.csv from Config")

// TestEmbeddedMatchesGenerator regenerates the sample and compares it with the
// embedded files. The participant file is compared after decompression:
// compress/flate output may change between Go releases, the content may not.
func TestEmbeddedMatchesGenerator(t *testing.T) {
	var p, tr bytes.Buffer
	sum, err := synth.Generate(&p, &tr, Config())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(p.Bytes())
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("pirl.csv.gz", gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("tracts.csv", tr.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote pirl.csv.gz (%d bytes, %d rows) and tracts.csv; rebuild to embed them", gz.Len(), sum.Rows)
		return
	}
	got, err := io.ReadAll(PIRL())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, p.Bytes()) {
		t.Errorf("embedded pirl.csv.gz (%d bytes of CSV) differs from the generator's output (%d bytes); run go test ./analysis/sample -update", len(got), p.Len())
	}
	gotTr, _ := io.ReadAll(Tracts())
	if !bytes.Equal(gotTr, tr.Bytes()) {
		t.Error("embedded tracts.csv differs from the generator's output; run go test ./analysis/sample -update")
	}
	s := sha256.Sum256(p.Bytes())
	if PIRLSHA256() != hex.EncodeToString(s[:]) || len(TractsSHA256()) != 64 {
		t.Errorf("digests %s %s", PIRLSHA256(), TractsSHA256())
	}
	if gz, _ := io.ReadAll(PIRLGzip()); len(gz) == 0 || gz[0] != 0x1f {
		t.Error("PIRLGzip is not gzip")
	}
}

func TestTractsReadable(t *testing.T) {
	if *update {
		t.Skip("the embedded files are being rewritten")
	}
	tab, err := tracts.ReadFrom(Tracts(), TractsName, tracts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows() != TractCount || tab.Used["aland"] != "ALAND" || tab.Used["population"] != "B01003_001E" {
		t.Errorf("rows %d, used %v", tab.Rows(), tab.Used)
	}
}
