package dates

import (
	"strings"
	"testing"
	"time"
)

// FuzzFind checks that Find never panics and that every mention lies within
// the text, on rune boundaries of the text as Go decodes it (an invalid byte
// is a one-byte rune), in order and with a well-formed date.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"قال اليوم الجمعة إن القصف الذي وقع أمس",
		"في 20 أيلول/سبتمبر 2020 و31 كانون الأول/ديسمبر ويومي 1 و6 سبتمبر",
		"الخامس عشر من الشهر الجاري 5-6 كانون الثاني/يناير ٢٠١٩/٠٥/٠٣",
		"خلال الساعات الـ24 الماضية ليل الأحد الاثنين قبل يومين",
		"\xff\xfe20 سبتمبر\xc3 2020\u200f أمسِ",
		"الـ",
		"و",
		"30/02/2020 2019-5-",
	} {
		f.Add(s, int64(1600560000))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var anchor time.Time
		if unix%3 != 0 {
			anchor = time.Unix(unix%(200*365*86400), 0).UTC()
		}
		starts := map[int]bool{len(text): true}
		for i := range text {
			starts[i] = true
		}
		prev := 0
		for _, m := range Find(text, anchor) {
			if m.Start < prev || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("Find(%q): bad span %d..%d after %d", text, m.Start, m.End, prev)
			}
			if !starts[m.Start] || !starts[m.End] {
				t.Fatalf("Find(%q): span %d..%d not on rune boundaries", text, m.Start, m.End)
			}
			if _, err := parseDate(m.Date); err != nil {
				t.Fatalf("Find(%q): %v", text, err)
			}
			switch m.Precision {
			case "day", "week", "month", "year":
			default:
				t.Fatalf("Find(%q): precision %q", text, m.Precision)
			}
			if anchor.IsZero() && m.Relative {
				t.Fatalf("Find(%q) without an anchor gave relative %+v", text, m)
			}
			prev = m.End
		}
		Estimate(text)
	})
}

// FuzzFromURL checks that FromURL never panics and that a date it finds
// is a real calendar day written in the URL's path.
func FuzzFromURL(f *testing.F) {
	for _, s := range []string{
		"https://arabic.cnn.com/middle-east/2018/03/22/x",
		"http://www.france24.com/ar/20180306-x",
		"https://20180306.example.com/2019-02-30-x",
		"//a/2018/1/2", "", "\xff/2018/03/22/", "a/2018/03/22",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		d, ok := FromURL(u)
		if !ok {
			return
		}
		s := d.Format("20060102")
		plain := d.Format("2006-01-02")
		if !strings.Contains(u, s) && !strings.Contains(u, d.Format("2006/01/02")) && !strings.Contains(u, plain) {
			t.Errorf("FromURL(%q) = %s, a date the URL does not write", u, plain)
		}
	})
}
