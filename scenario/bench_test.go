package scenario

import (
	"bytes"
	"context"
	"strconv"
	"syscall"
	"testing"
	"time"

	"axis"
	"axis/baseline"
	"axis/facts"
	"axis/gazetteer"
	"axis/inmem"
)

// BenchmarkEscalate runs 100,000 trials on a synthetic world of 200 states
// and 2,000 commitments shaped like the real alliance system (groupedWorld:
// eight multilateral pacts and bilateral commitments of every kind), with
// one and with two workers, and reports ms and trials/s for each and the
// speed-up. Run it with
// go test -run '^$' -bench Escalate -benchtime 1x ./scenario/
func BenchmarkEscalate(b *testing.B) {
	w := groupedWorld(200, 2000, 1)
	tr := Trigger{Attacker: "SS3", Target: "SS40"}
	const trials = 100000
	var ms, cpu [3]float64
	for _, workers := range []int{1, 2} {
		start, c0 := time.Now(), cpuTime()
		for i := 0; i < b.N; i++ {
			res, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: trials, Seed: 1, Workers: workers})
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 && workers == 1 {
				b.ReportMetric(res.ExpectedParticipants, "belligerents/trial")
			}
		}
		ms[workers] = float64(time.Since(start).Microseconds()) / 1000 / float64(b.N)
		cpu[workers] = float64((cpuTime() - c0).Microseconds()) / 1000 / float64(b.N)
	}
	// CPU time shows what the run cost when the machine is shared.
	b.ReportMetric(cpu[1], "cpu-ms-1worker")
	b.ReportMetric(cpu[2], "cpu-ms-2workers")
	b.ReportMetric(ms[1], "ms-1worker")
	b.ReportMetric(trials/ms[1]*1000, "trials/s-1worker")
	b.ReportMetric(ms[2], "ms-2workers")
	b.ReportMetric(trials/ms[2]*1000, "trials/s-2workers")
	b.ReportMetric(ms[1]/ms[2], "speedup")
}

// cpuTime is the process's user CPU time.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano())
}

// baselineStore loads the bundled baseline into an in-memory store.
func baselineStore(b testing.TB) *inmem.Store {
	ctx := context.Background()
	s := inmem.New()
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, a := range gazetteer.Actors() {
			a := a
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := facts.Load(ctx, s, bytes.NewReader(baseline.Facts), baseline.Name); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSanctionsBaseline computes the maximum flow, minimum cut and the
// best sanction sets of up to 3 actors and 3 routes for arms into RUS on
// the baseline, and reports ms per run.
func BenchmarkSanctionsBaseline(b *testing.B) {
	s := baselineStore(b)
	start := time.Now()
	for i := 0; i < b.N; i++ {
		res, err := Sanctions(context.Background(), s, SanctionOptions{Target: "RUS", Kind: axis.Arms, Budget: 3})
		if err != nil || res.MaxFlow <= 0 {
			b.Fatal(err, res)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/run")
}

// BenchmarkSanctionsNetwork does the same on a synthetic network ten times
// the baseline's: 60 suppliers and intermediaries and 300 transfers, best
// 3-actor and 3-route sets by exhaustive search.
func BenchmarkSanctionsNetwork(b *testing.B) {
	var rels []axis.Relation
	x := uint64(5)
	next := func(k int) int { x = splitmix64(x); return int(x % uint64(k)) }
	code := func(i int) string { return "N" + strconv.Itoa(i) }
	for id := int64(1); len(rels) < 300; id++ {
		a, t := next(60), next(61)
		to := "RUS"
		if t < 60 {
			to = code(t)
		}
		if code(a) == to {
			continue
		}
		rels = append(rels, transfer(id, code(a), to, float64(1+next(100)), "tiv"))
	}
	start := time.Now()
	var res *SanctionsResult
	for i := 0; i < b.N; i++ {
		res = sanctionsOn(rels, SanctionOptions{Target: "RUS", Kind: axis.Arms, Budget: 3})
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/run")
	b.ReportMetric(res.MaxFlow, "maxflow")
}
