package main

// World cities: Arabic names from the world-cities-translations compilation
// (Wikidata labels, CC BY 4.0) placed at Natural Earth's populated places
// (public domain), for the countries whose Who's On First repositories could
// not be read. See README.md beside this file.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/geo"
)

// citySource is the source column of the rows -cities writes.
const citySource = "wikidata-names+naturalearth"

// cityRow is one row of the world-cities-translations CSV.
type cityRow struct {
	CountryAr, CountryEn, Ar, En string
	Pop                          int64
}

func (r cityRow) id() string { return "wct:" + r.CountryEn + "/" + r.En }

// readCityRows reads the CSV (header CountryNameAr, CountryNameEn,
// CityNameAr, CityNameEn, Population; a byte-order mark is allowed).
func readCityRows(path string) ([]cityRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, h := range []string{"CountryNameAr", "CountryNameEn", "CityNameAr", "CityNameEn", "Population"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, h)
		}
	}
	var out []cityRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		pop, _ := strconv.ParseFloat(strings.TrimSpace(rec[col["Population"]]), 64)
		out = append(out, cityRow{
			CountryAr: strings.TrimSpace(rec[col["CountryNameAr"]]), CountryEn: strings.TrimSpace(rec[col["CountryNameEn"]]),
			Ar: strings.TrimSpace(rec[col["CityNameAr"]]), En: strings.TrimSpace(rec[col["CityNameEn"]]), Pop: int64(pop),
		})
	}
	return out, nil
}

// nePlace is one Natural Earth populated place.
type nePlace struct {
	Names    []string // NAME, NAMEASCII, NAME_EN, GN_ASCII
	Alt      []string // NAMEALT, split at "|"
	Country  string   // ADM0NAME
	A3       string   // ADM0_A3
	Admin1   string
	Lat, Lon float64
	Pop      int64
	Geoname  int64
	Wikidata string
	Capital  bool
}

func (p *nePlace) id() string {
	if p.Geoname > 0 {
		return "wc-" + strconv.FormatInt(p.Geoname, 10)
	}
	if p.Wikidata != "" {
		return "wc-" + strings.ToLower(p.Wikidata)
	}
	return ""
}

// readNaturalEarth reads ne_10m_populated_places as GeoJSON.
func readNaturalEarth(path string) ([]*nePlace, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []*nePlace
	for _, f := range doc.Features {
		p := f.Properties
		str := func(k string) string { s, _ := p[k].(string); return strings.TrimSpace(s) }
		num := func(k string) float64 { v, _ := p[k].(float64); return v }
		np := &nePlace{
			Country: str("ADM0NAME"), A3: str("ADM0_A3"), Admin1: str("ADM1NAME"),
			Lat: num("LATITUDE"), Lon: num("LONGITUDE"), Pop: int64(num("POP_MAX")), Geoname: int64(num("GEONAMEID")),
			Wikidata: str("wikidataid"), Capital: str("FEATURECLA") == "Admin-0 capital",
		}
		for _, k := range []string{"NAME", "NAMEASCII", "NAME_EN", "GN_ASCII"} {
			if s := str(k); s != "" {
				np.Names = append(np.Names, s)
			}
		}
		for _, s := range strings.Split(str("NAMEALT"), "|") {
			if s = strings.TrimSpace(s); s != "" {
				np.Alt = append(np.Alt, s)
			}
		}
		out = append(out, np)
	}
	return out, nil
}

// latinKey folds an English name for the join: no accents, lower case,
// letters and digits separated by single spaces ("Saint-Étienne" ->
// "saint etienne").
func latinKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// neCountry is where a CSV country's cities are in Natural Earth.
type neCountry struct{ ne, iso3 string }

func readNECountries(path string) (map[string][]neCountry, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]neCountry{}
	for _, r := range rows {
		out[r["wct_country"]] = append(out[r["wct_country"]], neCountry{r["ne_country"], r["iso3"]})
	}
	return out, nil
}

// neIndex finds Natural Earth places by country and folded name.
type neIndex struct {
	byName map[string][]*nePlace // ADM0NAME + "\t" + latinKey of a main name
	byAlt  map[string][]*nePlace // the same for NAMEALT
}

