package extract

import (
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/geo"
)

// nearContextKm is how far a place may lie from the city a "قرب X" after it
// names and still be the place meant ("الغوطة الشرقية قرب دمشق" lies in
// Rif Dimashq, not in Damascus).
const nearContextKm = 40.0

// dirContextKm is how far a place may lie from the city a direction after
// it is taken from ("قاعدة الضمير الجوية، شمال شرق العاصمة دمشق", 43 km):
// a side of a city reaches further than its neighbourhood.
const dirContextKm = 70.0

// listKm is how far apart two places joined by و in a list of towns may lie
// in two countries before the second is taken for a namesake we do not know.
const listKm = 300.0

// countryside distances: how far from a governorate's point its "northern
// countryside" lies, and from a town's point its surroundings.
const (
	regionKm = 25.0
	townKm   = 8.0
	siteKm   = 3.0
)

// resolvePlaces picks a gazetteer entry and a point for every place
// mention: qualifiers first, so that "حارم في ريف إدلب" finds the Harim in
// Idlib, then the rest with their qualifier's governorate or the governorates
// the article names most.
func (x *Extractor) resolvePlaces(dc *doc) {
	dc.admin1 = map[string]int{}
	for _, pm := range dc.places {
		seen := map[string]bool{}
		for _, p := range pm.cands {
			if p.Admin1 != "" && geo.Rank(p.Kind) <= geo.Rank("city") && !seen[p.Admin1] {
				seen[p.Admin1] = true
				dc.admin1[p.Admin1]++
			}
		}
	}
	for pass := 0; pass < 2; pass++ {
		for k := range dc.places {
			pm := &dc.places[k]
			if pm.qualifier != (pass == 0) {
				continue
			}
			if pass == 1 {
				// the qualifier after this mention (or after the list it ends) gives the context
				for q := k + 1; q < len(dc.places) && dc.sentOf[dc.places[q].from] == dc.sentOf[pm.from]; q++ {
					if dc.places[q].qualifier {
						if p := dc.places[q].place; p != nil {
							pm.context, pm.contextAt = p.Admin1, p
							if dc.places[q].near || len(dc.places[q].dirs) > 0 && geo.Rank(p.Kind) <= geo.Rank("city") {
								// "قرب دمشق", "الكسوة، جنوب دمشق": near the city, maybe across a provincial line
								pm.contextNear, pm.contextKm = p, nearContextKm
								if !dc.places[q].near {
									pm.contextKm = dirContextKm
								}
							}
						}
						break
					}
					if dc.places[q].from > pm.to+12 {
						break
					}
				}
			}
			x.resolve(dc, k)
		}
	}
}

