package dates

import (
	"strings"
	"testing"
	"time"
)

// want is one expected mention: the exact expression as written, its date,
// precision and whether it came from the anchor.
type want struct {
	expr, date, prec string
	rel              bool
}

func day(expr, date string) want  { return want{expr, date, "day", true} }
func abs(expr, date string) want  { return want{expr, date, "day", false} }
func week(expr, date string) want { return want{expr, date, "week", true} }
func mon(expr, date string, rel bool) want {
	return want{expr, date, "month", rel}
}
func year(expr, date string, rel bool) want { return want{expr, date, "year", rel} }

func anchorOf(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	a, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func check(t *testing.T, text string, anchor time.Time, wants []want) {
	t.Helper()
	got := Find(text, anchor)
	for i, m := range got {
		if i < len(wants) {
			w := wants[i]
			if e := text[m.Start:m.End]; e != w.expr || m.Date != w.date || m.Precision != w.prec || m.Relative != w.rel {
				t.Errorf("Find(%q)[%d] = %q %s %s rel=%v; want %q %s %s rel=%v",
					text, i, e, m.Date, m.Precision, m.Relative, w.expr, w.date, w.prec, w.rel)
			}
		}
	}
	if len(got) != len(wants) {
		var s []string
		for _, m := range got {
			s = append(s, text[m.Start:m.End]+"="+m.Date)
		}
		t.Errorf("Find(%q) found %d mentions %q; want %d", text, len(got), s, len(wants))
	}
}

func TestFindRelativeDays(t *testing.T) {
	tests := []struct {
		name, anchor, text string
		want               []want
	}{
		{"today", "2020-09-20", "قال مصدر اليوم إن القصف تجدد", []want{day("اليوم", "2020-09-20")}},
		{"today with conjunction", "2020-09-20", "واليوم تجدد القصف", []want{day("اليوم", "2020-09-20")}},
		{"yesterday across a year", "2021-01-01", "شنت الطائرات أمس غارات", []want{day("أمس", "2020-12-31")}},
		{"yesterday with clitics", "2020-09-20", "وأمس قصفت وبالأمس أيضا", []want{day("أمس", "2020-09-19"), day("الأمس", "2020-09-19")}},
		{"yesterday on a leap day", "2020-03-01", "قتل أمس مدنيان", []want{day("أمس", "2020-02-29")}},
		{"day before yesterday, three spellings", "2020-03-01", "أمس الأول ثم أول أمس ثم أول من أمس", []want{
			day("أمس الأول", "2020-02-28"), day("أول أمس", "2020-02-28"), day("أول من أمس", "2020-02-28")}},
		{"last night in a non-leap March", "2019-03-01", "خلال الليلة الماضية وليلة أمس", []want{
			day("الليلة الماضية", "2019-02-28"), day("ليلة أمس", "2019-02-28")}},
		{"the night before last", "2019-03-01", "الليلة قبل الماضية", []want{day("الليلة قبل الماضية", "2019-02-27")}},
		{"parts of today and yesterday", "2018-08-13", "فجر اليوم وصباح اليوم ومساء أمس وظهر أمس", []want{
			day("فجر اليوم", "2018-08-13"), day("صباح اليوم", "2018-08-13"), day("مساء أمس", "2018-08-12"), day("ظهر أمس", "2018-08-12")}},
		{"yesterday Levantine", "2018-08-13", "مساء البارحة", []want{day("مساء البارحة", "2018-08-12")}},
		{"tomorrow at a year end", "2016-12-31", "ستعقد غداً جلسة ويوم غد وبعد غد", []want{
			day("غداً", "2017-01-01"), day("يوم غد", "2017-01-01"), day("بعد غد", "2017-01-02")}},
		{"ghad needs a day word", "2016-12-31", "رهان على الغد", nil},
		{"days ago", "2020-03-01", "قبل يومين وقبل ثلاثة أيام ومنذ 4 أيام", []want{
			day("قبل يومين", "2020-02-28"), day("قبل ثلاثة أيام", "2020-02-27"), day("منذ 4 أيام", "2020-02-26")}},
		{"a week ago", "2020-03-01", "قبل أسبوع ومنذ أسبوعين", []want{week("قبل أسبوع", "2020-02-23"), week("منذ أسبوعين", "2020-02-16")}},
		{"months and years ago", "2020-01-15", "قبل شهرين وقبل عامين", []want{mon("قبل شهرين", "2019-11", true), year("قبل عامين", "2018", true)}},
		{"a few days or weeks ago", "2018-10-02", "الهجوم الذي أسفر عن مقتل 25 شخصا قبل أيام، ومعارك بدأت قبل أسابيع", []want{
			week("قبل أيام", "2018-09-27"), mon("قبل أسابيع", "2018-09", true)}},
		{"for days is no date", "2018-10-02", "تتواصل المعارك منذ أيام", nil},
		{"ago counted from another event", "2020-03-01", "قبل يومين من الهجوم", nil},
		{"since a named day is not one day ago", "2020-09-20", "منذ يوم الاثنين", []want{day("يوم الاثنين", "2020-09-14")}},
		{"since a year is not one year ago", "2020-09-20", "منذ عام 2011 وقبل شهر آب", []want{year("عام 2011", "2011", false), mon("شهر آب", "2020-08", true)}},
		{"last 24 hours", "2018-06-08", "خلال الساعات الـ24 الماضية", []want{day("الساعات الـ24 الماضية", "2018-06-08")}},
		{"last 24 hours, number first", "2018-06-08", "خلال الـ24 ساعة الماضية وفي الساعات الأخيرة", []want{
			day("الـ24 ساعة الماضية", "2018-06-08"), day("الساعات الأخيرة", "2018-06-08")}},
		{"last 48 hours is a week", "2018-06-08", "خلال الـ48 ساعة الماضية", []want{week("الـ48 ساعة الماضية", "2018-06-08")}},
		{"recent days", "2018-06-08", "خلال الأيام الماضية", []want{week("الأيام الماضية", "2018-06-08")}},
		{"the next day is not today", "2020-09-20", "وفي اليوم التالي وفي ذلك اليوم وفي اليوم الأول", nil},
		{"the same day with a preposition is not today", "2020-09-20", "وبنفس اليوم وفي ذات اليوم ولنفس اليوم", nil},
		{"tashkeel kept in the span", "2020-09-20", "قُصِفَت أمسِ البلدة", []want{day("أمسِ", "2020-09-19")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.text, anchorOf(t, tt.anchor), tt.want) })
	}
}

