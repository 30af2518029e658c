package analysis_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"axis"
	"axis/analysis"
	"axis/analysis/report"
	"axis/sqlite"
)

// The benchmarks share one sqlite store of benchRelations relations among
// benchActors actors, built once per process in a temporary folder (about
// a minute). Run them with
//
//	go test -run '^$' -bench . -benchtime 1x ./analysis/
//
// Set AXIS_BENCH_RELATIONS to try another size, and AXIS_BENCH_DB=FILE to
// keep the store in FILE and reuse it on the next run.
const benchActors = 200

var (
	benchOnce  sync.Once
	benchStore *sqlite.Store
	benchDir   string
	benchErr   error
)

func benchRelations() int {
	n := 1_000_000
	if v := os.Getenv("AXIS_BENCH_RELATIONS"); v != "" {
		fmt.Sscan(v, &n)
	}
	return n
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		benchStore.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func actorCode(i int) string { return fmt.Sprintf("A%03d", i) }

// openBenchStore builds the synthetic store: random directed relations of
// every kind, item and status, dated 2000–2025 by month, one piece of
// evidence each, all distinct keys, written in one transaction.
func openBenchStore(b *testing.B) *sqlite.Store {
	benchOnce.Do(func() {
		ctx := context.Background()
		if p := os.Getenv("AXIS_BENCH_DB"); p != "" {
			// Reuse a store an earlier run kept (see keepBenchStore).
			if _, err := os.Stat(p); err == nil {
				benchStore, benchErr = sqlite.Open(ctx, p)
				return
			}
		}
		benchDir, benchErr = os.MkdirTemp("", "axis-analysis-bench-")
		if benchErr != nil {
			return
		}
		path := filepath.Join(benchDir, "bench.db")
		if p := os.Getenv("AXIS_BENCH_DB"); p != "" {
			path, benchDir = p, "" // build it there and keep it
		}
		benchStore, benchErr = sqlite.Open(ctx, path)
		if benchErr != nil {
			return
		}
		n := benchRelations()
		start := time.Now()
		rng := rand.New(rand.NewPCG(42, 4))
		doc := axis.Document{ID: axis.HashContent([]byte("analysis bench")), Kind: axis.DocDataset, Title: "synthetic", Publisher: "bench"}
		statuses := []axis.Status{axis.Confirmed, axis.Confirmed, axis.Confirmed, axis.Reported, axis.Reported, axis.Alleged, axis.Prospective, axis.Denied, axis.Negated}
		_, benchErr = benchStore.Write(ctx, func(w axis.Writer) error {
			for i := 0; i < benchActors; i++ {
				if err := w.PutActor(&axis.Actor{Code: actorCode(i), Name: "Actor " + actorCode(i), Kind: axis.ActorState}); err != nil {
					return err
				}
			}
			_, err := w.PutDocument(&doc)
			return err
		})
		seen := make(map[string]bool, n)
		_, benchErr = benchStore.Write(ctx, func(w axis.Writer) error {
			for i := 0; i < n; {
				// Skew sources so that some actors are hubs.
				s := int(float64(benchActors) * rng.Float64() * rng.Float64())
				t := rng.IntN(benchActors)
				if s == t {
					t = (t + 1) % benchActors
				}
				info := axis.Ontology[rng.IntN(len(axis.Ontology))]
				item := ""
				if len(info.Items) > 0 {
					item = info.Items[rng.IntN(len(info.Items))]
				}
				st := statuses[rng.IntN(len(statuses))]
				d := axis.Date{Year: 2000 + rng.IntN(26), Month: 1 + rng.IntN(12)}
				r := axis.Relation{Source: actorCode(s), Target: actorCode(t), Kind: info.Kind, Item: item, Date: d, Status: st}
				r.Normalize()
				if seen[r.Key()] {
					continue // one relation per key: exactly n relations
				}
				seen[r.Key()] = true
				r.Evidence = []axis.Evidence{{DocumentID: doc.ID, Source: "bench", Sentence: fmt.Sprintf("%s %s %s %s in %s.", r.Source, info.Kind, item, r.Target, d),
					Start: i, End: i + 1, Method: "import:bench", Confidence: 0.8, Status: st}}
				if info.Family == axis.FamilyCommitment {
					r.Commitment = &axis.Commitment{Signed: d}
				}
				if rng.IntN(10) == 0 {
					r.Quantity = &axis.Quantity{Value: float64(rng.IntN(1000)), Unit: "units"}
				}
				if _, err := w.PutRelation(&r); err != nil {
					return err
				}
				i++
			}
			return nil
		})
		st, _ := benchStore.Stats(ctx)
		fmt.Fprintf(os.Stderr, "bench store: %d relations among %d actors built in %s\n", st.Relations, benchActors, time.Since(start).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

var four = []string{"A000", "A001", "A002", "A003"}

func BenchmarkCohesion4(b *testing.B) {
	s := openBenchStore(b)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := analysis.Cohesion(context.Background(), s, nil, four, analysis.Window{Until: axis.MustParseDate("2025-12")}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/cohesion")
}

func BenchmarkCentralityAll(b *testing.B) {
	s := openBenchStore(b)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		res, err := analysis.Centrality(context.Background(), s, nil, "", analysis.Window{Until: axis.MustParseDate("2025-12")})
		if err != nil {
			b.Fatal(err)
		}
		if res.Nodes != benchActors {
			b.Fatalf("centrality saw %d actors", res.Nodes)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/centrality")
}

func BenchmarkReport4(b *testing.B) {
	s := openBenchStore(b)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		rep, err := report.Build(context.Background(), s, nil, four, analysis.Window{Until: axis.MustParseDate("2025-12")}, report.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := report.WriteHTML(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/report")
}
