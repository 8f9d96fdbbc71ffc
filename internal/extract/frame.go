package extract

import (
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/eventclf"
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
	case alVerbs[w]:
		// "التقى", "التحقت": verbs whose first letters are those of the article
	case strings.HasPrefix(w, "ال"), strings.HasPrefix(w, "بال"), strings.HasPrefix(w, "كال"), strings.HasPrefix(w, "لل"):
		definite = true
	case strings.HasPrefix(w, "لا") && arabic.RuneCount(w) >= 6:
		purpose = true
	}
	plural = strings.HasSuffix(w, "ات") && arabic.RuneCount(w) >= 5
	return
}

// alVerbs are verbs that begin with the letters of the article (the eighth
// form of roots in ل: التقى، التحق، التزم).
var alVerbs = wordMap("al_verbs")

// introduces reports whether trigger t can tell a new event on its own: a
// verb or an indefinite singular noun, or any word with a number before it
// ("ثلاث هجمات").
func (dc *doc) introduces(t arabic.Match[Trigger]) bool {
	definite, plural, purpose := dc.nounForm(t.From)
	if purpose || definite {
		return false
	}
	if plural {
		return t.From > 0 && (dc.toks[t.From-1].Kind == arabic.Number) || dc.interceptedStrike(t)
	}
	return true
}

// interceptedStrike reports a strike word after "ل" that a verb of
// confronting governs ("تصدت الدفاعات الجوية لغارات إسرائيلية على مطار
// التيفور"): the strikes were made, whatever the defences downed.
func (dc *doc) interceptedStrike(t arabic.Match[Trigger]) bool {
	if !attackType(t.Values[0].Type) || t.Values[0].Class != "strong" || !strings.HasPrefix(dc.norm(t.From), "ل") {
		return false
	}
	s := dc.sents[dc.sentOf[t.From]]
	return dc.anyForm(max(s.from, t.From-8), t.From, confrontVerbs...)
}

// confrontVerbs confront an attack ("تصدت", "التصدي").
var confrontVerbs = words("confront")

// marchWords take part in or hold a march: a "مسيرة" right after one
// ("المشاركين في مسيرة", "نظموا مسيرة") is walked, not flown.
var marchWords = words("march")

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
			if protest || dc.anyForm(max(s.from, m.From-3), m.From, marchWords...) {
				continue // "المشاركين في مسيرة", "شاركوا في \"مسيرة العودة\"": a march walked in
			}
		}
		out = append(out, m)
	}
	return out
}

// vet drops the events the sentence classifier (internal/eventclf) finds
// unlikely to be told as news by their sentences: for the kinds of violence
// and protest it was trained on (eventclf.GatedTypes), and for any assault
// or protest event no town places (a country or no place at all), whose
// words alone vouch for them. An event stays when one of its sentences passes.
func (x *Extractor) vet(evs []event.Event) []event.Event {
	out := evs[:0]
	for _, e := range evs {
		// a country's point: no first-level division, precision 3
		loose := e.Location == nil || e.Location.Admin1 == "" && e.Location.GeoPrecision == 3
		if !(loose && len(eventclf.KindsOf(e.EventType)) > 0) && !(eventclf.Gated(e.EventType) && !forceUsed(e.EventType)) {
			out = append(out, e)
			continue
		}
		t := eventclf.FilterThreshold
		if !loose {
			t = placedThreshold
		}
		keep := false
		for _, sp := range e.Evidence {
			if x.told(e.EventType, sp.Text, t) {
				keep = true
				break
			}
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

// placedThreshold is the classifier score under which an event of a gated
// type that a town places is dropped: lower than for unplaced events
// (eventclf.FilterThreshold), since a named place already says much. 0.08
// keeps every article-set event the rules matched and drops most
// false alarms of the OEDA sentences (figures in README.md). The model,
// trained on wire news, leans on words that date a report ("أمس"): a short
// protest sentence that says neither when nor how many may score under it.
const placedThreshold = 0.08

// told reports whether a sentence scores at least threshold for a kind the
// event type belongs to.
func (x *Extractor) told(eventType, sentence string, threshold float64) bool {
	for _, k := range eventclf.KindsOf(eventType) {
		if x.clf.Score(k, sentence) >= threshold {
			return true
		}
	}
	return false
}

// forceUsed types tell force used on protesters: the OEDA sentences label
// them neither plain protest nor plain assault, so the classifier does not
// vouch for or against them where a town places them.
func forceUsed(typ string) bool {
	return typ == "protest_with_intervention" || typ == "excessive_force_against_protesters"
}

// aim reports an event word that names an aim: a verbal noun of purpose
// ("لاستعادة", "للسيطرة"), or one governed by such a noun a few words
// before it ("لاستكمال وتسريع تحرير المدينة").
func (dc *doc) aim(i int, s sentence) bool {
	for k := i; k >= max(s.from, i-3); k-- {
		definite, _, purpose := dc.nounForm(k)
		if purpose || definite && strings.HasPrefix(dc.norm(k), "لل") {
			return true
		}
		// "في عملية التفاف لتحرير مركز المديرية": a verbal noun of the تفعيل
		// pattern after "ل" says what an advance is for
		if n := dc.norm(k); strings.HasPrefix(n, "لت") && arabic.RuneCount(n) >= 6 && !dc.subjectedAt(k) {
			return true
		}
		if k < i && dc.toks[k].Kind != arabic.Word {
			return false
		}
	}
	return false
}

// firedToIntercept reports an interception told as its purpose after a
// verb of firing ("أطلقت الدفاعات الجوية صواريخ لاعتراض صواريخ
// إسرائيلية"): the defences fired, so it was attempted, not only meant.
func (dc *doc) firedToIntercept(t arabic.Match[Trigger], s sentence) bool {
	return dc.anyForm(max(s.from, t.From-8), t.From, fireVerbs...)
}

// subjectedAt reports a word of undergoing ("تعرض") just before token k:
// "تعرضت لتفجير" tells the bombing, not a purpose.
func (dc *doc) subjectedAt(k int) bool {
	return k > 0 && dc.hasForm(k-1, subjectedWords...)
}
