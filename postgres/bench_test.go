package postgres_test

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"axis"
	"axis/postgres"
	"axis/postgres/pgtest"
	"axis/storetest"
)

// benchRelations is the size of the synthetic store (storetest.Synthetic):
// 100,000 unless AXIS_BENCH_RELATIONS says otherwise (1000000 for the
// figure the sqlite store reports; it takes a few minutes here).
func benchRelations() int { return storetest.SyntheticRelations(100_000) }

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
		if bulk.err = storetest.PutSyntheticActors(ctx, s); bulk.err != nil {
			return
		}
		n := benchRelations()
		rels := storetest.SyntheticData(n)
		start := time.Now()
		bulk.res, bulk.err = storetest.PutAll(ctx, s, rels)
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
	storetest.BenchDyadQuery(ctx, b, bulk.store)
}

// BenchmarkSearch runs full-text searches with the CLI's default limit: a
// word in one sentence in ten (every hit is ranked) and a rare one.
func BenchmarkSearch(b *testing.B) {
	bulkStore(b)
	storetest.BenchSearch(ctx, b, bulk.store)
}
