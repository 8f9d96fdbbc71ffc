package source

import (
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestFeedFile(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []Item // Article fields compared: ID, URL, Title, Outlet, Author, Published; Text by substring
		has  []string
		errs []bool
	}{
		{
			name: "rss 2.0",
			file: "testdata/feed.rss",
			want: []Item{
				{Article: art("https://north.example.com/news/101", "https://north.example.com/news/101", "غارات جوية على أطراف مدينة سرمين", "رويترز", "مازن قاسم", "2022-02-08")},
				{Article: art("https://north.example.com/news/102", "https://north.example.com/news/102", "انفجار عبوة ناسفة في مدينة الباب", "وكالة أنباء الشمال", "", "2022-02-09")},
				{Article: art("north-103", "", "خبر بلا نص", "نشرة الشمال الإخبارية", "", "")},
			},
			has:  []string{"ثلاث غارات جوية", "إصابة شخصين", ""},
			errs: []bool{false, false, true},
		},
		{
			name: "atom",
			file: "testdata/feed.atom",
			want: []Item{
				{Article: art("https://blog.example.org/2023/11/arrests", "https://blog.example.org/2023/11/arrests", "اعتقالات في ريف دير الزور", "مدونة الرصد الميداني", "ريم العلي", "2023-11-01")},
				{Article: art("https://blog.example.org/2023/10/protest", "https://blog.example.org/2023/10/protest", "وقفة احتجاجية في إعزاز", "مدونة الرصد الميداني", "", "2023-10-28")},
			},
			has:  []string{"اعتقلت سبعة شبان", "وقفة احتجاجية أمام مبنى"},
			errs: []bool{false, false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := drain(t, open(t, tt.file, Options{}))
			if len(items) != len(tt.want) {
				t.Fatalf("got %d items; want %d", len(items), len(tt.want))
			}
			for i, w := range tt.want {
				got := items[i]
				if (got.Err != nil) != tt.errs[i] {
					t.Errorf("item %d err %v; want error %v", i, got.Err, tt.errs[i])
				}
				g := got.Article
				g.Text, g.Lang = "", ""
				if g != w.Article {
					t.Errorf("item %d = %+v;\nwant %+v", i, g, w.Article)
				}
				if !strings.Contains(got.Article.Text, tt.has[i]) {
					t.Errorf("item %d text %q lacks %q", i, got.Article.Text, tt.has[i])
				}
				for _, bad := range []string{"SCRIPT_MARKER", "اقرأ أيضا", "قصف صاروخي على جسر الشغور", "تابعونا", "(رويترز)", "شارك", "المصدر:"} {
					if strings.Contains(got.Article.Text, bad) {
						t.Errorf("item %d text holds %q: %q", i, bad, got.Article.Text)
					}
				}
			}
		})
	}
}

func art(id, url, title, outlet, author, published string) event.Article {
	return event.Article{ID: id, URL: url, Title: title, Outlet: outlet, Author: author, Published: published}
}
