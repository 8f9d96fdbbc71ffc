package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/extract"
	"github.com/raqib/raqib/internal/ingest"
	"github.com/raqib/raqib/internal/source"
)

// defaultArticleTimeout is the time one article may take to extract.
const defaultArticleTimeout = 10 * time.Second

// maxMessages bounds the per-item messages one run prints on stderr; the
// rest are summed up by kind at the end.
const maxMessages = 200

func runIngest(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	var gazetteers listFlag
	fs.Var(&gazetteers, "gazetteer", "GeoNames dump or raqib TSV to load on top of the embedded gazetteer (repeatable; also $RAQIB_GAZETTEER)")
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted in parallel")
	batch := fs.Int("batch", 100, "articles written per transaction")
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for inputs that carry none, e.g. .txt files")
	timeout := fs.Duration("article-timeout", defaultArticleTimeout, "time one article may take to extract; a slower one fails with a message and the rest go on (0: no limit)")
	queue := fs.String("queue", "", "publish the articles to NATS JetStream (nats://HOST:4222, comma-separated for a cluster) for `raqib worker` to store, instead of storing them")
	replicas := fs.Int("replicas", 1, "with --queue: replicas of the stream when it is created (3 on a cluster of three)")
	progressEvery := fs.Duration("progress", 5*time.Second, "interval of progress lines when stderr is not a terminal (0: none); a terminal gets a progress bar")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib ingest [flags] FILE|DIR|URL|- …")
		fmt.Fprintln(e.stderr, "Reads SPEC §1 JSONL, .txt, HTML, RSS/Atom (files or URLs, following item links), WARC(.gz) or")
		fmt.Fprintln(e.stderr, "directories of them; extracts events and stores articles and events. Re-running is safe:")
		fmt.Fprintln(e.stderr, "an article already stored with the same text is left unchanged (not even extracted again), a")
		fmt.Fprintln(e.stderr, "changed one replaces its events; of two versions of one article in one run the later wins.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	if *workers < 1 || *batch < 1 || *timeout < 0 {
		fmt.Fprintln(e.stderr, "raqib ingest: --workers and --batch must be at least 1, --article-timeout not negative")
		return exitUsage
	}
	if *published != "" {
		if _, err := time.Parse("2006-01-02", *published); err != nil {
			fmt.Fprintf(e.stderr, "raqib ingest: --published %q: want YYYY-MM-DD\n", *published)
			return exitUsage
		}
	}
	if *queue != "" {
		return runPublish(ctx, e, *queue, *published, *replicas, max(*batch, 256), fs.Args())
	}
	x, err := newLazyExtractor(e, gazetteers)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib ingest:", err)
		return exitUsage
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib ingest: %s: %v\n", redactDSN(*db), err)
		return exitUsage
	}
	defer store.Close()

	in := newIngester(store, x, e.stderr)
	in.p.Workers, in.p.ArticleTimeout, in.p.Published = *workers, *timeout, *published
	in.batch = *batch
	prog := newProgress(e.stderr, "ingest", *progressEvery, totalSize(fs.Args()), &in.bytesRead, func() (int, int) {
		st := in.snapshot()
		return st.read, st.events
	})
	in.progress = prog
	start := time.Now()
	code := in.run(ctx, e.stdin, fs.Args())
	prog.finish()
	in.finish(ctx)
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "raqib ingest: stopped by a signal; the batches read so far are stored")
	}
	fmt.Fprintf(e.stderr, "raqib ingest: %s; %.1f s\n", in.st, time.Since(start).Seconds())
	return code
}

// lazyExtractor builds the extractor when the pipeline first says it may
// need it (Warm), in the background: an ingest whose articles are all
// unchanged never builds it (it costs about as much as the rest of such a
// run), and one that needs it does not wait long for it.
type lazyExtractor struct {
	build func() (*extract.Extractor, error)
	warm  sync.Once
}

var _ ingest.Warmer = (*lazyExtractor)(nil)

