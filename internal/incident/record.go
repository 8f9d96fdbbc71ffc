package incident

import (
	"github.com/raqib/raqib/internal/event"
)

// Stored is the form of an incident record a store keeps: the summary and,
// for each report, only what names it and how it was linked; the reports
// themselves are the stored events and are read back with Hydrate.
func Stored(inc *event.Incident) event.Incident {
	out := *inc
	out.Reports = make([]event.Report, len(inc.Reports))
	for i, r := range inc.Reports {
		var lr event.Report
		lr.ID, lr.Doc, lr.EventType = r.ID, r.Doc, r.EventType
		lr.Date, lr.Fatalities, lr.Claim = r.Date, r.Fatalities, r.Claim
		lr.Article = r.Article
		lr.Incident = inc.ID
		lr.Link = r.Link
		out.Reports[i] = lr
	}
	return out
}

// Hydrate replaces the light reports of a stored incident with the full
// stored events, keeping the record's order and links.
func Hydrate(inc *event.Incident, full []event.Report) {
	byID := make(map[string]event.Report, len(full))
	for _, r := range full {
		byID[r.ID] = r
	}
	for i, r := range inc.Reports {
		if f, ok := byID[r.ID]; ok {
			f.Link = r.Link
			f.Incident = inc.ID
			inc.Reports[i] = f
		}
	}
}
