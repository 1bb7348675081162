package results

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAnalysisImportsNothingAbove checks the layering of the project: the
// packages under analysis/ (reading, derived measures, statistics, results)
// import none of the layers built on them — the disparities, the renderers
// and the CLI — so that results and statistics can be reused, and tested,
// without them. Test files count too.
func TestAnalysisImportsNothingAbove(t *testing.T) {
	const module = "github.com/wioa-equity/wioa/"
	above := []string{"disparities", "reports", "cmd"}
	root := ".." // analysis/
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			for _, a := range above {
				if p == module+a || strings.HasPrefix(p, module+a+"/") {
					t.Errorf("%s imports %s: packages under analysis/ must not import %s/", fset.Position(imp.Pos()), p, a)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d Go files found under analysis/: is the test in analysis/results?", files)
	}
}
