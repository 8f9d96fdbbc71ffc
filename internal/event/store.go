package event

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Store keeps articles and their events and answers questions about them.
// It is the union of the small interfaces below; a consumer should ask for
// the smallest one it needs (ingest wants a Writer, search a Querier).
type Store interface {
	Writer
	Querier
	ArticleReader
	Close() error
}

// Writer stores articles with their events and records what failed.
type Writer interface {
	// Put writes a batch in one transaction: either every record of the
	// batch is stored or none is. A record whose Key is stored with the
	// same Hash is left alone (Unchanged); one whose Key is stored with
	// another Hash replaces the article and all its old events (Updated).
	Put(ctx context.Context, recs []Record) ([]PutResult, error)
	// RecordError keeps an item that could not be ingested.
	RecordError(ctx context.Context, e IngestError) error
}

// Querier finds stored events.
type Querier interface {
	// Events returns one page of the events matching f, newest first
	// (by date descending, then by id).
	Events(ctx context.Context, f Filter) (Page, error)
	// Event returns one event by its ID, or ErrNotFound.
	Event(ctx context.Context, id string) (StoredEvent, error)
	// Stats counts the events matching f (Limit and Cursor are ignored).
	Stats(ctx context.Context, f Filter) (Stats, error)
}

// ArticleReader reads stored articles.
type ArticleReader interface {
	// Article returns an article, with its original text, by its store
	// key or else by its article ID; ErrNotFound when there is neither.
	Article(ctx context.Context, keyOrID string) (StoredArticle, error)
	// Articles lists articles without their text, newest published first.
	Articles(ctx context.Context, f ArticleFilter) (ArticlePage, error)
	// Counts says how much the store holds.
	Counts(ctx context.Context) (Counts, error)
	// Errors returns the most recent ingest errors, newest first.
	Errors(ctx context.Context, limit int) ([]IngestError, error)
}

// ErrNotFound is returned when an event or article does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadCursor is returned for a cursor the store did not hand out.
var ErrBadCursor = errors.New("bad cursor")

// Record is one article and the events read from it, as a Writer takes them.
// Key and Hash default to ArticleKey and ContentHash of the article.
type Record struct {
	Article Article
	Key     string
	Hash    string
	Events  []Event
}

// Normalize fills in the Key and Hash of r when they are empty.
func (r *Record) Normalize() {
	if r.Hash == "" {
		r.Hash = ContentHash(r.Article)
	}
	if r.Key == "" {
		r.Key = ArticleKey(r.Article)
	}
}

// Fingerprint ties the digest of an input record's bytes to the key and
// content hash they read as. Bytes read again are the same article with the
// same text, so ingest can tell an unchanged record by its digest alone;
// the content hash stays what says whether an article changed.
type Fingerprint struct {
	Digest string
	Key    string
	Hash   string
	// Stored is the content hash stored under Key when the fingerprint
	// was looked up ("" when Key is not stored); Put ignores it.
	Stored string
}

// PutStatus says what Put did with a record.
type PutStatus string

// Put outcomes.
const (
	New       PutStatus = "new"
	Updated   PutStatus = "updated"
	Unchanged PutStatus = "unchanged"
)

// PutResult is the outcome of one record of a Put batch, in batch order.
type PutResult struct {
	Key    string
	Status PutStatus
	Events int // events stored for the article by this Put (0 when Unchanged)
}

// IngestError is one input item that could not be ingested.
type IngestError struct {
	Origin string    // where the item came from: a file, a feed URL
	ID     string    // the item within it: an article id, a line number, a URL
	Reason string    // what went wrong
	At     time.Time // when
}

// Filter selects events. Zero fields do not filter.
type Filter struct {
	Text        string   // full-text query over evidence and title, read by arabic.IndexTerms; every term must match (no terms: no text filter)
	From, To    string   // inclusive dates, YYYY-MM-DD; an event matches if its date range overlaps
	Types       []string // event_type codes, any of them
	Actors      []string // actor codes, as actor1 or actor2, any of them
	Admin1      string
	ClaimStatus string // reported, claimed, denied, alleged; "reported" also matches events without a claim
	Near        *Near
	BBox        *BBox
	Doc         string // article key or article id
	Country     string // ISO 3166 alpha-3 of the event's location, e.g. SYR
	// MinFatalities keeps events reporting at least this many deaths; 0
	// is no filter (events with unknown fatalities then match too).
	MinFatalities int
	// Background picks events by whether the article recalls them from
	// before its story: "" all, BackgroundExclude or BackgroundOnly.
	Background string

	Limit  int    // page size; DefaultLimit when 0, at most MaxLimit
	Cursor string // Page.Next of the previous page

	// Brief says the caller reads only what a list or a map shows of an
	// event (BriefFields): a store leaves the evidence, quantities,
	// source, ACLED mapping and sentence out of the page (most of its
	// bytes). It changes no match and no order.
	Brief bool
	// Cards, with Brief, says the caller shows each event as a list item
	// (Card, with the ID, incident and article id and title): a store that
	// keeps cards fills StoredEvent.Card with the stored bytes of
	// CardJSON and may leave the rest of the event empty, so that a page
	// is sent without decoding it; one that does not gives a Brief page.
	Cards bool
}

