package cmd

import (
	"runtime/debug"
	"testing"
)

// The goldens hold the version in report.md's provenance and compare's
// table: tests pin it, whatever the test binary was built with (a plain
// "go test" gives "devel" anyway, having no VCS stamp).
func init() { Version = "devel" }

func TestBuildVersion(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"module version", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"pseudo-version from the VCS", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260101120000-0123456789ab+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}}, "v0.0.0-20260101120000-0123456789ab+dirty"},
		{"revision", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}}, "0123456789ab"},
		{"dirty revision", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "0123456789ab-dirty"},
		{"no VCS", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"nothing", debug.BuildInfo{}, "devel"},
	} {
		if got := buildVersion(&tc.bi); got != tc.want {
			t.Errorf("%s: buildVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestVersionFlag(t *testing.T) {
	out, errs, code := run(t, "--version")
	if code != ExitOK || out != "wioa version devel\n" {
		t.Errorf("wioa --version: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
