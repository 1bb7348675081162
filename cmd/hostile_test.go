package cmd

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/sample"
	"github.com/wioa-equity/wioa/internal/safeout"
)

// readTree returns every regular file under root: path relative to root →
// content.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	must(t, err)
	return files
}

// hostileWorld is a folder laid out as a user's: their only copy of an
// extract with its tract file, a thesis under git, notes, and a home folder.
type hostileWorld struct{ dir string }

func (w hostileWorld) p(rel string) string { return filepath.Join(w.dir, filepath.FromSlash(rel)) }

func newHostileWorld(t *testing.T) hostileWorld {
	t.Helper()
	w := hostileWorld{t.TempDir()}
	write := func(rel string, r io.Reader) {
		must(t, os.MkdirAll(filepath.Dir(w.p(rel)), 0o755))
		b, err := io.ReadAll(r)
		must(t, err)
		must(t, os.WriteFile(w.p(rel), b, 0o644))
	}
	write("data/pirl.csv.gz", sample.PIRL())
	write("data/tracts.csv", sample.Tracts())
	write("data/sub/pirl.csv.gz", sample.PIRL())
	write("thesis/chapter1.tex", strings.NewReader("\\chapter{Equity}\n"))
	write("thesis/.git/HEAD", strings.NewReader("ref: refs/heads/main\n"))
	write("notes.txt", strings.NewReader("my notes\n"))
	write("published.yaml", strings.NewReader("entries: []\n"))
	write("home/.profile", strings.NewReader("export X=1\n"))
	must(t, os.MkdirAll(w.p("empty"), 0o755))
	must(t, os.Symlink(w.p("thesis"), w.p("link")))
	return w
}

