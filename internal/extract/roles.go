package extract

// Place roles: which of a sentence's places is where an event happened,
// and which only say where the speaker sits, where something came from,
// where an act was meant to go, or where another place lies.

import (
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/geo"
)

// countryOf returns where an event no town or region places happened: the
// country its sentence names, as the next known level (ACLED's practice);
// an empty mention (location null) when the article names no place at all;
// nil when only other sentences name a country, too loose a tie to place
// an event by.
func countryOf(dc *doc, s sentence) *placeMention {
	any := false
	var first *placeMention
	for k := range dc.places {
		pm := &dc.places[k]
		if pm.place == nil || pm.place.Kind != "country" || pm.anaphor {
			continue
		}
		any = true
		if pm.from < s.from || pm.from >= s.to {
			continue
		}
		// "التحالف الذي تقوده الولايات المتحدة … في سوريا": the country
		// a preposition of place governs, else the first named
		if dc.singular(pm.from-1, "في", "داخل") || strings.HasPrefix(dc.norm(pm.from), "ب") {
			return pm
		}
		if first == nil {
			first = pm
		}
	}
	if first != nil {
		return first
	}
	if any {
		return nil
	}
	return &placeMention{}
}

// hasOrigin reports a place "from" which something came among ms.
func hasOrigin(ms []*placeMention) bool {
	for _, pm := range ms {
		if pm.origin {
			return true
		}
	}
	return false
}

// answerAfter returns the token of a "ردا على"-like frame word after
// trigger t in its sentence (what t answered or followed is told after it),
// or -1.
func (x *Extractor) answerAfter(dc *doc, t arabic.Match[Trigger], s sentence) int {
	for _, f := range within(dc.frames, s) {
		if f.From >= t.To && (f.Values[0] == "anchor" || f.Values[0] == "reaction") && dc.hasForm(f.From, "ردا", "رد", "انتقاما", "ثارا") {
			return f.From
		}
	}
	// "كثف هجماته ضد قوات النظام … منذ طرده من أحياء في جنوب دمشق": what a
	// "since" clause after the event word tells happened elsewhere, before
	for k := t.To; k < s.to-1; k++ {
		if dc.hasForm(k, "منذ") && !dc.sinceTime(k+1) {
			return k
		}
	}
	return -1
}

var contrastWords = words("contrast")

// contrastBetween reports a clause of contrast opened between tokens from
// and to: a comma, then "بل" or "لكن".
func (dc *doc) contrastBetween(from, to int) bool {
	for k := from + 1; k < to; k++ {
		if p := dc.toks[k-1]; p.Kind == arabic.Punct && p.Norm == "," && dc.hasForm(k, contrastWords...) {
			return true
		}
	}
	return false
}

// answersAt reports that loc is named in the clause of what an event word
// answers (from token cut on): "الحرس الثوري شن هجوما صاروخيا على مقر
// … بسوريا ردا على هجوم الأحواز" is not at Ahvaz, though the attack told
// in the sentence before was.
func answersAt(places []*placeMention, cut int, loc *event.Location) bool {
	if cut < 0 || loc == nil {
		return false
	}
	for _, pm := range places {
		if pm.from >= cut && pm.place != nil && (pm.place.ID == loc.GazetteerID || geo.Km(pm.lat, pm.lon, loc.Lat, loc.Lon) < 2) {
			return true
		}
	}
	return false
}

// describedBy reports a place named in a relative clause about a place
// named before it for the same event word ("في مدينة دوما، التي كانت آخر
// جيوب المعارضة في الغوطة الشرقية").
func (dc *doc) describedBy(pm *placeMention, ps []*placeMention) bool {
	for _, o := range ps {
		if o == pm || o.to > pm.from {
			continue
		}
		for k := o.to; k < pm.from; k++ {
			switch dc.norm(k) {
			case "التي", "الذي":
				return true
			}
		}
	}
	return false
}

// nearOther reports a place told as near something, in a list of places
// for one event word, that lies within 25 km of a place named before it:
// it says where that place is, it is not a second scene.
func nearOther(pm *placeMention, ps []*placeMention) bool {
	for _, o := range ps {
		if o == pm || o.from >= pm.from || o.near || o.place == nil && o.fallbackTo == nil {
			continue
		}
		if geo.Km(o.lat, o.lon, pm.lat, pm.lon) <= 25 {
			return true
		}
	}
	return false
}

