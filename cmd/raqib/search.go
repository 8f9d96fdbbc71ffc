package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

func runSearch(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	var ff filterFlags
	ff.register(fs)
	limit := fs.Int("limit", 20, "most events to show (0: all)")
	format := fs.String("format", "text", "text (for reading) or jsonl (SPEC §2 events)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib search [flags] [QUERY]")
		fmt.Fprintln(e.stderr, `Finds stored events, newest first. QUERY words are matched the way Arabic is written:`)
		fmt.Fprintln(e.stderr, `"قصف" finds "وقصفت" and "القصف", "ادلب" finds "إدلب"; every word must match.`)
		fs.PrintDefaults()
	}
	if err := parseInterleaved(fs, args); err != nil {
		return exitUsage
	}
	if *format != "text" && *format != "jsonl" {
		fmt.Fprintf(e.stderr, "raqib search: --format %q: want text or jsonl\n", *format)
		return exitUsage
	}
	if *limit < 0 {
		fmt.Fprintln(e.stderr, "raqib search: --limit must not be negative")
		return exitUsage
	}
	f, err := ff.filter(strings.Join(fs.Args(), " "))
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib search:", err)
		return exitUsage
	}
	store, err := openExistingStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib search: %s: %v\n", redactDSN(*db), err)
		return exitUsage
	}
	defer store.Close()

	out := bufio.NewWriterSize(e.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	shown, more := 0, false
	f.Limit = event.MaxLimit
	if *limit > 0 {
		f.Limit = min(*limit, event.MaxLimit)
	}
	for {
		page, err := store.Events(ctx, f)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib search:", err)
			return exitPartial
		}
		for i := range page.Events {
			if *limit > 0 && shown >= *limit {
				more = true
				break
			}
			se := &page.Events[i]
			if *format == "jsonl" {
				err = enc.Encode(&se.Event)
			} else {
				err = writeEventText(out, se)
			}
			if err != nil {
				fmt.Fprintln(e.stderr, "raqib search: write:", err)
				return exitPartial
			}
			shown++
		}
		if page.Next == "" || (*limit > 0 && shown >= *limit) {
			more = more || page.Next != ""
			break
		}
		f.Cursor = page.Next
	}
	// No count of the whole match: on a large store that costs more than
	// the page (raqib serve's /api/v1/stats gives the counts).
	if *format == "text" {
		if more {
			fmt.Fprintf(out, "%d matching events shown; more match (--limit 0 shows all)\n", shown)
		} else {
			fmt.Fprintf(out, "%d matching events\n", shown)
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(e.stderr, "raqib search: write:", err)
		return exitPartial
	}
	return exitOK
}

// parseInterleaved parses flags that may come before or after the query
// words, as users type "raqib search قصف --type …".
func parseInterleaved(fs *flag.FlagSet, args []string) error {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			words = append(words, args[1:]...)
			break
		}
		words = append(words, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, words...))
}

// writeEventText prints one event for a reader: date, type and actors,
// then the place with its precision, then the evidence sentence and where
// it was read.
func writeEventText(w io.Writer, se *event.StoredEvent) error {
	date := event.EventDate(se.Event, event.Article{Published: se.Article.Published})
	if date == "" {
		date = "????-??-??"
	}
	if se.DatePrecision != "" && se.DatePrecision != "day" {
		date += " (" + se.DatePrecision + ")"
	}
	actors := actorText(se.Actor1)
	if se.Actor2 != nil {
		actors += " → " + actorText(se.Actor2)
	}
	status := ""
	if c := se.Claim; c != nil && c.Status != "" && c.Status != event.Reported {
		status = " [" + c.Status
		if c.By != "" {
			status += " by " + c.By
		}
		if c.DeniedBy != "" {
			status += ", denied by " + c.DeniedBy
		}
		status += "]"
	}
	if se.Background {
		status += " [background]"
	}
	fmt.Fprintf(w, "%s  %s  %s%s\n", date, se.EventType, actors, status)
	if l := se.Location; l != nil {
		admin := strings.Join(nonEmpty(l.Admin3, l.Admin2, l.Admin1, l.Country), ", ")
		if admin != "" {
			admin = " — " + admin
		}
		fmt.Fprintf(w, "    place: %s%s (%.4f, %.4f; precision %d: %s)\n", l.Name, admin, l.Lat, l.Lon, l.GeoPrecision, precisionWord(l.GeoPrecision))
	} else {
		fmt.Fprintln(w, "    place: unknown")
	}
	if se.Fatalities != nil {
		fmt.Fprintf(w, "    fatalities: %d\n", *se.Fatalities)
	}
	sentence := se.Sentence
	if sentence == "" {
		sentence = event.Sentence(se.Event)
	}
	fmt.Fprintf(w, "    «%s»\n", strings.Join(strings.Fields(sentence), " "))
	src := strings.Join(nonEmpty(se.Article.Outlet, se.Article.Published, se.Article.URL), ", ")
	if se.Source != nil && se.Source.Text != "" && se.Source.Text != se.Article.Outlet {
		src = "reported by " + se.Source.Text + "; " + src
	}
	_, err := fmt.Fprintf(w, "    %s [%s, event %s]\n\n", src, se.Article.ID, se.ID)
	return err
}

func actorText(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	if a.Text == "" {
		return a.Code
	}
	return a.Code + " (" + a.Text + ")"
}

func precisionWord(p int) string {
	switch p {
	case 1:
		return "the place itself"
	case 2:
		return "near it"
	case 3:
		return "region"
	}
	return "unknown"
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
