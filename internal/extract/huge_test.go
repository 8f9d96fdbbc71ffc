package extract

import (
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func BenchmarkHugeArticle(b *testing.B) {
	x := newTestExtractor(b)
	text := strings.Repeat("قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب الجنوبي أمس، بحسب المرصد السوري لحقوق الإنسان، وقتل ثلاثة مدنيين. ", 3000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		x.Extract(event.Article{ID: "h", Published: "2020-01-02", Text: text})
	}
}
