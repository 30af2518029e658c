package analysis

import (
	"testing"

	"axis"
)

func TestCohesionShapes(t *testing.T) {
	four := []string{"AAA", "BBB", "CCC", "DDD"}
	var clique, star, bilateral []rel
	for i, a := range four {
		for _, b := range four[i+1:] {
			clique = append(clique, rel{src: a, tgt: b, kind: axis.JointExercise, item: "naval", date: "2024-01", group: "drill-1"})
		}
	}
	for _, b := range four[1:] {
		star = append(star, rel{src: b, tgt: "AAA", kind: axis.Arms, item: "drones", date: "2024-01"})
	}
	bilateral = append(bilateral,
		rel{src: "AAA", tgt: "BBB", kind: axis.Trade, date: "2024-01"},
		rel{src: "CCC", tgt: "DDD", kind: axis.Trade, date: "2024-01"},
		rel{src: "BBB", tgt: "CCC", kind: axis.Trade, date: "2024-01"},
		rel{src: "DDD", tgt: "AAA", kind: axis.Trade, date: "2024-01"},
	)
	cases := []struct {
		name           string
		rels           []rel
		density, centr float64
		closure        float64
		multi, bi      int
		shape, hub     string
	}{
		{"clique", clique, 1, 0, 1, 1, 0, "bloc", "AAA"},
		{"star", star, 0.5, 1, 0, 0, 3, "hub_and_spoke", "AAA"},
		{"ring", bilateral, 4.0 / 6, 0, 0, 0, 4, "bilateral", "AAA"},
		{"empty", nil, 0, 0, 0, 0, 0, "unconnected", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, four, tc.rels)
			got, err := Cohesion(ctx, s, flat(), four, Window{})
			if err != nil {
				t.Fatal(err)
			}
			if !near(got.Density, tc.density) || !near(got.Centralization, tc.centr) || !near(got.WeightedCentralization, tc.centr) || !near(got.TriadicClosure, tc.closure) {
				t.Errorf("density %v centralization %v/%v closure %v; want %v %v %v", got.Density, got.Centralization, got.WeightedCentralization, got.TriadicClosure, tc.density, tc.centr, tc.closure)
			}
			if got.Multilateral != tc.multi || got.Bilateral != tc.bi {
				t.Errorf("events multi %d bi %d, want %d %d", got.Multilateral, got.Bilateral, tc.multi, tc.bi)
			}
			if got.Shape != tc.shape || got.Hub != tc.hub {
				t.Errorf("shape %q hub %q, want %q %q; verdict: %s", got.Shape, got.Hub, tc.shape, tc.hub, got.Verdict)
			}
			if got.Verdict == "" || len(got.Pairs) != 6 || len(got.Matrix) != 4 {
				t.Errorf("verdict %q pairs %d matrix %d", got.Verdict, len(got.Pairs), len(got.Matrix))
			}
		})
	}
}

func TestCohesionHostilityAndMatrix(t *testing.T) {
	s := newStore(t, []string{"AAA", "BBB", "CCC"}, []rel{
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "drones", date: "2024-01"},
		{src: "BBB", tgt: "AAA", kind: axis.Energy, item: "oil", date: "2024-02"},
		{src: "AAA", tgt: "CCC", kind: axis.Sanction, date: "2024-03"},
	})
	got, err := Cohesion(ctx, s, flat(), []string{"AAA", "BBB", "CCC"}, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Matrix[0][1] != 2 || got.Matrix[1][0] != 2 || got.Matrix[0][2] != -1 || got.Matrix[1][2] != 0 {
		t.Errorf("matrix %v", got.Matrix)
	}
	if got.Density != 1.0/3 {
		t.Errorf("density %v", got.Density)
	}
	if _, err := Cohesion(ctx, s, nil, []string{"AAA"}, Window{}); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("one actor: %v", err)
	}
	if _, err := Cohesion(ctx, s, nil, []string{"AAA", "AAA"}, Window{}); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("duplicate actor: %v", err)
	}
}

func TestFreemanAndTransitivity(t *testing.T) {
	if c := freeman([]float64{4, 1, 1, 1, 1}); !near(c, 1) {
		t.Errorf("star of 5: %v", c)
	}
	if c := freeman([]float64{2, 2, 2}); c != 0 {
		t.Errorf("triangle: %v", c)
	}
	if c := freeman([]float64{1, 1}); c != 0 {
		t.Errorf("pair: %v", c)
	}
	tri := [][]bool{{false, true, true}, {true, false, true}, {true, true, false}}
	if v := transitivity(tri); v != 1 {
		t.Errorf("triangle transitivity %v", v)
	}
	path := [][]bool{{false, true, false}, {true, false, true}, {false, true, false}}
	if v := transitivity(path); v != 0 {
		t.Errorf("path transitivity %v", v)
	}
}
