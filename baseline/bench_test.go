package baseline

import (
	"bytes"
	"context"
	"testing"

	"axis"
	"axis/facts"
	"axis/inmem"
)

// perOp is how many times one benchmark iteration repeats its work, so
// that -benchtime 1x measures more than a cold start.
const perOp = 20

// BenchmarkParse measures parsing and validating the baseline file.
// Run: go test -run '^$' -bench . -benchtime 1x ./baseline/
func BenchmarkParse(b *testing.B) {
	var n int
	for b.Loop() {
		for range perOp {
			f, err := facts.Parse(bytes.NewReader(Facts), Name)
			if err != nil {
				b.Fatal(err)
			}
			n += len(f.Relations)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "relations/s")
}

// BenchmarkLoadInmem measures a full load (parse, actor check, one write)
// into a fresh in-memory store holding the gazetteer.
func BenchmarkLoadInmem(b *testing.B) {
	ctx := context.Background()
	actors := knownActors()
	var n int
	for b.Loop() {
		for range perOp {
			b.StopTimer()
			s := inmem.New()
			if _, err := s.Write(ctx, func(w axis.Writer) error {
				for _, a := range actors {
					if err := w.PutActor(&a); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := facts.Load(ctx, s, bytes.NewReader(Facts), Name)
			if err != nil {
				b.Fatal(err)
			}
			n += res.RelationsNew
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "relations/s")
}