func newNEIndex(ps []*nePlace) *neIndex {
	x := &neIndex{byName: map[string][]*nePlace{}, byAlt: map[string][]*nePlace{}}
	add := func(m map[string][]*nePlace, p *nePlace, names []string) {
		seen := map[string]bool{}
		for _, n := range names {
			k := p.Country + "\t" + latinKey(n)
			if !seen[k] {
				seen[k] = true
				m[k] = append(m[k], p)
			}
		}
	}
	for _, p := range ps {
		add(x.byName, p, p.Names)
		add(x.byAlt, p, p.Alt)
	}
	return x
}

// join finds the one Natural Earth place of a city: the same country and
// English name (its main names first, then its alternative names). Several
// namesakes are told apart by population: the one within a factor of three
// of the CSV's, if only one is. A place whose population is twenty times
// off is not the same city.
func (x *neIndex) join(r cityRow, countries []neCountry) (*nePlace, string, string) {
	if len(countries) == 0 {
		countries = []neCountry{{ne: r.CountryEn}}
	}
	for _, m := range []map[string][]*nePlace{x.byName, x.byAlt} {
		var cands []*nePlace
		iso := ""
		for _, c := range countries {
			if ps := m[c.ne+"\t"+latinKey(r.En)]; len(ps) > 0 {
				cands = append(cands, ps...)
				if iso == "" {
					iso = c.iso3
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		ratio := func(p *nePlace) float64 {
			if r.Pop <= 0 || p.Pop <= 0 {
				return 1
			}
			return math.Max(float64(r.Pop)/float64(p.Pop), float64(p.Pop)/float64(r.Pop))
		}
		if len(cands) > 1 {
			var close []*nePlace
			for _, p := range cands {
				if ratio(p) <= 3 {
					close = append(close, p)
				}
			}
			if len(close) != 1 {
				return nil, "", fmt.Sprintf("Natural Earth has %d places of this name in %s, none or several of its size", len(cands), r.CountryEn)
			}
			cands = close
		}
		p := cands[0]
		if ratio(p) > 20 {
			return nil, "", fmt.Sprintf("Natural Earth's %s (%s) has %d people, the CSV %d", p.Names[0], p.Admin1, p.Pop, r.Pop)
		}
		if iso == "" {
			iso = p.A3
		}
		return p, iso, ""
	}
	return nil, "", "not in Natural Earth's populated places"
}

// cityFilter judges a CSV row's Arabic name before any corpus evidence: it
// catches Wikidata labels that belong to another item than the city.
type cityFilter struct {
	countries map[string]string // phrase key of a country's Arabic name -> its name
}

// adminPrefixes begin the Arabic label of a province, county or
// municipality: Wikidata linked the city to its unit ("ولاية قندهار").
var adminPrefixes = keySet("ولاية مقاطعة منطقة إقليم بلدية دائرة محافظة كانتون مديرية ناحية قضاء لواء")

// latinInitials are the Arabic letters a name beginning with a Latin
// letter may begin with in Arabic ("Chicago" شيكاغو, "Cairo" القاهرة,
// "Valencia" بلنسية, "Xi'an" شيان). A label whose first letter is none of
// them names something else ("Phoenix" العنقاء, "Formosa" تايوان).
var latinInitials = func() map[rune]string {
	vowels := "اأإآءئؤعيوهى"
	return map[rune]string{
		'a': vowels, 'e': vowels, 'i': vowels, 'o': vowels, 'u': vowels,
		'y': "يجاأإ", 'b': "بپف", 'c': "كقسشتجصچ", 'd': "دضذجتط", 'f': "فڤ", 'g': "غجكقگ",
		'h': "هحخاأإ", 'j': "جيخهحزژ", 'k': "كقخچ", 'l': "ل", 'm': "م", 'n': "ن", 'p': "بفپ",
		'q': "قكتج", 'r': "ر", 's': "سصشزث", 't': "تطثسدش", 'v': "فبوڤ", 'w': "وفبڤ",
		'x': "شزسكهخ", 'z': "زذسظتجشص",
	}
}()

// latinArticles are the Arabic article and Latin words before a name that
// Arabic may leave out or translate ("Ad Dammam" الدمام, "The Hague" لاهاي).
var latinArticles = []string{"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ad", "ed", "en", "er", "es", "ez", "the"}

func latinForms(en string) []string {
	k := latinKey(en)
	out := []string{k}
	for _, a := range latinArticles {
		if rest, ok := strings.CutPrefix(k, a+" "); ok && rest != "" {
			out = append(out, rest)
		}
	}
	return out
}

// arabicForms are the Arabic name and what it may begin with after an
// article ("القاهرة" -> "قاهرة"), a place noun ("مدينة بنما" -> "بنما") or
// the alef Arabic puts before an initial cluster ("إشبيلية" for "Sevilla",
// "اشتاير" for "Steyr").
func arabicForms(ar string) []string {
	out := []string{ar}
	if w := strings.Fields(ar); len(w) > 1 && (w[0] == "مدينة" || w[0] == "بلدة" || w[0] == "قرية") {
		out = append(out, strings.Join(w[1:], " "))
	}
	for _, a := range out {
		if rest, ok := strings.CutPrefix(a, "ال"); ok && arabic.RuneCount(rest) > 1 {
			out = append(out, rest)
		}
	}
	for _, a := range out {
		if r := []rune(a); len(r) > 2 && strings.ContainsRune("اإ", r[0]) && strings.ContainsRune("سشصز", r[1]) {
			out = append(out, string(r[1:]))
		}
	}
	return out
}

// initialsAgree reports whether the Arabic name can begin as a writing of
// the English one does, with or without an article on either side.
func initialsAgree(ar, en string) bool {
	for _, l := range latinForms(en) {
		if l == "" {
			continue
		}
		lr := []rune(l)[0]
		set, ok := latinInitials[lr]
		if !ok {
			return true // a digit or a letter outside a-z: nothing to check
		}
		for _, a := range arabicForms(ar) {
			if strings.ContainsRune(set, []rune(a)[0]) {
				return true
			}
		}
	}
	return false
}

// stripMarks removes tashkeel, the dagger alef and tatweel ("فُدجَة" ->
// "فدجة").
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			return -1
		}
		return r
	}, s)
}