func TestFindWeekdays(t *testing.T) {
	tests := []struct {
		name, anchor, text string
		want               []want
	}{
		{"the anchor's own weekday", "2020-09-18", "أعلن الجمعة", []want{day("الجمعة", "2020-09-18")}},
		{"past weekday is strictly before", "2020-09-18", "الجمعة الماضي ويوم الجمعة الماضية", []want{
			day("الجمعة الماضي", "2020-09-11"), day("يوم الجمعة الماضية", "2020-09-11")}},
		{"every weekday from a Sunday", "2020-09-20", "الأحد والاثنين والثلاثاء والأربعاء والخميس والجمعة والسبت", []want{
			day("الأحد", "2020-09-20"), day("الاثنين", "2020-09-14"), day("الثلاثاء", "2020-09-15"), day("الأربعاء", "2020-09-16"),
			day("الخميس", "2020-09-17"), day("الجمعة", "2020-09-18"), day("السبت", "2020-09-19")}},
		{"hamza spelling of Monday", "2020-09-20", "الإثنين", []want{day("الإثنين", "2020-09-14")}},
		{"across a month", "2020-10-01", "قصف الاثنين", []want{day("الاثنين", "2020-09-28")}},
		{"across a year", "2021-01-02", "قتل الخميس", []want{day("الخميس", "2020-12-31")}},
		{"into a leap day", "2020-03-01", "غارات السبت", []want{day("السبت", "2020-02-29")}},
		{"parts of a day", "2020-09-20", "مساء السبت وفجر يوم الجمعة وظهر الأربعاء وعصر الثلاثاء وليلة الخميس", []want{
			day("مساء السبت", "2020-09-19"), day("فجر يوم الجمعة", "2020-09-18"), day("ظهر الأربعاء", "2020-09-16"),
			day("عصر الثلاثاء", "2020-09-15"), day("ليلة الخميس", "2020-09-17")}},
		{"today named", "2020-09-18", "قال اليوم الجمعة، إن", []want{day("اليوم الجمعة", "2020-09-18")}},
		{"longest: morning today named", "2020-09-18", "صباح اليوم الجمعة", []want{day("صباح اليوم الجمعة", "2020-09-18")}},
		{"yesterday named", "2020-09-20", "أمس السبت", []want{day("أمس السبت", "2020-09-19")}},
		{"today named for a day before the anchor", "2018-08-25", "قتلت غارة أخرى اليوم الخميس أربعة أطفال", []want{day("اليوم الخميس", "2018-08-23")}},
		{"yesterday named for a day before it", "2018-08-25", "وقال أمس الخميس إن", []want{day("أمس الخميس", "2018-08-23")}},
		{"yesterday named for the anchor's own day", "2018-08-08", "قتلوا أمس الأربعاء في جبهة", []want{day("أمس الأربعاء", "2018-08-08")}},
		{"night of Sunday to Monday", "2018-04-30", "في سوريا، ليل الأحد الاثنين، مشيرة", []want{day("ليل الأحد الاثنين", "2018-04-29")}},
		{"night of Saturday on Sunday", "2018-04-30", "ليلة السبت على الأحد", []want{day("ليلة السبت على الأحد", "2018-04-28")}},
		{"a week of a month is no day", "2018-03-20", "في الأسبوع الثاني من شباط", []want{mon("الأسبوع الثاني من شباط", "2018-02", true)}},
		{"between Monday and Wednesday", "2018-04-12", "بين الاثنين والأربعاء", []want{day("الاثنين", "2018-04-09"), day("الأربعاء", "2018-04-11")}},
		{"two weekdays without a night are two", "2018-04-30", "السبت والأحد", []want{day("السبت", "2018-04-28"), day("الأحد", "2018-04-29")}},
		{"next weekday", "2020-09-18", "الجمعة المقبلة والأحد القادم", []want{day("الجمعة المقبلة", "2020-09-25"), day("الأحد القادم", "2020-09-20")}},
		{"weekday with a written date", "2019-05-03", "الخميس 25 ابريل/نيسان بدأت", []want{day("الخميس 25 ابريل/نيسان", "2019-04-25")}},
		{"weekday with a full date", "2019-05-03", "الأحد الموافق 20 سبتمبر 2020", []want{abs("الأحد الموافق 20 سبتمبر 2020", "2020-09-20")}},
		{"no anchor, no weekday", "", "الجمعة وأمس واليوم", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.text, anchorOf(t, tt.anchor), tt.want) })
	}
}

