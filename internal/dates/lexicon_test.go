package dates

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

// rows reads a data file for a test, failing on any error.
func rows(t *testing.T, name string, header ...string) []row {
	t.Helper()
	rs, err := readTSV(name, header...)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatalf("%s has no rows", name)
	}
	return rs
}

// one asserts that Find gives exactly one mention of text, covering it all
// and dated date at precision prec.
func one(t *testing.T, text string, anchor time.Time, date, prec string) {
	t.Helper()
	ms := Find(text, anchor)
	if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(text) || ms[0].Date != date || ms[0].Precision != prec {
		t.Errorf("Find(%q) = %+v; want one mention of all of it, %s %s", text, ms, date, prec)
	}
}

var sunday = time.Date(2020, 9, 20, 0, 0, 0, 0, time.UTC) // a Sunday

func ymd(t time.Time) string { return t.Format("2006-01-02") }

func TestMonthsRows(t *testing.T) {
	for _, r := range rows(t, "months.tsv", "form", "month", "note") {
		t.Run(r.cols[0], func(t *testing.T) {
			m, _ := strconv.Atoi(r.cols[1])
			one(t, "20 "+r.cols[0]+" 2020", time.Time{}, fmt.Sprintf("2020-%02d-20", m), "day")
		})
	}
}

func TestWeekdaysRows(t *testing.T) {
	for _, r := range rows(t, "weekdays.tsv", "form", "weekday", "note") {
		t.Run(r.cols[0], func(t *testing.T) {
			wd, _ := strconv.Atoi(r.cols[1])
			back := (int(sunday.Weekday()) - wd + 7) % 7
			one(t, r.cols[0], sunday, ymd(sunday.AddDate(0, 0, -back)), "day")
		})
	}
}

func TestOrdinalsRows(t *testing.T) {
	for _, r := range rows(t, "ordinals.tsv", "form", "value", "note") {
		t.Run(r.cols[0], func(t *testing.T) {
			d, _ := strconv.Atoi(r.cols[1])
			one(t, r.cols[0]+" من يناير 2020", time.Time{}, fmt.Sprintf("2020-01-%02d", d), "day")
		})
	}
}

func TestNumbersRows(t *testing.T) {
	for _, r := range rows(t, "numbers.tsv", "form", "value", "note") {
		t.Run(r.cols[0], func(t *testing.T) {
			n, _ := strconv.Atoi(r.cols[1])
			one(t, "قبل "+r.cols[0]+" أيام", sunday, ymd(sunday.AddDate(0, 0, -n)), "day")
		})
	}
}

func TestUnitsRows(t *testing.T) {
	for _, r := range rows(t, "units.tsv", "form", "unit", "count", "note") {
		t.Run(r.cols[0], func(t *testing.T) {
			n, _ := strconv.Atoi(r.cols[2])
			text := "قبل " + r.cols[0]
			if n == 0 {
				n, text = 3, "قبل 3 "+r.cols[0]
			}
			var date string
			prec := r.cols[1]
			switch r.cols[1] {
			case "hour":
				date, prec = ymd(sunday), "day"
			case "day":
				date = ymd(sunday.AddDate(0, 0, -n))
			case "week":
				date = ymd(sunday.AddDate(0, 0, -7*n))
			case "month":
				date = sunday.AddDate(0, -n, 0).Format("2006-01")
			case "year":
				date = strconv.Itoa(sunday.Year() - n)
			}
			one(t, text, sunday, date, prec)
		})
	}
}

func TestRelativeRows(t *testing.T) {
	for _, r := range rows(t, "relative.tsv", "form", "days", "alone", "note") {
		t.Run(r.cols[0], func(t *testing.T) {
			d, _ := strconv.Atoi(r.cols[1])
			text := r.cols[0]
			if r.cols[2] == "no" {
				if ms := Find(text, sunday); len(ms) != 0 {
					t.Errorf("Find(%q) = %+v; want nothing alone", text, ms)
				}
				text = "صباح " + text
			}
			one(t, text, sunday, ymd(sunday.AddDate(0, 0, d)), "day")
		})
	}
}

