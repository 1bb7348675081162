package docs

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// citeRE matches a citation "METHODS §N" or "METHODS §N.M" (also written
// "METHODS.md §N"), and ranges such as "METHODS §N–M" (en dash or hyphen).
// A full stop after the number ends the sentence, not the number:
// "METHODS §N." cites N.
var citeRE = regexp.MustCompile(`METHODS(?:\.md)? §(\d+(?:\.\d+)*)(?:\s*[–-]\s*(\d+(?:\.\d+)*))?`)

// headingRE matches a numbered heading of METHODS.md: "## 4. Statistics",
// "### 4.1 Rates and rate comparisons".
var headingRE = regexp.MustCompile(`^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s`)

// crossRE matches a cross-reference inside METHODS.md ("§2.3", "§4–5");
// "EP §n" cites EXPECTED_PUBLISHED.md and is left alone.
var crossRE = regexp.MustCompile(`(EP )?§(\d+(?:\.\d+)*)(?:\s*[–-]\s*(\d+(?:\.\d+)*))?`)

// sections returns the section numbers of the numbered headings of a
// METHODS.md text.
func sections(t *testing.T, text string) map[string]bool {
	t.Helper()
	have := map[string]bool{}
	inFence := false
	for line := range strings.SplitSeq(text, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if m := headingRE.FindStringSubmatch(line); m != nil && !inFence {
			have[m[1]] = true
		}
	}
	return have
}

func readMethods(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("METHODS.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// citation is one "METHODS §…" found in a file.
type citation struct {
	where   string // path:line
	section string
}

// citations scans every .go and .md file under root (the repository) for
// METHODS citations; a range cites both ends.
func citations(t *testing.T, root string) (cites []citation, files int) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == ".git" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(path); ext != ".go" && ext != ".md" {
			return nil
		}
		files++
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(root, path)
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
		for line := 1; sc.Scan(); line++ {
			for _, m := range citeRE.FindAllStringSubmatch(sc.Text(), -1) {
				where := filepath.ToSlash(rel) + ":" + itoa(line)
				cites = append(cites, citation{where, m[1]})
				if m[2] != "" {
					cites = append(cites, citation{where, m[2]})
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return cites, files
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

// TestEveryCitedSectionExists fails when any "METHODS §N" or "METHODS §N.M"
// in the repository's Go or Markdown files names a section that
// docs/METHODS.md has no heading for.
func TestEveryCitedSectionExists(t *testing.T) {
	have := sections(t, readMethods(t))
	root := ".."
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from docs/: %v", err)
	}
	cites, files := citations(t, root)
	// A walker that found nothing would pass vacuously.
	if files < 50 || len(cites) < 20 {
		t.Fatalf("scanned %d files and found %d citations: the scan is broken", files, len(cites))
	}
	missing := map[string][]string{}
	for _, c := range cites {
		if !have[c.section] {
			missing[c.section] = append(missing[c.section], c.where)
		}
	}
	var keys []string
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("METHODS §%s is cited but docs/METHODS.md has no heading numbered %s; cited at %s",
			k, k, strings.Join(missing[k], ", "))
	}
}

// TestCrossReferencesResolve: every "§N" inside METHODS.md itself names one
// of its own headings.
func TestCrossReferencesResolve(t *testing.T) {
	text := readMethods(t)
	have := sections(t, text)
	for i, line := range strings.Split(text, "\n") {
		for _, m := range crossRE.FindAllStringSubmatch(line, -1) {
			if m[1] != "" {
				continue // EXPECTED_PUBLISHED.md's sections
			}
			for _, n := range m[2:] {
				if n != "" && !have[n] {
					t.Errorf("METHODS.md:%d: §%s has no heading", i+1, n)
				}
			}
		}
	}
}

// TestSectionsNumberedInOrder: top-level sections run 1, 2, 3, … and each
// subsection N.M follows N.(M−1), so that a number is never reused for
// something else by a stray edit.
func TestSectionsNumberedInOrder(t *testing.T) {
	var top, sub int
	for i, line := range strings.Split(readMethods(t), "\n") {
		m := headingRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		parts := strings.Split(m[1], ".")
		switch len(parts) {
		case 1:
			top++
			sub = 0
			if parts[0] != itoa(top) {
				t.Errorf("METHODS.md:%d: section %s, want %d", i+1, m[1], top)
			}
		case 2:
			sub++
			if want := itoa(top) + "." + itoa(sub); m[1] != want {
				t.Errorf("METHODS.md:%d: section %s, want %s", i+1, m[1], want)
			}
		}
	}
	if top == 0 {
		t.Fatal("METHODS.md has no numbered sections")
	}
}

// TestCitationPattern checks the citation scanner on the forms the code
// uses. The cases are built from cite so that this file cites nothing.
func TestCitationPattern(t *testing.T) {
	const cite = "METHODS" + " §"
	for in, want := range map[string][]string{
		"(" + cite + "2)":                       {"2"},
		cite + "3.":                             {"3"},
		cite + "1.2: one row":                   {"1.2"},
		"of " + cite + "4–5. Defaults":          {"4", "5"},
		cite + "4-5":                            {"4", "5"},
		"docs/METHODS.md §2.1":                  {"2.1"},
		"METHODS' defaults":                     nil,
		"(METHODS asks for 2,000)":              nil,
		cite + "6, byte-identical":              {"6"},
		"see " + cite + "2.3 and " + cite + "5": {"2.3", "5"},
	} {
		var got []string
		for _, m := range citeRE.FindAllStringSubmatch(in, -1) {
			got = append(got, m[1])
			if m[2] != "" {
				got = append(got, m[2])
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%q: cites %q, want %q", in, got, want)
		}
	}
}
