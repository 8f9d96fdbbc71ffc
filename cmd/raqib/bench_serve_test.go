package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
