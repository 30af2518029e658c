package textcode

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"axis"
)

// synthetic news sentences: templates over actors, items and hedges, plus
// sentences with no relation, in roughly the mix of real reporting.
var benchTemplates = []string{
	"%[1]s has shipped %[3]s to %[2]s since the summer, officials said.",
	"%[2]s received %[3]s from %[1]s last year, according to intelligence estimates.",
	"Analysts say the relationship between %[1]s and %[2]s is more transactional than ideological.",
	"%[1]s and %[2]s held joint naval drills in the region in March.",
	"The United States imposed new sanctions on %[1]s for supplying %[3]s to %[2]s.",
	"%[1]s denied sending %[3]s to %[2]s.",
	"Officials in %[1]s declined to comment on the report.",
	"Prices of oil and wheat rose sharply on world markets during the week.",
	"%[1]s's foreign minister visited %[2]s for talks on trade and security.",
	"The ministers discussed the war, energy prices and the future of the region at length.",
	"%[1]s could provide %[2]s with %[3]s in exchange for cash and oil.",
	"Experts warned that the partnership may deepen further over the coming year.",
}

var benchActors = []string{"Russia", "North Korea", "China", "Iran", "Ukraine", "Pyongyang", "Moscow", "Beijing", "Tehran", "Kyiv"}
var benchItems = []string{"artillery shells", "ballistic missiles", "drones", "troops", "oil", "microelectronics", "machine tools", "food"}

func benchSentences(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]string, n)
	for i := range out {
		a := benchActors[r.IntN(len(benchActors))]
		b := benchActors[r.IntN(len(benchActors))]
		it := benchItems[r.IntN(len(benchItems))]
		out[i] = fmt.Sprintf(benchTemplates[r.IntN(len(benchTemplates))], a, b, it)
	}
	return out
}

// BenchmarkCodeSentences measures coding throughput on one core.
func BenchmarkCodeSentences(b *testing.B) {
	c, err := New(gazetteerLexicon())
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences(20000, 7)
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	n, rels := 0, 0
	for i := 0; i < b.N; i++ {
		par := NewParagraph(axis.Day(2024, 11, 18))
		for j, s := range sents {
			if j%5 == 0 {
				par = NewParagraph(axis.Day(2024, 11, 18))
			}
			rels += len(c.CodeSentence(s, par))
			n++
		}
	}
	el, cpu := time.Since(start).Seconds(), cpuTime()-cpu0
	b.ReportMetric(float64(n)/el, "sentences/s")
	b.ReportMetric(float64(n)/cpu, "sentences/cpu-s")
	b.ReportMetric(float64(rels)/float64(n), "relations/sentence")
}

// BenchmarkIngestFolder ingests a folder of synthetic articles into an
// in-memory store, one transaction per document, and reports throughput
// and the process's peak resident memory (VmHWM). The folder is 20 MB by
// default; AXIS_BENCH_GB=1 makes it 1 GB (written to a temporary folder).
func BenchmarkIngestFolder(b *testing.B) {
	size := int64(20 << 20)
	if v := os.Getenv("AXIS_BENCH_GB"); v != "" {
		gb, err := strconv.ParseFloat(v, 64)
		if err != nil {
			b.Fatalf("AXIS_BENCH_GB=%q: want a number of gigabytes", v)
		}
		size = int64(gb * (1 << 30))
	}
	dir := b.TempDir()
	written := writeCorpus(b, dir, size)
	c, err := New(gazetteerLexicon())
	if err != nil {
		b.Fatal(err)
	}
	// measure the ingest alone: reset the peak RSS after writing the corpus
	runtime.GC()
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	rss0 := vmHWM()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	docs, sents := 0, 0
	for i := 0; i < b.N; i++ {
		in := &Ingester{Coder: c, Store: countingStore{}}
		err := WalkInputs([]string{dir}, func(f string) error {
			res, err := in.File(context.Background(), f)
			if err != nil {
				return err
			}
			docs++
			sents += res.Sentences
			return nil
		}, func(Skip) {})
		if err != nil {
			b.Fatal(err)
		}
	}
	el, cpu := time.Since(start).Seconds(), cpuTime()-cpu0
	b.ReportMetric(float64(sents)/cpu, "sentences/cpu-s")
	b.ReportMetric(float64(written)/(1<<20), "MB")
	b.ReportMetric(float64(docs)/el, "docs/s")
	b.ReportMetric(float64(sents)/el, "sentences/s")
	b.ReportMetric(float64(vmHWM())/1024, "peak-RSS-MB")
	b.ReportMetric(float64(rss0)/1024, "RSS-before-MB")
}

// writeCorpus writes articles of about 8 KB until size bytes are written.
func writeCorpus(b *testing.B, dir string, size int64) int64 {
	var total int64
	for i := 0; total < size; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/1000))
		os.MkdirAll(sub, 0o755)
		f, err := os.Create(filepath.Join(sub, fmt.Sprintf("a%06d.txt", i)))
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		n, _ := fmt.Fprintf(w, "Report number %d\n\nNovember %d, 2024\n\n", i, 1+i%28)
		total += int64(n)
		sents := benchSentences(60, uint64(i))
		for j := 0; j < len(sents); j += 4 {
			end := min(j+4, len(sents))
			n, _ := w.WriteString(strings.Join(sents[j:end], " ") + "\n\n")
			total += int64(n)
		}
		w.Flush()
		f.Close()
	}
	return total
}

// cpuTime is the process's user and system CPU time in seconds. The
// machine may be shared, so throughput is reported per CPU second too.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// vmHWM reads the peak resident set size in kB from /proc/self/status.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				n, _ := strconv.ParseInt(f[1], 10, 64)
				return n
			}
		}
	}
	return 0
}

// countingStore is an axis.Store that checks and drops what it is given,
// so the benchmark measures the ingest, not a store's memory.
type countingStore struct{ axis.Store }

type countingWriter struct{}

func (countingStore) Write(ctx context.Context, fn func(axis.Writer) error) (axis.WriteResult, error) {
	return axis.WriteResult{}, fn(countingWriter{})
}

func (countingStore) Actor(ctx context.Context, code string) (*axis.Actor, error) {
	return &axis.Actor{Code: code}, nil
}

func (countingWriter) PutActor(a *axis.Actor) error               { return nil }
func (countingWriter) PutDocument(d *axis.Document) (bool, error) { return true, d.Validate() }
func (countingWriter) PutRelation(r *axis.Relation) (axis.PutResult, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return axis.PutResult{}, err
	}
	return axis.PutResult{New: true, NewEvidence: 1}, nil
}
