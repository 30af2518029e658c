package analysis

import (
	"testing"

	"axis"
)

func TestTrendPeriods(t *testing.T) {
	s := newStore(t, []string{"AAA", "BBB"}, []rel{
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "drones", date: "2023-11-05"},
		{src: "AAA", tgt: "BBB", kind: axis.Arms, item: "drones", date: "2024-02", events: 3},
		{src: "BBB", tgt: "AAA", kind: axis.Sanction, date: "2024-03-10"},
		{src: "AAA", tgt: "BBB", kind: axis.Visit, date: "2024"}, // year only
		{src: "AAA", tgt: "BBB", kind: axis.Condemn, date: ""},   // undated
	})
	cases := []struct {
		by      string
		periods []string
		undated int
	}{
		{ByMonth, []string{"2023-11", "2023-12", "2024-01", "2024-02", "2024-03"}, 2},
		{ByQuarter, []string{"2023-Q4", "2024-Q1"}, 2},
		{ByYear, []string{"2023", "2024"}, 1},
	}
	for _, tc := range cases {
		got, err := Trend(ctx, s, flat(), "AAA", "BBB", tc.by, Window{})
		if err != nil {
			t.Fatal(err)
		}
		var periods []string
		for _, p := range got.Points {
			periods = append(periods, p.Period)
		}
		if len(periods) != len(tc.periods) || got.Undated != tc.undated {
			t.Fatalf("%s: periods %v undated %d, want %v %d", tc.by, periods, got.Undated, tc.periods, tc.undated)
		}
		for i := range periods {
			if periods[i] != tc.periods[i] {
				t.Errorf("%s: period %d = %s, want %s", tc.by, i, periods[i], tc.periods[i])
			}
		}
	}
	y, _ := Trend(ctx, s, flat(), "AAA", "BBB", ByYear, Window{})
	p := y.Points[1]
	// 2024: drones with 3 events (1+ln 3), visit 1, sanction -1; scores
	// are rounded to a millionth
	if p.Events != 5 || p.HostilityEvents != 1 || !near(p.Hostility, 1) || p.Cooperation != 3.098612 || p.Net != 2.098612 {
		t.Errorf("2024 point %+v", p)
	}
	if _, err := Trend(ctx, s, nil, "AAA", "BBB", "week", Window{}); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("bad period: %v", err)
	}
}
