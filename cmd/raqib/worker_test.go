package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/raqib/raqib/internal/natsq"
	"github.com/raqib/raqib/internal/natsq/natstest"
)

// TestWorker publishes the ingest fixture and a message that is not an
// article, runs a worker in-process on SQLite, and checks what it stored,
// what it dead-lettered, its metrics, and that it stops on cancellation.
func TestWorker(t *testing.T) {
	isolate(t)
	nodes := natstest.Start(t, 1)
	url := nodes[0].URL
	db := filepath.Join(t.TempDir(), "w.db")

	code, _, stderr := runRaqib(t, "", "ingest", "--queue", url, filepath.Join("testdata", "ingest", "articles.jsonl"))
	if code != exitPartial || !strings.Contains(stderr, "4 read, 3 published, 0 duplicate, 1 failed") || !strings.Contains(stderr, "articles.jsonl:4") {
		t.Fatalf("publish: exit %d\n%s", code, stderr)
	}
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if _, err := js.Publish(context.Background(), "raqib.articles.junk", []byte("not an article")); err != nil {
		t.Fatal(err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"worker", "--queue", url, "--db", db, "--metrics-addr", addr, "--metrics-every", "0", "--batch", "2"},
			strings.NewReader(""), io.Discard, &syncWriter{b: &errb})
	}()
	metric := func(body, name string) string {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}
	var body string
	deadline := time.Now().Add(time.Minute)
	for {
		res, err := http.Get("http://" + addr + "/metrics")
		if err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			body = string(b)
			if metric(body, `raqib_worker_articles_total{status="new"}`) == "3" && metric(body, `raqib_worker_articles_total{status="failed"}`) == "1" {
				break
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("the worker did not process the 4 messages in a minute; metrics:\n%s\nstderr:\n%s", body, errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, name := range []string{"raqib_worker_lag_messages", "raqib_worker_unacked_messages"} {
		if v := metric(body, name); v != "0" {
			t.Errorf("%s = %q; want 0", name, v)
		}
	}
	if !strings.Contains(body, "raqib_worker_batch_seconds_count") {
		t.Errorf("no batch latency histogram in the metrics")
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("worker exit %d; want 0\n%s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("worker still running 10 s after cancellation")
	}
	s := openTestStore(t, db)
	c, err := s.Counts(context.Background())
	if err != nil || c.Articles != 3 || c.Errors != 1 {
		t.Errorf("store %+v (%v); want 3 articles and the junk message in ingest_errors", c, err)
	}
	q, err := natsq.Connect(context.Background(), url, natsq.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if st, err := q.Status(context.Background()); err != nil || st.Dead != 1 || st.Messages != 0 {
		t.Errorf("queue %+v (%v); want the junk message dead-lettered and the work queue empty", st, err)
	}
	if !strings.Contains(errb.String(), "message is not an article") || !strings.Contains(errb.String(), "(dead-lettered)") {
		t.Errorf("worker stderr does not report the junk message:\n%s", errb.String())
	}
}
