package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// ACLEDHeader is ACLED's column header, in ACLED's order.
var ACLEDHeader = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// Skip reasons.
const (
	skipNoACLED    = "no ACLED event type: consult"
	skipNoLocation = "no location"
	skipNoPlover   = "no PLOVER category"
)

// acledEncoder writes ACLED CSV rows, filled as ACLED fills them:
//
//   - event_id_cnty is the ISO3 of the event's country and digits from the
//     event's stable ID (the first 9 hex digits of its article hash as a
//     decimal number, then its 4-digit index in the article), so re-exports
//     keep the same IDs.
//   - event_date is YYYY-MM-DD. A month or year date is filed on the middle
//     day of its range, as ACLED codes events known only to a period;
//     time_precision is 1 for day, 2 for week, 3 for month or year.
//   - actor names come from data/actors.tsv; inter codes are 1 state forces,
//     2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
//     6 protesters, 7 civilians, 8 external/other forces, where state forces
//     outside their own country count as 8; interaction is the two codes,
//     lower first (ACLED's "18"), or the one code and 0 for a sole actor.
//   - civilian_targeting is "Civilian targeting" when actor2 is civilians
//     in political violence.
//   - notes is the evidence text, source the reporting source and the
//     outlet, tags the claim (claimed by, denied by) and background flags,
//     fatalities 0 when none were reported. source_scale and the associated
//     actors are left empty: raqib does not know them.
//
// consult events have no ACLED type and events without a location cannot be
// placed: both are skipped.
type acledEncoder struct {
	w   *csv.Writer
	t   *Tables
	now string
}

func newACLED(w io.Writer, t *Tables, now time.Time) *acledEncoder {
	return &acledEncoder{w: csv.NewWriter(w), t: t, now: strconv.FormatInt(now.Unix(), 10)}
}

func (a *acledEncoder) begin() error { return a.w.Write(ACLEDHeader) }

func (a *acledEncoder) end() error {
	a.w.Flush()
	return a.w.Error()
}

func (a *acledEncoder) write(e *event.StoredEvent) (string, error) {
	row, skip := a.t.ACLEDRow(e, a.now)
	if skip != "" {
		return skip, nil
	}
	return "", a.w.Write(row)
}

// ACLEDRow returns the ACLED CSV row of an event, or the reason it has none.
func (t *Tables) ACLEDRow(e *event.StoredEvent, timestamp string) (row []string, skip string) {
	typ, ok := event.LookupType(e.EventType)
	if !ok || typ.ACLEDType == "" {
		return nil, skipNoACLED
	}
	loc := e.Location
	if loc == nil {
		return nil, skipNoLocation
	}
	date := eventDate(e)
	acledDate, year := acledDay(date)
	country := t.Countries[loc.Country]
	prefix := loc.Country
	if prefix == "" {
		prefix = "XXX"
	}
	actor1, inter1 := t.acledActor(e.Actor1, date, loc.Country)
	actor2, inter2 := t.acledActor(e.Actor2, date, loc.Country)
	civ := ""
	if inter2 == 7 && strings.Contains(typ.Disorder, "Political violence") {
		civ = "Civilian targeting"
	}
	fatalities := "0"
	if e.Fatalities != nil {
		fatalities = strconv.Itoa(*e.Fatalities)
	}
	notes := e.Sentence
	if notes == "" {
		notes = event.Sentence(e.Event)
	}
	row = []string{
		prefix + eventNumber(e.ID),
		acledDate,
		year,
		timePrecision(e.DatePrecision, date),
		typ.Disorder,
		typ.ACLEDType,
		typ.ACLEDSubType,
		actor1, "", interString(inter1),
		actor2, "", interString(inter2),
		interaction(inter1, inter2),
		civ,
		country.Numeric,
		country.Region,
		country.Name,
		loc.Admin1, loc.Admin2, loc.Admin3,
		loc.Name,
		strconv.FormatFloat(loc.Lat, 'f', 4, 64),
		strconv.FormatFloat(loc.Lon, 'f', 4, 64),
		geoPrecision(loc.GeoPrecision),
		sourceText(e),
		"",
		notes,
		fatalities,
		tags(e),
		timestamp,
	}
	return row, ""
}