func (x *Extractor) resolve(dc *doc, k int) {
	pm := &dc.places[k]
	pm.name = x.nameOf(dc, pm)
	if pm.unresolved {
		x.fallback(dc, k)
		return
	}
	if pm.anaphor {
		si := dc.sentOf[pm.from]
		for q := k - 1; q >= 0; q-- {
			prev := dc.places[q].place
			if !pm.region && dc.sentOf[dc.places[q].from] < si-3 {
				break // an anaphor looks back three sentences at most
			}
			if prev == nil {
				continue
			}
			if pm.region {
				break // decided below: the article's main governorate
			}
			if kindIn(prev.Kind, pm.kinds) {
				// "على المنطقة" after "ريف إدلب الجنوبي": the same place, as resolved there
				a := dc.places[q]
				pm.place, pm.lat, pm.lon, pm.precision = prev, a.lat, a.lon, a.precision
				pm.name = x.nameOf(dc, pm)
				return
			}
		}
		if pm.region {
			pm.place = x.mainGovernorate(dc, k)
		}
		if pm.place == nil {
			pm.unresolved = true
			return
		}
	} else if prev := x.sameUnknown(dc, k); prev != nil && pm.context == "" {
		// "جبهة قانية بمحافظة البيضاء" then "منطقة قانية": the place the
		// article placed by its context, not a namesake elsewhere
		pm.place, pm.unresolved, pm.fallbackTo, pm.fallbackDir = nil, true, prev.fallbackTo, prev.fallbackDir
		pm.lat, pm.lon, pm.precision = prev.lat, prev.lon, prev.precision
		pm.name = prev.name // one place, one name: its events are one where they tell one act
		return
	} else {
		pm.place = x.pick(dc, pm, x.sameKnown(dc, k))
		if p := pm.place; p != nil && len(pm.kinds) > 0 && (!kindIn(p.Kind, pm.kinds) || kindIn("village", pm.kinds) && p.Kind == "city") && !x.inArticleCountry(dc, *pm) {
			// "بلدة صيدا" in a story of Daraa: not the Lebanese city, a town we
			// do not know, placed by its context
			pm.place, pm.unresolved = nil, true
			x.fallback(dc, k)
			if pm.fallbackTo != nil {
				return
			}
			pm.place, pm.unresolved = p, false
		}
		if pm.context != "" && pm.place != nil && pm.place.Kind != "country" && !inContext(pm, pm.place) && !pm.qualifier && !pm.region && !pm.near &&
			!(pm.contextNear != nil && geo.Km(pm.place.Lat, pm.place.Lon, pm.contextNear.Lat, pm.contextNear.Lon) <= pm.contextKm) {
			// "قرية نهر البارد في ريف حماة": the only نهر البارد we know is
			// elsewhere, so this is a place we do not know, in Hama.
			picked := pm.place
			pm.place, pm.unresolved = nil, true
			x.fallback(dc, k)
			if pm.fallbackTo != nil {
				return
			}
			pm.place, pm.unresolved = picked, false // nothing better known: keep the pick
		}
		if x.namesakeAbroad(dc, pm) {
			// "أطراف مديرية الظاهر وحيدان ورازح" in a story of Saada: not
			// Cairo's district, a place we do not know, placed by its context
			pm.place, pm.unresolved = nil, true
			x.fallback(dc, k)
			return
		}
		if x.foreignInList(dc, k) {
			if c := x.listNamesake(dc, k); c != nil {
				pm.place = c // "بلدات طفس وكحيل": Daraa's كحيل, not Yemen's
			} else {
				// "الرحيبة وجيرود والناصرية" in a story of the Qalamoun: a town
				// listed with Syrian towns is not Iraq's Nasiriyah but one we do
				// not know
				pm.place, pm.unresolved = nil, true
				x.fallback(dc, k)
				return
			}
		}
	}
	p := pm.place
	pm.lat, pm.lon = p.Lat, p.Lon
	pm.precision = precisionOf(p)
	if p.Kind == "subdistrict" && !kindIn("subdistrict", pm.kinds) {
		pm.precision = 1 // a bare sub-district name is its seat town ("كفرنبل")
	}
	switch {
	case pm.region && len(pm.dirs) > 0:
		if km := dc.distanceIn(pm); km > 0 {
			// "على بعد 15 ميلا غربي حمص": that far from the place named
			pm.lat, pm.lon = geo.Offset(p.Lat, p.Lon, pm.dirs[0], km)
			pm.precision = 2
			break
		}
		base := p
		km := regionKm
		if g := x.governorateOf(p); g != nil && !kindIn("city", pm.kinds) && (p.Kind == "governorate" || p.Kind == "city" && sameName(p, g)) && !x.cityProvinces[g] && !(p.Kind == "city" && geo.Km(p.Lat, p.Lon, g.Lat, g.Lon) > farProvinceKm) {
			base = g // "ريف إدلب الجنوبي": the province's countryside
		} else if p.Kind != "governorate" && p.Kind != "country" && p.Kind != "region" {
			km = townKm // "غرب مدينة إدلب": just outside the city
			if geo.Rank(p.Kind) > geo.Rank("town") {
				km = siteKm // "غرب مخيم النصيرات": a camp, village or site's edge is nearer
			}
		}
		pm.lat, pm.lon = geo.Offset(base.Lat, base.Lon, pm.dirs[0], km)
		pm.precision = 3
		if km != regionKm {
			pm.precision = 2
		}
	case pm.region:
		if g := x.governorateOf(p); g != nil && (p.Kind == "governorate" || p.Kind == "city" && sameName(p, g)) {
			pm.lat, pm.lon = g.Lat, g.Lon
			pm.precision = 3
		} else {
			pm.precision = max(pm.precision, 2)
		}
	case pm.near:
		pm.precision = max(pm.precision, 2)
	}
}

