package arabic

import "strings"

// Sentence is a run of tokens [From, To) of a text, ending at a full stop,
// question or exclamation mark (Arabic or Latin) or a line break. Start and
// End are the byte offsets of its first and last token; Para counts the
// lines (paragraphs) before it.
type Sentence struct {
	From, To   int
	Start, End int
	Para       int
}

var sentenceEnd = map[string]bool{".": true, "!": true, "?": true, "…": true}

// Sentences splits tokenised text into sentences. A full stop with no
// space after it ("السورية.نت", "2.6") does not end a sentence.
func Sentences(text string, toks []Token) []Sentence {
	var out []Sentence
	para, start := 0, 0
	flush := func(to int) {
		if to <= start {
			return
		}
		out = append(out, Sentence{From: start, To: to, Start: toks[start].Start, End: toks[to-1].End, Para: para})
		start = to
	}
	for i, t := range toks {
		if i > 0 && strings.Contains(text[toks[i-1].End:t.Start], "\n") {
			flush(i)
			para++
		}
		if t.Kind == Punct && sentenceEnd[t.Norm] {
			if t.Norm == "." && i+1 < len(toks) && toks[i+1].Start == t.End {
				continue
			}
			flush(i + 1)
		}
	}
	flush(len(toks))
	return out
}
