package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/event"
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
		err = extractAll(ctx, x, r, *published, max(1, *workers), out, e.stderr, st)
		r.Close()
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

type job struct {
	seq  int
	item source.Item
}

type result struct {
	seq    int
	origin string
	id     string
	events []event.Event
	err    error
}

// extractAll streams items from r through workers and writes events in
// input order. A bad item is reported on stderr and skipped.
func extractAll(ctx context.Context, x *extract.Extractor, r source.Reader, published string, workers int,
	out io.Writer, stderr io.Writer, st *extractStats) error {
	jobs := make(chan job, workers*2)
	results := make(chan result, workers*2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res := result{seq: j.seq, origin: j.item.Origin, id: j.item.Article.ID, err: j.item.Err}
				if res.err == nil {
					a := j.item.Article
					if a.Published == "" {
						a.Published = published
					}
					res.events, res.err = x.Extract(a)
				}
				results <- res
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			it, err := r.Next(ctx)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			select {
			case jobs <- job{seq, it}:
			case <-ctx.Done():
				readErr = ctx.Err()
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	pending := map[int]result{}
	next := 0
	var writeErr error
	for res := range results {
		pending[res.seq] = res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			st.articles++
			if r.err != nil {
				st.failed++
				fmt.Fprintf(stderr, "raqib extract: %s%s: %v\n", r.origin, idSuffix(r.id, r.origin), r.err)
				continue
			}
			for i := range r.events {
				if writeErr == nil {
					writeErr = enc.Encode(&r.events[i])
				}
				st.events++
			}
		}
	}
	if readErr != nil {
		return readErr
	}
	return writeErr
}

func idSuffix(id, origin string) string {
	if id == "" || strings.Contains(origin, id) {
		return ""
	}
	return " (id " + id + ")"
}
