package http

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"sync"
	"time"
)

// DefaultCacheTTL is how long an analysis answer is reused.
const DefaultCacheTTL = 2 * time.Second

// Cache limits: entries kept, and the largest answer kept.
const (
	cacheEntries = 512
	cacheMaxBody = 2 << 20
)

// answerCache keeps recent successful answers of the read-only analysis
// endpoints, which are pure functions of the store: 50 analysts opening
// the same dyad cost one computation. Concurrent requests for the same URL
// wait for one computation (single flight). Any write through this server
// drops every entry; writes by other processes to the same store show
// after at most the TTL.
type answerCache struct {
	ttl time.Duration
	mu  sync.Mutex
	gen uint64 // bumped by every write
	m   map[string]*cacheEntry
}

type cacheEntry struct {
	done    chan struct{} // closed when the computation ends
	gen     uint64
	expires time.Time
	ok      bool // a cacheable 200 answer
	header  http.Header
	body    []byte

	gzOnce sync.Once
	gz     []byte // body compressed once, for clients that accept gzip
}

func newAnswerCache(ttl time.Duration) *answerCache {
	if ttl <= 0 {
		return nil
	}
	return &answerCache{ttl: ttl, m: map[string]*cacheEntry{}}
}

// invalidate drops every answer; call it after a write.
func (c *answerCache) invalidate() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.gen++
	c.m = map[string]*cacheEntry{}
	c.mu.Unlock()
}

// serve answers from the cache or runs h once for all concurrent callers
// of the same key.
func (c *answerCache) serve(w http.ResponseWriter, r *http.Request, h func(http.ResponseWriter, *http.Request)) {
	key := r.URL.Path + "?" + r.URL.Query().Encode()
	now := time.Now()
	c.mu.Lock()
	e := c.m[key]
	if e != nil {
		select {
		case <-e.done:
			if !e.ok || now.After(e.expires) || e.gen != c.gen {
				e = nil
			}
		default: // in flight: wait for it below
		}
	}
	if e != nil {
		c.mu.Unlock()
		<-e.done
		if e.ok {
			e.write(w, r, "hit")
			return
		}
		h(w, r) // the shared computation failed: answer this one ourselves
		return
	}
	if len(c.m) >= cacheEntries {
		for k, old := range c.m {
			select {
			case <-old.done:
				delete(c.m, k)
			default:
			}
			if len(c.m) < cacheEntries/2 {
				break
			}
		}
	}
	e = &cacheEntry{done: make(chan struct{}), gen: c.gen}
	c.m[key] = e
	c.mu.Unlock()

	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	func() {
		defer func() {
			if !e.ok {
				c.mu.Lock()
				if c.m[key] == e {
					delete(c.m, key)
				}
				c.mu.Unlock()
			}
			close(e.done)
		}()
		h(rec, r)
		if rec.status == http.StatusOK && rec.body.Len() <= cacheMaxBody {
			e.header, e.body, e.expires, e.ok = rec.header, rec.body.Bytes(), time.Now().Add(c.ttl), true
		}
	}()
	if e.ok {
		e.write(w, r, "miss")
		return
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

func (e *cacheEntry) write(w http.ResponseWriter, r *http.Request, how string) {
	for k, v := range e.header {
		w.Header()[k] = v
	}
	w.Header().Set("X-Axis-Cache", how)
	body := e.body
	if acceptsGzip(r.Header.Get("Accept-Encoding")) && len(e.body) > 512 {
		e.gzOnce.Do(func() {
			var buf bytes.Buffer
			zw := gzipPool.Get().(*gzip.Writer)
			zw.Reset(&buf)
			_, _ = zw.Write(e.body)
			_ = zw.Close()
			gzipPool.Put(zw)
			e.gz = buf.Bytes()
		})
		// gzipHandler leaves a response that is already encoded alone.
		w.Header().Set("Content-Encoding", "gzip")
		body = e.gz
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// recorder buffers a handler's answer.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}
