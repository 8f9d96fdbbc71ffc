// Package incident links the reports of one real-world occurrence, in any
// article or outlet, into an incident (SPEC §7), and sums an incident up:
// merged type, place and dates, actors with their agreement, the toll's
// range, sources, claims and denials, and the disagreements that make it
// disputed.
//
// Two reports are linked when their types share a family
// (data/families.tsv), their places agree at the precision both give,
// their dates agree, and their actors do not contradict each other.
// Incidents are the connected components of that relation, so they depend
// only on which reports are stored, never on the order they came in; an
// incident's id is derived from its first report (earliest published, then
// smallest event id), so it stays as later reports join.
//
// The package is pure: the stores give it reports and candidates through
// the Tx interface inside their write transactions.
package incident

import (
	"embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/event"
)

//go:embed data/*.tsv
var dataFS embed.FS

// A report whose only date is its article's publication day (or that has
// none) may describe an act of that day or of the few days before: news is
// told on the day and in the days after. How many days depends on the
// act: an air strike recurs daily at one place, so a report of "today's"
// strike is that day's or the day before's; a chemical attack or an
// agreement is still told as news a week later (the lookback column of
// data/families.tsv).

// MaxWindow is the longest date window that links (a month); wider dates
// (a year) are too coarse to say which occurrence a report means.
const MaxWindow = 31

// CellDegrees is the size of the coarse grid candidates are looked up in.
// The farthest two linked reports may lie apart (MaxKm) is less than one
// cell, so a report's candidates lie in its cell and the eight around it.
const CellDegrees = 0.5

// Place tolerances, by the coarser precision of the two reports.
const (
	exactKm  = 8  // a town or a site
	nearKm   = 25 // near a town, a part of a district, "ريف X"
	regionKm = 40 // a province or a region
	// two gazetteer entries this close are one place named twice
	aliasKm = 2
	// MaxKm is the largest tolerance.
	MaxKm = regionKm
)

// Rules hold the type families and lookbacks.
type Rules struct {
	families map[string][]string
	lookback map[string]int
	// parties: types whose actor1 and actor2 are two of several parties
	// (talks, agreements), not a doer and a target, so that reports naming
	// other parties do not contradict each other
	parties map[string]bool
}

// rareLookback is the lookback from which an act is rare enough at one
// place that a report dated only by its month is linked to the day's
// reports of the same act there.
const rareLookback = 7

var (
	defaultOnce  sync.Once
	defaultRules *Rules
	defaultErr   error
)

// Default returns the rules built from the embedded data, loaded once.
func Default() (*Rules, error) {
	defaultOnce.Do(func() { defaultRules, defaultErr = Load() })
	return defaultRules, defaultErr
}

// Load reads the embedded type families.
func Load() (*Rules, error) {
	b, err := dataFS.ReadFile("data/families.tsv")
	if err != nil {
		return nil, fmt.Errorf("families: %w", err)
	}
	r := &Rules{families: map[string][]string{}, lookback: map[string]int{}, parties: map[string]bool{}}
	for n, line := range strings.Split(string(b), "\n") {
		if n == 0 || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("families.tsv line %d: want type, families, lookback and actors", n+1)
		}
		lb, err := strconv.Atoi(f[2])
		if err != nil || lb < 0 || lb+1 > MaxWindow {
			return nil, fmt.Errorf("families.tsv line %d: lookback %q: want 0 to %d days", n+1, f[2], MaxWindow-1)
		}
		r.lookback[f[0]] = lb
		switch f[3] {
		case "parties":
			r.parties[f[0]] = true
		case "roles":
		default:
			return nil, fmt.Errorf("families.tsv line %d: actors %q: want roles or parties", n+1, f[3])
		}
		if _, ok := event.LookupType(f[0]); !ok {
			return nil, fmt.Errorf("families.tsv line %d: unknown event type %q", n+1, f[0])
		}
		for _, fam := range strings.Split(f[1], ",") {
			if fam = strings.TrimSpace(fam); fam != "" {
				r.families[f[0]] = append(r.families[f[0]], fam)
			}
		}
	}
	return r, nil
}

// Family returns the families of a type.
func (r *Rules) Family(typ string) []string { return r.families[typ] }

// typesAgree says whether two types may name one act, and the family they share.
func (r *Rules) typesAgree(a, b string) (bool, string) {
	if a == b {
		return true, ""
	}
	for _, fa := range r.families[a] {
		for _, fb := range r.families[b] {
			if fa == fb {
				return true, fa
			}
		}
	}
	return false, ""
}

// Date kinds.
const (
	dateNone     = iota // no usable date: never linked
	dateExact           // a day (or a week) the report states
	dateFloating        // only the publication day: the window before it
	dateCoarse          // a week or a month
)

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func dayNum(s string) (int, bool) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, false
	}
	return int(t.Sub(epoch).Hours() / 24), true
}

func dayStr(n int) string { return epoch.AddDate(0, 0, n).Format("2006-01-02") }