// TestCuesRows puts every cue word in a phrase where its role decides the
// outcome.
func TestCuesRows(t *testing.T) {
	for _, r := range rows(t, "cues.tsv", "form", "role", "note") {
		f := r.cols[0]
		t.Run(r.cols[1]+"/"+f, func(t *testing.T) {
			none := func(text string) {
				t.Helper()
				if ms := Find(text, sunday); len(ms) != 0 {
					t.Errorf("Find(%q) = %+v; want nothing", text, ms)
				}
			}
			switch r.cols[1] {
			case "daypart":
				one(t, f+" السبت", sunday, "2020-09-19", "day")
			case "night":
				one(t, f+" السبت الأحد", sunday, "2020-09-19", "day")
			case "daynoun":
				one(t, f+" 20 سبتمبر 2020", sunday, "2020-09-20", "day")
			case "past":
				one(t, "الشهر "+f, sunday, "2020-08", "month")
			case "current":
				one(t, "الشهر "+f, sunday, "2020-09", "month")
			case "next":
				one(t, "الشهر "+f, sunday, "2020-10", "month")
			case "recent":
				one(t, "الساعات "+f, sunday, "2020-09-20", "day")
			case "this":
				one(t, f+" العام", sunday, "2020", "year")
			case "edge":
				one(t, f+" العام الماضي", sunday, "2019", "year")
			case "monthnoun":
				one(t, f+" آب 2019", sunday, "2019-08", "month")
			case "yearnoun":
				one(t, f+" 2017", sunday, "2017", "year")
			case "yearprep":
				ms := Find(f+" 2019، قتل", sunday)
				if len(ms) != 1 || ms[0].Date != "2019" {
					t.Errorf("Find(%q) = %+v; want the year 2019", f+" 2019، قتل", ms)
				}
			case "ago":
				one(t, f+" يومين", sunday, "2020-09-18", "day")
			case "about":
				one(t, "قبل "+f+" أسبوع", sunday, "2020-09-13", "week")
				one(t, "قبل "+f+" يومين", sunday, "2020-09-18", "week")
				none("مغلق منذ " + f + " 3 سنوات")
			case "agoblock":
				none("قبل يومين " + f + " الهجوم")
			case "of":
				one(t, "السابع "+f+" سبتمبر 2020", sunday, "2020-09-07", "day")
			case "link":
				one(t, "الأحد "+f+" 20 سبتمبر 2020", sunday, "2020-09-20", "day")
			case "range":
				one(t, "5 "+f+" 7 آب 2014", sunday, "2014-08-05", "day")
			case "nightlink":
				one(t, "ليلة السبت "+f+" الأحد", sunday, "2020-09-19", "day")
			case "blockdate":
				none(f + " 14 آذار")
			case "blockbefore":
				none(f + " اليوم")
			case "blockafter":
				none("اليوم " + f)
			case "weakmonth":
				none("في " + f)
				e, ok := lex.months[key(f)]
				if !ok || !e.weak {
					t.Fatalf("%q is not a weak month name in months.tsv", f)
				}
				one(t, "شهر "+f+" 2020", sunday, fmt.Sprintf("2020-%02d", e.month), "month")
			case "afteryear":
				ms := Find("في 2019 "+f, sunday)
				if len(ms) != 1 || ms[0].Date != "2019" {
					t.Errorf("Find(%q) = %+v; want the year 2019", "في 2019 "+f, ms)
				}
			case "future":
				ms := Find(f+" 10 سبتمبر", sunday)
				if len(ms) != 1 || ms[0].Date != "2021-09-10" {
					t.Errorf("Find(%q) = %+v; want 2021-09-10", f+" 10 سبتمبر", ms)
				}
			default:
				t.Errorf("role %q has no test", r.cols[1])
			}
		})
	}
}

func TestLoadRejectsBadRows(t *testing.T) {
	if _, err := readTSV("months.tsv", "form", "value", "note"); err == nil {
		t.Error("readTSV with a wrong header: no error")
	}
	if _, err := readTSV("missing.tsv", "form"); err == nil {
		t.Error("readTSV of a missing file: no error")
	}
}
