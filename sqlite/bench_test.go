package sqlite_test

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"axis"
	"axis/sqlite"
	"axis/storetest"
)

// benchRelations is the size of the synthetic store (storetest.Synthetic):
// 1,000,000 unless AXIS_BENCH_RELATIONS says otherwise (for quick runs).
func benchRelations() int { return storetest.SyntheticRelations(1_000_000) }

// bulkStore is the synthetic store both benchmarks share, built once per
// process.
var bulk struct {
	once     sync.Once
	dir      string
	store    *sqlite.Store
	elapsed  time.Duration
	cpu      time.Duration
	put      int
	res      axis.WriteResult
	err      error
	fileSize int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bulk.store != nil {
		bulk.store.Close()
	}
	if bulk.dir != "" {
		os.RemoveAll(bulk.dir)
	}
	os.Exit(code)
}

// cpuTime is the CPU time this process used: on a shared machine it says
// more about the store's cost than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func bulkStore(b *testing.B) {
	bulk.once.Do(func() {
		bulk.dir, bulk.err = os.MkdirTemp("", "axis-bench-")
		if bulk.err != nil {
			return
		}
		s, err := sqlite.Open(ctx, filepath.Join(bulk.dir, "axis.db"))
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
		start, cpu0 := time.Now(), cpuTime()
		bulk.res, bulk.err = storetest.PutAll(ctx, s, rels)
		bulk.elapsed = time.Since(start)
		bulk.cpu = cpuTime() - cpu0
		bulk.put = n
		if st, err := os.Stat(filepath.Join(bulk.dir, "axis.db")); err == nil {
			bulk.fileSize = st.Size()
		}
	})
	if bulk.err != nil {
		b.Fatal(bulk.err)
	}
}

// BenchmarkBulkInsert puts 1,000,000 synthetic relations (200 actors,
// varied kinds and dates, one evidence piece each) in one Write.
func BenchmarkBulkInsert(b *testing.B) {
	for range b.N {
		bulkStore(b)
	}
	b.ReportMetric(float64(bulk.put)/bulk.elapsed.Seconds(), "relations/s")
	b.ReportMetric(float64(bulk.res.RelationsNew), "relations-stored")
	b.ReportMetric(bulk.elapsed.Seconds(), "insert-s")
	b.ReportMetric(bulk.cpu.Seconds(), "cpu-s")
	b.ReportMetric(float64(bulk.put)/bulk.cpu.Seconds(), "relations/cpu-s")
	b.ReportMetric(float64(bulk.fileSize)/(1<<20), "file-MiB")
}

// BenchmarkDyadQuery asks the 1M store for the relations between random
// pairs (axis relations --between A B) and reports the latency percentiles.
func BenchmarkDyadQuery(b *testing.B) {
	bulkStore(b)
	storetest.BenchDyadQuery(ctx, b, bulk.store)
}

// BenchmarkSearch runs full-text searches over the synthetic store, with
// the CLI's default limit: a word in one sentence in ten (every hit is
// ranked) and a rare one.
func BenchmarkSearch(b *testing.B) {
	bulkStore(b)
	storetest.BenchSearch(ctx, b, bulk.store)
}
