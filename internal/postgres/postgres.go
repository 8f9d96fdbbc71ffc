// Package postgres implements event.Store in PostgreSQL with pgx: embedded
// versioned migrations, one transaction per batch with per-article advisory
// locks, and a tsvector index over raqib's normalised Arabic terms.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/incident"
)

var _ event.Store = (*Store)(nil)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating, so that
// processes starting together do not apply a migration twice.
const migrationLock = 0x72617169 // "raqi"

// linkLock is the advisory lock key the incident linker holds.
const linkLock = 0x72716c6b // "rqlk"

// Store is an event.Store in a PostgreSQL database.
type Store struct {
	pool  *pgxpool.Pool
	rules *incident.Rules

	lexMu   sync.Mutex
	lexFreq map[string]float64 // share of events per common lexeme (wordShare)
	lexRead time.Time
}

// Open connects to the database at dsn (a postgres:// URL or key=value
// string) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		// pgxpool's default is one connection per core (at least 4); a
		// page read from a store larger than the server's buffers waits on
		// its reads, and more connections keep the cores busy meanwhile:
		// 50 clients on a million events got 158 requests/s with 2, 181
		// with 4 and 274 with 8 on two cores (raqib bench serve).
		cfg.MaxConns = int32(max(8, 4*runtime.NumCPU()))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: migrate: %w", err)
	}
	rules, err := incident.Default()
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool, rules: rules}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(files)
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
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_version WHERE version = $1`, v).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, v)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

// Put writes the batch in one transaction. Each article's key is locked
// with a transaction-scoped advisory lock, taken in key order so that
// concurrent batches cannot deadlock, before it is looked up: two writers of
// the same article are serialised and the second sees the first's row.
func (s *Store) Put(ctx context.Context, recs []event.Record) ([]event.PutResult, error) {
	recs = slices.Clone(recs)
	keys := make([]string, len(recs))
	for i := range recs {
		recs[i].Normalize()
		keys[i] = recs[i].Key
	}
	var out []event.PutResult
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		out = out[:0]
		sorted := slices.Clone(keys)
		slices.Sort(sorted)
		sorted = slices.Compact(sorted)
		if _, err := tx.Exec(ctx, `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
			FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS s`, sorted); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		stored := map[string]string{} // key → hash, as the batch leaves it
		rows, err := tx.Query(ctx, `SELECT key, hash FROM articles WHERE key = ANY($1)`, sorted)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k, h string
			if err := rows.Scan(&k, &h); err != nil {
				return err
			}
			stored[k] = h
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var updated []string
		for i := range recs {
			if h, ok := stored[recs[i].Key]; ok && h != recs[i].Hash {
				updated = append(updated, recs[i].Key)
			}
		}
		var dropped []string
		if len(updated) > 0 {
			// the incidents of the events about to be replaced lose reports
			rows, err := tx.Query(ctx, `SELECT DISTINCT incident FROM events WHERE article_key = ANY($1) AND incident <> ''`, updated)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				dropped = append(dropped, id)
			}
			if err := rows.Err(); err != nil {
				return err
			}
		}
		b := &pgx.Batch{}
		pending := map[string][]event.Row{}
		pubs := map[string]string{}
		var order []string
		for i := range recs {
			r := &recs[i]
			res := event.PutResult{Key: r.Key}
			a := r.Article
			args := []any{r.Key, a.ID, r.Hash, a.URL, a.Title, a.Outlet, a.Author, a.Lang, a.Published, a.Text, len(r.Events)}
			switch h, ok := stored[r.Key]; {
			case ok && h == r.Hash:
				res.Status = event.Unchanged
				out = append(out, res)
				continue
			case ok:
				res.Status = event.Updated
				b.Queue(`DELETE FROM events WHERE article_seq = (SELECT seq FROM articles WHERE key = $1)`, r.Key)
				b.Queue(`UPDATE articles SET id = $2, hash = $3, url = $4, title = $5, outlet = $6, author = $7, lang = $8,
					published = $9, text = $10, events = $11, ingested_at = now() WHERE key = $1`, args...)
			default:
				res.Status = event.New
				b.Queue(`INSERT INTO articles (key, id, hash, url, title, outlet, author, lang, published, text, events, ingested_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`, args...)
			}
			stored[r.Key] = r.Hash
			rows := make([]event.Row, len(r.Events))
			for j, e := range r.Events {
				rows[j] = event.NewRow(r, j, e)
			}
			if _, dup := pending[r.Key]; !dup {
				order = append(order, r.Key)
			}
			pending[r.Key] = rows // a later version in the same batch wins
			pubs[r.Key] = a.Published
			res.Events = len(r.Events)
			out = append(out, res)
		}
		if b.Len() == 0 {
			return nil
		}
		var cols eventColumns
		for _, k := range order {
			for _, row := range pending[k] {
				if err := cols.add(s.rules, k, pubs[k], row); err != nil {
					return fmt.Errorf("put %s: %w", k, err)
				}
			}
		}
		if len(cols.id) > 0 {
			// after the articles the batch writes, so the join finds them
			b.Queue(`INSERT INTO events (id, article_seq, article_key, doc, event_type, date, date_lo, date_hi,
				actor1, actor2, admin1, claim_status, lat, lon, sentence, terms, data, link_cell, link_lo, link_hi, link_span, brief, card, article_id, title)
				SELECT u.id, a.seq, u.key, u.doc, u.event_type, u.date, u.date_lo, u.date_hi,
					u.actor1, u.actor2, u.admin1, u.claim_status, u.lat, u.lon, u.sentence, to_tsvector('simple', u.terms) || raqib_date_terms(u.date_lo), u.data::jsonb,
					u.link_cell, u.link_lo, u.link_hi, u.link_span, u.brief, u.card, a.id, a.title
				FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
					$8::text[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::float8[], $14::text[], $15::text[], $16::text[],
					$17::int8[], $18::text[], $19::text[], $20::int[], $21::text[], $22::text[])
					AS u(id, key, doc, event_type, date, date_lo, date_hi, actor1, actor2, admin1, claim_status, lat, lon, sentence, terms, data,
						link_cell, link_lo, link_hi, link_span, brief, card)
				JOIN articles a ON a.key = u.key`,
				cols.id, cols.key, cols.doc, cols.typ, cols.date, cols.dateLo, cols.dateHi, cols.actor1, cols.actor2,
				cols.admin1, cols.claim, cols.lat, cols.lon, cols.sentence, cols.terms, cols.data, cols.cell, cols.linkLo, cols.linkHi, cols.span,
				cols.brief, cols.card)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		// One linker at a time: two batches reporting one occurrence must
		// not each see the other's events as absent and found two
		// incidents. Held to the end of the transaction, taken after the
		// article locks (always in this order, so no deadlock).
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, linkLock); err != nil {
			return fmt.Errorf("link lock: %w", err)
		}
		if err := s.rules.Relink(ctx, linkTx{tx}, cols.id, dropped); err != nil {
			return err
		}
		return foldStats(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	return out, nil
}

// eventColumns holds a batch's events column by column, for one INSERT
// from unnest.
type eventColumns struct {
	id, key, doc, typ, date, dateLo, dateHi, actor1, actor2, admin1, claim, sentence, terms, data, brief, card []string
	lat, lon                                                                                                   []*float64
	cell                                                                                                       []*int64
	linkLo, linkHi                                                                                             []string
	span                                                                                                       []int
}

func (c *eventColumns) add(rules *incident.Rules, key, published string, row event.Row) error {
	cell, lo, hi, ok := rules.Key(row.Event, published)
	if ok {
		c.cell = append(c.cell, &cell)
	} else {
		c.cell = append(c.cell, nil)
	}
	c.linkLo = append(c.linkLo, lo)
	c.linkHi = append(c.linkHi, hi)
	c.span = append(c.span, incident.Span(lo, hi))
	data, err := json.Marshal(row.Event)
	if err != nil {
		return fmt.Errorf("event %s: %w", row.Event.ID, err)
	}
	c.id = append(c.id, row.Event.ID)
	c.key = append(c.key, key)
	c.doc = append(c.doc, row.Event.Doc)
	c.typ = append(c.typ, row.Event.EventType)
	c.date = append(c.date, row.Date)
	c.dateLo = append(c.dateLo, row.DateLo)
	c.dateHi = append(c.dateHi, row.DateHi)
	c.actor1 = append(c.actor1, row.Actor1)
	c.actor2 = append(c.actor2, row.Actor2)
	c.admin1 = append(c.admin1, row.Admin1)
	c.claim = append(c.claim, row.ClaimStatus)
	c.sentence = append(c.sentence, row.Sentence)
	c.terms = append(c.terms, strings.Join(row.Terms(arabic.IndexTerms), " "))
	c.data = append(c.data, string(data))
	brief, err := event.BriefJSON(row.Event)
	if err != nil {
		return fmt.Errorf("event %s: %w", row.Event.ID, err)
	}
	c.brief = append(c.brief, brief)
	card, err := event.CardJSON(row.Event)
	if err != nil {
		return fmt.Errorf("event %s: %w", row.Event.ID, err)
	}
	c.card = append(c.card, card)
	if row.HasPoint {
		c.lat = append(c.lat, &row.Lat)
		c.lon = append(c.lon, &row.Lon)
	} else {
		c.lat = append(c.lat, nil)
		c.lon = append(c.lon, nil)
	}
	return nil
}

// RecordError keeps an ingest error.
func (s *Store) RecordError(ctx context.Context, e event.IngestError) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO ingest_errors (origin, item, reason, at) VALUES ($1, $2, $3, $4)`,
		e.Origin, e.ID, e.Reason, e.At)
	if err != nil {
		return fmt.Errorf("record error: %w", err)
	}
	return nil
}