func TestFindPeriods(t *testing.T) {
	tests := []struct {
		name, anchor, text string
		want               []want
	}{
		{"last week", "2020-03-05", "الأسبوع الماضي والأسبوع الفائت", []want{week("الأسبوع الماضي", "2020-02-27"), week("الأسبوع الفائت", "2020-02-27")}},
		{"this and next week", "2020-03-05", "هذا الأسبوع والأسبوع المقبل", []want{week("هذا الأسبوع", "2020-03-05"), week("الأسبوع المقبل", "2020-03-12")}},
		{"last month across a year", "2021-01-02", "الشهر الماضي والشهر المنصرم والشهر الفائت", []want{
			mon("الشهر الماضي", "2020-12", true), mon("الشهر المنصرم", "2020-12", true), mon("الشهر الفائت", "2020-12", true)}},
		{"current month", "2021-01-02", "الشهر الجاري والشهر الحالي", []want{mon("الشهر الجاري", "2021-01", true), mon("الشهر الحالي", "2021-01", true)}},
		{"last year", "2021-01-02", "العام الماضي والسنة الماضية والعام الفائت وللعام المنصرم", []want{
			year("العام الماضي", "2020", true), year("السنة الماضية", "2020", true), year("العام الفائت", "2020", true), year("للعام المنصرم", "2020", true)}},
		{"this year", "2021-01-02", "العام الحالي والعام الجاري وهذه السنة", []want{
			year("العام الحالي", "2021", true), year("العام الجاري", "2021", true), year("هذه السنة", "2021", true)}},
		{"edges of a year stay a year", "2018-03-22", "مطلع العام الحالي ونهاية العام الماضي وأواخر السنة الماضية", []want{
			year("مطلع العام الحالي", "2018", true), year("نهاية العام الماضي", "2017", true), year("أواخر السنة الماضية", "2017", true)}},
		{"edges of a month stay a month", "2018-03-22", "أواخر الشهر الماضي ومنتصف الشهر الجاري وبداية الشهر المقبل", []want{
			mon("أواخر الشهر الماضي", "2018-02", true), mon("منتصف الشهر الجاري", "2018-03", true), mon("بداية الشهر المقبل", "2018-04", true)}},
		{"edge of a written year", "2019-05-03", "وجوده فيها بداية 2019 أمام", []want{year("بداية 2019", "2019", false)}},
		{"a bare unit is no date", "2018-03-22", "الشهر والعام والأسبوع", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.text, anchorOf(t, tt.anchor), tt.want) })
	}
}

