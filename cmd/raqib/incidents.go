package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// runIncidents lists incidents (every report of one occurrence, SPEC §7)
// or shows one: raqib incidents [flags] [QUERY]; raqib incidents show ID.
func runIncidents(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "show" {
		return runIncidentShow(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "relink" {
		return runIncidentRelink(ctx, e, args[1:])
	}
	fs := flag.NewFlagSet("incidents", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	var ff filterFlags
	ff.register(fs)
	disputed := fs.Bool("disputed", false, "only incidents whose reports disagree (doer, type, toll) or that someone denies")
	minReports := fs.Int("min-reports", 0, "only incidents with at least this many reports")
	limit := fs.Int("limit", 20, "most incidents to show (0: all)")
	format := fs.String("format", "text", "text (for reading), jsonl (one incident record a line) or ids (one id a line)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib incidents [flags] [QUERY]")
		fmt.Fprintln(e.stderr, "       raqib incidents show [--format text|json] ID")
		fmt.Fprintln(e.stderr, "       raqib incidents relink    (once, for a database made before incidents)")
		fmt.Fprintln(e.stderr, "Lists incidents, newest first: the reports of one occurrence linked across articles.")
		fmt.Fprintln(e.stderr, "The filters are search's: an incident is listed when one of its reports matches.")
		fs.PrintDefaults()
	}
	if err := parseInterleaved(fs, args); err != nil {
		return exitUsage
	}
	if *format != "text" && *format != "jsonl" && *format != "ids" {
		fmt.Fprintf(e.stderr, "raqib incidents: --format %q: want text, jsonl or ids\n", *format)
		return exitUsage
	}
	if *limit < 0 || *minReports < 0 {
		fmt.Fprintln(e.stderr, "raqib incidents: --limit and --min-reports must not be negative")
		return exitUsage
	}
	f, err := ff.filter(strings.Join(fs.Args(), " "))
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib incidents:", err)
		return exitUsage
	}
	ir, closeStore, code := openIncidents(ctx, e, *db)
	if ir == nil {
		return code
	}
	defer closeStore()
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	inf := event.IncidentFilter{Filter: f, Disputed: *disputed, MinReports: *minReports}
	inf.Limit = event.MaxLimit
	if *limit > 0 {
		inf.Limit = min(*limit, event.MaxLimit)
	}
	shown := 0
	for {
		page, err := ir.Incidents(ctx, inf)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib incidents:", err)
			return exitPartial
		}
		for i := range page.Incidents {
			if *limit > 0 && shown >= *limit {
				break
			}
			inc := &page.Incidents[i]
			switch *format {
			case "jsonl":
				err = enc.Encode(inc)
			case "ids":
				_, err = fmt.Fprintln(out, inc.ID)
			default:
				err = writeIncidentLine(out, inc)
			}
			if err != nil {
				fmt.Fprintln(e.stderr, "raqib incidents: write:", err)
				return exitPartial
			}
			shown++
		}
		if page.Next == "" || (*limit > 0 && shown >= *limit) {
			break
		}
		inf.Cursor = page.Next
	}
	if *format == "text" {
		fmt.Fprintf(out, "%d incidents shown\n", shown)
	}
	return exitOK
}

func runIncidentShow(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("incidents show", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	format := fs.String("format", "text", "text (for reading) or json (the whole record)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib incidents show [--format text|json] ID")
		fmt.Fprintln(e.stderr, "Shows an incident's reports side by side: sources, claims, denials and disagreements.")
		fs.PrintDefaults()
	}
	if err := parseInterleaved(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || (*format != "text" && *format != "json") {
		fs.Usage()
		return exitUsage
	}
	ir, closeStore, code := openIncidents(ctx, e, *db)
	if ir == nil {
		return code
	}
	defer closeStore()
	inc, err := ir.Incident(ctx, fs.Arg(0))
	if errors.Is(err, event.ErrNotFound) {
		fmt.Fprintf(e.stderr, "raqib incidents show: no incident %q\n", fs.Arg(0))
		return exitPartial
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib incidents show:", err)
		return exitPartial
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	if *format == "json" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(&inc); err != nil {
			fmt.Fprintln(e.stderr, "raqib incidents show:", err)
			return exitPartial
		}
		return exitOK
	}
	writeIncident(out, &inc)
	return exitOK
}

// openIncidents opens the store and its incident reader; on failure it
// reports and returns a nil reader and the exit status.
func openIncidents(ctx context.Context, e *env, db string) (event.IncidentReader, func(), int) {
	store, err := openStore(ctx, db)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib incidents: %s: %v\n", redactDSN(db), err)
		return nil, nil, exitUsage
	}
	ir, ok := store.(event.IncidentReader)
	if !ok {
		store.Close()
		fmt.Fprintln(e.stderr, "raqib incidents: this store does not keep incidents")
		return nil, nil, exitUsage
	}
	return ir, func() { store.Close() }, exitOK
}

func placeOf(l *event.Location) string {
	if l == nil {
		return "(no place)"
	}
	s := l.Name
	if l.Admin1 != "" {
		s += " (" + l.Admin1 + ")"
	}
	return s
}