// speakerSeat reports a place named right after the sentence's speaker
// ("مجلس الأمم المتحدة لحقوق الإنسان بجنيف", "المرصد السوري ومقره لندن"):
// where the speaker sits, not where the event it tells happened.
func (dc *doc) speakerSeat(pm *placeMention, sc sentCtx) bool {
	for i := range sc.speakers {
		if dc.seatAfter(pm, dc.actors[i].to) {
			return true
		}
	}
	return dc.sourceSeat(pm)
}

// sourceSeat reports a place named right after a news source of its
// sentence, wherever the event word stands ('وفق ما أفاد مراسل "سكاي نيوز
// عربية"، في بغداد'): where the source sits.
func (dc *doc) sourceSeat(pm *placeMention) bool {
	for _, sm := range dc.sources {
		if dc.sentOf[sm.from] == dc.sentOf[pm.from] && dc.seatAfter(pm, sm.to) {
			return true
		}
	}
	return false
}

// bodySeat reports a place named after "في" right after a government or
// another body ("المباني التي لها علاقة بالحكومة المركزية في بغداد"):
// where the body sits, not where the sentence's event happened.
func (dc *doc) bodySeat(pm *placeMention) bool {
	k := pm.from - 1
	if k < 1 || !dc.singular(k, "في") {
		return false
	}
	for j := k - 1; j >= max(0, k-2); j-- {
		if dc.hasForm(j, bodyNouns...) {
			// (but "مقر المنظمات الأممية في عدن" is a building there, and may be hit)
			return dc.sentOf[j] == dc.sentOf[pm.from] && !(j > 0 && dc.hasForm(j-1, "مقر", "مبني", "مكتب", "مكاتب", "مقار", "مباني"))
		}
		if !dc.adjectiveAt(j) {
			break
		}
	}
	return false
}

// seatAfter reports place pm right after token to, or after "في" there,
// that past quotes and commas ('مراسل "سكاي نيوز عربية"، في بغداد'; not
// 'وفق المرصد، مدينة درعا', where the place is the verb's object). A seat
// told with "ومقره" is seatOf's, whoever it follows.
func (dc *doc) seatAfter(pm *placeMention, to int) bool {
	if pm.from == to {
		return true
	}
	for to < pm.from && dc.toks[to].Kind == arabic.Punct {
		to++
	}
	return pm.from == to+1 && dc.hasForm(to, "في")
}

// sentencePlaces returns the places of a sentence that can be where an
// event happened: not qualifiers, not countries.
func (x *Extractor) sentencePlaces(dc *doc, s sentence) []*placeMention {
	var out []*placeMention
	for k := range dc.places {
		pm := &dc.places[k]
		if pm.from < s.from || pm.from >= s.to || pm.qualifier || pm.route {
			continue
		}
		if pm.place != nil && pm.place.Kind == "country" {
			continue // "سوريا", "جنوب سوريا": too vague to place an event
		}
		if pm.place == nil && (!pm.unresolved || pm.anaphor) {
			continue // an anaphor with nothing to point back to places nothing
		}
		out = append(out, pm)
	}
	return out
}

var takenToWords = words("taken_to")

// takenTo reports a place named as where the hurt were taken ("ونقل على
// إثرها إلى مستشفى ناصر"): a word of carrying a few words before "إلى".
func (dc *doc) takenTo(pm *placeMention) bool {
	return pm.from >= 1 && dc.hasForm(pm.from-1, "الي") && dc.formBefore(pm.from-1, 4, takenToWords...)
}

// retreatWords tell a withdrawal or flight; the place they head for is not
// where the act happened ("انسحب أفراد التنظيم باتجاه مخيم اليرموك").
var retreatWords = words("retreat")

// retreatedTo reports a place after "باتجاه/نحو/إلى/صوب" that a word of
// withdrawal or flight a few words before heads for.
func (dc *doc) retreatedTo(pm *placeMention) bool {
	return pm.from >= 1 && dc.hasForm(pm.from-1, "باتجاه", "نحو", "الي", "صوب", "تجاه") && dc.formBefore(pm.from-1, 9, retreatWords...)
}

