package extract

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/geo"
)

// sentCtx is what a sentence says about the events in it beyond the
// events themselves: who speaks, with what stance, and when.
type sentCtx struct {
	speaker    *speaker
	hedge      bool
	deny       bool
	denier     string
	habitual   bool
	background bool
	speakers   map[int]bool // actor mention indexes that are speakers, not parties to the event
}

type speaker struct {
	text  string
	code  string
	party bool // a party to the conflict (claims) rather than a reporter (reports)
}

// placeAt reports an actor whose words are also a place mention of the
// sentence, other than where something came from: a base or an airport
// ("قاعدة حميميم", "مطار المزة") named as where an event happened.
func (dc *doc) placeAt(am actorMention) bool {
	for _, pm := range dc.places {
		if !pm.origin && !pm.qualifier && pm.place != nil && pm.nameFrom < am.to && am.from < pm.nameTo {
			return true
		}
	}
	return false
}

// supportWords introduce who backs the doer: "مسنودة بطيران التحالف",
// "بدعم من روسيا", "بإسناد التحالف".
var supportWords = words("support")

// supporter reports an actor named as backing the doer, within three words
// after a support word: not the doer of the event.
func (dc *doc) supporter(am actorMention) bool {
	for k := max(0, am.from-3); k < am.from; k++ {
		if dc.hasForm(k, supportWords...) {
			return true
		}
	}
	return strings.HasPrefix(dc.norm(am.from), "بدعم") || strings.HasPrefix(dc.norm(am.from), "باسناد")
}

// controlWords say who holds a place: "خاضعة لسيطرة المعارضة", "التي
// يسيطر عليها جيش الإسلام", "مناطق نفوذ الحوثيين".
var controlWords = words("control")

// controller reports an actor named as who holds a place, within two words
// after a control word: a description of the place, not a doer.
func (dc *doc) controller(am actorMention) bool {
	for k := max(0, am.from-2); k < am.from; k++ {
		if dc.hasForm(k, controlWords...) {
			return true
		}
	}
	return false
}

// agentWords introduce the doer after a passive or a verbal noun: "غارة
// نفذتها طائرات…", "من قبل قوات النظام", "براميل ألقتها مروحيات…".
var agentWords = words("agent")

// objectWords introduce the side acted upon: "على مواقع المعارضة", "ضد
// قوات النظام", "في صفوف الميليشيات", "مقرات لهيئة تحرير الشام".
var objectWords = words("object")

// withWords introduce the other side of talks and agreements: "مع نظيره التركي".
var withWords = words("with")

func (x *Extractor) sentenceContext(dc *doc, si int, prev *speaker) sentCtx {
	s := dc.sents[si]
	sc := sentCtx{speakers: map[int]bool{}}
	// "واشنطن: …", "اليمن: عشرات القتلى في غارات": a name and a colon
	// opening a headline or sentence label who speaks or where, not the doer.
	lo, hi := dc.actorRange(s)
	for i := lo; i < hi; i++ {
		am := dc.actors[i]
		if am.from >= s.from && am.from <= s.from+1 && am.to < s.to && dc.toks[am.to].Norm == ":" {
			sc.speakers[i] = true
			if am.kind != "state" && am.kind != "civilian" {
				sc.speaker = &speaker{text: dc.textOf(am.from, am.to), code: speakerCode(am), party: true}
			}
		}
	}
	for _, c := range within(dc.cues, s) {
		switch c.Values[0] {
		case "habitual":
			sc.habitual = true
		case "hedge":
			sc.hedge = true
		case "background":
			if c.From <= s.from+2 {
				sc.background = true
			}
		case "report", "deny":
			sp, idx := x.speakerAfter(dc, c.To, s.to)
			if sp == nil {
				sp, idx = x.speakerBefore(dc, c.From, s.from)
			}
			if idx >= 0 {
				sc.speakers[idx] = true
				// "قال الرئيس الأميركي دونالد ترامب": the name in apposition speaks too
				for k := idx + 1; k < hi && dc.actors[k].from == dc.actors[k-1].to; k++ {
					sc.speakers[k] = true
				}
			}
			if c.Values[0] == "deny" {
				sc.deny = true
				if sp != nil {
					sc.denier = sp.code
				}
				continue
			}
			if sp != nil && sc.speaker == nil {
				sc.speaker = sp
			} else if sp == nil && sc.speaker == nil {
				sc.speaker = prev // "وأضاف", "وأوضح": the last speaker goes on
			}
		}
	}
	return sc
}

// speakerAfter finds who speaks after a reporting word: "وقال المرصد",
// "بحسب وكالة سانا", "أعلنت وزارة الدفاع الروسية".
func (x *Extractor) speakerAfter(dc *doc, from, to int) (*speaker, int) {
	limit := min(from+5, to)
	for _, sm := range dc.sources {
		if sm.from >= from && sm.from < limit {
			return x.sourceSpeaker(dc, sm), -1
		}
	}
	for i, am := range dc.actors {
		if am.from >= from && am.from < limit && am.kind != "civilian" && am.kind != "local" {
			return &speaker{text: dc.textOf(am.from, am.to), code: speakerCode(am), party: true}, i
		}
	}
	return nil, -1
}

func (x *Extractor) speakerBefore(dc *doc, at, from int) (*speaker, int) {
	for _, sm := range dc.sources {
		if sm.to == at && sm.from >= from {
			return x.sourceSpeaker(dc, sm), -1
		}
	}
	for i, am := range dc.actors {
		if am.to == at && am.from >= from && am.kind != "civilian" && am.kind != "local" {
			return &speaker{text: dc.textOf(am.from, am.to), code: speakerCode(am), party: true}, i
		}
	}
	return nil, -1
}

// sourceSpeaker makes a speaker of a source; a source that is a party to
// the conflict (a ministry, the Russian reconciliation centre) claims.
func (x *Extractor) sourceSpeaker(dc *doc, sm sourceMention) *speaker {
	return &speaker{text: dc.textOf(sm.from, sm.to), code: sm.code, party: x.lx.ActorCodes[sm.code]}
}

// speakerCode is the code of an actor that speaks: a state speaks as its government.
func speakerCode(am actorMention) string {
	if am.kind == "state" {
		return role(am.code, "agreement")
	}
	return am.code
}

