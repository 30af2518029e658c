package analysis_test

import (
	"bytes"
	"context"
	"testing"

	"axis"
	"axis/analysis"
	"axis/baseline"
	"axis/facts"
	"axis/gazetteer"
	"axis/inmem"
)

// baselineStore loads the gazetteer and the bundled baseline into memory.
func baselineStore(t *testing.T) *inmem.Store {
	t.Helper()
	ctx := context.Background()
	s := inmem.New()
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, a := range gazetteer.Actors() {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := facts.Load(ctx, s, bytes.NewReader(baseline.Facts), baseline.Name); err != nil {
		t.Fatal(err)
	}
	return s
}

// Fixed reference date so the figures do not drift with the clock.
var baseWin = analysis.Window{Until: axis.MustParseDate("2025-12-31")}

func TestBaselineRussiaIsTheHub(t *testing.T) {
	s := baselineStore(t)
	c, err := analysis.Cohesion(context.Background(), s, nil, []string{"RUS", "CHN", "PRK", "IRN"}, baseWin)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hub != "RUS" {
		t.Errorf("hub %q, want RUS (strengths %v)", c.Hub, c.Strength)
	}
	if c.Shape != "hub_and_spoke" {
		t.Errorf("shape %q, want hub_and_spoke: %s", c.Shape, c.Verdict)
	}
	if c.WeightedCentralization < 0.5 {
		t.Errorf("weighted centralisation %.2f, want >= 0.5", c.WeightedCentralization)
	}
}

func TestBaselineQuidProQuo(t *testing.T) {
	s := baselineStore(t)
	l, err := analysis.Ledger(context.Background(), s, nil, "PRK", "RUS", baseWin)
	if err != nil {
		t.Fatal(err)
	}
	has := func(f analysis.Flow, kind axis.Kind, item string) bool {
		for _, x := range f.Lines {
			if x.Kind == kind && (item == "" || x.Item == item) {
				return true
			}
		}
		return false
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"PRK->RUS artillery ammunition", has(l.AtoB, axis.Arms, "artillery_ammunition")},
		{"PRK->RUS ballistic missiles", has(l.AtoB, axis.Arms, "ballistic_missiles")},
		{"PRK->RUS troops", has(l.AtoB, axis.Troops, "combat_troops")},
		{"RUS->PRK returns recorded", !l.BtoA.Empty},
		{"RUS->PRK oil or technology", has(l.BtoA, axis.Energy, "") || has(l.BtoA, axis.Technology, "")},
		{"2024 treaty", len(l.Commitments) > 0},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: missing (a->b %d lines, b->a %d lines)", c.name, len(l.AtoB.Lines), len(l.BtoA.Lines))
		}
	}
	var pact bool
	for _, c := range l.Commitments {
		pact = pact || (c.Kind == axis.DefensePact && c.Signed.Year == 2024)
	}
	if !pact {
		t.Errorf("no 2024 defense pact among %+v", l.Commitments)
	}
}

func TestBaselineDependencyAndCentrality(t *testing.T) {
	ctx := context.Background()
	s := baselineStore(t)
	d, err := analysis.Dependency(ctx, s, nil, "RUS", axis.Arms, baseWin)
	if err != nil {
		t.Fatal(err)
	}
	suppliers := map[string]bool{}
	for _, sp := range d.Receives {
		for _, p := range sp.Partners {
			suppliers[p.Actor] = true
		}
	}
	for _, want := range []string{"PRK", "IRN"} {
		if !suppliers[want] {
			t.Errorf("RUS arms suppliers %v lack %s", suppliers, want)
		}
	}
	c, err := analysis.Centrality(ctx, s, nil, axis.FamilyTransfer, baseWin)
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]bool{}
	for _, a := range c.Actors[:min(3, len(c.Actors))] {
		top[a.Actor] = true
	}
	if !top["RUS"] {
		t.Errorf("RUS not in the top 3 of the transfer graph: %+v", c.Actors[:3])
	}
	b, err := analysis.Blocs(ctx, s, nil, baseWin)
	if err != nil {
		t.Fatal(err)
	}
	side := map[string]int{}
	for _, bl := range b.Blocs {
		for _, m := range bl.Members {
			side[m] = bl.ID
		}
	}
	if side["RUS"] != side["PRK"] || side["RUS"] == side["USA"] || side["USA"] != side["JPN"] {
		t.Errorf("blocs: RUS %d PRK %d USA %d JPN %d", side["RUS"], side["PRK"], side["USA"], side["JPN"])
	}
}
