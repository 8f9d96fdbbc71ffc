package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/incident"
)

var _ event.IncidentReader = (*Store)(nil)

// reportCols are eventCols and the link an event joined its incident by.
const reportCols = eventCols + `, e.incident_link`

func linkJSON(l *event.Link) (string, error) {
	if l == nil {
		return "", nil
	}
	b, err := json.Marshal(l)
	return string(b), err
}

// linkTx is the incident linker's view of a write transaction.
type linkTx struct {
	tx pgx.Tx
}

var _ incident.Tx = linkTx{}

func (l linkTx) Candidates(ctx context.Context, cells []int64, lo, hi string) ([]incident.Candidate, error) {
	rows, err := l.tx.Query(ctx, `SELECT id, incident, event_type, lat, lon, link_lo, link_hi FROM events
			WHERE link_cell = ANY($1) AND link_span = 0 AND link_lo BETWEEN $2 AND $4 AND link_hi >= $5
		UNION ALL
		SELECT id, incident, event_type, lat, lon, link_lo, link_hi FROM events
			WHERE link_cell = ANY($1) AND link_span = 1 AND link_lo BETWEEN $3 AND $4 AND link_hi >= $5`,
		cells, incident.CandidateFrom(lo, 0), incident.CandidateFrom(lo, 1), hi, lo)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[incident.Candidate])
}

