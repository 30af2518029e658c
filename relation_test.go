package axis_test

import (
	"strings"
	"testing"

	"axis"
)

func validRelation() axis.Relation {
	return axis.Relation{Source: "prk", Target: "RUS", Kind: axis.Arms, Item: "artillery_ammunition", Date: axis.MustParseDate("2024-06-19"),
		Evidence: []axis.Evidence{{DocumentID: "d1", Sentence: "Pyongyang shipped shells to Moscow.", Method: "rule:transfer.ship", Confidence: 0.8}}}
}

func TestRelationValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*axis.Relation)
		field  string
		hint   string
	}{
		{"ok", func(*axis.Relation) {}, "", ""},
		{"unknown kind", func(r *axis.Relation) { r.Kind = "arms_sale" }, "kind", "defense_pact"},
		{"unknown item", func(r *axis.Relation) { r.Item = "tanks" }, "item", "armored_vehicles"},
		{"item on itemless kind", func(r *axis.Relation) { r.Kind, r.Item = axis.Visit, "x" }, "item", "takes no item"},
		{"same actor", func(r *axis.Relation) { r.Target = "PRK" }, "target", "two different"},
		{"bad status", func(r *axis.Relation) { r.Status = "rumoured" }, "status", "prospective"},
		{"until before date", func(r *axis.Relation) { r.Until = axis.MustParseDate("2020") }, "until", "before"},
		{"commitment on transfer", func(r *axis.Relation) { r.Commitment = &axis.Commitment{} }, "commitment", "not a commitment"},
		{"bad evidence method", func(r *axis.Relation) { r.Evidence[0].Method = "guess" }, "method", "rule:<id>"},
		{"bad confidence", func(r *axis.Relation) { r.Evidence[0].Confidence = 2 }, "confidence", "[0,1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRelation()
			tt.mutate(&r)
			r.Normalize()
			err := r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || axis.ErrorCode(err) != axis.EINVALID || !strings.Contains(err.Error(), tt.field) || !strings.Contains(err.Error(), tt.hint) {
				t.Fatalf("error = %v, want EINVALID on %s mentioning %q", err, tt.field, tt.hint)
			}
		})
	}
}

func TestNormalizeAndKey(t *testing.T) {
	a := axis.Relation{Source: "RUS", Target: "CHN", Kind: axis.JointExercise, Item: "naval", Date: axis.MustParseDate("2024-07-15")}
	b := axis.Relation{Source: "CHN", Target: "RUS", Kind: axis.JointExercise, Item: "naval", Date: axis.MustParseDate("2024-07")}
	a.Normalize()
	b.Normalize()
	if a.Key() != b.Key() || a.Source != "CHN" {
		t.Errorf("symmetric keys differ: %q vs %q", a.Key(), b.Key())
	}
	if a.Status != axis.Confirmed || a.Events != 1 {
		t.Errorf("defaults not set: %+v", a)
	}
	c := axis.Relation{Source: "RUS", Target: "PRK", Kind: axis.Arms, Date: axis.MustParseDate("2024-07")}
	d := axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.Arms, Date: axis.MustParseDate("2024-07")}
	c.Normalize()
	d.Normalize()
	if c.Key() == d.Key() {
		t.Error("directed kinds must keep direction in the key")
	}
	p1 := axis.Relation{Source: "RUS", Target: "PRK", Kind: axis.DefensePact, Date: axis.MustParseDate("2024-06-19")}
	p2 := axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.DefensePact, Date: axis.MustParseDate("2024")}
	p1.Normalize()
	p2.Normalize()
	if p1.Key() != p2.Key() {
		t.Error("commitments of a pair and kind share a key whatever their date")
	}
}

func TestFilterMatch(t *testing.T) {
	r := validRelation()
	r.Normalize()
	pact := axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.DefensePact, Commitment: &axis.Commitment{Signed: axis.MustParseDate("2024-06-19"), InForce: axis.MustParseDate("2024-12-04")}}
	tests := []struct {
		name string
		f    axis.RelationFilter
		rel  *axis.Relation
		want bool
	}{
		{"between reversed", axis.RelationFilter{Between: [2]string{"RUS", "PRK"}}, &r, true},
		{"between other", axis.RelationFilter{Between: [2]string{"RUS", "CHN"}}, &r, false},
		{"actor", axis.RelationFilter{Actor: "RUS"}, &r, true},
		{"actors set", axis.RelationFilter{Actors: []string{"RUS", "CHN"}}, &r, false},
		{"family", axis.RelationFilter{Families: []axis.Family{axis.FamilyTransfer}}, &r, true},
		{"kind", axis.RelationFilter{Kinds: []axis.Kind{axis.Troops}}, &r, false},
		{"since same month", axis.RelationFilter{Since: axis.MustParseDate("2024-06")}, &r, true},
		{"since later", axis.RelationFilter{Since: axis.MustParseDate("2024-07")}, &r, false},
		{"until earlier", axis.RelationFilter{Until: axis.MustParseDate("2024-05")}, &r, false},
		{"until year", axis.RelationFilter{Until: axis.MustParseDate("2024")}, &r, true},
		{"pact at before force", axis.RelationFilter{At: axis.MustParseDate("2024-09")}, &pact, false},
		{"pact at after force", axis.RelationFilter{At: axis.MustParseDate("2025")}, &pact, true},
		{"status", axis.RelationFilter{Statuses: []axis.Status{axis.Denied}}, &r, false},
	}
	for _, tt := range tests {
		if got := tt.f.Match(tt.rel); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOntologyIsComplete(t *testing.T) {
	families := map[axis.Family]int{}
	for _, k := range axis.Ontology {
		families[k.Family]++
		if k.Description == "" || (k.Family != axis.FamilyCommitment && k.CAMEO == "") {
			t.Errorf("%s lacks a description or CAMEO code", k.Kind)
		}
	}
	want := map[axis.Family]int{axis.FamilyCommitment: 8, axis.FamilyTransfer: 9, axis.FamilyCooperation: 4, axis.FamilyHostility: 5}
	for f, n := range want {
		if families[f] != n {
			t.Errorf("family %s has %d kinds, want %d", f, families[f], n)
		}
	}
	if !axis.DefensePact.Symmetric() || axis.SecurityGuarantee.Symmetric() || !axis.Arms.HasItem("drones") || axis.Arms.HasItem("oil") {
		t.Error("ontology properties wrong")
	}
	if got := axis.Confirmed.Stronger(axis.Denied); got != axis.Confirmed {
		t.Errorf("Stronger = %s", got)
	}
	if got := axis.Negated.Stronger(axis.Alleged); got != axis.Alleged {
		t.Errorf("Stronger = %s", got)
	}
	if got := axis.Closest("RUSS", []string{"PRK", "RUS", "USA", "BLR"}, 2); got[0] != "RUS" {
		t.Errorf("Closest = %v", got)
	}
}
