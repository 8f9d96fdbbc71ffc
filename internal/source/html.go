package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/raqib/raqib/internal/clean"
	"github.com/raqib/raqib/internal/event"
)

// ErrNoText is the item error of a page from which no article text could
// be extracted.
var ErrNoText = errors.New("no article text")

// newHTMLFile reads one HTML page from a file as one article.
func newHTMLFile(origin, id string, r io.Reader, c io.Closer, opt Options) Reader {
	return &lazy{c: c, read: func(ctx context.Context) Item {
		it := Item{Article: event.Article{ID: id}, Origin: origin}
		b, err := readAll(r, opt.MaxFile)
		if err != nil {
			it.Err = err
			return it
		}
		it.Article, it.Err = extractHTML(b, "", pageInfo{ID: id})
		return it
	}}
}

// pageInfo is what is known of a page before it is read: where it came
// from, and what a feed or a WARC record said about it. The page's own
// metadata wins over all of it but ID.
type pageInfo struct {
	URL       string // fetched from; resolves relative links; the ID when the page names no URL
	ID        string // the ID when no URL is known at all
	Title     string
	Outlet    string
	Author    string
	Published string // YYYY-MM-DD
}

// pageMeta is what a page says about itself.
type pageMeta struct {
	lang                       string
	title, ogTitle, ldHeadline string
	siteName, ldPublisher      string
	canonical, ogURL, ldURL    string
	published, ldPublished     string // raw date strings
	timeDatetime, itempropDate string
	metaDate                   string
	author, ldAuthor           string
	ldFound                    bool
}

// extractHTML turns one HTML page into an article: metadata from the page
// (og:, article:published_time, JSON-LD, <time>, <link rel=canonical>),
// text by go-trafilatura, then clean.Text. contentType (an HTTP header
// value, may be empty) helps decode pages not in UTF-8.
func extractHTML(body []byte, contentType string, info pageInfo) (event.Article, error) {
	a := event.Article{ID: info.ID}
	if info.URL != "" {
		a.ID = info.URL
	}
	if err := checkDOMSize(body); err != nil {
		return a, err
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		r = bytes.NewReader(body) // unknown charset: read as UTF-8
	}
	doc, err := html.Parse(r)
	if err != nil {
		return a, fmt.Errorf("parse html: %w", err)
	}
	var m pageMeta
	walkMeta(doc, &m)

	// Trafilatura's last-resort "baseline" joins an article's paragraphs
	// into one line and appends it to what was found, which duplicates text
	// and hides boilerplate lines from clean.Text: it is turned off, and
	// semanticText stands in when trafilatura finds nothing.
	conf := trafilatura.DefaultConfig()
	conf.MinExtractedSize = 0
	opts := trafilatura.Options{
		Config:          conf,
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
	}
	if u, err := url.Parse(info.URL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	var text string
	var tm trafilatura.Metadata
	if err == nil && res != nil {
		text = nodeText(res.ContentNode)
		tm = res.Metadata
	}
	if strings.TrimSpace(text) == "" {
		text = semanticText(doc)
	}
	cleaned, byline := clean.Text(text)

	a.URL = firstURL(info.URL, m.canonical, m.ogURL, m.ldURL, info.URL)
	if a.URL != "" {
		a.ID = a.URL
	}
	a.Title = firstNonEmpty(m.ogTitle, m.ldHeadline, info.Title, m.title, tm.Title)
	a.Outlet = firstNonEmpty(m.siteName, m.ldPublisher, byline.Outlet, info.Outlet, tm.Sitename, host(a.URL))
	a.Author = firstNonEmpty(m.ldAuthor, m.author, byline.Author, info.Author)
	a.Published = firstNonEmpty(isoDateString(m.published), isoDateString(m.ldPublished),
		isoDateString(m.itempropDate), isoDateString(m.timeDatetime), isoDateString(m.metaDate),
		info.Published, isoDate(tm.Date))
	a.Lang = firstNonEmpty(langCode(m.lang), langCode(tm.Language))
	if strings.TrimSpace(cleaned) == "" {
		return a, ErrNoText
	}
	a.Text = withTitle(a.Title, cleaned)
	return a, nil
}

// Bounds of the DOM work on one page. A parsed node with its attributes
// costs some fifty times its bytes, and trafilatura walks the tree many
// times: a 17.8 MB page of a million attributes once took 880 MB. News
// pages hold a few thousand elements; past these bounds a page is refused.
const (
	MaxHTMLElements   = 100_000
	MaxHTMLAttributes = 250_000
)

// ErrPageTooComplex is the item error of a page past the DOM bounds.
var ErrPageTooComplex = errors.New("page too complex")

// checkDOMSize counts the elements and attributes of a page with the
// streaming tokenizer, before any tree is built.
func checkDOMSize(body []byte) error {
	z := html.NewTokenizer(bytes.NewReader(body))
	z.SetMaxBuf(0)
	elements, attrs := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			elements++
			_, more := z.TagName()
			for more {
				_, _, more = z.TagAttr()
				attrs++
			}
			if elements > MaxHTMLElements {
				return fmt.Errorf("%w: more than %d elements; refused to bound memory", ErrPageTooComplex, MaxHTMLElements)
			}
			if attrs > MaxHTMLAttributes {
				return fmt.Errorf("%w: more than %d attributes; refused to bound memory", ErrPageTooComplex, MaxHTMLAttributes)
			}
		}
	}
}

