// Package sqlite implements event.Store in an embedded SQLite file with the
// pure-Go modernc.org/sqlite driver: WAL mode, a busy timeout, immediate
// write transactions, embedded versioned migrations and an FTS5 index over
// raqib's normalised Arabic terms.
package sqlite

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/incident"

	msqlite "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

var _ event.Store = (*Store)(nil)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an event.Store in one SQLite file.
type Store struct {
	db    *sql.DB
	rules *incident.Rules
	stmts stmtCache
}

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(30000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	// Writers take the lock when they begin, so two writers never both read
	// an article as absent and then race to insert it.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	// Keep every connection open: database/sql keeps two idle by default,
	// and a connection closed after each burst of requests is opened again
	// (reading the schema) with its prepared statements lost.
	db.SetMaxIdleConns(4)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	rules, err := incident.Default()
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, rules: rules}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// migrate applies every embedded migration newer than the recorded version,
// each in its own transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		base := strings.TrimPrefix(f, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a version number", base)
		}
		body, err := migrations.ReadFile(f)
		if err != nil {
			return err
		}
		if err := applyMigration(ctx, db, v, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, version int, body string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_version WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`, version, now()); err != nil {
		return err
	}
	return tx.Commit()
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// Put writes the batch in one transaction.
func (s *Store) Put(ctx context.Context, recs []event.Record) ([]event.PutResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer tx.Rollback()
	p, err := prepare(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	p.rules = s.rules
	defer p.close()
	out := make([]event.PutResult, 0, len(recs))
	var lk linked
	for i := range recs {
		r := recs[i]
		r.Normalize()
		res, err := p.put(ctx, &r, &lk)
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", r.Key, err)
		}
		out = append(out, res)
	}
	ltx := &linkTx{tx: tx}
	err = s.rules.Relink(ctx, ltx, lk.added, lk.dropped)
	ltx.close()
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	if lk.fts {
		if _, err := tx.ExecContext(ctx, mergeFTS, ftsMergePages); err != nil {
			return nil, fmt.Errorf("put: merge full-text segments: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: commit: %w", err)
	}
	return out, nil
}

type putStmts struct {
	rules                                                                           *incident.Rules
	find, insArticle, updArticle, delFTS, delEvents, insEvent, insFTS, oldIncidents *sql.Stmt
}

// linked collects what a batch changes for the incident linker: the events
// it stores and the incidents of the events it replaces; and whether it
// wrote to the full-text index.
type linked struct {
	added, dropped []string
	fts            bool
}

// mergeFTS merges segments of the full-text index on any level that holds
// two or more ('usermerge', migration 0014), writing at most about the
// given number of pages and going on where the last batch stopped. Run at
// the end of every batch that writes to the index, it keeps the index in
// about half as many segments as FTS5's own merging (four to a level):
// over 4,000 transactions of 50 rows, 6 rather than 13 on average, 11
// rather than 26 at most, with no more write time outside the noise. The
// other settings tried did no better: 'automerge' 2 (11 on average),
// 'crisismerge' 2 (6, but a whole level merged within one batch), a
// negative 'merge' (every segment merged together: levels piled up to
// FTS5's limit as batches came faster than the merges ended).
const mergeFTS = `INSERT INTO events_fts (events_fts, rank) VALUES ('merge', ?)`

// ftsMergePages bounds the merge work of one batch (pages of 4 KiB).
const ftsMergePages = 500

func prepare(ctx context.Context, tx *sql.Tx) (*putStmts, error) {
	var p putStmts
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&p.find, `SELECT seq, hash FROM articles WHERE key = ?`},
		{&p.insArticle, `INSERT INTO articles (key, id, hash, url, title, outlet, author, lang, published, text, events, ingested_at)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`},
		{&p.updArticle, `UPDATE articles SET id = ?2, hash = ?3, url = ?4, title = ?5, outlet = ?6, author = ?7, lang = ?8,
			published = ?9, text = ?10, events = ?11, ingested_at = ?12 WHERE seq = ?1`},
		{&p.delFTS, `DELETE FROM events_fts WHERE rowid IN (SELECT ` + ftsKeySQL("events") + ` FROM events WHERE article_seq = ?)`},
		{&p.delEvents, `DELETE FROM events WHERE article_seq = ?`},
		{&p.insEvent, `INSERT INTO events (id, article_seq, article_key, doc, event_type, date, date_lo, date_hi,
			actor1, actor2, admin1, claim_status, lat, lon, sentence, data, link_cell, link_lo, link_hi, link_span, brief, card)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&p.oldIncidents, `SELECT DISTINCT incident FROM events WHERE article_seq = ? AND incident <> ''`},
		{&p.insFTS, `INSERT INTO events_fts (rowid, terms) VALUES (?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			p.close()
			return nil, err
		}
		*s.dst = st
	}
	return &p, nil
}

func (p *putStmts) close() {
	for _, st := range []*sql.Stmt{p.find, p.insArticle, p.updArticle, p.delFTS, p.delEvents, p.insEvent, p.insFTS, p.oldIncidents} {
		if st != nil {
			st.Close()
		}
	}
}

func (p *putStmts) put(ctx context.Context, r *event.Record, lk *linked) (event.PutResult, error) {
	res := event.PutResult{Key: r.Key}
	var seq int64
	var hash string
	err := p.find.QueryRowContext(ctx, r.Key).Scan(&seq, &hash)
	a := r.Article
	args := []any{r.Key, a.ID, r.Hash, a.URL, a.Title, a.Outlet, a.Author, a.Lang, a.Published, a.Text, len(r.Events), now()}
	switch {
	case err == nil && hash == r.Hash:
		res.Status = event.Unchanged
		return res, nil
	case err == nil:
		res.Status = event.Updated
		if err := p.dropped(ctx, seq, lk); err != nil {
			return res, err
		}
		if _, err := p.delFTS.ExecContext(ctx, seq); err != nil {
			return res, err
		}
		lk.fts = true
		if _, err := p.delEvents.ExecContext(ctx, seq); err != nil {
			return res, err
		}
		args[0] = seq
		if _, err := p.updArticle.ExecContext(ctx, args...); err != nil {
			return res, err
		}
	case errors.Is(err, sql.ErrNoRows):
		res.Status = event.New
		rs, err := p.insArticle.ExecContext(ctx, args...)
		if err != nil {
			return res, err
		}
		if seq, err = rs.LastInsertId(); err != nil {
			return res, err
		}
	default:
		return res, err
	}
	for i, e := range r.Events {
		row := event.NewRow(r, i, e)
		data, err := json.Marshal(row.Event)
		if err != nil {
			return res, err
		}
		brief, err := event.BriefJSON(row.Event)
		if err != nil {
			return res, err
		}
		card, err := event.CardJSON(row.Event)
		if err != nil {
			return res, err
		}
		var cell sql.NullInt64
		c, lo, hi, ok := p.rules.Key(row.Event, a.Published)
		if ok {
			cell = sql.NullInt64{Int64: c, Valid: true}
		}
		rs, err := p.insEvent.ExecContext(ctx, row.Event.ID, seq, r.Key, row.Event.Doc, row.Event.EventType,
			row.Date, row.DateLo, row.DateHi, row.Actor1, row.Actor2, row.Admin1, row.ClaimStatus,
			nullFloat(row.Lat, row.HasPoint), nullFloat(row.Lon, row.HasPoint), row.Sentence, string(data), cell, lo, hi, incident.Span(lo, hi), brief, card)
		if err != nil {
			return res, err
		}
		lk.added = append(lk.added, row.Event.ID)
		eseq, err := rs.LastInsertId()
		if err != nil {
			return res, err
		}
		if _, err := p.insFTS.ExecContext(ctx, event.DayKey(row.DateLo, eseq), ftsTerms(row)); err != nil {
			return res, err
		}
		lk.fts = true
	}
	res.Events = len(r.Events)
	return res, nil
}

// dropped notes the incidents of an article's stored events before they
// are replaced: they lose reports and must be formed again.
func (p *putStmts) dropped(ctx context.Context, seq int64, lk *linked) error {
	rows, err := p.oldIncidents.QueryContext(ctx, seq)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		lk.dropped = append(lk.dropped, id)
	}
	return rows.Err()
}

func nullFloat(f float64, ok bool) sql.NullFloat64 { return sql.NullFloat64{Float64: f, Valid: ok} }

// RecordError keeps an ingest error.
func (s *Store) RecordError(ctx context.Context, e event.IngestError) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO ingest_errors (origin, item, reason, at) VALUES (?, ?, ?, ?)`,
		e.Origin, e.ID, e.Reason, e.At.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("record error: %w", err)
	}
	return nil
}

