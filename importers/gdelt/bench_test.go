package gdelt

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"axis"
	"axis/importers"
	"axis/sqlite"
)

// benchRows is the size of the synthetic export the benchmarks read.
const benchRows = 2_000_000

var (
	benchOnce sync.Once
	benchPath string
	benchDir  string
	benchErr  error
)

// benchFile writes, once per test binary, a GDELT 2.0 export of benchRows
// rows in the real 61-column layout (about 270 bytes a row, as in GDELT's
// own files) with a mix like GDELT's: a third of the rows lack Actor1's
// country and half lack Actor2's, a third of the rest are domestic (the
// same country on both sides); event root codes weighted roughly as GDELT's
// (statements and consultations most, mass violence least: see
// rootWeights), base codes uniform within a root, rows
// with a code that maps to a kind (28%); 100 countries with Zipf frequencies
// (the United States first); 11 days, about what GDELT 2.0 publishes in
// 2,000,000 rows.
func benchFile(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "axis-gdelt-bench")
		if benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "synthetic.export.CSV")
		f, err := os.Create(benchPath)
		if err != nil {
			benchErr = err
			return
		}
		w := bufio.NewWriterSize(f, 1<<20)
		writeSynthetic(w, benchRows, 1)
		benchErr = w.Flush()
		f.Close()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

var synthCountries = strings.Fields("USA RUS CHN UKR GBR ISR IRN FRA DEU IND PRK KOR JPN TUR PAK SYR IRQ AFG EGY SAU BLR POL CAN AUS BRA MEX ITA ESP NGA ZAF VEN CUB QAT ARE LBN YEM SDN ETH KEN MMR VNM PHL IDN TWN KAZ")

// rootWeights are per-mille weights of CAMEO root codes 01..20.
var rootWeights = []int{200, 70, 70, 190, 100, 30, 30, 30, 20, 30, 60, 30, 20, 20, 10, 15, 40, 30, 40, 1}

var synthEvents = strings.Fields("010 011 012 013 014 015 016 017 018 019 020 021 022 023 024 025 026 027 028 030 031 032 033 036 040 041 042 043 044 045 046 050 051 052 053 054 055 056 057 060 061 062 063 064 070 071 072 073 074 075 080 081 082 083 084 085 086 090 091 092 093 100 101 110 111 112 113 114 115 120 121 122 123 124 125 130 131 138 139 140 141 150 160 161 162 163 170 171 172 173 174 175 180 181 182 183 190 193 194 195 1951 1952 196 200 204")

// writeSynthetic writes n rows; the same seed gives the same file.
func writeSynthetic(w io.Writer, n int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	countries := append([]string(nil), synthCountries...)
	for _, c := range importers.Countries {
		if len(countries) < 100 && !slices.Contains(countries, c.Code) {
			countries = append(countries, c.Code)
		}
	}
	zipf := rand.NewZipf(rng, 1.2, 1, uint64(len(countries)-1))
	byRoot := map[string][]string{}
	for _, e := range synthEvents {
		byRoot[e[:2]] = append(byRoot[e[:2]], e)
	}
	var roots []string // one entry per mille
	for i, w := range rootWeights {
		for j := 0; j < w; j++ {
			roots = append(roots, fmt.Sprintf("%02d", i+1))
		}
	}
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	var buf []byte
	for i := 0; i < n; i++ {
		day := start.AddDate(0, 0, rng.IntN(11))
		sql := day.Format("20060102")
		c1 := countries[zipf.Uint64()]
		c2 := countries[zipf.Uint64()]
		if rng.IntN(3) == 0 {
			c1 = ""
		}
		if rng.IntN(2) == 0 {
			c2 = ""
		}
		if c1 != "" && c2 != "" && rng.IntN(3) == 0 {
			c2 = c1
		}
		codes := byRoot[roots[rng.IntN(len(roots))]]
		ev := codes[rng.IntN(len(codes))]
		mentions := 1 + rng.IntN(20)
		if rng.IntN(10) == 0 {
			mentions += rng.IntN(200)
		}
		gold := float64(rng.IntN(201)-100) / 10
		buf = buf[:0]
		buf = strconv.AppendInt(buf, int64(1100000000+i), 10)
		buf = append(buf, '\t')
		buf = append(buf, sql...)
		buf = append(buf, '\t')
		buf = append(buf, sql[:6]...)
		buf = append(buf, '\t')
		buf = append(buf, sql[:4]...)
		buf = append(buf, "\t2024.4521\t"...)
		buf = appendActor(buf, c1, "GOV")
		buf = appendActor(buf, c2, "MIL")
		buf = append(buf, "1\t"...)
		buf = append(buf, ev...)
		buf = append(buf, '\t')
		buf = append(buf, ev[:3]...)
		buf = append(buf, '\t')
		buf = append(buf, ev[:2]...)
		buf = append(buf, '\t')
		buf = strconv.AppendInt(buf, int64(1+rng.IntN(4)), 10)
		buf = append(buf, '\t')
		buf = strconv.AppendFloat(buf, gold, 'f', 1, 64)
		buf = append(buf, '\t')
		buf = strconv.AppendInt(buf, int64(mentions), 10)
		buf = append(buf, '\t')
		buf = strconv.AppendInt(buf, int64(1+mentions/3), 10)
		buf = append(buf, '\t')
		buf = strconv.AppendInt(buf, int64(mentions), 10)
		buf = append(buf, "\t-2.85714285714286\t"...)
		for g := 0; g < 3; g++ {
			if rng.IntN(5) < 2 {
				buf = append(buf, "0\t\t\t\t\t\t\t\t"...)
				continue
			}
			buf = append(buf, "4\tKharkiv, Kharkiv, Ukraine\tUP\tUP07\t31441\t49.98\t36.25\t-1003358\t"...)
		}
		buf = append(buf, sql...)
		buf = append(buf, "151500\thttps://news.example.com/world/"...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ".html\n"...)
		w.Write(buf)
	}
}

