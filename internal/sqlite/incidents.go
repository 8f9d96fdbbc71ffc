package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

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
	tx   *sql.Tx
	cand *sql.Stmt // the candidate look-up, prepared on first use
	n    int       // the number of cells it takes
}

var _ incident.Tx = (*linkTx)(nil)

func (l *linkTx) close() {
	if l.cand != nil {
		l.cand.Close()
	}
}

// chunk is how many ids go in one IN list.
const chunk = 500

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func (l *linkTx) Candidates(ctx context.Context, cells []int64, lo, hi string) ([]incident.Candidate, error) {
	args := make([]any, 0, len(cells)+5)
	for _, c := range cells {
		args = append(args, c)
	}
	args = append(args, incident.CandidateFrom(lo, 0), incident.CandidateFrom(lo, 1), hi, lo)
	if l.cand == nil || l.n != len(cells) {
		l.close()
		// ?1..?n are the cells; then the two spans' first days, hi and lo
		n := len(cells)
		ph := make([]string, n)
		for i := range ph {
			ph[i] = "?" + strconv.Itoa(i+1)
		}
		cellList := strings.Join(ph, ",")
		p := func(k int) string { return "?" + strconv.Itoa(n+k) }
		q := `SELECT id, incident, event_type, lat, lon, link_lo, link_hi FROM events
			WHERE link_cell IN (` + cellList + `) AND link_span = 0 AND link_lo BETWEEN ` + p(1) + ` AND ` + p(3) + ` AND link_hi >= ` + p(4) + `
			UNION ALL
			SELECT id, incident, event_type, lat, lon, link_lo, link_hi FROM events
			WHERE link_cell IN (` + cellList + `) AND link_span = 1 AND link_lo BETWEEN ` + p(2) + ` AND ` + p(3) + ` AND link_hi >= ` + p(4)
		st, err := l.tx.PrepareContext(ctx, q)
		if err != nil {
			return nil, err
		}
		l.cand, l.n = st, len(cells)
	}
	rows, err := l.cand.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incident.Candidate
	for rows.Next() {
		var c incident.Candidate
		if err := rows.Scan(&c.ID, &c.Incident, &c.Type, &c.Lat, &c.Lon, &c.Lo, &c.Hi); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (l *linkTx) Reports(ctx context.Context, eventIDs, incidentIDs []string) ([]event.Report, error) {
	var out []event.Report
	for _, q := range []struct {
		col string
		ids []string
	}{{"e.id", eventIDs}, {"e.incident", incidentIDs}} {
		for i := 0; i < len(q.ids); i += chunk {
			part := q.ids[i:min(i+chunk, len(q.ids))]
			args := make([]any, len(part))
			for j, id := range part {
				args[j] = id
			}
			reps, err := queryReports(ctx, l.tx, `SELECT `+reportCols+` FROM events e JOIN articles a ON a.seq = e.article_seq
				WHERE `+q.col+` IN (`+placeholders(len(part))+`)`, args...)
			if err != nil {
				return nil, err
			}
			out = append(out, reps...)
		}
	}
	return out, nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func queryReports(ctx context.Context, db querier, q string, args ...any) ([]event.Report, error) {
	rows, err := db.QueryContext(ctx, q, args...)
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

func (l *linkTx) Save(ctx context.Context, drop []string, recs []event.Incident, moved []incident.Moved) error {
	for i := 0; i < len(drop); i += chunk {
		part := drop[i:min(i+chunk, len(drop))]
		args := make([]any, len(part))
		for j, id := range part {
			args[j] = id
		}
		if _, err := l.tx.ExecContext(ctx, `DELETE FROM incidents WHERE id IN (`+placeholders(len(part))+`)`, args...); err != nil {
			return err
		}
	}
	ins, err := l.tx.PrepareContext(ctx, `INSERT OR REPLACE INTO incidents (id, event_type, date_lo, date_hi, reports, articles, disputed, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	upd, err := l.tx.PrepareContext(ctx, `UPDATE events SET incident = ?, incident_link = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	for i := range recs {
		rec := &recs[i]
		data, err := json.Marshal(incident.Stored(rec))
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, rec.ID, rec.EventType, rec.DateLo, rec.DateHi, len(rec.Reports), rec.Articles, rec.Disputed, string(data)); err != nil {
			return err
		}
	}
	for _, m := range moved {
		link, err := linkJSON(m.Link)
		if err != nil {
			return err
		}
		if _, err := upd.ExecContext(ctx, m.Incident, link, m.ID); err != nil {
			return err
		}
	}
	return nil
}

// Incident returns one incident with its reports in full.
func (s *Store) Incident(ctx context.Context, id string) (event.Incident, error) {
	var data string
	err := s.db.QueryRowContext(ctx, `SELECT data FROM incidents WHERE id = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return event.Incident{}, fmt.Errorf("incident %s: %w", id, event.ErrNotFound)
	}
	if err != nil {
		return event.Incident{}, fmt.Errorf("incident %s: %w", id, err)
	}
	var inc event.Incident
	if err := json.Unmarshal([]byte(data), &inc); err != nil {
		return inc, fmt.Errorf("incident %s: %w", id, err)
	}
	reps, err := queryReports(ctx, s.db, `SELECT `+reportCols+` FROM events e JOIN articles a ON a.seq = e.article_seq WHERE e.incident = ?`, id)
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
		conds = append(conds, `i.disputed = 1`)
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
	rows, err := s.db.QueryContext(ctx, q, w.args...)
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
		var sortKey, data string
		if err := rows.Scan(&sortKey, &data); err != nil {
			return event.IncidentPage{}, fmt.Errorf("incidents: %w", err)
		}
		var inc event.Incident
		if err := json.Unmarshal([]byte(data), &inc); err != nil {
			return event.IncidentPage{}, fmt.Errorf("incidents: %w", err)
		}
		page.Incidents = append(page.Incidents, inc)
		last = event.Cursor{Sort: sortKey, ID: inc.ID}
	}
	return page, rows.Err()
}

// LinkPending links the events stored before incident linking existed (a
// database made by an older raqib), batch by batch, and returns how many
// it linked. New events are linked as they are stored and never pending.
func (s *Store) LinkPending(ctx context.Context, batch int) (int, error) {
	batch = max(batch, 1)
	total := 0
	for {
		n, err := s.linkPendingBatch(ctx, batch)
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}

func (s *Store) linkPendingBatch(ctx context.Context, batch int) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("link pending: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.data, a.published FROM events e JOIN articles a ON a.seq = e.article_seq
		WHERE e.incident = '' ORDER BY e.seq LIMIT ?`, batch)
	if err != nil {
		return 0, fmt.Errorf("link pending: %w", err)
	}
	type pending struct {
		id, data, published string
	}
	var ps []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.data, &p.published); err != nil {
			rows.Close()
			return 0, fmt.Errorf("link pending: %w", err)
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("link pending: %w", err)
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		var e event.Event
		if err := json.Unmarshal([]byte(p.data), &e); err != nil {
			return 0, fmt.Errorf("link pending: event %s: %w", p.id, err)
		}
		var cell sql.NullInt64
		c, lo, hi, ok := s.rules.Key(e, p.published)
		if ok {
			cell = sql.NullInt64{Int64: c, Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET link_cell = ?, link_lo = ?, link_hi = ?, link_span = ? WHERE id = ?`,
			cell, lo, hi, incident.Span(lo, hi), p.id); err != nil {
			return 0, fmt.Errorf("link pending: %w", err)
		}
		ids[i] = p.id
	}
	ltx := &linkTx{tx: tx}
	err = s.rules.Relink(ctx, ltx, ids, nil)
	ltx.close()
	if err != nil {
		return 0, fmt.Errorf("link pending: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("link pending: %w", err)
	}
	return len(ps), nil
}