func (x *Extractor) assemble(dc *doc) []event.Event {
	var out []*event.Event
	dc.explicit = map[*event.Event]bool{}
	dc.unknown = map[*event.Event]bool{}
	dc.weak = map[*event.Event]bool{}
	dc.bare = map[*event.Event]bool{}
	index := map[string]*event.Event{}
	var paraSpeaker *speaker
	lastPara := -1
	leadDate := x.leadDate(dc)
	for si, s := range dc.sents {
		if s.para != lastPara {
			// a speaker carries over to the next paragraph only when it opens with "وأضاف"
			if lastPara >= 0 && !x.opensWithReport(dc, s) {
				paraSpeaker = nil
			}
			lastPara = s.para
		}
		if s.boiler {
			continue
		}
		sc := x.sentenceContext(dc, si, paraSpeaker)
		if sc.speaker != nil {
			paraSpeaker = sc.speaker
		}
		if sc.habitual {
			continue
		}
		if sc.deny && sc.denier != "" {
			x.linkDenial(dc, s, sc.denier, out)
		}
		trigs := x.sentenceTriggers(dc, s)
		if len(trigs) == 0 {
			continue
		}
		trigs = x.dropObjects(dc, s, x.dropFoiled(dc, s, x.dropKinds(dc, s, trigs)))
		if len(trigs) == 0 {
			continue
		}
		places := x.sentencePlaces(dc, s)
		assigned := make([][]*placeMention, len(trigs))
		for _, pm := range places {
			best := -1
			for ti, t := range trigs {
				if t.To <= pm.from {
					best = ti // the nearest trigger on the left
				}
			}
			if best >= 0 {
				if cut := x.answerAfter(dc, trigs[best], s); cut >= 0 && pm.from >= cut {
					// "هجماته … منذ طرده من جنوب دمشق بموجب اتفاق إجلاء": the place
					// belongs to what the since- or answer-clause tells, after it
					for ti, t := range trigs {
						if t.From >= cut && t.From > trigs[best].From {
							best = ti
							break
						}
					}
				}
			}
			if best < 0 {
				// none on the left: the first one on the right, in the same
				// clause unless a preposition makes it the scene ("أمس في موسكو، إلى اتفاق")
				if dc.clauseEnd(pm.to, s.to, 40) < trigs[0].From && !(len(places) == 1 && x.pointedAt(dc, pm.from, s)) && !dc.subjected(pm) {
					continue
				}
				best = 0
			}
			assigned[best] = append(assigned[best], pm)
		}
		// A trigger with no place of its own shares the places of a
		// neighbour of the same family ("غارات استهدفت بلدة…").
		for ti := range trigs {
			if len(assigned[ti]) > 0 {
				continue
			}
			for tj := range trigs {
				generic := trigs[ti].Values[0].Class == "generic" || trigs[tj].Values[0].Class == "generic"
				if tj != ti && generic && len(assigned[tj]) > 0 && abs(trigs[tj].From-trigs[ti].From) <= 6 {
					assigned[ti] = assigned[tj]
					break
				}
			}
		}
		distinct := map[*placeMention]bool{}
		for ti := range trigs {
			for _, pm := range assigned[ti] {
				distinct[pm] = true
			}
		}
		nEvents := len(distinct) // fatalities go to an event only when the sentence tells of one place
		// a strong word at a place says what a generic one there is ("إحباط
		// هجوم على القاعدة", "المتظاهرون هاجموا القاعدة"); a protest word does
		// not say what gunfire someone fell by was ("لقي متظاهران مصرعهما برصاص الجيش")
		strongAt, protestAt := map[*placeMention]bool{}, map[*placeMention]bool{}
		for ti, t := range trigs {
			if t.Values[0].Class != "generic" && !x.suppressed(dc, t, s) {
				for _, pm := range assigned[ti] {
					if family(t.Values[0].Type) == "protest" {
						protestAt[pm] = true
					} else if t.Values[0].Type != "consult" && t.Values[0].Type != "agreement" {
						// "ضربة جوية استهدفت اجتماعا للتنظيم": a meeting struck tells no kind of attack
						strongAt[pm] = true
					}
				}
			}
		}
		sentStart := len(out)
		var unplacedEv *event.Event
		for ti, t := range trigs {
			if x.suppressed(dc, t, s) {
				dc.note(t, "suppressed: a negation, plan, condition or ending cue governs it")
				continue
			}
			if len(assigned[ti]) == 0 {
				// "أطلقت قوات الأمن الغاز لتفريق المتظاهرين" after a protest in
				// the sentence before: the same story goes on at the same place.
				if prev := carried(out[:sentStart], t.Values[0], si, dc); prev != nil && t.Values[0].Class == "strong" && !dc.elsewhere(s) {
					a1, a2 := x.actorsFor(dc, t, s, sc, si)
					loc := *prev.Location
					ev := x.build(dc, t, s, si, sc, t.Values[0].Type, a1, a2, &placeMention{carried: &loc}, leadDate, 1)
					if ev.Date == nil || prev.Date != nil && *ev.Date != *prev.Date {
						ev.Date, ev.DatePrecision = prev.Date, prev.DatePrecision
					}
					if old, ok := index[dedupKey(ev)]; ok {
						merge(old, ev)
					} else {
						index[dedupKey(ev)] = ev
						out = append(out, ev)
					}
					continue
				}
				if pm := x.sceneBefore(dc, si, out[:sentStart]); pm != nil {
					assigned[ti] = []*placeMention{pm}
				}
			}
			if len(assigned[ti]) == 0 {
				if !dc.placed {
					// Neither the sentence nor the document places it: written
					// with location null (SPEC §2); one per sentence, the most
					// specific type its words give.
					if ev := x.unplaced(dc, t, s, si, sc, leadDate); ev != nil && (unplacedEv == nil || typeRank(ev.EventType) >= typeRank(unplacedEv.EventType)) {
						unplacedEv = ev
					}
				}
				continue
			}
			a1, a2 := x.actorsFor(dc, t, s, sc, si)
			typ := x.typeOf(dc, t, s, a1)
			if typ == "" {
				continue
			}
			if (t.Values[0].Class == "territory" || typ == "disrupted_weapons_use") && dc.aim(t.From, s) {
				dc.note(t, "an aim, not a takeover or a foiling")
				continue // "هجوما لاستعادة السيطرة", "للسيطرة على", "للمساعدة في صد هجوم": an aim, not a takeover or a foiling
			}
			if (typ == "government_regains_territory" || typ == "non_state_actor_overtakes_territory") && a1 == nil {
				dc.note(t, "control with nobody taking it is no takeover")
				continue // "تصعب السيطرة عليها": control with nobody taking it is not a takeover
			}
			if typ == "consult" && (a1 == nil || a2 == nil) {
				dc.note(t, "talks need two sides")
				continue // talks need two sides; a cabinet meeting is not talks between parties
			}
			if dc.demonstrative(t) && len(out) > 0 && attackType(typ) {
				dc.note(t, "points back to an attack told before")
				continue // "هذا الهجوم … بمضيق باب المندب": the attack told before, not a new one where the sentence looks
			}
			if typ == "attack" && x.armedTarget(dc, t, s, a1) {
				typ = "armed_clash" // "الاعتداء على المواطنين وقوات حفظ النظام": fighters were among the targets
			}
			if typ == "armed_clash" && t.Values[0].Class == "generic" && x.civilianTarget(dc, t, s) && !x.armedTarget(dc, t, s, a1) {
				typ = "attack" // "هجوم على كنيسة": aimed at civilians, not a battle
			}

			frameAt := x.frameStart(dc, t, s)
			answered := x.answerAfter(dc, t, s)
			for _, pm := range assigned[ti] {
				if frameAt >= 0 && pm.to <= frameAt {
					dc.skip(t, pm, "where it is looked into or reacted to (legal or reaction frame)")
					continue // "الجلسة في لاهاي … التحقيق في استخدام الكيماوي": where it is looked into
				}
				if prepared := dc.preparedAt(t, s); prepared >= 0 && pm.from >= prepared && assigned[ti][0].to <= prepared {
					dc.skip(t, pm, "where it is meant to go next")
					continue // "وصول تعزيزات إلى محيط بصرى الشام استعدادا لفتح محور باتجاه معبر نصيب": where it is meant to go next
				}
				if answered >= 0 && pm.from >= answered {
					dc.skip(t, pm, "the place of what it answers, or of a since-clause")
					continue // "شن غارة على غزة ردا على إطلاق نار … في سديروت": the place of what was answered
				}
				if (pm.near || dc.describedBy(pm, assigned[ti])) && nearOther(pm, assigned[ti]) {
					dc.skip(t, pm, "it says where a place named before lies")
					continue // "الغوطة الشرقية، آخر المعاقل … بالقرب من العاصمة دمشق": where the first place lies
				}
				if pm.to <= t.From && dc.speakerSeat(pm, sc) {
					dc.skip(t, pm, "where the speaker sits")
					continue // "قال مجلس حقوق الإنسان بجنيف إن احتجاز …": where the speaker sits
				}
				if pm.origin && typ != "non_violent_transfer_of_territory" && (len(assigned[ti]) > 1 || attackType(typ)) && !dc.hometown(pm) {
					dc.skip(t, pm, "a point of departure, not the target")
					continue // "أتت من قاعدة حميميم": where the planes came from, not the target
				}
				if !pm.origin && typ == "non_violent_transfer_of_territory" && hasOrigin(assigned[ti]) {
					dc.skip(t, pm, "the town handed over is the one they left")
					continue // "خرجوا من دوما باتجاه الشمال": the town handed over is the one they left
				}
				if t.Values[0].Class == "generic" && (strongAt[pm] || protestAt[pm] && !dc.weaponAt(t)) {
					dc.skip(t, pm, "a stronger event word already tells what happened there")
					continue // "إحباط هجوم على القاعدة": the foiling, not a second event
				}
				if !x.placeFits(dc, typ, pm) {
					dc.skip(t, pm, "the kind of place does not fit the event type")
					continue
				}
				if !x.coarseOK(dc, t, s, sc, pm) {
					dc.skip(t, pm, "a province-level place needs a strong event word and a date, toll or count")
					continue
				}
				ev := x.build(dc, t, s, si, sc, typ, a1, a2, pm, leadDate, nEvents)
				// "ليل الأربعاء ويوم الخميس": one event for each day told
				if second := x.secondDay(dc, t, s); second != nil && ev.Date != nil && *ev.Date != second.Date {
					ev2 := *ev
					d := second.Date
					ev2.Date, ev2.DatePrecision = &d, second.Precision
					ev2.Evidence = append([]event.Span(nil), ev.Evidence...)
					dc.explicit[&ev2] = true
					if _, ok := index[dedupKey(&ev2)]; !ok {
						index[dedupKey(&ev2)] = &ev2
						out = append(out, &ev2)
					}
				}
				if pm.bareCity {
					dc.bare[ev] = true
				}
				if t.Values[0].Class == "generic" && typ == t.Values[0].Type {
					dc.weak[ev] = true // "الهجوم", "استهداف": no word said what kind
				}
				if ev.Actor1 != nil && attackType(typ) {
					dc.lastActor, dc.lastActorSent = ev.Actor1, si
				}
				k := dedupKey(ev)
				if old, ok := index[k]; ok {
					merge(old, ev)
					continue
				}
				index[k] = ev
				out = append(out, ev)
			}
		}
		if ev := unplacedEv; ev != nil {
			if old, ok := index[dedupKey(ev)]; ok {
				merge(old, ev)
			} else {
				index[dedupKey(ev)] = ev
				out = append(out, ev)
			}
		}
	}
	out = linkRementions(upgrade(subsume(foldCoarse(foldUndated(foldMisspelt(out, dc.unknown), dc.explicit)), dc.bare, dc.weak), dc), dc)
	x.tollsAfter(dc, out)
	res := make([]event.Event, 0, len(out))
	for _, e := range out {
		if e.Claim != nil && e.Claim.Status == event.Denied && e.Claim.By == "" {
			continue // a denial of something nobody in the article claims
		}
		if e.Date != nil && dc.history(*e.Date) {
			continue // "في 2 أكتوبر من عام 1187": history, not a conflict event to code
		}
		res = append(res, *e)
	}
	return res
}

// unplaced builds the event of a trigger in a document that names no place,
// or nil when the trigger does not make one (the same checks as a placed one).
func (x *Extractor) unplaced(dc *doc, t arabic.Match[Trigger], s sentence, si int, sc sentCtx, lead *dateMention) *event.Event {
	if x.framed(dc, t, s) != "" || !dc.introduces(t) || !concrete(dc, s) {
		return nil
	}
	a1, a2 := x.actorsFor(dc, t, s, sc, si)
	typ := x.typeOf(dc, t, s, a1)
	switch {
	case typ == "":
		return nil
	case (typ == "government_regains_territory" || typ == "non_state_actor_overtakes_territory") && a1 == nil:
		return nil
	case typ == "consult" && (a1 == nil || a2 == nil):
		return nil
	case typ == "attack" && x.armedTarget(dc, t, s, a1):
		typ = "armed_clash"
	case typ == "armed_clash" && t.Values[0].Class == "generic" && x.civilianTarget(dc, t, s) && !x.armedTarget(dc, t, s, a1):
		typ = "attack"
	}
	pm := countryOf(dc, s)
	if pm == nil {
		return nil
	}
	return x.build(dc, t, s, si, sc, typ, a1, a2, pm, lead, 1)
}

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

// historyEnds is the first date of events worth coding: older ones are
// history told in passing (ACLED's data start decades later).
const historyEnds = "1946"

// historyYears is how long before its publication an article tells only
// history ("اقتحام دبابات حلف وارسو لبودابست في عام 1956" in 2007 news);
// text without a publication date counts from unpublishedHistoryEnds
// (ACLED's first year is 1997).
const (
	historyYears           = 15
	unpublishedHistoryEnds = "1990"
)

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

