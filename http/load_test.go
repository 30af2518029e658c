package http_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"axis"
	"axis/baseline"
	"axis/facts"
	"axis/gazetteer"
	axishttp "axis/http"
	"axis/sqlite"
)

// baselineStore is a fresh SQLite store with the gazetteer and the
// baseline dataset, as `axis serve` builds on first use.
func baselineStore(tb testing.TB) *sqlite.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "axis.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	_, err = st.Write(ctx, func(w axis.Writer) error {
		for _, a := range gazetteer.Actors() {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := facts.Load(ctx, st, bytes.NewReader(baseline.Facts), baseline.Name); err != nil {
		tb.Fatal(err)
	}
	return st
}

// BenchmarkLoad drives the ledger and cohesion endpoints with 50 concurrent
// clients over loopback against the baseline for AXIS_LOAD_SECONDS
// (default 10) per iteration, and reports requests/s, p50 and p99 latency
// and the error count. The server runs as axis serve does, with its
// analysis cache; AXIS_LOAD_CACHE=off measures every request computed.
// Run it once:
//
//	go test -run '^$' -bench Load -benchtime 1x ./http/
func BenchmarkLoad(b *testing.B) {
	const clients = 50
	dur := 10 * time.Second
	if s := os.Getenv("AXIS_LOAD_SECONDS"); s != "" {
		var n float64
		if _, err := fmt.Sscan(s, &n); err != nil || n <= 0 {
			b.Fatalf("AXIS_LOAD_SECONDS=%q is not a positive number", s)
		}
		dur = time.Duration(n * float64(time.Second))
	}
	st := baselineStore(b)
	st.DB().SetMaxIdleConns(32) // as axis serve does: keep connections for concurrent readers
	opts := axishttp.Options{}
	if os.Getenv("AXIS_LOAD_CACHE") == "off" {
		opts.CacheTTL = -1 // measure the computation itself
	}
	base := start(b, st, opts)
	dyads := [][2]string{{"RUS", "PRK"}, {"RUS", "CHN"}, {"RUS", "IRN"}, {"CHN", "PRK"}, {"USA", "KOR"}, {"USA", "JPN"}, {"RUS", "UKR"}, {"CHN", "IRN"}}
	groups := []string{"RUS,CHN,PRK,IRN", "USA,JPN,KOR,AUS,PHL", "RUS,CHN,PRK,IRN,BLR"}
	transport := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: false}
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	defer transport.CloseIdleConnections()

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var (
			mu        sync.Mutex
			latencies []time.Duration
			errs      atomic.Int64
			firstErr  atomic.Value
			wg        sync.WaitGroup
		)
		deadline := time.Now().Add(dur)
		t0 := time.Now()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(c), 7))
				var mine []time.Duration
				for n := 0; time.Now().Before(deadline); n++ {
					var url string
					if n%2 == 0 {
						d := dyads[rng.IntN(len(dyads))]
						url = base + "/api/v1/ledger?a=" + d[0] + "&b=" + d[1]
					} else {
						url = base + "/api/v1/cohesion?actors=" + groups[rng.IntN(len(groups))]
					}
					s := time.Now()
					resp, err := client.Get(url)
					if err == nil {
						_, err = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if err == nil && resp.StatusCode != 200 {
							err = fmt.Errorf("%s: status %d", url, resp.StatusCode)
						}
					}
					mine = append(mine, time.Since(s))
					if err != nil {
						errs.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					}
				}
				mu.Lock()
				latencies = append(latencies, mine...)
				mu.Unlock()
			}(c)
		}
		wg.Wait()
		elapsed := time.Since(t0)
		sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
		q := func(p float64) float64 {
			if len(latencies) == 0 {
				return 0
			}
			return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
		}
		b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "requests/s")
		b.ReportMetric(q(0.50), "p50-ms")
		b.ReportMetric(q(0.99), "p99-ms")
		b.ReportMetric(float64(errs.Load()), "errors")
		b.ReportMetric(0, "ns/op")
		if e := firstErr.Load(); e != nil {
			b.Errorf("%d errors; first: %v", errs.Load(), e)
		}
		fmt.Fprintf(os.Stderr, "load: %d clients, %s, %d requests, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors\n",
			clients, elapsed.Round(time.Millisecond), len(latencies), float64(len(latencies))/elapsed.Seconds(), q(0.5), q(0.99), errs.Load())
	}
}

// TestBaselineEndpoints runs the read endpoints on the real baseline in a
// SQLite store, as `axis serve` does.
func TestBaselineEndpoints(t *testing.T) {
	base := start(t, baselineStore(t), axishttp.Options{})
	for _, p := range []string{
		"/api/v1/relations?between=RUS,PRK&family=commitment&evidence=true",
		"/api/v1/ledger?a=RUS&b=PRK",
		"/api/v1/cohesion?actors=RUS,CHN,PRK,IRN",
		"/api/v1/centrality",
		"/api/v1/blocs",
		"/api/v1/search?q=artillery",
	} {
		resp, env := do(t, base, call{path: p})
		if resp.StatusCode != 200 || env.Status != "success" {
			t.Errorf("%s: %d %s", p, resp.StatusCode, env.Error)
		}
	}
	_, env := do(t, base, call{path: "/api/v1/relations?between=RUS,PRK&kind=defense_pact&evidence=true"})
	p := decode[page[axis.Relation]](t, env.Data)
	if len(p.Items) != 1 || p.Items[0].Commitment == nil || p.Items[0].Commitment.Signed.Year != 2024 || len(p.Items[0].Evidence) == 0 {
		t.Errorf("the 2024 RUS–PRK treaty: %+v", p.Items)
	}
}

// BenchmarkEndpoints measures one client's sequential requests: the cost
// of each endpoint without contention.
func BenchmarkEndpoints(b *testing.B) {
	st := baselineStore(b)
	base := start(b, st, axishttp.Options{CacheTTL: -1})
	client := &http.Client{}
	for _, ep := range []struct{ name, path string }{
		{"ledger", "/api/v1/ledger?a=RUS&b=PRK"},
		{"cohesion", "/api/v1/cohesion?actors=RUS,CHN,PRK,IRN"},
		{"relations", "/api/v1/relations?between=RUS,PRK&evidence=true"},
		{"healthz", "/healthz"},
	} {
		b.Run(ep.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				resp, err := client.Get(base + ep.path)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("%s: %d", ep.path, resp.StatusCode)
				}
			}
		})
	}
}
