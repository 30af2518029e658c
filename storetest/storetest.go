// Package storetest is a conformance suite for axis.Store backends. Every
// store (inmem, sqlite, …) must pass Run: it checks the merge rules,
// idempotence, all-or-nothing writes, filters, search and round-trips that
// the rest of axis relies on.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"axis"
)

// Run runs the suite. open returns a new, empty store for each subtest;
// Run closes it.
func Run(t *testing.T, open func(t *testing.T) axis.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s axis.Store)
	}{
		{"MergeTwoDocuments", testMerge},
		{"Idempotent", testIdempotent},
		{"RollbackOnError", testRollback},
		{"Symmetric", testSymmetric},
		{"Filters", testFilters},
		{"OrderLimitOffset", testOrder},
		{"EachRelationStops", testEachStops},
		{"Search", testSearch},
		{"UnknownActor", testUnknownActor},
		{"InvalidRelation", testInvalid},
		{"Commitment", testCommitment},
		{"EvidenceAttrs", testAttrs},
		{"DatePrecision", testDates},
		{"Documents", testDocuments},
		{"Actors", testActors},
		{"NotFound", testNotFound},
		{"Stats", testStats},
		{"LeanReader", testLean},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

var ctx = context.Background()

// Codes of the actors every test starts with.
var codes = []string{"BLR", "CHN", "IRN", "JPN", "NATO", "PRK", "RUS", "UKR", "USA"}

func seedActors(t *testing.T, s axis.Store) {
	t.Helper()
	write(t, s, func(w axis.Writer) error {
		for _, c := range codes {
			a := &axis.Actor{Code: c, Name: "Actor " + c, Kind: axis.ActorState}
			if c == "NATO" {
				a.Kind = axis.ActorOrganization
			}
			if err := w.PutActor(a); err != nil {
				return err
			}
		}
		return nil
	})
}

func write(t *testing.T, s axis.Store, fn func(w axis.Writer) error) axis.WriteResult {
	t.Helper()
	res, err := s.Write(ctx, fn)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return res
}

func putAll(t *testing.T, s axis.Store, rels ...*axis.Relation) axis.WriteResult {
	t.Helper()
	return write(t, s, func(w axis.Writer) error {
		for _, r := range rels {
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
}

func ev(doc, sentence string) axis.Evidence {
	return axis.Evidence{DocumentID: doc, Sentence: sentence, Method: axis.MethodManual, Confidence: 0.9}
}

func rel(src, dst string, kind axis.Kind, item, date string, evs ...axis.Evidence) *axis.Relation {
	return &axis.Relation{Source: src, Target: dst, Kind: kind, Item: item, Date: axis.MustParseDate(date), Evidence: evs}
}

func all(t *testing.T, s axis.Store) []axis.Relation {
	t.Helper()
	rs, err := s.Relations(ctx, axis.RelationFilter{WithEvidence: true})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	return rs
}

func stats(t *testing.T, s axis.Store) axis.Stats {
	t.Helper()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func testMerge(t *testing.T, s axis.Store) {
	seedActors(t, s)
	first := rel("PRK", "RUS", axis.Arms, "artillery_ammunition", "2024-06", ev("doc-a", "Pyongyang shipped artillery shells to Moscow in June."))
	first.Status = axis.Reported
	first.Quantity = &axis.Quantity{Value: 1000000, Unit: "shells", Bound: "over"}
	second := rel("prk", "rus", axis.Arms, "artillery_ammunition", "2024-06-19", ev("doc-b", "Officials confirmed the shell deliveries."))
	second.Status = axis.Confirmed
	second.Quantity = &axis.Quantity{Value: 5, Unit: "shells"}
	res1 := putAll(t, s, first)
	res2 := putAll(t, s, second)
	if res1.RelationsNew != 1 || res1.EvidenceNew != 1 {
		t.Errorf("first write = %+v, want 1 new relation, 1 new evidence", res1)
	}
	if res2.RelationsNew != 0 || res2.RelationsMerged != 1 || res2.EvidenceNew != 1 {
		t.Errorf("second write = %+v, want 1 merged relation, 1 new evidence", res2)
	}
	if first.ID == 0 || second.ID != first.ID {
		t.Errorf("IDs: first %d, second %d: want the same non-zero ID", first.ID, second.ID)
	}
	rs := all(t, s)
	if len(rs) != 1 {
		t.Fatalf("got %d relations, want 1", len(rs))
	}
	r := rs[0]
	if len(r.Evidence) != 2 {
		t.Fatalf("got %d evidence, want 2", len(r.Evidence))
	}
	if r.Evidence[0].DocumentID != "doc-a" || r.Evidence[1].DocumentID != "doc-b" {
		t.Errorf("evidence order = %s, %s; want doc-a then doc-b (oldest first)", r.Evidence[0].DocumentID, r.Evidence[1].DocumentID)
	}
	for i, e := range r.Evidence {
		if e.RelationID != r.ID || e.ID == 0 {
			t.Errorf("evidence %d: ID %d relation %d, want non-zero ID and relation %d", i, e.ID, e.RelationID, r.ID)
		}
	}
	if r.Evidence[0].Status != axis.Reported || r.Evidence[1].Status != axis.Confirmed {
		t.Errorf("evidence statuses = %s, %s; want each to default to its relation's status", r.Evidence[0].Status, r.Evidence[1].Status)
	}
	if r.Status != axis.Confirmed {
		t.Errorf("status = %s, want confirmed (strongest evidence)", r.Status)
	}
	if r.Events != 2 {
		t.Errorf("events = %d, want 2 (summed)", r.Events)
	}
	if r.Quantity == nil || r.Quantity.Value != 1000000 || r.Quantity.Bound != "over" {
		t.Errorf("quantity = %+v, want the first one kept", r.Quantity)
	}
	if r.Date.String() != "2024-06" {
		t.Errorf("date = %s, want the first report's 2024-06 kept", r.Date)
	}
	// A weaker status merged later does not weaken the relation.
	third := rel("PRK", "RUS", axis.Arms, "artillery_ammunition", "2024-06", ev("doc-c", "Kyiv alleged more shells arrived."))
	third.Status = axis.Alleged
	putAll(t, s, third)
	got, err := s.Relation(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != axis.Confirmed || len(got.Evidence) != 3 || got.Events != 3 {
		t.Errorf("after alleged evidence: status %s, %d evidence, %d events; want confirmed, 3, 3", got.Status, len(got.Evidence), got.Events)
	}
}

func testIdempotent(t *testing.T, s axis.Store) {
	seedActors(t, s)
	doc := &axis.Document{ID: strings.Repeat("ab", 32), Kind: axis.DocArticle, Title: "T"}
	batch := func() func(w axis.Writer) error {
		return func(w axis.Writer) error {
			if _, err := w.PutDocument(doc); err != nil {
				return err
			}
			for _, r := range []*axis.Relation{
				rel("PRK", "RUS", axis.Troops, "combat_troops", "2024-10", ev(doc.ID, "Troops were sent."), ev(doc.ID, "Troops were sent.")),
				rel("IRN", "RUS", axis.Arms, "drones", "2022-09", ev(doc.ID, "Drones were delivered.")),
			} {
				if _, err := w.PutRelation(r); err != nil {
					return err
				}
			}
			return nil
		}
	}
	first, err := s.Write(ctx, batch())
	if err != nil {
		t.Fatal(err)
	}
	if !first.Changed() || first.RelationsNew != 2 || first.EvidenceNew != 2 || first.DocumentsNew != 1 {
		t.Errorf("first write = %+v; want 2 new relations, 2 evidence (the repeated piece once), 1 document", first)
	}
	before := stats(t, s)
	second, err := s.Write(ctx, batch())
	if err != nil {
		t.Fatal(err)
	}
	if second.Changed() {
		t.Errorf("second write = %+v; want nothing changed", second)
	}
	if second.RelationsUnchanged != 2 || second.DocumentsKnown != 1 {
		t.Errorf("second write = %+v; want 2 unchanged relations and 1 known document", second)
	}
	if after := stats(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed: %+v -> %+v", before, after)
	}
	rs := all(t, s)
	for _, r := range rs {
		if r.Events != 1 {
			t.Errorf("relation %s: events = %d after a repeated write, want 1", r.Key(), r.Events)
		}
	}
}

func testRollback(t *testing.T, s axis.Store) {
	seedActors(t, s)
	putAll(t, s, rel("CHN", "RUS", axis.Energy, "oil", "2023", ev("d0", "China bought Russian crude.")))
	before := stats(t, s)
	before1 := all(t, s)
	cases := []struct {
		name string
		last *axis.Relation
	}{
		{"unknown actor", rel("PRK", "XYZ", axis.Arms, "", "2024")},
		{"unknown kind", rel("PRK", "RUS", "gift", "", "2024")},
		{"bad item", rel("PRK", "RUS", axis.Arms, "spoons", "2024")},
		{"bad evidence", rel("PRK", "RUS", axis.Arms, "", "2024", axis.Evidence{DocumentID: "x", Sentence: "s", Method: "guess"})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Write(ctx, func(w axis.Writer) error {
				if err := w.PutActor(&axis.Actor{Code: "KAZ", Name: "Kazakhstan", Kind: axis.ActorState}); err != nil {
					return err
				}
				if _, err := w.PutDocument(&axis.Document{ID: strings.Repeat("cd", 32), Kind: axis.DocArticle}); err != nil {
					return err
				}
				for _, r := range []*axis.Relation{
					rel("CHN", "RUS", axis.Energy, "oil", "2023", ev("d1", "More crude went east.")),
					rel("PRK", "RUS", axis.Arms, "ballistic_missiles", "2024-01", ev("d1", "Missiles hit Kharkiv.")),
					c.last,
				} {
					if _, err := w.PutRelation(r); err != nil {
						return err
					}
				}
				return nil
			})
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("error = %v (code %s), want EINVALID", err, axis.ErrorCode(err))
			}
			if after := stats(t, s); !reflect.DeepEqual(before, after) {
				t.Errorf("stats changed after a failed write: %+v -> %+v", before, after)
			}
			if after := all(t, s); !reflect.DeepEqual(before1, after) {
				t.Errorf("relations changed after a failed write:\n%+v\n%+v", before1, after)
			}
			if _, err := s.Actor(ctx, "KAZ"); axis.ErrorCode(err) != axis.ENOTFOUND {
				t.Errorf("actor of the failed write: err %v, want ENOTFOUND", err)
			}
		})
	}
	// A failed write leaves the store usable.
	if res := putAll(t, s, rel("PRK", "RUS", axis.Arms, "ballistic_missiles", "2024-01", ev("d1", "Missiles hit Kharkiv."))); res.RelationsNew != 1 {
		t.Errorf("write after rollback = %+v, want 1 new relation", res)
	}
}

func testSymmetric(t *testing.T, s axis.Store) {
	seedActors(t, s)
	a := rel("RUS", "CHN", axis.JointExercise, "naval", "2024-07", ev("d1", "Russian and Chinese ships drilled together."))
	b := rel("CHN", "RUS", axis.JointExercise, "naval", "2024-07-15", ev("d2", "The two navies held joint drills."))
	c := rel("RUS", "BLR", axis.Arms, "", "2024-07", ev("d3", "Russia sent arms to Belarus."))
	putAll(t, s, a, b, c)
	rs := all(t, s)
	if len(rs) != 2 {
		t.Fatalf("got %d relations, want 2", len(rs))
	}
	for _, r := range rs {
		switch r.Kind {
		case axis.JointExercise:
			if r.Source != "CHN" || r.Target != "RUS" || len(r.Evidence) != 2 {
				t.Errorf("joint exercise = %s->%s with %d evidence; want CHN->RUS with 2", r.Source, r.Target, len(r.Evidence))
			}
		case axis.Arms:
			if r.Source != "RUS" || r.Target != "BLR" {
				t.Errorf("arms = %s->%s; directed kinds keep their direction", r.Source, r.Target)
			}
		}
	}
	if a.ID != b.ID {
		t.Errorf("IDs %d and %d: want both orders to name one relation", a.ID, b.ID)
	}
}

// filterFixture stores relations with every sort of date and a few
// commitments, and returns them by name.
func filterFixture(t *testing.T, s axis.Store) map[string]*axis.Relation {
	seedActors(t, s)
	rs := map[string]*axis.Relation{
		"shells":   rel("PRK", "RUS", axis.Arms, "artillery_ammunition", "2023-09", ev("d1", "Shells went north by rail.")),
		"missiles": rel("PRK", "RUS", axis.Arms, "ballistic_missiles", "2024-01-02", ev("d2", "Missiles struck Kharkiv.")),
		"oil":      rel("RUS", "PRK", axis.Energy, "oil", "2024", ev("d3", "Oil went south.")),
		"drones":   rel("IRN", "RUS", axis.Arms, "drones", "2022-09", ev("d4", "Drones were delivered.")),
		"drills":   rel("RUS", "CHN", axis.JointExercise, "naval", "2024-07", ev("d5", "Ships drilled together.")),
		"sanction": rel("USA", "RUS", axis.Sanction, "", "2022-02-24", ev("d6", "Washington imposed sanctions.")),
		"undated":  rel("CHN", "RUS", axis.DiplomaticSupport, "", "", ev("d7", "Beijing backed Moscow.")),
		"attack":   rel("RUS", "UKR", axis.Attack, "drone", "2024-12-31", ev("d8", "Drones hit Kyiv.")),
		"treaty": {Source: "RUS", Target: "PRK", Kind: axis.DefensePact, Date: axis.MustParseDate("2024-06-19"),
			Commitment: &axis.Commitment{Signed: axis.MustParseDate("2024-06-19"), InForce: axis.MustParseDate("2024-12-04")},
			Evidence:   []axis.Evidence{ev("d9", "The treaty entered into force.")}},
		"old_treaty": {Source: "CHN", Target: "RUS", Kind: axis.ConsultationPact, Date: axis.MustParseDate("1950"),
			Commitment: &axis.Commitment{Signed: axis.MustParseDate("1950-02"), Ended: axis.MustParseDate("1979")},
			Evidence:   []axis.Evidence{ev("d10", "The old treaty lapsed.")}},
		"alleged": rel("CHN", "RUS", axis.DualUse, "microelectronics", "2023", ev("d11", "Chips were allegedly shipped.")),
		"member":  {Source: "USA", Target: "NATO", Kind: axis.Membership, Evidence: []axis.Evidence{ev("d12", "The US is a founding member.")}, Commitment: &axis.Commitment{Signed: axis.MustParseDate("1949-04-04")}},
	}
	rs["alleged"].Status = axis.Alleged
	rs["oil"].Status = axis.Reported
	names := make([]string, 0, len(rs))
	for n := range rs {
		names = append(names, n)
	}
	sort.Strings(names)
	write(t, s, func(w axis.Writer) error {
		for _, n := range names {
			if _, err := w.PutRelation(rs[n]); err != nil {
				return fmt.Errorf("%s: %w", n, err)
			}
		}
		return nil
	})
	return rs
}

func testFilters(t *testing.T, s axis.Store) {
	rs := filterFixture(t, s)
	stored := all(t, s)
	names := map[int64]string{}
	for n, r := range rs {
		names[r.ID] = n
	}
	cases := []struct {
		name string
		f    axis.RelationFilter
		want []string // names, in date order then id
	}{
		{"none", axis.RelationFilter{}, nil},
		{"ids", axis.RelationFilter{IDs: []int64{rs["oil"].ID, rs["drones"].ID}}, []string{"drones", "oil"}},
		{"between", axis.RelationFilter{Between: [2]string{"RUS", "PRK"}}, []string{"shells", "oil", "missiles", "treaty"}},
		{"between reversed", axis.RelationFilter{Between: [2]string{"PRK", "RUS"}}, []string{"shells", "oil", "missiles", "treaty"}},
		{"actor", axis.RelationFilter{Actor: "CHN"}, []string{"undated", "old_treaty", "alleged", "drills"}},
		{"actors", axis.RelationFilter{Actors: []string{"RUS", "IRN", "UKR"}}, []string{"drones", "attack"}},
		{"kinds", axis.RelationFilter{Kinds: []axis.Kind{axis.Arms, axis.Sanction}}, []string{"sanction", "drones", "shells", "missiles"}},
		{"families", axis.RelationFilter{Families: []axis.Family{axis.FamilyCommitment}}, []string{"member", "old_treaty", "treaty"}},
		{"items", axis.RelationFilter{Items: []string{"oil", "drones"}}, []string{"drones", "oil"}},
		{"statuses", axis.RelationFilter{Statuses: []axis.Status{axis.Alleged, axis.Reported}}, []string{"alleged", "oil"}},
		{"since month", axis.RelationFilter{Since: axis.MustParseDate("2024-06")}, []string{"oil", "treaty", "drills", "attack"}},
		{"since day", axis.RelationFilter{Since: axis.MustParseDate("2024-12-31")}, []string{"oil", "attack"}},
		{"until year", axis.RelationFilter{Until: axis.MustParseDate("2023")}, []string{"old_treaty", "sanction", "drones", "alleged", "shells"}},
		{"until day", axis.RelationFilter{Until: axis.MustParseDate("2024-01-01")}, []string{"old_treaty", "sanction", "drones", "alleged", "shells", "oil"}},
		{"since and until", axis.RelationFilter{Since: axis.MustParseDate("2024-01"), Until: axis.MustParseDate("2024-06")}, []string{"oil", "missiles", "treaty"}},
		{"at before entry into force", axis.RelationFilter{At: axis.MustParseDate("2024-07"), Families: []axis.Family{axis.FamilyCommitment}}, []string{"member"}},
		{"at after entry into force", axis.RelationFilter{At: axis.MustParseDate("2025"), Families: []axis.Family{axis.FamilyCommitment}}, []string{"member", "treaty"}},
		{"at in old treaty", axis.RelationFilter{At: axis.MustParseDate("1960-05-01"), Families: []axis.Family{axis.FamilyCommitment}}, []string{"member", "old_treaty"}},
		{"at other families", axis.RelationFilter{At: axis.MustParseDate("2023-09"), Actor: "RUS", Families: []axis.Family{axis.FamilyTransfer, axis.FamilyCooperation, axis.FamilyHostility}},
			[]string{"undated", "sanction", "drones", "alleged", "shells"}},
		{"combined", axis.RelationFilter{Between: [2]string{"PRK", "RUS"}, Kinds: []axis.Kind{axis.Arms}, Since: axis.MustParseDate("2024")}, []string{"missiles"}},
		{"nothing", axis.RelationFilter{Actor: "JPN"}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Relations(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var gotNames, match []string
			for _, r := range got {
				gotNames = append(gotNames, names[r.ID])
				if r.Evidence != nil {
					t.Errorf("relation %s has evidence without WithEvidence", names[r.ID])
				}
			}
			for i := range stored {
				if c.f.Match(&stored[i]) {
					match = append(match, names[stored[i].ID])
				}
			}
			if c.want != nil && strings.Join(gotNames, ",") != strings.Join(c.want, ",") {
				t.Errorf("got  %v\nwant %v", gotNames, c.want)
			}
			if strings.Join(gotNames, ",") != strings.Join(match, ",") {
				t.Errorf("got %v, but RelationFilter.Match passes %v", gotNames, match)
			}
		})
	}
	t.Run("with evidence", func(t *testing.T) {
		got, err := s.Relations(ctx, axis.RelationFilter{Actor: "PRK", WithEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("got %d relations, want 4", len(got))
		}
		for _, r := range got {
			if len(r.Evidence) != 1 || r.Evidence[0].Sentence != rs[names[r.ID]].Evidence[0].Sentence {
				t.Errorf("relation %s: evidence %+v", names[r.ID], r.Evidence)
			}
		}
	})
}

func testOrder(t *testing.T, s axis.Store) {
	filterFixture(t, s)
	rs := all(t, s)
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		if c := a.Date.Compare(b.Date); c > 0 || c == 0 && a.ID > b.ID {
			t.Errorf("relation %d (%s) sorts before %d (%s)", a.ID, a.Date, b.ID, b.Date)
		}
	}
	// A negative offset counts as none.
	cases := []struct{ limit, offset, want int }{{3, 0, 3}, {3, 10, len(rs) - 10}, {0, 5, len(rs) - 5}, {0, 100, 0}, {100, 0, len(rs)}, {3, -2, 3}}
	for _, c := range cases {
		got, err := s.Relations(ctx, axis.RelationFilter{Limit: c.limit, Offset: c.offset})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != c.want {
			t.Errorf("limit %d offset %d: %d relations, want %d", c.limit, c.offset, len(got), c.want)
			continue
		}
		for i := range got {
			if got[i].ID != rs[max(c.offset, 0)+i].ID {
				t.Errorf("limit %d offset %d: item %d is %d, want %d", c.limit, c.offset, i, got[i].ID, rs[max(c.offset, 0)+i].ID)
			}
		}
	}
}

func testEachStops(t *testing.T, s axis.Store) {
	filterFixture(t, s)
	stop := errors.New("stop")
	n := 0
	err := s.EachRelation(ctx, axis.RelationFilter{WithEvidence: true}, func(r *axis.Relation) error {
		n++
		if len(r.Evidence) == 0 {
			t.Errorf("relation %d streamed without evidence", r.ID)
		}
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("EachRelation returned %v after %d calls; want the callback's error after 3", err, n)
	}
}

func testSearch(t *testing.T, s axis.Store) {
	seedActors(t, s)
	putAll(t, s,
		rel("PRK", "RUS", axis.Arms, "artillery_ammunition", "2024-06", ev("d1", "North Korea shipped artillery shells to Russia by rail.")),
		rel("PRK", "RUS", axis.Arms, "artillery_systems", "2024-11", ev("d2", "Self-propelled artillery guns were seen in Kursk.")),
		rel("IRN", "RUS", axis.Arms, "drones", "2022-09", ev("d3", "Iran delivered Shahed drones to Russia.")),
	)
	cases := []struct {
		query string
		want  []string // document IDs, any order
	}{
		{"artillery", []string{"d1", "d2"}},
		{"ARTILLERY shells", []string{"d1"}},
		{"drones", []string{"d3"}},
		{"Russia", []string{"d1", "d3"}},
		{"submarine", nil},
	}
	for _, c := range cases {
		hits, err := s.Search(ctx, c.query, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", c.query, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Evidence.DocumentID)
			if h.Relation.ID != h.Evidence.RelationID || h.Relation.Source == "" {
				t.Errorf("Search(%q): hit relation %+v does not match evidence relation %d", c.query, h.Relation, h.Evidence.RelationID)
			}
			if h.Snippet == "" {
				t.Errorf("Search(%q): empty snippet", c.query)
			}
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
		}
	}
	if hits, err := s.Search(ctx, "Russia", 1); err != nil || len(hits) != 1 {
		t.Errorf("Search with limit 1: %d hits, %v", len(hits), err)
	}
	if _, err := s.Search(ctx, "  ", 10); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("empty search: %v, want EINVALID", err)
	}
}

func testUnknownActor(t *testing.T, s axis.Store) {
	seedActors(t, s)
	for _, c := range []struct {
		r       *axis.Relation
		code    string
		closest []string
	}{
		{rel("RUSS", "PRK", axis.Arms, "", "2024"), "RUSS", []string{"RUS"}},
		{rel("PRK", "IRQ", axis.Arms, "", "2024"), "IRQ", []string{"IRN"}},
	} {
		_, err := s.Write(ctx, func(w axis.Writer) error {
			_, err := w.PutRelation(c.r)
			return err
		})
		if axis.ErrorCode(err) != axis.EINVALID {
			t.Fatalf("error %v: want EINVALID", err)
		}
		msg := err.Error()
		if !strings.Contains(msg, c.code) {
			t.Errorf("error %q does not name %s", msg, c.code)
		}
		_, list, _ := strings.Cut(msg, "closest known: ")
		got := strings.Split(list, ", ")
		if len(got) != 3 {
			t.Errorf("error %q: want 3 closest codes, got %v", msg, got)
		}
		for _, want := range c.closest {
			if len(got) == 0 || got[0] != want {
				t.Errorf("error %q: closest should start with %s", msg, want)
			}
		}
		for _, g := range got {
			if _, err := s.Actor(ctx, g); err != nil {
				t.Errorf("suggested code %q is not a known actor: %v", g, err)
			}
		}
	}
}

func testInvalid(t *testing.T, s axis.Store) {
	seedActors(t, s)
	cases := []struct {
		name  string
		r     *axis.Relation
		field string
		has   string
	}{
		{"kind", rel("PRK", "RUS", "gifts", "", "2024"), "kind", "arms"},
		{"item", rel("PRK", "RUS", axis.Arms, "spoons", "2024"), "item", "drones"},
		{"self", rel("RUS", "RUS", axis.Arms, "", "2024"), "target", "RUS"},
		{"status", &axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.Arms, Status: "rumoured"}, "status", "confirmed"},
	}
	for _, c := range cases {
		_, err := s.Write(ctx, func(w axis.Writer) error {
			_, err := w.PutRelation(c.r)
			return err
		})
		var e *axis.Error
		if !errors.As(err, &e) || e.Code != axis.EINVALID || e.Field != c.field || !strings.Contains(e.Message, c.has) {
			t.Errorf("%s: error %v; want EINVALID on field %s listing %s", c.name, err, c.field, c.has)
		}
	}
	if n := stats(t, s).Relations; n != 0 {
		t.Errorf("%d relations stored after invalid writes", n)
	}
}

func testCommitment(t *testing.T, s axis.Store) {
	seedActors(t, s)
	c := &axis.Commitment{
		Signed:  axis.MustParseDate("2024-06-19"),
		InForce: axis.MustParseDate("2024-12"),
		Ended:   axis.MustParseDate("2030"),
		Title:   "Treaty on Comprehensive Strategic Partnership",
		Article: "4",
		Conditions: axis.Conditions{
			Adversaries:    []string{"USA", "UKR"},
			Theaters:       []string{"europe", "east_asia"},
			Conflict:       "armed attack on either party",
			NonProvocation: true,
			Note:           "assistance under Article 51 of the UN Charter",
		},
	}
	r := &axis.Relation{Source: "RUS", Target: "PRK", Kind: axis.DefensePact, Date: axis.MustParseDate("2024-06-19"),
		Until: axis.MustParseDate("2030"), GroupID: "g-1", Commitment: c, Evidence: []axis.Evidence{ev("d1", "Both parties pledged mutual assistance.")}}
	putAll(t, s, r)
	got, err := s.Relation(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != "PRK" || got.Target != "RUS" {
		t.Errorf("defense pact stored as %s->%s, want PRK->RUS (symmetric, ordered)", got.Source, got.Target)
	}
	if !reflect.DeepEqual(got.Commitment, c) {
		t.Errorf("commitment round-trip:\ngot  %+v\nwant %+v", got.Commitment, c)
	}
	if got.Until.String() != "2030" || got.GroupID != "g-1" {
		t.Errorf("until %s group %q, want 2030 and g-1", got.Until, got.GroupID)
	}
}

func testAttrs(t *testing.T, s axis.Store) {
	seedActors(t, s)
	attrs := map[string]string{"cameo": "072", "goldstein": "-2.0", "mentions": "14", "quote": `he said "yes", then: no`}
	e := axis.Evidence{DocumentID: "gdelt-1", Source: "GDELT events 2024-06-19, row 17", URL: "https://example.org/a?b=1",
		Published: axis.MustParseDate("2024-06-19"), Sentence: "PRK ships arms to RUS", Start: 12, End: 40,
		Method: "import:gdelt", Confidence: 0.42, Status: axis.Reported, Attrs: attrs}
	r := rel("PRK", "RUS", axis.Arms, "", "2024-06", e)
	r.Events = 7
	putAll(t, s, r)
	evs, err := s.Evidence(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("%d evidence, want 1", len(evs))
	}
	got := evs[0]
	want := e
	want.ID, want.RelationID = got.ID, r.ID
	if !reflect.DeepEqual(got, want) {
		t.Errorf("evidence round-trip:\ngot  %+v\nwant %+v", got, want)
	}
	stored, _ := s.Relation(ctx, r.ID)
	if stored.Events != 7 || stored.Status != axis.Confirmed {
		t.Errorf("events %d status %s; want 7 events as imported, relation status confirmed", stored.Events, stored.Status)
	}
}

func testDates(t *testing.T, s axis.Store) {
	seedActors(t, s)
	dates := []string{"2024", "2024-06", "2024-06-19", ""}
	kinds := []axis.Kind{axis.Visit, axis.Condemn, axis.Threaten, axis.Incursion}
	var rels []*axis.Relation
	for i, d := range dates {
		r := rel("CHN", "JPN", kinds[i], "", d, axis.Evidence{DocumentID: "d", Sentence: "s " + d, Method: "manual", Published: axis.MustParseDate(d)})
		r.Until = axis.MustParseDate(map[string]string{"2024": "2025", "2024-06": "2024-07", "2024-06-19": "2024-06-20"}[d])
		rels = append(rels, r)
	}
	putAll(t, s, rels...)
	for i, d := range dates {
		got, err := s.Relation(ctx, rels[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Date.String() != d || got.Date != axis.MustParseDate(d) || got.Date.Precision() != axis.MustParseDate(d).Precision() {
			t.Errorf("date %q came back as %q (%v)", d, got.Date, got.Date.Precision())
		}
		if got.Until != rels[i].Until {
			t.Errorf("until %q came back as %q", rels[i].Until, got.Until)
		}
		if got.Evidence[0].Published.String() != d {
			t.Errorf("published %q came back as %q", d, got.Evidence[0].Published)
		}
	}
}

func testDocuments(t *testing.T, s axis.Store) {
	d := &axis.Document{ID: axis.HashContent([]byte("hello")), Title: "Hello", Publisher: "Reuters", URL: "https://example.org/x",
		Path: "/tmp/x.txt", Published: axis.MustParseDate("2024-06"), Kind: axis.DocArticle}
	var first, second bool
	write(t, s, func(w axis.Writer) error {
		var err error
		if first, err = w.PutDocument(d); err != nil {
			return err
		}
		cp := *d
		cp.Title = "Changed"
		second, err = w.PutDocument(&cp)
		return err
	})
	if !first || second {
		t.Errorf("PutDocument = %v then %v, want true then false", first, second)
	}
	got, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Ingested.IsZero() || got.Title != "Hello" {
		t.Errorf("document = %+v, want the first title and an ingestion time", got)
	}
	want := *d
	want.Ingested = got.Ingested
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("document round-trip:\ngot  %+v\nwant %+v", *got, want)
	}
	_, err = s.Write(ctx, func(w axis.Writer) error {
		_, err := w.PutDocument(&axis.Document{ID: "short", Kind: axis.DocArticle})
		return err
	})
	if axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("bad document id: %v, want EINVALID", err)
	}
}

func testActors(t *testing.T, s axis.Store) {
	seedActors(t, s)
	putin := &axis.Actor{Code: "PUTIN", Name: "Vladimir Putin", Kind: axis.ActorPerson, Country: "RUS",
		Aliases: []string{"Vladimir Vladimirovich", "Путин"}, Theaters: []string{"europe"},
		Terms: []axis.Term{{Role: "head_of_state", Country: "RUS", Start: axis.MustParseDate("2012-05-07")}}}
	write(t, s, func(w axis.Writer) error { return w.PutActor(putin) })
	got, err := s.Actor(ctx, "putin")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, putin) {
		t.Errorf("actor round-trip:\ngot  %+v\nwant %+v", got, putin)
	}
	// Putting again updates.
	upd := *putin
	upd.Name = "V. Putin"
	write(t, s, func(w axis.Writer) error { return w.PutActor(&upd) })
	if got, _ := s.Actor(ctx, "PUTIN"); got == nil || got.Name != "V. Putin" {
		t.Errorf("actor after update = %+v", got)
	}
	cases := []struct {
		f    axis.ActorFilter
		want string
	}{
		{axis.ActorFilter{}, "BLR,CHN,IRN,JPN,NATO,PRK,PUTIN,RUS,UKR,USA"},
		{axis.ActorFilter{Search: "путин"}, "PUTIN"},
		{axis.ActorFilter{Search: "vladimirovich"}, "PUTIN"},
		{axis.ActorFilter{Search: "actor r"}, "RUS"},
		{axis.ActorFilter{Kinds: []axis.ActorKind{axis.ActorOrganization, axis.ActorPerson}}, "NATO,PUTIN"},
		{axis.ActorFilter{Limit: 2, Offset: 1}, "CHN,IRN"},
		{axis.ActorFilter{Offset: 50}, ""},
	}
	for _, c := range cases {
		as, err := s.Actors(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range as {
			got = append(got, a.Code)
		}
		if strings.Join(got, ",") != c.want {
			t.Errorf("Actors(%+v) = %v, want %s", c.f, got, c.want)
		}
	}
	err = func() error {
		_, err := s.Write(ctx, func(w axis.Writer) error {
			return w.PutActor(&axis.Actor{Code: "x", Name: "x", Kind: axis.ActorState})
		})
		return err
	}()
	if axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("bad actor code: %v, want EINVALID", err)
	}
}

func testNotFound(t *testing.T, s axis.Store) {
	seedActors(t, s)
	if _, err := s.Actor(ctx, "RUSX"); axis.ErrorCode(err) != axis.ENOTFOUND || !strings.Contains(err.Error(), "RUS") {
		t.Errorf("Actor(RUSX): %v; want ENOTFOUND suggesting RUS", err)
	}
	if _, err := s.Relation(ctx, 4242); axis.ErrorCode(err) != axis.ENOTFOUND {
		t.Errorf("Relation(4242): %v, want ENOTFOUND", err)
	}
	if _, err := s.Evidence(ctx, 4242); axis.ErrorCode(err) != axis.ENOTFOUND {
		t.Errorf("Evidence(4242): %v, want ENOTFOUND", err)
	}
	if _, err := s.Document(ctx, strings.Repeat("0", 64)); axis.ErrorCode(err) != axis.ENOTFOUND {
		t.Errorf("Document: %v, want ENOTFOUND", err)
	}
	r := &axis.Relation{Source: "USA", Target: "UKR", Kind: axis.Finance, Item: "credit"}
	putAll(t, s, r)
	if evs, err := s.Evidence(ctx, r.ID); err != nil || len(evs) != 0 {
		t.Errorf("Evidence of a relation without evidence = %v, %v; want none, no error", evs, err)
	}
}

func testStats(t *testing.T, s axis.Store) {
	filterFixture(t, s)
	st := stats(t, s)
	if st.Actors != len(codes) || st.Relations != 12 || st.Evidence != 12 {
		t.Errorf("stats = %+v; want %d actors, 12 relations, 12 evidence", st, len(codes))
	}
	wantFamily := map[string]int{"commitment": 3, "transfer": 5, "cooperation": 2, "hostility": 2}
	if !reflect.DeepEqual(st.ByFamily, wantFamily) {
		t.Errorf("by family = %v, want %v", st.ByFamily, wantFamily)
	}
	if st.ByKind["arms"] != 3 || st.ByKind["sanction"] != 1 || len(st.ByKind) != 10 {
		t.Errorf("by kind = %v", st.ByKind)
	}
	wantStatus := map[string]int{"confirmed": 10, "reported": 1, "alleged": 1}
	if !reflect.DeepEqual(st.ByStatus, wantStatus) {
		t.Errorf("by status = %v, want %v", st.ByStatus, wantStatus)
	}
}
