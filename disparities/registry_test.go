package disparities

import (
	"regexp"
	"testing"
)

// The registry holds exactly the eight disparities of METHODS §3, in order,
// each with a unique id, documentation and a Run function.
func TestRegistry(t *testing.T) {
	want := []string{"poverty-participation", "poverty-credential", "neediest-enrollment", "supportive-services",
		"gender-credential", "gender-wages", "education-level", "hd-clusters"}
	if len(All) != len(want) {
		t.Fatalf("registry holds %d disparities, want %d", len(All), len(want))
	}
	idRE := regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for i, d := range All {
		if d.ID != want[i] {
			t.Errorf("All[%d].ID = %q, want %q", i, d.ID, want[i])
		}
		if !idRE.MatchString(d.ID) || seen[d.ID] {
			t.Errorf("id %q malformed or repeated", d.ID)
		}
		seen[d.ID] = true
		if d.Title == "" || d.Question == "" || len(d.Doc) < 40 || d.Run == nil {
			t.Errorf("%s: missing title, question, doc or Run", d.ID)
		}
		for _, n := range d.Needs {
			if n.What == "" || n.Met == nil {
				t.Errorf("%s: a Need without description or check", d.ID)
			}
		}
		if got, ok := Lookup(d.ID); !ok || got != d {
			t.Errorf("Lookup(%q) failed", d.ID)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup of an unknown id succeeded")
	}
}
