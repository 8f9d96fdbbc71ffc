package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/ingest"
	"github.com/raqib/raqib/internal/sqlite"
)

// fakeExtractor gives one event per article, counts its calls, and for an
// article whose text starts with "slow" runs on past any deadline (as a
// step that does not check its context would).
type fakeExtractor struct {
	calls atomic.Int64
	warms atomic.Int64 // calls of Warm
	slow  time.Duration
}

func (f *fakeExtractor) Warm() { f.warms.Add(1) }

func (f *fakeExtractor) ExtractContext(ctx context.Context, a event.Article) ([]event.Event, error) {
	f.calls.Add(1)
	if strings.HasPrefix(a.Text, "slow") {
		time.Sleep(f.slow)
	}
	if strings.HasPrefix(a.Text, "panic") {
		return nil, errors.New("internal error in the extractor: boom")
	}
	d := "2020-01-02"
	return []event.Event{{EventType: "armed_clash", Date: &d, Evidence: []event.Span{{Start: 0, End: 1, Text: a.Text[:1]}}}}, nil
}

func newStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func msg(id, text string) ingest.Message {
	return ingest.Message{Article: event.Article{ID: id, Text: text}, Origin: "test:" + id}
}

// sliceSource hands out messages from a slice.
type sliceSource struct {
	msgs []ingest.Message
	i    int
}

func (s *sliceSource) Next(ctx context.Context) (ingest.Message, error) {
	if err := ctx.Err(); err != nil {
		return ingest.Message{}, err
	}
	if s.i >= len(s.msgs) {
		return ingest.Message{}, errIOEOF
	}
	s.i++
	return s.msgs[s.i-1], nil
}

func TestProcess(t *testing.T) {
	tests := []struct {
		name string
		msgs []ingest.Message
		want []ingest.Status
		errs []string // a piece of each failed record's error, "" for none
	}{
		{"good and bad records in one batch",
			[]ingest.Message{msg("a", "نص أول"), msg("b", ""), msg("c", "نص\x00"), {Origin: "x", Err: errors.New("line 4: invalid JSON")}, msg("d", "نص رابع")},
			[]ingest.Status{ingest.New, ingest.Failed, ingest.Failed, ingest.Failed, ingest.New},
			[]string{"", `"text" is empty`, "NUL", "invalid JSON", ""}},
		{"bad published date",
			[]ingest.Message{{Article: event.Article{ID: "e", Published: "2020-13-45", Text: "نص"}}},
			[]ingest.Status{ingest.Failed}, []string{`"published" "2020-13-45"`}},
		{"an extractor fault costs one record",
			[]ingest.Message{msg("f", "panic now"), msg("g", "نص")},
			[]ingest.Status{ingest.Failed, ingest.New}, []string{"internal error", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			p := &ingest.Pipeline{Store: s, Extractor: &fakeExtractor{}, Workers: 2}
			res, err := p.NewRun().Process(context.Background(), tt.msgs)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				if r.Status != tt.want[i] {
					t.Errorf("record %d: %s (%v); want %s", i, r.Status, r.Err, tt.want[i])
				}
				if tt.errs[i] != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), tt.errs[i])) {
					t.Errorf("record %d: error %v; want one with %q", i, r.Err, tt.errs[i])
				}
			}
			failed := 0
			for _, w := range tt.want {
				if w == ingest.Failed {
					failed++
				}
			}
			c, _ := s.Counts(context.Background())
			if c.Errors != failed || c.Articles != len(tt.want)-failed {
				t.Errorf("store holds %+v; want %d articles, %d errors", c, len(tt.want)-failed, failed)
			}
		})
	}
}