// withTitle opens the text with the title when the text does not already
// start with it: headlines carry events too, and the extractor reads only
// Text (a JSONL corpus does the same).
func withTitle(title, text string) string {
	t := strings.TrimSpace(title)
	body := strings.TrimSpace(text)
	if t == "" || strings.HasPrefix(body, t) {
		return text
	}
	return t + "\n\n" + text
}

// walkMeta collects what a page says about itself.
func walkMeta(n *html.Node, m *pageMeta) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Html:
			if m.lang == "" {
				m.lang = attr(n, "lang")
			}
		case atom.Title:
			if m.title == "" {
				m.title = collapse(textOf(n))
			}
		case atom.Meta:
			readMetaTag(n, m)
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				readJSONLD(textOf(n), m)
			}
			return
		case atom.Style:
			return
		case atom.Time:
			if dt := attr(n, "datetime"); dt != "" {
				if attr(n, "itemprop") == "datePublished" || attr(n, "pubdate") != "" || hasAttr(n, "pubdate") {
					m.itempropDate = firstNonEmpty(m.itempropDate, dt)
				} else if m.timeDatetime == "" {
					m.timeDatetime = dt
				}
			}
		}
		if attr(n, "itemprop") == "datePublished" && n.DataAtom != atom.Time && m.itempropDate == "" {
			m.itempropDate = firstNonEmpty(attr(n, "content"), attr(n, "datetime"))
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkMeta(c, m)
	}
}

func readMetaTag(n *html.Node, m *pageMeta) {
	key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
	val := strings.TrimSpace(attr(n, "content"))
	if val == "" {
		return
	}
	set := func(p *string) {
		if *p == "" {
			*p = val
		}
	}
	switch key {
	case "og:title":
		set(&m.ogTitle)
	case "og:site_name", "application-name":
		set(&m.siteName)
	case "og:url":
		set(&m.ogURL)
	case "article:published_time", "og:article:published_time", "article:published":
		set(&m.published)
	case "datepublished":
		set(&m.itempropDate)
	case "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
		"dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "original-publish-date":
		set(&m.metaDate)
	case "author", "article:author", "dc.creator", "sailthru.author", "parsely-author":
		if !strings.HasPrefix(val, "http") { // article:author is often a profile URL
			set(&m.author)
		}
	}
}

// newsTypes are the JSON-LD @types whose fields describe the article.
var newsTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "backgroundnewsarticle": true, "blogposting": true, "liveblogposting": true,
	"report": true, "webpage": false,
}

// readJSONLD takes headline, dates, publisher, author and URL from the
// first article-typed object of a JSON-LD block (also inside @graph).
// Broken JSON-LD is ignored: it is common.
func readJSONLD(s string, m *pageMeta) {
	if m.ldFound {
		return
	}
	var v any
	if json.Unmarshal([]byte(strings.TrimSpace(s)), &v) != nil {
		return
	}
	if obj := findNewsObject(v, 0); obj != nil {
		m.ldFound = true
		m.ldHeadline = collapse(firstNonEmpty(str(obj["headline"]), str(obj["name"])))
		m.ldPublished = firstNonEmpty(str(obj["datePublished"]), str(obj["dateCreated"]))
		m.ldPublisher = name(obj["publisher"])
		m.ldAuthor = name(obj["author"])
		m.ldURL = firstNonEmpty(str(obj["url"]), id(obj["mainEntityOfPage"]))
	}
}

