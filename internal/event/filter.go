package event

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultNearKm is the radius of a Near filter given without one, for the
// CLI (--km) and the API (km) alike: about a district town and its
// surroundings, the scale at which Arabic reports place events.
const DefaultNearKm = 10

// MaxNearKm is the largest radius a Near filter may have (half the earth's
// circumference).
const MaxNearKm = 20000

// Bounds on what a filter may carry: enough for any real query, small
// enough that a hostile one cannot make a store or a cache do much work.
const (
	MaxFilterText   = 1024 // bytes of the full-text query
	MaxFilterValue  = 256  // bytes of any other value
	MaxFilterValues = 64   // types or actors in one filter
)

// FilterError is a filter a caller got wrong: Param names the field as the
// caller wrote it (from, type, near…), so that the CLI can say "--from" and
// the API "from".
type FilterError struct {
	Param string
	Msg   string
}

func (e *FilterError) Error() string { return e.Param + ": " + e.Msg }

func filterErr(param, format string, args ...any) error {
	return &FilterError{Param: param, Msg: fmt.Sprintf(format, args...)}
}

// Normalize puts f in the one form a store and a cache see: values trimmed,
// actor codes upper-cased, types and actors sorted without repeats. Two
// filters that select the same events and page the same way normalise
// alike. Parsers fill in a missing radius with DefaultNearKm.
func (f *Filter) Normalize() {
	f.Text = strings.Join(strings.Fields(f.Text), " ")
	f.From, f.To = strings.TrimSpace(f.From), strings.TrimSpace(f.To)
	f.Admin1 = strings.TrimSpace(f.Admin1)
	f.ClaimStatus = strings.TrimSpace(f.ClaimStatus)
	f.Doc = strings.TrimSpace(f.Doc)
	f.Country = strings.ToUpper(strings.TrimSpace(f.Country))
	f.Cursor = strings.TrimSpace(f.Cursor)
	f.Types = normList(f.Types, strings.TrimSpace)
	f.Actors = normList(f.Actors, func(s string) string { return strings.ToUpper(strings.TrimSpace(s)) })
}

