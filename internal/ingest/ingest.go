// Package ingest is raqib's one ingest path, shared by `raqib ingest`, the
// write API and the queue worker: every article goes through the same
// stages in the same order, so that all of them accept and reject the same
// records and store them the same way.
//
//	(fingerprint →) validate → key → hash check → extract → link → store → ack
//
// A record read raw (a JSONL line, Message.Raw) is first looked up by the
// digest of its bytes: bytes read before as the version of the article
// stored now are that article unchanged, and are not even parsed; a past
// version read again waits for the later version that usually follows it
// in the same input (Stream), so a re-run of an unchanged input extracts
// nothing and stores nothing.
//
// Each stage takes a context and works on one record, giving it a clear
// error when it rejects it; a rejected record never stops the batch. In the
// manner of Benthos processors, every message carries an ack function, called
// once the record's fate is final: after the transaction holding it has
// committed, or once it was rejected. That is what lets a queue worker ack a
// message only when its article is stored.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// Message is one article entering the pipeline.
type Message struct {
	Article event.Article
	// Origin says where it came from, for messages: "file:line", "api line 3".
	Origin string
	// Err is a problem the reader already found with this item (a bad JSON
	// line, a page without text): the message is rejected with it.
	Err error
	// Ack, when set, is called once with the message's result after the
	// result is final. Its error is reported as the message's.
	Ack func(ctx context.Context, r Result) error
	// Raw, when set, is the record as read and not yet parsed: Parse
	// gives its Article and Err. The pipeline calls it on its workers, and
	// not at all for a record it finds stored from the same bytes.
	Raw   []byte
	Parse func() (event.Article, error)
}

// Status is what became of a message.
type Status string

// Outcomes. New, Updated and Unchanged are event.PutStatus values.
const (
	New         Status = Status(event.New)
	Updated     Status = Status(event.Updated)
	Unchanged   Status = Status(event.Unchanged)
	Failed      Status = "failed"      // rejected; Err says why
	Interrupted Status = "interrupted" // the run was stopped before the record was stored; nothing kept
)

// Result is the fate of one message.
type Result struct {
	Origin string
	ID     string // the article's id, when it was read
	Key    string // the article's store key, when it was computed
	Status Status
	Events []event.Event // the events stored (New, Updated)
	// Repeat marks a record whose key was already seen earlier in this
	// run: the later version is stored (it wins, as a re-crawl would).
	Repeat bool
	// Skipped marks an Unchanged record whose extraction was skipped
	// because its stored content hash matched.
	Skipped bool
	Err     error
	// TextBytes is the length of the article's text (0 for a record
	// known by its fingerprint, which is not parsed).
	TextBytes int
}

// Extractor reads events from an article under a context.
// *extract.Extractor is one.
type Extractor interface {
	ExtractContext(ctx context.Context, a event.Article) ([]event.Event, error)
}

// Warmer is an Extractor built on first use that can start building ahead:
// the pipeline calls Warm as soon as a batch holds a record it may have to
// extract, and never when every record is known unchanged.
type Warmer interface {
	Warm()
}

// Hasher answers which of the keys are stored, with their content hash.
// Both stores implement it; a Writer without it always extracts.
type Hasher interface {
	Hashes(ctx context.Context, keys []string) (map[string]string, error)
}

// Fingerprinter keeps the fingerprints of raw records read (Message.Raw),
// so that a record read again byte for byte is known without parsing it.
// Both stores implement it; with a Writer without it every record is
// parsed.
type Fingerprinter interface {
	Fingerprints(ctx context.Context, digests []string) (map[string]event.Fingerprint, error)
	PutFingerprints(ctx context.Context, fps []event.Fingerprint) error
}

// Processor is a stage between extraction and storing that may enrich or
// reject records, as incident linking may. Process is called for every
// record that reached it; an error rejects that record only.
type Processor interface {
	Process(ctx context.Context, r *Record) error
}

