// Command raqib turns Arabic news about armed conflict into a structured,
// geolocated, source-attributed event dataset.
//
//	raqib extract [flags] FILE…          articles in, SPEC events out (JSONL)
//	raqib gazetteer import FILE          add a GeoNames dump to the user gazetteer
//	raqib gazetteer lookup NAME          show the places a name may mean
//
// Run "raqib help" for every subcommand.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	setMemoryLimit()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0
	exitPartial = 1 // the run finished but some items could not be read
	exitUsage   = 2 // bad flags or arguments, or an input that cannot be opened
)

// env holds what a subcommand may touch, so tests can run it in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	name, summary string
	run           func(ctx context.Context, e *env, args []string) int
}

func commands() []command {
	return []command{
		{"extract", "read articles, print SPEC §2 events as JSON lines", runExtract},
		{"gazetteer", "import GeoNames dumps, look places up", runGazetteer},
		{"ingest", "read articles from files, feeds, crawls or URLs; store them with their events", runIngest},
		{"search", "search stored events (Arabic-aware full text and filters)", runSearch},
		{"export", "write stored events as ACLED CSV, GeoJSON, SPEC JSONL or PLOVER", runExport},
		{"incidents", "list incidents (one occurrence, many reports) or show one: raqib incidents show ID", runIncidents},
		{"bench", "measure ingest speed and memory: raqib bench ingest FILE", runBench},
		{"serve", "serve the REST API and the web UI (map, timeline, event pages)", runServe},
		{"worker", "store articles queued by ingest --queue (NATS JetStream), any number side by side", runWorker},
		{"queue", "show the queue's state: raqib queue status --queue nats://…", runQueue},
		{"version", "print the version", func(ctx context.Context, e *env, args []string) int {
			printVersion(e.stdout)
			return exitOK
		}},
	}
}

// version is set at link time with -ldflags "-X main.version=v1.2.3"; a
// plain build reports the module version and VCS revision instead
// (versionString).
var version = devVersion

const devVersion = "0.1.0-dev"

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	if args[0] == "--version" || args[0] == "-version" {
		printVersion(stdout)
		return exitOK
	}
	help := false
	if args[0] == "help" || isHelp(args[0]) {
		if len(args) == 1 || isHelp(args[0]) {
			usage(stdout)
			return exitOK
		}
		help, args = true, args[1:] // raqib help SUB [SUBSUB]
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if help || wantsHelp(args[1:]) {
				return runHelp(ctx, e, c, args[1:])
			}
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "raqib: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: raqib COMMAND [flags] [args]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "raqib COMMAND -h" for a command's flags, "raqib --version" for the version.`)
}
