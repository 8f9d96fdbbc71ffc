// Package extract reads events out of Arabic news articles: it finds
// actors, places, dates, quantities, sources and event words with embedded
// lexicons and the gazetteer, and assembles SPEC §2 events whose every field
// points at the words it came from.
package extract

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/dates"
	"github.com/raqib/raqib/internal/event"
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
	stopPlaces map[string]bool
	givenNames map[string]bool
}

// Options configure an Extractor; zero values mean the embedded data.
type Options struct {
	Gazetteer *geo.Gazetteer
	Lexicons  *Lexicons
}

// New builds an Extractor.
func New(opt Options) (*Extractor, error) {
	x := &Extractor{gz: opt.Gazetteer, lx: opt.Lexicons}
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
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extraction stopped: %w", err)
	}
	dc, err := x.analyze(a)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extraction stopped: %w", err)
	}
	evs = x.assemble(dc)
	// the store's ids (content-derived, keyed by the article's store key),
	// so that extract, store, API and exports name an event alike
	for i, id := range event.EventIDs(event.ArticleKey(a), evs) {
		evs[i].ID = id
	}
	return evs, nil
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
	dc := &doc{art: &a}
	dc.d = arabic.NewDoc(a.Text)
	dc.toks = dc.d.Tokens
	if len(dc.toks) == 0 {
		return nil, errEmpty
	}
	dc.anchor, dc.hasAnchor = a.PublishedTime()
	if !dc.hasAnchor {
		if t, _, ok := dates.Estimate(a.Text); ok {
			dc.anchor, dc.hasAnchor, dc.estimated = t, true, true
		}
	}
	dc.split()
	x.findDates(dc)
	x.findActors(dc)
	x.findSources(dc)
	x.findNumbers(dc)
	n := len(dc.toks)
	dc.triggers = x.lx.Triggers.Find(dc.d, 0, n)
	dc.instr = x.lx.Instruments.FindAll(dc.d, 0, n)
	dc.cues = x.lx.Cues.Find(dc.d, 0, n)
	dc.units = x.lx.Units.Find(dc.d, 0, n)
	dc.casualty = x.lx.Casualties.Find(dc.d, 0, n)
	x.findPlaces(dc)
	return dc, nil
}

func (x *Extractor) findDates(dc *doc) {
	var anchor = dc.anchor
	if !dc.hasAnchor {
		anchor = anchor.UTC()
	}
	for _, m := range dates.Find(dc.art.Text, anchor) {
		// the token the mention starts in
		i := sort.Search(len(dc.toks), func(i int) bool { return dc.toks[i].End > m.Start })
		if i < len(dc.toks) {
			dc.dates = append(dc.dates, dateMention{m, i})
		}
	}
}

// eventID tells apart the events assemble keeps; ExtractContext then gives
// them their content-derived ids (event.EventIDs).
func eventID(doc, typ, place, date string, n int) string {
	h := sha1.Sum([]byte(doc + "\x00" + typ + "\x00" + place + "\x00" + date + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(h[:8])
}

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