// TestHostileUser runs every command the way a careless or unlucky user
// would, against a folder of files that must survive, and checks the exit
// code, the message and — for every file that existed before — its bytes.
func TestHostileUser(t *testing.T) {
	type tc struct {
		name string
		// prep may run commands first (their outputs then count as
		// existing files) and returns the arguments of the command tested.
		prep func(t *testing.T, w hostileWorld) []string
		code int
		want string
		// changes lists the existing files the command may replace.
		changes []string
	}
	args := func(a ...string) func(*testing.T, hostileWorld) []string {
		return func(t *testing.T, w hostileWorld) []string {
			out := make([]string, len(a))
			for i, s := range a {
				// "@rel" is a path in the world.
				if strings.HasPrefix(s, "@") {
					s = w.p(s[1:])
				}
				out[i] = s
			}
			return out
		}
	}
	report := func(t *testing.T, w hostileWorld, out string) {
		t.Helper()
		if _, errs, code := run(t, "report", w.p("data/pirl.csv.gz"), "--tracts", w.p("data/tracts.csv"), "--no-plots", "--only", "gender-wages,education-level", "--out", w.p(out)); code != ExitOK {
			t.Fatal(errs)
		}
	}
	cases := []tc{
		// Folders.
		{"report into a thesis folder", args("report", "--no-plots", "--out", "@thesis"), ExitUsage, "exists and was not written by wioa: choose another --out, or remove it yourself", nil},
		{"report into the input's folder", args("report", "@data/pirl.csv.gz", "--no-plots", "--out", "@data"), ExitUsage, "holds an input of this run (pirl.csv.gz)", nil},
		{"report into an ancestor of the input", args("report", "@data/sub/pirl.csv.gz", "--no-plots", "--out", "@data"), ExitUsage, "holds an input of this run", nil},
		{"report into the tract file's folder", args("report", "--tracts", "@data/tracts.csv", "--no-plots", "--out", "@data"), ExitUsage, "holds an input of this run (tracts.csv)", nil},
		{"report onto the input file", args("report", "@data/pirl.csv.gz", "--no-plots", "--out", "@data/pirl.csv.gz"), ExitUsage, "is an input of this run", nil},
		{"report onto a file", args("report", "--no-plots", "--out", "@notes.txt"), ExitUsage, "exists and is not a folder", nil},
		{"report through a symbolic link", args("report", "--no-plots", "--out", "@link"), ExitUsage, "is a symbolic link", nil},
		{"report into the working folder", args("report", "--no-plots", "--out", "."), ExitUsage, "is the working folder", nil},
		{"report into the working folder's parent", args("report", "--no-plots", "--out", ".."), ExitUsage, "holds the working folder", nil},
		{"report into the home folder", args("report", "--no-plots", "--out", "@home"), ExitUsage, "is your home folder", nil},
		{"report into /", args("report", "--no-plots", "--out", "/"), ExitUsage, "is the root folder", nil},
		{"report into an empty folder", args("report", "--no-plots", "--only", "gender-wages", "--out", "@empty"), ExitOK, "", nil},
		{"report over its own output with a user file added", func(t *testing.T, w hostileWorld) []string {
			report(t, w, "rep")
			must(t, os.WriteFile(w.p("rep/my-notes.md"), []byte("mine"), 0o644))
			return args("report", "--no-plots", "--out", "@rep")(t, w)
		}, ExitUsage, "now holds files it did not write (my-notes.md)", nil},
		{"report over its own output edited by hand", func(t *testing.T, w hostileWorld) []string {
			report(t, w, "rep")
			must(t, os.WriteFile(w.p("rep/report.md"), []byte("edited for the board"), 0o644))
			return args("report", "--no-plots", "--out", "@rep")(t, w)
		}, ExitUsage, "report.md (changed since wioa wrote it)", nil},
		{"report over its own output", func(t *testing.T, w hostileWorld) []string {
			report(t, w, "rep")
			return args("report", "--no-plots", "--only", "education-level", "--out", "@rep")(t, w)
		}, ExitOK, "", []string{"rep/report.md", "rep/report.html", "rep/results.csv", "rep/results.json", "rep/.wioa-output"}},
		{"indicators into the input's folder", args("indicators", "@data/pirl.csv.gz", "--program-year", "2023", "--out", "@data"), ExitUsage, "holds an input of this run", nil},
		{"indicators into a thesis folder", args("indicators", "--program-year", "2023", "--out", "@thesis"), ExitUsage, "was not written by wioa", nil},
		{"trend into one of its inputs", func(t *testing.T, w hostileWorld) []string {
			report(t, w, "q1")
			return args("trend", "@q1", "--out", "@q1")(t, w)
		}, ExitUsage, "is an input of this run", nil},
		{"trend into a thesis folder", func(t *testing.T, w hostileWorld) []string {
			report(t, w, "q1")
			return args("trend", "@q1", "--out", "@thesis")(t, w)
		}, ExitUsage, "was not written by wioa", nil},

		{"pilot into a thesis folder", args("pilot", "@data/pirl.csv.gz", "--boards", "13100", "--start", "2023-07-01", "--disparity", "gender-credential", "--out", "@thesis"), ExitUsage, "was not written by wioa", nil},
		{"pilot into the input's folder", args("pilot", "@data/pirl.csv.gz", "--boards", "13100", "--start", "2023-07-01", "--disparity", "gender-credential", "--out", "@data"), ExitUsage, "holds an input of this run", nil},
		{"report --by-board into the input's folder", args("report", "@data/pirl.csv.gz", "--by-board", "--no-plots", "--out", "@data"), ExitUsage, "holds an input of this run", nil},

		// Single files.
		{"validate onto its input", args("validate", "@data/pirl.csv.gz", "--out", "@data/pirl.csv.gz"), ExitUsage, "is an input of this run", nil},
		{"validate onto its input with --force", args("validate", "@data/pirl.csv.gz", "--force", "--out", "@data/pirl.csv.gz"), ExitUsage, "is an input of this run", nil},
		{"validate onto the tract file", args("validate", "@data/pirl.csv.gz", "--tracts", "@data/tracts.csv", "--out", "@data/tracts.csv"), ExitUsage, "is an input of this run", nil},
		{"validate onto a user file", args("validate", "@data/pirl.csv.gz", "--out", "@notes.txt"), ExitUsage, "exists and was not written by wioa: choose another file, or add --force to replace it", nil},
		{"validate onto a user file with --force", args("validate", "@data/pirl.csv.gz", "--force", "--out", "@notes.txt"), ExitOK, "", []string{"notes.txt"}},
		{"validate onto a folder", args("validate", "@data/pirl.csv.gz", "--out", "@thesis"), ExitUsage, "is a folder", nil},
		{"validate over its own report", func(t *testing.T, w hostileWorld) []string {
			if _, errs, code := run(t, "validate", w.p("data/pirl.csv.gz"), "--out", w.p("quality.md")); code != ExitOK {
				t.Fatal(errs)
			}
			return args("validate", "@data/sub/pirl.csv.gz", "--out", "@quality.md")(t, w)
		}, ExitOK, "", []string{"quality.md", ".wioa-files"}},
		{"validate over its own report edited by hand", func(t *testing.T, w hostileWorld) []string {
			if _, errs, code := run(t, "validate", w.p("data/pirl.csv.gz"), "--out", w.p("quality.md")); code != ExitOK {
				t.Fatal(errs)
			}
			must(t, os.WriteFile(w.p("quality.md"), []byte("my edits"), 0o644))
			return args("validate", "@data/pirl.csv.gz", "--out", "@quality.md")(t, w)
		}, ExitUsage, "was not written by wioa", nil},
		{"baseline onto the data file", args("check", "@data/pirl.csv.gz", "--write-baseline", "@data/pirl.csv.gz"), ExitUsage, "is an input of this run", nil},
		{"baseline onto the data file with --force", args("check", "@data/pirl.csv.gz", "--force", "--write-baseline", "@data/pirl.csv.gz"), ExitUsage, "is an input of this run", nil},
		{"baseline onto a user file", args("check", "--write-baseline", "@published.yaml"), ExitUsage, "add --force to replace it", nil},
		{"baseline onto a user file with --force", args("check", "--force", "--write-baseline", "@published.yaml"), ExitOK, "", []string{"published.yaml"}},
		{"baseline checked and written at once", args("check", "--baseline", "@published.yaml", "--write-baseline", "@published.yaml"), ExitUsage, "either --baseline or --write-baseline", nil},
		{"generate over a user's extract", args("generate", "--rows", "50", "--out", "@data"), ExitUsage, "tracts.csv exists and was not written by wioa", nil},
		{"generate over a user's gzip extract", args("generate", "--rows", "50", "--gzip", "--out", "@data"), ExitUsage, "was not written by wioa", nil},
		{"generate over a user's extract with --force", args("generate", "--rows", "50", "--gzip", "--force", "--out", "@data"), ExitOK, "", []string{"data/pirl.csv.gz", "data/tracts.csv"}},
		{"generate over its own files", func(t *testing.T, w hostileWorld) []string {
			if _, errs, code := run(t, "generate", "--rows", "50", "--out", w.p("synth")); code != ExitOK {
				t.Fatal(errs)
			}
			return args("generate", "--rows", "60", "--out", "@synth")(t, w)
		}, ExitOK, "", []string{"synth/pirl.csv", "synth/tracts.csv", "synth/.wioa-files"}},
		{"generate where a file name is a folder", func(t *testing.T, w hostileWorld) []string {
			must(t, os.MkdirAll(w.p("synth/tracts.csv"), 0o755))
			return args("generate", "--rows", "50", "--out", "@synth")(t, w)
		}, ExitUsage, "tracts.csv is a folder", nil},
		{"tract fetch onto a user file", args("tracts", "fetch", "--state", "13", "--year", "2022", "--api-url", "http://127.0.0.1:1", "--out", "@data/tracts.csv"), ExitUsage, "exists and was not written by wioa", nil},
		{"profile onto a user file", args("report", "--no-plots", "--only", "gender-wages", "--out", "@rep", "--cpuprofile", "@notes.txt"), ExitUsage, "was not written by wioa", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newHostileWorld(t)
			t.Setenv("HOME", w.p("home"))
			must(t, os.MkdirAll(w.p("work/here"), 0o755))
			t.Chdir(w.p("work/here"))
			a := c.prep(t, w)
			before := readTree(t, w.dir)
			out, errs, code := run(t, a...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, c.code, out, errs)
			}
			if !strings.Contains(errs, c.want) {
				t.Errorf("stderr %q, want it to say %q", errs, c.want)
			}
			if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine ") {
				t.Errorf("panic: %s", errs)
			}
			after := readTree(t, w.dir)
			may := map[string]bool{}
			for _, p := range c.changes {
				may[p] = true
			}
			for p, b := range before {
				if may[p] {
					continue
				}
				got, ok := after[p]
				if !ok {
					t.Errorf("%s was deleted", p)
				} else if !bytes.Equal(got, b) {
					t.Errorf("%s was changed", p)
				}
			}
			for p := range after {
				if strings.Contains(p, ".wioa-tmp-") {
					t.Errorf("temporary file left behind: %s", p)
				}
			}
			if c.code == ExitUsage && len(after) != len(before) {
				var added []string
				for p := range after {
					if _, ok := before[p]; !ok {
						added = append(added, p)
					}
				}
				t.Errorf("a refused run wrote files: %v", added)
			}
		})
	}
}