func TestFindAbsolute(t *testing.T) {
	tests := []struct {
		name, anchor, text string
		want               []want
	}{
		{"day month year", "", "في 20 سبتمبر 2020 قصفت", []want{abs("20 سبتمبر 2020", "2020-09-20")}},
		{"paired month names", "", "في 20 أيلول/سبتمبر 2020", []want{abs("20 أيلول/سبتمبر 2020", "2020-09-20")}},
		{"paired in brackets", "", "20 سبتمبر (أيلول) 2020", []want{abs("20 سبتمبر (أيلول) 2020", "2020-09-20")}},
		{"day month, no year", "2020-09-25", "يوم 20 سبتمبر/أيلول", []want{day("يوم 20 سبتمبر/أيلول", "2020-09-20")}},
		{"no year without anchor is left out", "", "في 20 سبتمبر/أيلول", nil},
		{"month year", "", "اتفاق أبرم في سبتمبر/أيلول 2017", []want{mon("سبتمبر/أيلول 2017", "2017-09", false)}},
		{"month year after fi", "", "اتفقا، في مارس/آذار 2020", []want{mon("مارس/آذار 2020", "2020-03", false)}},
		{"Syriac two-word month", "", "ففي كانون الأول/ديسمبر 2016 تحطمت", []want{mon("كانون الأول/ديسمبر 2016", "2016-12", false)}},
		{"no year: just after the anchor", "2020-12-28", "حتى 31 كانون الأول/ديسمبر", []want{day("31 كانون الأول/ديسمبر", "2020-12-31")}},
		{"no year: after New Year", "2021-01-02", "في 31 كانون الأول/ديسمبر", []want{day("31 كانون الأول/ديسمبر", "2020-12-31")}},
		{"no year: too far ahead is last year", "2020-12-10", "في 31 كانون الأول/ديسمبر", []want{day("31 كانون الأول/ديسمبر", "2019-12-31")}},
		{"no year: January soon after December", "2020-12-30", "في 2 يناير", []want{day("2 يناير", "2021-01-02")}},
		{"no year: a deadline is ahead", "2018-09-30", "بحلول 10 أكتوبر، وبحلول 15 أيلول والمقرر في 30 أيلول", []want{
			day("10 أكتوبر", "2018-10-10"), day("15 أيلول", "2019-09-15"), day("30 أيلول", "2018-09-30")}},
		{"no year: a month ahead", "2018-09-30", "المقرر في تشرين الثاني/نوفمبر", []want{mon("تشرين الثاني/نوفمبر", "2018-11", true)}},
		{"no year: leap day finds a leap year", "2021-03-10", "في 29 شباط/فبراير", []want{day("29 شباط/فبراير", "2020-02-29")}},
		{"leap day written out", "", "29 فبراير 2020 و29 فبراير 2019", []want{abs("29 فبراير 2020", "2020-02-29")}},
		{"a story's year carries to its later days", "2018-04-09", "بدأت في 20 آذار/مارس 2003. وفي 25 آذار عبر المارينز", []want{
			abs("20 آذار/مارس 2003", "2003-03-20"), day("25 آذار", "2003-03-25")}},
		{"the next day of a story", "2018-04-09", "بدأت في 20 آذار/مارس 2003. وفي اليوم التالي شنت الطائرات غارات. وفي 25 آذار عبر المارينز", []want{
			abs("20 آذار/مارس 2003", "2003-03-20"), day("اليوم التالي", "2003-03-21"), day("25 آذار", "2003-03-25")}},
		{"the next day needs a story", "2018-04-09", "وفي اليوم التالي شنت الطائرات غارات.", nil},
		{"a story's year ends with the story", "2018-04-09", "بدأت في 20 آذار/مارس 2003." + strings.Repeat(" وقال المتحدث إن الوضع هادئ.", 80) + " وفي 2 آذار عبر", []want{
			abs("20 آذار/مارس 2003", "2003-03-20"), day("2 آذار", "2018-03-02")}},
		{"a month and year is no story's date", "2018-03-06", "منذ تدخلها في أيلول/سبتمبر 2015. وفي 31 كانون الأول/ديسمبر قصفها", []want{
			mon("أيلول/سبتمبر 2015", "2015-09", false), day("31 كانون الأول/ديسمبر", "2017-12-31")}},
		{"ordinal day", "2018-09-11", "في السابع من سبتمبر قصفا", []want{day("السابع من سبتمبر", "2018-09-07")}},
		{"ordinal day this month", "2018-09-11", "في السابع من سبتمبر الجاري", []want{day("السابع من سبتمبر الجاري", "2018-09-07")}},
		{"compound ordinal", "2019-05-01", "في الحادي والعشرين من آذار", []want{day("الحادي والعشرين من آذار", "2019-03-21")}},
		{"ordinal of the current month", "2018-09-11", "في الخامس عشر من الشهر الجاري", []want{day("الخامس عشر من الشهر الجاري", "2018-09-15")}},
		{"ordinal of last month", "2018-01-11", "في الثلاثين من الشهر الماضي", []want{day("الثلاثين من الشهر الماضي", "2017-12-30")}},
		{"two days of one month", "2018-09-11", "في مناسبتين (يومي 1 و6 سبتمبر)", []want{day("يومي 1", "2018-09-01"), day("6 سبتمبر", "2018-09-06")}},
		{"a day range is its first day", "2020-01-10", "بين 5-6 كانون الثاني/يناير", []want{day("5-6 كانون الثاني/يناير", "2020-01-05")}},
		{"a spaced range", "", "من 5 إلى 7 آب 2014", []want{abs("5 إلى 7 آب 2014", "2014-08-05")}},
		{"day glued to the article", "2020-01-10", "في الـ7 من يناير", []want{day("الـ7 من يناير", "2020-01-07")}},
		{"since a day", "2019-06-01", "منذ 18 أيار", []want{day("18 أيار", "2019-05-18")}},
		{"month with year noun", "", "يناير عام 2017 وسبتمبر من العام 2015", []want{mon("يناير عام 2017", "2017-01", false), mon("سبتمبر من العام 2015", "2015-09", false)}},
		{"month of last year", "2018-06-01", "سبتمبر من العام الماضي", []want{mon("سبتمبر من العام الماضي", "2017-09", true)}},
		{"month last: the same month is last year", "2018-09-11", "في إدلب سبتمبر الماضي", []want{mon("سبتمبر الماضي", "2017-09", true)}},
		{"month last", "2018-06-24", "في تموز/يوليو الماضي", []want{mon("تموز/يوليو الماضي", "2017-07", true)}},
		{"a gone day of the same month last", "2018-04-30", "في التاسع من أبريل الماضي", []want{day("التاسع من أبريل الماضي", "2018-04-09")}},
		{"a day to come of the same month last is last year's", "2018-04-05", "في 20 أبريل الماضي", []want{day("20 أبريل الماضي", "2017-04-20")}},
		{"month with shahr", "2020-09-20", "في شهر آب الماضي", []want{mon("شهر آب الماضي", "2020-08", true)}},
		{"month current and next", "2018-09-11", "أيلول الجاري وتشرين الأول المقبل وكانون الثاني المقبل", []want{
			mon("أيلول الجاري", "2018-09", true), mon("تشرين الأول المقبل", "2018-10", true), mon("كانون الثاني المقبل", "2019-01", true)}},
		{"month alone after fi", "2019-05-03", "في نيسان/أبريل وفي أكتوبر", []want{mon("نيسان/أبريل", "2019-04", true), mon("أكتوبر", "2018-10", true)}},
		{"edge of a month", "2019-05-03", "أواخر سبتمبر 2015 ومطلع أيار", []want{mon("أواخر سبتمبر 2015", "2015-09", false), mon("مطلع أيار", "2019-05", true)}},
		{"year nouns", "", "عام 2017 والعام 2016 وسنة 2015 وفي عام 2014", []want{
			year("عام 2017", "2017", false), year("العام 2016", "2016", false), year("سنة 2015", "2015", false), year("عام 2014", "2014", false)}},
		{"two years", "", "بين عامي 2016 و2017", []want{year("عامي 2016", "2016", false), year("2017", "2017", false)}},
		{"year after fi", "", "في 2019، قتل وفي 2020 ثم", []want{year("2019", "2019", false), year("2020", "2020", false)}},
		{"year with a Gregorian mark", "", "سنة 2011م", []want{year("سنة 2011م", "2011", false)}},
		{"numeric ISO", "", "بتاريخ 2019-05-03 و2019/05/03", []want{abs("2019-05-03", "2019-05-03"), abs("2019/05/03", "2019-05-03")}},
		{"numeric day first", "", "بتاريخ 03/05/2019 و3.5.2019 و03-05-2019", []want{
			abs("03/05/2019", "2019-05-03"), abs("3.5.2019", "2019-05-03"), abs("03-05-2019", "2019-05-03")}},
		{"numeric Arabic-Indic", "", "بتاريخ ٣/٥/٢٠١٩ و٢٠٢٠/٠٩/٢٠", []want{abs("٣/٥/٢٠١٩", "2019-05-03"), abs("٢٠٢٠/٠٩/٢٠", "2020-09-20")}},
		{"numeric impossible", "", "2019-13-40 و31/02/2020 و1.5.3", nil},
		{"Arabic-Indic day and year", "", "١٥ آذار ٢٠١١", []want{abs("١٥ آذار ٢٠١١", "2011-03-15")}},
		{"English in a tweet", "", "September 20, 2020 ويعتبر", []want{abs("September 20, 2020", "2020-09-20")}},
		{"Maghrebi months", "", "15 جانفي 2020 و3 جويلية 2019 و12 أوت 2018 و1 ماي 2017 و9 أفريل 2016 و4 فيفري 2015 و6 جوان 2014", []want{
			abs("15 جانفي 2020", "2020-01-15"), abs("3 جويلية 2019", "2019-07-03"), abs("12 أوت 2018", "2018-08-12"),
			abs("1 ماي 2017", "2017-05-01"), abs("9 أفريل 2016", "2016-04-09"), abs("4 فيفري 2015", "2015-02-04"), abs("6 جوان 2014", "2014-06-06")}},
		{"Moroccan months", "", "20 شتنبر 2019 و5 دجنبر 2018 و14 غشت 2020 و2 يوليوز 2021 ونونبر 2019", []want{
			abs("20 شتنبر 2019", "2019-09-20"), abs("5 دجنبر 2018", "2018-12-05"), abs("14 غشت 2020", "2020-08-14"),
			abs("2 يوليوز 2021", "2021-07-02"), mon("نونبر 2019", "2019-11", false)}},
		{"Egyptian spellings", "", "30 يونيه 2013 و23 يوليه 1952 وإبريل 2011", []want{
			abs("30 يونيه 2013", "2013-06-30"), abs("23 يوليه 1952", "1952-07-23"), mon("إبريل 2011", "2011-04", false)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.text, anchorOf(t, tt.anchor), tt.want) })
	}
}

