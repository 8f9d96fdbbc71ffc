package dates_test

import (
	"fmt"
	"time"

	"github.com/raqib/raqib/internal/dates"
)

func ExampleFind() {
	text := "قال المرصد صباح اليوم الأحد إن الغارات التي بدأت مساء الجمعة الماضي استهدفت مواقع قصفت في 20 أيلول/سبتمبر 2019 والشهر الماضي."
	published := time.Date(2020, 9, 20, 0, 0, 0, 0, time.UTC)
	for _, m := range dates.Find(text, published) {
		fmt.Printf("%s\t%s\t%s\t%v\n", text[m.Start:m.End], m.Date, m.Precision, m.Relative)
	}
	// Output:
	// صباح اليوم الأحد	2020-09-20	day	true
	// مساء الجمعة الماضي	2020-09-18	day	true
	// 20 أيلول/سبتمبر 2019	2019-09-20	day	false
	// الشهر الماضي	2020-08	month	true
}

func ExampleEstimate() {
	date, precision, ok := dates.Estimate("دمشق - 20 أيلول/سبتمبر 2020: قتل أمس خمسة مدنيين")
	fmt.Println(date.Format("2006-01-02"), precision, ok)
	// Output: 2020-09-20 day true
}