// Reruns into the tool's own folder are byte-identical, marker included.
func TestRerunByteIdentical(t *testing.T) {
	out := filepath.Join(t.TempDir(), "rep")
	var trees []map[string][]byte
	for i := 0; i < 2; i++ {
		if _, errs, code := run(t, "report", "--out", out, "--only", "gender-credential,education-level"); code != ExitOK {
			t.Fatal(errs)
		}
		trees = append(trees, readTree(t, out))
	}
	if !reflect.DeepEqual(trees[0], trees[1]) {
		t.Error("the rerun differs from the first run")
	}
	if _, ok := trees[0][safeout.MarkerName]; !ok {
		t.Errorf("no %s marker in the output folder", safeout.MarkerName)
	}
}

// Temporary folders left by a killed run are removed by the next run into
// the same place; those of a run still going are left alone.
func TestStaleTemporariesRemoved(t *testing.T) {
	dir := t.TempDir()
	dead := exec.Command("true")
	must(t, dead.Run())
	stale := filepath.Join(dir, ".rep.wioa-tmp-"+strconv.Itoa(dead.Process.Pid)+"-0a0b0c")
	live := filepath.Join(dir, ".rep.wioa-tmp-"+strconv.Itoa(os.Getppid())+"-0d0e0f")
	for _, p := range []string{stale, live} {
		must(t, os.MkdirAll(filepath.Join(p, "plots"), 0o755))
		must(t, os.WriteFile(filepath.Join(p, "report.md"), []byte("half"), 0o644))
	}
	if _, errs, code := run(t, "report", "--no-plots", "--only", "gender-wages", "--out", filepath.Join(dir, "rep")); code != ExitOK {
		t.Fatal(errs)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the killed run's temporary folder is still there (%v)", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the temporary folder of a live process was removed: %v", err)
	}
}

