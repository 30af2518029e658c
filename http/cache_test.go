package http_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"axis"
	axishttp "axis/http"
	"axis/inmem"
)

// countingStore counts relation walks, and can hold them to line up
// concurrent requests.
type countingStore struct {
	*inmem.Store
	walks atomic.Int64
	delay time.Duration
}

func (s *countingStore) EachRelation(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	s.walks.Add(1)
	time.Sleep(s.delay)
	return s.Store.EachRelation(ctx, f, fn)
}

func cacheHeader(t *testing.T, url string) (string, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b []byte
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			break
		}
	}
	return resp.Header.Get("X-Axis-Cache"), string(b)
}

func TestAnswerCache(t *testing.T) {
	st := &countingStore{Store: fixture(t)}
	base := start(t, st, axishttp.Options{Coder: testCoder(t), Token: testToken, CacheTTL: time.Minute})
	url := base + "/api/v1/ledger?a=IRN&b=RUS"
	h1, b1 := cacheHeader(t, url)
	h2, b2 := cacheHeader(t, url)
	if h1 != "miss" || h2 != "hit" || b1 != b2 {
		t.Fatalf("first %q, second %q, same body %v", h1, h2, b1 == b2)
	}
	if n := st.walks.Load(); n != 1 {
		t.Errorf("%d walks for two identical requests", n)
	}
	// Parameter order does not matter.
	if h, _ := cacheHeader(t, base+"/api/v1/ledger?b=RUS&a=IRN"); h != "hit" {
		t.Errorf("reordered query: %q", h)
	}
	// Errors are not cached.
	resp, env := do(t, base, call{path: "/api/v1/ledger?a=IRN&b=ZZZ"})
	if resp.StatusCode != 404 || resp.Header.Get("X-Axis-Cache") != "" {
		t.Errorf("error answer: %d %q %+v", resp.StatusCode, resp.Header.Get("X-Axis-Cache"), env)
	}
	// A write drops the cache: the new relation shows at once.
	body := `{"text":"Iran sent oil to Russia in May 2025.","date":"2025-06-01"}`
	if resp, env := do(t, base, call{method: "POST", path: "/api/v1/ingest", body: body, token: testToken}); resp.StatusCode != 200 {
		t.Fatalf("ingest: %d %s", resp.StatusCode, env.Error)
	}
	h3, b3 := cacheHeader(t, url)
	if h3 != "miss" || b3 == b1 {
		t.Errorf("after a write: %q, body changed %v", h3, b3 != b1)
	}
}

func TestAnswerCacheSingleFlight(t *testing.T) {
	st := &countingStore{Store: fixture(t), delay: 100 * time.Millisecond}
	base := start(t, st, axishttp.Options{CacheTTL: time.Minute})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(base + "/api/v1/cohesion?actors=RUS,CHN,PRK,IRN")
			if err != nil || resp.StatusCode != 200 {
				t.Errorf("concurrent request: %v %v", err, resp)
				return
			}
			resp.Body.Close()
		}()
	}
	wg.Wait()
	one := st.walks.Load()
	if one > 3 {
		t.Errorf("20 concurrent identical requests walked the store %d times", one)
	}
}

func TestAnswerCacheOff(t *testing.T) {
	st := &countingStore{Store: fixture(t)}
	base := start(t, st, axishttp.Options{CacheTTL: -1})
	for i := 0; i < 2; i++ {
		if h, _ := cacheHeader(t, base+"/api/v1/ledger?a=IRN&b=RUS"); h != "" {
			t.Errorf("cache header %q with the cache off", h)
		}
	}
	if n := st.walks.Load(); n != 2 {
		t.Errorf("%d walks, want 2 without a cache", n)
	}
}

func TestAnswerCacheEncodings(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{CacheTTL: time.Minute})
	url := base + "/api/v1/cohesion?actors=RUS,CHN,PRK,IRN"
	for i, gz := range []bool{true, false, true, false} {
		req, _ := http.NewRequest("GET", url, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = resp.Body
		if enc := resp.Header.Get("Content-Encoding"); (enc == "gzip") != gz {
			t.Errorf("request %d (gzip %v): Content-Encoding %q", i, gz, enc)
		} else if gz {
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			r = zr
		}
		var env envelope
		if err := json.NewDecoder(r).Decode(&env); err != nil || env.Status != "success" {
			t.Errorf("request %d (gzip %v, cache %s): %v %+v", i, gz, resp.Header.Get("X-Axis-Cache"), err, env.Status)
		}
		resp.Body.Close()
	}
}
