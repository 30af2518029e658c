package analysis

import (
	"reflect"
	"testing"

	"axis"
)

func TestDependencyShares(t *testing.T) {
	s := newStore(t, []string{"RUS", "PRK", "IRN", "CHN", "BLR"}, []rel{
		{src: "PRK", tgt: "RUS", kind: axis.Arms, item: "artillery_ammunition", date: "2023-09"},
		{src: "PRK", tgt: "RUS", kind: axis.Arms, item: "artillery_ammunition", date: "2024-01"},
		{src: "PRK", tgt: "RUS", kind: axis.Arms, item: "artillery_ammunition", date: "2024-03"},
		{src: "BLR", tgt: "RUS", kind: axis.Arms, item: "artillery_ammunition", date: "2024-03"},
		{src: "IRN", tgt: "RUS", kind: axis.Arms, item: "drones", date: "2022-09"},
		{src: "RUS", tgt: "PRK", kind: axis.Energy, item: "oil", date: "2024-03"},
		{src: "CHN", tgt: "PRK", kind: axis.Energy, item: "oil", date: "2024-03"},
		{src: "CHN", tgt: "PRK", kind: axis.Energy, item: "oil", date: "2024-04"},
		{src: "CHN", tgt: "PRK", kind: axis.Energy, item: "oil", date: "2024-05"},
		{src: "RUS", tgt: "PRK", kind: axis.Visit, date: "2024-06"}, // not a transfer
	})
	got, err := Dependency(ctx, s, flat(), "RUS", "", Window{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Receives) != 2 || got.Receives[0].Item != "artillery_ammunition" {
		t.Fatalf("receives %+v", got.Receives)
	}
	ammo := got.Receives[0]
	if ammo.Relations != 4 || ammo.Partners[0].Actor != "PRK" || !near(ammo.Partners[0].Share, 0.75) || !near(ammo.Partners[1].Share, 0.25) {
		t.Errorf("ammunition %+v", ammo)
	}
	if len(got.Gives) != 1 || got.Gives[0].Partners[0].Actor != "PRK" || !near(got.Gives[0].Partners[0].Share, 0.25) {
		t.Errorf("gives %+v", got.Gives)
	}
	only, err := Dependency(ctx, s, flat(), "RUS", axis.Visit, Window{})
	if err != nil || len(only.Gives) != 1 || len(only.Receives) != 0 {
		t.Errorf("kind visit: %v %+v", err, only)
	}
	if _, err := Dependency(ctx, s, nil, "RUS", "gifts", Window{}); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("bad kind: %v", err)
	}
}

func TestGroupDependencyMatchesDependencyInsideTheGroup(t *testing.T) {
	s := newStore(t, []string{"RUS", "PRK", "IRN", "CHN", "IND"}, []rel{
		{src: "PRK", tgt: "RUS", kind: axis.Arms, item: "artillery_ammunition", date: "2023-09"},
		{src: "IRN", tgt: "RUS", kind: axis.Arms, item: "drones", date: "2022-09"},
		{src: "RUS", tgt: "PRK", kind: axis.Energy, item: "oil", date: "2024-03"},
		{src: "CHN", tgt: "PRK", kind: axis.Energy, item: "oil", date: "2024-03"},
		{src: "RUS", tgt: "IND", kind: axis.Energy, item: "oil", date: "2024-03"},
		{src: "RUS", tgt: "CHN", kind: axis.Energy, item: "oil", date: "2024-03"},
	})
	group := []string{"RUS", "PRK", "IRN"}
	got, err := GroupDependency(ctx, s, flat(), group, Window{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := DependencyMany(ctx, s, flat(), group, "", Window{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range group {
		g, f := got[i], full[i]
		if g.Scope != ScopeGroup || f.Scope != "" {
			t.Errorf("scopes %q %q", g.Scope, f.Scope)
		}
		if !reflect.DeepEqual(g.Receives, f.Receives) {
			t.Errorf("%s receives differ:\n%+v\n%+v", group[i], g.Receives, f.Receives)
		}
	}
	// RUS gives oil to PRK (in the group: 50% of PRK's oil), IND and CHN (outside: left out).
	rus := got[0]
	if len(rus.Gives) != 1 || len(rus.Gives[0].Partners) != 1 || rus.Gives[0].Partners[0].Actor != "PRK" || !near(rus.Gives[0].Partners[0].Share, 0.5) {
		t.Errorf("RUS gives %+v", rus.Gives)
	}
	if len(full[0].Gives[0].Partners) != 3 {
		t.Errorf("full RUS gives %+v", full[0].Gives)
	}
}
