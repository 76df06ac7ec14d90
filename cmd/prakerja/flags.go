package main

import (
	"flag"
	"io"
	"time"

	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/verify"
)

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("prakerja "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	return fs
}

// parseFlags parses args and maps a bad command line to errUsage. Flags may
// come before or after positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// verifyFlags configure the verification pipeline: the registry it asks
// and how hard it works. serve, verify and bench verify share them.
type verifyFlags struct {
	registryURL         string
	registryToken       string
	registryConcurrency int
	workers             int
	batch               int
	lease               time.Duration
	parallelWrites      bool // the database runs writes in parallel (PostgreSQL)
}

// addVerifyFlags registers the pipeline's flags on fs, with defaults from
// the environment (PRAKERJA_REGISTRY_URL, PRAKERJA_REGISTRY_TOKEN).
func addVerifyFlags(fs *flag.FlagSet, env *Env) *verifyFlags {
	vf := &verifyFlags{registryToken: env.Getenv("PRAKERJA_REGISTRY_TOKEN")}
	fs.StringVar(&vf.registryURL, "registry", env.Getenv("PRAKERJA_REGISTRY_URL"), "population registry base URL (env PRAKERJA_REGISTRY_URL, token in PRAKERJA_REGISTRY_TOKEN); none: verification is off")
	fs.IntVar(&vf.registryConcurrency, "registry-concurrency", registry.DefaultConcurrency, "registry requests in flight at most, 1–256")
	fs.IntVar(&vf.workers, "verify-workers", verify.DefaultConcurrency, "verification batches in flight per step")
	fs.IntVar(&vf.batch, "verify-batch", verify.DefaultBatch, "registrations per verification batch (one transaction each)")
	fs.DurationVar(&vf.lease, "verify-lease", verify.DefaultLease, "how long a batch is held before another worker may take it over")
	return vf
}

// config is the pipeline's configuration from the flags. SQLite runs one
// write at a time, so the pipeline keeps its default of two writes in
// flight; PostgreSQL gets one per batch in flight.
func (vf *verifyFlags) config() verify.Config {
	c := verify.Config{Batch: vf.batch, Concurrency: vf.workers, Lease: vf.lease}
	if vf.parallelWrites {
		c.Writes = 2 * max(vf.workers, 1)
	}
	return c
}
