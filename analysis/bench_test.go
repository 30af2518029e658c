package analysis_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"axis"
	"axis/analysis"
	"axis/analysis/report"
	"axis/inmem"
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
			// Reuse the store an earlier run kept there.
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
		if _, benchErr = benchStore.Write(ctx, func(w axis.Writer) error { return putActorsAndDoc(w) }); benchErr != nil {
			return
		}
		if _, benchErr = benchStore.Write(ctx, func(w axis.Writer) error { return synthetic(n, benchDoc.ID, w.PutRelation) }); benchErr != nil {
			return
		}
		st, _ := benchStore.Stats(ctx)
		fmt.Fprintf(os.Stderr, "bench store: %d relations among %d actors built in %s\n", st.Relations, benchActors, time.Since(start).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

var four = []string{"A000", "A001", "A002", "A003"}

func BenchmarkCohesion4(b *testing.B) { benchCohesion(b, openBenchStore(b)) }

func benchCohesion(b *testing.B, s axis.Reader) {
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := analysis.Cohesion(context.Background(), s, nil, four, analysis.Window{Until: axis.MustParseDate("2025-12")}); err != nil {
			b.Fatal(err)
		}
	}
	reportTimes(b, start, cpu0, "cohesion")
}

func BenchmarkCentralityAll(b *testing.B) { benchCentrality(b, openBenchStore(b)) }

func benchCentrality(b *testing.B, s axis.Reader) {
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		res, err := analysis.Centrality(context.Background(), s, nil, "", analysis.Window{Until: axis.MustParseDate("2025-12")})
		if err != nil {
			b.Fatal(err)
		}
		if res.Nodes != benchActors {
			b.Fatalf("centrality saw %d actors", res.Nodes)
		}
	}
	reportTimes(b, start, cpu0, "centrality")
}

func BenchmarkReport4(b *testing.B) { benchReport(b, openBenchStore(b)) }

func benchReport(b *testing.B, s axis.Reader) {
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		rep, err := report.Build(context.Background(), s, nil, four, analysis.Window{Until: axis.MustParseDate("2025-12")}, report.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := report.WriteHTML(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
	reportTimes(b, start, cpu0, "report")
}

var benchDoc = axis.Document{ID: axis.HashContent([]byte("analysis bench")), Kind: axis.DocDataset, Title: "synthetic", Publisher: "bench"}

func putActorsAndDoc(w axis.Writer) error {
	for i := 0; i < benchActors; i++ {
		if err := w.PutActor(&axis.Actor{Code: actorCode(i), Name: "Actor " + actorCode(i), Kind: axis.ActorState}); err != nil {
			return err
		}
	}
	_, err := w.PutDocument(&benchDoc)
	return err
}

// synthetic puts n relations with distinct keys: random kinds, items and
// statuses, dated 2000-2025 by month, sources skewed so that some actors
// (A000, A001, …) are hubs, one piece of evidence each. The same seed gives
// the same relations to every store.
func synthetic(n int, docID string, put func(*axis.Relation) (axis.PutResult, error)) error {
	rng := rand.New(rand.NewPCG(42, 4))
	statuses := []axis.Status{axis.Confirmed, axis.Confirmed, axis.Confirmed, axis.Reported, axis.Reported, axis.Alleged, axis.Prospective, axis.Denied, axis.Negated}
	seen := make(map[string]bool, n)
	for i := 0; i < n; {
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
		r.Evidence = []axis.Evidence{{DocumentID: docID, Source: "bench", Sentence: fmt.Sprintf("%s %s %s %s in %s.", r.Source, info.Kind, item, r.Target, d),
			Start: i, End: i + 1, Method: "import:bench", Confidence: 0.8, Status: st}}
		if info.Family == axis.FamilyCommitment {
			r.Commitment = &axis.Commitment{Signed: d}
		}
		if rng.IntN(10) == 0 {
			r.Quantity = &axis.Quantity{Value: float64(rng.IntN(1000)), Unit: "units"}
		}
		if _, err := put(&r); err != nil {
			return err
		}
		i++
	}
	return nil
}

// sliceReader is the lower bound of a store for the analyses: the
// synthetic relations held in one slice sorted by date and id, filtered with
// RelationFilter.Match, no copies. Actors come from an inmem store.
// BenchmarkCentralityAllMemory uses it to show the cost of the analysis
// itself apart from the sqlite read path.
type sliceReader struct {
	*inmem.Store
	rels []axis.Relation
}

func (s *sliceReader) EachRelation(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	for i := range s.rels {
		if f.Match(&s.rels[i]) {
			if err := fn(&s.rels[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *sliceReader) Relations(ctx context.Context, f axis.RelationFilter) ([]axis.Relation, error) {
	var out []axis.Relation
	err := s.EachRelation(ctx, f, func(r *axis.Relation) error { out = append(out, *r); return nil })
	return out, err
}

var (
	memOnce   sync.Once
	memReader *sliceReader
	memErr    error
)

func openMemReader(b *testing.B) *sliceReader {
	memOnce.Do(func() {
		st := inmem.New()
		if _, memErr = st.Write(context.Background(), putActorsAndDoc); memErr != nil {
			return
		}
		r := &sliceReader{Store: st}
		memErr = synthetic(benchRelations(), benchDoc.ID, func(x *axis.Relation) (axis.PutResult, error) {
			x.ID = int64(len(r.rels) + 1)
			x.Events = 1
			r.rels = append(r.rels, *x)
			return axis.PutResult{New: true}, nil
		})
		sort.SliceStable(r.rels, func(i, j int) bool { return r.rels[i].Date.Before(r.rels[j].Date) })
		memReader = r
	})
	if memErr != nil {
		b.Fatal(memErr)
	}
	return memReader
}

func BenchmarkCentralityAllMemory(b *testing.B) { benchCentrality(b, openMemReader(b)) }

// reportTimes reports wall-clock and CPU milliseconds per operation. The
// machine these run on is shared; CPU time says what the work costs when
// wall time is inflated by other processes (on an idle machine wall time is
// at most CPU time, less where scans run in parallel).
func reportTimes(b *testing.B, start time.Time, cpu0 time.Duration, what string) {
	n := float64(b.N)
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/n, "ms/"+what)
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/n, "cpu-ms/"+what)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
