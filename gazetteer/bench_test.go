package gazetteer

import (
	"testing"
	"time"

	"axis"
)

// BenchmarkLoad parses and checks the embedded data and builds the
// gazetteer (Load builds it to check ambiguities), as Default does once per
// process.
// Run: go test -run '^$' -bench . -benchtime 1x ./gazetteer/
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := LoadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "load-ms")
}

// BenchmarkResolve resolves every name of the gazetteer (about 3,000) on a
// date, 20 times over, and reports names resolved per second.
func BenchmarkResolve(b *testing.B) {
	g := Default()
	names := g.Names()
	on := axis.Day(2024, 6, 19)
	n := 0
	start := time.Now()
	for b.Loop() {
		for range 20 {
			for _, nm := range names {
				g.Resolve(nm.Text, on)
				n++
			}
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "names/s")
}