// seatOf reports a place named as where a body or a speaker has its seat
// ("المجلس، ومقره في القامشلي،", "المرصد ومقره بريطانيا", "الذي يتخذ من
// لندن مقرا له"): no event's place.
func (dc *doc) seatOf(pm *placeMention) bool {
	k := pm.from - 1
	if k >= 0 && dc.hasForm(k, "في", "ب") {
		k--
	}
	if k >= 0 && dc.hasForm(k, seatNouns...) {
		return true
	}
	return pm.from >= 2 && dc.hasForm(pm.from-1, "من") && dc.hasForm(pm.from-2, "يتخذ", "تتخذ", "يتخذون") && pm.to < len(dc.toks) && dc.hasForm(pm.to, "مقرا")
}

// issuedIn reports a place named as where a statement, a report or a press
// conference was issued or held ("في بيان نشر في نيويورك", "تقرير صدر في
// لندن", "في مؤتمر صحفي في أنقرة"): no event's place.
func (dc *doc) issuedIn(pm *placeMention) bool {
	return pm.from >= 2 && dc.hasForm(pm.from-1, "في", "ب") && dc.hasForm(pm.from-2, issueWords...)
}

// issueWords issue a text or hold a press conference ("صدر", "نشرت", "صحفي").
var issueWords = words("issue")

// seatNouns name the seat of a body with its pronoun ("ومقره", "مقرها").
var seatNouns = words("seat")

// formBefore reports one of forms in the n words before token i, with no
// punctuation between.
func (dc *doc) formBefore(i, n int, forms ...string) bool {
	for k := i - 1; k >= max(0, i-n); k-- {
		if dc.toks[k].Kind == arabic.Punct {
			return false
		}
		if dc.hasForm(k, forms...) {
			return true
		}
	}
	return false
}

var personWords = words("persons")

// hometown reports a place after "من" that says where a person is from
// ("اغتالت ناشطا في كتائب الأقصى من بلدة قباطية", "اعتقال شابين من بلدة
// بيت أمر"): the town the act befell, not a point of departure.
func (dc *doc) hometown(pm *placeMention) bool {
	s := dc.sents[dc.sentOf[pm.from]]
	return dc.anyForm(max(s.from, pm.from-6), pm.from, personWords...)
}

var subjectedWords = words("subjected")

// subjected reports a place named as what underwent the act: "تعرضت مدينة
// دوما، السبت، إلى غارات جوية" — the verb before the place governs the event
// word after it, however many commas stand between.
func (dc *doc) subjected(pm *placeMention) bool {
	if dc.anyForm(max(0, pm.from-2), pm.from, subjectedWords...) {
		return true
	}
	// "شهدت المناطق الواقعة جنوب غربي الدريهمي …، اشتباكات": the scene witnessed
	return dc.formBefore(pm.from, 4, witnessedWords...)
}

var witnessedWords = words("witnessed")

// fronted reports a place that opens its sentence after "في" ("وفي
// الموصل (370 كلم شمال بغداد)، أعلن الجيش مقتل شخص في هجوم انتحاري"): the
// scene of what the sentence goes on to tell, past any commas, unless
// the sentence names a place after its first event word (from).
func (dc *doc) fronted(pm *placeMention, s sentence, places []*placeMention, from int) bool {
	if pm.from != s.from+1 || !dc.singular(s.from, "في") {
		return false
	}
	for _, o := range places {
		if o.from > from {
			return false
		}
	}
	return true
}

