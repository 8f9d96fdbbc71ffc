package source

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestHTMLPage(t *testing.T) {
	items := drain(t, open(t, "testdata/page.html", Options{}))
	if len(items) != 1 || items[0].Err != nil {
		t.Fatalf("got %+v; want one article", items)
	}
	a := items[0].Article
	const url = "https://news.example.org/syria/2021/06/10/shelling-zawiya"
	meta := []struct{ field, got, want string }{
		{"id is the canonical URL", a.ID, url},
		{"url", a.URL, url},
		{"title from og:title", a.Title, "قصف مدفعي يستهدف قرى جبل الزاوية جنوبي إدلب"},
		{"outlet from og:site_name", a.Outlet, "المرصد المثال"},
		{"published from article:published_time, local day", a.Published, "2021-06-10"},
		{"author", a.Author, "سلمى الحسن"},
		{"lang", a.Lang, "ar"},
	}
	for _, m := range meta {
		t.Run(m.field, func(t *testing.T) {
			if m.got != m.want {
				t.Errorf("%s = %q; want %q", m.field, m.got, m.want)
			}
		})
	}
	for _, s := range []string{"كنصفرة والبارة وسفوهن", "أكثر من أربعين قذيفة", "بقذائف الهاون"} {
		t.Run("text keeps "+s, func(t *testing.T) {
			if !strings.Contains(a.Text, s) {
				t.Errorf("text lacks %q:\n%s", s, a.Text)
			}
		})
	}
	for _, s := range []string{"SCRIPT_MARKER", "STYLE-MARKER", "dataLayer", "font-family", "ملفات تعريف الارتباط", "Learn more", "Accept",
		"اقرأ أيضا", "طائرة مسيرة تستهدف سيارة", "تخطى إلى المحتوى", "الرئيسية", "جميع الحقوق محفوظة", "أخبار ذات صلة", "فيسبوك", "سلمى الحسن – المرصد المثال"} {
		t.Run("text drops "+s, func(t *testing.T) {
			if strings.Contains(a.Text, s) {
				t.Errorf("text holds %q:\n%s", s, a.Text)
			}
		})
	}
	t.Run("text opens with the title", func(t *testing.T) {
		if !strings.HasPrefix(a.Text, a.Title+"\n\n") {
			t.Errorf("text starts %q", a.Text[:min(len(a.Text), 120)])
		}
	})
}

// page builds a small article page; head goes in <head>, body paragraphs
// in <article>.
func page(head string, paras ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\">" + head + "</head><body><article>")
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

var (
	para1 = "أعلنت الفرق الهندسية انتهاء أعمال إزالة الألغام من الطريق الواصل بين بلدتي تادف والباب بعد أسبوع من العمل المتواصل، بحسب بيان نشرته على معرفاتها الرسمية صباح اليوم."
	para2 = "وأوضح البيان أن الفرق عثرت على أكثر من عشرين لغما أرضيا وعبوة ناسفة مزروعة على جانبي الطريق، وأنها فجرتها في مكان آمن بعيدا عن المنازل والأراضي الزراعية."
)