// disambiguated cuts what Wikidata adds to tell namesakes apart: "سان
// فرناندو، الفلبين" -> "سان فرناندو", "ستيبانافان (أرمينيا)" ->
// "ستيبانافان".
func disambiguated(s string) (string, bool) {
	cut := false
	if i := strings.IndexAny(s, "،,(["); i >= 0 {
		s, cut = s[:i], true
	}
	return strings.TrimSpace(s), cut
}

// check returns the name to keep (cleaned) and why it changed or was
// dropped; a dropped name comes back "".
func (f *cityFilter) check(r cityRow) (string, string) {
	n := strings.Join(strings.Fields(stripMarks(r.Ar)), " ")
	n, cut := disambiguated(n)
	note := ""
	if cut {
		note = "disambiguation cut"
	}
	n = clean(n)
	switch {
	case n == "":
		return "", "not an Arabic name"
	case r.En == "":
		return "", "no English name to check it against"
	}
	words := strings.Fields(n)
	if len(words) > 1 && adminPrefixes[arabic.Key(words[0])] {
		return "", "the name of an administrative unit (" + words[0] + "), not the city"
	}
	if en := len(strings.Fields(latinKey(r.En))); len(words) > 4 || len(words) > en+1 {
		return "", fmt.Sprintf("%d words for the %d of %q: a label of something else", len(words), en, r.En)
	}
	if !initialsAgree(n, r.En) {
		return "", fmt.Sprintf("does not begin as %q does: a label of something else", r.En)
	}
	if c, ok := f.countries[phraseKey(n)]; ok {
		return "", "the name of a country (" + c + ")"
	}
	return n, note
}

// city is one joined row, ready for the selector.
type city struct {
	id, en, iso3, admin1 string
	countryAr            string // the CSV's name of its country
	lat, lon             float64
	pop                  int64
	capital              bool
	names                []string
}