// window is the days a report may describe.
func (r *Rules) window(e event.Event, published string) (kind, lo, hi int) {
	back, ok := r.lookback[e.EventType]
	if !ok {
		back = 1
	}
	pub, hasPub := -1, false
	if len(published) >= 10 {
		pub, hasPub = dayNum(published[:10])
	}
	d := ""
	if e.Date != nil {
		d = *e.Date
	}
	switch {
	case len(d) == 10:
		n, ok := dayNum(d)
		if !ok {
			break
		}
		if e.DatePrecision == "week" {
			// a week is linked as a month is: it would bridge the days in it
			return dateCoarse, n - 3, n + 3
		}
		if hasPub && n == pub {
			return dateFloating, pub - back, pub
		}
		return dateExact, n, n
	case len(d) == 7:
		l, h, ok := event.DateRange(d)
		if !ok {
			break
		}
		a, _ := dayNum(l)
		b, _ := dayNum(h)
		return dateCoarse, a, b
	case d == "" && hasPub:
		return dateFloating, pub - back, pub
	}
	return dateNone, 0, 0
}

// Cell is the coarse grid cell of a point.
func Cell(lat, lon float64) int64 {
	return int64(math.Floor(lat/CellDegrees)+1000)*100000 + int64(math.Floor(lon/CellDegrees)+1000)
}

// Neighbours returns a cell and the eight around it.
func Neighbours(c int64) []int64 {
	out := make([]int64, 0, 9)
	for _, dy := range []int64{-1, 0, 1} {
		for _, dx := range []int64{-1, 0, 1} {
			out = append(out, c+dy*100000+dx)
		}
	}
	return out
}

// Key is what a store indexes a report under for candidate look-up: its
// cell and the first and last day it may describe. ok is false for a
// report that cannot be linked (no place or too coarse a date): it is an
// incident of its own.
func (r *Rules) Key(e event.Event, published string) (cell int64, lo, hi string, ok bool) {
	if e.Location == nil {
		return 0, "", "", false
	}
	kind, a, b := r.window(e, published)
	if kind == dateNone {
		return 0, "", "", false
	}
	return Cell(e.Location.Lat, e.Location.Lon), dayStr(a), dayStr(b), true
}

// ShortWindow is the longest window of span 0 (Span): a week, or a day and
// the longest lookback before it.
const ShortWindow = 8

// Span sorts windows for the index: 0 for those of up to ShortWindow days,
// 1 for longer ones. A look-up reads the two ranges apart, so the many
// short windows are scanned over a week, not a month.
func Span(lo, hi string) int {
	a, okA := dayNum(lo)
	b, okB := dayNum(hi)
	if okA && okB && b-a+1 <= ShortWindow {
		return 0
	}
	return 1
}

// CandidateFrom is the earliest first day of a window of the given span
// that can overlap a window starting on lo.
func CandidateFrom(lo string, span int) string {
	n, ok := dayNum(lo)
	if !ok {
		return lo
	}
	if span == 0 {
		return dayStr(n - (ShortWindow - 1))
	}
	return dayStr(n - MaxWindow)
}

// feat is what linking reads of a report.
type feat struct {
	i                int // index in the reports being clustered
	id, art          string
	typ              string
	lat, lon         float64
	prec             int
	gz, admin1, ctry string
	kind, lo, hi     int
	back             int // the type's lookback
	a1, a2           string
	cell             int64
}

func (rl *Rules) features(i int, r *event.Report) (feat, bool) {
	e := r.Event
	f := feat{i: i, id: e.ID, art: r.Article.Key, typ: e.EventType, back: rl.lookback[e.EventType]}
	if f.art == "" {
		f.art = e.Doc
	}
	if e.Location == nil {
		return f, false
	}
	l := e.Location
	f.lat, f.lon, f.prec, f.gz, f.admin1, f.ctry = l.Lat, l.Lon, l.GeoPrecision, l.GazetteerID, l.Admin1, l.Country
	if f.prec < 1 || f.prec > 3 {
		f.prec = 2
	}
	f.kind, f.lo, f.hi = rl.window(e, r.Article.Published)
	if f.kind == dateNone {
		return f, false
	}
	if e.Actor1 != nil {
		f.a1 = e.Actor1.Code
	}
	if e.Actor2 != nil {
		f.a2 = e.Actor2.Code
	}
	f.cell = Cell(f.lat, f.lon)
	return f, true
}