// acledActor returns the ACLED name and inter code of an actor in an event
// in country (ISO3) on date.
func (t *Tables) acledActor(a *event.Actor, date, country string) (string, int) {
	if a == nil || a.Code == "" {
		return "", 0
	}
	m := t.ActorFor(a.Code, date)
	name := m.ACLED
	if strings.Contains(name, "{country}") {
		if c, ok := t.Countries[country]; ok {
			name = strings.ReplaceAll(name, "{country}", c.Name)
		} else {
			name = strings.TrimSpace(strings.ReplaceAll(name, "({country})", ""))
		}
	}
	if own := t.ownCountry(a.Code); strings.Contains(name, "{self}") {
		name = strings.ReplaceAll(name, "{self}", t.Countries[own].Name)
	}
	inter := m.Inter
	if own := t.ownCountry(a.Code); inter == 1 && own != "" && country != "" && own != country {
		inter = 8
	}
	return name, inter
}

// eventNumber turns an event ID ("<16 hex>-<index>") into ACLED-style
// digits; IDs of another form keep their digits only.
func eventNumber(id string) string {
	hash, idx, ok := strings.Cut(id, "-")
	if ok && len(hash) >= 9 {
		if n, err := strconv.ParseUint(hash[:9], 16, 64); err == nil {
			return strconv.FormatUint(n, 10) + idx
		}
	}
	var b strings.Builder
	for _, r := range id {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// acledDay files a date on one day: the day itself, or the middle of a
// month or year.
func acledDay(date string) (day, year string) {
	lo, hi, ok := event.DateRange(date)
	if !ok {
		return "", ""
	}
	if lo == hi {
		return lo, lo[:4]
	}
	a, _ := time.Parse("2006-01-02", lo)
	b, _ := time.Parse("2006-01-02", hi)
	mid := a.Add(b.Sub(a) / 2)
	return mid.Format("2006-01-02"), lo[:4]
}

func timePrecision(p, date string) string {
	switch p {
	case "day":
		return "1"
	case "week":
		return "2"
	case "month", "year":
		return "3"
	}
	switch len(date) {
	case 10:
		return "1"
	case 7, 4:
		return "3"
	}
	return ""
}

func interString(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// interaction combines two inter codes as ACLED does: the lower first.
func interaction(a, b int) string {
	switch {
	case a == 0 && b == 0:
		return ""
	case a == 0 || b == 0:
		return strconv.Itoa(max(a, b) * 10)
	}
	return strconv.Itoa(min(a, b)*10 + max(a, b))
}

func geoPrecision(p int) string {
	if p < 1 || p > 3 {
		return ""
	}
	return strconv.Itoa(p)
}

// sourceText is who reported the event and the outlet that published it.
func sourceText(e *event.StoredEvent) string {
	var parts []string
	if e.Source != nil && e.Source.Text != "" {
		parts = append(parts, e.Source.Text)
	}
	if o := e.Article.Outlet; o != "" && (len(parts) == 0 || parts[0] != o) {
		parts = append(parts, o)
	}
	return strings.Join(parts, "; ")
}

func tags(e *event.StoredEvent) string {
	var t []string
	if c := e.Claim; c != nil && c.Status != "" && c.Status != event.Reported {
		t = append(t, c.Status)
		if c.By != "" {
			t = append(t, "claimed by "+c.By)
		}
		if c.DeniedBy != "" {
			t = append(t, "denied by "+c.DeniedBy)
		}
	}
	if e.Background {
		t = append(t, "background")
	}
	return strings.Join(t, "; ")
}
