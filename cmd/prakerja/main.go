// Command prakerja is the one binary of the programme: the server, the
// operator commands, the simulators, the demo and the benchmarks. Each
// subcommand lives in its own file and registers itself in commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/prakerja/prakerja"
)

// command is one subcommand. run gets the arguments after the command name.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands holds every subcommand; files add theirs from init.
var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// Env is what a command may touch of the outside world, so tests can run
// commands in-process with captured output and a chosen environment.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// exitCode is returned by a command that has already printed its outcome and
// only needs the process to end with a given status (for example `nik check`
// printing {"valid":false,…} and exiting 1).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	code := Run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// Run executes one command line and returns the process exit status.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "prakerja: unknown command %q (run `prakerja help`)\n", args[0])
		return 2
	}
	// What the command makes the store record in the audit chain names the
	// command as its actor, unless a step names a person (--by).
	err := c.run(prakerja.WithAuditActor(ctx, "prakerja "+c.name), env, args[1:])
	var ec exitCode
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ec):
		return int(ec)
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(env.Stderr, "prakerja %s: %v\n", c.name, err)
		return 1
	}
}

// errUsage marks a bad command line whose message flag parsing already printed.
var errUsage = errors.New("usage")

func usage(w io.Writer) {
	fmt.Fprintln(w, "prakerja — Kartu Prakerja programme platform\n\nUsage: prakerja COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, commands[n].summary)
	}
}
