// Package arabic is raqib's Arabic text layer: normalisation for matching
// that keeps byte offsets into the original text, sentence splitting,
// tokenisation, and clitic candidates.
//
// Nothing here changes the text an article is stored with: every Token and
// sentence Span carries the Start/End byte offsets of the original bytes.
package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldRune maps one rune to its matching form. It returns -1 for runes that
// vanish when matching (tashkeel, tatweel, bidi marks) and the rune itself
// for everything it leaves alone.
func FoldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED:
		return -1 // harakat, shadda, sukun, superscript alef, Quranic marks
	case r == 0x0640:
		return -1 // tatweel
	case r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return -1 // zero-width and bidi controls
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ى', 'ی', 'ئ':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ک':
		return 'ك'
	case '،':
		return ','
	case '؛':
		return ';'
	case '؟':
		return '?'
	case '٪':
		return '%'
	case '٫':
		return '.'
	case '٬':
		return ','
	case '«', '»', '“', '”', '„', '‟', '″':
		return '"'
	case '‘', '’', '‚', '‛':
		return '\''
	case '–', '—', '−':
		return '-'
	}
	if r >= '٠' && r <= '٩' {
		return '0' + (r - '٠')
	}
	if r >= '۰' && r <= '۹' {
		return '0' + (r - '۰')
	}
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	if r >= caselessLo && r <= caselessHi {
		return r // Hebrew, Arabic, Syriac, Thaana, NKo…: no letter case
	}
	if unicode.IsUpper(r) {
		return unicode.ToLower(r)
	}
	return r
}

// caselessLo..caselessHi is the block run from Hebrew to Arabic Extended-A,
// scripts without letter case: FoldRune skips the case tables there, which
// profiles showed as a tenth of the extractor's time.
const caselessLo, caselessHi = 0x0590, 0x08FF

// IsLetter is unicode.IsLetter with a fast path for the Arabic letters
// hamza to yeh (U+0621–U+064A, tatweel included, as unicode counts it).
func IsLetter(r rune) bool {
	if r >= 0x0621 && r <= 0x064A {
		return true
	}
	return unicode.IsLetter(r)
}

// Normalize returns the matching form of s: hamza-carrying alefs to bare
// alef, alef maqsura and yeh-hamza to yeh, teh marbuta to heh, waw-hamza to
// waw, tashkeel and tatweel removed, Arabic-Indic and Persian digits to
// ASCII, Arabic punctuation and typographic quotes to ASCII, Latin lowered.
// Invalid UTF-8 bytes become U+FFFD.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := FoldRune(r); f >= 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// Normalized is a normalised text that remembers, for every byte of the
// normalised form, the byte offset in the original it came from.
type Normalized struct {
	Text string  // the normalised text
	orig []int32 // orig[i] is the original offset of Text[i]; orig[len(Text)] is len(original)
}

// NormalizeOffsets normalises s and keeps the offset map back into s, as
// 32-bit offsets: s is shorter than 2 GiB (an article's text is at most
// event.MaxTextBytes, 32 MiB).
func NormalizeOffsets(s string) Normalized {
	var b strings.Builder
	b.Grow(len(s))
	orig := make([]int32, 0, len(s)+1)
	for i, r := range s {
		f := FoldRune(r)
		if f < 0 {
			continue
		}
		n := utf8.RuneLen(f)
		if f == utf8.RuneError && r == utf8.RuneError {
			n = 3
		}
		b.WriteRune(f)
		for k := 0; k < n; k++ {
			orig = append(orig, int32(i))
		}
	}
	orig = append(orig, int32(len(s)))
	return Normalized{Text: b.String(), orig: orig}
}

// Orig maps a byte offset in the normalised text to the original text. An
// offset that falls inside a normalised rune maps to that rune's start; the
// end of the normalised text maps to the end of the original.
func (n Normalized) Orig(i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(n.orig) {
		return int(n.orig[len(n.orig)-1])
	}
	return int(n.orig[i])
}

// rasm maps letters to their undotted skeleton (rasm): letters that differ
// only in their dots share a form. Typos and OCR slips in names are mostly
// misplaced dots ("غرب سعيد" for "عرب سعيد").
var rasm = map[rune]rune{
	'ب': 'ٮ', 'ت': 'ٮ', 'ث': 'ٮ', 'ن': 'ٮ', 'ي': 'ٮ',
	'ج': 'ح', 'خ': 'ح',
	'ذ': 'د', 'ز': 'ر', 'ش': 'س', 'ض': 'ص', 'ظ': 'ط',
	'غ': 'ع', 'ف': 'ڡ', 'ق': 'ڡ', 'ه': 'ه',
}

// Rasm returns the undotted skeleton of a text's letters, normalised and
// without spaces or punctuation, for comparing names that may be misspelt.
func Rasm(s string) string {
	var b strings.Builder
	for _, r := range Normalize(s) {
		if !IsLetter(r) {
			continue
		}
		if m, ok := rasm[r]; ok {
			r = m
		}
		b.WriteRune(r)
	}
	return b.String()
}
