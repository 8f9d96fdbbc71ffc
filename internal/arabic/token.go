package arabic

import (
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is made of.
type Kind uint8

const (
	Word   Kind = iota // letters (Arabic or other scripts), with their marks
	Number             // digits, ASCII, Arabic-Indic or Persian, with inner separators
	Punct              // one punctuation or symbol rune
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	Start, End int    // byte offsets into the original text
	Norm       string // normalised form (see Normalize)
	Kind       Kind
}

func isMark(r rune) bool {
	return FoldRune(r) < 0 || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '٠' && r <= '٩') || (r >= '۰' && r <= '۹')
}

// Tokenize splits text into words, numbers and punctuation, skipping space.
// Tatweel and diacritics stay inside the word they decorate; a tatweel
// between a clitic and a number ("بـ11") ends the word, so the number stands
// on its own. Hashtags read as the words they join: "#ميليشيا_الحوثي" is
// the two words ميليشيا and الحوثي, and "بمحافظة #البيضاء" a place noun and
// its name (the marks are skipped like space; offsets still point into the
// text). Invalid UTF-8 bytes are treated as punctuation.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/8+1) // news: a token per 9.5 bytes on average
	return AppendTokens(toks, text)
}

// AppendTokens appends the tokens of text to dst and returns it.
func AppendTokens(dst []Token, text string) []Token {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			dst = append(dst, Token{Start: i, End: i + 1, Norm: "\uFFFD", Kind: Punct})
			i++
		case unicode.IsSpace(r):
			i += size
		case hashtagMark(text, i, r, dst):
			i += size
		case IsLetter(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 == utf8.RuneError && s2 <= 1 {
					break
				}
				// Latin codes keep their digits ("M4", "T4"); Arabic clitics do not ("بـ11").
				if r2 >= '0' && r2 <= '9' && r < utf8.RuneSelf {
					j += s2
					continue
				}
				if !IsLetter(r2) && !isMark(r2) {
					break
				}
				j += s2
			}
			dst = appendWord(dst, text, i, j)
			i = j
		case isDigit(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isDigit(r2) {
					j += s2
					continue
				}
				// 2,5 — 2.6 — 1٫5 — 10,000: a separator between digits stays inside.
				if r2 == '.' || r2 == ',' || r2 == '٫' || r2 == '٬' {
					if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); j+s2 < len(text) && isDigit(r3) {
						j += s2
						continue
					}
				}
				break
			}
			dst = append(dst, Token{Start: i, End: j, Norm: Normalize(text[i:j]), Kind: Number})
			i = j
		case isMark(r):
			i += size // a stray mark or control with no letter to carry it
		default:
			n := Normalize(text[i : i+size])
			dst = append(dst, Token{Start: i, End: i + size, Norm: n, Kind: Punct})
			i += size
		}
	}
	return dst
}

// hashtagMark reports a hashtag's '#' before a letter, or an '_' between
// the words of a hashtag (a letter or digit on either side).
func hashtagMark(text string, i int, r rune, prev []Token) bool {
	if r != '#' && r != '_' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[i+1:])
	if i+1 >= len(text) || !IsLetter(next) && !isDigit(next) {
		return false
	}
	if r == '#' {
		return true
	}
	// '_' joins two words of a hashtag: the token before ends right here.
	return len(prev) > 0 && prev[len(prev)-1].End == i && prev[len(prev)-1].Kind != Punct
}

// appendWord appends the word text[i:j], trimming trailing tatweel and marks
// from its offsets only when nothing but them would remain.
func appendWord(dst []Token, text string, i, j int) []Token {
	n := Normalize(text[i:j])
	if n == "" {
		return dst
	}
	return append(dst, Token{Start: i, End: j, Norm: n, Kind: Word})
}
