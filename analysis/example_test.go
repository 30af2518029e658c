package analysis_test

import (
	"context"
	"fmt"

	"axis"
	"axis/analysis"
	"axis/inmem"
)

// A two-state store: shells one way, oil the other.
func exampleStore() *inmem.Store {
	s := inmem.New()
	doc := axis.Document{ID: axis.HashContent([]byte("example")), Kind: axis.DocCitation}
	s.Write(context.Background(), func(w axis.Writer) error {
		for _, c := range []string{"PRK", "RUS"} {
			w.PutActor(&axis.Actor{Code: c, Name: c, Kind: axis.ActorState})
		}
		w.PutDocument(&doc)
		for _, r := range []axis.Relation{
			{Source: "PRK", Target: "RUS", Kind: axis.Arms, Item: "artillery_ammunition", Date: axis.MustParseDate("2023-09"), Quantity: &axis.Quantity{Value: 1000000, Unit: "shells", Bound: "over"}},
			{Source: "RUS", Target: "PRK", Kind: axis.Energy, Item: "oil", Date: axis.MustParseDate("2024-03"), Status: axis.Reported},
		} {
			r.Evidence = []axis.Evidence{{DocumentID: doc.ID, Sentence: "example", Method: axis.MethodManual, Confidence: 1}}
			w.PutRelation(&r)
		}
		return nil
	})
	return s
}

func ExampleLedger() {
	s := exampleStore()
	win := analysis.Window{Until: axis.MustParseDate("2024-12-31")}
	l, err := analysis.Ledger(context.Background(), s, nil, "PRK", "RUS", win)
	if err != nil {
		panic(err)
	}
	for _, f := range []analysis.Flow{l.AtoB, l.BtoA} {
		for _, line := range f.Lines {
			fmt.Printf("%s->%s %s/%s %v %v\n", f.From, f.To, line.Kind, line.Item, line.Quantities, line.Statuses)
		}
	}
	fmt.Println("commitments:", len(l.Commitments))
	// Output:
	// PRK->RUS arms/artillery_ammunition [over 1,000,000 shells] map[confirmed:1]
	// RUS->PRK energy/oil [] map[reported:1]
	// commitments: 0
}