func (c *city) kind() string {
	switch {
	case c.pop >= 100000 || c.capital:
		return "city"
	case c.pop >= 10000:
		return "town"
	}
	return "village"
}

// joinCities filters the CSV's names and places each city at its Natural
// Earth point; rows of one place (the CSV lists some cities twice) become
// one city with variants.
func joinCities(rows []cityRow, ne []*nePlace, nc map[string][]neCountry, f *cityFilter, minPop int64, drops *[]drop) []*city {
	x := newNEIndex(ne)
	byID := map[string]*city{}
	var out []*city
	for _, r := range rows {
		name, why := f.check(r)
		if name == "" {
			*drops = append(*drops, drop{r.id(), r.Ar, why})
			continue
		}
		if why != "" {
			*drops = append(*drops, drop{r.id(), r.Ar, why + "; kept as " + name})
		}
		p, iso, why := x.join(r, nc[r.CountryEn])
		if p == nil {
			*drops = append(*drops, drop{r.id(), name, why})
			continue
		}
		pop := max(r.Pop, p.Pop)
		if pop < minPop && !p.Capital {
			*drops = append(*drops, drop{r.id(), name, fmt.Sprintf("%d people, fewer than -cities-pop", pop)})
			continue
		}
		id := p.id()
		if id == "" {
			*drops = append(*drops, drop{r.id(), name, "Natural Earth gives no GeoNames or Wikidata id"})
			continue
		}
		c := byID[id]
		if c == nil {
			c = &city{id: id, en: r.En, iso3: iso, countryAr: r.CountryAr, admin1: p.Admin1, lat: p.Lat, lon: p.Lon, pop: pop, capital: p.Capital}
			byID[id] = c
			out = append(out, c)
		}
		if c.pop < pop {
			c.pop = pop
		}
		if !containsKey(c.names, name) {
			c.names = append(c.names, name)
		}
	}
	return out
}

func containsKey(names []string, n string) bool {
	k := phraseKey(n)
	for _, m := range names {
		if phraseKey(m) == k {
			return true
		}
	}
	return false
}

// runCities writes internal/geo/data/world_cities.tsv.
func runCities(ctx context.Context, c config, stderr io.Writer) error {
	if c.ne == "" {
		return errors.New("-cities needs -ne")
	}
	rows, err := readCityRows(c.cities)
	if err != nil {
		return err
	}
	ne, err := readNaturalEarth(c.ne)
	if err != nil {
		return err
	}
	nc, err := readNECountries(c.neCountries)
	if err != nil {
		return err
	}
	g, err := geo.Embedded()
	if err != nil {
		return err
	}
	var existing []*geo.Place
	for _, p := range g.Places {
		if p.Source != citySource {
			existing = append(existing, p)
		}
	}
	f := &cityFilter{countries: map[string]string{}}
	for _, p := range existing {
		if p.Kind == "country" {
			for _, n := range append([]string{p.Name}, p.Names...) {
				f.countries[phraseKey(n)] = p.NameEn
			}
		}
	}
	for _, r := range rows {
		if k := phraseKey(r.CountryAr); k != "" {
			f.countries[k] = r.CountryEn
		}
	}
	blocked, err := lexiconForms(c.lexicons)
	if err != nil {
		return err
	}
	s := newSelector(c, countries{tier: map[string]string{}, iso3: map[string]string{}}, nil, existing, blocked)
	cities := joinCities(rows, ne, nc, f, c.citiesPop, &s.drops)
	fmt.Fprintf(stderr, "%s: %d rows, %d cities placed at Natural Earth's points\n", c.cities, len(rows), len(cities))
	if c.corpus != "" {
		var cands []candidate
		for _, ct := range cities {
			for _, n := range ct.names {
				cands = append(cands, candidate{name: n, key: phraseKey(n)})
			}
		}
		names := map[string]string{} // the CSV's Arabic country names -> ISO3
		for _, r := range rows {
			for _, nc := range nc[r.CountryEn] {
				if nc.iso3 != "" {
					names[r.CountryAr] = nc.iso3
				}
			}
		}
		for _, ct := range cities {
			if ar := ct.countryAr; ar != "" && names[ar] == "" {
				names[ar] = ct.iso3
			}
		}
		s.countryOf, s.together = countrySignals(existing, names), map[string]map[string]int{}
		if err := s.measureNames(ctx, cands, c.corpus, c.maxCorpus, splitList(c.exclude)); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%s: %d articles measured\n", c.corpus, s.articles)
	}
	places := s.selectCities(cities)
	sort.Slice(places, func(i, j int) bool {
		if places[i].Country != places[j].Country {
			return places[i].Country < places[j].Country
		}
		return places[i].ID < places[j].ID
	})
	name := filepath.Join(c.out, "world_cities.tsv")
	if err := writeFile(name, places); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: %d places\n", name, len(places))
	if c.report != "" {
		return s.writeReport(c.report)
	}
	return nil
}