func TestFindNotDates(t *testing.T) {
	tests := []struct{ name, text string }{
		{"aab inside words", "فتح الباب أمام الآباء وآبار النفط"},
		{"aab alone is father", "قال إنه أب لثلاثة أطفال"},
		{"ayyar inside words", "التيار الكهربائي والتيارات"},
		{"al-awwal alone", "الفوج الأول والمركز الأول"},
		{"bare numbers", "قتل 2019 شخصا وأكثر من 1500 مسلح"},
		{"count after fi", "في 2000 غارة جوية"},
		{"year out of range", "عام 1948 وعام 2150"},
		{"named days", "قوى 14 آذار وتيار 8 آذار ومدينة 6 أكتوبر وثورة 25 يناير"},
		{"maras the verb", "مارس ضغوطا كبيرة وفي مارس السياسة"},
		{"weak month alone", "سيارة نيسان وحمد شباط"},
		{"Syriac month alone", "حرب تموز"},
		{"number glued to letters", "طائرات F16 سبتمبر"},
		{"a newspaper named The Seventh Day", "نقلت صحيفة اليوم السابع"},
		{"a range of months is no pair", "بين يناير-فبراير"},
		{"between the two is no Monday", "وتصاعد الجدل بين الاثنين حول الهجوم"},
		{"empty", ""},
	}
	anchor := time.Date(2020, 9, 20, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.text, anchor, nil) })
	}
}

