package clean_test

import (
	"fmt"

	"github.com/raqib/raqib/internal/clean"
)

func ExampleText() {
	text := "قصفت قوات النظام بلدة كنصفرة.\nاقرأ أيضا: هدنة جديدة في الشمال\nوأصيب مدنيان.\n\nرائد جبر – الشرق الأوسط\n"
	cleaned, meta := clean.Text(text)
	fmt.Print(cleaned)
	fmt.Println(meta.Author, "|", meta.Outlet)
	// Output:
	// قصفت قوات النظام بلدة كنصفرة.
	// وأصيب مدنيان.
	// رائد جبر | الشرق الأوسط
}

func ExampleLines() {
	text := "نص الخبر.\nشارك\n(رويترز)"
	for _, l := range clean.Lines(text) {
		fmt.Printf("%d-%d %v %q\n", l.Start, l.End, l.Boilerplate, text[l.Start:l.End])
	}
	// Output:
	// 0-16 false "نص الخبر."
	// 17-25 true "شارك"
	// 26-40 true "(رويترز)"
}

func ExampleByline() {
	author, outlet, ok := clean.Byline("بيروت - محمد علي")
	fmt.Printf("%q %q %v\n", author, outlet, ok)
	// Output:
	// "محمد علي" "" true
}
