package gazetteer_test

import (
	"fmt"

	"axis"
	"axis/gazetteer"
)

func ExampleGazetteer_Resolve() {
	g := gazetteer.Default()
	for _, q := range []struct {
		name string
		on   axis.Date
	}{
		{"Shoigu", axis.Day(2023, 3, 1)},
		{"Belousov", axis.Day(2025, 3, 1)},
		{"the Kremlin", axis.Date{}},
		{"North Korean", axis.Date{}},
		{"Russia's", axis.Date{}},
		{"Rutte", axis.Day(2015, 6, 1)},
		{"Rutte", axis.Day(2025, 6, 1)},
		{"Ansar Allah", axis.Date{}},
		{"Korea", axis.Date{}},
	} {
		code, ok := g.Resolve(q.name, q.on)
		fmt.Printf("%-12s %-10s %s %v\n", q.name, q.on, code, ok)
	}
	// Output:
	// Shoigu       2023-03-01 RUS true
	// Belousov     2025-03-01 RUS true
	// the Kremlin             RUS true
	// North Korean            PRK true
	// Russia's                RUS true
	// Rutte        2015-06-01 NLD true
	// Rutte        2025-06-01 NATO true
	// Ansar Allah             HOUTHIS true
	// Korea                    false
}

func ExampleGazetteer_Lookup() {
	g := gazetteer.Default()
	for _, a := range g.Lookup("Congo") {
		fmt.Println(a.Code, a.Name)
	}
	// Output:
	// COD Democratic Republic of the Congo
	// COG Republic of the Congo
}

func ExampleGazetteer_InOffice() {
	g := gazetteer.Default()
	for _, d := range []axis.Date{axis.Day(2022, 6, 1), axis.Day(2025, 1, 1)} {
		for _, a := range g.InOffice("JPN", "head_of_government", d) {
			fmt.Println(d, a.Name)
		}
	}
	// Output:
	// 2022-06-01 Fumio Kishida
	// 2025-01-01 Shigeru Ishiba
}

func ExampleKey() {
	fmt.Println(gazetteer.Key("the U.S."), "|", gazetteer.Key("Kim Jong-un"), "|", gazetteer.Key("Erdoğan"))
	// Output: us | kim jong un | erdogan
}
