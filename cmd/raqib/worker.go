package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/ingest"
	"github.com/raqib/raqib/internal/natsq"
	"github.com/raqib/raqib/internal/source"
)

// runWorker consumes articles from the queue, runs them through the
// ingest pipeline and acks each message once its article is committed.
func runWorker(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	queue := fs.String("queue", "", "NATS server(s), e.g. nats://127.0.0.1:4222 (comma-separated for a cluster)")
	db := dbFlag(fs, e)
	var gazetteers listFlag
	fs.Var(&gazetteers, "gazetteer", "GeoNames dump or raqib TSV to load on top of the embedded gazetteer (repeatable; also $RAQIB_GAZETTEER)")
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted in parallel")
	batch := fs.Int("batch", 50, "messages fetched and committed per transaction")
	timeout := fs.Duration("article-timeout", defaultArticleTimeout, "time one article may take to extract; a slower one is dead-lettered with a message")
	ackWait := fs.Duration("ack-wait", 30*time.Second, "time a delivered message may stay unacked before it is delivered again (a worker that died)")
	maxDeliver := fs.Int("max-deliver", 5, "deliveries of a message whose batch could not be stored before it is dead-lettered")
	replicas := fs.Int("replicas", 1, "replicas of the streams when they are created (3 on a cluster of three)")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics at http://ADDR/metrics, e.g. 127.0.0.1:9101: articles by outcome, batch latency, consumer lag (empty: none)")
	every := fs.Duration("metrics-every", 10*time.Second, "interval of the metrics line on stderr: articles/s, batch latency, consumer lag (0: none)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib worker --queue nats://HOST:4222 [--db postgres://…] [flags]")
		fmt.Fprintln(e.stderr, "Stores the articles published by `raqib ingest --queue`: runs them through the ingest pipeline and")
		fmt.Fprintln(e.stderr, "acks each message once its batch is committed. Any number of workers share one durable consumer.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *queue == "" || fs.NArg() != 0 || *batch < 1 || *workers < 1 || *maxDeliver < 1 {
		fs.Usage()
		return exitUsage
	}
	x, err := newLazyExtractor(e, gazetteers)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib worker:", err)
		return exitUsage
	}
	x.Warm() // a worker is there to extract
	store, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib worker: %s: %v\n", redactDSN(*db), err)
		return exitUsage
	}
	defer store.Close()
	q, err := connectQueue(ctx, *queue, natsq.Options{Replicas: *replicas, Name: "raqib worker"})
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib worker:", err)
		return exitUsage
	}
	defer q.Close()
	f, err := q.Consumer(ctx, natsq.ConsumerOptions{AckWait: *ackWait})
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib worker:", err)
		return exitUsage
	}
	w := &worker{
		q: q, f: f, store: store, batch: *batch, maxDeliver: *maxDeliver, stderr: e.stderr,
		p: &ingest.Pipeline{Store: store, Extractor: x, Workers: *workers, ArticleTimeout: *timeout},
	}
	if *metricsAddr != "" {
		stop, err := w.serveMetrics(ctx, *metricsAddr)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib worker: --metrics-addr:", err)
			return exitUsage
		}
		defer stop()
	}
	fmt.Fprintf(e.stderr, "raqib worker: consuming %s from %s into %s\n", natsq.Stream, *queue, redactDSN(*db))
	stopMetrics := w.reportEvery(ctx, *every)
	w.run(ctx)
	stopMetrics()
	fmt.Fprintf(e.stderr, "raqib worker: stopped; %s\n", w.line(context.Background()))
	return exitOK
}

// worker is one consuming process.
type worker struct {
	q          *natsq.Queue
	f          *natsq.Fetcher
	store      event.Writer
	p          *ingest.Pipeline
	batch      int
	maxDeliver int
	stderr     io.Writer

	mu                      sync.Mutex
	start                   time.Time
	articles, failed, retry int
	dead                    int
	lastBatch               time.Duration
	lastSize                int
	prom                    *workerMetrics // nil: not served
}

// backoff is the delay before the n-th redelivery of a message whose
// batch could not be stored.
func backoff(n uint64) time.Duration {
	d := time.Second << min(n, 6)
	return min(d, time.Minute)
}

// run fetches and processes batches until ctx is cancelled. A batch
// fetched is always finished (processed, committed, acked) before it
// returns: SIGTERM stops the fetching, not the batch.
func (w *worker) run(ctx context.Context) {
	w.start = time.Now()
	pause := 100 * time.Millisecond
	for ctx.Err() == nil {
		ds, err := w.f.Fetch(ctx, w.batch, time.Second)
		if err != nil {
			if ctx.Err() == nil {
				w.printf("fetch: %v (retrying)", err)
				sleepCtx(ctx, pause)
				pause = min(2*pause, 5*time.Second)
			}
			continue
		}
		pause = 100 * time.Millisecond
		if len(ds) > 0 {
			w.process(context.WithoutCancel(ctx), ds)
		}
	}
}