// distanceIn returns the distance a place mention gives in kilometres
// ("على بعد 20 كيلومترا غرب حمص", "15 ميلا غربي حمص"), or 0 (none, or
// more than maxSideKm).
func (dc *doc) distanceIn(pm *placeMention) float64 {
	for _, nm := range dc.numbers {
		if nm.from < pm.from-3 || nm.to > pm.nameFrom || nm.value <= 0 || nm.to >= len(dc.toks) {
			continue
		}
		km := 0.0
		switch {
		case dc.hasForm(nm.to, "كم", "كيلومتر", "كيلومترا", "كيلومترات", "كلم"):
			km = float64(nm.value)
		case dc.hasForm(nm.to, "ميل", "ميلا", "اميال"):
			km = float64(nm.value) * 1.609
		}
		if km <= maxSideKm {
			return km
		}
	}
	return 0
}

// maxSideKm is the farthest distance read off a place's side: beyond it
// ("على مسافة 80 كيلومترا جنوب شرقي بني وليد") the place is a landmark
// for a region, told again without the distance, and kept as one.
const maxSideKm = 30.0

// farProvinceKm is how far a governorate's point may lie from its
// namesake city for "غرب حمص" to be read from the governorate: Homs's lies
// 108 km out in the desert, so the sides of Homs are read from the city.
const farProvinceKm = 60.0

// pick chooses among a mention's candidates.
func (x *Extractor) pick(dc *doc, pm *placeMention, before *geo.Place) *geo.Place {
	cands := pm.cands
	if len(pm.kinds) > 0 {
		var typed []*geo.Place
		for _, p := range cands {
			if kindIn(p.Kind, pm.kinds) {
				typed = append(typed, p)
			}
		}
		if len(typed) > 0 {
			cands = typed
		}
	}
	// A bare "حمص", "درعا", "بغداد" is the city; only "محافظة" (a type
	// word, above) or "ريف" (a region, resolved from the city to its
	// province) makes it the province.
	if len(pm.kinds) == 0 {
		var cities []*geo.Place
		for _, p := range cands {
			if p.Kind == "city" {
				cities = append(cities, p)
			}
		}
		var kept []*geo.Place
		for _, p := range cands {
			shadowed := false
			for _, c := range cities {
				if p.Kind == "governorate" && sameName(c, p) {
					shadowed = true
				}
			}
			if !shadowed {
				kept = append(kept, p)
			}
		}
		if len(kept) < len(cands) {
			pm.bareCity = true
			cands = kept
		}
	}
	// a bare "كفرزيتا" is the town, not the sub-district it heads
	if !kindIn("subdistrict", pm.kinds) && !kindIn("district", pm.kinds) {
		var kept []*geo.Place
		for _, p := range cands {
			shadowed := false
			for _, c := range cands {
				if (p.Kind == "subdistrict" || p.Kind == "district") && (c.Kind == "town" || c.Kind == "city") && sameName(c, p) {
					shadowed = true
				}
			}
			if !shadowed {
				kept = append(kept, p)
			}
		}
		cands = kept
	}
	var best *geo.Place
	bestScore := -1 << 30
	for _, p := range cands {
		s := -geo.Rank(p.Kind) * 3
		if (pm.near || pm.origin) && p.Kind == "city" {
			s += 6 // "قرب دير الزور": near the city, not the province
		}
		if pm.context != "" && inContext(pm, p) {
			s += 100
		}
		s += 8 * min(dc.admin1[p.Admin1], 5)
		s += 4 * min(dc.countries[p.Country], 5) // "طرابلس" in a story of Libya
		if p.Source != "GeoNames" {
			s += 4 // curated rows before imported ones
		}
		if p == before {
			s += 50 // "بلدات النعيمة وصيدا … في محيط مدينة درعا" then "بلدة صيدا": one name, one place
		}
		if s > bestScore || s == bestScore && p.ID < best.ID {
			best, bestScore = p, s
		}
	}
	return best
}

