package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/source"
)

// Source hands out messages one at a time and io.EOF after the last; any
// other error is fatal for the source.
type Source interface {
	Next(ctx context.Context) (Message, error)
}

// FromReader adapts a source.Reader.
func FromReader(r source.Reader) Source { return readerSource{r} }

type readerSource struct{ r source.Reader }

func (s readerSource) Next(ctx context.Context) (Message, error) {
	it, err := s.r.Next(ctx)
	if err != nil {
		return Message{}, err
	}
	m := Message{Article: it.Article, Origin: it.Origin, Err: it.Err}
	if it.Raw != nil {
		m.Raw = it.Raw
		m.Parse = func() (event.Article, error) {
			it.Parse()
			return it.Article, it.Err
		}
	}
	return m, nil
}

// StoreError is a store failure that stops a stream: every write of a
// batch failed.
type StoreError struct{ Err error }

func (e *StoreError) Error() string { return "store: " + e.Err.Error() }
func (e *StoreError) Unwrap() error { return e.Err }

// Stream takes every message of src through the pipeline in batches of
// size, preparing (extracting) one batch while the previous one commits,
// and hands each result to report in input order. It returns the source's
// error, ctx's when stopped (after committing what was extracted), or a
// *StoreError. Memory is bounded by two batches.
func (r *Run) Stream(ctx context.Context, src Source, size int, report func(Result)) error {
	size = max(1, size)
	// Three stages overlap: reading (fingerprinting, parsing) the next
	// batch, preparing (hash check, extraction) one, and committing the
	// one before. pctx stops the reading side when the store fails; ctx's own
	// cancellation stops both, after the batches read are committed.
	pctx, stop := context.WithCancel(ctx)
	defer stop()
	// A past version of an article may wait for a later one further on
	// (Run.hold); what none superseded is stored when the input ends.
	r.holding = true
	defer func() { r.holding = false }()
	read := make(chan *Batch, 1)
	prepared := make(chan *Batch, 1)
	var readErr error
	go func() {
		defer close(read)
		for {
			msgs := make([]Message, 0, size)
			for len(msgs) < size {
				if pctx.Err() != nil {
					readErr = pctx.Err()
					break
				}
				m, err := src.Next(pctx)
				if errors.Is(err, io.EOF) {
					readErr = io.EOF
					break
				}
				if err != nil {
					readErr = err
					break
				}
				msgs = append(msgs, m)
			}
			if len(msgs) > 0 {
				// Fingerprinted and parsed here, while the batch before
				// is extracted.
				select {
				case read <- r.readBatch(pctx, msgs):
				case <-pctx.Done():
					return
				}
			}
			if readErr != nil {
				return
			}
		}
	}()
	go func() {
		defer close(prepared)
		// On a stop this goroutine does not wait for the reader, which may
		// be inside a long read (a 30 MB line parses for a while): the
		// batches already prepared are committed and the stream returns.
		for {
			select {
			case b, ok := <-read:
				if !ok {
					if pctx.Err() == nil {
						if b := r.flush(pctx); b != nil {
							prepared <- b
						}
					}
					return
				}
				prepared <- r.prepare(pctx, b)
			case <-pctx.Done():
				return
			}
		}
	}()
	var fatal error
	for b := range prepared {
		if fatal != nil {
			continue // drain
		}
		res, err := r.Commit(ctx, b)
		for _, x := range res {
			report(x)
		}
		if err != nil {
			fatal = &StoreError{err}
			stop()
		}
	}
	for _, res := range r.release() {
		report(res) // held back, and the run stopped before storing them
	}
	switch {
	case fatal != nil:
		return fatal
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(readErr, io.EOF):
		return nil
	case readErr != nil:
		return fmt.Errorf("read: %w", readErr)
	}
	return nil
}