// typeRank orders event types by how specific they are, as ACLED chooses
// between them for one act: a suicide bombing before the car bomb it used,
// a chemical attack before its delivery, any weapon before a bare "attack".
func typeRank(typ string) int {
	switch typ {
	case "suicide_bomb":
		return 6
	case "chemical_weapon":
		return 5
	case "air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "grenade":
		return 4
	case "excessive_force_against_protesters", "protest_with_intervention", "violent_demonstration", "mob_violence":
		return 3
	case "attack", "armed_clash", "abduction_forced_disappearance", "sexual_violence", "peaceful_protest":
		return 2
	}
	return 1
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

// civilianTarget reports an attack word aimed at a place of civilian life
// or at civilians (targets.tsv, CIV actors) within its clause, after it.
func (x *Extractor) civilianTarget(dc *doc, t arabic.Match[Trigger], s sentence) bool {
	end := min(dc.clauseEnd(t.To, s.to, 12), t.To+6)
	for _, m := range within(dc.targets, s) {
		if m.From >= t.To && m.From < end && m.Values[0] == "civilian" {
			return true
		}
	}
	lo, hi := dc.actorRange(s)
	for _, am := range dc.actors[lo:hi] {
		if am.from >= t.To && am.from < end && am.code == "CIV" {
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
		if f.From >= start && f.To <= t.From && t.From-f.To <= frameReach[k] && (len(kinds) == 0 || slices.Contains(kinds, k)) {
			return f, true
		}
	}
	return arabic.Match[string]{}, false
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func (x *Extractor) opensWithReport(dc *doc, s sentence) bool {
	for _, c := range dc.cues {
		if c.From == s.from && c.Values[0] == "report" {
			sp, _ := x.speakerAfter(dc, c.To, s.to)
			return sp == nil
		}
	}
	return false
}

// sentenceTriggers returns the event words of a sentence. A weapon that
// falls or is fired ("سقطت عشرة صواريخ على…", "أطلقت قذائف") is an event word
// too. A protest the sentence says was broken up is one protest with
// intervention, however many words tell it.
func (x *Extractor) sentenceTriggers(dc *doc, s sentence) []arabic.Match[Trigger] {
	var out []arabic.Match[Trigger]
	out = append(out, within(dc.triggers, s)...)
	for _, m := range dc.instr {
		if m.From < s.from || m.From >= s.to || !attackType(m.Values[0]) {
			continue
		}
		gunfire := m.Values[0] == "armed_clash"
		if gunfire && !dc.killedBy(m, s) && !dc.shotAndHit(m, s) {
			continue // "برصاص" tells a shooting only when someone fell by it
		}
		covered := false
		for _, t := range out {
			if family(t.Values[0].Type) == "protest" && !(t.From <= m.From && m.From < t.To) {
				continue // "لقي متظاهران مصرعهما برصاص الجيش": the protesters do not fire the shots
			}
			if t.From <= m.From && m.From < t.To || abs(t.From-m.From) <= 3 {
				covered = true
			}
		}
		if covered {
			continue
		}
		if m.From > s.from && dc.hasForm(m.From-1, crashWords...) && dc.anyForm(m.From, m.To, aircraftWords...) {
			continue // "سقوط طائرة نقل": an aircraft that fell crashed; nothing struck
		}
		fired, downed := false, false
		for k := max(dc.clauseStart(m.From, s.from, 6), m.From-6); k < m.From; k++ {
			// five or six words back only a fire verb that tells no event of
			// its own ("أطلق مسلحون من بلدة اللطامنة قذائف"); "استهدف حزب الله
			// بصاروخ موجه دبابة" names the tank as the target
			if dc.hasForm(k, firedWords...) && (k >= m.From-4 || !triggerAt(out, k)) {
				fired = true
				// "دمرت الدفاعات الجوية طائرتين مسيرتين": a subject between
				// the verb and the weapon makes the weapon what was destroyed;
				// "دمرت طائرات حربية جسرا" has the weapon as the doer
				downed = dc.hasForm(k, destroyWords...) && k < m.From-1
				break
			}
		}
		if downed {
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: "disrupted_weapons_use", Class: "strong"}}})
			continue
		}
		if !dc.anyForm(max(s.from, m.From-3), m.From, destroyWords...) && !dc.anyForm(max(s.from, m.From-3), m.From, "تدمير") {
			for k := m.To; k < min(m.To+2, s.to) && !fired; k++ {
				// "أضاف أن صواريخ سقطت على مواقع": the weapon, then what it did
				// (not "تدمير طائرتين أطلقتا من …": what was destroyed)
				fired = dc.hasForm(k, firedWords...) && !dc.hasForm(k, destroyWords...)
			}
		}
		// "لقي فلسطينيان مصرعهما برصاص الجيش", "قتل ثلاثة بقذيفة": the dead
		// tell that the weapon struck
		fired = fired || dc.killedBy(m, s)
		if gunfire {
			// "لقي فلسطينيان مصرعهما برصاص الجيش": a shooting, an attack when
			// the dead are civilians (decided with the sentence's targets)
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: "armed_clash", Class: "generic"}}})
		} else if fired {
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: m.Values[0], Class: "strong"}}})
		}
	}
	// "سقطت كركوك والموصل دون مقاومة بيد الأكراد": a place that fell into
	// someone's hands was taken
	for k := s.from; k < s.to; k++ {
		if !dc.hasForm(k, fallWords...) {
			continue
		}
		for h := k + 1; h < min(dc.clauseEnd(k+1, s.to, 12), k+10); h++ {
			if dc.hasForm(h, "بيد", "بايدي", "قبضه", "بقبضه") || dc.hasForm(h, "يد", "ايدي") && dc.hasForm(h-1, "في") {
				out = append(out, arabic.Match[Trigger]{From: k, To: k + 1, Values: []Trigger{{Type: "non_state_actor_overtakes_territory", Class: "territory"}}})
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].From < out[j].From })
	upgraded := ""
	for _, t := range out {
		if typ := t.Values[0].Type; typ == "protest_with_intervention" || typ == "excessive_force_against_protesters" {
			upgraded = typ
		}
	}
	if upgraded != "" {
		for i, t := range out {
			if t.Values[0].Type == "peaceful_protest" {
				out[i].Values = []Trigger{{Type: upgraded, Class: t.Values[0].Class}}
			}
		}
	}
	return out
}

// sportsWords tell of a match or a club: in a sentence with one, meetings,
// moves and words that name no kind of violence are the game's.
var sportsWords = words("sports")

// cyberWords make an attack word a computer attack, not violence.
var cyberWords = words("cyber")

// crashWords tell an aircraft falling or breaking up: a crash, not a strike.
var crashWords = words("crash")

// aircraftWords name aircraft (written as matching sees them: "طايرة").
var aircraftWords = words("aircraft")

// fallWords tell a place falling ("سقطت المدينة بيد…").
var fallWords = words("fall")

// hasOrigin reports a place "from" which something came among ms.
func hasOrigin(ms []*placeMention) bool {
	for _, pm := range ms {
		if pm.origin {
			return true
		}
	}
	return false
}

// dropKinds removes event words that tell no event: those a "kind" frame
// governs ("لحظر الأسلحة الكيمياوية" names a kind of weapon), a computer
// attack ("هجوم إلكتروني"), and in a sentence about a match the meetings,
// moves and words that name no kind of violence ("تلتقي الأرجنتين مع نيجيريا").
func (x *Extractor) dropKinds(dc *doc, s sentence, trigs []arabic.Match[Trigger]) []arabic.Match[Trigger] {
	sports := dc.anyForm(s.from, s.to, sportsWords...)
	out := trigs[:0]
	for _, t := range trigs {
		if x.framed(dc, t, s) == "kind" {
			continue
		}
		if tr := t.Values[0]; sports && ((tr.Class != "strong" && tr.Type != "remote_explosive_landmine_ied") || tr.Type == "consult" || tr.Type == "change_to_group_activity") {
			continue // "تلتقي الأرجنتين مع نيجيريا", "خط الهجوم": a match; a bomb among the spectators stays
		}
		if sports && t.Values[0].Type == "armed_clash" && !dc.killedWithin(s.from, s.to) {
			continue // "موقعة أهلي جدة أمام الهلال": a match called a battle
		}
		if t.To < s.to && dc.hasForm(t.To, cyberWords...) {
			continue // "هجوم إلكتروني": a computer attack
		}
		out = append(out, t)
	}
	return out
}

// elapsedBefore reads "بعد <duration> على/من" before trigger t: an anchor
// frame that says how long before the sentence's day the event was. It
// returns the days and the precision of the date they give.
func (x *Extractor) elapsedBefore(dc *doc, t arabic.Match[Trigger], s sentence) (int, string, bool) {
	f, ok := x.frameWord(dc, t, s, "anchor")
	if !ok || !dc.hasForm(f.From, "بعد", "عقب") {
		return 0, "", false
	}
	k := f.To
	n := 1
	for _, nm := range dc.numbers {
		if nm.from == k && nm.value > 0 {
			n, k = nm.value, nm.to
			break
		}
	}
	if k >= t.From {
		return 0, "", false
	}
	days, prec := 0, "day"
	switch w := dc.key(k); {
	case w == "يومين":
		days = 2
	case w == "اسبوعين":
		days, prec = 14, "week"
	case dc.hasForm(k, "يوم", "ايام"):
		days = n
	case dc.hasForm(k, "اسبوع", "اسابيع"):
		days, prec = 7*n, "week"
	default:
		return 0, "", false
	}
	if k+1 >= t.From || !dc.hasForm(k+1, "علي", "من") {
		return 0, "", false
	}
	return days, prec, true
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
		if dc.hasForm(k, "منذ") && !dc.hasForm(k+1, "ذلك") {
			return k
		}
	}
	return -1
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
	seat := func(to int) bool {
		return pm.from == to || pm.from == to+1 && dc.hasForm(to, "في", "مقره", "ومقره", "مقرها", "ومقرها")
	}
	for i := range sc.speakers {
		if seat(dc.actors[i].to) {
			return true
		}
	}
	for _, sm := range dc.sources {
		if dc.sentOf[sm.from] == dc.sentOf[pm.from] && seat(sm.to) {
			return true
		}
	}
	return false
}

// weaponAt reports an event word that is a weapon ("برصاص").
func (dc *doc) weaponAt(t arabic.Match[Trigger]) bool {
	for _, m := range dc.instr {
		if m.From == t.From {
			return true
		}
	}
	return false
}

// killedBy reports a weapon that someone was killed or wounded by: a word
// for the dead or wounded at most five words before it in its sentence
// ("لقي فلسطينيان مصرعهما برصاص الجيش", "أصيب شاب بالرصاص الحي").
func (dc *doc) killedBy(m arabic.Match[string], s sentence) bool {
	for _, c := range dc.casualty {
		if c.From >= max(s.from, m.From-5) && c.To <= m.From && (c.Values[0] == "killed" || c.Values[0] == "injured") {
			return true
		}
	}
	return false
}