func dateSpan(lo, hi string) string {
	if lo == hi {
		return lo
	}
	return lo + ".." + hi
}

func tollOf(f *event.FatalityRange) string {
	if f == nil {
		return "toll not given"
	}
	if f.Min == f.Max {
		return fmt.Sprintf("%d killed", f.Min)
	}
	return fmt.Sprintf("%d–%d killed (headline %d)", f.Min, f.Max, f.Headline)
}

func writeIncidentLine(w io.Writer, inc *event.Incident) error {
	disputed := ""
	if inc.Disputed {
		var fields []string
		for _, d := range inc.Disagreements {
			fields = append(fields, d.Field)
		}
		disputed = "  DISPUTED (" + strings.Join(fields, ", ") + ")"
	}
	_, err := fmt.Fprintf(w, "%s  %s  %s  %s  %d reports, %d articles  %s%s\n", inc.ID, dateSpan(inc.DateLo, inc.DateHi),
		inc.EventType, placeOf(inc.Location), len(inc.Reports), inc.Articles, tollOf(inc.Fatalities), disputed)
	return err
}

func writeIncident(w io.Writer, inc *event.Incident) {
	writeIncidentLine(w, inc)
	if len(inc.Actors) > 0 {
		var as []string
		for _, a := range inc.Actors {
			as = append(as, fmt.Sprintf("%s %s ×%d", a.Role, a.Code, a.Reports))
		}
		fmt.Fprintf(w, "actors: %s\n", strings.Join(as, "; "))
	}
	counts := func(cs []event.Count) string {
		var s []string
		for _, c := range cs {
			s = append(s, fmt.Sprintf("%s ×%d", c.Key, c.N))
		}
		return strings.Join(s, "; ")
	}
	fmt.Fprintf(w, "outlets: %s\n", counts(inc.Outlets))
	if len(inc.Sources) > 0 {
		fmt.Fprintf(w, "cited sources: %s\n", counts(inc.Sources))
	}
	for _, c := range inc.Claims {
		fmt.Fprintf(w, "claim: %s %s", c.Outlet, c.Status)
		if c.By != "" {
			fmt.Fprintf(w, " by %s", c.By)
		}
		if c.DeniedBy != "" {
			fmt.Fprintf(w, ", denied by %s", c.DeniedBy)
		}
		fmt.Fprintf(w, " (report %s)\n", c.Report)
	}
	for _, d := range inc.Disagreements {
		var vs []string
		for _, v := range d.Values {
			vs = append(vs, fmt.Sprintf("%s [%s]", v.Value, strings.Join(v.Reports, ", ")))
		}
		fmt.Fprintf(w, "disagree on %s: %s\n", d.Field, strings.Join(vs, " vs "))
	}
	fmt.Fprintln(w)
	for _, r := range inc.Reports {
		date := "no date"
		if r.Date != nil {
			date = *r.Date
		}
		fmt.Fprintf(w, "%s  %s  %s  %s  %s  %s\n", r.ID, outletName(r.Article), r.Article.Published, r.EventType, placeOf(r.Location), date)
		if r.Actor1 != nil || r.Actor2 != nil {
			fmt.Fprintf(w, "    actors: %s / %s\n", actorCode(r.Actor1), actorCode(r.Actor2))
		}
		if r.Fatalities != nil {
			fmt.Fprintf(w, "    killed: %d\n", *r.Fatalities)
		}
		if r.Source != nil {
			fmt.Fprintf(w, "    source: %s\n", r.Source.Text)
		}
		if r.Claim != nil {
			fmt.Fprintf(w, "    claim: %s %s %s\n", r.Claim.Status, r.Claim.By, r.Claim.DeniedBy)
		}
		fmt.Fprintf(w, "    «%s»\n", r.Sentence)
		if r.Link != nil {
			fmt.Fprintf(w, "    linked to %s: %s\n", r.Link.To, strings.Join(r.Link.Because, "; "))
		}
	}
}

func outletName(a event.ArticleMeta) string {
	if a.Outlet != "" {
		return a.Outlet
	}
	return a.ID
}

func actorCode(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

// pendingLinker is a store that can link the events an older raqib stored
// before incidents existed.
type pendingLinker interface {
	LinkPending(ctx context.Context, batch int) (int, error)
}

func runIncidentRelink(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("incidents relink", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	batch := fs.Int("batch", 500, "events linked per transaction")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib incidents relink [--db DSN]")
		fmt.Fprintln(e.stderr, "Links the events a database made before incidents holds; new events are linked as they are stored.")
		fs.PrintDefaults()
	}
	if err := parseInterleaved(fs, args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 0 || *batch < 1 {
		fs.Usage()
		return exitUsage
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib incidents relink: %s: %v\n", redactDSN(*db), err)
		return exitUsage
	}
	defer store.Close()
	pl, ok := store.(pendingLinker)
	if !ok {
		fmt.Fprintln(e.stderr, "raqib incidents relink: this store does not keep incidents")
		return exitUsage
	}
	n, err := pl.LinkPending(ctx, *batch)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib incidents relink:", err)
		return exitPartial
	}
	fmt.Fprintf(e.stderr, "raqib incidents relink: %d events linked\n", n)
	return exitOK
}
