package sqlite_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"axis"
)

func TestEachRelationUnorderedMatchesOrdered(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
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
		// Dates run backwards so that id order and date order differ.
		for i := 0; i < 30; i++ {
			r := &axis.Relation{Source: "AAA", Target: []string{"BBB", "CCC"}[i%2], Kind: axis.Arms,
				Date:     axis.Day(2024-i/12, 12-i%12, 1),
				Evidence: []axis.Evidence{{DocumentID: doc.ID, Sentence: fmt.Sprint("sentence ", i), Method: "manual", Confidence: 1}}}
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []axis.RelationFilter{{}, {Between: [2]string{"CCC", "AAA"}}, {Since: axis.MustParseDate("2023")}, {Limit: 5, Offset: 3}} {
		var ordered, unordered []int64
		if err := s.EachRelation(ctx, f, func(r *axis.Relation) error { ordered = append(ordered, r.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.EachRelationUnordered(ctx, f, func(r *axis.Relation) error { unordered = append(unordered, r.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		if !sort.SliceIsSorted(unordered, func(i, j int) bool { return unordered[i] < unordered[j] }) {
			t.Errorf("filter %+v: unordered scan not in id order: %v", f, unordered)
		}
		if f.Limit > 0 {
			if len(unordered) != f.Limit {
				t.Errorf("limit: got %d relations", len(unordered))
			}
			continue
		}
		sort.Slice(ordered, func(i, j int) bool { return ordered[i] < ordered[j] })
		if fmt.Sprint(ordered) != fmt.Sprint(unordered) || len(ordered) == 0 {
			t.Errorf("filter %+v: ordered %v, unordered %v", f, ordered, unordered)
		}
	}
}