// Record is a message being processed: the article with its key, hash and
// events.
type Record struct {
	event.Record
	msg    Message
	res    Result
	done   bool   // the result is final before the store stage
	extrac bool   // needs extraction
	digest string // of the raw record; "" when read parsed
	known  bool   // Key and Hash come from the record's fingerprint: not parsed yet
	past   bool   // known, and its fingerprint says a later version is stored
	held   bool   // held back by Run.hold when prepared: its batch does not report it
}

// Pipeline holds what every run shares. The zero value is not usable: set
// Store and Extractor.
type Pipeline struct {
	Store     event.Writer
	Extractor Extractor
	// Workers extract in parallel; default 1.
	Workers int
	// ArticleTimeout bounds the extraction of one article; the article
	// fails with a clear message and the batch goes on. 0: no bound.
	ArticleTimeout time.Duration
	// Published is given to articles that carry no publication date.
	Published string
	// Link runs after extraction and before storing; nil: none. (The
	// stores link incidents inside their Put transaction; this slot is for
	// a stage that must see the batch before it is written.)
	Link Processor
	// ErrorRows bounds the ingest_errors rows one run writes; past it, one
	// summary row per kind of error says how many more there were.
	// Default 1000.
	ErrorRows int
	// Now stamps ingest errors; default time.Now.
	Now func() time.Time
}

// Run is one ingest run: the state that spans its batches (which keys it
// has written, how many errors it has recorded). A Run is used by one
// goroutine at a time.
type Run struct {
	p      *Pipeline
	seen   map[[8]byte][8]byte // key digest → hash digest of the version written
	errCap *ErrorCap
	// running bounds the extractions still running, including those past
	// their deadline that the extractor has not yet given up.
	running chan struct{}
	// holding, set by Stream, lets a past version of an article wait for
	// a later version read further on (see hold); held lists them in
	// input order, heldKey by key digest.
	holding bool
	held    []*Record
	heldKey map[[8]byte]*Record
}

// maxHeld bounds the past versions a run holds back (their raw records
// stay in memory until the input ends); past it they are stored at once.
const maxHeld = 1000

// NewRun starts a run.
func (p *Pipeline) NewRun() *Run {
	rows := p.ErrorRows
	if rows <= 0 {
		rows = 1000
	}
	w := max(1, p.Workers)
	return &Run{p: p, seen: map[[8]byte][8]byte{}, errCap: NewErrorCap(rows), running: make(chan struct{}, 2*w), heldKey: map[[8]byte]*Record{}}
}

func digest(s string) [8]byte {
	sum := sha256.Sum256([]byte(s))
	return [8]byte(sum[:8])
}

// Process takes one batch of messages through every stage and returns
// their results in order. Records that pass are written in one transaction;
// when that fails, each is written alone so that one bad record does not
// sink the others. The error is non-nil only when the store itself fails
// (every write of the batch failed): the caller should stop.
func (r *Run) Process(ctx context.Context, msgs []Message) ([]Result, error) {
	b := r.Prepare(ctx, msgs)
	return r.Commit(ctx, b)
}

// Batch is a prepared batch, ready to be committed.
type Batch struct {
	recs []*Record
	// settled are records held back by earlier batches whose fate this
	// batch decided (a later version was read): reported with it.
	settled []*Record
}

// Prepare runs every stage before the store on a batch: validate, key, hash
// check, extract, link. It may run while the previous batch commits.
func (r *Run) Prepare(ctx context.Context, msgs []Message) *Batch {
	return r.prepare(ctx, r.readBatch(ctx, msgs))
}

// readBatch runs the stages that need no state of the run: fingerprint,
// parse, validate. Stream runs it on its reading side, ahead of the batch
// being extracted, as the reader used to parse.
func (r *Run) readBatch(ctx context.Context, msgs []Message) *Batch {
	b := &Batch{recs: make([]*Record, len(msgs))}
	for i, m := range msgs {
		b.recs[i] = &Record{msg: m}
	}
	r.fingerprint(ctx, b)
	r.read(b)
	return b
}

