-- A list page (cardCols) showed each event's article id and title, read
-- by joining the article: for a page of 100, a hundred descents of the
-- articles' key and a hundred article rows, about as many buffers as the
-- page's own events, at random places in a table of half a million
-- articles. The event now keeps its article's id and title. Put writes
-- them from the article row it joins already; an article's id and title
-- change only when the article is stored again, and Put then deletes its
-- events and inserts them anew, so the copies cannot go stale. Rows stored
-- before are filled here (a rewrite of the events table, once).
ALTER TABLE events ADD COLUMN article_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN title TEXT NOT NULL DEFAULT '';
UPDATE events e SET article_id = a.id, title = a.title FROM articles a WHERE a.seq = e.article_seq;
