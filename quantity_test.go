package axis_test

import (
	"testing"

	"axis"
)

func TestQuantityTally(t *testing.T) {
	d := axis.MustParseDate
	shells := func(v float64, bound string, cum bool) axis.Quantity {
		return axis.Quantity{Value: v, Unit: "shells", Bound: bound, Cumulative: cum}
	}
	tests := []struct {
		name  string
		add   func(*axis.QuantityTally)
		value float64
		bound string
		cum   bool
	}{
		{"deliveries add up", func(t *axis.QuantityTally) {
			t.Add(shells(100, "", false), d("2024-01"))
			t.Add(shells(50, "about", false), d("2024-03"))
		}, 150, "about", false},
		{"running totals do not add up", func(t *axis.QuantityTally) {
			t.Add(shells(6e6, "over", true), d("2024-08"))
			t.Add(shells(3e6, "about", true), d("2024-02"))
			t.Add(shells(12e6, "over", true), d("2025"))
		}, 12e6, "over", true},
		{"a delivery after the latest total adds to it", func(t *axis.QuantityTally) {
			t.Add(shells(1000, "", false), d("2023-05"))
			t.Add(shells(6e6, "", true), d("2024-08"))
			t.Add(shells(500, "", false), d("2024-10"))
			t.Add(shells(7, "", false), axis.Date{})
		}, 6e6 + 500, "", true},
	}
	for _, tt := range tests {
		var tally axis.QuantityTally
		tt.add(&tally)
		got := tally.Total()
		if got.Value != tt.value || got.Bound != tt.bound || got.Cumulative != tt.cum || got.Unit != "shells" {
			t.Errorf("%s: Total = %+v, want %v %q cumulative=%v", tt.name, got, tt.value, tt.bound, tt.cum)
		}
	}
}