// prepare runs the stages after reading: key, hash check, extract, link.
func (r *Run) prepare(ctx context.Context, b *Batch) *Batch {
	r.key(ctx, b)
	r.extract(ctx, b)
	if r.p.Link != nil {
		for _, rec := range b.recs {
			if rec.done || rec.res.Status == Unchanged {
				continue
			}
			if err := r.p.Link.Process(ctx, rec); err != nil {
				rec.reject(fmt.Errorf("link: %w", err))
			}
		}
	}
	return b
}

func (rec *Record) reject(err error) {
	rec.res.Status, rec.res.Err, rec.done = Failed, err, true
	// A rejected text is not needed any more: let it go before the
	// batch is done (it may be tens of megabytes).
	rec.Article.Text, rec.msg.Article.Text, rec.Events = "", "", nil
}

// fingerprintVersion is part of every record digest. Change it when the
// way a record is parsed, validated, keyed or hashed changes, so that the
// fingerprints kept before are no longer trusted.
const fingerprintVersion = "raqib record 1"

// fingerprint digests the raw records of a batch and looks them up: a
// record whose bytes were read before, while its article is stored, is
// known by its key and hash and is not parsed (yet): it is the version
// stored now, or a past one (which key may hold back).
func (r *Run) fingerprint(ctx context.Context, b *Batch) {
	fp, ok := r.p.Store.(Fingerprinter)
	if !ok {
		return
	}
	r.parallel(b, func(rec *Record) {
		if rec.msg.Raw != nil && rec.msg.Parse != nil {
			rec.digest = r.recordDigest(rec.msg.Raw)
		}
	})
	var digests []string
	for _, rec := range b.recs {
		if rec.digest != "" {
			digests = append(digests, rec.digest)
		}
	}
	if len(digests) == 0 {
		return
	}
	known, err := fp.Fingerprints(ctx, digests)
	if err != nil {
		return // parsing is only wasted
	}
	for _, rec := range b.recs {
		f, ok := known[rec.digest]
		if ok && f.Stored != "" {
			rec.Key, rec.Hash, rec.known, rec.past = f.Key, f.Hash, true, f.Stored != f.Hash
		}
	}
	if len(known) < len(digests) {
		r.warm() // records never read: most are new
	}
}

// recordDigest is the digest of a raw record as this run reads it: its
// bytes, and the publication date given to records without one (which
// decides whether such a record is valid).
func (r *Run) recordDigest(raw []byte) string {
	h := sha256.New()
	h.Write([]byte(fingerprintVersion))
	h.Write([]byte{0})
	h.Write([]byte(r.p.Published))
	h.Write([]byte{0})
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

// read is the first stage, on Workers goroutines: parse a raw record,
// validate it, compute its key and content hash (for an unchanged corpus,
// parsing and hashing are most of the work). Records known by their
// fingerprint are left for key to tell whether they must be parsed.
func (r *Run) read(b *Batch) {
	r.parallel(b, func(rec *Record) {
		if rec.known {
			rec.res.Origin = rec.msg.Origin
			return
		}
		r.parse(rec)
	})
}

// parse reads a record: parses it when raw, validates it and computes its
// key and hash.
func (r *Run) parse(rec *Record) {
	m := &rec.msg
	if m.Raw != nil && m.Parse != nil {
		m.Article, m.Err = m.Parse()
		m.Raw, m.Parse = nil, nil
	}
	rec.known = false
	rec.res.Origin, rec.res.ID, rec.res.TextBytes = m.Origin, m.Article.ID, len(m.Article.Text)
	r.validate(rec)
	if !rec.done {
		rec.Normalize()
	}
}

// parallel calls f on every record of b on Workers goroutines.
func (r *Run) parallel(b *Batch, f func(*Record)) {
	w := max(1, min(r.p.Workers, len(b.recs)))
	var wg sync.WaitGroup
	for g := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(b.recs); i += w {
				f(b.recs[i])
			}
		}()
	}
	wg.Wait()
}

// validate checks a record: a reader's own error, or event.Article.Validate.
func (r *Run) validate(rec *Record) {
	if rec.msg.Err != nil {
		rec.reject(rec.msg.Err)
		return
	}
	a := rec.msg.Article
	if a.Published == "" {
		a.Published = r.p.Published
	}
	if err := a.Validate(); err != nil {
		rec.reject(err)
		return
	}
	rec.Article = a
}

