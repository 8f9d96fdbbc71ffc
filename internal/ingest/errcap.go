package ingest

import (
	"fmt"
	"sort"
	"strings"
)

// ErrorCap lets the first N errors of a run through one by one and counts
// the rest by kind, so that 1.5 million garbage lines give a few hundred
// messages and one line per kind ("… and 1,499,000 more like this"), not
// 1.5 million lines on stderr or rows in a table.
type ErrorCap struct {
	limit  int
	taken  int
	kinds  map[string]*Suppressed
	order  []string
	others *Suppressed
}

// maxKinds bounds the kinds counted; past it, errors count as "other".
const maxKinds = 50

// Suppressed counts the errors of one kind past the cap.
type Suppressed struct {
	Kind    string // the first such error, numbers and all
	Example string
	N       int
}

// String is the summary line of a kind.
func (s Suppressed) String() string {
	return fmt.Sprintf("… and %s more like this: %s", Thousands(s.N), s.Example)
}

// NewErrorCap lets limit errors through.
func NewErrorCap(limit int) *ErrorCap {
	return &ErrorCap{limit: limit, kinds: map[string]*Suppressed{}}
}

// Take reports whether the error may be shown or kept one by one; if not,
// it is counted under its kind.
func (c *ErrorCap) Take(msg string) bool {
	if c.taken < c.limit {
		c.taken++
		return true
	}
	k := kindOf(msg)
	s, ok := c.kinds[k]
	if !ok {
		if len(c.kinds) >= maxKinds {
			if c.others == nil {
				c.others = &Suppressed{Kind: "other", Example: "errors of other kinds"}
			}
			c.others.N++
			return false
		}
		s = &Suppressed{Kind: k, Example: msg}
		if len(s.Example) > 200 {
			s.Example = s.Example[:200] + "…"
		}
		c.kinds[k] = s
		c.order = append(c.order, k)
	}
	s.N++
	return false
}

// Suppressed returns the counts of the errors not let through, by kind,
// most frequent first.
func (c *ErrorCap) Suppressed() []Suppressed {
	out := make([]Suppressed, 0, len(c.order)+1)
	for _, k := range c.order {
		out = append(out, *c.kinds[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].N > out[j].N })
	if c.others != nil {
		out = append(out, *c.others)
	}
	return out
}

// kindOf is an error message with its numbers and quoted parts blanked, so
// that "line 7: invalid JSON at byte 3" and "line 9: invalid JSON at byte 1"
// are one kind.
func kindOf(msg string) string {
	var b strings.Builder
	inDigits, inQuote := false, false
	for _, r := range msg {
		switch {
		case r == '"' || r == '\'':
			if !inQuote {
				b.WriteString("…")
			}
			inQuote = !inQuote
		case inQuote:
		case r >= '0' && r <= '9':
			if !inDigits {
				b.WriteByte('N')
			}
			inDigits = true
			continue
		default:
			b.WriteRune(r)
		}
		inDigits = false
		if b.Len() > 120 {
			break
		}
	}
	return b.String()
}

// Thousands writes n with commas: 1,499,000.
func Thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