// Errors returns the newest ingest errors.
func (s *Store) Errors(ctx context.Context, limit int) ([]event.IngestError, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT origin, item, reason, at FROM ingest_errors ORDER BY seq DESC LIMIT ?`, event.PageSize(limit))
	if err != nil {
		return nil, fmt.Errorf("errors: %w", err)
	}
	defer rows.Close()
	var out []event.IngestError
	for rows.Next() {
		var e event.IngestError
		var at string
		if err := rows.Scan(&e.Origin, &e.ID, &e.Reason, &at); err != nil {
			return nil, fmt.Errorf("errors: %w", err)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Counts says how many articles, events and ingest errors are stored.
func (s *Store) Counts(ctx context.Context) (event.Counts, error) {
	var c event.Counts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM ingest_errors)`).
		Scan(&c.Articles, &c.Events, &c.Errors)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

const eventCols = `e.id, e.date_lo, e.sentence, e.data, a.key, a.id, a.title, a.outlet, a.url, a.published, e.incident`

// briefCols are eventCols for a Brief page: the event's JSON without the
// fields a list does not show (most of its bytes, and of the time a page
// takes to decode; migration 0009), no sentence.
const briefCols = `e.id, e.date_lo, '', e.brief, a.key, a.id, a.title, a.outlet, a.url, a.published, e.incident`