// placeFits checks a place against what an event type can happen at: talks
// and agreements happen in a city named with "في" (a summit in Tehran),
// not in a province the talks are about.
func (x *Extractor) placeFits(dc *doc, t arabic.Match[Trigger], typ string, pm *placeMention) bool {
	switch typ {
	case "consult", "agreement":
		if typ == "agreement" && pm.place != nil && !pm.near && dc.agreedFor(t, pm) {
			return true // "اتفاق يقضي بإخراج المقاتلين من … جنوب الغوطة"
		}
		// talks and deals are held in a town; a deal may also be made for
		// a district ("في منطقة عربين")
		most := 1
		if typ == "agreement" {
			most = 2
		}
		if typ == "agreement" && dc.anyForm(t.From, t.To, settlementWords...) && pm.place != nil && !pm.near && pm.from > 0 && dc.hasForm(pm.from-1, "في") {
			return true // "اتفاق تسوية في محافظة درعا": a settlement is made for a province or a countryside
		}
		if pm.place == nil || pm.region || pm.near || precisionOf(pm.place) > most {
			return false
		}
		return pm.from > 0 && (dc.hasForm(pm.from-1, "في") || dc.arrivedAt(pm, t))
	}
	return true
}

// settlementWords name a settlement or reconciliation deal.
var settlementWords = words("settlement_deal")

var arrivalWords = words("arrival")

// arrivedAt reports a place named as where someone arrived or visited,
// with the talks told right after it in the same clause ("وصول الوفد إلى
// دمشق تم عقد عدة اجتماعات", "وصل إلى بغداد للتباحث"): they are held there.
func (dc *doc) arrivedAt(pm *placeMention, t arabic.Match[Trigger]) bool {
	if !dc.hasForm(pm.from-1, "الي") || t.From < pm.to || t.From-pm.to > 5 {
		return false
	}
	for k := pm.to; k < t.From; k++ {
		if dc.toks[k].Kind == arabic.Punct {
			return false
		}
	}
	for k := pm.from - 2; k >= max(0, pm.from-4); k-- {
		if dc.hasForm(k, arrivalWords...) {
			return true
		}
	}
	return false
}

// sceneBefore is the one place of the sentence before si when that
// sentence sets a scene and tells no event of its own, and si goes on with
// the same speaker ("شرعت بعملية أمنية غرب مخيم النصيرات" then "وتابعت …
// بادروا بإطلاق النار"): the story goes on there.
func (x *Extractor) sceneBefore(dc *doc, si int, prev []*event.Event) *placeMention {
	if si == 0 || dc.sents[si-1].boiler || !x.opensWithReport(dc, dc.sents[si]) {
		return nil // only the same speaker going on ("وتابعت", "وأضاف") keeps the scene
	}
	ps := dc.sents[si-1]
	for _, e := range prev {
		for _, ev := range e.Evidence {
			if ev.End > ps.start && ev.Start < ps.end {
				return nil
			}
		}
	}
	var one, area *placeMention
	for _, pm := range x.sentencePlaces(dc, ps) {
		switch {
		case pm.place == nil || pm.origin || pm.coordinated:
		case pm.place.Area() && area == nil:
			area = pm // "وسط قطاع غزة": where the site lies
		case pm.place.Area():
		case one != nil && one.place != pm.place:
			return nil // two sites: the sentence does not say which
		default:
			one = pm
		}
	}
	if one == nil {
		return area
	}
	return one
}

// carried returns the latest event of the two sentences before whose story
// a placeless trigger continues, or the handover an agreement arranged.
func carried(prev []*event.Event, tr Trigger, si int, dc *doc) *event.Event {
	for k := len(prev) - 1; k >= 0; k-- {
		e := prev[k]
		if e.Location == nil || len(e.Evidence) == 0 {
			continue
		}
		last := e.Evidence[len(e.Evidence)-1]
		from := dc.sents[max(0, si-2)].start
		if last.Start < from {
			return nil
		}
		if family(e.EventType) == family(tr.Type) && tr.Class != "generic" {
			return e
		}
		if tr.Type == "agreement" && e.EventType == "non_violent_transfer_of_territory" {
			return e // "وتأتي عملية الإجلاء بموجب اتفاق": the agreement the evacuation told before is under
		}
	}
	return nil
}

