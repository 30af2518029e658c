package sqlite_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"axis"
	"axis/sqlite"
)

// benchRelations is the size of the synthetic store: 1,000,000 unless
// AXIS_BENCH_RELATIONS says otherwise (for quick runs).
func benchRelations() int {
	if n, err := strconv.Atoi(os.Getenv("AXIS_BENCH_RELATIONS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
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

// synthetic returns relation i of the synthetic store (deterministic).
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
		start, cpu0 := time.Now(), cpuTime()
		bulk.res, bulk.err = s.Write(ctx, func(w axis.Writer) error {
			for _, r := range rels {
				if _, err := w.PutRelation(r); err != nil {
					return err
				}
			}
			return nil
		})
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

// BenchmarkSearch runs full-text searches over the synthetic store, with
// the CLI's default limit: a word in one sentence in ten (every hit is
// ranked) and a rare one.
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
