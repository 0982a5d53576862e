// Package cli is the headless face of the engine: the subcommands the same
// binary runs for scripts and tests. Exit codes: 0 success, 1 failure, 2 a
// usage error, 3 a page that is not terms (extract).
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"

	"fineprint/backend/store"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitNotTerms = 3
)

// Env is what a command runs with.
type Env struct {
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Version string
	dataDir string
	json    bool
	store   *store.Store
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitError carries a specific exit code.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands []command

func register(c command) { commands = append(commands, c) }

func find(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// WindowDataDir reports whether args ask for the window (no command, at most
// --data-dir and --open-change), and with which data directory.
func WindowDataDir(args []string) (dir string, window bool) {
	dir, _, window = WindowArgs(args)
	return dir, window
}

// WindowArgs reads a window's command line: the data directory and the
// change to show (--open-change ID, passed when a notification is clicked).
func WindowArgs(args []string) (dir string, openChange int64, window bool) {
	rest, dir, err := globalFlags(args)
	if err != nil {
		return "", 0, false
	}
	if len(rest) == 2 && rest[0] == "--open-change" {
		id, err := strconv.ParseInt(rest[1], 10, 64)
		if err != nil || id <= 0 {
			return "", 0, false
		}
		return dir, id, true
	}
	return dir, 0, len(rest) == 0
}

// globalFlags takes --data-dir (anywhere on the line) out of args.
func globalFlags(args []string) (rest []string, dataDir string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--data-dir" || a == "-data-dir":
			if i+1 >= len(args) {
				return nil, "", usagef("--data-dir needs a directory")
			}
			dataDir = args[i+1]
			i++
		case strings.HasPrefix(a, "--data-dir=") || strings.HasPrefix(a, "-data-dir="):
			dataDir = a[strings.Index(a, "=")+1:]
		case a == "--":
			return append(rest, args[i:]...), dataDir, nil
		default:
			rest = append(rest, a)
		}
	}
	return rest, dataDir, nil
}

// Run runs one command line and returns the exit code.
func Run(args []string, env *Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, args, env)
	if env.store != nil {
		env.store.Close()
	}
	var ue usageError
	var ee exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "fineprint: %s\nRun 'fineprint help' for usage.\n", ue.msg)
		return ExitUsage
	case errors.As(err, &ee):
		fmt.Fprintf(env.Stderr, "fineprint: %s\n", ee.err)
		return ee.code
	default:
		fmt.Fprintf(env.Stderr, "fineprint: %s\n", err)
		return ExitFailure
	}
}

func run(ctx context.Context, args []string, env *Env) error {
	rest, dataDir, err := globalFlags(args)
	if err != nil {
		return err
	}
	env.dataDir = dataDir
	if len(rest) == 0 {
		return usagef("no command given")
	}
	switch rest[0] {
	case "help", "-h", "--help", "-help":
		if len(rest) > 1 {
			if c, ok := find(rest[1]); ok {
				_, err := parse(env, c, []string{"--help"}, nil)
				return err
			}
		}
		printUsage(env.Stdout)
		return nil
	case "version", "--version":
		fmt.Fprintln(env.Stdout, "fineprint", env.Version)
		return nil
	}
	c, ok := find(rest[0])
	if !ok {
		return usagef("unknown command %q", rest[0])
	}
	return c.run(ctx, env, rest[1:])
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, `Fineprint watches the terms of the platforms you rely on, keeps every
version on this computer, and tells you in plain words what changed.

Usage:
  fineprint                      open the window
  fineprint [--data-dir DIR] COMMAND [ARGS] [--json]

Commands:`)
	cs := append([]command(nil), commands...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, `
The archive lives in --data-dir, else $FINEPRINT_DATA_DIR, else
$XDG_DATA_HOME/fineprint. Run 'fineprint help COMMAND' for a command's flags.`)
}

// parse parses a command's flags, which may come before or after its
// positional arguments. setup adds the command's own flags.
func parse(env *Env, c command, args []string, setup func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&env.json, "json", false, "print JSON")
	if setup != nil {
		setup(fs)
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(env.Stdout)
				fmt.Fprintf(env.Stdout, "Usage: fineprint %s %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
				fs.PrintDefaults()
				fmt.Fprintln(env.Stdout, "  -data-dir DIR\n    \tthe archive directory")
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: %v", c.name, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			positional = append(positional, args[1:]...)
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	return positional, nil
}

// open opens the archive once per run.
func (env *Env) open() (*store.Store, error) {
	if env.store != nil {
		return env.store, nil
	}
	dir, err := store.DataDir(env.dataDir)
	if err != nil {
		return nil, err
	}
	s, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	env.store = s
	return s, nil
}

// out prints v as indented JSON, or calls text.
func (env *Env) out(v any, text func(w io.Writer)) error {
	if env.json {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	text(env.Stdout)
	return nil
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }
