package analysis

import (
	"testing"

	"axis"
)

func TestLedgerHandCounted(t *testing.T) {
	s := newStore(t, []string{"AAA", "BBB", "CCC"}, []rel{
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "artillery_ammunition", date: "2023-08", qty: &axis.Quantity{Value: 1000, Unit: "shells", Bound: "over"}},
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "artillery_ammunition", date: "2024-02", status: axis.Reported, qty: &axis.Quantity{Value: 500, Unit: "shells"}},
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "artillery_ammunition", date: "2024-05", status: axis.Alleged, qty: &axis.Quantity{Value: 20, Unit: "containers"}},
		{src: "AAA", tgt: "BBB", kind: axis.Troops, item: "combat_troops", date: "2024-10"},
		{src: "AAA", tgt: "CCC", kind: axis.Arms, item: "drones", date: "2024-10"}, // other dyad: excluded
		{src: "AAA", tgt: "BBB", kind: axis.DefensePact, date: "2024-06-19"},
		{src: "BBB", tgt: "AAA", kind: axis.JointExercise, item: "naval", date: "2024-09"},
	})
	got, err := Ledger(ctx, s, flat(), "aaa", "BBB", Window{})
	if err != nil {
		t.Fatal(err)
	}
	if got.A != "AAA" || got.B != "BBB" {
		t.Fatalf("codes: %s %s", got.A, got.B)
	}
	if len(got.AtoB.Lines) != 2 || got.AtoB.Empty {
		t.Fatalf("A->B lines: %+v", got.AtoB.Lines)
	}
	var ammo *LedgerLine
	for i := range got.AtoB.Lines {
		if got.AtoB.Lines[i].Item == "artillery_ammunition" {
			ammo = &got.AtoB.Lines[i]
		}
	}
	if ammo == nil {
		t.Fatal("no ammunition line")
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"relations", ammo.Relations, 3},
		{"events", ammo.Events, 3},
		{"evidence", ammo.Evidence, 3},
		{"first", ammo.First.String(), "2023-08"},
		{"last", ammo.Last.String(), "2024-05"},
		{"confirmed", ammo.Statuses[axis.Confirmed], 1},
		{"reported", ammo.Statuses[axis.Reported], 1},
		{"alleged", ammo.Statuses[axis.Alleged], 1},
		{"units", len(ammo.Quantities), 2},
		{"containers", ammo.Quantities[0], QuantitySum{Unit: "containers", Value: 20, N: 1}},
		{"shells", ammo.Quantities[1], QuantitySum{Unit: "shells", Value: 1500, Bound: "over", N: 2}},
		{"score", ammo.Score, 3.0},
		{"b->a empty", got.BtoA.Empty, true},
		{"b->a note", got.BtoA.Note, NothingRecorded},
		{"mutual", len(got.Mutual.Lines), 1},
		{"commitments", len(got.Commitments), 1},
		{"treaty", got.Commitments[0].Title, "Treaty AAA-BBB"},
		{"balance", got.Balance, 4.0},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestLedgerWindowAndErrors(t *testing.T) {
	s := newStore(t, []string{"AAA", "BBB"}, []rel{
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "drones", date: "2022-03"},
		{src: "BBB", tgt: "AAA", kind: axis.Energy, item: "oil", date: "2024-03"},
		{src: "AAA", tgt: "BBB", kind: axis.StrategicPartnership, date: "2001-07"},
	})
	got, err := Ledger(ctx, s, flat(), "AAA", "BBB", Window{Since: axis.MustParseDate("2023")})
	if err != nil {
		t.Fatal(err)
	}
	if !got.AtoB.Empty || got.BtoA.Empty || len(got.Commitments) != 1 {
		t.Errorf("since 2023: a->b empty %v, b->a empty %v, commitments %d", got.AtoB.Empty, got.BtoA.Empty, len(got.Commitments))
	}
	cases := []struct {
		name string
		a, b string
		win  Window
		code string
	}{
		{"unknown actor", "AAA", "ZZZ", Window{}, axis.ENOTFOUND},
		{"same actor", "AAA", "AAA", Window{}, axis.EINVALID},
		{"until before since", "AAA", "BBB", Window{Since: axis.MustParseDate("2024"), Until: axis.MustParseDate("2023")}, axis.EINVALID},
	}
	for _, tc := range cases {
		_, err := Ledger(ctx, s, nil, tc.a, tc.b, tc.win)
		if axis.ErrorCode(err) != tc.code {
			t.Errorf("%s: got %v (%s), want code %s", tc.name, err, axis.ErrorCode(err), tc.code)
		}
	}
}

// Running totals restated over time must not be added to each other.
func TestLedgerKeepsLatestRunningTotal(t *testing.T) {
	s := newStore(t, []string{"AAA", "BBB"}, []rel{
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "artillery_ammunition", date: "2023-08", qty: &axis.Quantity{Value: 1000, Unit: "shells", Cumulative: true}},
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "artillery_ammunition", date: "2024-08", qty: &axis.Quantity{Value: 3000, Unit: "shells", Bound: "over", Cumulative: true}},
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "artillery_ammunition", date: "2024-11", qty: &axis.Quantity{Value: 200, Unit: "shells"}},
	})
	got, err := Ledger(ctx, s, flat(), "AAA", "BBB", Window{})
	if err != nil {
		t.Fatal(err)
	}
	q := got.AtoB.Lines[0].Quantities
	want := QuantitySum{Unit: "shells", Value: 3200, Bound: "over", N: 3, Cumulative: true}
	if len(q) != 1 || q[0] != want {
		t.Fatalf("quantities = %+v, want %+v", q, want)
	}
}
