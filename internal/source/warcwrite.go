package source

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"strings"
	"time"
)

// WARCWriter writes a WARC 1.0 file, one gzip member per record as crawlers
// write .warc.gz, so that the file can be read back by raqib's reader (and
// by any WARC tool). It writes what a crawl of news pages needs: a warcinfo
// record and HTTP response records. Record IDs are derived from the record's
// content, so the same pages give the same bytes.
type WARCWriter struct {
	w   io.Writer
	gz  bool
	err error
}

// NewWARCWriter writes records to w, each gzip-compressed when gz is set.
func NewWARCWriter(w io.Writer, gz bool) *WARCWriter {
	return &WARCWriter{w: w, gz: gz}
}

// WriteInfo writes a warcinfo record with the given fields ("software:
// raqib", …), in order.
func (ww *WARCWriter) WriteInfo(date time.Time, fields ...string) error {
	var b bytes.Buffer
	for _, f := range fields {
		b.WriteString(f + "\r\n")
	}
	return ww.record("warcinfo", "", date, "application/warc-fields", b.Bytes())
}

// WriteResponse writes a response record: an HTTP 200 response for uri
// with the given content type and body, fetched at date.
func (ww *WARCWriter) WriteResponse(uri string, date time.Time, contentType string, body []byte) error {
	if strings.ContainsAny(uri, "\r\n") || strings.ContainsAny(contentType, "\r\n") {
		return fmt.Errorf("warc: line break in URI or content type")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	b.Write(body)
	return ww.record("response", uri, date, "application/http; msgtype=response", b.Bytes())
}

func (ww *WARCWriter) record(typ, uri string, date time.Time, contentType string, block []byte) error {
	if ww.err != nil {
		return ww.err
	}
	sum := sha1.Sum(block)
	digest := "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
	id := sha1.Sum([]byte(typ + "\x00" + uri + "\x00" + date.UTC().Format(time.RFC3339) + "\x00" + digest))
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\n", typ)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%x-%x-%x-%x-%x>\r\n", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
	fmt.Fprintf(&b, "WARC-Date: %s\r\n", date.UTC().Format(time.RFC3339))
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Block-Digest: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", digest, contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	if !ww.gz {
		_, ww.err = ww.w.Write(b.Bytes())
		return ww.err
	}
	zw := gzip.NewWriter(ww.w) // no name or time in the header: same input, same bytes
	if _, ww.err = zw.Write(b.Bytes()); ww.err == nil {
		ww.err = zw.Close()
	}
	return ww.err
}