func kindIn(kind string, kinds []string) bool {
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// governorateOf returns the governorate a place lies in.
func (x *Extractor) governorateOf(p *geo.Place) *geo.Place {
	if p.Kind == "governorate" {
		return p
	}
	if p.Admin1 == "" {
		return nil
	}
	return x.gz.Governorate(p.Admin1)
}

func sameName(a, b *geo.Place) bool {
	return a.Admin1 != "" && a.Admin1 == b.Admin1 && keyOf(a.Name) == keyOf(b.Name)
}

func precisionOf(p *geo.Place) int {
	switch p.Kind {
	case "country", "governorate", "region", "river":
		return 3
	case "district", "subdistrict", "mountain", "road":
		return 2
	}
	return 1
}

// mainGovernorate is the governorate an article names most ("الريف الجنوبي
// الشرقي" means that governorate's), the latest named one on a tie.
func (x *Extractor) mainGovernorate(dc *doc, k int) *geo.Place {
	var best *geo.Place
	bestN := 0
	for q := k - 1; q >= 0; q-- {
		p := dc.places[q].place
		if p == nil {
			continue
		}
		g := x.governorateOf(p)
		if g == nil {
			continue
		}
		if n := dc.admin1[g.Admin1]; n > bestN {
			best, bestN = g, n
		}
	}
	return best
}

// fallback places a name the gazetteer lacks where the sentence says it
// lies, as ACLED codes an unknown village at the next known level: "قرية
// “كفر بطيخ” في ريف إدلب الشرقي" is placed in eastern rural Idlib with
// precision 2 or coarser, keeping the name as written and no gazetteer id.
func (x *Extractor) fallback(dc *doc, k int) {
	pm := &dc.places[k]
	si := dc.sentOf[pm.from]
	for q := k + 1; q < len(dc.places) && dc.sentOf[dc.places[q].from] == si && dc.places[q].from <= pm.to+12; q++ {
		if c := &dc.places[q]; c.qualifier && c.place != nil && c.place.Kind != "country" {
			pm.lat, pm.lon, pm.precision = c.lat, c.lon, max(2, c.precision)
			pm.fallbackTo = c.place
			pm.fallbackDir = len(c.dirs) > 0
			return
		}
	}
}

// sameUnknown returns an earlier mention of the same name that the article
// placed by its context as a place the gazetteer lacks (or whose namesakes
// lay elsewhere), or nil.
func (x *Extractor) sameUnknown(dc *doc, k int) *placeMention {
	pm := &dc.places[k]
	if pm.nameTo <= pm.nameFrom {
		return nil
	}
	for q := k - 1; q >= 0; q-- {
		prev := &dc.places[q]
		if prev.fallbackTo != nil && prev.place == nil && sameWords(dc, prev, pm) {
			return prev
		}
	}
	return nil
}

// sameKnown returns the place an earlier mention of the same words was
// resolved to in the article, or nil.
func (x *Extractor) sameKnown(dc *doc, k int) *geo.Place {
	pm := &dc.places[k]
	if pm.nameTo <= pm.nameFrom {
		return nil
	}
	for q := k - 1; q >= 0; q-- {
		if prev := &dc.places[q]; prev.place != nil && !prev.anaphor && sameWords(dc, prev, pm) {
			return prev.place
		}
	}
	return nil
}

// sameWords reports whether two mentions name the same words, a clitic
// on the first one aside ("وصيدا" then "بلدة صيدا").
func sameWords(dc *doc, a, b *placeMention) bool {
	n := a.nameTo - a.nameFrom
	if n <= 0 || n != b.nameTo-b.nameFrom {
		return false
	}
	for i := 1; i < n; i++ {
		if dc.key(a.nameFrom+i) != dc.key(b.nameFrom+i) {
			return false
		}
	}
	for _, ca := range dc.d.Cands[a.nameFrom] {
		for _, cb := range dc.d.Cands[b.nameFrom] {
			if ca.Cost <= 1 && cb.Cost <= 1 && arabic.StripArticle(ca.Form) == arabic.StripArticle(cb.Form) {
				return true
			}
		}
	}
	return false
}

// nameOf is a place expression as written, without a conjunction or
// preposition fused to its first word: "والفطيرة" is named "الفطيرة",
// "بمدينة مقديشو" "مدينة مقديشو", "لإدلب" "إدلب".
func (x *Extractor) nameOf(dc *doc, pm *placeMention) string {
	from := dc.toks[pm.from].Start
	to := dc.toks[pm.to-1].End
	t := dc.toks[pm.from]
	cands := dc.d.Cands[pm.from]
	known := func(f string) bool { return x.gz.Matcher().Starts(f) || x.placeWords.Starts(f) }
	if t.Kind == arabic.Word && len(cands) > 0 && !known(cands[0].Form) {
		for _, c := range cands[1:] {
			if c.Cost != 1 || !known(c.Form) {
				continue
			}
			// the clitic is what the normalised word has before the reading,
			// less an article the reading dropped
			n := t.Norm
			rest := c.Form
			if i := strings.LastIndex(n, rest); i > 0 {
				pre := n[:i]
				pre = strings.TrimSuffix(pre, "ال")
				if pre != "" && pre != "ا" {
					off := arabic.NormalizeOffsets(dc.art.Text[t.Start:t.End]).Orig(len(pre))
					from = t.Start + off
				}
			}
			break
		}
	}
	return dc.art.Text[from:to]
}

// bareProvince returns the province of a city named like it when nothing
// said which of the two was meant ("إدلب"), else nil.
func (x *Extractor) bareProvince(pm *placeMention) *geo.Place {
	if !pm.bareCity || pm.place == nil {
		return nil
	}
	return x.governorateOf(pm.place)
}

// unplacedContextKm is how far from its qualifier's point a place the
// gazetteer gives no first-level division may lie and still be in it.
const unplacedContextKm = 80.0

// inContext reports a place in the governorate its qualifier names: by its
// division, or, for a place the gazetteer knows no division of ("قرية ضحيان"
// in Who's On First), by lying in the same country near the qualifier.
func inContext(pm *placeMention, p *geo.Place) bool {
	if p.Admin1 == pm.context {
		return true
	}
	q := pm.contextAt
	return p.Admin1 == "" && q != nil && p.Country == q.Country && p.Kind != "country" &&
		geo.Km(p.Lat, p.Lon, q.Lat, q.Lon) <= unplacedContextKm
}

// foreignInList reports a mention joined by و to the town or village just
// before it ("بلدتي بصر الحرير ومليحة العطش") whose pick lies in another
// country, more than listKm away: a namesake abroad, not the listed town.
// A city listed after a city ("الرقة والموصل") is left alone.
func (x *Extractor) foreignInList(dc *doc, k int) bool {
	if k == 0 {
		return false
	}
	pm, prev := &dc.places[k], &dc.places[k-1]
	if pm.place == nil || prev.place == nil || dc.sentOf[prev.from] != dc.sentOf[pm.from] || prev.qualifier {
		return false
	}
	if !(pm.coordinated || prev.to == pm.from && strings.HasPrefix(dc.norm(pm.from), "و")) {
		return false
	}
	if geo.Rank(prev.place.Kind) <= geo.Rank("city") || pm.place.Kind == "country" || pm.place.Country == prev.place.Country {
		return false
	}
	return geo.Km(pm.place.Lat, pm.place.Lon, prev.lat, prev.lon) > listKm
}

// listNamesake returns the namesake of a listed name that lies in the
// country of the name before it, and near it (nil if none): the one the
// list means.
func (x *Extractor) listNamesake(dc *doc, k int) *geo.Place {
	prev := &dc.places[k-1]
	for _, c := range dc.places[k].cands {
		if c.Country == prev.place.Country && geo.Km(c.Lat, c.Lon, prev.lat, prev.lon) <= listKm {
			return c
		}
	}
	return nil
}

// namesakeAbroad reports a pick of a district, town or village in a
// country the article neither names nor calls anyone of (no well-known
// place, region, country name, capital or nationality of it), while it names
// another country (its places, name, capital or nationality) at least twice: a namesake of a place the
// gazetteer lacks, not a village abroad.
func (x *Extractor) namesakeAbroad(dc *doc, pm *placeMention) bool {
	p := pm.place
	switch {
	case p == nil || dc.countries[p.Country] > 0:
		return false
	case p.Kind != "district" && p.Kind != "subdistrict" && p.Kind != "town" && p.Kind != "village" && p.Kind != "neighbourhood":
		return false
	case p.Country != "SYR" && p.Source != "whosonfirst":
		return false // the namesakes are Syria's villages and Who's On First's; a curated town abroad ("كوي سنجق") is itself
	}
	named := map[string]int{} // places, names, capitals and nationalities of each country
	for c, n := range dc.countries {
		named[c] += n
	}
	for _, m := range x.lx.Nations.Find(dc.d, 0, len(dc.toks)) {
		for _, v := range m.Values {
			if v.ISO3 == p.Country {
				return false
			}
		}
		named[m.Values[0].ISO3]++
	}
	other := false
	for c, n := range named {
		other = other || n >= 2 && c != p.Country
	}
	if !other {
		return false
	}
	for k := range dc.places {
		// a region of its country named anywhere ("منطقة كوي سنجق في إقليم كردستان")
		for _, c := range dc.places[k].cands {
			if c != p && c.Country == p.Country && geo.Rank(c.Kind) <= geo.Rank("region") {
				return false
			}
		}
	}
	return true
}
