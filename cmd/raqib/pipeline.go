package main

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/ingest"
	"github.com/raqib/raqib/internal/source"
)

// extracted is one item read from a source, with its events or the reason
// it could not be read or extracted.
type extracted struct {
	item   source.Item
	events []event.Event
	err    error
}

// extractStream reads the items of r, extracts them on workers and hands
// them to take one at a time, in input order, so that output is the same
// on every run whatever the number of workers. At most a bounded number of
// items are in flight, so memory does not grow with the corpus. Articles
// without a publication date get published. When take returns an error,
// reading stops, the items in flight are drained without take, and that
// error is returned; otherwise the reader's own error, if any.
func extractStream(ctx context.Context, r source.Reader, x ingest.Extractor, workers int, published string, timeout time.Duration, take func(extracted) error) error {
	type job struct {
		seq  int
		item source.Item
	}
	type result struct {
		seq int
		extracted
	}
	workers = max(1, workers)
	jobs := make(chan job, workers*2)
	results := make(chan result, workers*2)
	// window bounds the items between the reader and take, so that one
	// slow article cannot make the reorder buffer grow.
	window := make(chan struct{}, workers*8)
	stopCtx, stop := context.WithCancel(ctx)
	defer stop()
	running := make(chan struct{}, 2*workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// On a stop, workers do not wait for the reader (it may be
				// inside a long read); what they finished is still taken.
				var j job
				select {
				case jj, ok := <-jobs:
					if !ok {
						return
					}
					j = jj
				case <-stopCtx.Done():
					return
				}
				res := result{seq: j.seq, extracted: extracted{item: j.item, err: j.item.Err}}
				if res.err == nil {
					if res.item.Article.Published == "" {
						res.item.Article.Published = published
					}
					res.err = res.item.Article.ValidateForExtraction()
				}
				if res.err == nil {
					res.events, res.err = ingest.ExtractWithin(stopCtx, x, res.item.Article, timeout, running)
				}
				results <- res
			}
		}()
	}
	// The reader hands its error over readErrs when it ends; on a stop it
	// may end after this function returns.
	readErrs := make(chan error, 1)
	go func() {
		var readErr error
		defer func() { readErrs <- readErr }()
		defer close(jobs)
		for seq := 0; ; seq++ {
			select {
			case window <- struct{}{}:
			case <-stopCtx.Done():
				readErr = stopCtx.Err()
				return
			}
			it, err := r.Next(stopCtx)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			select {
			case jobs <- job{seq, it}:
			case <-stopCtx.Done():
				readErr = stopCtx.Err()
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var takeErr error
	reorder := map[int]extracted{}
	next := 0
	for res := range results {
		reorder[res.seq] = res.extracted
		for {
			e, ok := reorder[next]
			if !ok {
				break
			}
			delete(reorder, next)
			next++
			<-window
			if takeErr != nil {
				continue // drain
			}
			if takeErr = take(e); takeErr != nil {
				stop()
			}
		}
	}
	if takeErr != nil {
		return takeErr
	}
	var readErr error
	select {
	case readErr = <-readErrs:
	case <-stopCtx.Done():
		readErr = stopCtx.Err()
	}
	if readErr != nil && !(errors.Is(readErr, context.Canceled) && ctx.Err() == nil) {
		return readErr
	}
	return nil
}