func TestFindNamedDayWithYear(t *testing.T) {
	// A written year makes a named day a date again.
	check(t, "ثورة 25 يناير 2011", time.Time{}, []want{abs("25 يناير 2011", "2011-01-25")})
}

func TestFindAnchorClock(t *testing.T) {
	// Only the anchor's calendar day counts, in its own zone.
	loc := time.FixedZone("AST", 3*3600)
	a := time.Date(2020, 9, 20, 23, 59, 0, 0, loc)
	check(t, "أمس", a, []want{day("أمس", "2020-09-19")})
}

func TestFindOffsetsOriginal(t *testing.T) {
	tests := []struct {
		name, text, expr string
	}{
		{"tatweel inside", "خلال الساعـــات الـ24 الماضية", "الساعـــات الـ24 الماضية"},
		{"bidi mark before", "قال \u200fأمس إن", "أمس"},
		{"guillemets around", "«اليوم» قال", "اليوم"},
		{"invalid byte before", "\xff20 سبتمبر 2020", "20 سبتمبر 2020"},
	}
	anchor := time.Date(2020, 9, 20, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := Find(tt.text, anchor)
			if len(ms) != 1 {
				t.Fatalf("Find(%q) = %d mentions; want 1", tt.text, len(ms))
			}
			if got := tt.text[ms[0].Start:ms[0].End]; got != tt.expr {
				t.Errorf("Find(%q) span = %q; want %q", tt.text, got, tt.expr)
			}
			if strings.Index(tt.text, tt.expr) != ms[0].Start {
				t.Errorf("Find(%q) start = %d; want %d", tt.text, ms[0].Start, strings.Index(tt.text, tt.expr))
			}
		})
	}
}

