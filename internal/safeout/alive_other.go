//go:build !unix

package safeout

// processAlive cannot tell here, so stale temporaries are never removed.
func processAlive(int) bool { return true }
