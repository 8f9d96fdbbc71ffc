// Package extract reads events out of Arabic news articles: it finds
// actors, places, dates, quantities, sources and event words with embedded
// lexicons and the gazetteer, and assembles SPEC §2 events whose every field
// points at the words it came from.
package extract

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/dates"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/eventclf"
	"github.com/raqib/raqib/internal/geo"
)

var (
	errEmpty  = errors.New("empty text")
	errUTF8   = errors.New("text is not valid UTF-8")
	errBinary = errors.New("text looks binary (control bytes)")
)

// Extractor turns articles into events. It is safe for concurrent use.
type Extractor struct {
	gz         *geo.Gazetteer
	lx         *Lexicons
	placeWords *arabic.Matcher[placeWord]
	clf        *eventclf.Model // sentence classifier that vets events of the kinds it knows (internal/eventclf)
	stopPlaces map[string]bool
	givenNames map[string]bool
	capitals   map[string]*geo.Place // a country's capital city, by ISO 3166 alpha-3 code
	// the governorates that are one city (cityProvinces)
	cityProvinces map[*geo.Place]bool
}

// Options configure an Extractor; zero values mean the embedded data.
type Options struct {
	Gazetteer *geo.Gazetteer
	Lexicons  *Lexicons
	// Classifier vets events sentence by sentence; nil means the embedded
	// model (eventclf.Load). Tests pass models trained on part of the data.
	Classifier *eventclf.Model
}