// key computes keys and hashes and skips the records whose text is
// already stored (or was written earlier in this run) under their key.
func (r *Run) key(ctx context.Context, b *Batch) {
	// Of two versions of one article in a batch only the later is stored
	// (it would replace the earlier in the same transaction anyway), so a
	// re-run of the same input finds it unchanged.
	last := map[string]int{}
	for i, rec := range b.recs {
		if rec.done {
			continue
		}
		rec.res.Key = rec.Key
		if j, ok := last[rec.Key]; ok {
			b.recs[j].res.Status, b.recs[j].res.Repeat, b.recs[j].done = Unchanged, true, true
			rec.res.Repeat = true
		}
		last[rec.Key] = i
	}
	var ask []string
	asked := map[*Record]bool{}
	for _, rec := range b.recs {
		if rec.done {
			continue
		}
		kd, hd := digest(rec.Key), digest(rec.Hash)
		if h := r.heldKey[kd]; h != nil {
			// A past version held back is superseded by this one.
			delete(r.heldKey, kd)
			h.res.Status, h.res.Skipped = Unchanged, true
			b.settled = append(b.settled, h)
			rec.res.Repeat = true
		}
		prev, seen := r.seen[kd]
		if !seen && rec.past && r.hold(kd, rec) {
			continue
		}
		r.seen[kd] = hd
		switch {
		case seen && prev == hd:
			rec.res.Repeat = true
			rec.res.Status, rec.res.Skipped, rec.done = Unchanged, true, true
			continue
		case seen:
			rec.res.Repeat = true
		case rec.known && !rec.past:
			// Its fingerprint says it is the version stored.
			rec.res.Status, rec.res.Skipped, rec.done = Unchanged, true, true
			continue
		case rec.known:
			// A past version to be stored again: no need to ask.
		default:
			ask = append(ask, rec.Key)
			asked[rec] = true
		}
		rec.extrac = true
		if rec.known {
			// Another version was written in this run: this one is
			// stored again, so it is read after all.
			r.parse(rec)
			rec.extrac = !rec.done
		}
	}
	if len(ask) > 0 || slices.ContainsFunc(b.recs, func(rec *Record) bool { return rec.extrac }) {
		r.warm()
	}
	h, ok := r.p.Store.(Hasher)
	if !ok || len(ask) == 0 {
		return
	}
	stored, err := h.Hashes(ctx, ask)
	if err != nil {
		return // extraction is only wasted; Put still finds the record unchanged
	}
	for _, rec := range b.recs {
		if !asked[rec] {
			continue
		}
		if stored[rec.Key] == rec.Hash {
			rec.extrac = false
			rec.res.Status, rec.res.Skipped, rec.done = Unchanged, true, true
		}
	}
}

// hold holds back rec, a past version of the article with key digest kd
// (its fingerprint says a later version is stored): an input read again
// usually holds that later version further on, which then supersedes rec
// without rec being parsed, extracted and stored in between. Whatever no
// later version superseded is stored when the input ends (flush), so the
// later version read still wins. It reports whether rec was held.
func (r *Run) hold(kd [8]byte, rec *Record) bool {
	if !r.holding || len(r.heldKey) >= maxHeld {
		return false
	}
	rec.held, rec.done = true, true
	r.heldKey[kd] = rec
	r.held = append(r.held, rec)
	return true
}

// flush prepares the records still held back as one batch (nil: none), to
// be stored: no later version of them was read.
func (r *Run) flush(ctx context.Context) *Batch {
	b := &Batch{}
	for _, rec := range r.held {
		if r.heldKey[digest(rec.Key)] == rec {
			// A new record: the batch that held rec may still be
			// committing.
			b.recs = append(b.recs, &Record{msg: rec.msg, digest: rec.digest, res: Result{Repeat: rec.res.Repeat}})
		}
	}
	r.held, r.heldKey = nil, map[[8]byte]*Record{}
	if len(b.recs) == 0 {
		return nil
	}
	r.parallel(b, r.parse)
	return r.prepare(ctx, b)
}

