// Package source reads news articles from where they live: SPEC §1 JSONL,
// plain-text files, HTML pages, RSS/Atom feeds (from a file or a URL,
// following item links), WARC and WARC.gz crawls, and directories of these.
//
// Every reader is a Reader: Next hands back one Item at a time and io.EOF
// at the end, so a corpus is streamed, never loaded whole. A problem with one
// article (a bad JSON line, a page without text) is an Item with Err set and
// the reader goes on; an error returned by Next is fatal for that reader.
package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// Item is one article read, or one article that could not be read.
type Item struct {
	Article event.Article
	// Origin says where the item came from: "file:line", "file#record",
	// a file path or a URL.
	Origin string
	// Err is a problem with this item only; the reader goes on after it.
	// Article may be partly filled (its ID when known).
	Err error
	// Raw is the record as read, when the reader was asked for raw
	// records (Options.Raw) and reads records as lines (JSONL): Article
	// and Err are then not filled in until Parse is called, so that a
	// caller that can tell from the bytes alone that it has seen the
	// record before need not decode it.
	Raw  []byte
	line int // of Raw, for Parse's messages
}

// Parse reads the article of an item read raw (Raw set), filling in its
// Article and Err as the reader would have; it does nothing to other
// items. Items are parsed alike either way.
func (it *Item) Parse() {
	if it.Raw == nil {
		return
	}
	it.Article, it.Err = parseNumbered(it.Raw, it.line)
	it.Raw = nil
}

// Reader hands back articles one at a time.
type Reader interface {
	// Next returns the next item, or io.EOF after the last. Any other error
	// is fatal for this reader: it has nothing more to give.
	Next(ctx context.Context) (Item, error)
	// Close releases the files and connections the reader holds.
	Close() error
}

// Follow says whether a feed's item links are fetched.
type Follow int

const (
	// FollowAuto follows item links of feeds read from a URL, not of feeds
	// read from a file (which may be offline material).
	FollowAuto Follow = iota
	// FollowAlways fetches every item's page.
	FollowAlways
	// FollowNever builds articles from the feed's own text.
	FollowNever
)

// Options configure Open. The zero value is usable.
type Options struct {
	// FollowLinks says whether feed items' pages are fetched.
	FollowLinks Follow
	// Fetcher fetches URLs. Share one between readers so that politeness
	// holds across them; nil means a new Fetcher with FetchOptions.
	Fetcher *Fetcher
	// Fetch configures the Fetcher made when Fetcher is nil.
	Fetch FetchOptions
	// MaxLine bounds one JSONL line; a longer line is an item error, read
	// past without being held. Default 48 MiB: room for a text of
	// event.MaxTextBytes (32 MiB) with JSON escapes and metadata.
	MaxLine int
	// MaxFile bounds a text or HTML file, a feed, or one WARC record.
	// Default 32 MiB.
	MaxFile int64
	// Stdin is read for the target "-"; nil means os.Stdin.
	Stdin io.Reader
	// Read, when set, counts the bytes read from files and streams (as
	// stored: compressed for .gz), for progress reports.
	Read *atomic.Int64
	// Raw asks the readers of line records (JSONL) for items holding the
	// record's bytes, parsed when Item.Parse is called.
	Raw bool
}

func (o Options) withDefaults() Options {
	if o.MaxLine <= 0 {
		o.MaxLine = 48 << 20
	}
	if o.MaxFile <= 0 {
		o.MaxFile = 32 << 20
	}
	if o.Fetcher == nil {
		o.Fetcher = NewFetcher(o.Fetch)
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	return o
}

func (o Options) follow(fromURL bool) bool {
	switch o.FollowLinks {
	case FollowAlways:
		return true
	case FollowNever:
		return false
	}
	return fromURL
}

// Open returns the reader for target: "-" for stdin, an http(s) URL (a
// feed or a page), a directory (walked recursively), or a file, chosen by
// its extension and, when that says nothing, by its content.
func Open(ctx context.Context, target string, opt Options) (Reader, error) {
	opt = opt.withDefaults()
	switch {
	case target == "-":
		return openStream(ctx, "stdin", io.NopCloser(opt.Stdin), opt)
	case isURL(target):
		return openURL(ctx, target, opt)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return nil, fmt.Errorf("open source: %w", err)
	}
	if fi.IsDir() {
		return openDir(target, opt)
	}
	return openFile(ctx, target, opt)
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Formats a file or stream can hold.
type format int

const (
	formatUnknown format = iota
	formatJSONL
	formatText
	formatHTML
	formatFeed
	formatWARC
)

// formatByName is the format a file's name announces; gz reports a
// trailing ".gz".
func formatByName(name string) (f format, gz bool) {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".gz") {
		gz = true
		n = strings.TrimSuffix(n, ".gz")
	}
	switch filepath.Ext(n) {
	case ".jsonl", ".ndjson":
		return formatJSONL, gz
	case ".txt":
		return formatText, gz
	case ".html", ".htm", ".xhtml":
		return formatHTML, gz
	case ".xml", ".rss", ".atom":
		return formatFeed, gz
	case ".warc":
		return formatWARC, gz
	}
	return formatUnknown, gz
}

// sniff tells a format from the first bytes of a (decompressed) stream.
func sniff(head []byte) format {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	low := bytes.ToLower(h)
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return formatWARC
	case bytes.HasPrefix(h, []byte("{")):
		return formatJSONL
	case bytes.HasPrefix(low, []byte("<!doctype html")), bytes.HasPrefix(low, []byte("<html")):
		return formatHTML
	case bytes.HasPrefix(low, []byte("<?xml")), bytes.HasPrefix(low, []byte("<rss")), bytes.HasPrefix(low, []byte("<feed")), bytes.HasPrefix(low, []byte("<rdf")):
		if bytes.Contains(low, []byte("<rss")) || bytes.Contains(low, []byte("<feed")) || bytes.Contains(low, []byte("<rdf")) {
			return formatFeed
		}
		if bytes.Contains(low, []byte("<html")) {
			return formatHTML
		}
		return formatFeed
	case bytes.HasPrefix(low, []byte("<")):
		return formatHTML
	}
	return formatText
}

func isGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

const sniffLen = 1024

func openFile(ctx context.Context, path string, opt Options) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open source: %w", err)
	}
	format, _ := formatByName(path)
	return openReader(ctx, path, filepath.Base(path), f, format, opt)
}

// openStream opens a stream of unknown format (stdin).
func openStream(ctx context.Context, name string, rc io.ReadCloser, opt Options) (Reader, error) {
	return openReader(ctx, name, name, rc, formatUnknown, opt)
}

// openReader picks the reader for rc: by format when known, else by its
// content; gzip is undone first. origin names the stream in items; id is the
// article ID of a single-article file.
func openReader(ctx context.Context, origin, id string, rc io.ReadCloser, f format, opt Options) (Reader, error) {
	if opt.Read != nil {
		rc = countingReader{rc, opt.Read}
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(sniffLen)
	var r io.Reader = br
	closer := io.Closer(rc)
	if isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("open %s: %w", origin, err)
		}
		zbr := bufio.NewReaderSize(zr, 64<<10)
		head, _ = zbr.Peek(sniffLen)
		r = zbr
		closer = multiCloser{zr, rc}
	}
	if isEmpty(head) {
		// One rule for every format: an empty input is one item that
		// could not be read, never a silent success or a usage error.
		closer.Close()
		return &single{item: Item{Article: event.Article{ID: id}, Origin: origin, Err: ErrEmptyInput}}, nil
	}
	if f == formatUnknown {
		f = sniff(head)
	}
	switch f {
	case formatJSONL:
		return newJSONL(origin, r, closer, opt), nil
	case formatWARC:
		return newWARC(origin, r, closer, opt), nil
	case formatText:
		return newText(origin, id, r, closer, opt), nil
	case formatHTML:
		return newHTMLFile(origin, id, r, closer, opt), nil
	case formatFeed:
		defer closer.Close()
		return newFeed(ctx, origin, r, opt, opt.follow(false))
	}
	closer.Close()
	return nil, fmt.Errorf("open %s: unknown format", origin)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// ErrEmptyInput is the item error of a file or stream that holds nothing
// but white space, whatever its format.
var ErrEmptyInput = errors.New("empty input: no articles")

// isEmpty reports whether a stream's first bytes (all of it when shorter
// than sniffLen) are only white space and byte-order marks.
func isEmpty(head []byte) bool {
	if len(head) >= sniffLen {
		return false
	}
	return len(bytes.Trim(bytes.ReplaceAll(head, []byte("\xef\xbb\xbf"), nil), " \t\r\n")) == 0
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var errs []error
	for _, c := range m {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// openURL fetches target and reads it as a feed or a page.
func openURL(ctx context.Context, target string, opt Options) (Reader, error) {
	page, err := opt.Fetcher.Get(ctx, target)
	if err != nil {
		return nil, fmt.Errorf("open source: %w", err)
	}
	ct := strings.ToLower(page.ContentType)
	isFeed := strings.Contains(ct, "rss") || strings.Contains(ct, "atom") ||
		(strings.Contains(ct, "xml") && !strings.Contains(ct, "xhtml")) ||
		(!strings.Contains(ct, "html") && sniff(page.Body) == formatFeed)
	if isFeed {
		return newFeed(ctx, target, bytes.NewReader(page.Body), opt, opt.follow(true))
	}
	a, err := extractHTML(page.Body, page.ContentType, pageInfo{URL: page.URL, ID: page.URL})
	return &single{item: Item{Article: a, Origin: target, Err: err}}, nil
}

// single is a Reader of one item.
type single struct {
	item Item
	done bool
	c    io.Closer
}

func (s *single) Next(ctx context.Context) (Item, error) {
	if s.done {
		return Item{}, io.EOF
	}
	if err := ctx.Err(); err != nil {
		return Item{}, err
	}
	s.done = true
	return s.item, nil
}

func (s *single) Close() error {
	if s.c != nil {
		return s.c.Close()
	}
	return nil
}

// isoDate formats t as SPEC §1's published date.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
