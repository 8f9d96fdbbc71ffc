package extract

// Tolls: the dead a sentence ties to its event, and the quantities it counts.

import (
	"slices"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/geo"
)

// fatalities reads "قتل 35 مدنيا", "أسفر عن 28 قتيلا", "مقتل 20 مدنيا".
func (x *Extractor) fatalities(dc *doc, s sentence) *int {
	best := -1
	none := false
	// "وثق المرصد منذ 18 شباط مقتل أكثر من 1700 مدني": a toll counted since a
	// day, or over a period, is a campaign's, never one event's
	cumulative := dc.anyForm(s.from, s.to, cumulativeWords...)
	for k := s.from; k < s.to-1 && !cumulative; k++ {
		// "في الأسابيع الأخيرة", "خلال الأشهر الماضية": a toll over a period
		cumulative = dc.hasForm(k, periodUnits...) && dc.hasForm(k+1, periodLast...)
	}
	killedTo := -1 // where the last word of dying ends
	for _, c := range within(dc.casualty, s) {
		if c.Values[0] == "killed" {
			killedTo = c.To
		}
	}
	// "مقتل 1700 مدني خلال شهرين من المعارك": a toll over weeks or months,
	// told a few words from the dying (not "خلال سنوات النزاع" in a clause
	// further on)
	for k := max(s.from, killedTo-8); killedTo >= 0 && k < min(s.to-1, killedTo+8) && !cumulative; k++ {
		if dc.hasForm(k, "خلال", "طيله") {
			j := k + 1
			if j < s.to && x.countAt(dc, j) {
				j++
			}
			cumulative = j < s.to && dc.hasForm(j, spanUnits...)
		}
	}
	for k := s.from; k < s.to-1 && !cumulative; k++ {
		if !dc.hasForm(k, "منذ") || killedTo >= 0 && k > killedTo && dc.relativeBetween(killedTo, k) {
			continue // "مقتل ستة مدنيين … في بلدة صيدا، التي تتعرض لغارات منذ أمس": the raids' since, not the toll's
		}
		if dc.hasForm(k+1, "بدء", "بدايه", "اندلاع", "انطلاق") || x.countAt(dc, k+1) {
			cumulative = true // "منذ بدء الهجوم", "منذ 7 سنوات"
		}
		if dc.hasForm(k+1, periodUnits...) && !dc.dayIn(s) {
			// "تشهد منذ أيام غارات أوقعت أكثر من 300 قتيل" (but "باتت دوما منذ
			// أيام محور الاهتمام إثر هجوم السبت أسفر عن مقتل 40": the day's toll)
			cumulative = true
		}
		if dc.hasForm(k+1, "ان") && dc.hasForm(k+2, "بدات", "بدا", "اندلعت", "انطلقت", "شنت", "شن") {
			cumulative = true // "منذ أن بدأت الحكومة غاراتها"
		}
		for _, d := range dc.dates {
			cumulative = cumulative || d.tok == k+1
		}
	}
	for _, c := range within(dc.casualty, s) {
		if c.Values[0] == "none" {
			none = true // "دون وقوع إصابات"
		}
		if c.Values[0] != "killed" {
			continue
		}
		v := -1
		bestD := 1 << 30
		var chosen numberMention
		for _, nm := range dc.numbers {
			if nm.from < s.from || nm.from >= s.to || nm.value <= 0 {
				continue
			}
			var d int
			switch {
			case nm.to <= c.From:
				d = c.From - nm.to
			case nm.from >= c.To:
				d = nm.from - c.To
			default:
				continue
			}
			if d <= 4 && d < bestD && !x.isDateNumber(dc, nm) && !x.notAToll(dc, nm, s) && !nearerHurt(dc, nm, d, s) {
				v, bestD, chosen = nm.value, d, nm
				if all, ok := x.subsetOf(dc, nm, s); ok {
					v = all // "64 مدنيا على الأقل بينهم 13 طفلا قتلوا": the dead are all 64
				}
			}
		}
		if v > 0 {
			v += x.againstCount(dc, chosen, s)
		}
		if v < 0 && (strings.HasSuffix(dc.norm(c.From), "ين") || strings.HasSuffix(dc.norm(c.From), "ان")) && c.To == c.From+1 && dc.hasForm(c.From, "قتيلين", "قتيلان") {
			v = 2
		}
		if v < 0 && c.To < s.to {
			// "قتل طفلان", "مقتل جنديين": a dual noun counts two (not the nisba
			// plurals "مدنيين", which read the same as their dual)
			if u, ok := x.lx.Units.At(dc.d, c.To, s.to); ok && u.To == c.To+1 {
				n := dc.norm(c.To)
				if (strings.HasSuffix(n, "ان") || strings.HasSuffix(n, "ين")) && !strings.HasSuffix(u.Values[0], "ي") && !strings.HasSuffix(n, "يين") {
					v = 2
				} else if arabic.Key(n) == arabic.Key(u.Values[0]) && !weaponUnits[u.Values[0]] && !dc.hasForm(c.To+1, "من") {
					v = 1 // "مقتل امرأة", "قتل جندي": one (not "مقتل عنصر من…" of a group)
				}
			}
		}
		if v < 0 && x.oneOfNation(dc, c, s) {
			v = 1 // "مقتل فلسطيني": one Palestinian
		}
		if v < 0 && c.To+1 < s.to && dc.hasForm(c.To, "احد", "احدي") {
			v = 1 // "مقتل أحد ضباط الجيش": one of them (numbers.tsv leaves bare أحد out: it is also Sunday)
		}
		if v < 0 {
			v = x.oneDeath(dc, c, s)
		}
		if v > best {
			best = v
		}
	}
	if best < 0 || cumulative {
		if none {
			zero := 0
			return &zero
		}
		return nil
	}
	return &best
}

