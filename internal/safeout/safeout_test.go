package safeout

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func fill(files map[string]string) func(string) error {
	return func(tmp string) error {
		for name, body := range files {
			p := filepath.Join(tmp, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(body), 0o666); err != nil {
				return err
			}
		}
		return nil
	}
}

func refusedWith(t *testing.T, err error, want string) {
	t.Helper()
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want a refusal saying %q", err, want)
	}
}

func TestReplaceDirOwnOutputOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	g := NewGuard(false)
	must(t, g.ReplaceDir(dir, fill(map[string]string{"a.md": "one", "plots/x.png": "png"})))
	// Its own output is replaced whole.
	must(t, g.ReplaceDir(dir, fill(map[string]string{"b.md": "two"})))
	if _, err := os.Stat(filepath.Join(dir, "a.md")); !os.IsNotExist(err) {
		t.Error("a file of the previous output survived the replacement")
	}
	// A file added by someone else, a changed file, an extra folder, or a
	// damaged marker make the folder someone else's.
	for name, spoil := range map[string]func(){
		"added":   func() { must(t, os.WriteFile(filepath.Join(dir, "mine.txt"), nil, 0o644)) },
		"changed": func() { must(t, os.WriteFile(filepath.Join(dir, "b.md"), []byte("twO"), 0o644)) },
		"folder":  func() { must(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755)) },
		"marker":  func() { must(t, os.WriteFile(filepath.Join(dir, MarkerName), []byte("# something else\n"), 0o644)) },
	} {
		must(t, os.RemoveAll(dir))
		must(t, g.ReplaceDir(dir, fill(map[string]string{"b.md": "two"})))
		spoil()
		err := g.ReplaceDir(dir, fill(map[string]string{"c.md": "three"}))
		refusedWith(t, err, "wioa")
		if _, err := os.Stat(filepath.Join(dir, "b.md")); err != nil {
			t.Errorf("%s: the refused run removed a file: %v", name, err)
		}
	}
}

// A run interrupted while it fills its folder leaves no temporary folder and
// the previous output as it was.
func TestRemoveTempsDuringFill(t *testing.T) {
	defer func() { mu.Lock(); stopping = false; mu.Unlock() }()
	dir := filepath.Join(t.TempDir(), "out")
	g := NewGuard(false)
	must(t, g.ReplaceDir(dir, fill(map[string]string{"a.md": "one"})))
	var tmpSeen string
	err := g.ReplaceDir(dir, func(tmp string) error {
		tmpSeen = tmp
		must(t, fill(map[string]string{"b.md": "two"})(tmp))
		RemoveTemps() // what the signal handler does
		return nil
	})
	if !errors.Is(err, ErrInterrupted) {
		t.Errorf("err = %v, want ErrInterrupted", err)
	}
	if _, err := os.Stat(tmpSeen); !os.IsNotExist(err) {
		t.Errorf("temporary folder %s still there", tmpSeen)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a.md")); err != nil || string(b) != "one" {
		t.Errorf("previous output: %q, %v", b, err)
	}
	// No new output can start while stopping.
	if _, err := g.Create(filepath.Join(t.TempDir(), "f")); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Create while stopping: %v", err)
	}
}

func TestFileOutputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "pirl.csv")
	must(t, os.WriteFile(in, []byte("data"), 0o644))
	link := filepath.Join(dir, "link.csv")
	must(t, os.Symlink(in, link))
	hard := filepath.Join(dir, "hard.csv")
	must(t, os.Link(in, hard))
	user := filepath.Join(dir, "notes.md")
	must(t, os.WriteFile(user, []byte("mine"), 0o644))

	g := NewGuard(false, in)
	for _, p := range []string{in, link, hard, filepath.Join(dir, "sub", "..", "pirl.csv")} {
		refusedWith(t, g.WriteFile(p, []byte("x")), "is an input")
	}
	forced := NewGuard(true, in)
	refusedWith(t, forced.WriteFile(hard, []byte("x")), "is an input")
	refusedWith(t, g.WriteFile(user, []byte("x")), "--force")
	refusedWith(t, g.WriteFile(dir, []byte("x")), "is a folder")
	if b, _ := os.ReadFile(in); string(b) != "data" {
		t.Fatalf("input changed: %q", b)
	}
	if b, _ := os.ReadFile(user); string(b) != "mine" {
		t.Fatalf("user file changed: %q", b)
	}
	must(t, forced.WriteFile(user, []byte("x")))

	// A file wioa wrote may be rewritten while unchanged.
	out := filepath.Join(dir, "q.md")
	must(t, g.WriteFile(out, []byte("v1")))
	must(t, g.WriteFile(out, []byte("v2")))
	must(t, os.WriteFile(out, []byte("edited"), 0o644))
	refusedWith(t, g.WriteFile(out, []byte("v3")), "was not written by wioa")

	// A foreign file called like the manifest is left alone.
	other := t.TempDir()
	foreign := filepath.Join(other, FilesName)
	must(t, os.WriteFile(foreign, []byte("not ours"), 0o644))
	must(t, g.WriteFile(filepath.Join(other, "a.md"), []byte("a")))
	if b, _ := os.ReadFile(foreign); string(b) != "not ours" {
		t.Errorf("foreign %s rewritten: %q", FilesName, b)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"+tmpTag+"*"))
	if len(left) > 0 {
		t.Errorf("temporaries left: %v", left)
	}
}

// A failed write leaves the previous file as it was and no temporary.
func TestFailedWriteKeepsFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "gen.csv")
	g := NewGuard(false)
	must(t, g.WriteFile(p, []byte("first")))
	boom := errors.New("disk full")
	err := g.WriteFileFunc(p, func(w io.Writer) error {
		w.Write([]byte("half a fi"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Errorf("file after a failed write: %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*"+tmpTag+"*")); len(left) > 0 {
		t.Errorf("temporaries left: %v", left)
	}
	// ... and it is still recognised as wioa's.
	must(t, g.WriteFile(p, []byte("second")))
}

func TestProtectedFolders(t *testing.T) {
	root := t.TempDir()
	t.Setenv("HOME", filepath.Join(root, "home"))
	must(t, os.MkdirAll(filepath.Join(root, "home"), 0o755))
	must(t, os.MkdirAll(filepath.Join(root, "wd", "deep"), 0o755))
	must(t, os.MkdirAll(filepath.Join(root, "data", "sub"), 0o755))
	in := filepath.Join(root, "data", "sub", "pirl.csv")
	must(t, os.WriteFile(in, nil, 0o644))
	t.Chdir(filepath.Join(root, "wd", "deep"))
	g := NewGuard(false, in)
	for dir, want := range map[string]string{
		"/":                                  "root folder",
		filepath.Join(root, "home"):          "home folder",
		".":                                  "working folder",
		"..":                                 "holds the working folder",
		filepath.Join(root, "data"):          "holds an input",
		filepath.Join(root, "data", "sub"):   "holds an input",
		in:                                   "is an input",
		filepath.Join(root, "data", "sub/."): "holds an input",
	} {
		refusedWith(t, g.CheckDir(dir), want)
	}
	must(t, g.CheckDir(filepath.Join(root, "data", "report")))
}