func normList(in []string, norm func(string) string) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, v := range in {
		if v = norm(v); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// Validate reports the first thing wrong with f as a *FilterError: a value
// with a NUL byte or invalid UTF-8, a date that is not YYYY-MM-DD, from
// after to, an unknown type or claim status, a box or circle off the
// earth, a negative limit, a cursor no store handed out. Every entry point
// (raqib search and export, the REST API) calls it, so both stores only
// ever see filters they can answer.
func (f *Filter) Validate() error {
	texts := []struct {
		param, v string
		max      int
	}{
		{"q", f.Text, MaxFilterText}, {"from", f.From, MaxFilterValue}, {"to", f.To, MaxFilterValue},
		{"admin1", f.Admin1, MaxFilterValue}, {"claim", f.ClaimStatus, MaxFilterValue},
		{"doc", f.Doc, MaxFilterValue}, {"cursor", f.Cursor, MaxFilterValue},
		{"country", f.Country, MaxFilterValue}, {"background", f.Background, MaxFilterValue},
	}
	for _, t := range f.Types {
		texts = append(texts, struct {
			param, v string
			max      int
		}{"type", t, MaxFilterValue})
	}
	for _, a := range f.Actors {
		texts = append(texts, struct {
			param, v string
			max      int
		}{"actor", a, MaxFilterValue})
	}
	for _, t := range texts {
		if err := CheckValue(t.v, t.max); err != nil {
			return &FilterError{Param: t.param, Msg: err.Error()}
		}
	}
	if len(f.Types) > MaxFilterValues {
		return filterErr("type", "at most %d types", MaxFilterValues)
	}
	if len(f.Actors) > MaxFilterValues {
		return filterErr("actor", "at most %d actors", MaxFilterValues)
	}
	for _, d := range []struct{ param, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return filterErr(d.param, "want YYYY-MM-DD, got %q", d.v)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return filterErr("from", "%s is after to %s", f.From, f.To)
	}
	for _, t := range f.Types {
		if _, ok := LookupType(t); !ok {
			return filterErr("type", "unknown event type %q (see SPEC §3), e.g. shelling_artillery_missile_attack", t)
		}
	}
	switch f.ClaimStatus {
	case "", Reported, Claimed, Denied, Alleged:
	default:
		return filterErr("claim", "want reported, claimed, denied or alleged, got %q", f.ClaimStatus)
	}
	if f.Country != "" && (len(f.Country) != 3 || strings.Trim(f.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		return filterErr("country", "want an ISO 3166 alpha-3 code such as SYR, got %q", f.Country)
	}
	if f.MinFatalities < 0 {
		return filterErr("min_fatalities", "want 0 or a positive integer, got %d", f.MinFatalities)
	}
	switch f.Background {
	case "", BackgroundExclude, BackgroundOnly:
	default:
		return filterErr("background", "want exclude or only, got %q", f.Background)
	}
	if b := f.BBox; b != nil {
		if !finite(b.MinLat, b.MinLon, b.MaxLat, b.MaxLon) || b.MinLon > b.MaxLon || b.MinLat > b.MaxLat ||
			b.MinLat < -90 || b.MaxLat > 90 || b.MinLon < -180 || b.MaxLon > 180 {
			return filterErr("bbox", "want west,south,east,north in degrees, west ≤ east and south ≤ north")
		}
	}
	if n := f.Near; n != nil {
		if !finite(n.Lat, n.Lon) || n.Lat < -90 || n.Lat > 90 || n.Lon < -180 || n.Lon > 180 {
			return filterErr("near", "want LAT,LON in degrees, e.g. 35.64,36.53")
		}
		if !finite(n.Km) || n.Km <= 0 || n.Km > MaxNearKm {
			return filterErr("km", "want a radius in kilometres above 0 and at most %d, got %v", MaxNearKm, n.Km)
		}
	}
	if f.Limit < 0 {
		return filterErr("limit", "want a positive integer, got %d", f.Limit)
	}
	if f.Cursor != "" {
		if _, err := ParseCursor(f.Cursor); err != nil {
			return filterErr("cursor", "not a cursor this server handed out")
		}
	}
	return nil
}

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// Errors of CheckValue: what is wrong with a filter value or an id.
var (
	ErrValueNUL     = errors.New("contains a NUL byte")
	ErrValueUTF8    = errors.New("is not valid UTF-8")
	ErrValueTooLong = errors.New("is too long")
)

// CheckValue says whether s may be stored or looked up by every store: valid
// UTF-8, no NUL byte (PostgreSQL cannot hold one in text) and at most max
// bytes (no limit when max ≤ 0).
func CheckValue(s string, max int) error {
	switch {
	case max > 0 && len(s) > max:
		return fmt.Errorf("%w (%d bytes, at most %d)", ErrValueTooLong, len(s), max)
	case strings.IndexByte(s, 0) >= 0:
		return ErrValueNUL
	case !utf8.ValidString(s):
		return ErrValueUTF8
	}
	return nil
}

// EarliestStart is the earliest first day of an event whose date range can
// reach from (YYYY-MM-DD): a year-precision date starts at most 365 days
// before its last day. Stores add it as a bound an index can seek on.
func EarliestStart(from string) string {
	t, err := time.Parse("2006-01-02", from)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, -366).Format("2006-01-02")
}

// DayKey is the key both stores file an event's words under, so that a
// word's matches come in listing order by date: the event's sort date as
// the number YYYYMMDD (DayNumber, 0 when it has none) in the high 32 bits,
// its sequence number in the store in the low 32. Within a day the
// matches come by sequence number, not by ID: a page is read from the
// start of its last day (KeyRange, TextAndDatesOnly).
func DayKey(dateLo string, seq int64) int64 {
	return DayNumber(dateLo)<<32 | seq
}

// DayNumber is the high half of DayKey: a date YYYY-MM-DD as the number
// YYYYMMDD, which sorts as the string does; 0 for "".
func DayNumber(dateLo string) int64 {
	n, err := strconv.ParseInt(strings.ReplaceAll(dateLo, "-", ""), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// TextAndDatesOnly says whether f filters by nothing but words, dates and
// a cursor: a page of it can then be read from a store's words in DayKey
// order, newest first, within KeyRange.
func (f Filter) TextAndDatesOnly() bool {
	return len(f.Types) == 0 && len(f.Actors) == 0 && f.Admin1 == "" && f.ClaimStatus == "" && f.Doc == "" &&
		f.BBox == nil && f.Near == nil && f.Country == "" && f.Background == "" && f.MinFatalities == 0
}

// KeyRange returns the DayKeys from lo up to below hi that a page of f
// may hold, from its dates and its cursor: whole days, the cursor's
// included (the exact tests are the store's).
func (f Filter) KeyRange() (lo, hi int64, err error) {
	lo, hi = 0, math.MaxInt64
	if f.From != "" {
		lo = DayNumber(EarliestStart(f.From)) << 32
	}
	if f.To != "" {
		lo = max(lo, 1<<32) // dated events only
		hi = (DayNumber(f.To) + 1) << 32
	}
	if f.Cursor != "" {
		cur, err := ParseCursor(f.Cursor)
		if err != nil {
			return 0, 0, err
		}
		hi = min(hi, (DayNumber(cur.Sort)+1)<<32)
	}
	return lo, hi, nil
}
