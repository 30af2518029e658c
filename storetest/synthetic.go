package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"axis"
)

// The synthetic workload of the stores' benchmarks: SyntheticActors
// states and relations between random pairs of them, with varied kinds,
// items and dates (one in ten dated to the year, one in ten to the month)
// and one evidence piece each. Every store benchmarks the same data.

// SyntheticActors is how many actors the synthetic relations join.
const SyntheticActors = 200

// SyntheticCode is the code of synthetic actor i.
func SyntheticCode(i int) string { return fmt.Sprintf("A%03d", i) }

// SyntheticRelations is the size of the synthetic store: def unless
// AXIS_BENCH_RELATIONS says otherwise (for quick or larger runs).
func SyntheticRelations(def int) int {
	if n, err := strconv.Atoi(os.Getenv("AXIS_BENCH_RELATIONS")); err == nil && n > 0 {
		return n
	}
	return def
}

// syntheticKinds are the (kind, item) pairs the synthetic relations use.
var syntheticKinds = func() [][2]string {
	var out [][2]string
	for _, k := range []axis.Kind{axis.Arms, axis.Troops, axis.Energy, axis.DualUse, axis.JointExercise, axis.Visit, axis.Sanction, axis.Condemn, axis.Attack, axis.Trade, axis.StrategicPartnership} {
		items := k.Info().Items
		if len(items) == 0 {
			items = []string{""}
		}
		for _, it := range items {
			out = append(out, [2]string{string(k), it})
		}
	}
	return out
}()

// Synthetic returns relation i of the synthetic store, drawing from rng
// (deterministic for a given rng state).
func Synthetic(rng *rand.Rand, i int) *axis.Relation {
	a := rng.IntN(SyntheticActors)
	b := (a + 1 + rng.IntN(SyntheticActors-1)) % SyntheticActors
	ki := syntheticKinds[rng.IntN(len(syntheticKinds))]
	d := axis.Day(2000+rng.IntN(26), 1+rng.IntN(12), 1+rng.IntN(28))
	switch i % 10 {
	case 0:
		d = axis.Date{Year: d.Year}
	case 1:
		d = axis.Date{Year: d.Year, Month: d.Month}
	}
	src, dst := SyntheticCode(a), SyntheticCode(b)
	return &axis.Relation{
		Source: src, Target: dst, Kind: axis.Kind(ki[0]), Item: ki[1], Date: d,
		Evidence: []axis.Evidence{{
			DocumentID: fmt.Sprintf("synthetic-%06d", i/100),
			Sentence:   fmt.Sprintf("Report %d: %s and %s, %s %s, on %s.", i, src, dst, ki[0], ki[1], d),
			Start:      (i % 100) * 80, End: (i%100)*80 + 60,
			Method: "import:synthetic", Confidence: 0.5,
		}},
	}
}

// SyntheticData returns the first n relations of the synthetic store (the
// same for every store and every run).
func SyntheticData(n int) []*axis.Relation {
	rels := make([]*axis.Relation, n)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range rels {
		rels[i] = Synthetic(rng, i)
	}
	return rels
}

// PutSyntheticActors stores the synthetic actors in one Write.
func PutSyntheticActors(ctx context.Context, s axis.Store) error {
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for i := range SyntheticActors {
			if err := w.PutActor(&axis.Actor{Code: SyntheticCode(i), Name: "Actor " + SyntheticCode(i), Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

// PutAll puts rels in one Write.
func PutAll(ctx context.Context, s axis.Store, rels []*axis.Relation) (axis.WriteResult, error) {
	return s.Write(ctx, func(w axis.Writer) error {
		for _, r := range rels {
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchDyadQuery asks s, which holds the synthetic store, for the
// relations between 2,000 random pairs per iteration (axis relations
// --between A B) and reports the latency percentiles.
func BenchDyadQuery(ctx context.Context, b *testing.B, s axis.Store) {
	rng := rand.New(rand.NewPCG(3, 4))
	const queries = 2000
	lat := make([]time.Duration, 0, queries*b.N)
	rows := 0
	b.ResetTimer()
	for range b.N {
		for range queries {
			x := rng.IntN(SyntheticActors)
			y := (x + 1 + rng.IntN(SyntheticActors-1)) % SyntheticActors
			start := time.Now()
			rs, err := s.Relations(ctx, axis.RelationFilter{Between: [2]string{SyntheticCode(x), SyntheticCode(y)}})
			lat = append(lat, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			rows += len(rs)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(ms(0.5), "dyad-p50-ms")
	b.ReportMetric(ms(0.99), "dyad-p99-ms")
	b.ReportMetric(float64(rows)/float64(len(lat)), "relations/query")
}

// BenchSearch runs full-text searches over s, which holds the synthetic
// store, with the CLI's default limit: a word in one sentence in ten
// (every hit is ranked) and a rare one.
func BenchSearch(ctx context.Context, b *testing.B, s axis.Store) {
	for _, q := range []string{"troops", "Report 4242"} {
		b.Run(q, func(b *testing.B) {
			hits := 0
			for range b.N {
				hs, err := s.Search(ctx, q, 20)
				if err != nil {
					b.Fatal(err)
				}
				hits = len(hs)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}
