package arabic

import (
	"testing"
	"unicode"
)

// The fast paths agree with the unicode tables on every rune they cover.
func TestCaselessAndLetterFastPaths(t *testing.T) {
	for r := rune(caselessLo); r <= caselessHi; r++ {
		if unicode.IsUpper(r) || unicode.ToLower(r) != r {
			t.Errorf("U+%04X has case: FoldRune's fast path would miss it", r)
		}
	}
	for r := rune(0); r <= 0x2FFFF; r++ {
		if IsLetter(r) != unicode.IsLetter(r) {
			t.Errorf("IsLetter(U+%04X) = %v, unicode says %v", r, IsLetter(r), unicode.IsLetter(r))
		}
	}
}