// selectCities applies the Who's On First selector's judgements to the
// joined cities: corpus evidence, word lists, places the other files have
// (same name within 10 km, 40 km for cities), homonyms of their places, and
// homonyms among the new cities (the bigger wins when it is twice the
// size; more than three of a name are all dropped).
func (s *selector) selectCities(cities []*city) []*geo.Place {
	type entry struct {
		c           *city
		names, keys []string
	}
	var entries []*entry
	for _, ct := range cities {
		e := &entry{c: ct}
		rec := &record{Type: "locality", Lat: ct.lat, Lon: ct.lon, Pop: ct.pop}
		kind := ct.kind()
		dup := false
		for _, n := range ct.names {
			cand := candidate{rec: rec, name: n, key: phraseKey(n)}
			name, why := s.judge(cand, kind)
			if u := s.use[cand.key]; name == n && why == "" && u != nil && u.total >= s.cfg.commonMin && u.clitic*3 >= u.total*2 {
				// "اكرا" is mostly the end of "باكرا" (early): its uses
				// after ب count as "in Accra" and hide it.
				name, why = s.qualify(cand, kind, fmt.Sprintf("mostly read inside a longer word (%d of %d uses with a clitic)", u.clitic, u.total))
			}
			if why != "" {
				s.drops = append(s.drops, drop{ct.id, n, why})
			}
			if name == "" {
				continue
			}
			k := phraseKey(name)
			if s.dupOfCurated(rec, k) || s.dupOfCurated(rec, bareKey(k)) {
				s.drops = append(s.drops, drop{ct.id, n, "the other files have it"})
				dup = true
				break
			}
			if u := s.use[cand.key]; s.together != nil && u != nil && u.docs >= s.cfg.commonMin-1 {
				// "أنابوليس" is Anápolis in Brazil to Wikidata and the
				// Annapolis conference to the news: the articles that use a
				// name must name its country (or a province, city or
				// adjective of it) often enough.
				// Between a tenth and a quarter the name stays, qualified
				// ("مدينة مانشستر": the news mostly means the club).
				t := s.together[cand.key][ct.iso3]
				why := fmt.Sprintf("%d of %d articles with it name %s", t, u.docs, ct.iso3)
				switch {
				case t*10 < u.docs:
					s.drops = append(s.drops, drop{ct.id, n, "the corpus names another place or thing so (" + why + ")"})
					continue
				case t*4 < u.docs && !placeNouns[strings.Fields(phraseKey(name))[0]]:
					name, why = s.qualify(cand, kind, "the corpus mostly names another place or thing so ("+why+")")
					s.drops = append(s.drops, drop{ct.id, n, why})
				}
			}
			k = phraseKey(name)
			why = s.curatedHomonym(rec, kind, k)
			if id := s.curatedBare[k]; why == "" && id != "" && bareKey(k) == k {
				why = "the other files name another place so (" + id + ")"
			}
			if why == "" && bareKey(k) != k {
				why = s.curatedHomonym(rec, kind, bareKey(k))
			}
			if why != "" {
				s.drops = append(s.drops, drop{ct.id, name, why})
				continue
			}
			if !containsKey(e.names, name) {
				e.names = append(e.names, name)
				e.keys = append(e.keys, k)
			}
		}
		if dup {
			continue
		}
		if p := s.sameTown(ct); p != nil {
			s.drops = append(s.drops, drop{ct.id, ct.names[0], fmt.Sprintf("the other files have it as %s (%s, %.1f km)", p.Name, p.ID, geo.Km(ct.lat, ct.lon, p.Lat, p.Lon))})
			continue
		}
		if len(e.names) > 0 {
			entries = append(entries, e)
		}
	}
	groups := map[string][]*entry{}
	for _, e := range entries {
		for _, k := range e.keys {
			groups[bareKey(k)] = append(groups[bareKey(k)], e)
		}
	}
	banned := map[*entry]map[string]bool{}
	ban := func(e *entry, k, why string) {
		if banned[e] == nil {
			banned[e] = map[string]bool{}
		}
		banned[e][k] = true
		s.drops = append(s.drops, drop{e.c.id, k, why})
	}
	for k, g := range groups {
		if len(g) < 2 {
			continue
		}
		sort.SliceStable(g, func(i, j int) bool { return g[i].c.pop > g[j].c.pop })
		switch {
		case g[0].c.pop >= 2*g[1].c.pop:
			for _, e := range g[1:] {
				ban(e, k, fmt.Sprintf("homonym of the bigger %s (%s)", g[0].c.en, g[0].c.iso3))
			}
		case len(g) > 3:
			for _, e := range g {
				ban(e, k, fmt.Sprintf("one of %d cities of this name", len(g)))
			}
		default:
			// Two cities of one name in one country: one of them took
			// the other's label (Stavropol's is Tolyatti's); the extractor
			// could not tell them apart anyway.
			for i, e := range g {
				for _, f := range g[:i] {
					if f.c.iso3 == e.c.iso3 && !banned[e][k] {
						ban(e, k, fmt.Sprintf("a second city of this name in %s (%s)", e.c.iso3, f.c.en))
					}
				}
			}
		}
	}
	var out []*geo.Place
	for _, e := range entries {
		var names []string
		for i, n := range e.names {
			if !banned[e][bareKey(e.keys[i])] {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			continue
		}
		out = append(out, &geo.Place{
			ID: e.c.id, Name: names[0], Names: names[1:], NameEn: e.c.en, Kind: e.c.kind(),
			Lat: e.c.lat, Lon: e.c.lon, Country: e.c.iso3, Admin1: e.c.admin1, Source: citySource,
		})
	}
	return out
}

// sameTown is a settlement of the other files in the same country within
// 3 km: the city under another spelling ("ميونخ" and "ميونيخ").
func (s *selector) sameTown(c *city) *geo.Place {
	for _, p := range s.near(c.lat, c.lon, 3) {
		if p.Country == c.iso3 && (p.Kind == "city" || p.Kind == "town") {
			return p
		}
	}
	return nil
}

// countrySignals finds the words that tie an article to a country: the
// names of countries and of their provinces, regions and cities in the other
// files, and the country's adjective ("الهندية", "البريطاني"), built from
// its name ("الهند" -> "هندي", "بريطانيا" -> "بريطاني").
func countrySignals(existing []*geo.Place, countryNames map[string]string) *arabic.Matcher[string] {
	m := arabic.NewMatcher[string]().NoInflection()
	for ar, iso := range countryNames {
		existing = append(existing, &geo.Place{Name: ar, Kind: "country", Country: iso})
	}
	for _, p := range existing {
		switch p.Kind {
		case "country", "governorate", "region", "city":
		default:
			continue
		}
		for _, n := range append([]string{p.Name}, p.Names...) {
			m.Add(n, p.Country)
			if p.Kind != "country" || strings.Contains(n, " ") {
				continue
			}
			stem := strings.TrimPrefix(arabic.Normalize(n), "ال")
			switch {
			case strings.HasSuffix(stem, "يا"):
				stem = strings.TrimSuffix(stem, "يا")
			case strings.HasSuffix(stem, "ا"), strings.HasSuffix(stem, "ه"):
				stem = stem[:len(stem)-len("ا")]
			}
			for _, suf := range []string{"ي", "يه", "يين", "يون"} {
				m.Add(stem+suf, p.Country)
			}
		}
	}
	return m
}
