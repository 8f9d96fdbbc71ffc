package incident

import (
	"context"
	"fmt"

	"github.com/raqib/raqib/internal/event"
)

// Tx is what linking needs of a store's write transaction. Stores run
// Relink inside the transaction that writes the events, so that every
// ingest path links without calling anything, and a batch's events and
// their incidents are stored together or not at all.
type Tx interface {
	// Candidates returns the stored events indexed (Key, Span) under one
	// of cells whose window overlaps [lo, hi]; the first day of a window of
	// span s is at least CandidateFrom(lo, s), which bounds the index scan.
	Candidates(ctx context.Context, cells []int64, lo, hi string) ([]Candidate, error)
	// Reports returns the stored events with the given ids and every
	// event of the given incidents, with their articles.
	Reports(ctx context.Context, eventIDs, incidentIDs []string) ([]event.Report, error)
	// Save writes incidents: it deletes the records of the incidents in
	// drop, writes recs (in the form Stored gives) and sets the incident
	// and link of every moved report.
	Save(ctx context.Context, drop []string, recs []event.Incident, moved []Moved) error
}

// Candidate is a stored event a new one may link to, its incident ("" for
// an event stored before linking) and what tells at a glance whether it
// can link at all: its type, point and window (Key).
type Candidate struct {
	ID, Incident string
	Type         string
	Lat, Lon     float64
	Lo, Hi       string
}

// mayLink is a cheap first test of a candidate against a new report:
// types of one family, windows that overlap, points no farther apart than
// any link allows. Only candidates that pass have their incidents read.
func (r *Rules) mayLink(n *event.Report, lo, hi string, c *Candidate) bool {
	if ok, _ := r.typesAgree(n.EventType, c.Type); !ok || c.Hi < lo || hi < c.Lo {
		return false
	}
	return event.DistanceKm(n.Location.Lat, n.Location.Lon, c.Lat, c.Lon) <= MaxKm
}

// Relink links the events just stored (added) and re-forms the incidents
// that lost reports (dropped: the incidents of events a changed article
// no longer has). Only the incidents these touch are read and rewritten:
// the added events, the incidents of their candidates, and dropped. Since
// incidents are connected components of a relation between reports, the
// result is the same whatever order the articles came in.
func (r *Rules) Relink(ctx context.Context, tx Tx, added, dropped []string) error {
	if len(added) == 0 && len(dropped) == 0 {
		return nil
	}
	news, err := tx.Reports(ctx, added, nil)
	if err != nil {
		return fmt.Errorf("link: %w", err)
	}
	seenCand := map[string]bool{}
	for _, id := range added {
		seenCand[id] = true
	}
	touched := map[string]bool{}
	var incs []string
	for _, id := range dropped {
		if id != "" && !touched[id] {
			touched[id] = true
			incs = append(incs, id)
		}
	}
	var looseIDs []string             // candidates in no incident yet
	asked := map[string][]Candidate{} // look-ups already made, by cell and window
	for i := range news {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("link: %w", err)
		}
		cell, lo, hi, ok := r.Key(news[i].Event, news[i].Article.Published)
		if !ok {
			continue
		}
		q := fmt.Sprint(cell, lo, hi)
		cs, done := asked[q]
		if !done {
			var err error
			if cs, err = tx.Candidates(ctx, Neighbours(cell), lo, hi); err != nil {
				return fmt.Errorf("link: candidates: %w", err)
			}
			asked[q] = cs
		}
		for k := range cs {
			c := &cs[k]
			switch {
			case seenCand[c.ID] || !r.mayLink(&news[i], lo, hi, c):
				continue
			case c.Incident == "":
				looseIDs = append(looseIDs, c.ID)
			case !touched[c.Incident]:
				touched[c.Incident] = true
				incs = append(incs, c.Incident)
			}
			seenCand[c.ID] = true
		}
	}
	var loose []event.Report
	if len(looseIDs) > 0 {
		var err error
		if loose, err = tx.Reports(ctx, looseIDs, nil); err != nil {
			return fmt.Errorf("link: %w", err)
		}
	}
	members := append(news, loose...)
	fresh := len(members) // members[:fresh] are not in an incident yet
	if len(incs) > 0 {
		old, err := tx.Reports(ctx, nil, incs)
		if err != nil {
			return fmt.Errorf("link: %w", err)
		}
		have := map[string]bool{}
		for _, m := range members {
			have[m.ID] = true
		}
		for _, o := range old {
			if !have[o.ID] {
				have[o.ID] = true
				members = append(members, o)
			}
		}
	}
	var recs []event.Incident
	var moved []Moved
	if len(dropped) > 0 {
		// reports left: an incident may fall apart, so link all afresh
		recs, moved = r.cluster(members, nil)
	} else {
		// reports added: stored incidents stay whole, only the new
		// reports' links are looked for
		isFresh := make([]bool, len(members))
		for i := range fresh {
			isFresh[i] = true
		}
		recs, moved = r.cluster(members, isFresh)
	}
	if err := tx.Save(ctx, incs, recs, moved); err != nil {
		return fmt.Errorf("link: save: %w", err)
	}
	return nil
}