// release gives up the records still held back: the run was stopped
// before they could be stored.
func (r *Run) release() []Result {
	var out []Result
	for _, rec := range r.held {
		if r.heldKey[digest(rec.Key)] == rec {
			rec.res.Status, rec.res.Err = Interrupted, context.Canceled
			out = append(out, rec.res)
		}
	}
	r.held, r.heldKey = nil, map[[8]byte]*Record{}
	return out
}

// warm tells the extractor that it may be needed soon.
func (r *Run) warm() {
	if w, ok := r.p.Extractor.(Warmer); ok {
		w.Warm()
	}
}

// extract runs the extractor on the records that need it, on Workers
// goroutines.
func (r *Run) extract(ctx context.Context, b *Batch) {
	jobs := make(chan *Record)
	var wg sync.WaitGroup
	for range max(1, r.p.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rec := range jobs {
				r.extractOne(ctx, rec)
			}
		}()
	}
	for _, rec := range b.recs {
		if rec.extrac {
			jobs <- rec
		}
	}
	close(jobs)
	wg.Wait()
}

// ErrTimeout is the error of an article whose extraction took longer than
// the pipeline's ArticleTimeout.
var ErrTimeout = errors.New("article extraction stopped")

// extractOne extracts one record within the article time budget.
func (r *Run) extractOne(ctx context.Context, rec *Record) {
	evs, err := ExtractWithin(ctx, r.p.Extractor, rec.Article, r.p.ArticleTimeout, r.running)
	switch {
	case ctx.Err() != nil:
		rec.res.Status, rec.res.Err, rec.done = Interrupted, ctx.Err(), true
	case err != nil:
		rec.reject(err)
	default:
		rec.Events = evs
	}
}

// ExtractWithin extracts a within timeout (0: none). The extractor checks
// its context, but between steps: the wait here returns at the deadline or
// on cancellation even when a step runs on, so that a stop signal is obeyed
// at once. The extraction left behind holds its slot in running (a
// semaphore; nil: none) until it returns, so that runaway extractions
// cannot pile up. On timeout the error wraps ErrTimeout and names the
// budget; on cancellation it wraps ctx's error.
func ExtractWithin(ctx context.Context, x Extractor, a event.Article, timeout time.Duration, running chan struct{}) ([]event.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	actx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		actx, cancel = context.WithTimeoutCause(ctx, timeout, ErrTimeout)
	}
	defer cancel()
	if running != nil {
		select {
		case running <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	type out struct {
		evs []event.Event
		err error
	}
	done := make(chan out, 1)
	go func() {
		if running != nil {
			defer func() { <-running }()
		}
		evs, err := x.ExtractContext(actx, a)
		done <- out{evs, err}
	}()
	var o out
	select {
	case o = <-done:
	case <-actx.Done():
	}
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case actx.Err() != nil:
		return nil, fmt.Errorf("%w: took longer than %s (--article-timeout); skipped", ErrTimeout, timeout)
	case o.err != nil:
		return nil, fmt.Errorf("extract: %w", o.err)
	}
	return o.evs, nil
}

// Commit stores the records of a prepared batch that passed every stage,
// acks every message and returns the results in order. Failed records are
// kept in the store's ingest_errors (within the run's bound). A batch is
// committed even when ctx is cancelled, so that what was extracted is not
// thrown away.
func (r *Run) Commit(ctx context.Context, b *Batch) ([]Result, error) {
	wctx := context.WithoutCancel(ctx)
	var put []*Record
	for _, rec := range b.recs {
		if !rec.done {
			put = append(put, rec)
		}
	}
	fatal := r.put(wctx, put)
	if fatal == nil {
		r.keepFingerprints(wctx, b)
	}
	out := make([]Result, 0, len(b.settled)+len(b.recs))
	finish := func(rec *Record) {
		if fatal != nil && !rec.done {
			rec.res.Status, rec.res.Err = Failed, fmt.Errorf("store: %w", fatal)
		}
		if rec.res.Status == Failed && fatal == nil {
			r.recordError(wctx, rec)
		}
		if rec.msg.Ack != nil && rec.res.Status != Interrupted && fatal == nil {
			if err := rec.msg.Ack(wctx, rec.res); err != nil {
				rec.res.Err = errors.Join(rec.res.Err, fmt.Errorf("ack: %w", err))
			}
		}
		out = append(out, rec.res)
	}
	for _, rec := range b.settled {
		finish(rec)
	}
	for _, rec := range b.recs {
		if !rec.held { // else its result comes with the batch that settles it
			finish(rec)
		}
	}
	return out, fatal
}

