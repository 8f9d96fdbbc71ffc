package extract

import (
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

// nounForm reads the shape of the event word at token i: a definite noun
// ("الهجوم", "والتفجيرات", "بالاغتيال", "للتعذيب"), a bare plural noun
// ("تفجيرات", "اعتداءات"), or a verbal noun of purpose after ل
// ("لاغتيال": in order to kill). Such words name an event told elsewhere, a
// kind of act, or an aim; a new event is told by a verb or an indefinite
// singular noun ("اغتيل", "هجوم انتحاري").
func (dc *doc) nounForm(i int) (definite, plural, purpose bool) {
	w := dc.norm(i)
	if w == "" || dc.toks[i].Kind != arabic.Word {
		return
	}
	if rest, ok := strings.CutPrefix(w, "و"); ok && len(rest) > 4 {
		w = rest
	} else if rest, ok := strings.CutPrefix(w, "ف"); ok && len(rest) > 4 {
		w = rest
	}
	switch {
	case strings.HasPrefix(w, "ال"), strings.HasPrefix(w, "بال"), strings.HasPrefix(w, "كال"), strings.HasPrefix(w, "لل"):
		definite = true
	case strings.HasPrefix(w, "لا") && arabic.RuneCount(w) >= 6:
		purpose = true
	}
	plural = strings.HasSuffix(w, "ات") && arabic.RuneCount(w) >= 5
	return
}

// introduces reports whether trigger t can tell a new event on its own: a
// verb or an indefinite singular noun, or any word with a number before it
// ("ثلاث هجمات").
func (dc *doc) introduces(t arabic.Match[Trigger]) bool {
	definite, plural, purpose := dc.nounForm(t.From)
	if purpose || definite {
		return false
	}
	if plural {
		return t.From > 0 && (dc.toks[t.From-1].Kind == arabic.Number)
	}
	return true
}

// marchesAreNotDrones drops "مسيرة" read as a drone where the sentence
// tells of a protest: "مسيرة العودة" is a march, "طائرة مسيرة" a drone.
func (dc *doc) marchesAreNotDrones(instr []arabic.Match[string]) []arabic.Match[string] {
	out := instr[:0]
	for _, m := range instr {
		if m.To == m.From+1 && m.Values[0] == "air_drone_strike" && strings.HasSuffix(arabic.StripArticle(dc.norm(m.From)), "مسيره") {
			s := dc.sents[dc.sentOf[m.From]]
			protest := false
			for _, t := range within(dc.triggers, s) {
				protest = protest || family(t.Values[0].Type) == "protest"
			}
			if protest {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}