// cardCols are the columns of a Cards page, read from event_list l: the
// stored card, sent as it is, with the ID, incident and article id and
// title (migration 0016).
const cardCols = `l.id, l.date_lo, l.card, l.article_id, l.title, l.incident`

// listed says a page of f is read from event_list (a Cards page).
func listed(f event.Filter) bool { return f.Brief && f.Cards }

// pageCols are the columns a page of f reads.
func pageCols(f event.Filter) string {
	switch {
	case listed(f):
		return cardCols
	case f.Brief:
		return briefCols
	}
	return eventCols
}

// pageJoin is what a page of f joins to its events, each a row of t with
// the columns seq and date_lo: a Cards page reads one row of event_list per
// event, by its key (ftsKeySQL), any other the event's row and its article's.
func pageJoin(f event.Filter, t string) string {
	if listed(f) {
		return ` CROSS JOIN event_list l ON l.key = ` + ftsKeySQL(t)
	}
	return ` CROSS JOIN events e ON e.seq = ` + t + `.seq JOIN articles a ON a.seq = e.article_seq`
}

// lenient reads stored event JSON as encoding/json would (it wrote it):
// what it may hold is not checked again. Events are decoded with the JSON
// v2 prototype, which decodes a page's events in half the time
// encoding/json takes (a sixth of the CPU of a list request at a million
// events was spent there).
var lenient = jsonv2.JoinOptions(jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true), jsonv2.MatchCaseInsensitiveNames(true))

func scanEvent(sc interface{ Scan(...any) error }, extra ...any) (event.StoredEvent, string, error) {
	var se event.StoredEvent
	var data, sortKey, inc string
	m := &se.Article
	if err := sc.Scan(append([]any{&se.ID, &sortKey, &se.Sentence, &data, &m.Key, &m.ID, &m.Title, &m.Outlet, &m.URL, &m.Published, &inc}, extra...)...); err != nil {
		return se, "", err
	}
	if err := jsonv2.Unmarshal([]byte(data), &se.Event, lenient); err != nil {
		return se, "", fmt.Errorf("event %s: %w", se.ID, err)
	}
	se.Incident = inc
	return se, sortKey, nil
}

// scanCard reads a row of cardCols.
func scanCard(sc interface{ Scan(...any) error }) (event.StoredEvent, string, error) {
	var se event.StoredEvent
	var sortKey string
	err := sc.Scan(&se.ID, &sortKey, &se.Card, &se.Article.ID, &se.Article.Title, &se.Incident)
	return se, sortKey, err
}

func init() {
	msqlite.MustRegisterDeterministicScalarFunction("raqib_card", 1, cardOfBrief)
}

// cardOfBrief is the SQL function raqib_card(brief): the card
// (event.CardJSON) of an event's stored brief JSON, with which migration
// 0016 fills the cards of the events stored before it.
func cardOfBrief(_ *msqlite.FunctionContext, args []sqldriver.Value) (sqldriver.Value, error) {
	var b []byte
	switch v := args[0].(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return nil, fmt.Errorf("raqib_card: brief is %T, not text", v)
	}
	var e event.Event
	if err := jsonv2.Unmarshal(b, &e, lenient); err != nil {
		return nil, fmt.Errorf("raqib_card: %w", err)
	}
	return event.CardJSON(e)
}

