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

func (x *Extractor) assemble(dc *doc) []event.Event {
	var out []*event.Event
	dc.explicit = map[*event.Event]bool{}
	dc.writtenDate = map[*event.Event]bool{}
	dc.unknown = map[*event.Event]bool{}
	dc.weak = map[*event.Event]bool{}
	dc.bare = map[*event.Event]bool{}
	index := map[string]*event.Event{}
	// addCopy adds a copy of ev that change makes another event (another
	// day, another type), unless the article has that event already.
	addCopy := func(ev *event.Event, change func(c *event.Event)) {
		c := *ev
		c.Evidence = append([]event.Span(nil), ev.Evidence...)
		change(&c)
		if _, ok := index[dedupKey(&c)]; !ok {
			index[dedupKey(&c)] = &c
			out = append(out, &c)
		}
	}
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
		if sc.habitual && x.habitualSentence(dc, s) {
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
		if sc.habitual {
			trigs = x.dropHabitual(dc, s, trigs)
		}
		if len(trigs) == 0 {
			continue
		}
		places := x.sentencePlaces(dc, s)
		assigned := make([][]*placeMention, len(trigs))
		// where the clause of what each event word answers, or of a
		// since-clause after it, begins (-1: none)
		answered := make([]int, len(trigs))
		for ti, t := range trigs {
			answered[ti] = x.answerAfter(dc, t, s)
		}
		var prev *placeMention
		prevBest := -1
		for _, pm := range places {
			best := -1
			for ti, t := range trigs {
				if t.To <= pm.from {
					best = ti // the nearest trigger on the left
				}
			}
			// "وتعرضت بلدات نوى وكحيل والسهوة …، لعشرات الغارات": a name of
			// the list goes where the list's first name goes
			listed := prev != nil && prevBest >= 0 && best < 0 && pm.from <= prev.to+1 && strings.HasPrefix(dc.norm(pm.from), "و")
			prev = pm
			if listed {
				assigned[prevBest] = append(assigned[prevBest], pm)
				continue
			}
			if best >= 0 && dc.contrastBetween(trigs[best].To, pm.from) {
				// "لم تورد تفاصيل عن تعرض الفريق لإطلاق النار، بل … وصول الوفد
				// إلى دمشق تم عقد عدة اجتماعات": the place is the next clause's
				for ti, t := range trigs {
					if t.From >= pm.to {
						best = ti
						break
					}
				}
			}
			if best >= 0 {
				if cut := answered[best]; cut >= 0 && pm.from >= cut {
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
				if dc.clauseEnd(pm.to, s.to, 40) < trigs[0].From && !(len(places) == 1 && x.pointedAt(dc, pm.from, s)) && !dc.subjected(pm) && !dc.fronted(pm, s, places, trigs[0].From) {
					prevBest = -1
					continue
				}
				best = 0
			}
			prevBest = best
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
				// "مقاتلات ومدفعية التحالف دمرت مواقع في …": two weapons joined by و strike the same places
				// "اشتباكات وتبادلا للقصف": the second of two joined words shares the first's
				joined := trigs[tj].From == trigs[ti].To && strings.HasPrefix(dc.norm(trigs[tj].From), "و") ||
					trigs[ti].From == trigs[tj].To && strings.HasPrefix(dc.norm(trigs[ti].From), "و")
				// "لعشرات الغارات، ترافقت مع قصف مدفعي": the shelling that went
				// with the strikes fell on the same towns
				accompanied := tj < ti && trigs[ti].From-trigs[tj].To <= 8 && dc.anyForm(max(s.from, trigs[ti].From-3), trigs[ti].From, accompanyWords...)
				if accompanied && len(assigned[tj]) > 0 {
					assigned[ti] = assigned[tj]
					break
				}
				// "عملية للسيطرة على منطقة عفرين، وسيطرت عليها هذا الأسبوع": a
				// pronoun object points back to the place of the same story's word
				if tj < ti && len(assigned[tj]) > 0 && trigs[ti].From-trigs[tj].To <= 15 && story(trigs[tj].Values[0].Type) == story(trigs[ti].Values[0].Type) && dc.hasForm(trigs[ti].To-1, "عليها", "عليه", "عليهم") {
					assigned[ti] = assigned[tj]
					break
				}
				if tj != ti && (generic || joined) && len(assigned[tj]) > 0 && abs(trigs[tj].From-trigs[ti].From) <= 6 {
					assigned[ti] = assigned[tj]
					break
				}
			}
		}
		// an agreement shares the places of what it arranges ("اتفاق يقضي
		// بإخراج المقاتلين من مدينة حرستا": the evacuation is only planned)
		for ti, t := range trigs {
			if t.Values[0].Type != "agreement" || len(assigned[ti]) > 0 {
				continue
			}
			for tj := ti + 1; tj < len(trigs); tj++ {
				if trigs[tj].Values[0].Type != "non_violent_transfer_of_territory" {
					continue
				}
				for _, pm := range assigned[tj] {
					if dc.agreedFor(t, pm) {
						assigned[ti] = append(assigned[ti], pm)
					}
				}
			}
		}
		distinct := map[*placeMention]bool{}
		for ti := range trigs {
			for _, pm := range assigned[ti] {
				distinct[pm] = true
			}
		}
		// a governorate or country that holds another place of the sentence
		// only says where that lies ("استهدف بلدة دوما الخاضعة لسيطرة
		// المعارضة بريف دمشق"): it tells no place of its own
		for pm := range distinct {
			for o := range distinct {
				if o != pm && holds(pm, o) {
					delete(distinct, pm)
					break
				}
			}
		}
		// fatalities go to an event only when the sentence tells of one
		// place, however often it names it ("استهدفت مطار التيفور … من قصف التيفور")
		nEvents := 0
		seen := map[string]bool{}
		for pm := range distinct {
			if pm.place == nil {
				nEvents++
			} else if !seen[pm.place.ID] {
				seen[pm.place.ID] = true
				nEvents++
			}
		}
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
				if prev := carried(out[:sentStart], t.Values[0], si, dc); prev != nil && t.Values[0].Class == "strong" && !dc.elsewhere(s) &&
					!answersAt(places, answered[ti], prev.Location) && !x.otherDay(dc, t, s, prev) {
					a1, a2 := x.actorsFor(dc, t, s, sc, si)
					loc := *prev.Location
					ev := x.build(dc, t, s, si, sc, t.Values[0].Type, a1, a2, &placeMention{carried: &loc}, leadDate, 1)
					if placedStory(trigs, assigned, ti) {
						// "مقتل ستة مدنيين جراء القصف على بلدة صيدا، التي تتعرض لغارات": the
						// dead are of the place the sentence names, not of the story carried on
						ev.Fatalities = nil
					}
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
			if (t.Values[0].Class == "territory" || typ == "disrupted_weapons_use" && !dc.firedToIntercept(t, s) || typ == "change_to_group_activity") && dc.aim(t.From, s) {
				dc.note(t, "an aim, not a takeover, a foiling or a move")
				continue // "هجوما لاستعادة السيطرة", "للمساعدة في صد هجوم", "مهلة للانسحاب": an aim, not a takeover, a foiling or a move
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
			at := assigned[ti]
			if t.Values[0].Class == "generic" && !dc.introduces(t) && attackType(typ) {
				// "الغارات استهدفت بلدات عدة في الريف الشرقي، حيث تركز القصف على
				// بلدات الجيزة وكحيل": the attack told, at the towns it names as
				// its targets (after "على", not "الضربة نفذت بالتنسيق مع حكومة … في طرابلس")
				if told, towns := toldTowns(trigs, assigned, ti); told != "" {
					if len(towns) == 0 || !dc.hasForm(t.To-1, "علي") && !dc.hasForm(t.To, "علي") {
						dc.note(t, "points back to the attack its sentence told")
						continue // "نفذت غارة جوية قرب أوباري … مشيرا إلى أن الضربة نفذت بالتنسيق مع حكومة … في طرابلس"
					}
					typ, at = told, towns
				}
			}
			if typ == "attack" && x.armedTarget(dc, t, s, a1) {
				typ = "armed_clash" // "الاعتداء على المواطنين وقوات حفظ النظام": fighters were among the targets
			}
			if typ == "armed_clash" && t.Values[0].Class == "generic" && x.civilianTarget(dc, t, s) && !x.armedTarget(dc, t, s, a1) {
				typ = "attack" // "هجوم على كنيسة": aimed at civilians, not a battle
			}

			frameAt := x.frameStart(dc, t, s)
			prepared := dc.preparedAt(t, s)
			for _, pm := range at {
				if frameAt >= 0 && pm.to <= frameAt {
					dc.skip(t, pm, "where it is looked into or reacted to (legal or reaction frame)")
					continue // "الجلسة في لاهاي … التحقيق في استخدام الكيماوي": where it is looked into
				}
				if prepared >= 0 && pm.from >= prepared && assigned[ti][0].to <= prepared {
					dc.skip(t, pm, "where it is meant to go next")
					continue // "وصول تعزيزات إلى محيط بصرى الشام استعدادا لفتح محور باتجاه معبر نصيب": where it is meant to go next
				}
				if answered[ti] >= 0 && pm.from >= answered[ti] {
					dc.skip(t, pm, "the place of what it answers, or of a since-clause")
					continue // "شن غارة على غزة ردا على إطلاق نار … في سديروت": the place of what was answered
				}
				// (but "منطقة المرج ومحيط بلدة الشيفونية" names a second target)
				if (pm.near && !dc.hasForm(pm.from, "ومحيط", "واطراف") || dc.describedBy(pm, assigned[ti])) && nearOther(pm, assigned[ti]) {
					dc.skip(t, pm, "it says where a place named before lies")
					continue // "الغوطة الشرقية، آخر المعاقل … بالقرب من العاصمة دمشق": where the first place lies
				}
				if pm.to <= t.From && dc.speakerSeat(pm, sc) || dc.sourceSeat(pm) {
					dc.skip(t, pm, "where the speaker sits")
					continue // "قال مجلس حقوق الإنسان بجنيف إن احتجاز …": where the speaker sits
				}
				if (attackType(typ) || family(typ) == "protest") && dc.bodySeat(pm) {
					dc.skip(t, pm, "where a government or body named there sits")
					continue // "رغم وعود الحكومة المركزية في بغداد": where the government sits
				}
				if pm.excepted {
					dc.skip(t, pm, "a place the sentence leaves out")
					continue // "سيطرت الفصائل على كامل محافظة إدلب باستثناء بلدتي الفوعة وكفريا"
				}
				if pm.origin && typ != "non_violent_transfer_of_territory" && (len(assigned[ti]) > 1 || attackType(typ)) && !dc.hometown(pm) &&
					!(typ == "agreement" && dc.agreedFor(t, pm)) {
					dc.skip(t, pm, "a point of departure, not the target")
					continue // "أتت من قاعدة حميميم": where the planes came from, not the target
				}
				if pm.from == pm.nameFrom && pm.to < len(dc.toks) && dc.hasForm(pm.to, "ثانيه", "ثان") {
					dc.skip(t, pm, "a likeness, not a place")
					continue // "الغوطة الشرقية قد تستحيل إلى حلب ثانية"
				}
				if dc.seatOf(pm) || typ != "consult" && dc.issuedIn(pm) { // (talks are told to journalists where they are held)
					dc.skip(t, pm, "where a body or a speaker sits, or a statement was issued")
					continue // "وقال المتحدث باسم المجلس، ومقره في القامشلي،"
				}
				if dc.retreatedTo(pm) {
					dc.skip(t, pm, "where those who withdrew or fled headed")
					continue // "انسحب أفراد التنظيم باتجاه مخيم اليرموك": where they went, not where it happened
				}
				if typ != "non_violent_transfer_of_territory" && typ != "agreement" && dc.takenTo(pm) {
					dc.skip(t, pm, "where someone or something was taken")
					continue // "ونقل على إثرها إلى مستشفى ناصر", "احتجاجات على نقل السفارة إلى القدس": where he or it was taken
				}
				if typ == "disrupted_weapons_use" && dc.launchSite(t, pm) {
					dc.skip(t, pm, "where what was downed was launched from")
					continue // "تدمير طائرتين أطلقتا من منطقة … قرب بلدة كفرنبل": the launch site
				}
				if !pm.origin && typ == "non_violent_transfer_of_territory" && hasOrigin(assigned[ti]) {
					dc.skip(t, pm, "the town handed over is the one they left")
					continue // "خرجوا من دوما باتجاه الشمال": the town handed over is the one they left
				}
				if t.Values[0].Class == "generic" && (strongAt[pm] || protestAt[pm] && !dc.weaponAt(t.From)) {
					dc.skip(t, pm, "a stronger event word already tells what happened there")
					continue // "إحباط هجوم على القاعدة": the foiling, not a second event
				}
				if !x.placeFits(dc, t, typ, pm) {
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
					addCopy(ev, func(c *event.Event) {
						d := second.Date
						c.Date, c.DatePrecision = &d, second.Precision
						dc.explicit[c] = true
						dc.writtenDate[c] = !second.Relative
					})
				}
				// "اتفاق إجلاء المقاتلين": a deal to evacuate is an agreement
				// made, as well as the handover it brings
				if typ == "non_violent_transfer_of_territory" && dc.hasForm(t.From, "اتفاق", "اتفاقيه") {
					addCopy(ev, func(c *event.Event) {
						c.EventType, c.ACLED = "agreement", event.ACLED("agreement")
					})
				}
				if pm.bareCity {
					dc.bare[ev] = true
				}
				if t.Values[0].Class == "generic" && (typ == t.Values[0].Type || typ == "attack" && t.Values[0].Type == "armed_clash") && !dc.kindNamed(t, typ, s) {
					// "الهجوم", "استهداف", "هجوم على كنيسة": no word said what kind
					// of attack (a civilian target only says at whom)
					dc.weak[ev] = true
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
	out = linkRementions(upgrade(foldRepeatedChemical(subsume(foldCoarse(foldUndated(foldMisspelt(out, dc.unknown), dc.explicit)), dc.bare, dc.weak, x.gz), dc.writtenDate), dc), dc)
	x.tollsAfter(dc, out)
	for _, e := range out {
		if quietTypes[e.EventType] {
			e.Fatalities = nil // "تعزيزات … أدى إلى مقتل 14": the toll is the attack's, not the reinforcements'
		}
	}
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
	// a protest told by its protesters' acts ("وهتف المتظاهرون", "واعتصم
	// المتظاهرون") is concrete enough: the sentence classifier vets it
	acted := family(t.Values[0].Type) == "protest" && t.Values[0].Type != "arrests" && t.Values[0].Class == "strong" && t.To-t.From > 1
	if x.framed(dc, t, s) != "" || !dc.introduces(t) || !concrete(dc, s) && !acted {
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

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
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
	if typ == "armed_clash" && t.Values[0].Class == "generic" && ev.Actor1 != nil && strikesFromAir(ev.Actor1.Code, country) && len(within(dc.instr, s)) == 0 {
		// "شنت إسرائيل هجوما على مطار التيفور": in Syria, Lebanon or Iraq
		// these forces attack from the air
		typ = "air_drone_strike"
		ev.EventType, ev.ACLED = typ, event.ACLED(typ)
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
	if typ == "government_regains_territory" && ev.Actor1 != nil && (foreignForce(ev.Actor1.Code, country) || a1.code != ev.Actor1.Code && !isGovernment(ev.Actor1.Code)) {
		// US forces taking Baghdad in 2003: a foreign army is not the
		// government regaining its land (its allies fighting for it are);
		// nor is a force that the place shows to be no state's ("الميليشيات
		// الموالية لإيران" in Yemen, the Houthis)
		ev.EventType, ev.ACLED = "non_state_actor_overtakes_territory", event.ACLED("non_state_actor_overtakes_territory")
	}
	// date
	background := sc.background
	if dm := x.dateFor(dc, t, s); dm != nil {
		d := dm.Date
		ev.Date, ev.DatePrecision = &d, dm.Precision
		dc.explicit[ev] = true
		dc.writtenDate[ev] = !dm.Relative
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
		if (sc.speaker == nil || sc.speaker.code == sc.denier) && !dc.accusedThenDenied(s) && !dc.deniedReports(s) {
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

// strikesFromAir reports forces that fight in a country from the air:
// Israel's in Syria, Lebanon and Iraq; the international coalition and
// its members in Syria and Iraq.
func strikesFromAir(code, country string) bool {
	switch code {
	case "ISR.MIL":
		return country == "SYR" || country == "LBN" || country == "IRQ"
	case "COAL", "USA.MIL", "GBR.MIL", "FRA.MIL":
		return country == "SYR" || country == "IRQ"
	}
	return false
}

// accompanyWords tell one act going with another ("ترافقت مع", "رافقه",
// "تزامن مع"): the second struck where the first did.
var accompanyWords = words("accompany")

func round(v float64) float64 {
	return float64(int64(v*100000+0.5*sign(v))) / 100000
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// within returns the matches of ms (sorted by position) that start in s.
func within[T any](ms []arabic.Match[T], s sentence) []arabic.Match[T] {
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].From >= s.from })
	hi := sort.Search(len(ms), func(i int) bool { return ms[i].From >= s.to })
	return ms[lo:hi]
}

// holds reports a governorate or country mention whose area holds place o.
func holds(pm, o *placeMention) bool {
	if pm.place == nil || o.place == nil || geo.Rank(pm.place.Kind) >= geo.Rank("city") || geo.Rank(o.place.Kind) <= geo.Rank(pm.place.Kind) {
		return false
	}
	if pm.place.Kind == "country" {
		return o.place.Country == pm.place.Country
	}
	return o.place.Country == pm.place.Country && o.place.Admin1 != "" && o.place.Admin1 == pm.place.Admin1
}

// kindNamed reports a weapon of kind typ named in event word t's clause
// ("قصفت مدفعية الجيش مواقعهم"): the generic word's kind is said.
func (dc *doc) kindNamed(t arabic.Match[Trigger], typ string, s sentence) bool {
	from, to := dc.clauseStart(t.From, s.from, 8), dc.clauseEnd(t.To, s.to, 8)
	for _, m := range dc.instr {
		if m.From >= from && m.From < to && m.Values[0] == typ {
			return true
		}
	}
	return false
}

// placedStory reports another event word of trigger ti's story in its
// sentence with a place of its own.
func placedStory(trigs []arabic.Match[Trigger], assigned [][]*placeMention, ti int) bool {
	for tj, t := range trigs {
		if tj != ti && len(assigned[tj]) > 0 && story(t.Values[0].Type) == story(trigs[ti].Values[0].Type) {
			return true
		}
	}
	return false
}

// otherDay reports an event word whose own sentence dates it to a day other
// than the day of event prev ("الضربة الجوية التي شنت على قاعدة جوية في
// سوريا الاثنين" after an attack of Saturday): another occurrence, which
// does not carry on prev's story.
func (x *Extractor) otherDay(dc *doc, t arabic.Match[Trigger], s sentence, prev *event.Event) bool {
	dm := x.dateFor(dc, t, s)
	return dm != nil && dm.tok >= s.from && dm.tok < s.to && dm.Precision == "day" &&
		prev.Date != nil && len(*prev.Date) == len("2006-01-02") && dm.Date != *prev.Date
}

// toldTowns returns the type of the attack a back-referring word of the
// sentence (a definite generic word: "الضربة") points to, the first placed
// attack a strong word told before it ("" when there is none), and the
// towns and villages the back-reference names that the attack was not
// placed at: where the attack fell, told more exactly.
func toldTowns(trigs []arabic.Match[Trigger], assigned [][]*placeMention, ti int) (string, []*placeMention) {
	for tj := 0; tj < ti; tj++ {
		if trigs[tj].Values[0].Class != "strong" || !attackType(trigs[tj].Values[0].Type) || len(assigned[tj]) == 0 {
			continue
		}
		var towns []*placeMention
		for _, pm := range assigned[ti] {
			if pm.place != nil && precisionOf(pm.place) == 1 && !pm.near && !slices.Contains(assigned[tj], pm) {
				towns = append(towns, pm)
			}
		}
		return trigs[tj].Values[0].Type, towns
	}
	return "", nil
}

// quietTypes are the strategic developments that kill nobody themselves
// (SPEC §2: the dead of this event): a toll in their sentence is another
// event's.
var quietTypes = wordMap("quiet_types")
