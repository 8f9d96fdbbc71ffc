package web

import (
	"net/http"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// gzipMin is the smallest answer worth compressing: below it the gzip
// header and the CPU cost more than the bytes saved.
const gzipMin = 1400

// gzipPool holds writers of klauspost/compress's gzip, a drop-in for
// compress/gzip whose fastest level compresses a page of events in about
// a third of the time (gzip was a tenth of a full page's CPU), in a stream
// any gzip reader inflates to the same bytes.
var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // level is valid
	return zw
}}

// gzipped compresses answers larger than gzipMin for clients that accept
// gzip: a page of events shrinks about five-fold.
func gzipped(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// gzipWriter holds the first gzipMin bytes of an answer, then decides: a
// short answer goes out as it is, a longer one through gzip.
type gzipWriter struct {
	http.ResponseWriter
	code    int
	buf     []byte
	zw      *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.code == 0 {
		g.code = code
	}
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if g.code == 0 {
		g.code = http.StatusOK
	}
	if g.decided {
		if g.zw != nil {
			return g.zw.Write(b)
		}
		return g.ResponseWriter.Write(b)
	}
	if len(g.buf)+len(b) < gzipMin {
		g.buf = append(g.buf, b...)
		return len(b), nil
	}
	// decided: what was held, then b (not copied after it: a page of
	// events comes in one write of some 60 KB)
	g.decided = true
	out := g.ResponseWriter.Write
	h := g.ResponseWriter.Header()
	if h.Get("Content-Encoding") == "" && g.code == http.StatusOK {
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		g.zw = gzipPool.Get().(*gzip.Writer)
		g.zw.Reset(g.ResponseWriter)
		out = g.zw.Write
	}
	g.ResponseWriter.WriteHeader(g.code)
	if len(g.buf) > 0 {
		if _, err := out(g.buf); err != nil {
			return 0, err
		}
		g.buf = nil
	}
	return out(b)
}

func (g *gzipWriter) close() {
	if !g.decided {
		if g.code != 0 {
			g.ResponseWriter.WriteHeader(g.code)
		}
		if len(g.buf) > 0 {
			_, _ = g.ResponseWriter.Write(g.buf)
		}
		return
	}
	if g.zw != nil {
		_ = g.zw.Close()
		g.zw.Reset(nil)
		gzipPool.Put(g.zw)
	}
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
