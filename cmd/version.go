package cmd

import (
	"runtime/debug"
	"sync"
)

// Version is the tool version of a release, set when building it:
//
//	go build -ldflags "-X github.com/wioa-equity/wioa/cmd.Version=v1.2.0" ./cmd/wioa
//
// Left empty, the version comes from the build (see buildVersion).
var Version string

// toolVersion is the version written into provenance, the User-Agent and
// "wioa --version".
func toolVersion() string {
	if Version != "" {
		return Version
	}
	return readBuildVersion()
}

var readBuildVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return buildVersion(bi)
})

// buildVersion is the main module's version when the go command knew it
// ("go install …@v1.2.0", or a tagged or pseudo-version from the VCS);
// otherwise the VCS revision's first 12 hex digits, with "-dirty" when the
// work tree had uncommitted changes; otherwise (a test binary, a build
// with -buildvcs=false) "devel".
func buildVersion(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}
