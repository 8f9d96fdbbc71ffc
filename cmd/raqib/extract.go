package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/extract"
	"github.com/raqib/raqib/internal/source"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func runExtract(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for inputs that carry none, e.g. .txt files")
	var gazetteers listFlag
	fs.Var(&gazetteers, "gazetteer", "GeoNames dump or raqib TSV to load on top of the embedded gazetteer (repeatable; also $RAQIB_GAZETTEER)")
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted in parallel (output order stays the input order)")
	quiet := fs.Bool("q", false, "no summary line on stderr")
	timeout := fs.Duration("article-timeout", defaultArticleTimeout, "time one article may take; a slower one is reported and skipped, the rest go on (0: no limit)")
	explain := fs.Bool("explain", false, "instead of events, show what the extractor saw in each sentence (event words, actors, places, dates, cues)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib extract [flags] FILE|DIR|URL|- …")
		fmt.Fprintln(e.stderr, "Reads SPEC §1 JSONL, .txt (id = file name), HTML, RSS/Atom or WARC; prints one SPEC §2 event per line.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *published != "" {
		if _, err := time.Parse("2006-01-02", *published); err != nil {
			fmt.Fprintf(e.stderr, "raqib extract: --published %q: want YYYY-MM-DD\n", *published)
			return exitUsage
		}
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		fs.Usage()
		return exitUsage
	}
	gz, err := loadGazetteer(e, gazetteers)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib extract:", err)
		return exitUsage
	}
	x, err := extract.New(extract.Options{Gazetteer: gz})
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib extract:", err)
		return exitUsage
	}
	out := bufio.NewWriterSize(e.stdout, 1<<16)
	defer out.Flush()
	st := &extractStats{}
	code := exitOK
	for _, in := range inputs {
		r, err := source.Open(ctx, in, source.Options{Stdin: e.stdin, FollowLinks: source.FollowAuto})
		if err != nil {
			fmt.Fprintf(e.stderr, "raqib extract: %s: %v\n", in, err)
			code = exitUsage
			continue
		}
		if *explain {
			err = explainAll(ctx, x, r, *published, out, e.stderr)
		} else {
			err = extractAll(ctx, x, r, *published, max(1, *workers), *timeout, out, e.stderr, st)
		}
		r.Close()
		if ctx.Err() != nil {
			fmt.Fprintln(e.stderr, "raqib extract: stopped by a signal; the events of the articles read so far are written")
			code = max(code, exitPartial)
			break
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "raqib extract: %s: %v\n", in, err)
			code = exitUsage
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(e.stderr, "raqib extract: write:", err)
		return exitUsage
	}
	if !*quiet {
		fmt.Fprintf(e.stderr, "raqib extract: %d articles read, %d events, %d skipped\n", st.articles, st.events, st.failed)
	}
	if code == exitOK && st.failed > 0 {
		code = exitPartial
	}
	return code
}

type extractStats struct{ articles, events, failed int }

// extractAll streams items from r through workers and writes events in
// input order. A bad item is reported on stderr and skipped.
func extractAll(ctx context.Context, x *extract.Extractor, r source.Reader, published string, workers int, timeout time.Duration,
	out io.Writer, stderr io.Writer, st *extractStats) error {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return extractStream(ctx, r, x, workers, published, timeout, func(e extracted) error {
		if e.err != nil && ctx.Err() != nil {
			return nil // stopped: not this article's fault
		}
		st.articles++
		if e.err != nil {
			st.failed++
			fmt.Fprintf(stderr, "raqib extract: %s%s: %v\n", e.item.Origin, idSuffix(e.item.Article.ID, e.item.Origin), e.err)
			return nil
		}
		for i := range e.events {
			if err := enc.Encode(&e.events[i]); err != nil {
				return err
			}
			st.events++
		}
		// An article's events go out whole and at once, so that a reader
		// of the stream sees them while a long article after it is still
		// being extracted, and a stopped run has written what it read.
		if f, ok := out.(interface{ Flush() error }); ok && len(e.events) > 0 {
			return f.Flush()
		}
		return nil
	})
}

// explainAll prints, for each article, what the extractor saw in it.
func explainAll(ctx context.Context, x *extract.Extractor, r source.Reader, published string, out, stderr io.Writer) error {
	for {
		it, err := r.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if it.Err != nil {
			fmt.Fprintf(stderr, "raqib extract: %s: %v\n", it.Origin, it.Err)
			continue
		}
		if it.Article.Published == "" {
			it.Article.Published = published
		}
		fmt.Fprintf(out, "# %s (%s)\n%s\n", it.Article.ID, it.Origin, x.Explain(it.Article))
	}
}

func idSuffix(id, origin string) string {
	if id == "" || strings.Contains(origin, id) {
		return ""
	}
	return " (id " + id + ")"
}
