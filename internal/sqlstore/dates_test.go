package sqlstore

import (
	"testing"
	"time"

	"axis"
)

func TestCivilDays(t *testing.T) {
	for y := -401; y <= 2401; y += 7 {
		for m := 0; m <= 13; m++ {
			for _, d := range []int{0, 1, 15, 28, 29, 31, 32} {
				want := Days(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
				if got := CivilDays(y, m, d); got != want {
					t.Fatalf("CivilDays(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
	for _, s := range []string{"1900", "1969-12", "1970-01-01", "2024-02", "2024-02-29", "2024-12", "2024-12-31", "2100"} {
		d := axis.MustParseDate(s)
		if got, ok := DayStart(d); !ok || got != Days(d.Start()) {
			t.Errorf("DayStart(%s) = %d, %v, want %d", s, got, ok, Days(d.Start()))
		}
		if got, ok := DayEnd(d); !ok || got != Days(d.End()) {
			t.Errorf("DayEnd(%s) = %d, %v, want %d", s, got, ok, Days(d.End()))
		}
	}
	if _, ok := DayStart(axis.Date{}); ok {
		t.Error("DayStart: unknown dates must be NULL")
	}
	if _, ok := DayEnd(axis.Date{}); ok {
		t.Error("DayEnd: unknown dates must be NULL")
	}
}

func TestDateText(t *testing.T) {
	for _, d := range []axis.Date{{}, {Year: 2024}, {Year: 2024, Month: 6}, {Year: 2024, Month: 6, Day: 19}, {Year: 7, Month: 1, Day: 2},
		{Year: 12345, Month: 1}, {Year: -5}, {Year: 2024, Month: 2, Day: 31}, {Year: 2024, Month: 0, Day: 5}} {
		if got, want := DateText(d), d.String(); got != want {
			t.Errorf("DateText(%#v) = %q, want %q", d, got, want)
		}
	}
}