// shotAndHit reports gunfire a fire verb right before it lets off and that
// left dead or wounded after it in the sentence ("أطلق عدة أعيرة نارية على
// مجموعة … فأصاب ستة").
func (dc *doc) shotAndHit(m arabic.Match[string], s sentence) bool {
	if !dc.anyForm(max(s.from, m.From-3), m.From, firedWords...) {
		return false
	}
	for _, c := range dc.casualty {
		if c.From >= m.To && c.From < s.to && (c.Values[0] == "killed" || c.Values[0] == "injured") {
			return true
		}
	}
	return false
}

// triggerAt reports an event word at token k.
func triggerAt(ts []arabic.Match[Trigger], k int) bool {
	for _, t := range ts {
		if t.From <= k && k < t.To {
			return true
		}
	}
	return false
}

// destroyWords destroy what follows them: a weapon they govern was shot
// down or destroyed before it struck.
var destroyWords = words("destroy")

// firedWords make a weapon word an event: it fell, hit or was fired.
var firedWords = words("fired")

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
	for _, c := range within(dc.cues, s) {
		if (c.Values[0] == "negation" || c.Values[0] == "future") && c.To <= t.From && (dc.causeBetween(c.To, t.From) || dc.toldOccurred(t, s)) {
			continue // "سيشن هجوما بسبب الهجوم الكيماوي", "توعد برد على الهجوم الذي وقع في دوما": what the plan answers happened
		}
		switch c.Values[0] {
		case "negation":
			if c.From >= start && c.To <= t.From && t.From-c.To <= 5 {
				return true
			}
		case "future":
			if c.From >= start && c.To <= t.From || c.From >= t.To && c.From-t.To <= 1 || c.From < t.To && c.To > t.From {
				return true
			}
			if c.From <= s.from+1 && c.To <= t.From {
				return true // "وقرر الطرفان …": the whole sentence is a plan
			}
			if definite, _, _ := dc.nounForm(t.From); definite && c.From >= t.To && c.To <= end && dc.hasForm(c.From, "من") {
				return true // "والسيطرة على خط الحديدة صنعاء بشكل كلي من شأنه منع…": what taking it would do
			}
		case "ended":
			if attackType(t.Values[0].Type) && (c.From >= t.To && c.To <= end || c.From >= start && c.To <= t.From) {
				return true
			}
		case "foiled":
			// "فشلت المفاوضات في التوصل إلى هدنة": a truce or deal that failed was never made
			switch t.Values[0].Type {
			case "ceasefire", "agreement":
				if c.To <= t.From && t.From-c.To <= 8 {
					return true
				}
			}
		}
	}
	return false
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

