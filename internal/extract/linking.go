package extract

// Document-level linking: mentions of one occurrence, told in other
// words or at other precisions, folded into one event.

import (
	"sort"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/geo"
)

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

// subsume folds coarse mentions into fine ones, as ACLED counts an event
// once: "غارات على محافظة إدلب" after "غارة على بلدة حارم" in the same
// governorate, on the same day or with no day, is the same raid told twice.
func subsume(evs []*event.Event, bare, weak map[*event.Event]bool, gz *geo.Gazetteer) []*event.Event {
	keep := make([]bool, len(evs))
	for i := range keep {
		keep[i] = true
	}
	for i, coarse := range evs {
		district := isDistrict(coarse.Location, gz)
		if coarse.Location == nil || coarse.Location.GeoPrecision < 3 && !bare[coarse] && !district {
			continue
		}
		division := divisionOf(coarse.Location, gz)
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
				if fine.Location.GeoPrecision >= 3 && fine.EventType != coarse.EventType {
					continue // "انفجار … وسط المدينة" is not the province's "عمليات اغتيال"
				}
			} else if fine.Location.GeoPrecision > coarse.Location.GeoPrecision ||
				fine.Location.GeoPrecision == coarse.Location.GeoPrecision && !regionIn(fine.Location, coarse.Location, gz) {
				continue
			}
			if fine.Location.Admin1 == "" || fine.Location.Admin1 != division {
				continue
			}
			if district && (fine.Location.Admin2 == "" || fine.Location.Admin2 != coarse.Location.Admin2) {
				continue // "منطقة دوما" holds the town of Douma, not Harasta's raid
			}
			if coarse.Date != nil && fine.Date != nil && *coarse.Date != *fine.Date {
				continue
			}
			own := fine.Fatalities
			merge(fine, coarse)
			if own != nil || coarse.Location.Admin1 == "" {
				// the region's toll sums its towns': each town keeps its own; a
				// province named beside ("شهد إقليم بلوشستان مقتل شخص") counts
				// more than the town's event
				fine.Fatalities = own
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

// foldUndated folds an event dated only by default (the article's lead
// date) into an event of the same story at the same place that has a date
// of its own: "مجموعات مسلحة هاجمت القاعدة" after "القاعدة شهدت هجوما
// الخميس لكنه أحبط" is the same attack.
func foldUndated(evs []*event.Event, explicit map[*event.Event]bool) []*event.Event {
	return foldEach(evs, true, func(e *event.Event) *event.Event {
		if explicit[e] || e.Location == nil || e.Background && e.Date != nil {
			return nil
		}
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
				return o
			}
		}
		return nil
	})
}

// foldEach merges each event into the one target gives it, if any, and
// keeps the others in order; with keepToll the target keeps its own toll
// (a report folded in does not raise the count).
func foldEach(evs []*event.Event, keepToll bool, target func(e *event.Event) *event.Event) []*event.Event {
	var out []*event.Event
	for _, e := range evs {
		into := target(e)
		if into == nil {
			out = append(out, e)
			continue
		}
		own := into.Fatalities
		merge(into, e)
		if keepToll && own != nil {
			into.Fatalities = own // the dated report's own toll, not another source's count
		}
	}
	return out
}

// foldCoarse folds an event dated only by its year or month into the one
// of the same type and place whose day falls in it: "ضربات صاروخية مثل ما
// فعلت الولايات المتحدة العام الماضي على مطار الشعيرات" and "شنت ضربة صاروخية
// على مطار الشعيرات … في 4 أبريل 2017" are one strike, told at two precisions.
func foldCoarse(evs []*event.Event) []*event.Event {
	return foldEach(evs, false, func(c *event.Event) *event.Event {
		if c.Date == nil || c.Location == nil {
			return nil
		}
		week := c.DatePrecision == "week" && len(*c.Date) == len("2006-01-02")
		if len(*c.Date) >= len("2006-01-02") && !week {
			return nil
		}
		for _, f := range evs {
			if f == c || f.Date == nil || f.Location == nil || f.EventType != c.EventType || !samePlace(f.Location, c.Location) {
				continue
			}
			if week && f.DatePrecision == "day" && daysApart(*f.Date, *c.Date) <= 7 {
				return f // "هجوم في دوما قبل نحو أسبوع" and "هجوم دوما السبت الماضي": one attack
			}
			if !week && len(*f.Date) > len(*c.Date) && strings.HasPrefix(*f.Date, *c.Date+"-") {
				return f
			}
		}
		return nil
	})
}

