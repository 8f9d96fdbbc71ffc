package ingest_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/ingest"
	"github.com/raqib/raqib/internal/source"
)

// rawReader hands out JSONL lines as raw messages (as `raqib ingest` reads
// them) and counts the lines the pipeline parses.
type rawReader struct {
	parses atomic.Int64
}

func (rr *rawReader) msgs(lines ...string) []ingest.Message {
	var out []ingest.Message
	for i, l := range lines {
		raw := []byte(l)
		out = append(out, ingest.Message{Origin: fmt.Sprintf("test:%d", i+1), Raw: raw, Parse: func() (event.Article, error) {
			rr.parses.Add(1)
			return source.ParseArticle(raw)
		}})
	}
	return out
}

func line(id, url, text string) string {
	return fmt.Sprintf(`{"id": %q, "url": %q, "published": "2024-05-01", "text": %q}`, id, url, text)
}

// run ingests msgs in a new run and counts the statuses.
func runStream(t *testing.T, p *ingest.Pipeline, batch int, msgs []ingest.Message) map[ingest.Status]int {
	t.Helper()
	n := map[ingest.Status]int{}
	if err := p.NewRun().Stream(context.Background(), &sliceSource{msgs: msgs}, batch, func(r ingest.Result) {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Origin, r.Err)
		}
		n[r.Status]++
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFingerprintsSkipParsing(t *testing.T) {
	s := newStore(t)
	x := &fakeExtractor{}
	p := &ingest.Pipeline{Store: s, Extractor: x, Workers: 2}
	rr := &rawReader{}
	corpus := []string{
		line("a", "https://x.example/a", "نص أول"),
		line("b", "https://x.example/b", "نص ثان"),
		line("c", "", "نص بلا رابط"),
	}
	if n := runStream(t, p, 2, rr.msgs(corpus...)); n[ingest.New] != 3 {
		t.Fatalf("first run: %v; want 3 new", n)
	}
	if rr.parses.Load() != 3 || x.calls.Load() != 3 {
		t.Fatalf("first run parsed %d and extracted %d; want 3 and 3", rr.parses.Load(), x.calls.Load())
	}

	if x.warms.Load() == 0 {
		t.Errorf("first run: the extractor was never warmed")
	}

	t.Run("unchanged re-run parses and extracts nothing", func(t *testing.T) {
		rr.parses.Store(0)
		x.calls.Store(0)
		x.warms.Store(0)
		if n := runStream(t, p, 2, rr.msgs(corpus...)); n[ingest.Unchanged] != 3 {
			t.Errorf("re-run: %v; want 3 unchanged", n)
		}
		if rr.parses.Load() != 0 || x.calls.Load() != 0 || x.warms.Load() != 0 {
			t.Errorf("re-run parsed %d, extracted %d and warmed the extractor %d times; want 0, 0 and 0", rr.parses.Load(), x.calls.Load(), x.warms.Load())
		}
	})
	t.Run("new bytes, same text: parsed once, not extracted", func(t *testing.T) {
		retitled := `{"id": "a", "url": "https://x.example/a", "published": "2024-05-01", "title": "عنوان", "text": "نص أول"}`
		for run := range 2 {
			rr.parses.Store(0)
			x.calls.Store(0)
			if n := runStream(t, p, 2, rr.msgs(retitled)); n[ingest.Unchanged] != 1 {
				t.Errorf("run %d: %v; want 1 unchanged", run, n)
			}
			if want := int64(1 - run); rr.parses.Load() != want || x.calls.Load() != 0 {
				t.Errorf("run %d parsed %d and extracted %d; want %d and 0", run, rr.parses.Load(), x.calls.Load(), want)
			}
		}
	})
	t.Run("another default date: parsed again", func(t *testing.T) {
		rr.parses.Store(0)
		q := &ingest.Pipeline{Store: s, Extractor: x, Published: "2024-01-01"}
		runStream(t, q, 2, rr.msgs(corpus...))
		if rr.parses.Load() != 3 {
			t.Errorf("parsed %d; want 3 (the default date decides whether a record is valid)", rr.parses.Load())
		}
	})
	t.Run("changed text: parsed and extracted", func(t *testing.T) {
		rr.parses.Store(0)
		x.calls.Store(0)
		if n := runStream(t, p, 2, rr.msgs(line("b", "https://x.example/b", "نص ثان معدل"))); n[ingest.Updated] != 1 {
			t.Errorf("%v; want 1 updated", n)
		}
		if rr.parses.Load() != 1 || x.calls.Load() != 1 {
			t.Errorf("parsed %d and extracted %d; want 1 and 1", rr.parses.Load(), x.calls.Load())
		}
	})
}

// TestFingerprintsLaterVersionWins re-reads a corpus holding two versions
// of one article: whatever the batches, the later is stored at the end,
// also when the fingerprint of the later was looked up before the earlier
// was written again.
func TestFingerprintsLaterVersionWins(t *testing.T) {
	v1 := line("v1", "https://x.example/a", "الأولى")
	v2 := line("v2", "https://x.example/a", "الثانية")
	for _, batch := range []int{1, 2, 100} {
		t.Run(fmt.Sprintf("batches of %d", batch), func(t *testing.T) {
			s := newStore(t)
			p := &ingest.Pipeline{Store: s, Extractor: &fakeExtractor{}}
			rr := &rawReader{}
			corpus := []string{v1, line("f", "https://x.example/f", "حشو"), v2}
			x := p.Extractor.(*fakeExtractor)
			for run := range 3 {
				rr.parses.Store(0)
				x.calls.Store(0)
				n := runStream(t, p, batch, rr.msgs(corpus...))
				got, err := s.Article(context.Background(), "https://x.example/a")
				if err != nil || got.ID != "v2" {
					t.Fatalf("run %d stored %q (%v); want the later version v2", run, got.ID, err)
				}
				if total := n[ingest.New] + n[ingest.Updated] + n[ingest.Unchanged]; total != len(corpus) {
					t.Errorf("run %d: results %v; want one per record, %d", run, n, len(corpus))
				}
				if run > 0 && (rr.parses.Load() != 0 || x.calls.Load() != 0 || n[ingest.Unchanged] != len(corpus)) {
					t.Errorf("re-run %d parsed %d and extracted %d (%v); want 0, 0 and all unchanged: the past version v1 waits for v2", run, rr.parses.Load(), x.calls.Load(), n)
				}
			}
			t.Run("the past version alone is stored again", func(t *testing.T) {
				rr.parses.Store(0)
				x.calls.Store(0)
				if n := runStream(t, p, batch, rr.msgs(v1, line("g", "https://x.example/g", "حشو آخر"))); n[ingest.Updated] != 1 || n[ingest.New] != 1 {
					t.Errorf("%v; want 1 updated (v1 again) and 1 new", n)
				}
				if got, err := s.Article(context.Background(), "https://x.example/a"); err != nil || got.ID != "v1" {
					t.Errorf("stored %q (%v); want v1, the version read last", got.ID, err)
				}
				if x.calls.Load() != 2 {
					t.Errorf("extracted %d; want 2", x.calls.Load())
				}
			})
		})
	}
}

// TestFingerprintsKnownThenSuperseded prepares a re-read later version
// (known by its fingerprint as the stored one) before the earlier version
// read in the same run is written: it is parsed and written after all.
func TestFingerprintsKnownThenSuperseded(t *testing.T) {
	s := newStore(t)
	x := &fakeExtractor{}
	p := &ingest.Pipeline{Store: s, Extractor: x}
	rr := &rawReader{}
	v1 := line("v1", "https://x.example/a", "الأولى")
	v2 := line("v2", "https://x.example/a", "الثانية")
	runStream(t, p, 1, rr.msgs(v1, v2))
	rr.parses.Store(0)
	x.calls.Store(0)

	ctx := context.Background()
	run := p.NewRun()
	b1 := run.Prepare(ctx, rr.msgs(v1))
	b2 := run.Prepare(ctx, rr.msgs(v2))
	for _, b := range []*ingest.Batch{b1, b2} {
		res, err := run.Commit(ctx, b)
		if err != nil || res[0].Status != ingest.Updated {
			t.Fatalf("commit: %+v, %v; want updated", res, err)
		}
	}
	if rr.parses.Load() != 2 || x.calls.Load() != 2 {
		t.Errorf("parsed %d and extracted %d; want 2 and 2", rr.parses.Load(), x.calls.Load())
	}
	if got, err := s.Article(ctx, "https://x.example/a"); err != nil || got.ID != "v2" {
		t.Errorf("stored %q (%v); want the later version v2", got.ID, err)
	}
}

// cancelSource hands out msgs and cancels the run when asked for the one
// after the last: by then the batches before the last two have been
// prepared (the stream holds one batch read ahead).
type cancelSource struct {
	msgs   []ingest.Message
	i      int
	cancel context.CancelFunc
}

func (s *cancelSource) Next(ctx context.Context) (ingest.Message, error) {
	if s.i >= len(s.msgs) {
		s.cancel()
		<-ctx.Done()
		return ingest.Message{}, ctx.Err()
	}
	s.i++
	return s.msgs[s.i-1], nil
}

// TestFingerprintsHeldWhenStopped stops a run while a past version is held
// back waiting for a later one: it is reported as interrupted (read, not
// stored), and the stored version is left alone.
func TestFingerprintsHeldWhenStopped(t *testing.T) {
	s := newStore(t)
	p := &ingest.Pipeline{Store: s, Extractor: &fakeExtractor{}}
	rr := &rawReader{}
	v1 := line("v1", "https://x.example/a", "الأولى")
	v2 := line("v2", "https://x.example/a", "الثانية")
	runStream(t, p, 1, rr.msgs(v1, v2))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := &cancelSource{msgs: rr.msgs(v1, line("f", "https://x.example/f", "حشو"), line("g", "https://x.example/g", "حشو آخر")), cancel: cancel}
	var got []ingest.Result
	err := p.NewRun().Stream(ctx, src, 1, func(r ingest.Result) {
		if r.Origin == "test:1" {
			got = append(got, r)
		}
	})
	if err == nil {
		t.Fatal("Stream = nil; want the cancellation")
	}
	if len(got) != 1 || got[0].Status != ingest.Interrupted {
		t.Errorf("results of v1 = %+v; want one, interrupted", got)
	}
	if a, err := s.Article(context.Background(), "https://x.example/a"); err != nil || a.ID != "v2" {
		t.Errorf("stored %q (%v); want v2 left alone", a.ID, err)
	}
}
