package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"axis"
	"axis/postgres"
	"axis/postgres/pgtest"
)

// benchRelations is the size of the synthetic store: 100,000 unless
// AXIS_BENCH_RELATIONS says otherwise (1000000 for the figure the sqlite
// store reports; it takes a few minutes here).
func benchRelations() int {
	if n, err := strconv.Atoi(os.Getenv("AXIS_BENCH_RELATIONS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

const benchActors = 200

func benchCode(i int) string { return fmt.Sprintf("A%03d", i) }

// benchKinds are the (kind, item) pairs the synthetic relations use.
var benchKinds = func() [][2]string {
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

// synthetic returns relation i of the synthetic store (deterministic; the
// same data as the sqlite store's benchmark).
func synthetic(rng *rand.Rand, i int) *axis.Relation {
	a := rng.IntN(benchActors)
	b := (a + 1 + rng.IntN(benchActors-1)) % benchActors
	ki := benchKinds[rng.IntN(len(benchKinds))]
	d := axis.Day(2000+rng.IntN(26), 1+rng.IntN(12), 1+rng.IntN(28))
	switch i % 10 {
	case 0:
		d = axis.Date{Year: d.Year}
	case 1:
		d = axis.Date{Year: d.Year, Month: d.Month}
	}
	src, dst := benchCode(a), benchCode(b)
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

// bulk is the synthetic store the benchmarks share, built once per process
// in a schema of its own, dropped by TestMain.
var bulk struct {
	once    sync.Once
	drop    func() error
	store   *postgres.Store
	elapsed time.Duration
	put     int
	res     axis.WriteResult
	err     error
	size    int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bulk.store != nil {
		bulk.store.Close()
	}
	if bulk.drop != nil {
		if err := bulk.drop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

func bulkStore(b *testing.B) {
	server := pgtest.ServerURL(b)
	bulk.once.Do(func() {
		var url string
		url, bulk.drop, bulk.err = pgtest.NewSchema(server)
		if bulk.err != nil {
			return
		}
		s, err := postgres.Open(ctx, url)
		if err != nil {
			bulk.err = err
			return
		}
		bulk.store = s
		_, bulk.err = s.Write(ctx, func(w axis.Writer) error {
			for i := range benchActors {
				if err := w.PutActor(&axis.Actor{Code: benchCode(i), Name: "Actor " + benchCode(i), Kind: axis.ActorState}); err != nil {
					return err
				}
			}
			return nil
		})
		if bulk.err != nil {
			return
		}
		n := benchRelations()
		rels := make([]*axis.Relation, n)
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range rels {
			rels[i] = synthetic(rng, i)
		}
		start := time.Now()
		bulk.res, bulk.err = s.Write(ctx, func(w axis.Writer) error {
			for _, r := range rels {
				if _, err := w.PutRelation(r); err != nil {
					return err
				}
			}
			return nil
		})
		bulk.elapsed = time.Since(start)
		bulk.put = n
		if bulk.err == nil {
			bulk.err = s.Pool().QueryRow(ctx, `SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c
				WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')`).Scan(&bulk.size)
		}
	})
	if bulk.err != nil {
		b.Fatal(bulk.err)
	}
}

// BenchmarkBulkInsert puts AXIS_BENCH_RELATIONS synthetic relations (200
// actors, varied kinds and dates, one evidence piece each) in one Write,
// which copies them in with COPY, and reports the rate and the size of the
// tables with their indexes.
func BenchmarkBulkInsert(b *testing.B) {
	for range b.N {
		bulkStore(b)
	}
	b.ReportMetric(float64(bulk.put)/bulk.elapsed.Seconds(), "relations/s")
	b.ReportMetric(float64(bulk.res.RelationsNew), "relations-stored")
	b.ReportMetric(bulk.elapsed.Seconds(), "insert-s")
	b.ReportMetric(float64(bulk.size)/(1<<20), "db-MiB")
}

// BenchmarkDyadQuery asks the store for the relations between random pairs
// (axis relations --between A B) and reports the latency percentiles.
func BenchmarkDyadQuery(b *testing.B) {
	bulkStore(b)
	rng := rand.New(rand.NewPCG(3, 4))
	const queries = 2000
	lat := make([]time.Duration, 0, queries*b.N)
	rows := 0
	b.ResetTimer()
	for range b.N {
		for range queries {
			x := rng.IntN(benchActors)
			y := (x + 1 + rng.IntN(benchActors-1)) % benchActors
			start := time.Now()
			rs, err := bulk.store.Relations(ctx, axis.RelationFilter{Between: [2]string{benchCode(x), benchCode(y)}})
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

// BenchmarkSearch runs full-text searches with the CLI's default limit: a
// word in one sentence in ten (every hit is ranked) and a rare one.
func BenchmarkSearch(b *testing.B) {
	bulkStore(b)
	for _, q := range []string{"troops", "Report 4242"} {
		b.Run(q, func(b *testing.B) {
			hits := 0
			for range b.N {
				hs, err := bulk.store.Search(ctx, q, 20)
				if err != nil {
					b.Fatal(err)
				}
				hits = len(hs)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}