// compatible says whether two reports of different articles may tell one
// occurrence, and why.
func (r *Rules) compatible(a, b *feat, explain bool) (ok, sameType bool, why []string) {
	okType, fam := r.typesAgree(a.typ, b.typ)
	if !okType {
		return false, false, nil
	}
	if a.typ == b.typ {
		if explain {
			why = append(why, "type: both "+a.typ)
		}
	} else {
		if explain {
			why = append(why, fmt.Sprintf("type: %s and %s (both %s)", a.typ, b.typ, fam))
		}
	}
	// places, at the precision both give
	if a.ctry != "" && b.ctry != "" && a.ctry != b.ctry {
		return false, false, nil
	}
	prec := max(a.prec, b.prec)
	km := event.DistanceKm(a.lat, a.lon, b.lat, b.lon)
	switch {
	case a.gz != "" && a.gz == b.gz:
		if explain {
			why = append(why, "place: same gazetteer place "+a.gz)
		}
	case prec == 1 && a.gz != "" && b.gz != "" && km > aliasKm:
		// two different towns or sites, each named exactly
		return false, false, nil
	default:
		tol := float64(exactKm)
		switch prec {
		case 2:
			tol = nearKm
		case 3:
			tol = regionKm
			if a.admin1 != "" && b.admin1 != "" && a.admin1 != b.admin1 {
				return false, false, nil
			}
		}
		if km > tol {
			return false, false, nil
		}
		if explain {
			why = append(why, fmt.Sprintf("place: %.1f km apart (within %.0f km at precision %d)", km, tol, prec))
		}
	}
	// dates
	switch {
	case a.kind == dateCoarse && b.kind == dateCoarse:
		// a month links only to the same month told of the same act, so
		// that no coarse report bridges the separate days inside it
		if a.lo != b.lo || a.hi != b.hi || a.typ != b.typ {
			return false, false, nil
		}
		if explain {
			why = append(why, "date: same period "+dayStr(a.lo)+".."+dayStr(a.hi))
		}
	case a.kind == dateCoarse || b.kind == dateCoarse:
		// a month (or week) and a day: only for a rare act at the same place
		if a.typ != b.typ || a.back < rareLookback || a.hi < b.lo || b.hi < a.lo ||
			(km > exactKm && (a.gz == "" || a.gz != b.gz)) {
			return false, false, nil
		}
		if explain {
			why = append(why, fmt.Sprintf("date: a period and a day in it, of an act rare at one place (%s)", a.typ))
		}
	case a.kind == dateFloating && b.kind == dateFloating && a.hi == b.hi:
		if explain {
			why = append(why, "date: neither gives a day; both published "+dayStr(a.hi))
		}
	case a.kind == dateFloating && b.kind == dateFloating:
		// two reports dated only by publication on different days: the
		// same rare act at the same place, published within the lookback
		// (a frequent act told on two days is two days' acts)
		if a.typ != b.typ || a.back < rareLookback || a.hi < b.lo || b.hi < a.lo || prec == 3 || (km > aliasKm && (a.gz == "" || a.gz != b.gz)) {
			return false, false, nil
		}
		if explain {
			why = append(why, fmt.Sprintf("date: neither gives a day; published %s and %s, within %d days", dayStr(a.hi), dayStr(b.hi), a.back))
		}
	case a.kind == dateFloating && b.hi < a.hi-min(a.back, b.back), b.kind == dateFloating && a.hi < b.hi-min(a.back, b.back):
		// a report dated by publication reaches back only as far as the
		// more frequent of the two acts allows
		return false, false, nil
	case (a.kind == dateFloating || b.kind == dateFloating) && a.hi != b.hi && prec == 3:
		// nor across days when one names only a province or a region: it
		// cannot say which day's act it means
		return false, false, nil
	case a.hi < b.lo || b.hi < a.lo:
		return false, false, nil
	case a.kind == dateExact && b.kind == dateExact:
		if a.lo == a.hi && b.lo == b.hi {
			if explain {
				why = append(why, "date: same day "+dayStr(a.lo))
			}
		} else {
			if explain {
				why = append(why, "date: overlapping weeks")
			}
		}
	default:
		x, y := a, b
		if x.kind != dateFloating {
			x, y = y, x
		}
		if explain {
			why = append(why, fmt.Sprintf("date: %s falls in the %d days before the other's publication (%s), when %s is still told as news", dayStr(y.lo), min(x.back, y.back), dayStr(x.hi), x.typ))
		}
	}
	// actors: a contradiction only when both name both sides and share none
	if !explain && shareActor(a, b) {
		// compatible; the names are only needed to explain
	} else if shared := sharedActors(a, b); len(shared) > 0 {
		if explain {
			why = append(why, "actors: both name "+strings.Join(shared, ", "))
		}
	} else if !r.parties[a.typ] && !r.parties[b.typ] && known(a.a1) && known(a.a2) && known(b.a1) && known(b.a2) && !sameCountry(a, b) {
		return false, false, nil
	}
	return true, a.typ == b.typ, why
}

func known(code string) bool { return code != "" && code != "UNK" }

func shareActor(a, b *feat) bool {
	return (known(a.a1) && (a.a1 == b.a1 || a.a1 == b.a2)) || (known(a.a2) && (a.a2 == b.a1 || a.a2 == b.a2))
}

func sharedActors(a, b *feat) []string {
	var out []string
	for _, x := range []string{a.a1, a.a2} {
		if known(x) && (x == b.a1 || x == b.a2) && !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// sameCountry: two sides' codes from the same state (SYR.GOV, SYR.MIL)
// are one side told more or less precisely.
func sameCountry(a, b *feat) bool {
	for _, x := range []string{a.a1, a.a2} {
		for _, y := range []string{b.a1, b.a2} {
			cx, _, okx := strings.Cut(x, ".")
			cy, _, oky := strings.Cut(y, ".")
			if okx && oky && cx == cy {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortStrings sorts in place and returns s.
func sortStrings(s []string) []string {
	sort.Strings(s)
	return s
}
