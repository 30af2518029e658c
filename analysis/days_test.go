package analysis

import (
	"math/rand/v2"
	"testing"
	"time"

	"axis"
)

func TestDayNumber(t *testing.T) {
	for _, d := range []time.Time{
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1961, 7, 11, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2000, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		want := int(d.Unix() / 86400)
		if got := dayNumber(d.Year(), int(d.Month()), d.Day()); got != want {
			t.Errorf("%s: %d, want %d", d.Format("2006-01-02"), got, want)
		}
	}
}

// The compiled window must agree with Window.Contains (which follows
// axis.RelationFilter.Match and Relation.InForceOn) on random relations.
func TestCompiledWindowMatchesContains(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	date := func() axis.Date {
		switch rng.IntN(5) {
		case 0:
			return axis.Date{}
		case 1:
			return axis.Date{Year: 2018 + rng.IntN(8)}
		case 2:
			return axis.Date{Year: 2018 + rng.IntN(8), Month: 1 + rng.IntN(12)}
		}
		return axis.Day(2018+rng.IntN(8), 1+rng.IntN(12), 1+rng.IntN(28))
	}
	kinds := []axis.Kind{axis.Arms, axis.DefensePact, axis.Visit, axis.Sanction, axis.Membership}
	for i := 0; i < 20000; i++ {
		r := axis.Relation{Kind: kinds[rng.IntN(len(kinds))], Date: date()}
		if r.Kind.Family() == axis.FamilyCommitment && rng.IntN(4) > 0 {
			r.Commitment = &axis.Commitment{Signed: date(), InForce: date(), Ended: date()}
		}
		var w Window
		switch rng.IntN(4) {
		case 0:
			w.At = date()
		case 1:
			w.Since = date()
		case 2:
			w.Until = date()
		case 3:
			w.Since, w.Until = date(), date()
		}
		b := w.compile()
		if got, want := b.contains(&r), w.Contains(&r); got != want {
			t.Fatalf("window %+v relation %+v commitment %+v: compiled %v, Contains %v", w, r, r.Commitment, got, want)
		}
	}
}