func findNewsObject(v any, depth int) map[string]any {
	if depth > 8 {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		if isNewsType(x["@type"]) {
			return x
		}
		for _, k := range []string{"@graph", "mainEntity", "itemListElement"} {
			if o := findNewsObject(x[k], depth+1); o != nil {
				return o
			}
		}
	case []any:
		for _, e := range x {
			if o := findNewsObject(e, depth+1); o != nil {
				return o
			}
		}
	}
	return nil
}

func isNewsType(t any) bool {
	switch x := t.(type) {
	case string:
		return newsTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isNewsType(e) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// name reads a schema.org Person or Organization: a string, an object with
// a name, or a list of them (joined with "، ").
func name(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return str(x["name"])
	case []any:
		var names []string
		for _, e := range x {
			if n := name(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, "، ")
	}
	return ""
}

func id(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return firstNonEmpty(str(x["@id"]), str(x["url"]))
	}
	return ""
}

// semanticText is the text of a page's <article> (else <main>) without
// its nav, header, footer, aside and forms: the fallback when trafilatura
// finds no content.
func semanticText(doc *html.Node) string {
	var found *html.Node
	var find func(n *html.Node, a atom.Atom)
	find = func(n *html.Node, a atom.Atom) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == a {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, a)
		}
	}
	for _, a := range []atom.Atom{atom.Article, atom.Main} {
		if find(doc, a); found != nil {
			break
		}
	}
	if found == nil {
		return ""
	}
	return nodeTextSkipping(found, map[string]bool{"nav": true, "header": true, "footer": true, "aside": true})
}

// blockTags end a line of text: HTML's blocks and the tags trafilatura
// converts them to (head, list, item, quote, row, cell, lb).
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "header": true, "footer": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true,
	"dl": true, "dt": true, "dd": true, "blockquote": true, "pre": true, "table": true, "tr": true, "td": true, "th": true,
	"figure": true, "figcaption": true, "hr": true, "address": true,
	"head": true, "list": true, "item": true, "quote": true, "row": true, "cell": true, "code": true,
}

// skipTags never give text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "iframe": true,
	"object": true, "embed": true, "button": true, "select": true, "form": true, "graphic": true, "img": true,
}

// nodeText renders a node's text: inline text joined, whitespace runs
// collapsed, one paragraph per block separated by blank lines, <br> (lb)
// a line break.
func nodeText(n *html.Node) string { return nodeTextSkipping(n, nil) }

// nodeTextSkipping is nodeText that also skips the elements named in skip.
func nodeTextSkipping(n *html.Node, skip map[string]bool) string {
	if n == nil {
		return ""
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := collapse(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			tag := strings.ToLower(n.Data)
			if skipTags[tag] || skip[tag] {
				return
			}
			if tag == "br" || tag == "lb" {
				cur.WriteString("\n")
				return
			}
			if blockTags[tag] {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return strings.Join(paras, "\n\n")
}

// collapse turns whitespace runs into one space, keeps single line breaks
// from <br>, and trims.
func collapse(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// firstURL returns the first of refs that resolves, against base, to an
// absolute http(s) URL.
func firstURL(base string, refs ...string) string {
	b, _ := url.Parse(base)
	for _, r := range refs {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		u, err := url.Parse(r)
		if err != nil {
			continue
		}
		if b != nil && !u.IsAbs() {
			u = b.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			u.Fragment = ""
			return u.String()
		}
	}
	return ""
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(p.Hostname(), "www.")
}

// langCode is the primary subtag of a language tag, lower-cased: "ar-SY"
// gives "ar".
func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	return s
}

// dateLayouts are the date forms page metadata and feeds use.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006",
	"2006/01/02", "02/01/2006",
}

// isoDateString reads a date as written in page metadata and returns it as
// YYYY-MM-DD in the date's own time zone (the page's local day).
func isoDateString(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02")
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return isoDate(t)
		}
	}
	return ""
}