func TestEstimate(t *testing.T) {
	tests := []struct {
		name, text string
		date, prec string
		ok         bool
	}{
		{"dateline", "دمشق - 20 أيلول/سبتمبر 2020 (رويترز) قتل أمس خمسة مدنيين في 3 آب 2019", "2020-09-20", "day", true},
		{"latest full date widens to a week",
			strings.Repeat("نص تمهيدي طويل عن الوضع الميداني في الشمال السوري. ", 5) +
				"وكانت الغارات بدأت في 5 أيار 2019 واشتدت في 18 أيار 2019، بعد اتفاق 17 أيلول/سبتمبر 2018.",
			"2019-05-18", "week", true},
		{"latest month", "اتفقا، في مارس/آذار 2020 على وقف إطلاق النار الذي أعلن عام 2019", "2020-03-01", "month", true},
		{"month beats an earlier day", strings.Repeat("تمهيد ", 40) + "منذ 3 شباط 2020 وحتى نيسان/أبريل 2020", "2020-04-01", "month", true},
		{"only a year", "تدخلت روسيا عام 2015 في سوريا", "2015-01-01", "year", true},
		{"only relative dates", "قال أمس إن القصف تجدد اليوم الجمعة", "", "", false},
		{"no year", "في 20 سبتمبر قصفت الطائرات", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, prec, ok := Estimate(tt.text)
			if ok != tt.ok || prec != tt.prec || ok && d.Format("2006-01-02") != tt.date {
				t.Errorf("Estimate(%q) = %s %q %v; want %s %q %v", tt.text, d.Format("2006-01-02"), prec, ok, tt.date, tt.prec, tt.ok)
			}
		})
	}
}

func TestFromURL(t *testing.T) {
	tests := []struct {
		url  string
		want string // "" for none
	}{
		{"https://arabic.cnn.com/middle-east/2018/03/22/hamas-palestinian-pm-abbas", "2018-03-22"},
		{"http://www.france24.com/ar/20180306-روسيا-تحطم-طائرة", "2018-03-06"},
		{"http://www.alarabiya.net/ar/arab-and-world/2018/04/11/موفد-روسي", "2018-04-11"},
		{"https://example.com/news/2019-05-03-strikes.html", "2019-05-03"},
		{"https://www.skynewsarabia.com/middle-east/1038526", ""},
		{"http://www.bbc.co.uk/arabic/middleeast-45432485", ""},
		{"https://example.com/2018/13/45/no-such-day", ""},
		{"https://20180306.example.com/story", ""}, // the host's digits are no date
		{"", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		got, ok := FromURL(tt.url)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("FromURL(%q) = %q; want %q", tt.url, s, tt.want)
		}
	}
}
