package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/export"
)

func runExport(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	var ff filterFlags
	ff.register(fs)
	format := fs.String("format", export.JSONL, "one of "+strings.Join(export.Formats, ", "))
	limit := fs.Int("limit", 0, "most events to write (0: all)")
	incidents := fs.Bool("incidents", false, "one row per incident (acled-csv, jsonl) instead of one per report")
	disputed := fs.Bool("disputed", false, "with --incidents: only disputed incidents")
	minReports := fs.Int("min-reports", 0, "with --incidents: only incidents with at least this many reports")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib export --format acled-csv|geojson|jsonl|plover [flags] [QUERY] > FILE")
		fmt.Fprintln(e.stderr, "Writes the stored events matching the filters to stdout, newest first.")
		fs.PrintDefaults()
	}
	if err := parseInterleaved(fs, args); err != nil {
		return exitUsage
	}
	known := false
	for _, f := range export.Formats {
		known = known || f == *format
	}
	if !known {
		fmt.Fprintf(e.stderr, "raqib export: --format %q: want one of %s\n", *format, strings.Join(export.Formats, ", "))
		return exitUsage
	}
	if *limit < 0 {
		fmt.Fprintln(e.stderr, "raqib export: --limit must not be negative")
		return exitUsage
	}
	f, err := ff.filter(strings.Join(fs.Args(), " "))
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib export:", err)
		return exitUsage
	}
	store, err := openExistingStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib export: %s: %v\n", redactDSN(*db), err)
		return exitUsage
	}
	defer store.Close()
	var sum export.Summary
	if *incidents {
		ir, ok := store.(event.IncidentReader)
		if !ok || (*format != export.ACLEDCSV && *format != export.JSONL) {
			fmt.Fprintln(e.stderr, "raqib export: --incidents writes acled-csv or jsonl from a store that keeps incidents")
			return exitUsage
		}
		sum, err = export.WriteIncidents(ctx, e.stdout, ir, event.IncidentFilter{Filter: f, Disputed: *disputed, MinReports: *minReports},
			*format, export.Options{Max: *limit})
		if err == nil {
			fmt.Fprintf(e.stderr, "raqib export: %s\n", strings.Replace(sum.String(), "events", "incidents", 1))
			return exitOK
		}
	} else {
		sum, err = export.Write(ctx, e.stdout, store, f, *format, export.Options{Max: *limit})
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib export:", err)
		return exitPartial
	}
	fmt.Fprintf(e.stderr, "raqib export: %s\n", sum)
	return exitOK
}
