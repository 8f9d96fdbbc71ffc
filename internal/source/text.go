package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/event"
)

// ErrBinary is the item error of a text file holding NUL bytes.
var ErrBinary = errors.New("binary content (NUL bytes)")

// newText reads a plain-text file as one article: ID id, text verbatim
// (only a leading UTF-8 byte-order mark is dropped: it is encoding, not
// text).
func newText(origin, id string, r io.Reader, c io.Closer, opt Options) Reader {
	return &lazy{c: c, read: func(ctx context.Context) Item {
		it := Item{Article: event.Article{ID: id}, Origin: origin}
		b, err := readAll(r, opt.MaxFile)
		if err != nil {
			it.Err = err
			return it
		}
		it.Err = checkText(b)
		if it.Err == nil {
			it.Article.Text = string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
		}
		return it
	}}
}

// checkText says what is wrong with b as an article's text, if anything.
func checkText(b []byte) error {
	switch {
	case bytes.IndexByte(b, 0) >= 0:
		return ErrBinary
	case !utf8.Valid(b):
		return ErrInvalidUTF8
	case bytes.IndexFunc(b, func(r rune) bool { return !unicode.IsSpace(r) && r != '\ufeff' }) < 0:
		return ErrEmptyText
	}
	return nil
}

// readAll reads r up to max bytes; more is an error.
func readAll(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return b, nil
}

// lazy is a Reader of one item computed on the first Next.
type lazy struct {
	read func(ctx context.Context) Item
	done bool
	c    io.Closer
}

func (l *lazy) Next(ctx context.Context) (Item, error) {
	if l.done {
		return Item{}, io.EOF
	}
	if err := ctx.Err(); err != nil {
		return Item{}, err
	}
	l.done = true
	return l.read(ctx), nil
}

func (l *lazy) Close() error {
	if l.c != nil {
		return l.c.Close()
	}
	return nil
}