// Output folders and files get the umask's permissions, never wider.
func TestOutputsFollowUmask(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no umask on Windows")
	}
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	out := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", "--only", "gender-wages", "--out", out); code != ExitOK {
		t.Fatal(errs)
	}
	if _, errs, code := run(t, "validate", filepath.Join("..", "analysis", "sample", "pirl.csv.gz"), "--out", filepath.Join(dir, "q.md")); code != ExitOK {
		t.Fatal(errs)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: mode %v, wider than the umask 077 allows", p, fi.Mode().Perm())
		}
		return nil
	})
	must(t, err)
}

// SIGINT and SIGTERM stop a run with exit 130 and 143, remove its temporary
// folder and leave the previous output as it was.
func TestInterruptedRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("signals")
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "wioa")
	build := exec.Command("go", "build", "-o", bin, "github.com/wioa-equity/wioa/cmd/wioa")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "rep")
	if b, err := exec.Command(bin, "report", "--only", "gender-wages", "--no-plots", "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, b)
	}
	for _, sig := range []struct {
		s    syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		// Signal the run as soon as its temporary folder appears (the plots
		// take a while to draw). A run that got to the end first (on a
		// loaded machine) replaced the output legitimately: try again.
		caught := false
		for attempt := 0; attempt < 5 && !caught; attempt++ {
			before := readTree(t, out)
			c := exec.Command(bin, "report", "--out", out)
			var errb bytes.Buffer
			c.Stderr = &errb
			must(t, c.Start())
			sawTemp := false
			deadline := time.Now().Add(30 * time.Second)
			mine := filepath.Join(dir, ".rep.wioa-tmp-"+strconv.Itoa(c.Process.Pid)+"-*")
			for time.Now().Before(deadline) && !sawTemp {
				m, _ := filepath.Glob(mine)
				sawTemp = len(m) > 0
				if !sawTemp {
					time.Sleep(time.Millisecond)
				}
			}
			sigErr := c.Process.Signal(sig.s)
			err := c.Wait()
			code := c.ProcessState.ExitCode()
			if left, _ := filepath.Glob(filepath.Join(dir, ".rep.*")); len(left) > 0 {
				t.Errorf("%v: temporary files left: %v", sig.s, left)
			}
			if sigErr != nil || code == 0 || !reflect.DeepEqual(readTree(t, out), before) {
				if code != 0 && code != sig.code {
					t.Errorf("%v: exit %d (%v); stderr %s", sig.s, code, err, errb.String())
				}
				t.Logf("%v: attempt %d: the run finished writing before the signal", sig.s, attempt+1)
				continue
			}
			caught = true
			if code != sig.code {
				t.Errorf("%v: exit %d (%v), want %d; stderr %s", sig.s, code, err, sig.code, errb.String())
			}
			t.Logf("%v: signalled while the temporary folder existed: %v", sig.s, sawTemp)
		}
		if !caught {
			t.Errorf("%v: five runs all finished before the signal reached them", sig.s)
		}
	}
}