func newLazyExtractor(e *env, gazetteers []string) (*lazyExtractor, error) {
	for _, g := range gazetteers {
		if _, err := os.Stat(g); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	l := &lazyExtractor{build: sync.OnceValues(func() (*extract.Extractor, error) {
		gz, err := loadGazetteer(e, gazetteers)
		if err != nil {
			return nil, err
		}
		return extract.New(extract.Options{Gazetteer: gz})
	})}
	return l, nil
}

// Warm starts building the extractor in the background, on a core the
// reading and hashing leave free, so that the first article that needs it
// waits less for it.
func (l *lazyExtractor) Warm() {
	l.warm.Do(func() { go l.build() })
}

func (l *lazyExtractor) ExtractContext(ctx context.Context, a event.Article) ([]event.Event, error) {
	x, err := l.build()
	if err != nil {
		return nil, fmt.Errorf("loading the extractor: %w", err)
	}
	return x.ExtractContext(ctx, a)
}

// ingestStats count what an ingest did.
type ingestStats struct {
	read, new, updated, unchanged, failed int
	events                                int   // events stored by new and updated articles
	textBytes                             int64 // bytes of article text read
	repeated                              int   // later versions of an article read earlier in the run
	skipped                               int   // unchanged articles not extracted again
	interrupted                           int   // read but not stored: the run was stopped
}

func (s ingestStats) String() string {
	return fmt.Sprintf("%d read, %d new, %d updated, %d unchanged, %d failed; %d events stored",
		s.read, s.new, s.updated, s.unchanged, s.failed, s.events)
}

// ingester runs targets through the ingest pipeline and reports on stderr.
type ingester struct {
	p         *ingest.Pipeline
	r         *ingest.Run
	batch     int
	stderr    io.Writer
	progress  *progress      // nil: none
	counted   func(done int) // called with the count of results so far; nil: none
	st        ingestStats
	msgs      *ingest.ErrorCap
	bytesRead atomic.Int64
	mu        sync.Mutex // guards st for the progress reporter
}

func newIngester(w event.Writer, x ingest.Extractor, stderr io.Writer) *ingester {
	p := &ingest.Pipeline{Store: w, Extractor: x, Workers: 1}
	return &ingester{p: p, batch: 100, stderr: stderr, msgs: ingest.NewErrorCap(maxMessages)}
}

// run ingests every target and returns the exit status: exitUsage when a
// target cannot be opened, exitPartial when items failed or a reader or the
// store stopped early, exitOK when everything was stored.
func (in *ingester) run(ctx context.Context, stdin io.Reader, targets []string) int {
	in.r = in.p.NewRun()
	fetcher := source.NewFetcher(source.FetchOptions{})
	code := exitOK
	worse := func(c int) { code = max(code, c) }
	for _, target := range targets {
		if ctx.Err() != nil {
			worse(exitPartial)
			break
		}
		r, err := source.Open(ctx, target, source.Options{Stdin: stdin, FollowLinks: source.FollowAuto, Fetcher: fetcher, Read: &in.bytesRead, Raw: true})
		if err != nil {
			in.message("%s: %v", target, err)
			if rerr := in.r.RecordError(ctx, target, "", err); rerr != nil {
				in.message("keeping the error of %s: %v", target, rerr)
			}
			worse(exitUsage)
			continue
		}
		err = in.r.Stream(ctx, ingest.FromReader(r), in.batch, in.take)
		r.Close()
		var fatal *ingest.StoreError
		switch {
		case errors.As(err, &fatal):
			in.message("%v", err)
			return max(code, exitPartial)
		case err != nil && ctx.Err() != nil:
			worse(exitPartial)
		case err != nil:
			in.message("%s: %v", target, err)
			worse(exitPartial)
		}
	}
	if in.st.failed > 0 || in.st.interrupted > 0 {
		worse(exitPartial)
	}
	return code
}

// take counts one result and reports a failure.
func (in *ingester) take(r ingest.Result) {
	in.mu.Lock()
	defer in.mu.Unlock()
	st := &in.st
	if r.Status == ingest.Interrupted {
		st.interrupted++
		return
	}
	st.read++
	st.textBytes += int64(r.TextBytes)
	if r.Repeat {
		st.repeated++
	}
	switch r.Status {
	case ingest.New:
		st.new++
	case ingest.Updated:
		st.updated++
	case ingest.Unchanged:
		st.unchanged++
		if r.Skipped {
			st.skipped++
		}
	case ingest.Failed:
		st.failed++
		in.messageLocked("%s%s: %v", r.Origin, idSuffix(r.ID, r.Origin), r.Err)
	}
	st.events += len(r.Events)
	if in.counted != nil {
		in.counted(st.read)
	}
}

// message prints one line on stderr, within the run's bound.
func (in *ingester) message(format string, args ...any) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.messageLocked(format, args...)
}

func (in *ingester) messageLocked(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !in.msgs.Take(msg) {
		return
	}
	in.progress.println(in.stderr, "raqib ingest: "+msg)
}

// finish prints what the message bound held back and keeps the summary of
// the errors not recorded one by one.
func (in *ingester) finish(ctx context.Context) {
	for _, s := range in.msgs.Suppressed() {
		fmt.Fprintln(in.stderr, "raqib ingest:", s)
	}
	if in.r != nil {
		if err := in.r.Finish(ctx, "raqib ingest"); err != nil {
			fmt.Fprintln(in.stderr, "raqib ingest: keeping the error summary:", err)
		}
	}
	if in.st.repeated > 0 {
		fmt.Fprintf(in.stderr, "raqib ingest: %d articles repeated one read earlier in this run (same URL, or same text); the later version read is kept\n", in.st.repeated)
	}
	if in.st.interrupted > 0 {
		fmt.Fprintf(in.stderr, "raqib ingest: %d articles read were not stored: the run was stopped (run it again to store them)\n", in.st.interrupted)
	}
}

// snapshot returns the counts so far, for progress lines.
func (in *ingester) snapshot() ingestStats {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.st
}
