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

func ExampleModel_Keep() {
	m, err := eventclf.Load()
	if err != nil {
		panic(err)
	}
	anchor := "وقال الرئيس في كلمة ألقاها بعد اغتيال الحريري إن الحكومة ستعقد اجتماعا الأسبوع المقبل."
	fmt.Println(m.Keep("attack", anchor))           // a gated type told as a time anchor: dropped
	fmt.Println(m.Keep("air_drone_strike", anchor)) // not gated: the rules decide
	// Output:
	// false
	// true
}
