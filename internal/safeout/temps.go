package safeout

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The temporary files and folders of this process, removed by RemoveTemps.
// mu is also held while an output is swapped into place, so a signal never
// interrupts a swap half done.
var (
	mu       sync.Mutex
	temps    = map[string]bool{}
	stopping bool
)

// tmpTag marks the names of temporary files and folders:
// ".<name>.wioa-tmp-<pid>-<random>".
const tmpTag = ".wioa-tmp-"

// tempName returns a fresh temporary name beside path.
func tempName(path string) string {
	var r [6]byte
	_, _ = rand.Read(r[:])
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+tmpTag+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(r[:]))
}

// register records a temporary path; it fails once RemoveTemps has run.
func register(p string) bool {
	mu.Lock()
	defer mu.Unlock()
	if stopping {
		return false
	}
	temps[p] = true
	return true
}

// Stopping reports whether RemoveTemps has run: the process is being
// stopped by a signal, and its handler will exit.
func Stopping() bool { return isStopping() }

func isStopping() bool {
	mu.Lock()
	defer mu.Unlock()
	return stopping
}

func unregister(p string) {
	mu.Lock()
	delete(temps, p)
	mu.Unlock()
}

// RemoveTemps removes every temporary file and folder of this process and
// makes later outputs fail; it waits for a swap in progress to finish. It is
// called when the process is interrupted, just before it exits.
func RemoveTemps() {
	mu.Lock()
	defer mu.Unlock()
	stopping = true
	for p := range temps {
		removeAllSettled(p)
		delete(temps, p)
	}
}

// removeAllSettled removes p even while other goroutines of the stopping
// run are still writing into it (RemoveAll fails, or a MkdirAll creates the
// folder again, when a file appears meanwhile): it removes until p has
// stayed gone for settle, or gives up after a second (the next run into the
// same place then removes what is left).
func removeAllSettled(p string) {
	const settle = 25 * time.Millisecond
	deadline := time.Now().Add(time.Second)
	goneSince := time.Time{}
	for time.Now().Before(deadline) {
		if _, err := os.Lstat(p); os.IsNotExist(err) {
			if goneSince.IsZero() {
				goneSince = time.Now()
			} else if time.Since(goneSince) >= settle {
				return
			}
		} else {
			goneSince = time.Time{}
			_ = os.RemoveAll(p)
		}
		time.Sleep(time.Millisecond)
	}
}

// removeStale removes the temporary files and folders that a killed wioa
// run left beside path: names ".<base>.wioa-tmp-<pid>-…" whose process is
// gone. Those of live processes (a run in progress) are left alone.
func removeStale(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + tmpTag
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		pidText, _, ok := strings.Cut(name[len(prefix):], "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(dir, name))
	}
}
