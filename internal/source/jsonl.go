package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/event"
)

// jsonlReader reads SPEC §1 JSONL: one article per line.
type jsonlReader struct {
	origin  string
	br      *bufio.Reader
	c       io.Closer
	maxLine int
	line    int
	raw     bool  // hand out items unparsed (Options.Raw)
	err     error // sticky read error
}

var _ Reader = (*jsonlReader)(nil)

func newJSONL(origin string, r io.Reader, c io.Closer, opt Options) *jsonlReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &jsonlReader{origin: origin, br: br, c: c, maxLine: opt.MaxLine, raw: opt.Raw}
}

func (j *jsonlReader) Next(ctx context.Context) (Item, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Item{}, err
		}
		if j.err != nil {
			return Item{}, j.err
		}
		line, tooLong, err := readLine(j.br, j.maxLine)
		if err != nil {
			if err == io.EOF && len(line) == 0 && !tooLong {
				j.err = io.EOF
				return Item{}, io.EOF
			}
			if err != io.EOF {
				j.err = fmt.Errorf("read %s: %w", j.origin, err)
				return Item{}, j.err
			}
			j.err = io.EOF // the last line had no newline: give it, then stop
		}
		j.line++
		origin := fmt.Sprintf("%s:%d", j.origin, j.line)
		if tooLong {
			return Item{Origin: origin, Err: fmt.Errorf("line %d: longer than %d bytes", j.line, j.maxLine)}, nil
		}
		if j.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if j.raw {
			// The line's buffer is reused by the next read: keep a copy.
			return Item{Origin: origin, Raw: bytes.Clone(line), line: j.line}, nil
		}
		a, err := parseNumbered(line, j.line)
		return Item{Article: a, Origin: origin, Err: err}, nil
	}
}

// parseNumbered parses the JSONL line numbered n, naming it in its error.
func parseNumbered(line []byte, n int) (event.Article, error) {
	a, err := parseLine(line)
	if err != nil {
		if a.ID != "" {
			err = fmt.Errorf("line %d (id %s): %w", n, a.ID, err)
		} else {
			err = fmt.Errorf("line %d: %w", n, err)
		}
	}
	return a, err
}

func (j *jsonlReader) Close() error { return j.c.Close() }

// readLine reads one line without its "\n" (or "\r\n"). A line longer than
// max is skipped up to its end and reported as tooLong. The returned slice
// is valid until the next read.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	n := 0
	for {
		chunk, e := br.ReadSlice('\n')
		n += len(chunk)
		switch {
		case n > max+2: // +2: room for "\r\n"
			tooLong, buf, line = true, nil, nil
		case buf == nil && e != bufio.ErrBufferFull:
			line = chunk // the whole line in one slice: no copy
		default:
			buf = append(buf, chunk...)
			line = buf
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		err = e
		break
	}
	if tooLong {
		return nil, true, err
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > max {
		return nil, true, err
	}
	return line, false, err
}

// Errors of a JSONL line; item errors wrap them.
var (
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrMissingID   = errors.New("missing id")
	ErrMissingText = errors.New("missing text")
	ErrEmptyText   = errors.New("empty text")
)

// jsonArticle is the wire form of an article: pointers tell a missing
// field from an empty one, and the id may be a number.
type jsonArticle struct {
	ID        json.RawMessage `json:"id"`
	Published *string         `json:"published"`
	Outlet    *string         `json:"outlet"`
	URL       *string         `json:"url"`
	Title     *string         `json:"title"`
	Author    *string         `json:"author"`
	Lang      *string         `json:"lang"`
	Text      *string         `json:"text"`
}

// ParseArticle reads one SPEC §1 JSON object into an article, as a JSONL
// line is read: the write API reads its lines with it, so that both accept
// the same objects (an id may be a string or a number). The article is
// then checked by event.Article.Validate in the ingest pipeline.
func ParseArticle(b []byte) (event.Article, error) { return parseLine(b) }

// parseLine reads one JSONL line into an article. The text is kept exactly
// as the JSON string decodes. The returned article carries the ID whenever
// it could be read, also with an error.
func parseLine(line []byte) (event.Article, error) {
	var a event.Article
	if !utf8.Valid(line) {
		return a, ErrInvalidUTF8
	}
	var w jsonArticle
	if err := json.Unmarshal(line, &w); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return a, fmt.Errorf("invalid JSON at byte %d: %w", se.Offset, err)
		case errors.As(err, &te) && te.Field != "":
			// The rest was read: keep the id for the message.
			a.ID, _ = jsonID(w.ID)
			return a, fmt.Errorf("field %s: JSON %s, want a string", te.Field, te.Value)
		}
		if errors.As(err, &te) {
			return a, fmt.Errorf("invalid JSON: a line must be an object, not a JSON %s", te.Value)
		}
		return a, fmt.Errorf("invalid JSON: %w", err)
	}
	id, err := jsonID(w.ID)
	if err != nil {
		return a, err
	}
	a.ID = id
	a.Published = deref(w.Published)
	a.Outlet = deref(w.Outlet)
	a.URL = deref(w.URL)
	a.Title = deref(w.Title)
	a.Author = deref(w.Author)
	a.Lang = deref(w.Lang)
	switch {
	case a.ID == "":
		return a, ErrMissingID
	case w.Text == nil:
		return a, ErrMissingText
	case strings.IndexFunc(*w.Text, func(r rune) bool { return !unicode.IsSpace(r) }) < 0:
		return a, ErrEmptyText
	}
	a.Text = *w.Text
	return a, nil
}

// jsonID reads an id given as a string or a number.
func jsonID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("invalid id: %w", err)
		}
		return strings.TrimSpace(s), nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return "", fmt.Errorf("invalid id: %w", err)
		}
		return n.String(), nil
	}
	return "", fmt.Errorf("invalid id: %s is not a string or a number", raw[:min(len(raw), 20)])
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
