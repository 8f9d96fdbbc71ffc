package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestBenchGetLeavesGzip: the bench client asks for gzip and reads the
// answer as sent, without inflating it on the machine the server runs on.
func TestBenchGetLeavesGzip(t *testing.T) {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	_, _ = zw.Write([]byte(strings.Repeat(`{"id":"e1","event_type":"attack"},`, 1000)))
	_ = zw.Close()
	tests := []struct {
		name   string
		status int
	}{
		{"ok", http.StatusOK},
		{"server error", http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				asked = r.Header.Get("Accept-Encoding")
				w.Header().Set("Content-Encoding", "gzip")
				w.WriteHeader(tt.status)
				_, _ = w.Write(zipped.Bytes())
			}))
			defer srv.Close()
			d, n, err := benchGet(context.Background(), srv.Client(), srv.URL+"/api/v1/events")
			if asked != "gzip" {
				t.Errorf("Accept-Encoding = %q; want gzip", asked)
			}
			if n != int64(zipped.Len()) {
				t.Errorf("benchGet read %d bytes; want the %d sent (not inflated)", n, zipped.Len())
			}
			if d <= 0 {
				t.Errorf("benchGet took %v; want > 0", d)
			}
			if (err != nil) != (tt.status != http.StatusOK) {
				t.Errorf("benchGet error = %v with status %d", err, tt.status)
			}
		})
	}
}

// TestProcCPU: the bench reads its own CPU time, which grows as it works.
func TestProcCPU(t *testing.T) {
	c0, ok := procCPU("self")
	if !ok {
		t.Skip("no /proc here")
	}
	// work until a clock tick (10 ms) is counted, or give up after 5 s
	c1 := c0
	for deadline, n := time.Now().Add(5*time.Second), 0; c1 <= c0 && ok && time.Now().Before(deadline); n++ {
		_ = strings.Repeat("x", n%64)
		if n%10000 == 0 {
			c1, ok = procCPU("self")
		}
	}
	if !ok || c1 <= c0 {
		t.Errorf("procCPU(self) = %v then %v (ok %v); want it to grow", c0, c1, ok)
	}
	if _, ok := procCPU("0"); ok {
		t.Errorf("procCPU of no process: ok")
	}
}

// TestBenchCount: the events a shape's answers hold are counted from the
// answers, whatever each holds, and a broken answer is an error.
func TestBenchCount(t *testing.T) {
	n := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if r.URL.Query().Get("broken") != "" {
			_, _ = w.Write([]byte(`{"events":[`))
			return
		}
		// answers of 1, 2, 3… events
		_, _ = w.Write([]byte(`{"events":[` + strings.Repeat(`{"id":"e"},`, n-1) + `{"id":"e"}],"next":"x"}`))
	}))
	defer ts.Close()
	sh := benchShape{"test", func(*rand.Rand) string { return "/api/v1/events" }}
	got, err := benchCount(context.Background(), ts.Client(), ts.URL, sh, rand.New(rand.NewPCG(1, 1)), 4)
	if err != nil || got != 2.5 {
		t.Errorf("benchCount = %v, %v; want 2.5 events (1+2+3+4 over 4 answers)", got, err)
	}
	broken := benchShape{"broken", func(*rand.Rand) string { return "/api/v1/events?broken=1" }}
	if _, err := benchCount(context.Background(), ts.Client(), ts.URL, broken, rand.New(rand.NewPCG(1, 1)), 2); err == nil {
		t.Error("benchCount of a cut answer: no error")
	}
}
