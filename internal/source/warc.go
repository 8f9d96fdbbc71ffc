package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// WARC reading on the standard library only: a record is a version line
// ("WARC/1.0"), header lines, a blank line, Content-Length bytes of block
// and a blank line. A .warc.gz (one gzip member per record, as Common Crawl
// writes them) is read through compress/gzip, which joins the members.

// Limits of a WARC record's head: corrupt input must not make a reader
// buffer without bound.
const (
	maxWARCLine    = 8 << 10
	maxWARCHeaders = 256
)

// errWARCCorrupt marks a record whose head cannot be read; the reader
// resyncs at the next version line.
var errWARCCorrupt = errors.New("corrupt WARC record")

// errWARCTruncated marks a record cut short; nothing follows it.
var errWARCTruncated = errors.New("truncated WARC record")

// warcRecord is one record: its header and, for the records the reader
// wants, its block.
type warcRecord struct {
	header textproto.MIMEHeader
	length int64
	block  []byte // nil when the record was skipped or too large
	// head is the start of a response block too large to keep: enough to
	// tell an HTML page from a video.
	head []byte
}

// maxHTTPHead is how much of a too-large response is kept to read its
// HTTP status and headers.
const maxHTTPHead = 8 << 10

// readRecord reads the next record from br. It keeps the block of
// response records up to max bytes and skips every other block. With
// resync set it first skips whatever precedes a version line. At the end
// of input it returns io.EOF; a record cut short is errWARCTruncated, a
// head that cannot be read errWARCCorrupt (both wrapped).
func readRecord(br *bufio.Reader, max int64, resync bool) (warcRecord, error) {
	var rec warcRecord
	// Version line, after the blank lines that end the previous record.
	for {
		line, tooLong, err := readLine(br, maxWARCLine)
		if err != nil && err != io.EOF {
			return rec, fmt.Errorf("%w: %w", errWARCTruncated, err)
		}
		if !tooLong && bytes.HasPrefix(line, []byte("WARC/")) {
			break
		}
		if err == io.EOF {
			if resync || (len(bytes.TrimSpace(line)) == 0 && !tooLong) {
				return rec, io.EOF
			}
			return rec, fmt.Errorf("%w: expected a WARC version line", errWARCCorrupt)
		}
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			if !resync {
				return rec, fmt.Errorf("%w: expected a WARC version line, found %q", errWARCCorrupt, clip(line))
			}
		}
	}
	// Header lines up to a blank line, bounded, then parsed by textproto.
	var head bytes.Buffer
	for n := 0; ; n++ {
		line, tooLong, err := readLine(br, maxWARCLine)
		if tooLong || n > maxWARCHeaders {
			return rec, fmt.Errorf("%w: header too long", errWARCCorrupt)
		}
		if err != nil {
			return rec, fmt.Errorf("%w: in header: %w", errWARCTruncated, errOrEOF(err))
		}
		if len(line) == 0 {
			break
		}
		head.Write(line)
		head.WriteString("\r\n")
	}
	head.WriteString("\r\n")
	h, err := textproto.NewReader(bufio.NewReader(&head)).ReadMIMEHeader()
	if err != nil {
		return rec, fmt.Errorf("%w: %w", errWARCCorrupt, err)
	}
	rec.header = h
	rec.length, err = strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || rec.length < 0 {
		return rec, fmt.Errorf("%w: bad Content-Length %q", errWARCCorrupt, h.Get("Content-Length"))
	}
	skip := rec.length
	if strings.EqualFold(h.Get("WARC-Type"), "response") {
		keep := rec.length
		if keep > max {
			keep = min(rec.length, maxHTTPHead)
		}
		buf := make([]byte, keep)
		if _, err := io.ReadFull(br, buf); err != nil {
			return rec, fmt.Errorf("%w: block of %d bytes: %w", errWARCTruncated, rec.length, errOrEOF(err))
		}
		if rec.length <= max {
			rec.block = buf
		} else {
			rec.head = buf
		}
		skip -= keep
	}
	if n, err := io.CopyN(io.Discard, br, skip); err != nil {
		return rec, fmt.Errorf("%w: block of %d bytes, %d read: %w", errWARCTruncated, rec.length, rec.length-skip+n, errOrEOF(err))
	}
	return rec, nil
}

// errOrEOF turns a bare io.EOF met inside a record into io.ErrUnexpectedEOF.
func errOrEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func clip(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

// warcReader reads the HTML pages of a WARC file's response records.
type warcReader struct {
	origin string
	br     *bufio.Reader
	c      io.Closer
	max    int64
	n      int // records read
	resync bool
	done   bool
}

var _ Reader = (*warcReader)(nil)

func newWARC(origin string, r io.Reader, c io.Closer, opt Options) *warcReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &warcReader{origin: origin, br: br, c: c, max: opt.MaxFile}
}

