package eventclf_test

import (
	"fmt"

	"github.com/raqib/raqib/internal/eventclf"
)

func ExampleModel_Score() {
	m, err := eventclf.Load()
	if err != nil {
		panic(err)
	}
	for _, text := range []string{
		"قتل خمسة أشخاص وأصيب عشرون آخرون أمس في انفجار سيارة مفخخة قرب سوق في مدينة الموصل.",
		"ويرى الكاتب أن الحكومة تشن هجوما على الحريات العامة في البلاد.",
	} {
		fmt.Println(m.Score("assault", text) >= m.Threshold("assault"))
	}
	// Output:
	// true
	// false
}
