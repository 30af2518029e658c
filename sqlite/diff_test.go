package sqlite_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"axis"
	"axis/inmem"
	"axis/sqlite"
)

// TestDifferential applies the same random writes to inmem (the reference)
// and to sqlite, with the bulk-load path switched on at small sizes, and
// checks after every write that both hold exactly the same relations,
// evidence and stats, IDs included.
func TestDifferential(t *testing.T) {
	for _, bulkMin := range []int{1 << 30, 40} {
		t.Run(fmt.Sprintf("bulkMin=%d", bulkMin), func(t *testing.T) {
			defer sqlite.SetBulkMin(bulkMin)()
			ref := inmem.New()
			s := openTemp(t)
			defer s.Close()
			rng := rand.New(rand.NewPCG(7, uint64(bulkMin)))
			actors := []string{"AAA", "BBB", "CCC", "DDD", "EEE"}
			kinds := []axis.Kind{axis.Arms, axis.JointExercise, axis.Sanction, axis.DefensePact, axis.Energy}
			items := map[axis.Kind][]string{axis.Arms: {"drones", "naval", ""}, axis.JointExercise: {"naval", "air"}, axis.Energy: {"oil", "gas"}}
			statuses := []axis.Status{"", axis.Confirmed, axis.Reported, axis.Alleged, axis.Denied}
			random := func() *axis.Relation {
				a := actors[rng.IntN(len(actors))]
				b := actors[rng.IntN(len(actors))]
				for b == a {
					b = actors[rng.IntN(len(actors))]
				}
				k := kinds[rng.IntN(len(kinds))]
				r := &axis.Relation{Source: a, Target: b, Kind: k, Status: statuses[rng.IntN(len(statuses))],
					Date: axis.Date{Year: 2020 + rng.IntN(3), Month: rng.IntN(4)}}
				if its := items[k]; len(its) > 0 {
					r.Item = its[rng.IntN(len(its))]
				}
				if k == axis.DefensePact && rng.IntN(2) == 0 {
					r.Commitment = &axis.Commitment{Signed: axis.Date{Year: 1990 + rng.IntN(30)}, Conditions: axis.Conditions{Adversaries: []string{"EEE"}}}
				}
				if rng.IntN(3) == 0 {
					r.Quantity = &axis.Quantity{Value: float64(rng.IntN(100)), Unit: "units"}
				}
				r.Events = rng.IntN(3)
				for range rng.IntN(3) {
					e := axis.Evidence{DocumentID: fmt.Sprintf("doc%d", rng.IntN(4)), Sentence: fmt.Sprintf("sentence %d", rng.IntN(4)),
						Method: axis.MethodManual, Start: rng.IntN(2), End: 5, Status: statuses[rng.IntN(len(statuses))], Confidence: 0.5}
					if rng.IntN(4) == 0 {
						e.Attrs = map[string]string{"n": fmt.Sprint(rng.IntN(9))}
					}
					r.Evidence = append(r.Evidence, e)
				}
				return r
			}
			apply := func(st axis.Store, rels []*axis.Relation, fail bool) (axis.WriteResult, error) {
				return st.Write(ctx, func(w axis.Writer) error {
					for _, r := range rels {
						cp := *r
						cp.Evidence = append([]axis.Evidence(nil), r.Evidence...)
						if _, err := w.PutRelation(&cp); err != nil {
							return err
						}
					}
					if fail {
						return errors.New("fail at the end")
					}
					return nil
				})
			}
			for _, st := range []axis.Store{ref, s} {
				if _, err := st.Write(ctx, func(w axis.Writer) error {
					for _, c := range actors {
						if err := w.PutActor(&axis.Actor{Code: c, Name: c, Kind: axis.ActorState}); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			bulkBefore := sqlite.BulkLoads()
			for round := range 12 {
				n := 1 + rng.IntN(30)
				if round%4 == 1 {
					n = 300 // big enough to go bulk when bulkMin is small
				}
				rels := make([]*axis.Relation, n)
				for i := range rels {
					rels[i] = random()
				}
				fail := round%5 == 3
				wantRes, wantErr := apply(ref, rels, fail)
				gotRes, gotErr := apply(s, rels, fail)
				if (wantErr == nil) != (gotErr == nil) || wantRes != gotRes {
					t.Fatalf("round %d: sqlite %+v %v, inmem %+v %v", round, gotRes, gotErr, wantRes, wantErr)
				}
				want, _ := ref.Relations(ctx, axis.RelationFilter{WithEvidence: true})
				got, err := s.Relations(ctx, axis.RelationFilter{WithEvidence: true})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					for i := range min(len(got), len(want)) {
						if !reflect.DeepEqual(got[i], want[i]) {
							t.Fatalf("round %d: relation %d differs:\nsqlite %+v\ninmem  %+v", round, i, got[i], want[i])
						}
					}
					t.Fatalf("round %d: %d relations in sqlite, %d in inmem", round, len(got), len(want))
				}
				// The store's own queries by key and by dyad still agree.
				for _, r := range want[:min(len(want), 20)] {
					one, err := s.Relations(ctx, axis.RelationFilter{Between: [2]string{r.Target, r.Source}, Kinds: []axis.Kind{r.Kind}})
					if err != nil || len(one) == 0 {
						t.Fatalf("round %d: dyad query for %s: %v %v", round, r.Key(), one, err)
					}
				}
				ws, _ := ref.Stats(ctx)
				gs, _ := s.Stats(ctx)
				if !reflect.DeepEqual(gs, ws) {
					t.Fatalf("round %d: stats\nsqlite %+v\ninmem  %+v", round, gs, ws)
				}
			}
			var indexes int
			if err := s.DB().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('relations_key', 'relations_dyad', 'relations_target', 'relations_date')`).Scan(&indexes); err != nil || indexes != 4 {
				t.Errorf("%d relation indexes after the writes (%v), want 4", indexes, err)
			}
			if bulk := sqlite.BulkLoads() - bulkBefore; (bulk > 0) != (bulkMin < 1000) {
				t.Errorf("%d bulk loads with bulkMin %d", bulk, bulkMin)
			}
		})
	}
}
