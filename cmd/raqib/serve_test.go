package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/sqlite"
)

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuffer is a bytes.Buffer safe for the server's log and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeMetricsAddr(t *testing.T) {
	isolate(t)
	addr, maddr := freeAddr(t), freeAddr(t)
	db := filepath.Join(t.TempDir(), "serve.db")
	st, err := sqlite.Open(context.Background(), db) // serve wants a store that exists
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
		done <- runServe(ctx, e, []string{"--db", db, "--addr", addr, "--metrics-addr", maddr})
	}()
	get := func(u string) (int, string) {
		for range 100 {
			res, err := http.Get(u)
			if err == nil {
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				return res.StatusCode, string(b)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("GET %s: nothing answered\n%s", u, stderr.String())
		return 0, ""
	}
	if code, _ := get("http://" + addr + "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d", code)
	}
	if code, body := get("http://" + maddr + "/metrics"); code != http.StatusOK || !strings.Contains(body, "raqib_http_requests_total") {
		t.Errorf("metrics address /metrics = %d without raqib series", code)
	}
	if code, _ := get("http://" + addr + "/metrics"); code != http.StatusNotFound {
		t.Errorf("main address /metrics = %d; want 404 when --metrics-addr is set", code)
	}
	if code, _ := get("http://" + maddr + "/api/v1/events"); code != http.StatusNotFound {
		t.Errorf("the metrics address serves the API (%d)", code)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}
