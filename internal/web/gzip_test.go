package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGzipWriterPieces: an answer written in any pieces is sent whole,
// gzipped once it reaches gzipMin, plain below it.
func TestGzipWriterPieces(t *testing.T) {
	long := strings.Repeat(`{"id":"e","name":"حلب"},`, 400)
	tests := []struct {
		name   string
		pieces []string
		zipped bool
	}{
		{"one large write", []string{long}, true},
		{"small then large", []string{"[", long, "]"}, true},
		{"many small", strings.SplitAfter(long[:3000], ","), true},
		{"exactly gzipMin", []string{long[:gzipMin]}, true},
		{"below gzipMin", []string{"[", long[:gzipMin-2]}, false},
		{"nothing", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h := gzipped(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for _, p := range tt.pieces {
					if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
						t.Errorf("Write(%d bytes) = %d, %v", len(p), n, err)
					}
				}
			}))
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			h.ServeHTTP(rec, req)
			body := rec.Body.Bytes()
			if got := rec.Header().Get("Content-Encoding") == "gzip"; got != tt.zipped {
				t.Fatalf("gzipped = %v; want %v", got, tt.zipped)
			}
			if tt.zipped {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if want := strings.Join(tt.pieces, ""); string(body) != want {
				t.Errorf("answer of %d bytes; want the %d written", len(body), len(want))
			}
		})
	}
}