// Errors returns the newest ingest errors.
func (s *Store) Errors(ctx context.Context, limit int) ([]event.IngestError, error) {
	rows, err := s.pool.Query(ctx, `SELECT origin, item, reason, at FROM ingest_errors ORDER BY seq DESC LIMIT $1`, event.PageSize(limit))
	if err != nil {
		return nil, fmt.Errorf("errors: %w", err)
	}
	defer rows.Close()
	var out []event.IngestError
	for rows.Next() {
		var e event.IngestError
		if err := rows.Scan(&e.Origin, &e.ID, &e.Reason, &e.At); err != nil {
			return nil, fmt.Errorf("errors: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Counts says how many articles, events and ingest errors are stored.
func (s *Store) Counts(ctx context.Context) (event.Counts, error) {
	var c event.Counts
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM ingest_errors)`).
		Scan(&c.Articles, &c.Events, &c.Errors)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

const eventCols = `e.id, e.date_lo, e.sentence, e.data, a.key, a.id, a.title, a.outlet, a.url, a.published, e.incident`

// briefCols are eventCols for a Brief page: the event's JSON without the
// fields a list does not show (migration 0009), as stored text, and no
// sentence. The whole event is jsonb, which the server prints afresh for
// every row it sends; most of its bytes are the evidence and the ACLED
// mapping.
const briefCols = `e.id, e.date_lo, '', e.brief, a.key, a.id, a.title, a.outlet, a.url, a.published, e.incident`

// cardCols are the columns of a Cards page: the stored card, sent as it
// is, with the ID, incident and article id and title (migrations 0012 and
// 0015: all the event's own, no article read); the brief only of an event
// stored before the cards, to card it from.
const cardCols = `e.id, e.date_lo, e.card, CASE WHEN e.card = '' THEN e.brief ELSE '' END, e.article_id, e.title, e.incident`

// pageCols are the columns a page of f reads.
func pageCols(f event.Filter) string {
	if f.Brief && f.Cards {
		return cardCols
	}
	if f.Brief {
		return briefCols
	}
	return eventCols
}

// pageJoin is what pageCols(f) reads besides the event e: its article a,
// unless the page is of cards.
func pageJoin(f event.Filter) string {
	if f.Brief && f.Cards {
		return ""
	}
	return ` JOIN articles a ON a.seq = e.article_seq`
}

func scanEvent(sc pgx.Row, extra ...any) (event.StoredEvent, string, error) {
	var se event.StoredEvent
	var sortKey string
	var data []byte
	var inc string
	m := &se.Article
	if err := sc.Scan(append([]any{&se.ID, &sortKey, &se.Sentence, &data, &m.Key, &m.ID, &m.Title, &m.Outlet, &m.URL, &m.Published, &inc}, extra...)...); err != nil {
		return se, "", err
	}
	if err := json.Unmarshal(data, &se.Event); err != nil {
		return se, "", fmt.Errorf("event %s: %w", se.ID, err)
	}
	se.Incident = inc
	return se, sortKey, nil
}

// scanCard reads a row of cardCols.
func scanCard(sc pgx.Row) (event.StoredEvent, string, error) {
	var se event.StoredEvent
	var sortKey, card, brief string
	if err := sc.Scan(&se.ID, &sortKey, &card, &brief, &se.Article.ID, &se.Article.Title, &se.Incident); err != nil {
		return se, "", err
	}
	if card == "" {
		var e event.Event
		if err := json.Unmarshal([]byte(brief), &e); err != nil {
			return se, "", fmt.Errorf("event %s: %w", se.ID, err)
		}
		var err error
		if card, err = event.CardJSON(e); err != nil {
			return se, "", fmt.Errorf("event %s: %w", se.ID, err)
		}
	}
	se.Card = []byte(card)
	return se, sortKey, nil
}

// Event returns one event by its ID.
func (s *Store) Event(ctx context.Context, id string) (event.StoredEvent, error) {
	row := s.pool.QueryRow(ctx, `SELECT `+eventCols+` FROM events e JOIN articles a ON a.seq = e.article_seq WHERE e.id = $1`, id)
	se, _, err := scanEvent(row)
	if errors.Is(err, pgx.ErrNoRows) {
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
	var evs []event.StoredEvent
	var keys []string
	read := false
	var err error
	if f.TextAndDatesOnly() {
		evs, keys, read, err = s.wordPage(ctx, f, limit)
	}
	if err == nil && !read {
		evs, keys, err = s.readPage(ctx, f, limit)
	}
	if err != nil {
		return event.Page{}, fmt.Errorf("events: %w", err)
	}
	return event.CutPage(evs, keys, limit), nil
}

// readPage reads limit+1 events of f (with their sort keys) in date
// windows when textWindows gives them, else in one query of pageQuery.
func (s *Store) readPage(ctx context.Context, f event.Filter, limit int) ([]event.StoredEvent, []string, error) {
	windows, err := s.textWindows(ctx, f, limit)
	if err != nil {
		return nil, nil, err
	}
	var evs []event.StoredEvent
	var keys []string
	if windows == nil {
		q, args, err := s.pageQuery(ctx, f, limit)
		if err != nil {
			return nil, nil, err
		}
		return s.readEvents(ctx, evs, keys, q, args, f.Brief && f.Cards)
	}
	// newest window first, each read only if the page is not full yet
	for i := range windows {
		q, args, err := windowSQL(f, limit-len(evs), windows, i)
		if err != nil {
			return nil, nil, err
		}
		// planned for its words and dates each time: a statement's
		// generic plan, which PostgreSQL may switch to after five runs,
		// prices every range alike and intersected a year of the date
		// index (90,000 entries) with a word's 357 matches
		args = append([]any{pgx.QueryExecModeExec}, args...)
		if evs, keys, err = s.readEvents(ctx, evs, keys, q, args, f.Brief && f.Cards); err != nil {
			return nil, nil, err
		}
		if len(evs) > limit {
			break
		}
	}
	return evs, keys, nil
}

// readEvents appends the events q returns, with their sort keys; cards
// says q reads cardCols.
func (s *Store) readEvents(ctx context.Context, evs []event.StoredEvent, keys []string, q string, args []any, cards bool) ([]event.StoredEvent, []string, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		if evs == nil { // a page's worth at once: an event is some 340 bytes, copied at each doubling
			evs, keys = make([]event.StoredEvent, 0, 128), make([]string, 0, 128)
		}
		var se event.StoredEvent
		var sortKey string
		var err error
		if cards {
			se, sortKey, err = scanCard(rows)
		} else {
			se, sortKey, err = scanEvent(rows)
		}
		if err != nil {
			return nil, nil, err
		}
		evs, keys = append(evs, se), append(keys, sortKey)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return evs, keys, nil
}

const articleCols = `key, hash, id, url, title, outlet, author, lang, published, events, ingested_at`

func scanArticle(sc pgx.Row, extra ...any) (event.StoredArticle, error) {
	var a event.StoredArticle
	dst := append([]any{&a.Key, &a.Hash, &a.ID, &a.URL, &a.Title, &a.Outlet, &a.Author, &a.Lang, &a.Published, &a.Events, &a.Ingested}, extra...)
	err := sc.Scan(dst...)
	return a, err
}

// Article returns an article with its text, by key or else by article id.
func (s *Store) Article(ctx context.Context, keyOrID string) (event.StoredArticle, error) {
	for _, q := range []string{
		`SELECT ` + articleCols + `, text FROM articles WHERE key = $1`,
		`SELECT ` + articleCols + `, text FROM articles WHERE id = $1 ORDER BY seq DESC LIMIT 1`,
	} {
		var text string
		a, err := scanArticle(s.pool.QueryRow(ctx, q, keyOrID), &text)
		if errors.Is(err, pgx.ErrNoRows) {
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
		conds = append(conds, "outlet = $"+strconv.Itoa(len(args)))
	}
	if f.Cursor != "" {
		c, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return event.ArticlePage{}, err
		}
		args = append(args, c.Sort, c.ID)
		n := len(args)
		conds = append(conds, fmt.Sprintf("(published < $%d OR (published = $%d AND key > $%d))", n-1, n-1, n))
	}
	q := `SELECT ` + articleCols + ` FROM articles`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	limit := event.PageSize(f.Limit)
	q += ` ORDER BY published DESC, key LIMIT ` + strconv.Itoa(limit+1)
	rows, err := s.pool.Query(ctx, q, args...)
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
	rows.Close()
	return page, rows.Err()
}