func TestExtractHTML(t *testing.T) {
	tests := []struct {
		name                                   string
		html                                   string
		info                                   pageInfo
		wantID, wantTitle, wantOutlet, wantPub string
		wantAuthor                             string
	}{
		{
			name:   "json-ld only",
			html:   page(`<title>عنوان الصفحة</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"موقع"},{"@type":["NewsArticle"],"headline":"إزالة ألغام من طريق تادف","datePublished":"2020-01-05T23:30:00-05:00","publisher":{"@type":"Organization","name":"شبكة الأخبار المحلية"},"author":[{"@type":"Person","name":"عمر سعيد"},{"@type":"Person","name":"هبة يوسف"}],"url":"https://local.example.net/a/77"}]}</script>`, para1, para2),
			info:   pageInfo{ID: "ld.html"},
			wantID: "https://local.example.net/a/77", wantTitle: "إزالة ألغام من طريق تادف", wantOutlet: "شبكة الأخبار المحلية",
			wantPub: "2020-01-05", wantAuthor: "عمر سعيد، هبة يوسف",
		},
		{
			name:   "time element and file name id",
			html:   page(`<title>ألغام</title>`, para1, para2) + `<time datetime="2019-07-21">21 تموز</time>`,
			info:   pageInfo{ID: "time.html"},
			wantID: "time.html", wantTitle: "ألغام", wantPub: "2019-07-21",
		},
		{
			name:   "relative canonical resolved against the page URL",
			html:   page(`<link rel="canonical" href="/news/5?ref=x#top"><meta property="og:site_name" content="المثال">`, para1, para2),
			info:   pageInfo{URL: "https://site.example.com/path/page", ID: "x"},
			wantID: "https://site.example.com/news/5?ref=x", wantOutlet: "المثال",
		},
		{
			name:   "fallbacks from a feed or WARC record",
			html:   page(``, para1, para2),
			info:   pageInfo{URL: "https://feed.example.com/item/1", Title: "عنوان من الخلاصة", Outlet: "خلاصة المثال", Published: "2018-02-03", Author: "كاتب الخلاصة"},
			wantID: "https://feed.example.com/item/1", wantTitle: "عنوان من الخلاصة", wantOutlet: "خلاصة المثال", wantPub: "2018-02-03", wantAuthor: "كاتب الخلاصة",
		},
		{
			name:   "closing byline becomes outlet and author",
			html:   page(``, para1, para2, "مها خليل – الشرق الأوسط"),
			info:   pageInfo{ID: "byline.html"},
			wantID: "byline.html", wantOutlet: "الشرق الأوسط", wantAuthor: "مها خليل",
		},
		{
			name:   "broken json-ld ignored",
			html:   page(`<script type="application/ld+json">{"@type":"NewsArticle","headline":</script><meta property="article:published_time" content="2024-05-06">`, para1, para2),
			info:   pageInfo{ID: "broken-ld.html"},
			wantID: "broken-ld.html", wantPub: "2024-05-06",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extractHTML([]byte(tt.html), "", tt.info)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{a.ID, a.Title, a.Outlet, a.Published, a.Author}
			want := []string{tt.wantID, tt.wantTitle, tt.wantOutlet, tt.wantPub, tt.wantAuthor}
			for i, f := range []string{"id", "title", "outlet", "published", "author"} {
				if want[i] != "" && got[i] != want[i] {
					t.Errorf("%s = %q; want %q", f, got[i], want[i])
				}
			}
			if !strings.Contains(a.Text, "عشرين لغما") {
				t.Errorf("text lost the article: %q", a.Text)
			}
			if strings.Contains(a.Text, "الشرق الأوسط") {
				t.Errorf("byline left in text: %q", a.Text)
			}
		})
	}
}

func TestExtractHTMLCharset(t *testing.T) {
	src := page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>ألغام</title>`, para1, para2)
	src = strings.Replace(src, `<meta charset="utf-8">`, "", 1)
	enc, err := charmap.Windows1256.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, contentType string }{
		{"declared in the page", ""},
		{"declared in the HTTP header", "text/html; charset=windows-1256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extractHTML([]byte(enc), tt.contentType, pageInfo{ID: "cp1256.html"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, "عشرين لغما") || a.Title != "ألغام" {
				t.Errorf("windows-1256 page decoded to title %q text %q", a.Title, a.Text)
			}
		})
	}
}

func TestExtractHTMLNoText(t *testing.T) {
	tests := []struct{ name, html string }{
		{"empty", ""},
		{"only scripts", "<html><head><script>var x = 1;</script></head><body><script>y()</script></body></html>"},
		{"only boilerplate", "<html><body><p>شارك</p><p>تويتر</p></body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extractHTML([]byte(tt.html), "", pageInfo{ID: "x.html"})
			if err != ErrNoText {
				t.Errorf("extractHTML(%q) = %q, %v; want ErrNoText", tt.html, a.Text, err)
			}
			if a.ID != "x.html" {
				t.Errorf("id %q; want x.html even on error", a.ID)
			}
		})
	}
}

func TestNodeTextAndDates(t *testing.T) {
	t.Run("fragment text", func(t *testing.T) {
		got := fragmentText("<p>سطر  أول</p><p>سطر<br/>ثان</p><script>no()</script><ul><li>بند</li></ul>")
		want := "سطر أول\n\nسطر\nثان\n\nبند"
		if got != want {
			t.Errorf("fragmentText = %q; want %q", got, want)
		}
	})
	dates := []struct{ in, want string }{
		{"2021-06-10T23:15:00-05:00", "2021-06-10"},
		{"2021-06-10", "2021-06-10"},
		{"Tue, 08 Feb 2022 07:30:00 +0200", "2022-02-08"},
		{"2021/06/10", "2021-06-10"},
		{"yesterday", ""},
		{"", ""},
	}
	for _, d := range dates {
		t.Run("date "+d.in, func(t *testing.T) {
			if got := isoDateString(d.in); got != d.want {
				t.Errorf("isoDateString(%q) = %q; want %q", d.in, got, d.want)
			}
		})
	}
}

func TestExtractHTMLShort(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"one short paragraph", page(`<title>عاجل</title>`, "انفجار في مدينة الباب."), "انفجار في مدينة الباب."},
		{"article beside nav", `<html><body><nav><a href="/">الرئيسية</a></nav><article><header>قسم الأخبار</header><p>اعتقال شخصين في جرابلس.</p></article></body></html>`, "اعتقال شخصين في جرابلس."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extractHTML([]byte(tt.html), "", pageInfo{ID: "short.html"})
			if err != nil || !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, "الرئيسية") {
				t.Errorf("extractHTML = %q, %v; want text with %q and no nav", a.Text, err, tt.want)
			}
		})
	}
}