// accusedThenDenied reports a sentence that tells an accusation and then
// its denial ("واتهمت دمشق وموسكو إسرائيل بشن ضربة جوية … في حين نفت
// إسرائيل ضلوعها"): the act is alleged and denied, not only denied.
func (dc *doc) accusedThenDenied(s sentence) bool {
	accused := -1
	for _, c := range within(dc.cues, s) {
		switch c.Values[0] {
		case "hedge":
			if accused < 0 && dc.hasForm(c.From, "اتهم", "اتهمت", "اتهموا", "واتهم", "واتهمت", "يتهم", "تتهم") {
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
	for k := max(0, pm.from-2); k < pm.from; k++ {
		if dc.hasForm(k, subjectedWords...) {
			return true
		}
	}
	return false
}

var causeWords = words("cause")

// causeBetween reports whether a word naming a cause or an earlier time
// ("بسبب", "ردا على", "إثر") stands in tokens [from, to): the noun it
// governs is told as a fact whatever plan or denial came before it.
func (dc *doc) causeBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if dc.hasForm(k, causeWords...) {
			return true
		}
	}
	return false
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

// killedWithin reports a word of the dead in tokens [from, to).
func (dc *doc) killedWithin(from, to int) bool {
	for _, c := range dc.casualty {
		if c.From >= from && c.From < to && c.Values[0] == "killed" {
			return true
		}
	}
	return false
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
// semicolon, colon or quote), at most max tokens and not past from.
func (dc *doc) clauseStart(i, from, max int) int {
	start := i
	for start > from && i-start < max {
		p := dc.toks[start-1]
		if p.Kind == arabic.Punct && (p.Norm == "," || p.Norm == ";" || p.Norm == ":" || p.Norm == "\"") {
			break
		}
		start--
	}
	return start
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
		if c.Values[0] == "foiled" && c.From >= t.To && c.From <= end+3 && c.From < s.to {
			return true
		}
	}
	return false
}

// typeOf decides a trigger's event type: strong words fix it, attack words
// take it from the weapon named nearest, territory words from who acts.
func (x *Extractor) typeOf(dc *doc, t arabic.Match[Trigger], s sentence, a1 *actorPick) string {
	tr := t.Values[0]
	if attackType(tr.Type) && x.foiledAfter(dc, t, s) {
		return "disrupted_weapons_use"
	}
	switch tr.Class {
	case "generic":
		best, bestD := "", 1<<30
		// another event word of the sentence close by names the kind of
		// attack ("تفجير استهدف", "غارات استهدفت")
		for _, o := range within(dc.triggers, s) {
			if o.From == t.From || !attackType(o.Values[0].Type) {
				continue
			}
			d := abs(o.From - t.From)
			specific := o.Values[0].Type != "shelling_artillery_missile_attack" && o.Values[0].Type != "armed_clash"
			if d <= 4 && d < bestD && (o.Values[0].Class == "strong" || specific && o.Values[0].Type != tr.Type) {
				best, bestD = o.Values[0].Type, d
			}
		}
		for _, m := range within(dc.instr, s) {
			d := m.From - t.To
			if m.To <= t.From {
				d = t.From - m.To
			}
			if d < 0 {
				d = 0
			}
			if d < bestD && !insideOther(m, t, within(dc.triggers, s)) {
				best, bestD = m.Values[0], d
			}
		}
		if best != "" {
			return best
		}
		if a1 != nil && a1.air {
			return "air_drone_strike"
		}
		if bombard := tr.Type == "shelling_artillery_missile_attack" || tr.Type == "air_drone_strike"; bombard {
			if st := x.storyType(dc, s); st != "" {
				return st // "القصف" after a story of air strikes is the air strikes
			}
		}
		return tr.Type
	case "territory":
		if a1 != nil && isGovernment(a1.code) {
			return "government_regains_territory"
		}
		return "non_state_actor_overtakes_territory"
	}
	return tr.Type
}

// insideOther reports a weapon word that is part of another event word of
// the sentence ("هجوم كيميائي"): it says that event's kind, not the kind of
// a generic word elsewhere ("استهدفت صورايخ مطار التيفور … على هجوم كيميائي").
func insideOther(m arabic.Match[string], t arabic.Match[Trigger], trigs []arabic.Match[Trigger]) bool {
	for _, o := range trigs {
		if o.From != t.From && o.From <= m.From && m.To <= o.To && o.To-o.From > m.To-m.From {
			return true
		}
	}
	return false
}

// governmentAllies are the foreign states whose forces fight for a
// country's government: "SYR:RUS" (words.tsv).
var governmentAllies = wordMap("government_allies")

// foreignForce reports a state's forces acting in another country that are
// not its government's allies.
func foreignForce(code, country string) bool {
	state, _, ok := strings.Cut(code, ".")
	if !ok || country == "" || state == country || len(state) != 3 || !isGovernment(code) {
		return false
	}
	return !governmentAllies[country+":"+state]
}

func isGovernment(code string) bool {
	return code == "SYR.GOV" || strings.HasSuffix(code, ".GOV") || strings.HasSuffix(code, ".MIL")
}

// actorPick is an actor chosen for an event.
type actorPick struct {
	code, text string
	air        bool
	idx        int
	kind       string
}

func (x *Extractor) pickOf(dc *doc, i int, typ string) *actorPick {
	am := dc.actors[i]
	code := am.code
	if am.kind == "state" {
		code = role(code, typ)
	}
	if owner := dc.possessor(i); owner != "" {
		code = owner + ".MIL" // "هددت تركيا … سيطرت قواتها": Turkey's forces
	} else if strings.HasPrefix(code, localCode) {
		// "أصدر مجلس الوزراء الإسرائيلي تعليماته للجيش": the army of the
		// government that speaks to it in the same sentence
		if gov := dc.governmentBefore(i); gov != "" {
			code = gov + "." + strings.TrimPrefix(code, localCode)
		}
	}
	return &actorPick{code: code, text: dc.textOf(am.from, am.to), air: am.air, idx: i, kind: am.kind}
}

// possessor returns the country whose forces a possessive force word names
// ("قواتها", "جيشه", "طائراتهم"): the last state named before it, in its
// sentence or the one before; "" when the word has no possessive or no
// state comes before.
func (dc *doc) possessor(i int) string {
	am := dc.actors[i]
	if am.kind == "state" || am.to != am.from+1 {
		return ""
	}
	w := arabic.StripArticle(dc.norm(am.from))
	if !(strings.HasSuffix(w, "ها") || strings.HasSuffix(w, "هم") || strings.HasSuffix(w, "ه")) || !dc.hasForm(am.from, possessiveForces...) {
		return ""
	}
	// the sentence's topic: its first state before the word ("هددت تركيا …
	// المدعومين من الولايات المتحدة … سيطرت قواتها"), else the last state of
	// the sentence before
	si := dc.sentOf[am.from]
	topic := ""
	for k := i - 1; k >= 0; k-- {
		p := dc.actors[k]
		if dc.sentOf[p.from] < si-1 || dc.sentOf[p.from] < si && topic != "" {
			break
		}
		if p.kind == "state" {
			topic = p.code
		}
	}
	return topic
}

// governmentBefore returns the country of a government body or official
// named before actor i in its sentence, or "".
func (dc *doc) governmentBefore(i int) string {
	si := dc.sentOf[dc.actors[i].from]
	for k := i - 1; k >= 0 && dc.sentOf[dc.actors[k].from] == si; k-- {
		if c := dc.actors[k].code; strings.HasSuffix(c, ".GOV") && c != "SYR.GOV" && dc.actors[k].kind != "force" {
			return strings.TrimSuffix(c, ".GOV")
		}
	}
	return ""
}

// possessiveForces are force words with a possessive pronoun.
var possessiveForces = words("possessive_forces")

// placeActor completes an actor's code with the country the event is in:
// forces named without a country ("قوات الأمن") are that country's, and a
// generic name that means a Syrian side in Syria ("الجيش الوطني") means that
// country's army elsewhere.
func placeActor(a *actorPick, country, typ string) string {
	talks := typ == "consult" || typ == "agreement" || typ == "ceasefire"          // talks abroad are about Syria's sides
	army := a.kind == "group" && strings.Contains(arabic.Normalize(a.text), "جيش") // "الجيش الوطني" in Yemen is Yemen's army
	if !talks && strings.HasPrefix(a.code, "SYR.") && country != "" && country != "SYR" && (a.kind == "generic" || a.kind == "force" || army) && !syrianByName(a.text) {
		return country + ".MIL"
	}
	if army := armyOf[country]; army != "" && a.code == localCode+"MIL" && !strings.Contains(arabic.Normalize(a.text), "امن") && !strings.Contains(arabic.Normalize(a.text), "شرط") {
		return army + ".MIL" // "قصف الجيش مواقع في القطاع": in Gaza an unnamed army is Israel's
	}
	return localize(a.code, country)
}

// syrianByName reports an actor text that names Syria's sides itself.
func syrianByName(text string) bool {
	n := arabic.Normalize(text)
	for _, w := range []string{"سوري", "النظام", "الاسد", "دمشق"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// actorsFor finds actor1 (who acts) and actor2 (who is acted upon).
func (x *Extractor) actorsFor(dc *doc, t arabic.Match[Trigger], s sentence, sc sentCtx, si int) (a1, a2 *actorPick) {
	typ := t.Values[0].Type
	lo, hi := dc.actorRange(s)
	inSent := func(i int) bool { return dc.actors[i].from >= s.from && dc.actors[i].from < s.to }
	// "قتل ثلاثة جنود عراقيين": those killed or wounded are the side acted upon
	victim := func(i int) bool {
		for _, c := range dc.casualty {
			if c.To <= dc.actors[i].from && dc.actors[i].from-c.To <= 2 && c.From >= s.from {
				return true
			}
		}
		return false
	}
	objectBefore := func(i int) bool {
		for k := max(s.from, dc.actors[i].from-2); k < dc.actors[i].from; k++ {
			if k == t.From {
				continue // the event verb itself: "استهدف حزب الله…" has the doer after it
			}
			if typ == "armed_clash" && dc.singular(k, "مع") {
				continue // "تبادل لإطلاق النار مع قوات الأمن": in a clash both sides fight
			}
			if dc.hasForm(k, objectWords...) {
				return true
			}
		}
		if dc.placeAt(dc.actors[i]) {
			return true // "استهداف قاعدة حميميم": the base named as the place is what was hit
		}
		if t.Values[0].Class != "territory" && dc.controller(dc.actors[i]) {
			return true // "مدينة خاضعة لسيطرة المعارضة": who holds the place, not who acts
		}
		return strings.HasPrefix(dc.norm(dc.actors[i].from), "ل") && dc.actors[i].from > s.from && dc.hasForm(dc.actors[i].from-1, objectWords...)
	}
	// 1. the doer named after an agent word anywhere after the trigger (for
	// a foiled attack that is who launched it: "طائرة مسيرة أطلقها الحوثيون")
	var launcher *actorPick
	for i := lo; i < hi; i++ {
		am := dc.actors[i]
		if !inSent(i) || am.from < t.To || am.kind == "civilian" {
			continue
		}
		for k := max(t.To, am.from-2); k < am.from; k++ {
			if dc.hasForm(k, agentWords...) {
				if typ == "disrupted_weapons_use" {
					launcher = x.pickOf(dc, i, typ)
				} else {
					a1 = x.pickOf(dc, i, typ)
				}
				break
			}
		}
		if a1 != nil || launcher != nil {
			break
		}
	}
	// 2. a nationality right after the event noun: "غارات روسية", "القصف الإسرائيلي"
	if a1 == nil {
		for j := t.To; j < min(t.To+2, s.to); j++ {
			if nm, ok := x.lx.Nations.At(dc.d, j, s.to); ok && nm.Values[0].How == "adjective" {
				a1 = &actorPick{code: role(nm.Values[0].ISO3, typ), text: dc.textOf(t.From, nm.To), idx: -1}
				break
			}
			if dc.toks[j].Kind != arabic.Word {
				break
			}
		}
	}
	// 3. a subject right before the verb: "أن وسائل الدفاع الجوي الروسية أسقطت"
	if a1 == nil {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if inSent(i) && am.to <= t.From && t.From-am.to <= 1 && armed(am) && !objectBefore(i) && !sc.speakers[i] && !victim(i) && !dc.supporter(am) {
				a1 = x.pickOf(dc, i, typ)
			}
		}
	}
	// 4. verb first: "قصفت طائرات حربية روسية", "شنت روسيا مساء السبت غارات"
	if a1 == nil {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if !inSent(i) || am.from < t.To || am.from > t.To+3 || am.kind == "civilian" || objectBefore(i) || dc.supporter(am) {
				continue
			}
			if dc.sentOf[am.from] == dc.sentOf[t.From] && !sc.speakers[i] {
				a1 = x.pickOf(dc, i, typ)
			}
			break
		}
	}
	// An event word that only dates or answers something else ("ردا على
	// هجوم كيميائي", "بعد القصف") has no doer but the one its own words name.
	framed := false
	switch x.framed(dc, t, s) {
	case "anchor", "reaction":
		framed = true
	}
	// 5. subject first: "قوات النظام قصفت…", nearest actor before the trigger
	if a1 == nil && !framed {
		for i := hi - 1; i >= lo; i-- {
			am := dc.actors[i]
			if !inSent(i) || am.to > t.From || t.From-am.to > 10 || am.kind == "civilian" || objectBefore(i) || victim(i) || dc.supporter(am) {
				continue
			}
			if sc.speakers[i] && !selfReported(typ) {
				continue
			}
			a1 = x.pickOf(dc, i, typ)
			break
		}
	}
	// 6. an air force named anywhere in the sentence, for an attack
	if a1 == nil && !framed {
		for i := lo; i < hi; i++ {
			if inSent(i) && dc.actors[i].air && !objectBefore(i) && !sc.speakers[i] && !dc.supporter(dc.actors[i]) {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	// 7. the group that claims the attack: "وتبنت حركة الشباب الهجوم"
	if a1 == nil && attackType(typ) {
		a1 = x.claimant(dc, s, typ)
	}
	// 7b. the party that speaks, for what a party does by saying it (truces, foiled attacks)
	if a1 == nil && selfReported(typ) && sc.speaker != nil && sc.speaker.party {
		a1 = &actorPick{code: role(sc.speaker.code, typ), text: sc.speaker.text, idx: -1}
	}
	// 8. the doer of the story the sentence goes on with, or the last armed
	// actor of the two sentences before
	if a1 == nil && !framed && dc.lastActor != nil && dc.lastActorSent >= si-2 && attackType(typ) && canDo(dc.lastActor.Code, typ) {
		a1 = &actorPick{code: dc.lastActor.Code, text: dc.lastActor.Text, idx: -1}
	}
	for back := 1; a1 == nil && !framed && back <= 2 && si-back >= 0; back++ {
		p := dc.sents[si-back]
		if p.boiler {
			continue
		}
		speakers := x.sentenceContext(dc, si-back, nil).speakers
		plo, phi := dc.actorRange(p)
		for i := phi - 1; i >= plo; i-- {
			am := dc.actors[i]
			if am.from >= p.from && am.from < p.to && armed(am) && !speakers[i] && canDo(am.code, typ) && !dc.controller(am) {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	if family(typ) == "protest" {
		return x.protestActors(dc, s, typ, a1, a2, dc.textOf(t.From, t.To))
	}
	if launcher != nil && (a1 == nil || launcher.code != a1.code) {
		a2 = launcher
	}
	// actor2: the side acted upon
	for i := lo; i < hi; i++ {
		am := dc.actors[i]
		if !inSent(i) || am.from < t.From || sc.speakers[i] || (a1 != nil && a1.idx == i) {
			continue
		}
		if objectBefore(i) || (typ == "consult" || typ == "agreement" || typ == "ceasefire") && dc.hasForm(am.from-1, withWords...) {
			p := x.pickOf(dc, i, typ)
			if a1 == nil || p.code != a1.code {
				a2 = p
				break
			}
		}
	}
	if a2 == nil {
		for i := lo; i < hi; i++ {
			if inSent(i) && victim(i) && (a1 == nil || a1.idx != i) {
				a2 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	if a2 == nil {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if inSent(i) && am.kind == "civilian" {
				a2 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	// talks and agreements: the parties named in the sentence, in order
	if a1 == nil && (typ == "consult" || typ == "agreement") {
		for i := lo; i < hi; i++ {
			if am := dc.actors[i]; inSent(i) && !sc.speakers[i] && am.kind != "civilian" && am.kind != "local" {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	if a2 == nil && (typ == "armed_clash" || typ == "consult" || typ == "agreement") && a1 != nil {
		// "اشتباكات بين قوات الدعم السريع والجيش السوداني": the other side
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if inSent(i) && !sc.speakers[i] && a1.idx != i && armed(am) || inSent(i) && am.kind == "state" && typ != "armed_clash" && a1.idx != i {
				if p := x.pickOf(dc, i, typ); p.code != a1.code && !crowd(p.code) {
					a2 = p
					break
				}
			}
		}
	}
	if a2 == nil && (typ == "consult" || typ == "agreement") {
		for i := lo; i < hi; i++ {
			if inSent(i) && !sc.speakers[i] && (a1 == nil || a1.idx != i) {
				p := x.pickOf(dc, i, typ)
				if a1 == nil || p.code != a1.code {
					a2 = p
					break
				}
			}
		}
	}
	return a1, a2
}

// canDo reports whether an actor taken from the sentences before may be
// the doer of an event of typ: air strikes are a state's, or a group's only
// when it is named in the event's own sentence (drones).
func canDo(code, typ string) bool {
	if typ != "air_drone_strike" {
		return true
	}
	return strings.HasSuffix(code, ".MIL") || strings.HasSuffix(code, ".GOV") || code == "COAL" || strings.HasSuffix(code, ".COAL") || strings.HasPrefix(code, "@")
}

// selfReported types are ones whose doer is often the one announcing them.
func selfReported(typ string) bool {
	switch typ {
	case "disrupted_weapons_use", "ceasefire", "agreement", "consult", "change_to_group_activity", "arrests",
		"non_state_actor_overtakes_territory", "government_regains_territory":
		return true
	}
	return false
}

// leadDate is the date the article's opening speaks of ("الجمعة", "أمس"),
// the default for events that carry no date of their own.
func (x *Extractor) leadDate(dc *doc) *dateMention {
	for k := range dc.dates {
		m := &dc.dates[k]
		if dc.sentOf[m.tok] <= 2 && m.Precision == "day" {
			return m
		}
	}
	return nil
}

func (x *Extractor) build(dc *doc, t arabic.Match[Trigger], s sentence, si int, sc sentCtx, typ string,
	a1, a2 *actorPick, pm *placeMention, lead *dateMention, nEvents int) *event.Event {
	ev := &event.Event{Doc: dc.art.ID, EventType: typ, ACLED: event.ACLED(typ)}
	if pm.carried != nil {
		ev.Location = pm.carried
	} else if f := pm.fallbackTo; pm.place == nil && f != nil {
		ev.Location = &event.Location{
			Name: pm.name, Lat: round(pm.lat), Lon: round(pm.lon), Admin1: f.Admin1, Admin2: f.Admin2,
			Country: f.Country, GeoPrecision: pm.precision,
		}
		dc.unknown[ev] = pm.fallbackDir
	} else if g := x.bareProvince(pm); g != nil && !attackType(typ) && family(typ) != "protest" {
		// a truce, a deal or a deployment "في إدلب" holds for the province
		ev.Location = &event.Location{
			Name: pm.name, Lat: round(g.Lat), Lon: round(g.Lon), Admin1: g.Admin1,
			Country: g.Country, GeoPrecision: 3, GazetteerID: g.ID,
		}
	} else if pm.place != nil {
		p := pm.place
		ev.Location = &event.Location{
			Name: pm.name, Lat: round(pm.lat), Lon: round(pm.lon), Admin1: p.Admin1, Admin2: p.Admin2,
			Country: p.Country, GeoPrecision: pm.precision, GazetteerID: p.ID,
		}
		if p.Kind == "subdistrict" || p.Kind == "town" || p.Kind == "village" {
			ev.Location.Admin3 = ""
		}
	} else {
		ev.Location = nil
	}
	country := ""
	if ev.Location != nil {
		country = ev.Location.Country
	}
	if a1 != nil {
		if c := placeActor(a1, country, typ); c != "" {
			ev.Actor1 = &event.Actor{Code: c, Text: a1.text}
		}
	}
	if a2 != nil {
		if c := placeActor(a2, country, typ); c != "" && (ev.Actor1 == nil || c != ev.Actor1.Code) {
			ev.Actor2 = &event.Actor{Code: c, Text: a2.text}
		}
	}
	if typ == "non_state_actor_overtakes_territory" && ev.Actor1 != nil && country != "" && (ev.Actor1.Code == country+".MIL" || ev.Actor1.Code == country+".GOV") {
		// "الجيش الوطني" read in Yemen: the country's own army regains its land
		ev.EventType, ev.ACLED = "government_regains_territory", event.ACLED("government_regains_territory")
	}
	if typ == "government_regains_territory" && ev.Actor1 != nil && foreignForce(ev.Actor1.Code, country) {
		// US forces taking Baghdad in 2003: a foreign army is not the
		// government regaining its land (its allies fighting for it are)
		ev.EventType, ev.ACLED = "non_state_actor_overtakes_territory", event.ACLED("non_state_actor_overtakes_territory")
	}
	// date
	background := sc.background
	if dm := x.dateFor(dc, t, s); dm != nil {
		d := dm.Date
		ev.Date, ev.DatePrecision = &d, dm.Precision
		dc.explicit[ev] = true
		if dc.hasAnchor && olderThan(d, dc.anchor, 20) {
			background = true
		}
	} else if !background {
		if lead != nil {
			d := lead.Date
			ev.Date, ev.DatePrecision = &d, lead.Precision
		} else if dc.hasAnchor && !dc.estimated {
			d := dc.anchor.Format("2006-01-02")
			ev.Date, ev.DatePrecision = &d, "day"
		}
	}
	// Without a publication date "أمس" counts from a date guessed from the
	// text, so the day is only as sure as the week (SPEC §1).
	if dc.estimated && ev.DatePrecision == "day" && !dc.explicitDay(ev, t, s) {
		ev.DatePrecision = "week"
	}
	// "بعد أسبوع على قصف مطار التيفور", "بعد يومين من الهجوم": the event the
	// anchor names happened that long before the day the sentence tells
	if days, prec, ok := x.elapsedBefore(dc, t, s); ok && ev.Date != nil && len(*ev.Date) == len("2006-01-02") {
		if d, err := time.Parse("2006-01-02", *ev.Date); err == nil {
			back := d.AddDate(0, 0, -days).Format("2006-01-02")
			ev.Date, ev.DatePrecision = &back, prec
			background = true
		}
	}
	ev.Background = background
	// claim and source
	claim := &event.Claim{Status: event.Reported}
	if sp := sc.speaker; sp != nil {
		ev.Source = &event.Source{Text: sp.text, Code: sp.code}
		if sp.party {
			claim.Status, claim.By = event.Claimed, sp.code
		}
	} else if dc.art.Outlet != "" {
		ev.Source = &event.Source{Text: dc.art.Outlet}
	}
	if sc.hedge {
		claim.Status = event.Alleged
	}
	if sc.deny {
		claim.DeniedBy = sc.denier
		if (sc.speaker == nil || sc.speaker.code == sc.denier) && !dc.accusedThenDenied(s) {
			// nobody else tells of it here: the sentence is only a denial
			claim.Status, claim.By = event.Denied, ""
		}
	}
	ev.Claim = claim
	if nEvents == 1 {
		ev.Fatalities = x.fatalities(dc, s)
	} else if f := x.fatalities(dc, s); f != nil && *f == 0 {
		ev.Fatalities = f // "دون وقوع إصابات" holds for every place the sentence names
	} else if pm.place != nil || pm.fallbackTo != nil {
		// "قتل ثمانية في قصف على خان شيخون فيما قتل ثلاثة في قصف لبلدة التح":
		// each toll in the clause of its own place
		if c, ok := x.ownClause(dc, t, pm, s); ok {
			ev.Fatalities = x.fatalities(dc, c)
		}
	}
	ev.Quantities = x.quantities(dc, s)
	ev.Evidence = []event.Span{dc.span(s.from, s.to)}
	return ev
}

func round(v float64) float64 {
	return float64(int64(v*100000+0.5*sign(v))) / 100000
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// olderThan reports whether date d lies more than days before anchor.
func olderThan(d string, anchor time.Time, days int) bool {
	var t time.Time
	var err error
	switch len(d) {
	case 10:
		t, err = time.Parse("2006-01-02", d)
	case 7:
		t, err = time.Parse("2006-01", d)
		t = t.AddDate(0, 1, -1)
	case 4:
		t, err = time.Parse("2006", d)
		t = t.AddDate(1, 0, -1)
	default:
		return false
	}
	return err == nil && anchor.Sub(t) > time.Duration(days)*24*time.Hour
}

// secondDay returns a day joined by و to the day dateFor picks for t
// ("ليل الأربعاء ويوم الخميس", "يومي 3 و4 أيار" read as two), or nil.
func (x *Extractor) secondDay(dc *doc, t arabic.Match[Trigger], s sentence) *dateMention {
	first := x.dateFor(dc, t, s)
	if first == nil || first.Precision != "day" || first.tok < s.from || first.tok >= s.to {
		return nil
	}
	for k := range dc.dates {
		m := &dc.dates[k]
		if m.tok <= first.tok || m.tok >= s.to || m.Precision != "day" || m.Date == first.Date {
			continue
		}
		gap := strings.TrimSpace(dc.art.Text[first.End:m.Start])
		if gap == "" && strings.HasPrefix(dc.art.Text[m.Start:m.End], "و") || gap == "و" {
			return m
		}
		break
	}
	return nil
}

// dateFor picks the date mention nearest the trigger in its sentence, or
// failing that the last one earlier in the paragraph.
func (x *Extractor) dateFor(dc *doc, t arabic.Match[Trigger], s sentence) *dateMention {
	var best *dateMention
	bestD := 1 << 30
	for k := range dc.dates {
		m := &dc.dates[k]
		if m.tok < s.from || m.tok >= s.to || m.tok > 0 && dc.hasForm(m.tok-1, "منذ") {
			continue // "منذ عام": since when, not when
		}
		if x.reportDate(dc, m, t) {
			continue // "كشف المركز الجمعة إحباط هجوم": when it was said, not when it happened
		}
		if x.closerTrigger(dc, m, t, s) {
			continue // "غارات … لأول مرة منذ وقف إطلاق النار منذ عام": the truce's date
		}
		d := abs(m.tok - t.From)
		if d < bestD {
			best, bestD = m, d
		}
	}
	if best != nil {
		return best
	}
	for k := len(dc.dates) - 1; k >= 0; k-- {
		m := &dc.dates[k]
		if m.tok < s.from && dc.sents[dc.sentOf[m.tok]].para == s.para {
			return m
		}
	}
	return nil
}

// fatalities reads "قتل 35 مدنيا", "أسفر عن 28 قتيلا", "مقتل 20 مدنيا".
func (x *Extractor) fatalities(dc *doc, s sentence) *int {
	best := -1
	none := false
	// "وثق المرصد منذ 18 شباط مقتل أكثر من 1700 مدني": a toll counted since a
	// day, or over a period, is a campaign's, never one event's
	cumulative := dc.anyForm(s.from, s.to, cumulativeWords...)
	for k := s.from; k < s.to-1 && !cumulative; k++ {
		if !dc.hasForm(k, "منذ") {
			continue
		}
		if dc.hasForm(k+1, "بدء", "بدايه", "اندلاع", "انطلاق") || dc.toks[k+1].Kind == arabic.Number || x.isNumberWord(dc, k+1) {
			cumulative = true // "منذ بدء الهجوم", "منذ 7 سنوات"
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
				v, bestD = nm.value, d
			}
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
	for _, e := range evs {
		if len(e.Evidence) == 0 {
			continue
		}
		if si, ok := sentAt[e.Evidence[0].Start]; ok {
			bySent[si] = append(bySent[si], e)
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
			if s.boiler || s.para != dc.sents[si].para && next > si+1 || other {
				break // another story, or too far
			}
			if f := x.fatalities(dc, s); f != nil {
				es[0].Fatalities = f
				break
			}
		}
	}
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
	return x.clauseOf(dc, pm.from, pm.to, pm, s)
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
	if nm.to >= s.to {
		return false
	}
	if u, ok := x.lx.Units.At(dc.d, nm.to, s.to); ok && u.From == nm.to && weaponUnits[u.Values[0]] {
		return true
	}
	return dc.hasForm(nm.to, notTollWords...) || dc.toks[nm.to].Norm == "%"
}

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

// merge folds a second mention of the same event into the first.
func merge(into, from *event.Event) {
	// evidence stays sorted by offset, without repeats
	for _, sp := range from.Evidence {
		ev := into.Evidence
		i := sort.Search(len(ev), func(i int) bool { return ev[i].Start >= sp.Start })
		if i < len(ev) && ev[i].Start == sp.Start {
			continue
		}
		ev = append(ev, event.Span{})
		copy(ev[i+1:], ev[i:])
		ev[i] = sp
		into.Evidence = ev
	}
	if into.Actor1 == nil {
		into.Actor1 = from.Actor1
	}
	if into.Actor2 == nil && from.Actor2 != nil && (into.Actor1 == nil || from.Actor2.Code != into.Actor1.Code) {
		into.Actor2 = from.Actor2
	}
	if from.Fatalities != nil && (into.Fatalities == nil || *from.Fatalities > *into.Fatalities) {
		into.Fatalities = from.Fatalities
	}
	for _, q := range from.Quantities {
		dup := false
		for _, q2 := range into.Quantities {
			if q2 == q {
				dup = true
			}
		}
		if !dup {
			into.Quantities = append(into.Quantities, q)
		}
	}
	if into.Source == nil {
		into.Source = from.Source
	}
	if from.Claim != nil && into.Claim != nil {
		if from.Claim.Status == event.Denied {
			into.Claim.DeniedBy = from.Claim.DeniedBy
		} else if into.Claim.Status == event.Denied {
			denier := into.Claim.DeniedBy
			*into.Claim = *from.Claim
			into.Claim.DeniedBy = denier
		} else if into.Claim.By == "" && from.Claim.By != "" {
			into.Claim.By, into.Claim.Status = from.Claim.By, from.Claim.Status
		}
	}
	into.Background = into.Background && from.Background
}

// placeFits checks a place against what an event type can happen at: talks
// and agreements happen in a city named with "في" (a summit in Tehran),
// not in a province the talks are about.
func (x *Extractor) placeFits(dc *doc, typ string, pm *placeMention) bool {
	switch typ {
	case "consult", "agreement":
		if pm.place == nil || pm.region || pm.near || precisionOf(pm.place) > 1 {
			return false
		}
		return pm.from > 0 && dc.hasForm(pm.from-1, "في")
	}
	return true
}

// subsume folds coarse mentions into fine ones, as ACLED counts an event
// once: "غارات على محافظة إدلب" after "غارة على بلدة حارم" in the same
// governorate, on the same day or with no day, is the same raid told twice.
func subsume(evs []*event.Event, bare, weak map[*event.Event]bool) []*event.Event {
	keep := make([]bool, len(evs))
	for i := range keep {
		keep[i] = true
	}
	for i, coarse := range evs {
		if coarse.Location == nil || coarse.Location.GeoPrecision < 3 && !bare[coarse] {
			continue
		}
		for j, fine := range evs {
			if i == j || !keep[j] || fine.Location == nil {
				continue
			}
			// "مقتل 20 بقصف على الغوطة" over "غارات على حمورية": a word that
			// said no kind of attack tells the body's attack at its region
			sameSide := coarse.Actor1 == nil || fine.Actor1 != nil && fine.Actor1.Code == coarse.Actor1.Code
			if fine.EventType != coarse.EventType && !(weak[coarse] && attackType(coarse.EventType) && attackType(fine.EventType) && sameSide) {
				continue
			}
			if bare[coarse] {
				// "انفجار بإدلب" in a headline, "في بلدة سرمدا" in the body:
				// a city named like its province may stand for the province.
				if bare[fine] || fine.Location.GazetteerID == coarse.Location.GazetteerID {
					continue
				}
			} else if fine.Location.GeoPrecision >= coarse.Location.GeoPrecision {
				continue
			}
			if fine.Location.Admin1 == "" || fine.Location.Admin1 != coarse.Location.Admin1 {
				continue
			}
			if coarse.Date != nil && fine.Date != nil && *coarse.Date != *fine.Date {
				continue
			}
			own := fine.Fatalities
			merge(fine, coarse)
			if own != nil {
				fine.Fatalities = own // the region's toll sums its towns': each town keeps its own
			}
			keep[i] = false
			break
		}
	}
	var out []*event.Event
	for i, e := range evs {
		if keep[i] {
			out = append(out, e)
		}
	}
	return out
}

// attackType reports the types that a foiling can be of.
func attackType(typ string) bool {
	switch typ {
	case "armed_clash", "air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "suicide_bomb", "grenade", "chemical_weapon", "attack":
		return true
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

// armed reports whether an actor mention can be a side that fights.
func armed(am actorMention) bool {
	switch am.kind {
	case "civilian", "official", "person", "state", "body":
		return false
	}
	return true
}

// family groups event types that tell one story: a protest and its
// dispersal, an attack and its casualties.
func family(typ string) string {
	switch typ {
	case "peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters", "violent_demonstration", "mob_violence", "arrests":
		return "protest"
	}
	if attackType(typ) {
		return "attack"
	}
	return typ
}

// carried returns the latest event of the two sentences before whose story
// a placeless trigger continues.
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
	}
	return nil
}

// linkDenial adds a denial to the events it denies: those at a place the
// denying sentence names, or else the latest event before it.
func (x *Extractor) linkDenial(dc *doc, s sentence, denier string, before []*event.Event) {
	var ids []string
	for k := range dc.places {
		pm := &dc.places[k]
		if pm.from >= s.from && pm.from < s.to && pm.place != nil {
			ids = append(ids, pm.place.ID)
		}
	}
	linked := false
	for _, e := range before {
		if e.Location == nil || e.Claim == nil {
			continue
		}
		for _, id := range ids {
			if e.Location.GazetteerID == id && e.Claim.DeniedBy == "" {
				e.Claim.DeniedBy = denier
				linked = true
			}
		}
	}
	if !linked && len(ids) == 0 && len(before) > 0 {
		if e := before[len(before)-1]; e.Claim != nil && e.Claim.DeniedBy == "" && e.Claim.Status == event.Claimed {
			e.Claim.DeniedBy = denier
		}
	}
}

// upgrade folds a peaceful protest into the dispersal of the same protest
// (ACLED codes one event, "Protest with intervention").
func upgrade(evs []*event.Event, dc *doc) []*event.Event {
	// "لقي فلسطينيان مصرعهما برصاص الجيش خلال مشاركتهما في الاحتجاجات":
	// a state's forces shooting civilians where and when a protest is told
	// (an event of the day there, or in a sentence that tells the event) is
	// force used against the protesters
	protests := map[string]bool{}
	for _, e := range evs {
		if family(e.EventType) == "protest" && e.Location != nil && e.Date != nil {
			protests[e.Location.Admin1+"|"+*e.Date] = true
		}
	}
	for _, e := range evs {
		if (e.EventType == "armed_clash" || e.EventType == "attack") && e.Location != nil && e.Date != nil &&
			e.Actor1 != nil && state(e.Actor1.Code) && (e.Actor2 == nil || crowd(e.Actor2.Code)) &&
			(e.Actor2 != nil && protests[e.Location.Admin1+"|"+*e.Date] || dc.protestStory(e)) {
			e.EventType, e.ACLED = "excessive_force_against_protesters", event.ACLED("excessive_force_against_protesters")
		}
	}
	strong := map[string]*event.Event{}
	for _, e := range evs {
		if e.EventType == "protest_with_intervention" || e.EventType == "excessive_force_against_protesters" {
			strong[placeDay(e)] = e
		}
	}
	var out []*event.Event
	for _, e := range evs {
		if e.EventType == "peaceful_protest" {
			if into := strong[placeDay(e)]; into != nil {
				merge(into, e)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// protestStory reports an event told in a sentence that speaks of a
// protest and of people killed or wounded.
func (dc *doc) protestStory(e *event.Event) bool {
	for _, st := range dc.sents {
		told := false
		for _, sp := range e.Evidence {
			told = told || sp.Start == st.start
		}
		if !told || st.boiler {
			continue
		}
		hurt := false
		for _, c := range within(dc.casualty, st) {
			hurt = hurt || c.Values[0] == "killed" || c.Values[0] == "injured"
		}
		for _, t := range within(dc.triggers, st) {
			if hurt && family(t.Values[0].Type) == "protest" {
				return true
			}
		}
	}
	return false
}

func placeDay(e *event.Event) string {
	k := dedupKey(e)
	return k[strings.Index(k, "|"):]
}

// state reports forces of a state: the armed forces, police and security.
func state(code string) bool {
	return strings.HasSuffix(code, ".GOV") || strings.HasSuffix(code, ".MIL") || strings.HasPrefix(code, localCode)
}

// crowd reports protesters, rioters and civilians.
func crowd(code string) bool { return code == "PRO" || code == "RIO" || code == "CIV" }

// protestActors orders the sides of protests and arrests as ACLED does:
// protesters are actor1 of a protest and the forces that break it up
// actor2; the forces that arrest are actor1 of an arrest.
func (x *Extractor) protestActors(dc *doc, s sentence, typ string, a1, a2 *actorPick, said string) (*actorPick, *actorPick) {
	var crowdPick, forcePick *actorPick
	for i := range dc.actors {
		am := dc.actors[i]
		if am.from < s.from || am.from >= s.to {
			continue
		}
		switch {
		case crowd(am.code) && crowdPick == nil:
			crowdPick = x.pickOf(dc, i, typ)
		case state(am.code) && am.kind != "state" && forcePick == nil:
			forcePick = x.pickOf(dc, i, typ)
		}
	}
	switch typ {
	case "arrests":
		if forcePick != nil {
			a1 = forcePick
		} else if a1 != nil && crowd(a1.code) {
			a1 = nil
		}
		if crowdPick != nil {
			a2 = crowdPick
		}
	default:
		if crowdPick != nil {
			a1 = crowdPick
		} else if a1 == nil || !crowd(a1.code) {
			a1 = &actorPick{code: "PRO", text: said, idx: -1} // ACLED's "Protesters (country)"
		}
		if (typ == "violent_demonstration" || typ == "mob_violence") && a1.code == "PRO" {
			a1 = &actorPick{code: "RIO", text: a1.text, idx: a1.idx, kind: a1.kind} // ACLED's "Rioters (country)"
		}
		a2 = nil
		if typ != "peaceful_protest" && forcePick != nil {
			a2 = forcePick
		}
		if typ == "excessive_force_against_protesters" && a2 != nil {
			a1, a2 = a2, a1 // ACLED: the force is actor1, the protesters actor2
		}
	}
	return a1, a2
}

// storyType is the attack kind the article has been telling in the three
// sentences before s, read from their weapon words ("" when none or mixed).
func (x *Extractor) storyType(dc *doc, s sentence) string {
	from := s.start
	si := dc.sentOf[s.from]
	if si >= 3 {
		from = dc.sents[si-3].start
	} else if si > 0 {
		from = dc.sents[0].start
	}
	kind := ""
	for _, m := range dc.instr {
		st := dc.toks[m.From].Start
		if st < from || st >= s.start {
			continue
		}
		if kind != "" && kind != m.Values[0] {
			return ""
		}
		kind = m.Values[0]
	}
	return kind
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
	if t.Values[0].Class == "generic" && !pm.bareCity {
		return false
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

// armedTarget reports an armed actor among those an attack word targets.
func (x *Extractor) armedTarget(dc *doc, t arabic.Match[Trigger], s sentence, a1 *actorPick) bool {
	end := dc.clauseEnd(t.To, s.to, 12)
	for i, am := range dc.actors {
		if am.from >= t.To && am.from < end && (a1 == nil || a1.idx != i) && !crowd(am.code) && am.kind != "state" && am.kind != "person" {
			return true
		}
	}
	return false
}

// reportDate reports a date that dates the telling: it follows a reporting
// word or its speaker directly and comes before the event word.
func (x *Extractor) reportDate(dc *doc, m *dateMention, t arabic.Match[Trigger]) bool {
	if m.tok >= t.From {
		return false
	}
	for _, c := range dc.cues {
		if c.Values[0] != "report" {
			continue
		}
		if c.To == m.tok {
			return true
		}
		if c.To <= m.tok && m.tok-c.To <= 6 {
			for _, sm := range dc.sources {
				if sm.from >= c.To && sm.to == m.tok {
					return true
				}
			}
			for _, am := range dc.actors {
				if am.from >= c.To && am.to == m.tok {
					return true
				}
			}
		}
	}
	return false
}

// foldUndated folds an event dated only by default (the article's lead
// date) into an event of the same story at the same place that has a date
// of its own: "مجموعات مسلحة هاجمت القاعدة" after "القاعدة شهدت هجوما
// الخميس لكنه أحبط" is the same attack.
func foldUndated(evs []*event.Event, explicit map[*event.Event]bool) []*event.Event {
	var out []*event.Event
	for _, e := range evs {
		if !explicit[e] && e.Location != nil && (!e.Background || e.Date == nil) {
			var into *event.Event
			for _, o := range evs {
				// the same point, or the same town told near or on one of its
				// sides ("قرب مدينة أوباري", "شمالي بلدة أوباري")
				if o == e || o.Location == nil || o.Location.GazetteerID == "" || o.Location.GazetteerID != e.Location.GazetteerID {
					continue
				}
				samePoint := explicit[o] && o.Location.Lat == e.Location.Lat && o.Location.Lon == e.Location.Lon
				// an undated report of the same kind at the same town, near it
				// or on one of its sides, is the dated one told again
				retold := o.Date != nil && e.Date == nil && o.EventType == e.EventType &&
					o.Location.GeoPrecision <= 2 && e.Location.GeoPrecision <= 2
				if (samePoint || retold) && story(o.EventType) == story(e.EventType) {
					into = o
					break
				}
			}
			if into != nil {
				own := into.Fatalities
				merge(into, e)
				if own != nil {
					into.Fatalities = own // the dated report's own toll, not another source's count
				}
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// foldCoarse folds an event dated only by its year or month into the one
// of the same type and place whose day falls in it: "ضربات صاروخية مثل ما
// فعلت الولايات المتحدة العام الماضي على مطار الشعيرات" and "شنت ضربة صاروخية
// على مطار الشعيرات … في 4 أبريل 2017" are one strike, told at two precisions.
func foldCoarse(evs []*event.Event) []*event.Event {
	var out []*event.Event
	for _, c := range evs {
		var into *event.Event
		if c.Date != nil && c.Location != nil && len(*c.Date) < len("2006-01-02") {
			for _, f := range evs {
				if f != c && f.Date != nil && f.Location != nil && f.EventType == c.EventType &&
					len(*f.Date) > len(*c.Date) && strings.HasPrefix(*f.Date, *c.Date+"-") && samePlace(f.Location, c.Location) {
					into = f
					break
				}
			}
		}
		if into != nil {
			merge(into, c)
			continue
		}
		out = append(out, c)
	}
	return out
}

// linkRementions folds an event whose words never said what kind of attack
// it was ("الهجوم على دوما", "استهداف المطار") into an attack of a named kind
// the article tells at the same place: a story retold in other words is one
// event (SPEC §2), typed by the words that name it. Two different explicit
// days stay two events.
func linkRementions(evs []*event.Event, dc *doc) []*event.Event {
	var out []*event.Event
	for _, w := range evs {
		if dc.weak[w] && w.Location != nil {
			var into *event.Event
			for _, o := range evs {
				if o == w || dc.weak[o] || o.Location == nil || story(o.EventType) != story(w.EventType) {
					continue
				}
				if !samePlace(o.Location, w.Location) {
					continue
				}
				if dc.explicit[o] && dc.explicit[w] && !sameDate(o, w) {
					continue
				}
				into = o
				break
			}
			if into != nil {
				merge(into, w)
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// samePlace reports two locations that name one place: the same gazetteer
// entry, or points less than 2 km apart at the same precision.
func samePlace(a, b *event.Location) bool {
	if a.GazetteerID != "" && a.GazetteerID == b.GazetteerID {
		return true
	}
	return a.GeoPrecision == b.GeoPrecision && geo.Km(a.Lat, a.Lon, b.Lat, b.Lon) < 2
}

// story groups the types that one retold event may take: an attack and
// its foiling are one story; any other type only with itself (a protest
// and its dispersal are joined by upgrade, an arrest stays an arrest).
func story(typ string) string {
	if typ == "disrupted_weapons_use" || attackType(typ) {
		return "attack"
	}
	return typ
}

// foldMisspelt merges events at two names the gazetteer lacks that differ
// only in a letter's dots ("غرب سعيد" for "عرب سعيد"): the same village
// spelt twice. The one placed more exactly (a side of a town was named)
// keeps its place.
func foldMisspelt(evs []*event.Event, unknown map[*event.Event]bool) []*event.Event {
	var out []*event.Event
	keep := map[*event.Event]bool{}
	for _, e := range evs {
		keep[e] = true
	}
	for i, a := range evs {
		if _, ok := unknown[a]; !ok || !keep[a] {
			continue
		}
		for _, b := range evs[i+1:] {
			if _, ok := unknown[b]; !ok || !keep[b] || a.EventType != b.EventType || !sameDate(a, b) {
				continue
			}
			if arabic.Rasm(a.Location.Name) != arabic.Rasm(b.Location.Name) {
				continue
			}
			into, from := a, b
			if unknown[b] && !unknown[a] {
				into, from = b, a
			}
			merge(into, from)
			keep[from] = false
		}
	}
	for _, e := range evs {
		if keep[e] {
			out = append(out, e)
		}
	}
	return out
}

func sameDate(a, b *event.Event) bool {
	return a.Date == nil && b.Date == nil || a.Date != nil && b.Date != nil && *a.Date == *b.Date
}

// responsibility words: a group that claims an attack did it.
var responsibility = words("responsibility")

// claimant finds an actor claiming responsibility in the sentence or the
// next one ("وتبنت حركة الشباب الهجوم", "أعلن تنظيم الدولة مسؤوليته عن التفجير").
func (x *Extractor) claimant(dc *doc, s sentence, typ string) *actorPick {
	si := dc.sentOf[s.from]
	to := s.to
	if si+1 < len(dc.sents) {
		to = dc.sents[si+1].to
	}
	for k := s.from; k < to; k++ {
		if !dc.hasForm(k, responsibility...) {
			continue
		}
		for i, am := range dc.actors {
			if am.from >= k-6 && am.from <= k+3 && armed(am) {
				return x.pickOf(dc, i, typ)
			}
		}
	}
	return nil
}

// closerTrigger reports a date mention that stands nearer another event
// word of the sentence, of another story (a truce, talks), than t: it dates
// that one.
func (x *Extractor) closerTrigger(dc *doc, m *dateMention, t arabic.Match[Trigger], s sentence) bool {
	d := abs(m.tok - t.From)
	for _, o := range dc.triggers {
		if o.From < s.from || o.From >= s.to || o.From == t.From || story(o.Values[0].Type) == story(t.Values[0].Type) {
			continue
		}
		if abs(m.tok-o.From) < d {
			return true
		}
	}
	return false
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

// explicitDay reports an event dated by a day written out in full (not
// relative to the publication date).
func (dc *doc) explicitDay(ev *event.Event, t arabic.Match[Trigger], s sentence) bool {
	for _, m := range dc.dates {
		if m.tok >= s.from && m.tok < s.to && !m.Relative && ev.Date != nil && m.Date == *ev.Date {
			return true
		}
	}
	return false
}

// actorRange is the index range of the actor mentions that start in s
// (dc.actors is sorted by position).
func (dc *doc) actorRange(s sentence) (int, int) {
	lo := sort.Search(len(dc.actors), func(i int) bool { return dc.actors[i].from >= s.from })
	hi := sort.Search(len(dc.actors), func(i int) bool { return dc.actors[i].from >= s.to })
	return lo, hi
}

// within returns the matches of ms (sorted by position) that start in s.
func within[T any](ms []arabic.Match[T], s sentence) []arabic.Match[T] {
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].From >= s.from })
	hi := sort.Search(len(ms), func(i int) bool { return ms[i].From >= s.to })
	return ms[lo:hi]
}