// connectQueue connects to the queue, trying for half a minute: a cluster
// that is starting or electing leaders answers with errors for a few
// seconds.
func connectQueue(ctx context.Context, url string, opt natsq.Options) (*natsq.Queue, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		q, err := natsq.Connect(ctx, url, opt)
		if err == nil || errors.Is(err, natsq.ErrUnreachable) || ctx.Err() != nil || time.Now().After(deadline) {
			return q, err
		}
		sleepCtx(ctx, 500*time.Millisecond)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// process runs one batch through the pipeline. A record rejected for good
// (invalid, too slow) is recorded in ingest_errors by the pipeline and moved
// to the dead-letter stream; a batch the store could not take is retried
// with backoff, and dead-lettered after maxDeliver deliveries.
func (w *worker) process(ctx context.Context, ds []*natsq.Delivery) {
	start := time.Now()
	msgs := make([]ingest.Message, len(ds))
	for i, d := range ds {
		msgs[i] = ingest.Message{Article: d.Article, Origin: d.Origin, Err: d.Err,
			Ack: func(ctx context.Context, r ingest.Result) error {
				if r.Status == ingest.Failed {
					return w.q.Dead(ctx, d, r.Err.Error())
				}
				return d.Ack(ctx)
			}}
	}
	run := w.p.NewRun()
	res, err := run.Process(ctx, msgs)
	if ferr := run.Finish(ctx, "raqib worker"); ferr != nil {
		w.printf("keeping the error summary: %v", ferr)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lastBatch, w.lastSize = time.Since(start), len(ds)
	w.prom.observe(w.lastBatch, res, err)
	if err != nil {
		w.printf("store: %v; the batch of %d goes back to the queue", err, len(ds))
		for _, d := range ds {
			if d.Delivered >= uint64(w.maxDeliver) {
				reason := fmt.Sprintf("not stored after %d deliveries: %v", d.Delivered, err)
				if derr := w.q.Dead(ctx, d, reason); derr != nil {
					w.printf("dead letter %s: %v", d.Key, derr)
				}
				_ = w.store.RecordError(ctx, event.IngestError{Origin: d.Origin, ID: d.Article.ID, Reason: reason, At: time.Now().UTC()})
				w.dead++
				continue
			}
			if rerr := d.Retry(backoff(d.Delivered)); rerr != nil {
				w.printf("retry %s: %v", d.Key, rerr)
			}
			w.retry++
		}
		return
	}
	for _, r := range res {
		switch {
		case r.Status == ingest.Failed:
			w.failed++
			w.dead++
			w.printf("%s%s: %v (dead-lettered)", r.Origin, idSuffix(r.ID, r.Origin), r.Err)
		case r.Err != nil: // stored, but the ack failed: the message comes back and is found unchanged
			w.articles++
			w.printf("%s: %v", r.Origin, r.Err)
		default:
			w.articles++
		}
	}
}

func (w *worker) printf(format string, args ...any) {
	fmt.Fprintf(w.stderr, "raqib worker: "+format+"\n", args...)
}

// line is the metrics line: articles/s, last batch latency, consumer lag.
func (w *worker) line(ctx context.Context) string {
	pending, ackPending, lagErr := w.f.Lag(ctx)
	w.mu.Lock()
	defer w.mu.Unlock()
	el := time.Since(w.start).Seconds()
	s := fmt.Sprintf("%s articles stored (%.1f/s), %d failed, %d retried, %d dead-lettered; last batch %d in %s",
		ingest.Thousands(w.articles), float64(w.articles)/max(el, 1e-3), w.failed, w.retry, w.dead, w.lastSize, w.lastBatch.Round(time.Millisecond))
	if lagErr == nil {
		s += fmt.Sprintf("; lag %s pending, %d unacked", ingest.Thousands(int(pending)), ackPending)
	}
	return s
}

// reportEvery prints the metrics line every interval until stopped.
func (w *worker) reportEvery(ctx context.Context, every time.Duration) (stop func()) {
	if every <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
				w.printf("%s", w.line(lctx))
				cancel()
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// runPublish reads the targets and publishes their articles to the queue
// instead of storing them; `raqib worker` stores them.
func runPublish(ctx context.Context, e *env, url, published string, replicas, batch int, targets []string) int {
	q, err := connectQueue(ctx, url, natsq.Options{Replicas: replicas, Name: "raqib ingest"})
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib ingest:", err)
		return exitUsage
	}
	defer q.Close()
	start := time.Now()
	var read, pub, dup, failed int
	code := exitOK
	msgs := ingest.NewErrorCap(maxMessages)
	report := func(format string, args ...any) {
		if m := fmt.Sprintf(format, args...); msgs.Take(m) {
			fmt.Fprintln(e.stderr, "raqib ingest: "+m)
		}
	}
	fetcher := source.NewFetcher(source.FetchOptions{})
	for _, target := range targets {
		if ctx.Err() != nil {
			break
		}
		r, err := source.Open(ctx, target, source.Options{Stdin: e.stdin, FollowLinks: source.FollowAuto, Fetcher: fetcher})
		if err != nil {
			report("%s: %v", target, err)
			code = exitUsage
			continue
		}
		var out []natsq.Outgoing
		flush := func() {
			// Of two versions of one article in a batch, the later is
			// published (as the pipeline stores the later).
			last := map[string]int{}
			for i, o := range out {
				last[o.Key] = i
			}
			var keep []natsq.Outgoing
			for i, o := range out {
				if last[o.Key] == i {
					keep = append(keep, o)
				} else {
					dup++
				}
			}
			for i, res := range q.Publish(ctx, keep) {
				switch {
				case res.Err != nil:
					failed++
					report("%s: publish: %v", keep[i].Origin, res.Err)
				case res.Duplicate:
					dup++
				default:
					pub++
				}
			}
			out = out[:0]
		}
		for {
			it, err := r.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				if ctx.Err() == nil {
					report("%s: %v", target, err)
				}
				code = max(code, exitPartial)
				break
			}
			read++
			a := it.Article
			if a.Published == "" {
				a.Published = published
			}
			if it.Err == nil {
				it.Err = a.Validate()
			}
			if it.Err != nil {
				failed++
				report("%s%s: %v", it.Origin, idSuffix(a.ID, it.Origin), it.Err)
				continue
			}
			out = append(out, natsq.Outgoing{Article: a, Key: event.ArticleKey(a), Origin: it.Origin})
			if len(out) >= batch {
				flush()
			}
		}
		flush()
		r.Close()
	}
	for _, s := range msgs.Suppressed() {
		fmt.Fprintln(e.stderr, "raqib ingest:", s)
	}
	el := time.Since(start).Seconds()
	fmt.Fprintf(e.stderr, "raqib ingest: %d read, %d published, %d duplicate, %d failed; %.1f s (%.0f articles/s) to %s\n",
		read, pub, dup, failed, el, float64(read)/max(el, 1e-3), redactNATS(url))
	if failed > 0 || ctx.Err() != nil {
		code = max(code, exitPartial)
	}
	return code
}

// redactNATS drops credentials from a NATS URL list.
func redactNATS(url string) string {
	parts := strings.Split(url, ",")
	for i, p := range parts {
		if at := strings.LastIndex(p, "@"); at >= 0 {
			if s := strings.Index(p, "://"); s >= 0 && s < at {
				parts[i] = p[:s+3] + "…@" + p[at+1:]
			}
		}
	}
	return strings.Join(parts, ",")
}

// runQueue shows the queue's state: raqib queue status --queue URL.
func runQueue(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] != "status" {
		fmt.Fprintln(e.stderr, "usage: raqib queue status --queue nats://HOST:4222")
		return exitUsage
	}
	fs := flag.NewFlagSet("queue status", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	url := fs.String("queue", "nats://127.0.0.1:4222", "NATS server(s)")
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	q, err := connectQueue(ctx, *url, natsq.Options{Name: "raqib queue status"})
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib queue:", err)
		return exitUsage
	}
	defer q.Close()
	st, err := q.Status(ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib queue:", err)
		return exitUsage
	}
	w := e.stdout
	fmt.Fprintf(w, "stream %s: %d messages waiting (%.1f MB), sequence %d–%d, %d replicas, leader %s\n",
		natsq.Stream, st.Messages, float64(st.Bytes)/1e6, st.FirstSeq, st.LastSeq, st.Replicas, st.Leader)
	if st.ConsumerExists {
		fmt.Fprintf(w, "consumer %s: %d pending (not delivered), %d delivered and not acked, %d redelivered, acked up to %d\n",
			natsq.Consumer, st.Pending, st.AckPending, st.Redelivered, st.AckFloor)
	} else {
		fmt.Fprintf(w, "consumer %s: none yet (no worker has started)\n", natsq.Consumer)
	}
	fmt.Fprintf(w, "dead letters (%s): %d\n", natsq.DeadStream, st.Dead)
	return exitOK
}
