package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/extract"
	"github.com/raqib/raqib/internal/source"
)

func runIngest(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := dbFlag(fs, e)
	var gazetteers listFlag
	fs.Var(&gazetteers, "gazetteer", "GeoNames dump or raqib TSV to load on top of the embedded gazetteer (repeatable; also $RAQIB_GAZETTEER)")
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted in parallel")
	batch := fs.Int("batch", 100, "articles written per transaction")
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for inputs that carry none, e.g. .txt files")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib ingest [flags] FILE|DIR|URL|- …")
		fmt.Fprintln(e.stderr, "Reads SPEC §1 JSONL, .txt, HTML, RSS/Atom (files or URLs, following item links), WARC(.gz) or")
		fmt.Fprintln(e.stderr, "directories of them; extracts events and stores articles and events. Re-running is safe:")
		fmt.Fprintln(e.stderr, "an article already stored with the same text is left unchanged, a changed one replaces its events.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	if *workers < 1 || *batch < 1 {
		fmt.Fprintln(e.stderr, "raqib ingest: --workers and --batch must be at least 1")
		return exitUsage
	}
	if *published != "" {
		if _, err := time.Parse("2006-01-02", *published); err != nil {
			fmt.Fprintf(e.stderr, "raqib ingest: --published %q: want YYYY-MM-DD\n", *published)
			return exitUsage
		}
	}
	gz, err := loadGazetteer(e, gazetteers)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib ingest:", err)
		return exitUsage
	}
	x, err := extract.New(extract.Options{Gazetteer: gz})
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

	in := &ingester{w: store, x: x, workers: *workers, batch: *batch, published: *published, stderr: e.stderr}
	bar := newProgress(e.stderr)
	if bar != nil {
		in.progress = func(n int) { bar.Add(n) }
		in.clearLine = func() { bar.Clear() }
	}
	start := time.Now()
	code := in.run(ctx, e.stdin, fs.Args())
	if bar != nil {
		bar.Finish()
	}
	fmt.Fprintf(e.stderr, "raqib ingest: %s; %.1f s\n", in.st, time.Since(start).Seconds())
	return code
}

// newProgress returns a progress bar on stderr when it is a terminal.
func newProgress(stderr io.Writer) *progressbar.ProgressBar {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
	)
}

// ingestStats count what an ingest did.
type ingestStats struct {
	read, new, updated, unchanged, failed int
	events                                int   // events stored by new and updated articles
	textBytes                             int64 // bytes of article text read
	repeated                              int   // of unchanged: later versions of an article read earlier in the run
}

func (s ingestStats) String() string {
	return fmt.Sprintf("%d read, %d new, %d updated, %d unchanged, %d failed; %d events stored",
		s.read, s.new, s.updated, s.unchanged, s.failed, s.events)
}

// ingester reads targets, extracts events in parallel and writes them in
// transactional batches. Channels are bounded, so memory does not grow
// with the corpus.
type ingester struct {
	w         event.Writer
	x         *extract.Extractor
	workers   int
	batch     int
	published string
	stderr    io.Writer
	progress  func(n int) // nil: none
	clearLine func()      // clears the progress bar before a message; nil: none
	st        ingestStats
	// seen holds a digest of every article key written in this run. Two
	// versions of one article (the same URL with other text, as crawls of
	// a page from two sections give) would otherwise replace each other on
	// every re-run; the first version read wins and the ingest stays
	// idempotent. It costs about 30 bytes an article.
	seen map[[8]byte]struct{}
}

// run ingests every target and returns the exit status: exitUsage when a
// target cannot be opened, exitPartial when items failed or a reader or the
// store stopped early, exitOK when everything was stored.
func (in *ingester) run(ctx context.Context, stdin io.Reader, targets []string) int {
	fetcher := source.NewFetcher(source.FetchOptions{})
	code := exitOK
	worse := func(c int) {
		if c > code {
			code = c
		}
	}
	for _, target := range targets {
		if ctx.Err() != nil {
			worse(exitPartial)
			break
		}
		r, err := source.Open(ctx, target, source.Options{Stdin: stdin, FollowLinks: source.FollowAuto, Fetcher: fetcher})
		if err != nil {
			in.clear()
			fmt.Fprintf(in.stderr, "raqib ingest: %s: %v\n", target, err)
			in.recordError(ctx, target, "", err.Error())
			worse(exitUsage)
			continue
		}
		err = in.ingest(ctx, r)
		r.Close()
		var fatal *storeError
		if err != nil {
			in.clear()
		}
		switch {
		case errors.As(err, &fatal):
			fmt.Fprintf(in.stderr, "raqib ingest: %v\n", err)
			return max(code, exitPartial)
		case err != nil:
			fmt.Fprintf(in.stderr, "raqib ingest: %s: %v\n", target, err)
			worse(exitPartial)
		}
	}
	if in.st.failed > 0 {
		worse(exitPartial)
	}
	if in.st.repeated > 0 {
		in.clear()
		fmt.Fprintf(in.stderr, "raqib ingest: %d articles repeated one read earlier in this run (same URL, or same text); the first version read is kept (counted unchanged)\n", in.st.repeated)
	}
	return code
}