// keepFingerprints keeps the fingerprints of the batch's raw records that
// were parsed and read as an article (whatever became of it: the same
// bytes always read the same), so that a later run need not parse them.
func (r *Run) keepFingerprints(ctx context.Context, b *Batch) {
	fp, ok := r.p.Store.(Fingerprinter)
	if !ok {
		return
	}
	var fps []event.Fingerprint
	kept := map[string]bool{}
	for _, rec := range b.recs {
		if rec.digest == "" || rec.known || rec.Key == "" || rec.Hash == "" || kept[rec.digest] {
			continue
		}
		kept[rec.digest] = true
		fps = append(fps, event.Fingerprint{Digest: rec.digest, Key: rec.Key, Hash: rec.Hash})
	}
	// A fingerprint not kept only costs a later run a parse.
	_ = fp.PutFingerprints(ctx, fps)
}

// put writes recs in one transaction, or one by one when that fails. It
// returns an error only when every write failed.
func (r *Run) put(ctx context.Context, recs []*Record) error {
	if len(recs) == 0 {
		return nil
	}
	batch := make([]event.Record, len(recs))
	for i, rec := range recs {
		batch[i] = rec.Record
	}
	res, err := r.p.Store.Put(ctx, batch)
	if err == nil {
		for i, pr := range res {
			recs[i].stored(pr)
		}
		return nil
	}
	if len(recs) == 1 {
		return err
	}
	failed := 0
	var last error
	for i, rec := range recs {
		res, err := r.p.Store.Put(ctx, batch[i:i+1])
		if err != nil {
			failed++
			last = err
			rec.reject(fmt.Errorf("store: %w", err))
			continue
		}
		rec.stored(res[0])
	}
	if failed == len(recs) {
		return last
	}
	return nil
}

func (rec *Record) stored(pr event.PutResult) {
	rec.res.Status, rec.res.Key, rec.done = Status(pr.Status), pr.Key, true
	if pr.Status != event.Unchanged {
		rec.res.Events = rec.Events
	}
}

// recordError keeps a failed record in the store, within the run's bound.
func (r *Run) recordError(ctx context.Context, rec *Record) {
	if !r.errCap.Take(rec.res.Err.Error()) {
		return
	}
	now := time.Now
	if r.p.Now != nil {
		now = r.p.Now
	}
	_ = r.p.Store.RecordError(ctx, event.IngestError{Origin: rec.res.Origin, ID: rec.res.ID, Reason: rec.res.Err.Error(), At: now().UTC()})
}

// RecordError keeps a problem that is not one record's (a source that
// cannot be opened) in the store, within the run's bound.
func (r *Run) RecordError(ctx context.Context, origin, id string, err error) error {
	if !r.errCap.Take(err.Error()) {
		return nil
	}
	now := time.Now
	if r.p.Now != nil {
		now = r.p.Now
	}
	return r.p.Store.RecordError(context.WithoutCancel(ctx), event.IngestError{Origin: origin, ID: id, Reason: err.Error(), At: now().UTC()})
}

// Finish writes one summary row per kind of error the run did not record
// one by one.
func (r *Run) Finish(ctx context.Context, origin string) error {
	now := time.Now
	if r.p.Now != nil {
		now = r.p.Now
	}
	var errs []error
	for _, s := range r.errCap.Suppressed() {
		err := r.p.Store.RecordError(context.WithoutCancel(ctx), event.IngestError{
			Origin: origin, ID: "summary", Reason: s.String(), At: now().UTC()})
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