// coarseOK decides whether an event may be placed at a whole governorate
// ("إدلب", "محافظة حلب"): articles name provinces in passing all the time
// ("the battle for Idlib", "HTS controls Idlib"), so a province-level event
// needs a strong event word and something that makes it a report of a
// happening: a date, a count of dead, or a number of strikes.
func (x *Extractor) coarseOK(dc *doc, t arabic.Match[Trigger], s sentence, sc sentCtx, pm *placeMention) bool {
	if pm.place == nil || pm.place.Kind != "governorate" && !(pm.bareCity && pm.place.Kind == "city") || pm.region || pm.near {
		return true
	}
	if t.Values[0].Class == "generic" && !pm.bareCity && !dc.writtenDayAndToll(s) {
		return false // (but "9 أبريل 2018: استهداف قاعدة … في محافظة حمص … موقعة 14 قتيلا")
	}
	for _, d := range dc.dates {
		if d.tok >= s.from && d.tok < s.to && (!sc.background || pm.bareCity && attackType(t.Values[0].Type)) {
			return true // "غارات المقاتلات الإسرائيلية على اللاذقية، في 17 سبتمبر": a recalled raid with its day
		}
	}
	if sc.background {
		return false
	}
	for _, c := range dc.casualty {
		if c.From >= s.from && c.From < s.to {
			return true
		}
	}
	for _, u := range dc.units {
		if u.From >= s.from && u.From < s.to {
			for _, nm := range dc.numbers {
				if nm.to == u.From {
					return true
				}
			}
		}
	}
	return false
}

// writtenDayAndToll reports a sentence that gives a day written out and a
// toll: what it tells at a province is one event, not a campaign.
func (dc *doc) writtenDayAndToll(s sentence) bool {
	day := false
	for _, d := range dc.dates {
		day = day || d.tok >= s.from && d.tok < s.to && !d.Relative && d.Precision == "day"
	}
	if !day {
		return false
	}
	for _, c := range dc.casualty {
		if c.From >= s.from && c.From < s.to {
			return true
		}
	}
	return false
}

// sinceTime reports a "منذ" that measures time ("منذ ذلك", "منذ أكثر من
// ثلاثة أعوام", "منذ 2015", "منذ بدء الهجوم"), not one that names an earlier
// act with a place of its own ("منذ طرده من جنوب دمشق").
func (dc *doc) sinceTime(k int) bool {
	if k >= len(dc.toks) || dc.toks[k].Kind == arabic.Number {
		return true
	}
	for _, d := range dc.timed {
		if d == k {
			return true
		}
	}
	return dc.hasForm(k, sinceTimeWords...)
}

var sinceTimeWords = words("since_time")

// movementWords tell fighters or forces moving out or in under an
// agreement ("يقضي بإخراج المقاتلين", "بدخول الجيش السوري إلى عفرين").
var movementWords = words("agreed_movement")

// agreedFor reports a place an agreement is about: named after a word of
// leaving or entering that the agreement's clause goes on with, within 15
// words ("اتفاق يقضي بإخراج المقاتلين من حرستا"). A place right after the
// word is not enough: "اتفاقية جنيف" is a convention's name.
func (dc *doc) agreedFor(t arabic.Match[Trigger], pm *placeMention) bool {
	if pm.from <= t.To || pm.from-t.To > 15 {
		return false
	}
	return dc.anyForm(t.To, pm.from, movementWords...)
}

// launchWords tell a weapon launched or setting out ("أطلقتا من …").
var launchWords = words("launched")

// fromWithin reports a "من" at token k, or a few words on with only its
// launcher between ("أطلقته مليشيات الحوثي التابعة لإيران من مدينة صعدة"),
// before token to and no punctuation.
func (dc *doc) fromWithin(k, to int) bool {
	for j := k; j < min(to, k+6); j++ {
		if dc.toks[j].Kind == arabic.Punct {
			return false
		}
		if dc.hasForm(j, "من") {
			return true
		}
	}
	return false
}

// towardWords turn a launch's places into its target ("نحو قاعدة حميميم").
var towardWords = words("toward")

// launchSite reports a place told after "launched from", before any word
// of direction: "طائرتين أطلقتا من منطقة خاضعة للمسلحين قرب بلدة كفرنبل"
// names where the drones came from, not where they were downed.
func (dc *doc) launchSite(t arabic.Match[Trigger], pm *placeMention) bool {
	launched := false
	for k := t.To; k < pm.from; k++ {
		switch {
		case dc.hasForm(k, launchWords...) && dc.fromWithin(k+1, pm.from):
			launched = true
		case dc.hasForm(k, towardWords...):
			launched = false
		}
	}
	return launched
}
