package clean

import (
	"bufio"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed data/boilerplate.tsv
var boilerplateTSV string

//go:embed data/outlets.tsv
var outletsTSV string

//go:embed data/datelines.tsv
var datelinesTSV string

// Marker kinds in data/boilerplate.tsv.
const (
	kindExact    = "exact"
	kindPrefix   = "prefix"
	kindContains = "contains"
	kindRegexp   = "regexp"
)

// marker is one row of data/boilerplate.tsv.
type marker struct {
	pattern string // normalised, except for regexps
	kind    string
	note    string
	re      *regexp.Regexp
}

type markerSet struct {
	exact    map[string]bool
	prefix   []string
	contains []string
	regexps  []*regexp.Regexp
}

var (
	markerRows = mustRows(parseMarkers(boilerplateTSV))
	markers    = newMarkerSet(markerRows)
	outlets    = mustRows(parseNames(outletsTSV, "outlets.tsv"))
	datelines  = mustRows(parseNames(datelinesTSV, "datelines.tsv"))
)

func mustRows[T any](v T, err error) T {
	if err != nil {
		panic(err) // embedded data is checked by the tests
	}
	return v
}

// tsvRows returns the fields of every data row: the header line and
// comment lines (starting with '#') are skipped.
func tsvRows(data, name string, fields int) ([][]string, error) {
	var rows [][]string
	sc := bufio.NewScanner(strings.NewReader(data))
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, n, len(f), fields)
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, f)
	}
	return rows, sc.Err()
}

func parseMarkers(data string) ([]marker, error) {
	rows, err := tsvRows(data, "boilerplate.tsv", 3)
	if err != nil {
		return nil, err
	}
	ms := make([]marker, 0, len(rows))
	for i, f := range rows {
		m := marker{kind: f[1], note: f[2]}
		switch m.kind {
		case kindExact, kindPrefix, kindContains:
			m.pattern = norm(f[0])
			if m.pattern == "" {
				return nil, fmt.Errorf("boilerplate.tsv row %d: empty pattern", i+1)
			}
		case kindRegexp:
			m.pattern = f[0]
			m.re, err = regexp.Compile(f[0])
			if err != nil {
				return nil, fmt.Errorf("boilerplate.tsv row %d: %w", i+1, err)
			}
		default:
			return nil, fmt.Errorf("boilerplate.tsv row %d: unknown kind %q", i+1, m.kind)
		}
		ms = append(ms, m)
	}
	return ms, nil
}

func newMarkerSet(ms []marker) *markerSet {
	s := &markerSet{exact: map[string]bool{}}
	for _, m := range ms {
		switch m.kind {
		case kindExact:
			s.exact[m.pattern] = true
		case kindPrefix:
			s.prefix = append(s.prefix, m.pattern)
		case kindContains:
			s.contains = append(s.contains, m.pattern)
		case kindRegexp:
			s.regexps = append(s.regexps, m.re)
		}
	}
	return s
}

// match reports whether the normalised line n is boilerplate.
func (s *markerSet) match(n string) bool {
	if s.exact[strings.TrimRight(n, trailingPunct)] {
		return true
	}
	for _, p := range s.prefix {
		if strings.HasPrefix(n, p) && boundaryAt(n, len(p)) {
			return true
		}
	}
	for _, p := range s.contains {
		if strings.Contains(n, p) {
			return true
		}
	}
	for _, re := range s.regexps {
		if re.MatchString(n) {
			return true
		}
	}
	return false
}

// trailingPunct is what may close a line without changing what it is
// ("شارك:" is "شارك").
const trailingPunct = " .:!|-»\"'…>"

// boundaryAt reports whether a word ends at byte i of s: the pattern
// "شارك" must not match "شاركت".
func boundaryAt(s string, i int) bool {
	if i >= len(s) || i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isWordRune(prev) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// leadingJunk is what opens a line without being part of it: bullets,
// arrows, and the quote characters of a list item.
const leadingJunk = " \t•·▪►◄●■□◆*>|\"»"

// norm is the matching form of a line: arabic.FoldRune on every rune
// (hamza-alefs to alef, ة to ه, ى to ي, tashkeel and tatweel and bidi
// marks dropped, Arabic punctuation to ASCII, Latin lowered), whitespace
// runs collapsed to one space, " :" to ":", and bullets trimmed.
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		f := arabic.FoldRune(r)
		if f < 0 {
			continue
		}
		if unicode.IsSpace(f) {
			space = true
			continue
		}
		if space && b.Len() > 0 && f != ':' {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(f)
	}
	return strings.TrimLeft(b.String(), leadingJunk)
}

// nameSet is a set of names from outlets.tsv or datelines.tsv, keyed by
// their normalised form.
type nameSet map[string]bool

func parseNames(data, file string) (nameSet, error) {
	rows, err := tsvRows(data, file, 3)
	if err != nil {
		return nil, err
	}
	s := nameSet{}
	for i, f := range rows {
		k := nameKey(f[0])
		if k == "" {
			return nil, fmt.Errorf("%s row %d: empty name", file, i+1)
		}
		s[k] = true
	}
	return s, nil
}

// nameKey is the matching form of an outlet or place name: norm without
// quotes, dots and spaces, so "أ.ف.ب" and "أ ف ب", "فرانس 24" and
// "فرانس24" meet.
func nameKey(s string) string {
	n := norm(s)
	var b strings.Builder
	for _, r := range n {
		switch r {
		case ' ', '.', '"', '\'', '(', ')':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
