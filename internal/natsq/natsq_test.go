package natsq_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/natsq"
	"github.com/raqib/raqib/internal/natsq/natstest"
)

func TestPublishConsume(t *testing.T) {
	nodes := natstest.Start(t, 1)
	ctx := context.Background()
	q, err := natsq.Connect(ctx, nodes[0].URL, natsq.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	var out []natsq.Outgoing
	for i := range 10 {
		a := event.Article{ID: fmt.Sprint(i), Outlet: "عنب بلدي", URL: fmt.Sprintf("https://q.example/%d", i), Text: "نص"}
		out = append(out, natsq.Outgoing{Article: a, Key: event.ArticleKey(a), Origin: fmt.Sprintf("f.jsonl:%d", i+1)})
	}
	t.Run("publish, then duplicates dropped by key", func(t *testing.T) {
		for round, wantDup := range []bool{false, true} {
			for i, r := range q.Publish(ctx, out) {
				if r.Err != nil || r.Duplicate != wantDup {
					t.Errorf("round %d, article %d: %+v; want duplicate=%v", round, i, r, wantDup)
				}
			}
		}
		st, err := q.Status(ctx)
		if err != nil || st.Messages != 10 {
			t.Errorf("status %+v (%v); want 10 messages", st, err)
		}
	})
	f, err := q.Consumer(ctx, natsq.ConsumerOptions{AckWait: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("fetch, ack, redelivery, dead letter", func(t *testing.T) {
		ds, err := f.Fetch(ctx, 10, time.Second)
		if err != nil || len(ds) != 10 {
			t.Fatalf("fetched %d (%v); want 10", len(ds), err)
		}
		if ds[3].Article.ID != "3" || ds[3].Key != "https://q.example/3" || ds[3].Origin != "f.jsonl:4" || ds[3].Delivered != 1 {
			t.Errorf("delivery %+v; want article 3 with its key, origin, first delivery", ds[3])
		}
		for _, d := range ds[:8] {
			if err := d.Ack(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if err := ds[8].Retry(0); err != nil {
			t.Fatal(err)
		}
		if err := q.Dead(ctx, ds[9], "bad"); err != nil {
			t.Fatal(err)
		}
		again, err := f.Fetch(ctx, 10, 2*time.Second)
		if err != nil || len(again) != 1 || again[0].Article.ID != "8" || again[0].Delivered != 2 {
			for _, d := range again {
				t.Logf("got %s delivered %d", d.Article.ID, d.Delivered)
			}
			t.Fatalf("redelivered %d (%v); want article 8, second delivery", len(again), err)
		}
		if err := again[0].Ack(ctx); err != nil {
			t.Fatal(err)
		}
		// Ack does not wait for the server: the status settles after it
		st, err := q.Status(ctx)
		for deadline := time.Now().Add(5 * time.Second); err == nil && st.AckPending != 0 && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
			st, err = q.Status(ctx)
		}
		if err != nil || st.Messages != 0 || st.Dead != 1 || st.Pending != 0 || st.AckPending != 0 {
			t.Errorf("status %+v (%v); want an empty work queue and one dead letter", st, err)
		}
	})
}

func TestSubjectToken(t *testing.T) {
	tests := []struct{ name, outlet, url, want string }{
		{"outlet name", "عنب بلدي", "", "عنب_بلدي"},
		{"host when no outlet", "", "https://www.enabbaladi.net/a", "www_enabbaladi_net"},
		{"wildcards replaced", "a.b*c>d", "", "a_b_c_d"},
		{"nothing", "", "", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := natsq.SubjectToken(event.Article{Outlet: tt.outlet, URL: tt.url}); got != tt.want {
				t.Errorf("SubjectToken(%q, %q) = %q; want %q", tt.outlet, tt.url, got, tt.want)
			}
		})
	}
}
