package event

import "context"

// Incident is one real-world occurrence and every stored report of it, in
// any article or outlet (SPEC §7): what the reports agree on, who says what,
// and where they disagree.
type Incident struct {
	ID        string       `json:"id"`
	EventType string       `json:"event_type"` // the type most reports give
	Location  *Location    `json:"location"`   // the most precise place the reports agree on
	DateLo    string       `json:"date_lo,omitempty"`
	DateHi    string       `json:"date_hi,omitempty"`
	Reports   []Report     `json:"reports"` // earliest published first
	Articles  int          `json:"articles"`
	Types     []Count      `json:"types"`
	Actors    []ActorCount `json:"actors"`
	// Fatalities is nil when no report gives a toll.
	Fatalities *FatalityRange  `json:"fatalities"`
	Outlets    []Count         `json:"outlets"`
	Sources    []Count         `json:"sources"` // the sources the reports cite (SOHR, SANA…)
	Claims     []IncidentClaim `json:"claims"`
	Disputed   bool            `json:"disputed"`
	// Disagreements name the reports that differ on the doer, the type,
	// the toll or the claim.
	Disagreements []Disagreement `json:"disagreements"`
}

// Report is one event of an incident with its article, and why it was
// linked to the incident.
type Report struct {
	StoredEvent
	// Link is how the report joined the incident: the report it matched and
	// the features that matched; nil for the incident's first report.
	Link *Link `json:"link,omitempty"`
}

// Link says why two reports were linked.
type Link struct {
	To      string   `json:"to"`
	Because []string `json:"because"`
}

// ActorCount is an actor code in one role and how many reports give it.
type ActorCount struct {
	Role    string `json:"role"` // actor1 or actor2
	Code    string `json:"code"`
	Text    string `json:"text,omitempty"`
	Reports int    `json:"reports"`
}

// FatalityRange is the span of the tolls the reports give. Headline is
// ACLED's choice: the lowest credible figure (denied reports do not count).
type FatalityRange struct {
	Min      int `json:"min"`
	Max      int `json:"max"`
	Headline int `json:"headline"`
}

// IncidentClaim is what one report says about who claims or denies the act.
type IncidentClaim struct {
	Report   string `json:"report"`
	Doc      string `json:"doc"`
	Outlet   string `json:"outlet,omitempty"`
	Status   string `json:"status"`
	By       string `json:"by,omitempty"`
	DeniedBy string `json:"denied_by,omitempty"`
}

// Disagreement is one field on which the reports differ: each value with
// the reports that give it.
type Disagreement struct {
	Field  string          `json:"field"` // actor1, event_type, fatalities, claim
	Values []DisputedValue `json:"values"`
}

// DisputedValue is one answer and the reports that give it.
type DisputedValue struct {
	Value   string   `json:"value"`
	Reports []string `json:"reports"`
}

// IncidentFilter selects incidents: those with at least one report that
// matches Filter, and the incident-level conditions below.
type IncidentFilter struct {
	Filter
	Disputed   bool // only disputed incidents
	MinReports int  // at least this many reports
}

// IncidentPage is one page of incidents, newest first; Next is empty on
// the last page.
type IncidentPage struct {
	Incidents []Incident
	Next      string
}

// IncidentReader reads incidents. Both stores implement it; stores link
// every event they Put to an incident within the same transaction.
type IncidentReader interface {
	// Incidents returns one page of incidents matching f, by date
	// descending, then by id.
	Incidents(ctx context.Context, f IncidentFilter) (IncidentPage, error)
	// Incident returns one incident by its id, or ErrNotFound.
	Incident(ctx context.Context, id string) (Incident, error)
}