// New builds an Extractor.
func New(opt Options) (*Extractor, error) {
	x := &Extractor{gz: opt.Gazetteer, lx: opt.Lexicons, clf: opt.Classifier}
	var err error
	if x.gz == nil {
		if x.gz, err = geo.Embedded(); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	if x.lx == nil {
		if x.lx, err = LoadLexicons(); err != nil {
			return nil, fmt.Errorf("lexicons: %w", err)
		}
	}
	if x.clf == nil {
		if x.clf, err = eventclf.Load(); err != nil {
			return nil, fmt.Errorf("event classifier: %w", err)
		}
	}
	if x.placeWords, err = loadPlaceWords(x.lx); err != nil {
		return nil, fmt.Errorf("place words: %w", err)
	}
	rows, err := readTSV(dataFS, "data/place_stopwords.tsv", "form")
	if err != nil {
		return nil, err
	}
	x.stopPlaces = map[string]bool{}
	for _, r := range rows {
		x.stopPlaces[arabic.Key(r["form"])] = true
	}
	x.lx.Rows["place_stopwords.tsv"] = len(rows)
	if rows, err = readTSV(dataFS, "data/given_names.tsv", "form"); err != nil {
		return nil, err
	}
	x.givenNames = map[string]bool{}
	for _, r := range rows {
		x.givenNames[arabic.Key(r["form"])] = true
	}
	x.lx.Rows["given_names.tsv"] = len(rows)
	x.lx.Rows["words.tsv"] = len(wordSets)
	x.capitals = capitals(x.gz)
	x.cityProvinces = cityProvinces(x.gz)
	return x, nil
}

// Gazetteer returns the gazetteer the extractor resolves places with.
func (x *Extractor) Gazetteer() *geo.Gazetteer { return x.gz }

// Extract returns the events of one article, in text order. An article that
// cannot be read (empty, invalid UTF-8, binary) gives an error and no events.
func (x *Extractor) Extract(a event.Article) ([]event.Event, error) {
	return x.ExtractContext(context.Background(), a)
}

// ExtractContext is Extract under a context: when ctx is cancelled or its
// deadline passes, extraction stops and returns ctx's error (wrapped).
func (x *Extractor) ExtractContext(ctx context.Context, a event.Article) (evs []event.Event, err error) {
	// A fault in a rule must cost one article, never the batch.
	defer func() {
		if r := recover(); r != nil {
			evs, err = nil, fmt.Errorf("%w: %v", ErrInternal, r)
		}
	}()
	// the store's ids (content-derived, keyed by the article's store key),
	// so that extract, store, API and exports name an event alike
	defer func() {
		for i, id := range event.EventIDs(event.ArticleKey(a), evs) {
			evs[i].ID = id
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extraction stopped: %w", err)
	}
	if err := validText(a.Text); err != nil {
		return nil, err
	}
	an := articleAnchor(a)
	if len(a.Text) > windowBytes {
		return x.extractWindows(ctx, a, an)
	}
	dc, err := x.analyzeText(a, an)
	if err != nil {
		return nil, err
	}
	return x.vet(x.assemble(dc)), nil
}

// ErrInternal marks a fault inside a rule (a recovered panic): a bug, not
// bad input. The article is reported and the batch goes on.
var ErrInternal = errors.New("internal error in the extractor")

// analyze reads an article into every layer of mentions the assembly of
// events works from.
func (x *Extractor) analyze(a event.Article) (*doc, error) {
	if err := validText(a.Text); err != nil {
		return nil, err
	}
	return x.analyzeText(a, articleAnchor(a))
}

// analyzeText is analyze for a text already validated, with its anchor.
func (x *Extractor) analyzeText(a event.Article, an anchor) (*doc, error) {
	dc := &doc{art: &a}
	dc.d = arabic.NewDoc(a.Text)
	dc.toks = dc.d.Tokens
	if len(dc.toks) == 0 {
		return nil, errEmpty
	}
	dc.anchor, dc.hasAnchor, dc.estimated = an.t, an.ok, an.estimated
	dc.split()
	x.findDates(dc)
	dc.markDigest()
	x.findActors(dc)
	x.findSources(dc)
	x.findNumbers(dc)
	n := len(dc.toks)
	dc.triggers = dc.dropInWholeWords(x.lx.Triggers.Find(dc.d, 0, n))
	dc.instr = x.lx.Instruments.FindAll(dc.d, 0, n)
	dc.cues = x.lx.Cues.Find(dc.d, 0, n)
	if spans := x.spanCues(dc); len(spans) > 0 {
		dc.cues = append(dc.cues, spans...)
		sort.SliceStable(dc.cues, func(a, b int) bool { return dc.cues[a].From < dc.cues[b].From })
	}
	dc.frames = x.lx.Frames.Find(dc.d, 0, n)
	dc.targets = x.lx.Targets.Find(dc.d, 0, n)
	dc.units = x.lx.Units.Find(dc.d, 0, n)
	dc.casualty = dc.lifeTaken(x.lx.Casualties.Find(dc.d, 0, n))
	dc.cues = x.futureCues(dc, dc.studentsAreNoDemand(dc.cues))
	x.findPlaces(dc)
	dc.instr = dc.marchesAreNotDrones(dc.instr)
	return dc, nil
}

func (x *Extractor) findDates(dc *doc) {
	var anchor = dc.anchor
	if !dc.hasAnchor {
		anchor = anchor.UTC()
	}
	tokAt := func(m dates.Mention) int {
		return sort.Search(len(dc.toks), func(i int) bool { return dc.toks[i].End > m.Start })
	}
	for _, m := range dates.Find(dc.art.Text, anchor) {
		if i := tokAt(m); i < len(dc.toks) { // the token the mention starts in
			dc.dates = append(dc.dates, dateMention{m, i})
			dc.timed = append(dc.timed, i)
		}
	}
	if !dc.hasAnchor {
		// Nothing to count "أمس" or "السبت" from, so no date; the words
		// still say that the text tells a particular day's occurrence.
		dc.timed = dc.timed[:0]
		for _, m := range dates.Find(dc.art.Text, placeholderAnchor) {
			if i := tokAt(m); i < len(dc.toks) {
				dc.timed = append(dc.timed, i)
			}
		}
	}
}

// placeholderAnchor stands in for a missing publication date where only the
// positions of date words matter, never their dates.
var placeholderAnchor = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// dedupKey is what makes two mentions one event (SPEC §2: type, place, day).
func dedupKey(e *event.Event) string {
	loc := ""
	if e.Location != nil {
		loc = e.Location.GazetteerID
		if loc == "" {
			loc = strings.Join(arabic.PhraseKeys(e.Location.Name), " ")
		}
		loc += fmt.Sprintf("@%.2f,%.2f", e.Location.Lat, e.Location.Lon)
	}
	d := ""
	if e.Date != nil {
		d = *e.Date
	}
	return e.EventType + "|" + loc + "|" + d
}

// lifeVerbs and lifeOf are the two halves of "أودى بحياة" apart: "أودى
// انفجار لغم أرضي الخميس بحياة 3 مدنيين".
var lifeVerbs, lifeOf = words("life_verb"), words("life_of")

// lifeTaken adds to the casualty words found the "بحياة" of a split "أودى
// … بحياة", which the lexicon's phrase, written whole, does not find; the
// word alone would also find "ضحوا بحياتهم" (gave their lives).
func (dc *doc) lifeTaken(cs []arabic.Match[string]) []arabic.Match[string] {
	var add []arabic.Match[string]
	for i := range dc.toks {
		if !slices.Contains(lifeOf, dc.norm(i)) {
			continue
		}
		covered := false
		for _, c := range cs {
			covered = covered || c.From <= i && i < c.To
		}
		for k := i - 1; k >= max(0, i-8) && !covered; k-- {
			if dc.toks[k].Kind == arabic.Punct && dc.toks[k].Norm != "\"" {
				break
			}
			if slices.Contains(lifeVerbs, dc.norm(k)) {
				add = append(add, arabic.Match[string]{From: i, To: i + 1, Values: []string{"killed"}})
				break
			}
		}
	}
	if len(add) == 0 {
		return cs
	}
	cs = append(cs, add...)
	slices.SortStableFunc(cs, func(a, b arabic.Match[string]) int { return a.From - b.From })
	return cs
}
