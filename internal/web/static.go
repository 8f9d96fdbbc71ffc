package web

import (
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"
)

// page serves one HTML file of the UI; the page's script reads the rest
// (the event ID, the filters) from the URL.
func (s *Server) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(s.ui, name)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(b)
	}
}

// static serves the UI's scripts, styles and vendored libraries. Directory
// listings are refused.
func (s *Server) static() http.Handler {
	files := http.FileServerFS(s.ui)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A path that is no valid file name (invalid UTF-8 such as the
		// overlong "%c0%ae", "..", a NUL) names no file: 404, not the 500
		// the file server gives for fs.ErrInvalid.
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || !utf8.ValidString(r.URL.Path) ||
			!fs.ValidPath(r.URL.Path) || strings.ContainsRune(r.URL.Path, 0) {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "vendor/") {
			w.Header().Set("Cache-Control", "public, max-age=86400")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}
