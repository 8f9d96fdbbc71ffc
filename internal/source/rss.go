package source

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/raqib/raqib/internal/clean"
	"github.com/raqib/raqib/internal/event"
)

// feedReader reads an RSS or Atom feed: one article per item, from the
// item's own text or, when following links, from the page it links to.
type feedReader struct {
	origin string // file path or feed URL
	feed   *gofeed.Feed
	next   int
	follow bool
	fetch  *Fetcher
}

var _ Reader = (*feedReader)(nil)

// newFeed parses the feed in r (feeds are small: it is read whole, up to
// opt.MaxFile).
func newFeed(ctx context.Context, origin string, r io.Reader, opt Options, follow bool) (*feedReader, error) {
	b, err := readAll(r, opt.MaxFile)
	if err != nil {
		return nil, fmt.Errorf("read feed %s: %w", origin, err)
	}
	feed, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		return nil, fmt.Errorf("parse feed %s: %w", origin, err)
	}
	return &feedReader{origin: origin, feed: feed, follow: follow, fetch: opt.Fetcher}, nil
}

func (f *feedReader) Next(ctx context.Context) (Item, error) {
	if err := ctx.Err(); err != nil {
		return Item{}, err
	}
	if f.next >= len(f.feed.Items) {
		return Item{}, io.EOF
	}
	n := f.next
	f.next++
	it := f.feed.Items[n]
	base := firstNonEmpty(f.feed.Link, f.origin)
	link := firstURL(base, it.Link)
	if link == "" && strings.HasPrefix(it.GUID, "http") {
		link = firstURL(base, it.GUID)
	}
	info := pageInfo{
		URL:       link,
		ID:        firstNonEmpty(link, it.GUID, fmt.Sprintf("%s#%d", f.origin, n+1)),
		Title:     collapse(it.Title),
		Outlet:    collapse(f.feed.Title),
		Author:    itemAuthor(it),
		Published: itemDate(it),
	}
	origin := fmt.Sprintf("%s#%d", f.origin, n+1)
	if f.follow && link != "" {
		page, err := f.fetch.Get(ctx, link)
		if err != nil {
			if ctx.Err() != nil {
				return Item{}, ctx.Err()
			}
			return Item{Article: event.Article{ID: info.ID, URL: link, Title: info.Title}, Origin: link, Err: err}, nil
		}
		info.URL = page.URL
		a, err := extractHTML(page.Body, page.ContentType, info)
		return Item{Article: a, Origin: link, Err: err}, nil
	}
	a := event.Article{
		ID:        info.ID,
		URL:       link,
		Title:     info.Title,
		Outlet:    info.Outlet,
		Author:    info.Author,
		Published: info.Published,
		Lang:      langCode(f.feed.Language),
	}
	text, meta := clean.Text(fragmentText(firstNonEmpty(it.Content, it.Description)))
	a.Outlet = firstNonEmpty(meta.Outlet, a.Outlet)
	a.Author = firstNonEmpty(a.Author, meta.Author)
	if strings.TrimSpace(text) == "" {
		return Item{Article: a, Origin: origin, Err: ErrNoText}, nil
	}
	a.Text = withTitle(a.Title, text)
	return Item{Article: a, Origin: origin}, nil
}

func (f *feedReader) Close() error { return nil }

func itemAuthor(it *gofeed.Item) string {
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	return strings.Join(names, "، ")
}

func itemDate(it *gofeed.Item) string {
	switch {
	case it.PublishedParsed != nil:
		return isoDate(*it.PublishedParsed)
	case it.UpdatedParsed != nil:
		return isoDate(*it.UpdatedParsed)
	}
	return firstNonEmpty(isoDateString(it.Published), isoDateString(it.Updated))
}

// fragmentText renders an HTML fragment (a feed item's description) as
// text; plain text passes through with its line breaks.
func fragmentText(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(strings.TrimSpace(s))
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root)
}
