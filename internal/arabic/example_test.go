package arabic_test

import (
	"fmt"

	"github.com/raqib/raqib/internal/arabic"
)

func ExampleNormalize() {
	fmt.Println(arabic.Normalize("قَصَفَتْ الطائرات «إدلب» بـ١١ غارة"))
	// Output: قصفت الطايرات "ادلب" ب11 غاره
}

func ExampleTokenize() {
	text := "وبالغارات على إدلب"
	for _, t := range arabic.Tokenize(text) {
		fmt.Printf("%d-%d %s %s\n", t.Start, t.End, text[t.Start:t.End], t.Norm)
	}
	// Output:
	// 0-18 وبالغارات وبالغارات
	// 19-25 على علي
	// 26-34 إدلب ادلب
}

func ExampleMatcher() {
	m := arabic.NewMatcher[string]()
	m.Add("غارة", "air_drone_strike")
	d := arabic.NewDoc("وبالغارات الروسية")
	for _, match := range m.Find(d, 0, len(d.Tokens)) {
		fmt.Println(match.Values[0], match.From, match.To)
	}
	// Output: air_drone_strike 0 1
}
