package clean

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsBoilerplate(t *testing.T) {
	tests := []struct {
		name string
		line string
		want bool
	}{
		{"read also with headline", "اقرأ أيضا: الأمم المتحدة تدعو إلى هدنة في الشمال", true},
		{"read also hamza under alef and tanween", "إقرأ أيضاً: مقتل ثلاثة مدنيين بقصف على ريف حماة", true},
		{"read also bare spelling with colon", "اقرا ايضا:", true},
		{"read also with bullet", "• اقرأ أيضاً | تعزيزات جديدة على خطوط التماس", true},
		{"read also in bold markdown", "**اقرأ أيضا** وفد أممي يزور المخيمات", true},
		{"skip link", "تخطى إلى المحتوى", true},
		{"skip link with hamza", "تخطّى إلى المحتوى", true},
		{"leave a reply", "اترك رد", true},
		{"leave a reply with tanween", "اترك رداً", true},
		{"leave a comment", "اترك تعليقاً", true},
		{"cookie notice", "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك، وباستمرارك في التصفح فإنك توافق على ذلك.", true},
		{"cookie button learn more", "Learn more", true},
		{"cookie button accept", "Accept", true},
		{"share alone", "شارك", true},
		{"share with colon", "شارك:", true},
		{"twitter alone", "تويتر", true},
		{"facebook alone", "فيسبوك", true},
		{"tweet signature latin date", "— رامي خليل (@rami_kh) March 3, 2021", true},
		{"tweet signature arabic month", "— وحدة الرصد (@monitor_unit) 12 آذار 2022", true},
		{"bare picture link", "pic.twitter.com/AbC123xyz", true},
		{"for more with colon", "للمزيد: https://example.org/news/1", true},
		{"for more with a dash", "للمزيد - معركة عفرين: القوات التركية تسيطر على المدينة", true},
		{"for more with a comma", "للمزيد، مراسلة فرانس24 في دمشق", true},
		{"follow us", "تابعونا على تيليغرام وفيسبوك", true},
		{"copyright footer", "© 2023 جميع الحقوق محفوظة لموقع المثال", true},
		{"newsletter", "اشترك في النشرة البريدية لتصلك آخر الأخبار", true},
		{"photo credit", "الصورة: دخان يتصاعد من حي سكني (أرشيف)", true},
		{"photo credit with space before colon", "الصورة : عنصر من الدفاع المدني", true},
		{"opinion disclaimer", "** جميع المقالات المنشورة تمثل رأي كتابها فقط.", true},
		{"app notice", "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من التطبيق", true},

		{"empty", "", false},
		{"blank", "   ", false},
		{"article sentence", "قصفت قوات النظام بلدة كنصفرة في جبل الزاوية صباح اليوم.", false},
		{"verb beginning with share", "شاركت فصائل المعارضة في الهجوم على مواقع قوات النظام.", false},
		{"for more of the details opens a sentence", "للمزيد من الضغط على الحكومة، دعا المحتجون إلى إضراب عام.", false},
		{"twitter inside a sentence", "ونشر الناشط على تويتر صوراً للدمار الذي خلفه القصف.", false},
		{"read inside a sentence", "وقال إنه اقرأ أيضا في التقارير أن الوضع خطير.", false},
		{"long paragraph mentioning cookies", strings.Repeat("وتحدث التقرير عن ملفات تعريف الارتباط وغيرها من الأمور التقنية. ", 12), false},
		{"dash line in text", "- أكد المسؤول أن المفاوضات ستستمر الأسبوع المقبل", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsBoilerplate(tt.line); got != tt.want {
				t.Errorf("IsBoilerplate(%q) = %v; want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestByline(t *testing.T) {
	tests := []struct {
		name                   string
		line                   string
		wantAuthor, wantOutlet string
		wantOK                 bool
	}{
		{"author en dash outlet", "رائد جبر – الشرق الأوسط", "رائد جبر", "الشرق الأوسط", true},
		{"author hyphen outlet without hamza", "سامر يوسف - الشرق الاوسط", "سامر يوسف", "الشرق الاوسط", true},
		{"dateline then author", "بيروت - محمد علي", "محمد علي", "", true},
		{"dateline then quoted outlet", "لندن - «الشرق الأوسط»", "", "الشرق الأوسط", true},
		{"dateline author outlet", "دمشق - ليلى حسن - عنب بلدي", "ليلى حسن", "عنب بلدي", true},
		{"source prefix", "المصدر: عنب بلدي", "", "عنب بلدي", true},
		{"source prefix spaced", "المصدر : وكالات", "", "وكالات", true},
		{"agency in parentheses", "(رويترز)", "", "رويترز", true},
		{"agency with dots in parentheses", "(أ.ف.ب)", "", "أ.ف.ب", true},
		{"latin agency in parentheses", "(CNN)", "", "CNN", true},
		{"blog", "مدونة هادي العبد الله", "هادي العبد الله", "مدونة هادي العبد الله", true},
		{"by prefix", "بقلم: نور الهدى سليمان", "نور الهدى سليمان", "", true},
		{"by prefix with outlet", "بقلم: خالد عمر - القدس العربي", "خالد عمر", "القدس العربي", true},
		{"outlet slash agency", "فرانس24/ أ ف ب", "", "فرانس24/ أ ف ب", true},
		{"known outlet alone", "الشرق الأوسط", "", "الشرق الأوسط", true},
		{"self-declared outlet alone", "وكالة أنباء الشمال", "", "وكالة أنباء الشمال", true},
		{"city that is also a paper beside an outlet", "الرياض - الشرق الأوسط", "", "الشرق الأوسط", true},
		{"name then al- paper", "محمد خير - الوطن", "محمد خير", "الوطن", true},
		{"exclusive filler dateline", "دمشق - خاص", "", "", false},

		{"bare name", "طارق منصور", "", "", false},
		{"two places", "دمشق - حلب", "", "", false},
		{"sentence", "وقال المتحدث إن القصف استهدف منازل المدنيين في البلدة.", "", "", false},
		{"sentence with dashes", "وأكد أن الهجوم - الذي وقع أمس - أسفر عن سقوط ضحايا", "", "", false},
		{"last words of a sentence", "في ريف إدلب الجنوبي", "", "", false},
		{"word ending in nt", "وقالت إنها كانت", "", "", false},
		{"two al- words", "الجيش - الشرطة", "", "", false},
		{"too long", "بيروت - " + strings.Repeat("اسم ", 30), "", "", false},
		{"empty", "", "", "", false},
		{"empty parentheses", "()", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, o, ok := Byline(tt.line)
			if a != tt.wantAuthor || o != tt.wantOutlet || ok != tt.wantOK {
				t.Errorf("Byline(%q) = %q, %q, %v; want %q, %q, %v", tt.line, a, o, ok, tt.wantAuthor, tt.wantOutlet, tt.wantOK)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		wantMeta Meta
	}{
		{
			name:     "read-also line and closing byline",
			in:       "قصفت قوات النظام بلدة كنصفرة.\n\nاقرأ أيضا: هدنة جديدة في الشمال\n\nوأفاد الدفاع المدني بإصابة مدنيين.\n\nرائد جبر – الشرق الأوسط\n",
			want:     "قصفت قوات النظام بلدة كنصفرة.\n\nوأفاد الدفاع المدني بإصابة مدنيين.\n",
			wantMeta: Meta{Author: "رائد جبر", Outlet: "الشرق الأوسط"},
		},
		{
			name: "nothing to remove is byte-identical",
			in:   "سطر أول.\r\nسطر ثان، وفيه «اقتباس».\n\nفقرة ثالثة",
			want: "سطر أول.\r\nسطر ثان، وفيه «اقتباس».\n\nفقرة ثالثة",
		},
		{
			name: "blank runs collapse",
			in:   "فقرة أولى.\n\n\n\nفقرة ثانية.",
			want: "فقرة أولى.\n\nفقرة ثانية.",
		},
		{
			name: "leading skip link and trailing share buttons",
			in:   "تخطى إلى المحتوى\n\nعنوان الخبر\nنص الخبر هنا.\nشارك\nفيسبوك\nتويتر\n",
			want: "عنوان الخبر\nنص الخبر هنا.\n",
		},
		{
			name:     "byline above share buttons",
			in:       "نص الخبر هنا.\n(رويترز)\nشارك\n",
			want:     "نص الخبر هنا.\n",
			wantMeta: Meta{Outlet: "رويترز"},
		},
		{
			name:     "two closing byline lines",
			in:       "نص الخبر هنا.\nبقلم: سامي نجار\nالمصدر: عنب بلدي",
			want:     "نص الخبر هنا.\n",
			wantMeta: Meta{Author: "سامي نجار", Outlet: "عنب بلدي"},
		},
		{
			name: "a byline alone is kept",
			in:   "(رويترز)",
			want: "(رويترز)",
		},
		{
			name: "byline in the middle is text",
			in:   "بيروت - محمد علي\nنص الخبر هنا.",
			want: "بيروت - محمد علي\nنص الخبر هنا.",
		},
		{
			name: "cookie banner",
			in:   "نص الخبر.\nيستخدم هذا الموقع ملفات تعريف الارتباط.\nLearn more\nAccept\n",
			want: "نص الخبر.\n",
		},
		{
			name: "empty",
			in:   "",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, meta := Text(tt.in)
			if got != tt.want || meta != tt.wantMeta {
				t.Errorf("Text(%q) = %q, %+v; want %q, %+v", tt.in, got, meta, tt.want, tt.wantMeta)
			}
		})
	}
}

func TestLines(t *testing.T) {
	text := "عنوان\r\nاقرأ أيضا: خبر آخر\n\nنص.\n(رويترز)"
	want := []struct {
		s              string
		boiler, byline bool
	}{
		{"عنوان", false, false},
		{"اقرأ أيضا: خبر آخر", true, false},
		{"", false, false},
		{"نص.", false, false},
		{"(رويترز)", true, true},
	}
	got := Lines(text)
	if len(got) != len(want) {
		t.Fatalf("Lines(%q) gave %d lines; want %d", text, len(got), len(want))
	}
	for i, w := range want {
		t.Run(fmt.Sprintf("line %d", i), func(t *testing.T) {
			l := got[i]
			if s := text[l.Start:l.End]; s != w.s || l.Boilerplate != w.boiler || l.Byline != w.byline {
				t.Errorf("line %d = %q boilerplate=%v byline=%v; want %q %v %v", i, s, l.Boilerplate, l.Byline, w.s, w.boiler, w.byline)
			}
		})
	}
}

// TestData loads every row of the embedded TSV files and checks that each
// row does what it is there for.
func TestData(t *testing.T) {
	t.Run("boilerplate", func(t *testing.T) {
		if len(markerRows) < 50 {
			t.Fatalf("boilerplate.tsv has %d rows; want the full list", len(markerRows))
		}
		for _, m := range markerRows {
			if m.note == "" {
				t.Errorf("boilerplate.tsv %q: empty note", m.pattern)
			}
			if m.kind == kindRegexp {
				continue
			}
			// A literal pattern alone on a line must be boilerplate.
			if !IsBoilerplate(m.pattern) {
				t.Errorf("IsBoilerplate(%q) = false for its own %s row", m.pattern, m.kind)
			}
		}
	})
	t.Run("outlets", func(t *testing.T) {
		rows, err := tsvRows(outletsTSV, "outlets.tsv", 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rows {
			line := "سامر يوسف - " + f[0]
			if datelines[nameKey(f[0])] {
				line = "(" + f[0] + ")"
			}
			a, o, ok := Byline(line)
			if !ok || o != f[0] {
				t.Errorf("Byline(%q) = %q, %q, %v; want outlet %q", line, a, o, ok, f[0])
			}
		}
	})
	t.Run("datelines", func(t *testing.T) {
		rows, err := tsvRows(datelinesTSV, "datelines.tsv", 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rows {
			line := f[0] + " - سامر يوسف"
			a, o, ok := Byline(line)
			if !ok || a != "سامر يوسف" || o != "" {
				t.Errorf("Byline(%q) = %q, %q, %v; want author سامر يوسف", line, a, o, ok)
			}
			if len(f[1]) != 3 {
				t.Errorf("datelines.tsv %q: country %q is not ISO alpha-3", f[0], f[1])
			}
		}
	})
	t.Run("bad rows are refused", func(t *testing.T) {
		for _, data := range []string{
			"pattern\tkind\tnote\nx\tnope\tbad kind\n",
			"pattern\tkind\tnote\n(\tregexp\tbad regexp\n",
			"pattern\tkind\tnote\nx\texact\n",
		} {
			if _, err := parseMarkers(data); err == nil {
				t.Errorf("parseMarkers(%q) gave no error", data)
			}
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "نص.\n(رويترز)", "اقرأ أيضا: x\n\n\n\ny\r\nشارك", "\xff\n\n", "a\r\n\r\n\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _ := Text(s)
		if len(got) > len(s) {
			t.Fatalf("Text grew %q to %q", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q: invalid UTF-8", s, got)
		}
		// Every kept line is a line of the input, in order.
		rest := s
		for _, line := range strings.Split(got, "\n") {
			i := strings.Index(rest, line)
			if i < 0 {
				t.Fatalf("Text(%q) = %q: line %q not in input order", s, got, line)
			}
			rest = rest[i+len(line):]
		}
	})
}

func FuzzLines(f *testing.F) {
	for _, s := range []string{"", "\n", "a\r\nb", "اقرأ أيضا\n(أ ف ب)", "\r\r\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pos := 0
		for _, l := range Lines(s) {
			if l.Start != pos || l.End < l.Start || l.End > len(s) {
				t.Fatalf("Lines(%q): line [%d,%d) after %d", s, l.Start, l.End, pos)
			}
			if strings.Contains(s[l.Start:l.End], "\n") {
				t.Fatalf("Lines(%q): line %q holds a newline", s, s[l.Start:l.End])
			}
			if l.Byline && !l.Boilerplate {
				t.Fatalf("Lines(%q): byline not marked boilerplate", s)
			}
			pos = l.End
			if pos < len(s) && s[pos] == '\r' {
				pos++
			}
			if pos < len(s) {
				if s[pos] != '\n' {
					t.Fatalf("Lines(%q): line ends at %d before %q", s, l.End, s[pos])
				}
				pos++
			}
		}
		if pos != len(s) {
			t.Fatalf("Lines(%q) covers %d of %d bytes", s, pos, len(s))
		}
	})
}

func FuzzByline(f *testing.F) {
	for _, s := range []string{"رائد جبر – الشرق الأوسط", "(رويترز)", "المصدر:", "بقلم", "- - -", "/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, o, ok := Byline(s)
		if !ok && (a != "" || o != "") {
			t.Fatalf("Byline(%q) = %q, %q, false", s, a, o)
		}
		if ok && a == "" && o == "" {
			t.Fatalf("Byline(%q) ok with nothing", s)
		}
		if ok && (!strings.Contains(s, a) || !strings.Contains(s, o)) {
			t.Fatalf("Byline(%q) = %q, %q: not as written", s, a, o)
		}
	})
}