// againstCount reads the other side's dead told after a toll with
// "مقابل" ("13 عنصرا من قوات النظام مقابل ستة من الفصائل"): both sides'
// dead are the event's. It returns 0 when none is told.
func (x *Extractor) againstCount(dc *doc, nm numberMention, s sentence) int {
	for k := nm.to; k < min(nm.to+6, s.to-1); k++ {
		if !dc.hasForm(k, "مقابل") {
			continue
		}
		for _, other := range dc.numbers {
			if other.from == k+1 && other.value > 0 && !x.isDateNumber(dc, other) {
				return other.value
			}
		}
		return 0
	}
	return 0
}

// oneDeath reads the dead of a death told without a number: "لقي المهاجم
// حتفه" (the possessive counts one, "لقي شابان مصرعهما" two), "استشهد
// الشاب أحمد …", "اغتيل … الوزير السابق" (a verb of one death whose clause
// names no number and no plural or dual person). It returns -1 otherwise.
func (x *Extractor) oneDeath(dc *doc, c arabic.Match[string], s sentence) int {
	switch n := strings.TrimPrefix(dc.norm(c.To-1), "و"); {
	case deathOwn[n]:
		return 1
	case deathTwo[n]:
		return 2 // "لقي شابان مصرعهما"
	}
	if c.To != c.From+1 || !dc.hasForm(c.From, deathOne...) {
		return -1
	}
	end := dc.clauseEnd(c.To, s.to, 12)
	for k := c.To; k < end; k++ {
		if x.countAt(dc, k) {
			return -1 // "استشهد 3 شبان", "استشهد ثلاثة"
		}
		if u, ok := x.lx.Units.At(dc.d, k, end); ok && u.From == k && personUnits[arabic.Key(u.Values[0])] {
			n, one := arabic.Key(dc.norm(k)), arabic.Key(u.Values[0])
			if n != one && n != one+"ه" && n != one+"ا" {
				return -1 // "استشهد شبان", "استشهد طفلان": more than one ("طفلة", "شابا" are one)
			}
		}
	}
	return 1
}

// deathOwn, deathTwo and deathOne tell one or two deaths without a number
// (words.tsv).
var (
	deathOwn = wordMap("death_own")
	deathTwo = wordMap("death_two")
	deathOne = words("death_one")
	// personUnits are the units that count people.
	personUnits = wordMap("person_units")
)

