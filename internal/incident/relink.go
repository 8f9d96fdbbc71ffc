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
	// Candidates returns the ids of stored events indexed (Key) under one
	// of cells whose window overlaps [lo, hi]; a window's first day is at
	// least from (CandidateRange), which bounds the index scan.
	Candidates(ctx context.Context, cells []int64, from, lo, hi string) ([]string, error)
	// Reports returns the stored events with the given ids and every
	// event of the given incidents, with their articles.
	Reports(ctx context.Context, eventIDs, incidentIDs []string) ([]event.Report, error)
	// Save writes incidents: it deletes the records of the incidents in
	// drop, writes recs and sets the incident of every report of recs.
	Save(ctx context.Context, drop []string, recs []event.Incident) error
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
	var cands []string
	for i := range news {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("link: %w", err)
		}
		cell, lo, hi, ok := r.Key(news[i].Event, news[i].Article.Published)
		if !ok {
			continue
		}
		ids, err := tx.Candidates(ctx, Neighbours(cell), CandidateRange(lo, hi), lo, hi)
		if err != nil {
			return fmt.Errorf("link: candidates: %w", err)
		}
		for _, id := range ids {
			if !seenCand[id] {
				seenCand[id] = true
				cands = append(cands, id)
			}
		}
	}
	touched := map[string]bool{}
	var incs []string
	for _, id := range dropped {
		if id != "" && !touched[id] {
			touched[id] = true
			incs = append(incs, id)
		}
	}
	var loose []event.Report // candidates in no incident yet
	if len(cands) > 0 {
		cr, err := tx.Reports(ctx, cands, nil)
		if err != nil {
			return fmt.Errorf("link: %w", err)
		}
		for _, c := range cr {
			if c.Incident == "" {
				loose = append(loose, c)
			} else if !touched[c.Incident] {
				touched[c.Incident] = true
				incs = append(incs, c.Incident)
			}
		}
	}
	members := append(news, loose...)
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
	recs := r.Cluster(members)
	if err := tx.Save(ctx, incs, recs); err != nil {
		return fmt.Errorf("link: save: %w", err)
	}
	return nil
}
