package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; when
// empty the VCS revision recorded by the Go toolchain is shown instead.
var version = ""

func init() {
	register(&command{name: "version", summary: "print the version and build information", run: runVersion})
}

// buildInfo describes this binary.
type buildInfo struct {
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Go: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
		if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	return b
}

func runVersion(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet("version", env.Stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	b := currentBuild()
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(b)
	}
	rev := b.Revision
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		rev = "unknown" // go run and -buildvcs=false record none
	}
	fmt.Fprintf(env.Stdout, "prakerja %s (revision %s, %s)\n", b.Version, rev, b.Go)
	return nil
}
