package storetest

import (
	"fmt"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// BenchBatch returns n articles of about 2 KB, each with five events, for
// benchmarking Put.
func BenchBatch(n int) []event.Record {
	places := []place{kansafra, haas, idlib, hmeimim}
	types := []string{"shelling_artillery_missile_attack", "air_drone_strike", "armed_clash", "attack", "arrests"}
	out := make([]event.Record, n)
	for i := range out {
		var sentences []string
		for j := range 12 {
			sentences = append(sentences, fmt.Sprintf(
				"وقصفت قوات النظام بالمدفعية الثقيلة أطراف البلدة رقم %d في ريف إدلب الجنوبي، ما أدى إلى مقتل %d مدنيين وإصابة آخرين بجروح.", i*12+j, j))
		}
		b := article(fmt.Sprintf("bench-%d", i), "", "2024-01-02", "وكالة التجربة", "قصف على ريف إدلب", sentences...)
		for j := range 5 {
			b.event(types[j], sentences[j*2], places[j%len(places)], fmt.Sprintf("2024-01-%02d", 1+j), "SYR.GOV", "CIV", nil)
		}
		out[i] = b.record()
	}
	return out
}

// Distinct returns copies of recs that are new articles to a store holding
// recs: each gets a URL and text marked with tag.
func Distinct(recs []event.Record, tag string) []event.Record {
	out := make([]event.Record, len(recs))
	for i, r := range recs {
		r.Article.URL = fmt.Sprintf("https://bench.example/%s/%d", tag, i)
		r.Article.Text = strings.Clone(r.Article.Text) + " " + tag
		r.Key, r.Hash = "", ""
		out[i] = r
	}
	return out
}

// SpreadBatch is BenchBatch with the days moving on with the articles, as
// in a real corpus: in BenchBatch every article reports the same five
// occurrences, which makes five incidents of n reports each.
func SpreadBatch(n int) []event.Record {
	recs := BenchBatch(n)
	for i := range recs {
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1000)
		for j := range recs[i].Events {
			d := day.AddDate(0, 0, j).Format("2006-01-02")
			recs[i].Events[j].Date = &d
		}
	}
	return recs
}
