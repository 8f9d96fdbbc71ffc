package extract

// Factuality: whether an event word tells an event that happened — the
// cues, frames and clause boundaries that make it a plan, a denial, an
// aim, a kind of act, a time reference or a pointer back.

import (
	"slices"
	"sort"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

// historyEnds is the first date of events worth coding: older ones are
// history told in passing (ACLED's data start decades later).
const historyEnds = "1946"

// history reports an event date too old to code for this article.
func (dc *doc) history(date string) bool {
	if date < historyEnds {
		return true
	}
	cut := unpublishedHistoryEnds
	if t, ok := dc.art.PublishedTime(); ok {
		cut = t.AddDate(-historyYears, 0, 0).Format("2006")
	}
	return len(date) >= 4 && date[:4] < cut
}

// concrete reports whether a sentence tells a particular occurrence: it
// counts the dead or wounded or says when.
func concrete(dc *doc, s sentence) bool {
	if len(within(dc.casualty, s)) > 0 {
		return true
	}
	for _, i := range dc.timed {
		if i >= s.from && i < s.to {
			return true
		}
	}
	return false
}

// frameStart returns where the legal or reaction frame of trigger t starts
// (a place before it is where the inquiry or the reaction sits), or -1.
func (x *Extractor) frameStart(dc *doc, t arabic.Match[Trigger], s sentence) int {
	if f, ok := x.frameWord(dc, t, s, "legal", "reaction"); ok {
		return f.From
	}
	return -1
}

// frameReach is how many words may stand between a frame word and the
// event word it frames.
var frameReach = map[string]int{"anchor": 3, "reaction": 4, "legal": 3, "relative": 4, "kind": 2}

// framed names the frame (frames.tsv) that makes trigger t something other
// than a new event the sentence tells: a frame word in the trigger's own
// clause, a few words before it. "" when there is none.
func (x *Extractor) framed(dc *doc, t arabic.Match[Trigger], s sentence) string {
	if f, ok := x.frameWord(dc, t, s); ok {
		if f.Values[0] == "anchor" && dc.hasForm(f.From, "اثر", "عقب") && dc.killedWithin(s.from, f.From) {
			return "" // "قتل سبعة من عناصر الشرطة إثر هجوم انتحاري": the attack the dead fell in, not a time reference
		}
		return f.Values[0]
	}
	return ""
}

// frameWord returns the first frame word of one of kinds (any kind when
// none is given) in trigger t's clause, at most frameReach words before it.
func (x *Extractor) frameWord(dc *doc, t arabic.Match[Trigger], s sentence, kinds ...string) (arabic.Match[string], bool) {
	start := dc.clauseStart(t.From, s.from, 8)
	for _, f := range within(dc.frames, s) {
		k := f.Values[0]
		if f.From >= start && f.To <= t.From && t.From-f.To <= frameReach[k] && (len(kinds) == 0 || slices.Contains(kinds, k)) && !dc.agoAt(f.From, t.From) {
			return f, true
		}
	}
	return arabic.Match[string]{}, false
}

// agoAt reports a time word at token k that opens a date of its own, with
// no "من"/"على" tying it to what follows before token to: "استعادت القوات
// قبل أسبوع السيطرة على معبر نصيب" (a week ago), not "بعد أيام من الهجوم".
func (dc *doc) agoAt(k, to int) bool {
	for _, m := range dc.dates {
		if m.tok != k {
			continue
		}
		end := dc.afterDate(&m)
		return end <= to && !dc.hasForm(end, "من", "علي")
	}
	return false
}

// sportsWords tell of a match or a club: in a sentence with one, meetings,
// moves and words that name no kind of violence are the game's.
var sportsWords = words("sports")

// preventWords keep someone from an act ("منع الأسد من استهداف المدنيين").
var preventWords = words("prevent")

// leftPact reports a withdrawal word whose "من" a few words on names a
// deal, a body, talks or a race ("انسحبت في مايو من الاتفاق المعقود"):
// leaving it moves no forces.
func (dc *doc) leftPact(t arabic.Match[Trigger], s sentence) bool {
	if !dc.anyForm(t.From, t.To, withdrawWords...) {
		return false
	}
	for k := t.To; k < min(s.to-1, t.To+4); k++ {
		if dc.toks[k].Kind == arabic.Punct {
			return false
		}
		if dc.hasForm(k, "من") {
			return dc.hasForm(k+1, pactNouns...)
		}
	}
	return false
}

// massedWords gather without protesting: vehicles and troops.
var massedWords = words("massed")

// burstWords after "انفجر" tell a burst of tears, laughter or anger.
var burstWords = words("burst")

// naturalForces strike without weapons: storms, quakes, crises.
var naturalForces = words("natural_forces")

// withdrawWords tell a withdrawal; pactNouns what a state or party may
// withdraw from without moving forces.
var withdrawWords, pactNouns = words("withdraw"), words("pacts")

// disengageWords before "الاشتباك" name a disengagement ("فض الاشتباك",
// "فك الاشتباك"): a line or a deal, not a clash.
var disengageWords = words("disengage")

// cyberWords make an attack word a computer attack, not violence.
var cyberWords = words("cyber")

// dropKinds removes event words that tell no event: those a "kind" frame
// governs ("لحظر الأسلحة الكيمياوية" names a kind of weapon), a computer
// attack ("هجوم إلكتروني"), and in a sentence about a match the meetings,
// moves and words that name no kind of violence ("تلتقي الأرجنتين مع نيجيريا").
func (x *Extractor) dropKinds(dc *doc, s sentence, trigs []arabic.Match[Trigger]) []arabic.Match[Trigger] {
	sports := false
	for i := s.from; i < s.to && !sports; i++ {
		// "دوري" read as written: "دورية" (a patrol) is no "دوري" + "ه"
		// (his league)
		sports = dc.hasForm(i, sportsWords[1:]...) || dc.readAs(i, 3, sportsWords[0])
	}
	out := trigs[:0]
	for _, t := range trigs {
		if x.framed(dc, t, s) == "kind" {
			continue
		}
		if tr := t.Values[0]; sports && ((tr.Class != "strong" && tr.Type != "remote_explosive_landmine_ied") || tr.Type == "consult" || tr.Type == "change_to_group_activity" || tr.Type == "disrupted_weapons_use") {
			continue // "تلتقي الأرجنتين مع نيجيريا", "خط الهجوم": a match; a bomb among the spectators stays
		}
		if sports && t.Values[0].Type == "armed_clash" && !dc.killedWithin(s.from, s.to) {
			continue // "موقعة أهلي جدة أمام الهلال": a match called a battle
		}
		if t.To == t.From+1 && dc.hasForm(t.From, "اسقط", "اسقطت", "اسقطوا", "اسقطنا") && (!dc.weaponNear(t, s) || dc.passiveBy(t.To)) {
			// "طائرات أسقطت ماء لإخماد الحرائق", "أسقط ضيفه في فخ التعادل": nothing shot down;
			// "البراميل التي أسقطت من قبل مروحيات": dropped by them
			continue
		}
		if t.To < s.to && dc.hasForm(t.To, cyberWords...) {
			continue // "هجوم إلكتروني": a computer attack
		}
		if t.Values[0].Class == "generic" && (t.To < s.to && dc.hasForm(t.To, naturalForces...) || dc.anyForm(max(s.from, t.From-2), t.From, naturalForces...)) {
			continue // "ضربت عاصفة قوية مدينة الإسكندرية", "أزمة اقتصادية ضربت": no weapon struck
		}
		if t.Values[0].Type == "peaceful_protest" && t.To < s.to && dc.hasForm(t.From, "تجمع", "تجمعت", "احتشد", "احتشدت") && dc.hasForm(t.To, massedWords...) {
			continue // "تجمعت حافلات تقل مقاتلين", "احتشدت قوات النظام": vehicles or troops gathering, no protest
		}
		if t.Values[0].Type == "remote_explosive_landmine_ied" && dc.anyForm(t.To, min(s.to, t.To+4), burstWords...) {
			continue // "انفجر رجل الأعمال باكيا": burst into tears
		}
		if t.Values[0].Type == "change_to_group_activity" && dc.leftPact(t, s) {
			continue // "انسحاب الولايات المتحدة من الاتفاق النووي": a state leaving a deal, no forces moving
		}
		if t.Values[0].Type == "armed_clash" && t.From > s.from && dc.hasForm(t.From, "اشتباك") && dc.hasForm(t.From-1, disengageWords...) {
			continue // "خط فض الاشتباك في الجولان": the disengagement line, no clash
		}
		if t.Values[0].Class == "generic" && strings.Contains(dc.norm(t.From), "ستهدف") && t.To < s.to && dc.hasForm(t.To, aimNouns...) {
			continue // "مؤتمر يستهدف حشد الدعم": an aim, not a target
		}
		out = append(out, t)
	}
	return out
}

// suppressed reports whether a trigger speaks of something that did not
// happen: negated, future, called for or hypothetical. The cue must stand in
// the trigger's own clause (no comma between), before it, or right after it
// ("هجوم وشيك").
func (x *Extractor) suppressed(dc *doc, t arabic.Match[Trigger], s sentence) bool {
	start := dc.clauseStart(t.From, s.from, 8)
	end := dc.clauseEnd(t.To, s.to, 12)
	if t.From > s.from && dc.hasForm(t.From-1, "اي") {
		return true // "لأي قصف", "أي هجوم": any attack, so none in particular
	}
	// "كانت المقاتلات تحرق القرى": كان with an imperfect verb tells what used to happen
	if n := dc.norm(t.From); strings.HasPrefix(n, "ي") || strings.HasPrefix(n, "ت") {
		for k := max(start, t.From-3); k < t.From; k++ {
			if dc.hasForm(k, "كان", "كانت", "كانوا") {
				return true
			}
		}
	}
	// "تحتفظ قوات سوريا الديمقراطية بالسيطرة على منبج": control kept, not taken
	if t.Values[0].Class == "territory" && dc.anyForm(max(start, t.From-5), t.From, keepVerbs...) {
		return true
	}
	// "قد يقصف", "قد تستهدف" (may strike), but "قد تعرض" (has been struck):
	// "قد" before a verb that can only be imperfect tells what may happen
	if n := dc.norm(t.From); t.From > s.from && (strings.HasPrefix(n, "ي") || strings.HasPrefix(n, "تست")) && dc.hasForm(t.From-1, "قد") && !strings.HasPrefix(dc.norm(t.From-1), "ل") {
		return true
	}
	if definite, _, _ := dc.nounForm(t.From); definite && dc.futureVerbAfter(t.To, min(end, t.To+6)) {
		return true // "الهجوم على إدلب سيتخلص من الإرهابيين": what the attack will do, so it has not happened
	}
	if attackType(t.Values[0].Type) && t.To < s.to && dc.hasForm(t.To, verbalAttack...) {
		return true // "شنت الرياض هجوما حادا على إيران": an attack of words
	}
	occurred := dc.toldOccurred(t, s)
	for _, c := range within(dc.cues, s) {
		if (c.Values[0] == "negation" || c.Values[0] == "future") && c.To <= t.From && (occurred || dc.causeBetween(c.To, t.From)) {
			continue // "سيشن هجوما بسبب الهجوم الكيماوي", "توعد برد على الهجوم الذي وقع في دوما": what the plan answers happened
		}
		switch c.Values[0] {
		case "negation":
			if c.From >= start && c.To <= t.From && t.From-c.To <= 5 {
				return true
			}
			if c.From >= start && c.From < t.From && c.To >= t.To {
				return true // "لم تقصف": the cue holds the event's verb
			}
		case "future":
			// (but "اتفاق يقضي بخروج المقاتلين": what a deal provides for is
			// to come, the deal itself was made)
			provides := (t.Values[0].Type == "agreement" || t.Values[0].Type == "ceasefire") && dc.hasForm(c.From, stipulateVerbs...)
			if c.From >= start && c.To <= t.From || c.From >= t.To && c.From-t.To <= 1 && !provides || c.From < t.To && c.To > t.From {
				return true
			}
			if c.From <= s.from+1 && c.To <= t.From {
				return true // "وقرر الطرفان …": the whole sentence is a plan
			}
			if definite, _, _ := dc.nounForm(t.From); definite && c.From >= t.To && c.To <= end && dc.hasForm(c.From, "من") {
				return true // "والسيطرة على خط الحديدة صنعاء بشكل كلي من شأنه منع…": what taking it would do
			}
		case "purpose":
			// "من أجل التوصل لاتفاق", "بهدف استعادة السيطرة": what is sought
			if c.To == t.From || c.To == t.From-1 && dc.hasForm(c.To, reachingNouns...) {
				return true
			}
			// "منع بشار الأسد من استهداف المدنيين": kept from doing it
			if t.From-c.To <= 5 && t.From > c.To && dc.hasForm(t.From-1, "من") && dc.hasForm(c.From, preventWords...) && dc.wordsIn(c.To, t.From) == t.From-c.To {
				return true
			}
		case "ended":
			if attackType(t.Values[0].Type) && (c.From >= t.To && c.To <= end || c.From >= start && c.To <= t.From) {
				return true
			}
		case "foiled", "stalled":
			// "فشلت المفاوضات في التوصل إلى هدنة": a truce or deal that failed was never made
			switch t.Values[0].Type {
			case "ceasefire", "agreement", "non_violent_transfer_of_territory":
				// (and "تعثر اتفاق إجلاء": an evacuation deal that stalled moved nobody)
				if c.To <= t.From && t.From-c.To <= 8 {
					return true
				}
			}
		}
	}
	return false
}

// studentsAreNoDemand drops the demand cue "طالب" where it is the noun
// (a student) that a word of death, injury or arrest, or a number, counts:
// "قتل طالب جامعي برصاص قوات الأمن" tells a killing, not a demand.
func (dc *doc) studentsAreNoDemand(cues []arabic.Match[string]) []arabic.Match[string] {
	out := cues[:0]
	for _, c := range cues {
		if c.Values[0] == "future" && c.To == c.From+1 && c.From > 0 && strings.TrimPrefix(dc.norm(c.From), "و") == "طالب" {
			counted := dc.toks[c.From-1].Kind == arabic.Number
			for _, k := range dc.casualty {
				counted = counted || k.To == c.From
			}
			if counted || dc.hasForm(c.From-1, "اعتقال", "اعتقل", "اعتقلت", "خطف", "اختطاف", "اختطف") {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// futureCues adds a future cue at each event word read through the future
// particle س ("ستستعيد قوات النظام السيطرة على …": will retake), which
// governs it and what its clause goes on with, as "سوف" does.
func (x *Extractor) futureCues(dc *doc, cues []arabic.Match[string]) []arabic.Match[string] {
	n := len(cues)
	for _, t := range dc.triggers {
		if x.futureParticle(dc, t.From) {
			cues = append(cues, arabic.Match[string]{From: t.From, To: t.From + 1, Values: []string{"future"}})
		}
	}
	if len(cues) > n {
		sort.SliceStable(cues, func(a, b int) bool { return cues[a].From < cues[b].From })
	}
	return cues
}

// futureParticle reports an event word read through the future particle
// س ("ستستعيد", "سيقصف"): it is a trigger only once س is off, and no
// reading without it is one ("سيطرت" is a verb of its own).
func (x *Extractor) futureParticle(dc *doc, i int) bool {
	future := false
	for _, c := range dc.d.Cands[i] {
		if !x.lx.Triggers.Starts(c.Form) {
			continue
		}
		if !c.Verbal {
			return false
		}
		future = true
	}
	return future
}

// failedBody reports a foiling word whose subject is a body, a state or an
// official ("فشل المنظمة في التصرف", "فشل مجلس الأمن في"): an institution
// that failed to act foiled no attack (though a truce it failed to reach
// was never made).
func (dc *doc) failedBody(c arabic.Match[string]) bool {
	return c.To < len(dc.toks) && (dc.hasForm(c.To, bodyNouns...) || dc.bodyActorAt(c.To))
}

// bodyActorAt reports an actor mention of a body, state or official that
// begins at token i.
func (dc *doc) bodyActorAt(i int) bool {
	for _, a := range dc.actors {
		if a.from == i {
			return a.kind == "body" || a.kind == "state" || a.kind == "official"
		}
	}
	return false
}

// bodyNouns name institutions ("المنظمة", "المجلس", "المجتمع الدولي").
var bodyNouns = words("body_nouns")

// stipulateVerbs tell what a deal provides for ("يقضي", "ينص").
var stipulateVerbs = words("stipulate")

// keepVerbs keep what one holds ("تحتفظ بسيطرتها"): control kept is
// no takeover.
var keepVerbs = words("keep")

// passiveBy reports "من قبل" (by) at token k: the verb before it is
// passive, its doer named after.
func (dc *doc) passiveBy(k int) bool {
	return dc.hasForm(k, "من") && dc.hasForm(k+1, "قبل")
}

// demonstrative reports an event word named with "هذا/هذه/ذلك/تلك" before
// it: a pointer back to an event the article has told.
func (dc *doc) demonstrative(t arabic.Match[Trigger]) bool {
	if t.From == 0 {
		return false
	}
	switch dc.key(t.From - 1) {
	case "هذا", "هذه", "ذلك", "تلك", "وهذا", "وهذه":
		return true
	}
	return false
}

var elsewhereWords = words("elsewhere")

// elsewhere reports a sentence that opens by saying it tells of another
// place or story ("وفي أماكن أخرى", "في سياق آخر"): it carries no place from
// the sentences before.
func (dc *doc) elsewhere(s sentence) bool {
	for k := s.from; k < min(s.from+3, s.to); k++ {
		if dc.hasForm(k, elsewhereWords...) && k+1 < s.to && dc.hasForm(k+1, "اخري", "اخر", "ثانيه", "اخرى") {
			return true
		}
	}
	return false
}

var accuseWords = words("accuse")

// reportNouns name what others told ("الأنباء", "التقارير", "الاتهامات"):
// a denial of them answers someone who claims the act.
var reportNouns = words("report_nouns")

// deniedReports reports a sentence that denies what reports or accusers
// told ("نفى الجيش الأنباء التي تداولتها وسائل إعلام حول استهداف …"): the
// act is claimed by them and denied, not only denied.
func (dc *doc) deniedReports(s sentence) bool {
	for _, c := range within(dc.cues, s) {
		if c.Values[0] != "deny" {
			continue
		}
		for k := c.To; k < min(c.To+4, s.to); k++ {
			if dc.hasForm(k, reportNouns...) {
				return true
			}
		}
	}
	return false
}

// accusedThenDenied reports a sentence that tells an accusation and then
// its denial ("واتهمت دمشق وموسكو إسرائيل بشن ضربة جوية … في حين نفت
// إسرائيل ضلوعها"): the act is alleged and denied, not only denied.
func (dc *doc) accusedThenDenied(s sentence) bool {
	accused := -1
	for _, c := range within(dc.cues, s) {
		switch c.Values[0] {
		case "hedge":
			if accused < 0 && dc.hasForm(c.From, accuseWords...) {
				accused = c.From
			}
		case "deny":
			if accused >= 0 && c.From > accused {
				return true
			}
		}
	}
	return false
}

var causeWords = words("cause")

// causeBetween reports whether a word naming a cause or an earlier time
// ("بسبب", "ردا على", "إثر") stands in tokens [from, to): the noun it
// governs is told as a fact whatever plan or denial came before it.
func (dc *doc) causeBetween(from, to int) bool {
	return dc.anyForm(from, to, causeWords...)
}

var prepareWords = words("prepare")

// preparedAt returns where a word of what an act prepares for
// ("استعدادا ل", "تمهيدا ل", "بهدف") stands after trigger t in its sentence,
// or -1.
func (dc *doc) preparedAt(t arabic.Match[Trigger], s sentence) int {
	for k := t.To; k < s.to; k++ {
		if dc.hasForm(k, prepareWords...) {
			return k
		}
	}
	return -1
}

var occurredWords = words("occurred")

// toldOccurred reports whether a relative clause right after trigger t
// says the act happened ("الهجوم الكيماوي، الذي وقع في مدينة دوما",
// "الغارة التي أسفرت عن"): told as a fact, whatever plan it is named in.
func (dc *doc) toldOccurred(t arabic.Match[Trigger], s sentence) bool {
	k := t.To
	relative := func(k int) bool {
		switch dc.norm(k) {
		case "الذي", "التي", "اللذين", "اللتين", "اللذان", "اللتان":
			return true
		}
		return false
	}
	for k < s.to && k < t.To+3 && !relative(k) {
		k++
	}
	return k+1 < s.to && k < t.To+3 && dc.hasForm(k+1, occurredWords...)
}

// clauseStart walks back from token i to the start of its clause (a comma,
// semicolon, colon or quote), at most max tokens and not past from. Scare
// quotes around a few words open no clause: "لن تشن \"هجوما واسعا\" على
// إدلب" is one clause.
func (dc *doc) clauseStart(i, from, max int) int {
	start := i
	for start > from && i-start < max {
		p := dc.toks[start-1]
		if p.Kind == arabic.Punct && (p.Norm == "," || p.Norm == ";" || p.Norm == ":" || p.Norm == "\"" && !dc.scareQuote(start-1, from)) {
			break
		}
		start--
	}
	return start
}

// scareQuote reports whether the quote mark at token q opens a quote of at
// most three words within a clause (counting the marks from token from):
// a name or phrase set off, not speech.
func (dc *doc) scareQuote(q, from int) bool {
	open := true
	for k := from; k < q; k++ {
		if dc.toks[k].Kind == arabic.Punct && dc.toks[k].Norm == "\"" {
			open = !open
		}
	}
	if !open || q > from && dc.toks[q-1].Kind == arabic.Punct {
		return false // a closing mark, or a quote after a colon or comma
	}
	for k := q + 1; k < len(dc.toks) && k <= q+4; k++ {
		if dc.toks[k].Kind == arabic.Punct {
			return dc.toks[k].Norm == "\"" && k > q+1
		}
	}
	return false
}

// clauseEnd walks forward from token i to the end of its clause.
func (dc *doc) clauseEnd(i, to, max int) int {
	end := i
	for end < to && end-i < max {
		p := dc.toks[end]
		if p.Kind == arabic.Punct && (p.Norm == "," || p.Norm == ";" || p.Norm == ":" || p.Norm == ".") {
			break
		}
		end++
	}
	return end
}

// foiledAfter reports an attack the sentence says was foiled after naming
// it ("شهدت هجوما … لكنه أحبط", "هجوما بطائرات مسيرة تم إحباطها").
func (x *Extractor) foiledAfter(dc *doc, t arabic.Match[Trigger], s sentence) bool {
	end := dc.clauseEnd(t.To, s.to, 15)
	for _, c := range dc.cues {
		if c.Values[0] == "foiled" && c.From >= t.To && c.From <= end+3 && c.From < s.to && !dc.failedBody(c) {
			return true
		}
	}
	return false
}

// dropFoiled removes the attack words named right after a foiling word:
// "فككت عبوة ناسفة", "إحباط هجوم", "أسقطت صاروخا" speak of what was foiled,
// not of a second event.
// foilReach is how far after a foiling word the attack it foiled is named
// ("إحباط هجوم", "التصدي لهجوم بطائرات مسيرة على القاعدة"); an attack word
// further on is another act ("إسقاط الطائرة قبالة السواحل … نتيجة غارات
// المقاتلات على اللاذقية").
const foilReach = 5

func (x *Extractor) dropFoiled(dc *doc, s sentence, trigs []arabic.Match[Trigger]) []arabic.Match[Trigger] {
	foiledFrom, foiledTo := -1, -1
	var out []arabic.Match[Trigger]
	for _, t := range trigs {
		tr := t.Values[0]
		if foiledFrom >= 0 && t.From >= foiledFrom && t.From < foiledTo && attackType(tr.Type) {
			continue
		}
		if tr.Type == "disrupted_weapons_use" && !x.suppressed(dc, t, s) {
			foiledFrom, foiledTo = t.To, min(dc.clauseEnd(t.To, s.to, 15), t.To+foilReach)
		}
		out = append(out, t)
	}
	return out
}

// dropObjects removes event words that are what an attack hit or that a
// truce is only named in passing: "قصفت مقاتلاته تعزيزات للمتمردين" is a
// strike on reinforcements, not a deployment; "رغم الهدنة" declares nothing.
func (x *Extractor) dropObjects(dc *doc, s sentence, trigs []arabic.Match[Trigger]) []arabic.Match[Trigger] {
	var out []arabic.Match[Trigger]
	for k, t := range trigs {
		typ := t.Values[0].Type
		if (typ == "change_to_group_activity" || typ == "headquarters_or_base_established") && k > 0 &&
			attackType(trigs[k-1].Values[0].Type) && t.From-trigs[k-1].To <= 2 {
			continue
		}
		if typ == "change_to_group_activity" && dc.attacked(t, trigs) {
			continue // "تعرضت دورية … لاعتداء", "صدمت سيارة ملغومة دورية عسكرية": the patrol was hit
		}
		if typ == "ceasefire" && !x.declared(dc, t, s) {
			continue
		}
		if typ == "disrupted_weapons_use" && dc.hasForm(t.From, "اسقط", "اسقطت", "اسقطوا") && dc.killedWithin(t.To, min(t.To+6, s.to)) {
			continue // "الهجوم … أسقط 60 قتيلا": it left dead, it downed nothing
		}
		out = append(out, t)
	}
	return out
}

// attacked reports a deployment or patrol word that an attack word of its
// sentence hit: told after a word of undergoing ("تعرضت دورية"), or within
// a few words after the attack word ("صدمت سيارة ملغومة دورية",
// "انفجار … لدورية مشتركة").
func (dc *doc) attacked(t arabic.Match[Trigger], trigs []arabic.Match[Trigger]) bool {
	any := false
	for _, o := range trigs {
		if !attackType(o.Values[0].Type) {
			continue
		}
		if o.To <= t.From && t.From-o.To <= 6 {
			return true
		}
		any = true
	}
	return any && dc.anyForm(max(0, t.From-2), t.From, subjectedWords...)
}

// weaponNear reports a weapon or aircraft named within a few words of
// downing verb t, before it ("الطائرة التي أسقطتها الدفاعات") or after
// it ("أسقطت طائرة مسيرة").
func (dc *doc) weaponNear(t arabic.Match[Trigger], s sentence) bool {
	from := t.To // the weapon downed is the verb's object, named after it …
	if w := dc.norm(t.From); strings.HasSuffix(w, "ها") || strings.HasSuffix(w, "ه") || strings.HasSuffix(w, "هم") {
		from = max(s.from, t.From-5) // … or before it, when a pronoun on the verb points back at it
	}
	for _, m := range dc.instr {
		if m.From >= from && m.From < min(s.to, t.To+6) {
			return true
		}
	}
	return false
}

// reachingNouns may stand between a purpose word and the event it seeks.
var reachingNouns = words("reaching")

// aimNouns make a verb of targeting one of aiming.
var aimNouns = words("aim_nouns")

// truceVerbs declare, agree, begin or extend a truce.
var truceVerbs = words("truce_verbs")

// declared reports a truce its clause has someone declare, agree, begin,
// extend, keep or break.
func (x *Extractor) declared(dc *doc, t arabic.Match[Trigger], s sentence) bool {
	for k := dc.clauseStart(t.From, s.from, 10); k < min(s.to, t.To+3); k++ {
		if k >= t.From && k < t.To {
			continue
		}
		if dc.singular(k, truceVerbs...) {
			return true
		}
	}
	return false
}

// yearSpans are the plural period nouns of a span of years or months
// ("السنوات", "الأشهر"); spanOpeners the words that open such a span
// ("خلال", "طوال", "على مدى").
var yearSpans, spanOpeners = words("year_spans"), words("span_openers")

// spanCues reads "خلال السنوات الأربع الماضية", "في الأشهر الستة الأخيرة",
// "على مدى 7 سنوات ماضية": a span of years or months before the telling,
// counted, is a span cue: the event words of its clause tell a tally over
// the span, no one event dated at publication; the clauses after it keep
// theirs ("… في السنوات الثلاث الماضية، وكان آخرها هجوم … في الشهر الماضي").
func (x *Extractor) spanCues(dc *doc) []arabic.Match[string] {
	var out []arabic.Match[string]
	n := len(dc.toks)
	for i := 0; i+3 < n; i++ {
		if !dc.hasForm(i, spanOpeners...) {
			continue
		}
		j := i + 1
		if dc.hasForm(i, "علي") {
			if !dc.hasForm(j, "مدي", "مدار") {
				continue
			}
			j++
		}
		if j+2 >= n {
			continue
		}
		var end int
		switch {
		case dc.hasForm(j, yearSpans...) && (x.countAt(dc, j+1) || dc.hasForm(j+1, "قليله")) && dc.hasForm(j+2, periodLast...):
			end = j + 3 // "السنوات الأربع الماضية"
		case x.countAt(dc, j) && dc.hasForm(j+1, yearSpans...) && dc.hasForm(j+2, periodLast...):
			end = j + 3 // "7 سنوات ماضية"
		default:
			continue
		}
		out = append(out, arabic.Match[string]{From: i, To: end, Values: []string{"span"}})
		i = end - 1
	}
	return out
}

// historyYears is how long before its publication an article tells only
// history ("اقتحام دبابات حلف وارسو لبودابست في عام 1956" in 2007 news);
// text without a publication date counts from unpublishedHistoryEnds
// (ACLED's first year is 1997).
const (
	historyYears           = 15
	unpublishedHistoryEnds = "1990"
)

// habitualSentence reports a habitual cue that opens the sentence ("عادة ما
// تقصف الطائرات …"): it governs all of it. Elsewhere a habitual cue acts on
// its own clause only (dropHabitual).
func (x *Extractor) habitualSentence(dc *doc, s sentence) bool {
	for _, c := range within(dc.cues, s) {
		if c.Values[0] == "habitual" && c.From <= s.from+2 {
			return true
		}
	}
	return false
}

// dropHabitual removes the event words of the clause a habitual cue stands
// in and of the clauses after it, which it goes on to govern ("منذ 2011،
// قصفت إسرائيل مرارا …، وقد طال القصف مواقع"): a clause told before the
// cue keeps its events ("تعرضت قاعدة التيفور لقصف إسرائيلي …، وكما جرت
// العادة تعهدت إيران برد" keeps the strike).
func (x *Extractor) dropHabitual(dc *doc, s sentence, trigs []arabic.Match[Trigger]) []arabic.Match[Trigger] {
	first := s.to // the first habitual cue of the sentence
	for _, c := range within(dc.cues, s) {
		if c.Values[0] == "habitual" {
			first = min(first, c.From)
		}
	}
	out := trigs[:0]
	for _, t := range trigs {
		if first >= dc.clauseEnd(t.To, s.to, 1<<30) && !dc.spanIn(t, s) {
			out = append(out, t)
		}
	}
	return out
}

// spanIn reports a span cue (spanCues) in the clause of event word t.
func (dc *doc) spanIn(t arabic.Match[Trigger], s sentence) bool {
	from, to := dc.clauseStart(t.From, s.from, 1<<30), dc.clauseEnd(t.To, s.to, 1<<30)
	for _, c := range within(dc.cues, s) {
		if c.Values[0] == "span" && c.From >= from && c.From < to {
			return true
		}
	}
	return false
}

// verbalAttack are adjectives after an attack word that make it one of
// words ("هجوما حادا", "هجوم لاذع", "هجوما إعلاميا").
var verbalAttack = words("verbal_attack")

// futureVerbAfter reports a verb in the future (س + imperfect: "سيتخلص",
// "ستؤدي") right after the event noun ending at from, or after the place
// it governs ("الهجوم على مدينة إدلب سيتخلص"): the noun is its subject,
// told as to come. After a preposition only a place may come between
// ("الهجوم على سيرغي سكريبال" is no future); words ending as nouns
// ("سيارة", "سيطرات") are no verbs; "الضربات التي نفذتها … ستكون" has
// its verb first.
func (dc *doc) futureVerbAfter(from, to int) bool {
	k := from
	if dc.hasForm(from, "علي", "في", "ضد") {
		k++
	}
	if prep := k > from || dc.hasForm(from-1, "علي", "في", "ضد"); prep {
		placed := false
		for _, p := range dc.places {
			if p.from == k && p.to > k {
				k, placed = p.to, true
				break
			}
		}
		if !placed {
			return false
		}
	}
	if k >= to || k >= len(dc.toks) || dc.toks[k].Kind != arabic.Word || dc.inPlaceOrActor(k) {
		return false
	}
	w := dc.norm(k)
	if strings.Contains(w, "ستمر") || strings.Contains(w, "تواصل") {
		return false // "الغارات ستتواصل": what goes on has begun
	}
	if !(strings.HasPrefix(w, "سي") || strings.HasPrefix(w, "ست")) || arabic.RuneCount(w) < 5 || strings.HasSuffix(w, "ه") || strings.HasSuffix(w, "ات") {
		return false
	}
	for _, c := range dc.d.Cands[k] {
		if c.Verbal {
			return true
		}
	}
	return false
}

// inPlaceOrActor reports a token inside a place or actor mention.
func (dc *doc) inPlaceOrActor(k int) bool {
	for _, p := range dc.places {
		if k >= p.from && k < p.to {
			return true
		}
	}
	for _, a := range dc.actors {
		if k >= a.from && k < a.to {
			return true
		}
	}
	return false
}
