package analysis

import (
	"context"
	"fmt"
	"math"
	"testing"

	"axis"
	"axis/inmem"
)

// rel is a compact relation for fixtures: "SRC TGT kind item date status".
type rel struct {
	src, tgt string
	kind     axis.Kind
	item     string
	date     string
	status   axis.Status
	qty      *axis.Quantity
	group    string
	events   int
}

// newStore builds an inmem store with the given actors and relations, each
// relation with one piece of evidence.
func newStore(t testing.TB, actors []string, rels []rel) *inmem.Store {
	t.Helper()
	s := inmem.New()
	doc := axis.Document{ID: axis.HashContent([]byte("fixture")), Kind: axis.DocCitation, Title: "Fixture", Publisher: "Test Wire"}
	_, err := s.Write(context.Background(), func(w axis.Writer) error {
		for _, c := range actors {
			if err := w.PutActor(&axis.Actor{Code: c, Name: "Actor " + c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		if _, err := w.PutDocument(&doc); err != nil {
			return err
		}
		for i, r := range rels {
			st := r.status
			if st == "" {
				st = axis.Confirmed
			}
			x := axis.Relation{Source: r.src, Target: r.tgt, Kind: r.kind, Item: r.item, Date: axis.MustParseDate(r.date),
				Status: st, Quantity: r.qty, GroupID: r.group, Events: r.events,
				Evidence: []axis.Evidence{{DocumentID: doc.ID, Source: "Test Wire", URL: fmt.Sprintf("https://example.org/%d", i),
					Published: axis.MustParseDate(r.date), Sentence: fmt.Sprintf("%s %s %s %s (fixture %d).", r.src, r.kind, r.item, r.tgt, i),
					Start: i, End: i + 1, Method: axis.MethodManual, Confidence: 1, Status: st}}}
			if r.kind.Family() == axis.FamilyCommitment {
				x.Commitment = &axis.Commitment{Signed: axis.MustParseDate(r.date), Title: "Treaty " + r.src + "-" + r.tgt}
			}
			if _, err := w.PutRelation(&x); err != nil {
				return fmt.Errorf("fixture %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// flat returns weights where every kind and status counts 1, no recency.
func flat() *Weights {
	w := DefaultWeights()
	w.Name, w.HalfLifeDays = "flat", 0
	for k := range w.Kinds {
		w.Kinds[k] = 1
	}
	for s := range w.Statuses {
		w.Statuses[s] = 1
	}
	return w
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

var ctx = context.Background()