func appendActor(buf []byte, country, role string) []byte {
	if country == "" {
		return append(buf, "CIV\tCIVILIAN\t\t\t\t\t\tCVL\t\t\t"...)
	}
	buf = append(buf, country...)
	buf = append(buf, role...)
	buf = append(buf, '\t')
	buf = append(buf, country...) // name: the code stands in
	buf = append(buf, '\t')
	buf = append(buf, country...)
	buf = append(buf, "\t\t\t\t\t"...)
	buf = append(buf, role...)
	return append(buf, "\t\t\t"...)
}

// cpuTime is the process's user+system CPU time: on a shared machine the
// rows per CPU-second say more than rows per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			kb, _ := strconv.ParseFloat(strings.Fields(l)[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkGDELTImport measures the whole import of a 2,000,000-row
// export into a fresh sqlite store on one core: parse, filter, map,
// aggregate and commit.
func BenchmarkGDELTImport(b *testing.B) {
	path := benchFile(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ctx := context.Background()
	var rows int64
	var elapsed, cpu time.Duration
	var rels, evs int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dbPath := filepath.Join(b.TempDir(), "bench.db")
		st, err := sqlite.Open(ctx, dbPath)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		sum, err := Import(ctx, st, []string{path}, importers.Options{})
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
		cpu += cpuTime() - c0
		rows += sum.RowsRead
		rels, evs = sum.Relations, sum.Write.EvidenceNew
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/cpu.Seconds(), "rows/cpu-s")
	b.ReportMetric(float64(rels), "relations")
	b.ReportMetric(float64(evs), "evidence")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// BenchmarkGDELTParse measures reading and parsing alone (the storage-free
// share of the import).
func BenchmarkGDELTParse(b *testing.B) {
	path := benchFile(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var rows int64
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		t0, c0 := time.Now(), cpuTime()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sc := NewScanner(f)
		var row Row
		for {
			line, err := sc.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if err := ParseRow(line, &row); err != nil {
				b.Fatal(fmt.Errorf("line %d: %w", sc.Line, err))
			}
			rows++
		}
		f.Close()
		elapsed += time.Since(t0)
		cpu += cpuTime() - c0
	}
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/cpu.Seconds(), "rows/cpu-s")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// BenchmarkGDELTAggregate is the import without the store: parse, filter,
// map and aggregate into relations. It also reads the first half of the
// file alone and reports the live heap after each read: memory follows the
// number of (pair, kind, day) groups, not the rows.
func BenchmarkGDELTAggregate(b *testing.B) {
	path := benchFile(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ctx := context.Background()
	var rows int64
	var elapsed, cpu time.Duration
	heap := func() float64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapInuse) / (1 << 20)
	}
	for i := 0; i < b.N; i++ {
		st := newEmptyStore()
		t0, c0 := time.Now(), cpuTime()
		im, err := New(ctx, st, importers.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ins, _ := importers.Inputs([]string{path})
		if err := im.ReadInput(ctx, &ins[0]); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
		cpu += cpuTime() - c0
		rows += im.Summary.RowsRead
		b.ReportMetric(float64(len(im.groups)), "relations")
		b.StopTimer()
		full := heap()
		runtime.KeepAlive(im)
		half, _ := New(ctx, st, importers.Options{SkipBad: true})
		f, _ := os.Open(path)
		fi, _ := f.Stat()
		half.Read(ctx, io.LimitReader(f, fi.Size()/2), "half", &axis.Document{})
		f.Close()
		b.ReportMetric(heap(), "heap-MB-1M-rows")
		runtime.KeepAlive(half)
		b.ReportMetric(full, "heap-MB-2M-rows")
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/cpu.Seconds(), "rows/cpu-s")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}
