package event

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Size limits of an article. Text is bounded by what a reader will read at
// once (a text or HTML file, one WARC record); the other fields are short
// metadata, and anything longer is not metadata.
const (
	MaxTextBytes  = 32 << 20
	MaxIDBytes    = 1 << 10
	MaxURLBytes   = 8 << 10
	MaxFieldBytes = 64 << 10 // title, outlet, author, lang, published
)

// Errors of Validate; the error it returns wraps one of them.
var (
	ErrInvalid = errors.New("invalid article")
)

// Validate says what makes the article unfit to store, if anything. Every
// entry point (files, the write API, the queue worker) calls it, so that
// both stores see the same articles: PostgreSQL refuses NUL bytes and
// invalid UTF-8 in text columns, SQLite keeps them.
func (a *Article) Validate() error { return a.validate(false) }

// ValidateForExtraction is Validate for reading an article without storing
// it (raqib extract): a stray NUL byte in the text, which real scraped
// articles hold, is no reason to skip it, since nothing stores it; the
// extractor reads around it and its evidence stays exact.
func (a *Article) ValidateForExtraction() error { return a.validate(true) }

func (a *Article) validate(nulText bool) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
	}
	fields := []struct {
		name, v string
		max     int
	}{
		{"id", a.ID, MaxIDBytes},
		{"published", a.Published, MaxFieldBytes},
		{"outlet", a.Outlet, MaxFieldBytes},
		{"url", a.URL, MaxURLBytes},
		{"title", a.Title, MaxFieldBytes},
		{"author", a.Author, MaxFieldBytes},
		{"lang", a.Lang, MaxFieldBytes},
		{"text", a.Text, MaxTextBytes},
	}
	for _, f := range fields {
		switch {
		case len(f.v) > f.max:
			return bad("%q is %d bytes, more than the %d allowed", f.name, len(f.v), f.max)
		case strings.IndexByte(f.v, 0) >= 0 && !(nulText && f.name == "text"):
			return bad("%q holds a NUL byte (binary content)", f.name)
		case !utf8.ValidString(f.v):
			return bad("%q is not valid UTF-8", f.name)
		}
	}
	switch {
	case strings.TrimSpace(a.ID) == "":
		return bad(`"id" is required`)
	case strings.IndexFunc(a.Text, func(r rune) bool { return !unicode.IsSpace(r) && r != '\ufeff' }) < 0:
		return bad(`"text" is empty`)
	}
	if a.Published != "" {
		if err := validDate(a.Published); err != nil {
			return bad(`"published" %q: %v`, a.Published, err)
		}
	}
	return nil
}

// validDate accepts YYYY-MM-DD, optionally followed by a time as in
// RFC 3339 (feeds and pages give one); PublishedTime reads the first ten
// bytes.
func validDate(s string) error {
	if len(s) < 10 {
		return errors.New("want YYYY-MM-DD")
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return errors.New("want YYYY-MM-DD, a real day")
	}
	if len(s) > 10 {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			if _, err := time.Parse("2006-01-02T15:04:05", s); err != nil {
				return errors.New("want YYYY-MM-DD or an RFC 3339 time")
			}
		}
	}
	return nil
}
