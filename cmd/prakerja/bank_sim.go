package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/prakerja/prakerja/banksim"
)

func init() {
	register(&command{name: "bank-sim", summary: "simulate the payment partners: answer pain.001 files (folder or HTTP)", run: runBankSim})
}

var (
	bankSimReasonPattern  = regexp.MustCompile(`^[A-Z0-9]{4}$`)
	bankSimAccountPattern = regexp.MustCompile(`^[A-Za-z0-9+./-]{1,34}$`)
)

// bankSimFlags are the command line of bank-sim.
type bankSimFlags struct {
	in, out, listen, reasons, directory, level string
	once, asJSON                               bool
	interval                                   time.Duration
	cfg                                        banksim.Config
}

func parseBankSimFlags(env *Env, args []string) (*bankSimFlags, error) {
	fs := newFlagSet("bank-sim", env.Stderr)
	f := &bankSimFlags{}
	fs.StringVar(&f.in, "in", "", "folder mode: folder of pain.001 (*.xml) and e-wallet batch (*.csv) files")
	fs.StringVar(&f.out, "out", "", "folder mode: where <name>.pain002.xml and <name>.camt054.xml answers go")
	fs.BoolVar(&f.once, "once", false, "folder mode: answer what is there and exit")
	fs.DurationVar(&f.interval, "interval", time.Second, "folder mode: how often to look for new files")
	fs.StringVar(&f.listen, "listen", "", "HTTP mode: listen address, e.g. 127.0.0.1:8092 (POST /pain001, GET /camt054/{msgid}, POST /inquiry)")
	fs.Float64Var(&f.cfg.RejectRate, "reject-rate", 0.02, "share of payments rejected with a random reason, 0–1")
	fs.Float64Var(&f.cfg.SilenceRate, "silence-rate", 0.005, "share of payments never answered, 0–1")
	fs.StringVar(&f.reasons, "reasons", strings.Join(banksim.DefaultReasons, ","), "ISO reason codes drawn for random rejects, comma-separated")
	fs.Int64Var(&f.cfg.Seed, "seed", 1, "seed of the reject and silence draws; the same seed answers a file the same way")
	fs.StringVar(&f.directory, "directory", "", "accounts CSV (provider,account,nik_sha256,holder_name,kyc,closed): unknown accounts are rejected AC01, closed ones AC04; default none")
	fs.StringVar(&f.cfg.Account, "account", "", "the programme's debit account shown in camt.054 (default each file's DbtrAcct)")
	fs.BoolVar(&f.asJSON, "json", false, "end with one JSON object")
	fs.StringVar(&f.level, "log-level", envOr(env, "PRAKERJA_LOG_LEVEL", "info"), "debug, info, warn or error")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 0 {
		return nil, bankSimUsage(fs, fmt.Errorf("unexpected argument %q", pos[0]))
	}
	if err := f.check(); err != nil {
		return nil, bankSimUsage(fs, err)
	}
	return f, nil
}

// check validates the flags together.
func (f *bankSimFlags) check() error {
	folder := f.in != "" || f.out != ""
	switch {
	case folder && f.listen != "":
		return errors.New("choose folder mode (--in, --out) or HTTP mode (--listen), not both")
	case !folder && f.listen == "":
		return errors.New("give --in DIR --out DIR (folder mode) or --listen ADDR (HTTP mode)")
	case folder && (f.in == "" || f.out == ""):
		return errors.New("folder mode needs both --in and --out")
	case !(f.cfg.RejectRate >= 0 && f.cfg.RejectRate <= 1):
		return errors.New("--reject-rate must be between 0 and 1")
	case !(f.cfg.SilenceRate >= 0 && f.cfg.SilenceRate <= 1):
		return errors.New("--silence-rate must be between 0 and 1")
	case f.interval <= 0:
		return errors.New("--interval must be positive")
	case f.cfg.Account != "" && !bankSimAccountPattern.MatchString(f.cfg.Account):
		return errors.New("--account must be 1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'")
	}
	for _, r := range strings.Split(f.reasons, ",") {
		if !bankSimReasonPattern.MatchString(r) {
			return fmt.Errorf("--reasons: %q is not an ISO reason code (4 upper-case letters or digits, e.g. AC04)", r)
		}
		f.cfg.Reasons = append(f.cfg.Reasons, r)
	}
	return nil
}

// bankSimUsage prints a bad flag value the way flag parsing does.
func bankSimUsage(fs *flag.FlagSet, err error) error {
	fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
	return errUsage
}

// bankSimLine is the --json summary.
type bankSimLine struct {
	Mode      string `json:"mode"`
	Processed int    `json:"processed,omitempty"`
	Passes    int    `json:"passes,omitempty"`
	Addr      string `json:"addr,omitempty"`
}

func runBankSim(ctx context.Context, env *Env, args []string) error {
	f, err := parseBankSimFlags(env, args)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, f.level)
	if f.directory != "" {
		if f.cfg.Directory, err = banksim.LoadDirectory(f.directory); err != nil {
			return err
		}
		log.Info("directory loaded", "accounts", f.cfg.Directory.Len())
	}
	var line bankSimLine
	if f.listen != "" {
		line, err = runBankSimHTTP(ctx, f, log)
	} else {
		line, err = runBankSimFolder(ctx, env, f, log)
	}
	if err != nil {
		return err
	}
	if f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(line)
	}
	return nil
}

// runBankSimFolder answers the files of --in, once or every --interval
// until ctx ends. A failing pass is logged and retried on the next one,
// except with --once, where it is the command's error.
func runBankSimFolder(ctx context.Context, env *Env, f *bankSimFlags, log *slog.Logger) (bankSimLine, error) {
	line := bankSimLine{Mode: "folder"}
	if err := os.MkdirAll(f.out, 0o750); err != nil {
		return line, fmt.Errorf("--out: %w", err)
	}
	tick := time.NewTicker(f.interval)
	defer tick.Stop()
	for {
		n, err := banksim.ProcessFolder(f.in, f.out, f.cfg, time.Now())
		line.Processed += n
		line.Passes++
		if n > 0 {
			fmt.Fprintf(env.Stdout, "answered %d file(s) in %s\n", n, f.out)
		}
		if err != nil && f.once {
			return line, err
		}
		if err != nil {
			log.Warn("bank-sim pass", "err", err)
		}
		if f.once {
			return line, nil
		}
		select {
		case <-ctx.Done():
			log.Info("bank-sim stopped", "processed", line.Processed)
			return line, nil
		case <-tick.C:
		}
	}
}

// runBankSimHTTP serves the simulator until ctx ends.
func runBankSimHTTP(ctx context.Context, f *bankSimFlags, log *slog.Logger) (bankSimLine, error) {
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return bankSimLine{}, fmt.Errorf("listen: %w", err)
	}
	f.cfg.Logger = log
	log.Info("bank simulator serving", "addr", ln.Addr().String(), "reject_rate", f.cfg.RejectRate,
		"silence_rate", f.cfg.SilenceRate, "seed", f.cfg.Seed, "directory", f.cfg.Directory != nil)
	err = serveRegistrySim(ctx, ln, banksim.Handler(f.cfg, banksim.NewOutbox(0)), log)
	return bankSimLine{Mode: "listen", Addr: ln.Addr().String()}, err
}
