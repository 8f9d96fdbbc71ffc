package postgres

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
)

// wordPage reads a page of f, words with no other filter than dates
// (event.Filter.TextAndDatesOnly), from event_terms (migration 0018) in
// key order, newest first, as SQLite reads events_fts: the newest matches
// below the page's bound are found first, the rarest word's keys walked
// and the others' looked up on each key (about a page of them, however
// common the words), then the page's events, those matches and the rest
// of the last one's day, are read, sorted into listing order and tested
// on the dates and the cursor (wordPageSQL). When those tests leave the
// page short, the next run starts below that day. ok is false when the
// words have no lexeme (the page is then read as any other).
func (s *Store) wordPage(ctx context.Context, f event.Filter, limit int) ([]event.StoredEvent, []string, bool, error) {
	words, err := s.lexemes(ctx, f.Text)
	if err != nil || len(words) == 0 {
		return nil, nil, false, err
	}
	lo, hi, err := f.KeyRange()
	if err != nil {
		return nil, nil, false, err
	}
	var evs []event.StoredEvent
	var keys []string
	for len(evs) <= limit && hi > lo {
		if err := ctx.Err(); err != nil {
			return nil, nil, false, err
		}
		need := limit + 1 - len(evs)
		matches, matchArgs := newestSQL(words, lo, hi, need)
		var newest []int64
		if err := s.pool.QueryRow(ctx, `SELECT coalesce(array_agg(key), '{}') FROM (`+matches+`) m`, matchArgs...).Scan(&newest); err != nil {
			return nil, nil, false, err
		}
		start, last := lo, int64(0)
		if len(newest) == need {
			last = slices.Min(newest)
			start = max(lo, last>>32<<32)
		}
		q, args, err := wordPageSQL(f, words, newest, start, last, need)
		if err != nil {
			return nil, nil, false, err
		}
		if evs, keys, err = s.readEvents(ctx, evs, keys, q, args, f.Brief && f.Cards); err != nil {
			return nil, nil, false, err
		}
		hi = start
	}
	return evs, keys, true, nil
}

// lexemes returns the lexemes events.terms files text's words under, the
// rarest first (by the statistics of lexemeFreqs; a lexeme they do not
// list is rarer than any they do).
func (s *Store) lexemes(ctx context.Context, text string) ([]string, error) {
	terms := event.QueryTerms(arabic.IndexTerms, text)
	if len(terms) == 0 {
		return nil, nil
	}
	var words []string
	err := s.pool.QueryRow(ctx, `SELECT coalesce(array_agg(lexeme), '{}') FROM unnest(to_tsvector('simple', $1))`,
		strings.Join(terms, " ")).Scan(&words)
	if err != nil {
		return nil, err
	}
	freq, err := s.lexemeFreqs(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(words, func(a, b string) int { return cmp.Compare(freq[a], freq[b]) })
	return words, nil
}

// matchSQL is the keys of event_terms t, from lo up to below hi, of the
// events that hold every one of words: the first word's walked, the
// others' looked up by key or merged with it. The others' keys are
// bounded as well: a merge join would otherwise walk them from the
// newest, where the range may be years older.
func matchSQL(c *cond, words []string, lo, hi int64) string {
	l, h := c.arg(lo), c.arg(hi)
	q := `SELECT t.key FROM event_terms t WHERE t.term = ` + c.arg(words[0]) + ` AND t.key >= ` + l + ` AND t.key < ` + h
	for _, w := range words[1:] {
		q += ` AND EXISTS (SELECT 1 FROM event_terms u WHERE u.term = ` + c.arg(w) +
			` AND u.key = t.key AND u.key >= ` + l + ` AND u.key < ` + h + `)`
	}
	return q
}

// newestSQL is the keys of the need newest matches of words from lo up to
// below hi, newest first.
func newestSQL(words []string, lo, hi int64, need int) (string, []any) {
	c := &cond{}
	q := matchSQL(c, words, lo, hi) + ` ORDER BY t.key DESC LIMIT ` + c.arg(need)
	return q, c.args
}

// wordPageSQL is the query of one run of wordPage: the events of the
// matches newest and, when last is not 0 (newest is a whole run, last
// its oldest key), of the matches from start, the first key of last's
// day, up to below last; sorted into listing order, tested on f's dates
// and cursor, need of them.
func wordPageSQL(f event.Filter, words []string, newest []int64, start, last int64, need int) (string, []any, error) {
	g := f
	g.Text = "" // matched by event_terms
	c, err := where(g, true)
	if err != nil {
		return "", nil, err
	}
	from := `SELECT unnest(` + c.arg(newest) + `::bigint[]) AS key`
	if last != 0 && start < last {
		from += ` UNION ALL ` + matchSQL(c, words, start, last)
	}
	q := `SELECT ` + pageCols(f) + ` FROM (` + from + `) m JOIN events e ON e.seq = m.key & 4294967295` + pageJoin(f) + c.sql() +
		` ORDER BY e.date_lo DESC, e.id LIMIT ` + strconv.Itoa(need)
	return q, c.args, nil
}
