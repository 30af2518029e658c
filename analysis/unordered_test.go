package analysis

import (
	"context"
	"reflect"
	"sync/atomic"
	"testing"

	"axis"
	"axis/inmem"
)

// reversed is a store whose unordered scan returns relations newest first,
// and counts its use.
type reversed struct {
	*inmem.Store
	calls atomic.Int64
}

func (r *reversed) EachRelationUnordered(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	r.calls.Add(1)
	rels, err := r.Relations(ctx, f)
	if err != nil {
		return err
	}
	for i := len(rels) - 1; i >= 0; i-- {
		if err := fn(&rels[i]); err != nil {
			return err
		}
	}
	return nil
}

func TestUnorderedReaderGivesSameResults(t *testing.T) {
	rels := []rel{
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "drones", date: "2023-01", qty: &axis.Quantity{Value: 10, Unit: "drones"}},
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "drones", date: "2024-01", qty: &axis.Quantity{Value: 5, Unit: "drones"}},
		{src: "BBB", tgt: "AAA", kind: axis.Energy, item: "oil", date: "2024-02"},
		{src: "CCC", tgt: "AAA", kind: axis.Sanction, date: "2024-03"},
		{src: "AAA", tgt: "CCC", kind: axis.DefensePact, date: "2001"},
		{src: "BBB", tgt: "CCC", kind: axis.JointExercise, item: "naval", date: "2024-05"},
	}
	plain := newStore(t, []string{"AAA", "BBB", "CCC"}, rels)
	rev := &reversed{Store: plain}
	win := Window{Until: axis.MustParseDate("2025")}
	codes := []string{"AAA", "BBB", "CCC"}
	type run func(axis.Reader) (any, error)
	runs := map[string]run{
		"ledger":     func(r axis.Reader) (any, error) { return Ledger(ctx, r, nil, "AAA", "BBB", win) },
		"cohesion":   func(r axis.Reader) (any, error) { return Cohesion(ctx, r, nil, codes, win) },
		"dependency": func(r axis.Reader) (any, error) { return Dependency(ctx, r, nil, "AAA", "", win) },
		"centrality": func(r axis.Reader) (any, error) { return Centrality(ctx, r, nil, "", win) },
		"blocs":      func(r axis.Reader) (any, error) { return Blocs(ctx, r, nil, win) },
		"trend":      func(r axis.Reader) (any, error) { return Trend(ctx, r, nil, "AAA", "BBB", ByYear, win) },
	}
	for name, f := range runs {
		before := rev.calls.Load()
		a, err := f(plain)
		if err != nil {
			t.Fatal(err)
		}
		b, err := f(rev)
		if err != nil {
			t.Fatal(err)
		}
		if rev.calls.Load() == before {
			t.Errorf("%s did not use the unordered scan", name)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\n%+v\n%+v", name, a, b)
		}
	}
}