// tollsAfter gives an event without a toll the count of dead that the next
// sentence or two give when they tell no other story ("وقع انفجار في بلدة
// سرمدا. وارتفعت حصيلة قتلى الانفجار إلى 39"), provided the event is the
// only one its sentence tells.
func (x *Extractor) tollsAfter(dc *doc, evs []*event.Event) {
	bySent := map[int][]*event.Event{}
	sentAt := map[int]int{}
	for si, s := range dc.sents {
		sentAt[s.start] = si
	}
	told := map[int][]*event.Event{} // the events each sentence tells, first or again
	for _, e := range evs {
		if len(e.Evidence) == 0 {
			continue
		}
		if si, ok := sentAt[e.Evidence[0].Start]; ok {
			bySent[si] = append(bySent[si], e)
		}
		for _, sp := range e.Evidence {
			if si, ok := sentAt[sp.Start]; ok && !slices.Contains(told[si], e) {
				told[si] = append(told[si], e)
			}
		}
	}
	for si, es := range told {
		if len(es) > 1 {
			x.tollOfOne(dc, si, es)
		}
	}
	for si, es := range bySent {
		if len(es) != 1 || es[0].Fatalities != nil || !attackType(es[0].EventType) {
			continue
		}
		// "أدى العنف إلى مقتل 31 شخصا. إذ فجر انتحاري نفسه …": a sentence
		// that opens by explaining the one before tells the event of its toll
		if prev := si - 1; prev >= 0 && dc.hasForm(dc.sents[si].from, explainWords...) && !dc.sents[prev].boiler {
			if f := x.fatalities(dc, dc.sents[prev]); f != nil && len(bySent[prev]) == 0 {
				es[0].Fatalities = f
				continue
			}
		}
		for next := si + 1; next <= si+2 && next < len(dc.sents); next++ {
			s := dc.sents[next]
			other := false
			for _, t := range within(dc.triggers, s) {
				other = other || story(t.Values[0].Type) != story(es[0].EventType)
			}
			if s.boiler || s.para != dc.sents[si].para && next > si+1 || other || dc.anyForm(s.from, s.to, warWords...) {
				break // another story, or too far, or the war's toll ("وأدت الحرب في اليمن إلى مقتل حوالي عشرة آلاف شخص")
			}
			if f := x.tollOf(dc, s, es[0]); f != nil {
				es[0].Fatalities = f
				break
			}
		}
	}
}

// warWords name a war or conflict: a later sentence with one counts the
// war's dead, not the event's before it.
var warWords = words("war")

// tollOfOne gives one of the events of sentence si, placed at several
// places, the toll of the next sentence when it goes on with the same story
// at that one place only ("استهدفت بلدات النعيمة وصيدا وأم المياذن" then
// "مقتل ستة مدنيين جراء القصف على بلدة صيدا").
func (x *Extractor) tollOfOne(dc *doc, si int, es []*event.Event) {
	for next := si + 1; next <= si+2 && next < len(dc.sents); next++ {
		s := dc.sents[next]
		if s.boiler || s.para > dc.sents[si].para+1 {
			return
		}
		ts := within(dc.triggers, s)
		for _, t := range ts {
			if story(t.Values[0].Type) != story(es[0].EventType) {
				return // another story
			}
		}
		places := x.sentencePlaces(dc, s)
		if len(ts) == 0 || len(places) != 1 || places[0].place == nil {
			continue
		}
		var hit *event.Event
		for _, e := range es {
			if e.Location != nil && e.Location.GazetteerID == places[0].place.ID {
				if hit != nil {
					return // two events there: the toll does not say whose
				}
				hit = e
			}
		}
		if hit != nil && hit.Fatalities == nil && attackType(hit.EventType) {
			hit.Fatalities = x.fatalities(dc, s)
			return
		}
	}
}

// tollOf is the toll a later sentence gives event e: the whole sentence's
// when it names one place or none, else the toll of e's place's own clause
// ("غارتين على منطقة الشيفونية، فضلا عن مقتل امرأة … استهدف بلدة حمورية":
// the woman died in Hammuriyah), and none when e's place is not among them.
func (x *Extractor) tollOf(dc *doc, s sentence, e *event.Event) *int {
	places := x.sentencePlaces(dc, s)
	if len(places) == 1 && places[0].place != nil && !places[0].place.Area() && e.Location != nil &&
		places[0].place.ID != e.Location.GazetteerID && geo.Km(places[0].lat, places[0].lon, e.Location.Lat, e.Location.Lon) > 3 {
		return nil // "مقتل ستة مدنيين جراء القصف على بلدة صيدا" after a raid on Daraa city: Saida's dead
	}
	if len(places) <= 1 {
		return x.fatalities(dc, s)
	}
	if e.Location == nil || e.Location.GazetteerID == "" {
		return nil
	}
	for _, pm := range places {
		if pm.place == nil || pm.place.ID != e.Location.GazetteerID {
			continue
		}
		for _, t := range within(dc.triggers, s) {
			if c, ok := x.ownClause(dc, t, pm, s); ok && t.To <= pm.from {
				return x.fatalities(dc, c)
			}
		}
	}
	return nil
}

// explainWords open a sentence that explains the one before ("إذ", "حيث").
var explainWords = words("explain")