// foldRepeatedChemical folds the chemical attacks an article tells at one
// place into one: news of the Douma attack retells it for days, each
// retelling dated by the statement or vote it appears with ("هجوم دوما"
// … "مساء الثلاثاء"). Two attacks each dated by a date written out stay
// two; the attack takes a written date, else the earliest day told.
func foldRepeatedChemical(evs []*event.Event, written map[*event.Event]bool) []*event.Event {
	return foldEach(evs, false, func(e *event.Event) *event.Event {
		if e.EventType != "chemical_weapon" || e.Location == nil {
			return nil
		}
		for _, o := range evs {
			if o == e {
				return nil // only into an attack told before
			}
			if o.EventType != "chemical_weapon" || o.Location == nil || !samePlace(o.Location, e.Location) {
				continue
			}
			if written[o] && written[e] && !sameDate(o, e) {
				continue
			}
			// the attack came before the statements that retell it: the
			// earliest day told is its own (a written one first)
			if written[e] && !written[o] || written[e] == written[o] && earlier(e.Date, o.Date) {
				o.Date, o.DatePrecision = e.Date, e.DatePrecision
				written[o] = written[e]
			}
			return o
		}
		return nil
	})
}

// earlier reports a day before another (both YYYY-MM-DD).
func earlier(a, b *string) bool {
	return a != nil && b != nil && len(*a) == len("2006-01-02") && len(*b) == len(*a) && *a < *b
}

// daysApart is how many days lie between two YYYY-MM-DD dates (a large
// number when either does not parse).
func daysApart(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 1 << 30
	}
	d := int(ta.Sub(tb).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}

// linkRementions folds an event whose words never said what kind of attack
// it was ("الهجوم على دوما", "استهداف المطار") into an attack of a named kind
// the article tells at the same place: a story retold in other words is one
// event (SPEC §2), typed by the words that name it. Two different explicit
// days stay two events.
func linkRementions(evs []*event.Event, dc *doc) []*event.Event {
	return foldEach(evs, false, func(w *event.Event) *event.Event {
		if !dc.weak[w] || w.Location == nil {
			return nil
		}
		for _, o := range evs {
			if o == w || dc.weak[o] || o.Location == nil || story(o.EventType) != story(w.EventType) {
				continue
			}
			if !samePlace(o.Location, w.Location) {
				continue
			}
			if dc.explicit[o] && dc.explicit[w] && !sameDate(o, w) || !overlapping(o, w) {
				continue // "هجوم … في ديسمبر 2016" is not the attack of 11 August 2018
			}
			return o
		}
		return nil
	})
}

// samePlace reports two locations that name one place: the same gazetteer
// entry, or points less than 2 km apart at the same precision.
func samePlace(a, b *event.Location) bool {
	if a.GazetteerID != "" && a.GazetteerID == b.GazetteerID {
		return true
	}
	return a.GeoPrecision == b.GeoPrecision && geo.Km(a.Lat, a.Lon, b.Lat, b.Lon) < 2
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

// overlapping reports two events whose dates could be one day: either has
// none, or one is the other's day, month or year.
func overlapping(a, b *event.Event) bool {
	if a.Date == nil || b.Date == nil {
		return true
	}
	return strings.HasPrefix(*a.Date, *b.Date) || strings.HasPrefix(*b.Date, *a.Date)
}

// regionIn reports a region of a governorate given at the governorate's
// precision ("الغوطة الشرقية … في ريف دمشق"): finer than the governorate
// itself, which folds into it.
func regionIn(fine, coarse *event.Location, gz *geo.Gazetteer) bool {
	c, f := gz.ByID(coarse.GazetteerID), gz.ByID(fine.GazetteerID)
	return c != nil && f != nil && c.Kind == "governorate" && f.Kind != "governorate" && f.Kind != "country"
}

// isDistrict reports a location at a district or sub-district the
// gazetteer lists as such ("منطقة دوما" read as the district): coarser than
// the towns in it, so that "الهجوم الكيماوي الذي استهدف منطقة دوما" and
// "هجوم الكيماوي في دوما" are one event.
func isDistrict(l *event.Location, gz *geo.Gazetteer) bool {
	if l == nil || l.GazetteerID == "" || l.GeoPrecision != 2 {
		return false
	}
	p := gz.ByID(l.GazetteerID)
	return p != nil && (p.Kind == "district" || p.Kind == "subdistrict")
}

// divisionOf is the first-level division a location names: its admin1, or
// for a province Who's On First lists with no admin1 of its own
// ("بلوشستان"), the province itself.
func divisionOf(l *event.Location, gz *geo.Gazetteer) string {
	if l.Admin1 != "" || l.GazetteerID == "" {
		return l.Admin1
	}
	if p := gz.ByID(l.GazetteerID); p != nil && (p.Kind == "region" || p.Kind == "governorate") && p.Admin1 == "" {
		return geo.CanonicalAdmin1(p.NameEn)
	}
	return ""
}