func (l linkTx) Reports(ctx context.Context, eventIDs, incidentIDs []string) ([]event.Report, error) {
	var out []event.Report
	for _, q := range []struct {
		col string
		ids []string
	}{{"e.id", eventIDs}, {"e.incident", incidentIDs}} {
		if len(q.ids) == 0 {
			continue
		}
		reps, err := queryReports(ctx, l.tx, `SELECT `+reportCols+` FROM events e JOIN articles a ON a.seq = e.article_seq
			WHERE `+q.col+` = ANY($1)`, q.ids)
		if err != nil {
			return nil, err
		}
		out = append(out, reps...)
	}
	return out, nil
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func queryReports(ctx context.Context, db querier, q string, args ...any) ([]event.Report, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []event.Report
	for rows.Next() {
		var link string
		se, _, err := scanEvent(rows, &link)
		if err != nil {
			return nil, err
		}
		r := event.Report{StoredEvent: se}
		if link != "" {
			r.Link = &event.Link{}
			if err := json.Unmarshal([]byte(link), r.Link); err != nil {
				return nil, fmt.Errorf("event %s: link: %w", se.ID, err)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (l linkTx) Save(ctx context.Context, drop []string, recs []event.Incident, moved []incident.Moved) error {
	if len(drop) > 0 {
		if _, err := l.tx.Exec(ctx, `DELETE FROM incidents WHERE id = ANY($1)`, drop); err != nil {
			return err
		}
	}
	var ids, types, los, his, datas, evIDs, evIncs, evLinks []string
	var reports, articles []int
	var disputed []bool
	for i := range recs {
		rec := &recs[i]
		data, err := json.Marshal(incident.Stored(rec))
		if err != nil {
			return err
		}
		ids, types, los, his = append(ids, rec.ID), append(types, rec.EventType), append(los, rec.DateLo), append(his, rec.DateHi)
		datas = append(datas, string(data))
		reports, articles, disputed = append(reports, len(rec.Reports)), append(articles, rec.Articles), append(disputed, rec.Disputed)
	}
	for _, m := range moved {
		link, err := linkJSON(m.Link)
		if err != nil {
			return err
		}
		evIDs, evIncs, evLinks = append(evIDs, m.ID), append(evIncs, m.Incident), append(evLinks, link)
	}
	if len(ids) > 0 {
		if _, err := l.tx.Exec(ctx, `INSERT INTO incidents (id, event_type, date_lo, date_hi, reports, articles, disputed, data)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::bool[], $8::jsonb[])
			ON CONFLICT (id) DO UPDATE SET event_type = EXCLUDED.event_type, date_lo = EXCLUDED.date_lo, date_hi = EXCLUDED.date_hi,
				reports = EXCLUDED.reports, articles = EXCLUDED.articles, disputed = EXCLUDED.disputed, data = EXCLUDED.data`,
			ids, types, los, his, reports, articles, disputed, datas); err != nil {
			return err
		}
	}
	if len(evIDs) > 0 {
		if _, err := l.tx.Exec(ctx, `UPDATE events e SET incident = u.inc, incident_link = u.link
			FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, inc, link) WHERE e.id = u.id`,
			evIDs, evIncs, evLinks); err != nil {
			return err
		}
	}
	return nil
}

// Incident returns one incident with its reports in full.
func (s *Store) Incident(ctx context.Context, id string) (event.Incident, error) {
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT data FROM incidents WHERE id = $1`, id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return event.Incident{}, fmt.Errorf("incident %s: %w", id, event.ErrNotFound)
	}
	if err != nil {
		return event.Incident{}, fmt.Errorf("incident %s: %w", id, err)
	}
	var inc event.Incident
	if err := json.Unmarshal(data, &inc); err != nil {
		return inc, fmt.Errorf("incident %s: %w", id, err)
	}
	reps, err := queryReports(ctx, s.pool, `SELECT `+reportCols+` FROM events e JOIN articles a ON a.seq = e.article_seq WHERE e.incident = $1`, id)
	if err != nil {
		return inc, fmt.Errorf("incident %s: %w", id, err)
	}
	incident.Hydrate(&inc, reps)
	return inc, nil
}

// Incidents returns one page of the incidents with a report matching f.
func (s *Store) Incidents(ctx context.Context, f event.IncidentFilter) (event.IncidentPage, error) {
	ef := f.Filter
	ef.Cursor = ""
	w, err := where(ef, false)
	if err != nil {
		return event.IncidentPage{}, err
	}
	var conds []string
	if len(w.parts) > 0 {
		conds = append(conds, `i.id IN (SELECT e.incident FROM events e`+w.sql()+`)`)
	}
	if f.Disputed {
		conds = append(conds, `i.disputed`)
	}
	if f.MinReports > 0 {
		conds = append(conds, "i.reports >= "+w.arg(f.MinReports))
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return event.IncidentPage{}, err
		}
		a, b := w.arg(cur.Sort), w.arg(cur.ID)
		conds = append(conds, fmt.Sprintf("(i.date_lo < %s OR (i.date_lo = %s AND i.id > %s))", a, a, b))
	}
	q := `SELECT i.date_lo, i.data FROM incidents i`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	limit := event.PageSize(f.Limit)
	q += ` ORDER BY i.date_lo DESC, i.id LIMIT ` + strconv.Itoa(limit+1)
	rows, err := s.pool.Query(ctx, q, w.args...)
	if err != nil {
		return event.IncidentPage{}, fmt.Errorf("incidents: %w", err)
	}
	defer rows.Close()
	var page event.IncidentPage
	var last event.Cursor
	for rows.Next() {
		if len(page.Incidents) == limit {
			page.Next = last.String()
			break
		}
		var sortKey string
		var data []byte
		if err := rows.Scan(&sortKey, &data); err != nil {
			return event.IncidentPage{}, fmt.Errorf("incidents: %w", err)
		}
		var inc event.Incident
		if err := json.Unmarshal(data, &inc); err != nil {
			return event.IncidentPage{}, fmt.Errorf("incidents: %w", err)
		}
		page.Incidents = append(page.Incidents, inc)
		last = event.Cursor{Sort: sortKey, ID: inc.ID}
	}
	rows.Close()
	return page, rows.Err()
}

// LinkPending links the events stored before incident linking existed (a
// database made by an older raqib), batch by batch, and returns how many
// it linked. New events are linked as they are stored and never pending.
func (s *Store) LinkPending(ctx context.Context, batch int) (int, error) {
	batch = max(batch, 1)
	total := 0
	for {
		n := 0
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, linkLock); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT e.id, e.data, a.published FROM events e JOIN articles a ON a.seq = e.article_seq
				WHERE e.incident = '' ORDER BY e.seq LIMIT $1`, batch)
			if err != nil {
				return err
			}
			var ids, los, his []string
			var cells []*int64
			for rows.Next() {
				var id, published string
				var data []byte
				if err := rows.Scan(&id, &data, &published); err != nil {
					rows.Close()
					return err
				}
				var e event.Event
				if err := json.Unmarshal(data, &e); err != nil {
					rows.Close()
					return fmt.Errorf("event %s: %w", id, err)
				}
				c, lo, hi, ok := s.rules.Key(e, published)
				if ok {
					cells = append(cells, &c)
				} else {
					cells = append(cells, nil)
				}
				ids, los, his = append(ids, id), append(los, lo), append(his, hi)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			spans := make([]int, len(ids))
			for i := range ids {
				spans[i] = incident.Span(los[i], his[i])
			}
			if _, err := tx.Exec(ctx, `UPDATE events e SET link_cell = u.cell, link_lo = u.lo, link_hi = u.hi, link_span = u.span
				FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::int[]) AS u(id, cell, lo, hi, span) WHERE e.id = u.id`,
				ids, cells, los, his, spans); err != nil {
				return err
			}
			if err := s.rules.Relink(ctx, linkTx{tx}, ids, nil); err != nil {
				return err
			}
			if err := foldStats(ctx, tx); err != nil {
				return err
			}
			n = len(ids)
			return nil
		})
		total += n
		if err != nil {
			return total, fmt.Errorf("link pending: %w", err)
		}
		if n < batch {
			return total, nil
		}
	}
}