// clauseJoiners open a new clause without punctuation.
var clauseJoiners = words("clause_joiners")

// ownClause returns the clause that holds both trigger t and place pm and
// no other place of the sentence, as a sentence of its own; ok is false
// when there is none.
func (x *Extractor) ownClause(dc *doc, t arabic.Match[Trigger], pm *placeMention, s sentence) (sentence, bool) {
	if c, ok := x.clauseOf(dc, min(t.From, pm.from), max(t.To, pm.to), pm, s); ok {
		return c, true
	}
	// "استهدفت بلدات الغوطة، موضحا أنه في الحمورية قتل عشرة": the place's
	// own clause tells its toll when the event word stands in another
	c, ok := x.clauseOf(dc, pm.from, pm.to, pm, s)
	if !ok || c.from <= s.from || dc.toks[c.from-1].Norm != "," || pm.from-c.from > 1 {
		return c, ok
	}
	// "بينما قتل خمسة مدنيين وأصيب آخرون، في مدينة عربين": a clause that is
	// only where goes with the placeless clause before it
	if prev, ok2 := x.clauseOf(dc, c.from-2, c.from-1, pm, s); ok2 && prev.from >= s.from && !x.placeIn(dc, s, prev.from, prev.to) {
		c.from = prev.from
	}
	return c, ok
}

// placeIn reports a place of sentence s, not a qualifier, within tokens from..to.
func (x *Extractor) placeIn(dc *doc, s sentence, from, to int) bool {
	for _, o := range x.sentencePlaces(dc, s) {
		if !o.qualifier && o.from >= from && o.from < to {
			return true
		}
	}
	return false
}

// clauseOf widens tokens from..to to their clause and returns it when no
// place of the sentence but pm stands in it.
func (x *Extractor) clauseOf(dc *doc, from, to int, pm *placeMention, s sentence) (sentence, bool) {
	boundary := func(i int) bool {
		p := dc.toks[i]
		return p.Kind == arabic.Punct && (p.Norm == "," || p.Norm == ";" || p.Norm == ":" || p.Norm == ".") || dc.hasForm(i, clauseJoiners...)
	}
	for from > s.from && !boundary(from-1) && !boundary(from) {
		from--
	}
	for to < s.to && !boundary(to) {
		to++
	}
	for _, o := range x.sentencePlaces(dc, s) {
		if o != pm && !o.qualifier && o.from >= from && o.from < to {
			return sentence{}, false
		}
	}
	c := s
	c.from, c.to = from, to
	return c, true
}

// nearerHurt reports a number that stands nearer a word for the wounded,
// captured or missing than d tokens: "مقتل ممرضة وإصابة 100" counts the
// wounded.
func nearerHurt(dc *doc, nm numberMention, d int, s sentence) bool {
	for _, c := range within(dc.casualty, s) {
		if c.Values[0] == "killed" || c.Values[0] == "none" {
			continue
		}
		var e int
		switch {
		case nm.to <= c.From:
			// "100 جريح" counts the wounded; "شخص واحد وإصابة عدد" does not
			if c.From != nm.to || strings.HasPrefix(dc.norm(c.From), "و") {
				continue
			}
		case nm.from >= c.To:
			e = nm.from - c.To // "وإصابة 100"
		default:
			continue
		}
		if e < d {
			return true
		}
	}
	return false
}

// notAToll reports a number that counts something other than the dead: a
// unit after it ("75 غارة", "200 صاروخ"), money, a share, an age, or a year.
func (x *Extractor) notAToll(dc *doc, nm numberMention, s sentence) bool {
	if nm.value >= 1900 && nm.value <= 2100 && dc.toks[nm.from].Kind == arabic.Number {
		return true // "منذ 2014"
	}
	if nm.from > s.from && dc.hasForm(nm.from-1, periodUnits...) {
		return true // "الأسابيع الستة": how long, not how many
	}
	if nm.to >= s.to {
		return false
	}
	if u, ok := x.lx.Units.At(dc.d, nm.to, s.to); ok && u.From == nm.to && weaponUnits[u.Values[0]] {
		return true
	}
	return dc.hasForm(nm.to, notTollWords...) || dc.toks[nm.to].Norm == "%"
}

