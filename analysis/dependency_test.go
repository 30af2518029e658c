package analysis

import (
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
