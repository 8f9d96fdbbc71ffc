// Package clean removes from news text what HTML extractors leave behind:
// "اقرأ أيضا" links, skip links, cookie notices, comment forms, share buttons,
// tweet signatures, copyright footers, and the byline that closes many
// articles ("رائد جبر – الشرق الأوسط"), which becomes metadata instead of text.
//
// It works line by line and never rewrites a line it keeps. Lines reports
// which lines are boilerplate without touching the text, for callers that must
// keep byte offsets into the original (the extractor); Text returns the text
// with those lines removed, for sources that build an article's text.
//
// The markers are data: data/boilerplate.tsv, data/outlets.tsv and
// data/datelines.tsv, embedded at build time.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Meta is what Text learnt from the lines it removed.
type Meta struct {
	Author string // from a closing byline, as written
	Outlet string // from a closing byline, as written
}

// Line is one line of a text: text[Start:End], without its line terminator
// ("\n" or "\r\n"). The next line starts after the terminator.
type Line struct {
	Start, End int
	// Boilerplate is true for lines that are not article text, including a
	// closing byline. Skipping these gives the text Text would return.
	Boilerplate bool
	// Byline is true for a closing byline line (also marked Boilerplate).
	Byline bool
}

// maxTrailingBylines is how many closing byline lines are taken as metadata
// ("بقلم: …" followed by "المصدر: …").
const maxTrailingBylines = 2

// Lines splits text into lines and marks boilerplate and the closing byline.
// The lines cover the text in order; text itself is not changed.
func Lines(text string) []Line {
	var lines []Line
	for start := 0; start < len(text); {
		nl := strings.IndexByte(text[start:], '\n')
		end, next := len(text), len(text)
		if nl >= 0 {
			end, next = start+nl, start+nl+1
		}
		contentEnd := end
		if contentEnd > start && text[contentEnd-1] == '\r' {
			contentEnd--
		}
		lines = append(lines, Line{Start: start, End: contentEnd, Boilerplate: IsBoilerplate(text[start:contentEnd])})
		start = next
	}
	markByline(text, lines)
	return lines
}

// markByline marks up to maxTrailingBylines closing byline lines: the last
// lines that are neither blank nor boilerplate, when Byline accepts them and
// some article text remains above them.
func markByline(text string, lines []Line) {
	var cand []int
	i := len(lines) - 1
	for ; i >= 0 && len(cand) < maxTrailingBylines; i-- {
		l := lines[i]
		s := text[l.Start:l.End]
		if l.Boilerplate || isBlank(s) {
			continue
		}
		if _, _, ok := Byline(s); !ok {
			break
		}
		cand = append(cand, i)
	}
	// Some text must remain above: a text that is only a byline is kept.
	rest := false
	for j := 0; j < len(lines) && !rest; j++ {
		l := lines[j]
		if l.Boilerplate || isBlank(text[l.Start:l.End]) {
			continue
		}
		rest = !contains(cand, j)
	}
	if !rest {
		return
	}
	for _, j := range cand {
		lines[j].Byline = true
		lines[j].Boilerplate = true
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// Text removes boilerplate lines and a closing byline from text, whose
// author and outlet it returns in meta. Runs of two or more blank lines
// become one, and blank lines at the start and end are dropped; every line
// kept is byte-identical to the input, with its own line terminator.
func Text(text string) (cleaned string, meta Meta) {
	lines := Lines(text)
	var b strings.Builder
	b.Grow(len(text))
	blankRun := 0
	started := false
	// pending holds blank lines seen since the last kept text line; they are
	// written (at most one) only when more text follows.
	pendingStart, pendingEnd := -1, -1
	for i, l := range lines {
		next := len(text)
		if i+1 < len(lines) {
			next = lines[i+1].Start
		}
		s := text[l.Start:l.End]
		if l.Byline {
			author, outlet, _ := Byline(s)
			// Lines are visited top-down; the line nearest the text wins.
			if meta.Author == "" {
				meta.Author = author
			}
			if meta.Outlet == "" {
				meta.Outlet = outlet
			}
			continue
		}
		if l.Boilerplate {
			continue
		}
		if isBlank(s) {
			if started && blankRun == 0 {
				pendingStart, pendingEnd = l.Start, next
			}
			blankRun++
			continue
		}
		if pendingStart >= 0 {
			b.WriteString(text[pendingStart:pendingEnd])
			pendingStart = -1
		}
		blankRun = 0
		started = true
		b.WriteString(text[l.Start:next])
	}
	return b.String(), meta
}

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u200f' && r != '\u200e' && r != '\ufeff' {
			return false
		}
	}
	return true
}

// maxBoilerplateRunes bounds the lines IsBoilerplate considers: markers
// are short, and a long paragraph that quotes one is article text.
const maxBoilerplateRunes = 400

// IsBoilerplate reports whether line is not article text: a related-article
// link, a skip link, a cookie notice or button, a comment form heading, a
// share button, a tweet signature, a copyright footer, a photo credit and the
// like (data/boilerplate.tsv).
func IsBoilerplate(line string) bool {
	if len(line) > 4*maxBoilerplateRunes || utf8.RuneCountInString(line) > maxBoilerplateRunes {
		return false
	}
	n := norm(line)
	if n == "" {
		return false
	}
	return markers.match(n)
}
