package textcode_test

import (
	"fmt"

	"axis"
	"axis/gazetteer"
	"axis/textcode"
)

func ExampleCoder_CodeText() {
	g := gazetteer.Default()
	var names []textcode.Name
	for _, n := range g.Names() {
		names = append(names, textcode.Name{Text: n.Text, Code: n.Code, Form: n.Form})
	}
	c, err := textcode.New(textcode.Lexicon{Names: names, Actor: g.Actor, Resolve: g.Resolve})
	if err != nil {
		panic(err)
	}
	text := "Iran has been supplying Russia with Shahed drones, US officials said. Tehran denied it sent ballistic missiles to Moscow."
	for _, cd := range c.CodeText(text, axis.Day(2024, 9, 10)) {
		r := cd.Relation
		fmt.Println(r.Source, r.Target, r.Kind, r.Item, r.Status, r.Evidence[0].Method)
	}
	// Output:
	// IRN RUS arms drones reported rule:give
	// IRN RUS arms ballistic_missiles denied rule:give
}