func (w *warcReader) Next(ctx context.Context) (Item, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Item{}, err
		}
		if w.done {
			return Item{}, io.EOF
		}
		rec, err := readRecord(w.br, w.max, w.resync)
		w.resync = false
		if err == io.EOF {
			w.done = true
			return Item{}, io.EOF
		}
		w.n++
		origin := fmt.Sprintf("%s#%d", w.origin, w.n)
		if err != nil {
			if errors.Is(err, errWARCCorrupt) {
				w.resync = true
			} else {
				w.done = true // truncated or unreadable (gzip): nothing after it can be trusted
			}
			return Item{Origin: origin, Err: fmt.Errorf("record %d: %w", w.n, err)}, nil
		}
		it, ok := w.article(rec, origin)
		if ok {
			return it, nil
		}
	}
}

// article turns a record into an item; ok is false for records that hold
// no article (requests, metadata, non-HTML responses, redirects).
func (w *warcReader) article(rec warcRecord, origin string) (it Item, ok bool) {
	h := rec.header
	if !strings.EqualFold(h.Get("WARC-Type"), "response") {
		return it, false
	}
	if ct := strings.ToLower(h.Get("Content-Type")); !strings.HasPrefix(ct, "application/http") {
		return it, false // dns: records and the like
	}
	uri := strings.Trim(strings.TrimSpace(h.Get("WARC-Target-URI")), "<>")
	it = Item{Article: event.Article{ID: uri, URL: uri}, Origin: origin}
	if rec.block == nil {
		// Too large to keep: an error only if it is an HTML page.
		resp, err := readHTTP(rec.head)
		if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 || !isHTMLType(resp.Header.Get("Content-Type"), nil) {
			return it, false
		}
		it.Err = fmt.Errorf("record %d: HTML response of %d bytes exceeds %d", w.n, rec.length, w.max)
		return it, true
	}
	resp, err := readHTTP(rec.block)
	if err != nil {
		it.Err = fmt.Errorf("record %d: HTTP response: %w", w.n, err)
		return it, true
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return it, false
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		it.Err = fmt.Errorf("record %d: HTTP body: %w", w.n, err)
		return it, true
	}
	body = decodeContent(body, resp.Header.Get("Content-Encoding"))
	ct := resp.Header.Get("Content-Type")
	if !isHTMLType(ct, body) {
		return it, false
	}
	info := pageInfo{URL: uri, ID: firstNonEmpty(uri, origin)}
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(h.Get("WARC-Date"))); err == nil {
		info.Published = isoDate(t)
	}
	it.Article, it.Err = extractHTML(body, ct, info)
	if it.Err != nil {
		it.Err = fmt.Errorf("record %d: %w", w.n, it.Err)
	}
	return it, true
}

func (w *warcReader) Close() error { return w.c.Close() }

// readHTTP parses an HTTP response as a WARC record stores it. Transfer
// encodings net/http does not know ("identity", left by some crawlers over
// an already decoded payload) are dropped rather than failing the page.
func readHTTP(block []byte) (*http.Response, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err == nil || !strings.Contains(err.Error(), "transfer encoding") {
		return resp, err
	}
	end := bytes.Index(block, []byte("\r\n\r\n"))
	if end < 0 {
		return nil, err
	}
	var head bytes.Buffer
	for _, line := range bytes.Split(block[:end], []byte("\r\n")) {
		k, v, _ := bytes.Cut(line, []byte(":"))
		if bytes.EqualFold(bytes.TrimSpace(k), []byte("Transfer-Encoding")) && !bytes.EqualFold(bytes.TrimSpace(v), []byte("chunked")) {
			continue
		}
		head.Write(line)
		head.WriteString("\r\n")
	}
	head.Write(block[end+2:])
	return http.ReadResponse(bufio.NewReader(&head), nil)
}

func isHTMLType(ct string, body []byte) bool {
	if ct == "" && body == nil {
		return true // unknown: let the extractor judge
	}
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeContent undoes a gzip or deflate Content-Encoding when the payload
// still has it (Common Crawl stores payloads decoded but some crawlers do
// not); anything that does not decode is returned as it is.
func decodeContent(body []byte, enc string) []byte {
	var r io.ReadCloser
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return body
		}
		r = zr
	case "deflate":
		r = flate.NewReader(bytes.NewReader(body))
	default:
		return body
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return body
	}
	return out
}
