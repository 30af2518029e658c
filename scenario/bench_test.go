package scenario

import (
	"context"
	"testing"
	"time"
)

// BenchmarkEscalate runs 100,000 trials on a synthetic world of 200 states
// and 2,000 commitments per iteration, with one and with two workers, and
// reports ms and trials/s for each and the speed-up.
func BenchmarkEscalate(b *testing.B) {
	w := synthetic(200, 2000, 1)
	tr := Trigger{Attacker: "SS3", Target: "SS7"}
	const trials = 100000
	var ms [3]float64
	for _, workers := range []int{1, 2} {
		start := time.Now()
		for i := 0; i < b.N; i++ {
			res, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: trials, Seed: 1, Workers: workers})
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 && workers == 1 {
				b.ReportMetric(res.ExpectedParticipants, "participants")
			}
		}
		ms[workers] = float64(time.Since(start).Milliseconds()) / float64(b.N)
	}
	b.ReportMetric(ms[1], "ms-w1")
	b.ReportMetric(trials/ms[1]*1000, "trials/s-w1")
	b.ReportMetric(ms[2], "ms-w2")
	b.ReportMetric(trials/ms[2]*1000, "trials/s-w2")
	b.ReportMetric(ms[1]/ms[2], "speedup-w2")
}
