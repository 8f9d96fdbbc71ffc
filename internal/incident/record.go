package incident

import (
	"github.com/raqib/raqib/internal/event"
)

// Stored is the form of an incident record a store keeps: the summary and,
// for each report, only what names it; the reports themselves, with the
// link they joined by, are the stored events, read back with Hydrate.
func Stored(inc *event.Incident) event.Incident {
	out := *inc
	out.Reports = make([]event.Report, len(inc.Reports))
	for i, r := range inc.Reports {
		var lr event.Report
		lr.ID, lr.Doc, lr.EventType = r.ID, r.Doc, r.EventType
		lr.Article = event.ArticleMeta{Key: r.Article.Key, ID: r.Article.ID, Outlet: r.Article.Outlet, Published: r.Article.Published}
		lr.Incident = inc.ID
		out.Reports[i] = lr
	}
	return out
}

// Hydrate replaces the light reports of a stored incident with the full
// stored events (and their links), keeping the record's order.
func Hydrate(inc *event.Incident, full []event.Report) {
	byID := make(map[string]event.Report, len(full))
	for _, r := range full {
		byID[r.ID] = r
	}
	for i, r := range inc.Reports {
		if f, ok := byID[r.ID]; ok {
			f.Incident = inc.ID
			inc.Reports[i] = f
		}
	}
}
