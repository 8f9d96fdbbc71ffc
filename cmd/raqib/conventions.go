package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
)

// Command-line conventions every subcommand shares: -h/--help prints help
// on stdout and exits 0 at every level (raqib --help, raqib SUB --help,
// raqib gazetteer lookup --help), --version prints the version, and read
// commands refuse a SQLite path that does not exist instead of creating an
// empty database.

// isHelp reports whether an argument asks for help.
func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// wantsHelp reports whether args ask for help before a "--" terminator.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelp(a) {
			return true
		}
	}
	return false
}

// subcommands are the commands whose first argument names a subcommand of
// their own; help for "raqib gazetteer lookup -h" goes to that subcommand.
var subcommands = map[string][]string{
	"gazetteer": {"import", "lookup", "stats"},
	"bench":     {"ingest"},
}

// runHelp prints a subcommand's help on stdout and returns exitOK. args are
// the words after the command's name; only a leading sub-subcommand is kept,
// so "raqib extract file.txt --help" neither reads file.txt nor fails on it.
func runHelp(ctx context.Context, e *env, c command, args []string) int {
	h := *e
	h.stderr = e.stdout // the flag package prints usage to its output: help goes to stdout
	helpArgs := []string{"-h"}
	if len(args) > 0 {
		for _, sub := range subcommands[c.name] {
			if args[0] == sub {
				helpArgs = []string{sub, "-h"}
			}
		}
	}
	code := c.run(ctx, &h, helpArgs)
	if code == exitUsage { // flag.ErrHelp: asked for, so not an error
		code = exitOK
	}
	return code
}

// versionString is the version set at link time (-ldflags "-X
// main.version=v1.2.3"), else the module version and VCS revision the Go
// toolchain records in the binary.
func versionString() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if v == "" || v == devVersion {
		if mv := info.Main.Version; mv != "" && mv != "(devel)" {
			v = mv
		}
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
		v += " (" + rev[:min(12, len(rev))] + dirty + ")"
	}
	return v + " " + info.GoVersion
}

func printVersion(w io.Writer) {
	fmt.Fprintln(w, "raqib", versionString())
}

// errNoDB is returned when a read command names a SQLite file that is not there.
var errNoDB = errors.New("no such database")

// openExistingStore opens a store for reading: unlike openStore it refuses
// a SQLite path that does not exist, so a mistyped --db is an error rather
// than an empty database that answers "0 of 0 matching events".
func openExistingStore(ctx context.Context, dsn string) (storeCloser, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s does not exist (raqib ingest creates it; or set --db / $RAQIB_DB)", errNoDB, dsn)
		}
	}
	return openStore(ctx, dsn)
}
