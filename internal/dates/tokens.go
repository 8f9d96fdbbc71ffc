package dates

import (
	"unicode"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/arabic"
)

type tokKind uint8

const (
	tWord  tokKind = iota // a run of letters
	tNum                  // digits, possibly joined by - / . between digits (2019-05-03, 5-6)
	tPunct                // any other single rune
)

// token is a word, number or punctuation mark of the normalised text, with
// byte offsets into the normalised text.
type token struct {
	s          string
	start, end int
	kind       tokKind
	gap        bool // whitespace or the start of the text before it
}

// tokenize splits normalised text. Letters and digits never share a token,
// so "و6" is "و" + "6" and "ال24" (from الـ24) is "ال" + "24", the second
// without a gap.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/8+1) // news: a token per 9.5 bytes on average
	gap := true
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		j := i + w
		kind := tPunct
		switch {
		case unicode.IsSpace(r):
			gap = true
			i = j
			continue
		case isLetter(r):
			kind = tWord
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !isLetter(r2) {
					break
				}
				j += w2
			}
		case isDigit(s[i]):
			kind = tNum
			for j < len(s) {
				c := s[j]
				if isDigit(c) {
					j++
					continue
				}
				if (c == '-' || c == '/' || c == '.') && j+1 < len(s) && isDigit(s[j+1]) {
					j++
					continue
				}
				break
			}
		}
		toks = append(toks, token{s: s[i:j], start: i, end: j, kind: kind, gap: gap})
		gap = false
		i = j
	}
	return toks
}

func isLetter(r rune) bool { return arabic.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