// storeError is a store failure that stops the ingest.
type storeError struct{ err error }

func (e *storeError) Error() string { return "store: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// ingest streams one reader through the extractor into the store, in
// transactional batches.
func (in *ingester) ingest(ctx context.Context, r source.Reader) error {
	pending := make([]event.Record, 0, in.batch)
	origins := make([]source.Item, 0, in.batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		// A batch that was read is written even after an interrupt, so
		// that what was extracted is not thrown away.
		err := in.put(context.WithoutCancel(ctx), pending, origins)
		pending, origins = pending[:0], origins[:0]
		return err
	}
	// Results come in input order, so that "the first version read" of a
	// repeated article is the same on every run.
	err := extractStream(ctx, r, in.x, in.workers, in.published, func(e extracted) error {
		in.take(ctx, e, &pending, &origins)
		if len(pending) >= in.batch {
			return flush()
		}
		return nil
	})
	var fatal *storeError
	if errors.As(err, &fatal) {
		return err
	}
	if ferr := flush(); ferr != nil {
		return ferr
	}
	return err
}

// take counts one result and adds it to the batch unless it failed or
// repeats an article written earlier in this run.
func (in *ingester) take(ctx context.Context, res extracted, pending *[]event.Record, origins *[]source.Item) {
	in.st.read++
	in.st.textBytes += int64(len(res.item.Article.Text))
	if res.err != nil {
		in.fail(ctx, res.item, res.err.Error())
		return
	}
	key, hash := event.ArticleKey(res.item.Article), event.ContentHash(res.item.Article)
	if in.repeat(key) {
		in.st.unchanged++
		in.st.repeated++
		if in.progress != nil {
			in.progress(1)
		}
		return
	}
	*pending = append(*pending, event.Record{Article: res.item.Article, Key: key, Hash: hash, Events: res.events})
	*origins = append(*origins, res.item)
}

// repeat reports whether key was already written in this run, and notes it.
func (in *ingester) repeat(key string) bool {
	if in.seen == nil {
		in.seen = map[[8]byte]struct{}{}
	}
	sum := sha256.Sum256([]byte(key))
	d := [8]byte(sum[:8])
	if _, ok := in.seen[d]; ok {
		return true
	}
	in.seen[d] = struct{}{}
	return false
}

// put writes a batch in one transaction. When the batch fails, each record
// is tried alone so that one bad article does not sink the others; if every
// record fails the store itself is failing and the ingest stops.
func (in *ingester) put(ctx context.Context, recs []event.Record, items []source.Item) error {
	res, err := in.w.Put(ctx, recs)
	if err == nil {
		in.count(res)
		return nil
	}
	if len(recs) == 1 {
		return &storeError{err}
	}
	failed := 0
	var last error
	for i := range recs {
		res, err := in.w.Put(ctx, recs[i:i+1])
		if err != nil {
			failed++
			last = err
			in.fail(ctx, items[i], "store: "+err.Error())
			continue
		}
		in.count(res)
	}
	if failed == len(recs) {
		return &storeError{last}
	}
	return nil
}

func (in *ingester) count(res []event.PutResult) {
	for _, r := range res {
		switch r.Status {
		case event.New:
			in.st.new++
		case event.Updated:
			in.st.updated++
		case event.Unchanged:
			in.st.unchanged++
		}
		in.st.events += r.Events
	}
	if in.progress != nil {
		in.progress(len(res))
	}
}

// clear clears the progress bar's line before a message.
func (in *ingester) clear() {
	if in.clearLine != nil {
		in.clearLine()
	}
}

// fail reports a failed item on stderr and keeps it in the store.
func (in *ingester) fail(ctx context.Context, it source.Item, reason string) {
	in.st.failed++
	in.clear()
	fmt.Fprintf(in.stderr, "raqib ingest: %s%s: %s\n", it.Origin, idSuffix(it.Article.ID, it.Origin), reason)
	in.recordError(ctx, it.Origin, it.Article.ID, reason)
	if in.progress != nil {
		in.progress(1)
	}
}

func (in *ingester) recordError(ctx context.Context, origin, id, reason string) {
	err := in.w.RecordError(context.WithoutCancel(ctx), event.IngestError{Origin: origin, ID: id, Reason: reason, At: time.Now().UTC()})
	if err != nil {
		fmt.Fprintf(in.stderr, "raqib ingest: keeping the error of %s: %v\n", origin, err)
	}
}