// Event returns one event by its ID.
func (s *Store) Event(ctx context.Context, id string) (event.StoredEvent, error) {
	row := s.queryRow(ctx, `SELECT `+eventCols+` FROM events e JOIN articles a ON a.seq = e.article_seq WHERE e.id = ?`, id)
	se, _, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return se, fmt.Errorf("event %s: %w", id, event.ErrNotFound)
	}
	if err != nil {
		return se, fmt.Errorf("event %s: %w", id, err)
	}
	return se, nil
}

// Events returns one page of matching events, newest first.
func (s *Store) Events(ctx context.Context, f event.Filter) (event.Page, error) {
	limit := event.PageSize(f.Limit)
	p, err := s.plan(ctx, f, limit)
	if err != nil {
		return event.Page{}, fmt.Errorf("events: %w", err)
	}
	var evs []event.StoredEvent
	var keys []string
	switch p.driver {
	case byMonth:
		evs, keys, err = s.eventsByMonth(ctx, f, limit, p.fts)
	case byKey:
		evs, keys, err = s.eventsByKey(ctx, f, limit, p.fts)
	default:
		evs, keys, err = s.pageRows(ctx, p.sql, p.args, limit+1, listed(f))
	}
	if err != nil {
		return event.Page{}, fmt.Errorf("events: %w", err)
	}
	return event.CutPage(evs, keys, limit), nil
}

const articleCols = `key, hash, id, url, title, outlet, author, lang, published, events, ingested_at`

func scanArticle(sc interface{ Scan(...any) error }, extra ...any) (event.StoredArticle, error) {
	var a event.StoredArticle
	var at string
	dst := append([]any{&a.Key, &a.Hash, &a.ID, &a.URL, &a.Title, &a.Outlet, &a.Author, &a.Lang, &a.Published, &a.Events, &at}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return a, err
	}
	a.Ingested, _ = time.Parse(time.RFC3339Nano, at)
	return a, nil
}

// Article returns an article with its text, by key or else by article id.
func (s *Store) Article(ctx context.Context, keyOrID string) (event.StoredArticle, error) {
	for _, q := range []string{
		`SELECT ` + articleCols + `, text FROM articles WHERE key = ?`,
		`SELECT ` + articleCols + `, text FROM articles WHERE id = ? ORDER BY seq DESC LIMIT 1`,
	} {
		var text string
		a, err := scanArticle(s.db.QueryRowContext(ctx, q, keyOrID), &text)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return a, fmt.Errorf("article %s: %w", keyOrID, err)
		}
		a.Text = text
		return a, nil
	}
	return event.StoredArticle{}, fmt.Errorf("article %s: %w", keyOrID, event.ErrNotFound)
}

// Articles lists articles, newest published first, without their text.
func (s *Store) Articles(ctx context.Context, f event.ArticleFilter) (event.ArticlePage, error) {
	var conds []string
	var args []any
	if f.Outlet != "" {
		args = append(args, f.Outlet)
		conds = append(conds, "outlet = ?"+strconv.Itoa(len(args)))
	}
	if f.Cursor != "" {
		c, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return event.ArticlePage{}, err
		}
		args = append(args, c.Sort, c.ID)
		n := len(args)
		conds = append(conds, fmt.Sprintf("(published < ?%d OR (published = ?%d AND key > ?%d))", n-1, n-1, n))
	}
	q := `SELECT ` + articleCols + ` FROM articles`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	limit := event.PageSize(f.Limit)
	q += ` ORDER BY published DESC, key LIMIT ` + strconv.Itoa(limit+1)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return event.ArticlePage{}, fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	var page event.ArticlePage
	for rows.Next() {
		if len(page.Articles) == limit {
			last := page.Articles[limit-1]
			page.Next = event.Cursor{Sort: last.Published, ID: last.Key}.String()
			break
		}
		a, err := scanArticle(rows)
		if err != nil {
			return event.ArticlePage{}, fmt.Errorf("articles: %w", err)
		}
		page.Articles = append(page.Articles, a)
	}
	return page, rows.Err()
}
