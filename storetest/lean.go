package storetest

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"axis"
)

// testLean checks, for a store that implements axis.LeanReader (the others
// pass: it is optional), that the lean scan gives every relation with
// exactly the fields EachRelation reads (evidence aside), whatever the
// number of parts and the filter, including a row whose group id holds a
// control byte (the SQLite store's scan separates fields with one).
func testLean(t *testing.T, store axis.Store) {
	s, ok := store.(interface {
		axis.Store
		axis.LeanReader
	})
	if !ok {
		return
	}
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, c := range []string{"AAA", "BBB", "CCC"} {
			if err := w.PutActor(&axis.Actor{Code: c, Name: c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		doc := &axis.Document{ID: axis.HashContent([]byte("doc")), Kind: axis.DocArticle}
		if _, err := w.PutDocument(doc); err != nil {
			return err
		}
		for i := 0; i < 40; i++ {
			r := &axis.Relation{Source: "AAA", Target: []string{"BBB", "CCC"}[i%2], Kind: axis.Arms, Item: "drones",
				Date: axis.Day(2024-i/12, 12-i%12, 1), Status: []axis.Status{axis.Confirmed, axis.Alleged, axis.Denied}[i%3], Events: i % 4,
				Evidence: []axis.Evidence{{DocumentID: doc.ID, Sentence: fmt.Sprint("sentence ", i), Method: "manual", Confidence: 1}}}
			switch i % 5 {
			case 1:
				r.Kind, r.Item = axis.DefensePact, ""
				r.Date = axis.Date{Year: 1990 + i}
				r.Commitment = &axis.Commitment{Signed: r.Date, Ended: axis.Date{Year: 2020, Month: 3}, Title: "Treaty | \"quoted\"",
					Conditions: axis.Conditions{Adversaries: []string{"CCC"}, NonProvocation: true}}
			case 2:
				r.Quantity = &axis.Quantity{Value: float64(i) + 0.5, Unit: "drones", Bound: "over", Cumulative: true}
				r.Until = axis.Date{Year: 2025}
			case 3:
				r.Kind, r.Item, r.GroupID = axis.JointExercise, "naval", fmt.Sprint("group-", i)
			case 4:
				r.GroupID = "odd\x1fgroup" // a separator byte in a field
			}
			if _, err := w.PutRelation(r); err != nil {
				return fmt.Errorf("relation %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	filters := []axis.RelationFilter{{}, {Between: [2]string{"CCC", "AAA"}}, {Since: axis.MustParseDate("2023")},
		{Families: []axis.Family{axis.FamilyCommitment}}, {At: axis.MustParseDate("2019-06")}, {Kinds: []axis.Kind{axis.Energy}}}
	for _, f := range filters {
		var want []axis.Relation
		if err := s.EachRelation(ctx, f, func(r *axis.Relation) error { want = append(want, *r); return nil }); err != nil {
			t.Fatal(err)
		}
		sort.Slice(want, func(i, j int) bool { return want[i].ID < want[j].ID })
		for parts := 1; parts <= 4; parts++ {
			got := make([][]axis.Relation, parts)
			err := s.EachRelationLean(ctx, f, parts, func(p int, r *axis.Relation) error {
				c := *r // the relation and what it points to belong to the scan: copy deep
				if r.Quantity != nil {
					q := *r.Quantity
					c.Quantity = &q
				}
				if r.Commitment != nil {
					cm := *r.Commitment
					c.Commitment = &cm
				}
				got[p] = append(got[p], c)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var all []axis.Relation
			for _, g := range got {
				all = append(all, g...)
			}
			sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
			if len(all) != len(want) {
				t.Fatalf("filter %+v, %d parts: %d relations, want %d", f, parts, len(all), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(all[i], want[i]) {
					t.Errorf("filter %+v, %d parts: relation %d\n got %+v\nwant %+v", f, parts, want[i].ID, all[i], want[i])
				}
			}
		}
	}
	for _, f := range []axis.RelationFilter{{WithEvidence: true}, {Limit: 3}} {
		if err := s.EachRelationLean(ctx, f, 1, func(int, *axis.Relation) error { return nil }); axis.ErrorCode(err) != axis.EINVALID {
			t.Errorf("filter %+v: got %v, want EINVALID", f, err)
		}
	}
}