// BriefFields are the fields of an event a Brief page must hold: besides
// these, the store's ID, incident and article (key, id, title, outlet,
// url, published).
var BriefFields = []string{"id", "doc", "event_type", "date", "date_precision", "location", "actor1", "actor2", "fatalities", "claim", "background"}

// Card is what a list item shows of an event besides its ID, article and
// incident: what it is, when, where, who, how many died and its claim.
type Card struct {
	Doc           string     `json:"doc"`
	EventType     string     `json:"event_type"`
	Date          *string    `json:"date"`
	DatePrecision string     `json:"date_precision,omitempty"`
	Location      *CardPlace `json:"location"`
	Actor1        *Actor     `json:"actor1"`
	Actor2        *Actor     `json:"actor2"`
	Fatalities    *int       `json:"fatalities"`
	Claim         *Claim     `json:"claim,omitempty"`
}

// CardPlace is what a list item shows of a Location.
type CardPlace struct {
	Name         string  `json:"name"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	Admin1       string  `json:"admin1,omitempty"`
	GeoPrecision int     `json:"geo_precision"`
}

// CardOf returns e's card.
func CardOf(e *Event) Card {
	c := Card{Doc: e.Doc, EventType: e.EventType, Date: e.Date, DatePrecision: e.DatePrecision,
		Actor1: e.Actor1, Actor2: e.Actor2, Fatalities: e.Fatalities, Claim: e.Claim}
	if l := e.Location; l != nil {
		c.Location = &CardPlace{Name: l.Name, Lat: l.Lat, Lon: l.Lon, Admin1: l.Admin1, GeoPrecision: l.GeoPrecision}
	}
	return c
}

// SetCard sets the fields of e a card holds to c's, as CardOf reads them.
func (e *Event) SetCard(c Card) {
	e.Doc, e.EventType, e.Date, e.DatePrecision = c.Doc, c.EventType, c.Date, c.DatePrecision
	e.Actor1, e.Actor2, e.Fatalities, e.Claim = c.Actor1, c.Actor2, c.Fatalities, c.Claim
	e.Location = nil
	if l := c.Location; l != nil {
		e.Location = &Location{Name: l.Name, Lat: l.Lat, Lon: l.Lon, Admin1: l.Admin1, GeoPrecision: l.GeoPrecision}
	}
}

// CardJSON is the JSON a store keeps beside an event for its Cards pages:
// its Card, a JSON object.
func CardJSON(e Event) (string, error) {
	b, err := json.Marshal(CardOf(&e))
	return string(b), err
}

// BriefJSON is the JSON a store keeps beside an event for its Brief pages:
// the event without what a list or a map does not show (evidence,
// quantities, source, ACLED mapping).
func BriefJSON(e Event) (string, error) {
	e.Evidence, e.Quantities, e.Source, e.ACLED = nil, nil, nil, nil
	b, err := json.Marshal(e)
	return string(b), err
}

// Values of Filter.Background.
const (
	BackgroundExclude = "exclude"
	BackgroundOnly    = "only"
)

// Page sizes.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// PageSize returns the page size a store should use for a requested limit.
func PageSize(limit int) int {
	switch {
	case limit <= 0:
		return DefaultLimit
	case limit > MaxLimit:
		return MaxLimit
	}
	return limit
}

// Near is a circle on the earth's surface.
type Near struct {
	Lat, Lon float64
	Km       float64
}

// BBox is a latitude/longitude box, edges included.
type BBox struct {
	MinLat, MinLon, MaxLat, MaxLon float64
}

// PlaceBounds is the box that holds f's place filter, for an index
// prefilter: its box, the box around its circle, or their overlap when it
// has both; nil without one.
func (f Filter) PlaceBounds() *BBox {
	var b *BBox
	if f.BBox != nil {
		bb := *f.BBox
		b = &bb
	}
	if f.Near != nil {
		nb := f.Near.Bounds()
		if b == nil {
			b = &nb
		} else {
			b.MinLat, b.MaxLat = max(b.MinLat, nb.MinLat), min(b.MaxLat, nb.MaxLat)
			b.MinLon, b.MaxLon = max(b.MinLon, nb.MinLon), min(b.MaxLon, nb.MaxLon)
		}
	}
	return b
}

// Bounds returns a box that contains the circle, for an index prefilter.
func (n Near) Bounds() BBox {
	const kmPerDegree = 111.32
	dLat := n.Km / kmPerDegree
	dLon := 180.0
	if c := math.Cos(n.Lat * math.Pi / 180); c > 1e-6 {
		dLon = math.Min(180, n.Km/(kmPerDegree*c))
	}
	return BBox{MinLat: n.Lat - dLat, MaxLat: n.Lat + dLat, MinLon: n.Lon - dLon, MaxLon: n.Lon + dLon}
}

// Contains reports whether the point lies within the circle.
func (n Near) Contains(lat, lon float64) bool {
	return DistanceKm(n.Lat, n.Lon, lat, lon) <= n.Km
}

// EarthRadiusKm is the mean earth radius used for distances.
const EarthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two points.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// StoredEvent is an event as a store returns it: with its ID, the evidence
// sentence it was read from and what the user needs to know of its article.
type StoredEvent struct {
	Event
	Sentence string      `json:"sentence"`
	Article  ArticleMeta `json:"article"`
	// Card is the stored JSON of the event's Card on a Cards page of a
	// store that keeps it (Filter.Cards); nil otherwise.
	Card []byte `json:"-"`
}

// ArticleMeta is an article without its text.
type ArticleMeta struct {
	Key       string `json:"key"`
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// StoredArticle is an article as a store keeps it.
type StoredArticle struct {
	Article
	Key      string    `json:"key"`
	Hash     string    `json:"hash"`
	Events   int       `json:"events"`
	Ingested time.Time `json:"ingested"`
}

// ArticleFilter selects articles to list.
type ArticleFilter struct {
	Outlet string
	Limit  int
	Cursor string
}

// ArticlePage is one page of articles (Text left empty).
type ArticlePage struct {
	Articles []StoredArticle
	Next     string
}

// Page is one page of events; Next is empty on the last page.
type Page struct {
	Events []StoredEvent
	Next   string
}

// CutPage is the page of limit events a store read limit+1 of, in listing
// order with their sort keys: when there are more, the cursor of the next
// page follows the last one kept.
func CutPage(evs []StoredEvent, keys []string, limit int) Page {
	var page Page
	if len(evs) > limit {
		evs = evs[:limit]
		page.Next = Cursor{Sort: keys[limit-1], ID: evs[limit-1].ID}.String()
	}
	page.Events = evs
	return page
}

// Stats are counts of matching events.
type Stats struct {
	Events   int
	ByDay    []Count // by event date as written (day, month or year), newest first
	ByType   []Count // most frequent first
	ByActor  []Count // actor1 and actor2 codes, most frequent first
	ByAdmin1 []Count // most frequent first
	// ByDayType counts incidents (SPEC §7: the reports of one occurrence
	// count once; an event not yet linked counts as its own) by event date
	// (as written) and type, newest first then by type: a timeline stacked
	// by type in one pass.
	ByDayType []DayTypeCount
}

// DayTypeCount is a number of incidents of one type on one date.
type DayTypeCount struct {
	Day, Type string
	N         int
}

// Count is a number of events under a key.
type Count struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

// Counts say how much a store holds.
type Counts struct {
	Articles int
	Events   int
	Errors   int
}

// ArticleKey is an article's identity in a store: its canonical URL when it
// has one, else "sha256:" and the ContentHash of its text, so the same text
// read twice from files without URLs is one article.
func ArticleKey(a Article) string {
	if u := CanonicalURL(a.URL); u != "" {
		return u
	}
	return "sha256:" + ContentHash(a)
}

// CanonicalURL returns the form of an http(s) URL that identifies an
// article: lower-case scheme and host, no default port, no fragment and no
// tracking parameters. It returns "" for anything else.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// ContentHash is the hex SHA-256 of an article's text with runs of white
// space folded to one space and the ends trimmed, so re-wrapped copies of a
// text hash alike.
func ContentHash(a Article) string {
	// The same as hashing strings.Join(strings.Fields(a.Text), " "), without
	// building either: re-ingest hashes every article before anything else.
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	text := a.Text
	space, started := false, false
	for i := 0; i < len(text); {
		c := text[i]
		n := 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = asciiSpace[c]
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			n = size
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = started
		} else {
			if space {
				buf = append(buf, ' ')
				space = false
			}
			buf = append(buf, text[i:i+n]...)
			started = true
		}
		i += n
		if len(buf) >= 4000 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// EventID is the positional ID of the i-th event of the article with the
// given store key.
//
// Deprecated: stores name events by content (EventIDs, ContentEventID), so
// that an id survives re-extraction; this is no longer a stored event's id.
func EventID(key string, i int) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8]) + "-" + fmt.Sprintf("%04d", i)
}

// Sentence is the evidence text of an event: its spans' texts joined.
func Sentence(e Event) string {
	var b strings.Builder
	for i, s := range e.Evidence {
		if i > 0 {
			b.WriteString(" … ")
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// DateRange returns the first and last day (YYYY-MM-DD) that a date written
// as YYYY-MM-DD, YYYY-MM or YYYY covers; ok is false for anything else.
func DateRange(d string) (lo, hi string, ok bool) {
	switch len(d) {
	case 10:
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return "", "", false
		}
		return d, t.Format("2006-01-02"), true
	case 7:
		t, err := time.Parse("2006-01", d)
		if err != nil {
			return "", "", false
		}
		return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), true
	case 4:
		t, err := time.Parse("2006", d)
		if err != nil {
			return "", "", false
		}
		return t.Format("2006-01-02"), t.AddDate(1, 0, -1).Format("2006-01-02"), true
	}
	return "", "", false
}

// EventDate is the date an event is filed under: its own date, or when it
// has none its article's publication date; "" when neither is known.
func EventDate(e Event, a Article) string {
	if e.Date != nil {
		if _, _, ok := DateRange(*e.Date); ok {
			return *e.Date
		}
	}
	if t, ok := a.PublishedTime(); ok {
		return t.Format("2006-01-02")
	}
	return ""
}

// Cursor is a position in a listing sorted by a string descending, then by
// an id ascending. Stores hand it out as an opaque string.
type Cursor struct {
	Sort string
	ID   string
}

// String encodes the cursor.
func (c Cursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Quote(c.Sort) + " " + strconv.Quote(c.ID)))
}

// ParseCursor decodes a cursor made by Cursor.String.
func ParseCursor(s string) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	sortPart, err := strconv.QuotedPrefix(string(b))
	if err != nil || len(b) < len(sortPart)+1 || b[len(sortPart)] != ' ' {
		return Cursor{}, ErrBadCursor
	}
	idPart := string(b[len(sortPart)+1:])
	var c Cursor
	if c.Sort, err = strconv.Unquote(sortPart); err != nil {
		return Cursor{}, ErrBadCursor
	}
	if c.ID, err = strconv.Unquote(idPart); err != nil {
		return Cursor{}, ErrBadCursor
	}
	return c, nil
}

// Row is an event as a store writes it: with its ID and Doc set and the
// values a store filters and sorts on worked out once for every adapter.
type Row struct {
	Event       Event
	Date        string // EventDate
	DateLo      string // first day Date covers, "" when unknown
	DateHi      string // last day Date covers, "" when unknown
	Actor1      string
	Actor2      string
	Admin1      string
	ClaimStatus string // "reported" when the event carries no claim
	Lat, Lon    float64
	HasPoint    bool
	Sentence    string
	Title       string // the article's title, indexed with the sentence
}

// NewRow prepares the i-th event of a normalised record for storing.
func NewRow(r *Record, i int, e Event) Row {
	e.ID = rowEventID(r, i, e)
	if e.Doc == "" {
		e.Doc = r.Article.ID
	}
	row := Row{Event: e, Sentence: Sentence(e), Title: r.Article.Title, ClaimStatus: Reported}
	row.Date = EventDate(e, r.Article)
	row.DateLo, row.DateHi, _ = DateRange(row.Date)
	if e.Actor1 != nil {
		row.Actor1 = e.Actor1.Code
	}
	if e.Actor2 != nil {
		row.Actor2 = e.Actor2.Code
	}
	if e.Claim != nil && e.Claim.Status != "" {
		row.ClaimStatus = e.Claim.Status
	}
	if l := e.Location; l != nil {
		row.Admin1 = l.Admin1
		row.Lat, row.Lon, row.HasPoint = l.Lat, l.Lon, true
	}
	return row
}

// Terms returns the distinct search terms of the row's sentence and title
// under index (arabic.IndexTerms in raqib), in first-seen order.
func (r Row) Terms(index func(string) []string) []string {
	return QueryTerms(index, r.Sentence+"\n"+r.Title)
}

// QueryTerms returns the distinct terms of text under index, in order.
func QueryTerms(index func(string) []string, text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range index(text) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