// oneOfNation reports an indefinite singular nationality noun right after
// a word of dying c that is no plural of the dead ("مقتل فلسطيني", not
// "القتلى الروس"): one person of that nation, with no "من" after it.
func (x *Extractor) oneOfNation(dc *doc, c arabic.Match[string], s sentence) bool {
	k := c.To
	if k >= s.to || dc.hasForm(k-1, "قتلي", "القتلي") {
		return false
	}
	nm, ok := x.lx.Nations.At(dc.d, k, s.to)
	if !ok || nm.To != k+1 || nm.Values[0].How != "adjective" {
		return false
	}
	n := dc.norm(k)
	if hasArticle(n) || strings.HasSuffix(n, "ين") || strings.HasSuffix(n, "ون") || strings.HasSuffix(n, "ان") {
		return false // "فلسطينيين": two or more; "القتلى الروس": the Russians
	}
	return !dc.hasForm(k+1, "من")
}

// subsetWords before a number count some of the people counted before it.
var subsetWords = words("subset")

// subsetOf reads a number that counts some of those a number before it
// counted ("12 مدنيا على الأقل من عائلة واحدة بينهم 4 أطفال"). It returns
// the count of them all, when the sentence gives it within six words
// before, as a number of people, and -1 otherwise; ok is false for a
// number that is no such part.
func (x *Extractor) subsetOf(dc *doc, nm numberMention, s sentence) (all int, ok bool) {
	if nm.from <= s.from || !dc.hasForm(nm.from-1, subsetWords...) {
		return 0, false
	}
	for _, o := range dc.numbers {
		if o.to > nm.from-1 || nm.from-1-o.to > 6 || o.from < s.from || o.value <= 0 || o.to >= s.to {
			continue
		}
		if u, found := x.lx.Units.At(dc.d, o.to, s.to); found && u.From == o.to && personUnits[arabic.Key(u.Values[0])] {
			all = o.value // the last such number before the subset word
		}
	}
	if all == 0 {
		return -1, true
	}
	return all, true
}

// relativeBetween reports a relative clause opened after a comma between
// tokens from and to ("، التي تتعرض لغارات منذ أمس").
func (dc *doc) relativeBetween(from, to int) bool {
	for k := from + 1; k < to; k++ {
		if p := dc.toks[k-1]; p.Kind == arabic.Punct && p.Norm == "," && slices.Contains([]string{"التي", "الذي", "اللتين", "اللذين", "الذين", "اللواتي"}, dc.norm(k)) {
			return true
		}
	}
	return false
}

// spanUnits are weeks, months and years, counted or dual, after "خلال"
// (not days or hours: "خلال 24 ساعة", "خلال يومين" may be one event's).
var spanUnits = words("span_units")

// countAt reports a number, in digits or words, at token k.
func (x *Extractor) countAt(dc *doc, k int) bool {
	return dc.toks[k].Kind == arabic.Number || x.isNumberWord(dc, k)
}

// periodUnits and periodLast tell a period before the telling ("الأسابيع
// الأخيرة").
var periodUnits, periodLast = words("period_units"), words("period_last")

// cumulativeWords tell a toll over a period ("طوال أيام", "الحصيلة الإجمالية").
var cumulativeWords = words("cumulative")

// weaponUnits are units that count strikes and weapons, never people.
var weaponUnits = wordMap("weapon_units")

// notTollWords follow a number that is no count of people.
var notTollWords = words("not_toll")

func (x *Extractor) isDateNumber(dc *doc, nm numberMention) bool {
	for _, d := range dc.dates {
		if dc.toks[nm.from].Start >= d.Start && dc.toks[nm.from].End <= d.End {
			return true
		}
	}
	return false
}

// quantities reads "11 غارة", "بـ11 غارة جوية", "ثماني طائرات", "طائرتين".
func (x *Extractor) quantities(dc *doc, s sentence) []event.Quantity {
	var out []event.Quantity
	for _, u := range within(dc.units, s) {
		v := -1
		for _, nm := range dc.numbers {
			if nm.to == u.From && nm.value > 0 && !x.isDateNumber(dc, nm) {
				v = nm.value
			}
		}
		if v < 0 && u.To == u.From+1 {
			n := dc.norm(u.From)
			if strings.HasSuffix(n, "تين") || strings.HasSuffix(n, "تان") {
				v = 2
			}
		}
		if v > 0 {
			out = append(out, event.Quantity{Value: v, Unit: u.Values[0]})
		}
	}
	return out
}

// dayIn reports a date of day precision in sentence s.
func (dc *doc) dayIn(s sentence) bool {
	for _, d := range dc.dates {
		if d.tok >= s.from && d.tok < s.to && d.Precision == "day" {
			return true
		}
	}
	return false
}