func TestUnchangedSkipsExtraction(t *testing.T) {
	s := newStore(t)
	x := &fakeExtractor{}
	p := &ingest.Pipeline{Store: s, Extractor: x, Workers: 2}
	var msgs []ingest.Message
	for i := range 250 {
		msgs = append(msgs, msg(fmt.Sprint(i), fmt.Sprintf("نص رقم %d", i)))
	}
	count := func() map[ingest.Status]int {
		n := map[ingest.Status]int{}
		err := p.NewRun().Stream(context.Background(), &sliceSource{msgs: msgs}, 100, func(r ingest.Result) { n[r.Status]++ })
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := count(); got[ingest.New] != 250 || x.calls.Load() != 250 {
		t.Fatalf("first run %v with %d extractions; want 250 new, 250 extractions", got, x.calls.Load())
	}
	if got := count(); got[ingest.Unchanged] != 250 || x.calls.Load() != 250 {
		t.Fatalf("second run %v, %d extractions in all; want 250 unchanged and no extraction", got, x.calls.Load())
	}
}

func TestLaterVersionWins(t *testing.T) {
	s := newStore(t)
	a := ingest.Message{Article: event.Article{ID: "v1", URL: "https://x.example/a", Text: "الأولى"}}
	b := ingest.Message{Article: event.Article{ID: "v2", URL: "https://x.example/a#c", Text: "الثانية"}}
	filler := func(n int) []ingest.Message {
		var m []ingest.Message
		for i := range n {
			m = append(m, msg(fmt.Sprintf("f%d", i), fmt.Sprintf("حشو %d", i)))
		}
		return m
	}
	tests := []struct {
		name string
		msgs []ingest.Message
	}{
		{"in one batch", []ingest.Message{a, b}},
		{"in two batches", append(append([]ingest.Message{a}, filler(3)...), b)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &ingest.Pipeline{Store: s, Extractor: &fakeExtractor{}}
			if err := p.NewRun().Stream(context.Background(), &sliceSource{msgs: tt.msgs}, 2, func(ingest.Result) {}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Article(context.Background(), "https://x.example/a")
			if err != nil || got.ID != "v2" {
				t.Errorf("stored %q (%v); want the later version v2", got.ID, err)
			}
		})
	}
}

func TestArticleTimeout(t *testing.T) {
	s := newStore(t)
	x := &fakeExtractor{slow: 2 * time.Second}
	p := &ingest.Pipeline{Store: s, Extractor: x, Workers: 2, ArticleTimeout: 100 * time.Millisecond}
	msgs := []ingest.Message{msg("ok-1", "نص"), msg("stuck", "slow text"), msg("ok-2", "نص آخر")}
	start := time.Now()
	res, err := p.NewRun().Process(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("the batch took %s; the stuck article should cost its budget only", el)
	}
	if res[1].Status != ingest.Failed || !errors.Is(res[1].Err, ingest.ErrTimeout) || !strings.Contains(res[1].Err.Error(), "took longer than 100ms") {
		t.Errorf("stuck article: %s %v; want failed, took longer than 100ms", res[1].Status, res[1].Err)
	}
	if res[0].Status != ingest.New || res[2].Status != ingest.New {
		t.Errorf("the other articles: %s, %s; want both new", res[0].Status, res[2].Status)
	}
}

func TestStopKeepsCommitted(t *testing.T) {
	s := newStore(t)
	x := &fakeExtractor{slow: 5 * time.Second}
	p := &ingest.Pipeline{Store: s, Extractor: x, Workers: 1}
	var msgs []ingest.Message
	for i := range 10 {
		msgs = append(msgs, msg(fmt.Sprint(i), fmt.Sprintf("نص %d", i)))
	}
	msgs = append(msgs, msg("stuck", "slow"))
	for i := range 10 {
		msgs = append(msgs, msg(fmt.Sprint("after", i), fmt.Sprintf("نص بعد %d", i)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	acked := 0
	for i := range msgs {
		msgs[i].Ack = func(context.Context, ingest.Result) error { acked++; return nil }
	}
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	var statuses []ingest.Status
	err := p.NewRun().Stream(ctx, &sliceSource{msgs: msgs}, 5, func(r ingest.Result) { statuses = append(statuses, r.Status) })
	if el := time.Since(start); el > time.Second+300*time.Millisecond {
		t.Errorf("stopping took %s; want under a second", el)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Stream = %v; want context.Canceled", err)
	}
	c, _ := s.Counts(context.Background())
	if c.Articles != 10 || acked != 10 {
		t.Errorf("%d stored, %d acked (statuses %v); want the 10 articles before the stuck one, acked", c.Articles, acked, statuses)
	}
}

func TestErrorRowsBounded(t *testing.T) {
	s := newStore(t)
	p := &ingest.Pipeline{Store: s, Extractor: &fakeExtractor{}, ErrorRows: 50}
	var msgs []ingest.Message
	for i := range 3000 {
		msgs = append(msgs, ingest.Message{Origin: fmt.Sprintf("g.jsonl:%d", i+1), Err: fmt.Errorf("line %d: invalid JSON at byte %d", i+1, i%7)})
	}
	run := p.NewRun()
	if err := run.Stream(context.Background(), &sliceSource{msgs: msgs}, 100, func(ingest.Result) {}); err != nil {
		t.Fatal(err)
	}
	if err := run.Finish(context.Background(), "test"); err != nil {
		t.Fatal(err)
	}
	errs, err := s.Errors(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 51 {
		t.Fatalf("%d ingest_errors rows; want 50 and one summary", len(errs))
	}
	if want := "… and 2,950 more like this: line 51: invalid JSON at byte 1"; errs[0].Reason != want {
		t.Errorf("summary row %q; want %q", errs[0].Reason, want)
	}
}

// flakyStore fails any batch that holds the key "bad".
type flakyStore struct{ *sqlite.Store }

func (f flakyStore) Put(ctx context.Context, recs []event.Record) ([]event.PutResult, error) {
	for _, r := range recs {
		if r.Article.ID == "bad" {
			return nil, errors.New("constraint violated")
		}
	}
	return f.Store.Put(ctx, recs)
}

func TestOneBadPutCostsOneRecord(t *testing.T) {
	s := newStore(t)
	p := &ingest.Pipeline{Store: flakyStore{s}, Extractor: &fakeExtractor{}}
	res, err := p.NewRun().Process(context.Background(), []ingest.Message{msg("a", "أ"), msg("bad", "ب"), msg("c", "ج")})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != ingest.New || res[1].Status != ingest.Failed || res[2].Status != ingest.New {
		t.Errorf("statuses %s %s %s; want new failed new", res[0].Status, res[1].Status, res[2].Status)
	}
}
