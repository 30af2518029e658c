package http_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	axishttp "axis/http"
)

// FuzzQuery sends arbitrary query strings to the list and analysis
// endpoints: every answer is an envelope, never a 500.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"between=RUS,PRK&evidence=true", "kind=arms,troops&status=reported&since=2024-01", "limit=0", "offset=-1",
		"a=RUS&b=PRK&at=2024-13-01", "actors=RUS,,CHN", "since=2025&until=2024", "q=%22", "by=week", "family=transfer,x",
	} {
		f.Add("/api/v1/relations", s)
		f.Add("/api/v1/ledger", s)
	}
	h := axishttp.NewServer(fixture(f), axishttp.Options{Addr: "127.0.0.1:0", CacheTTL: -1}).Handler()
	paths := []string{"/api/v1/relations", "/api/v1/actors", "/api/v1/ledger", "/api/v1/cohesion", "/api/v1/dependency", "/api/v1/centrality", "/api/v1/blocs", "/api/v1/trend", "/api/v1/search"}
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		p := paths[len(path)%len(paths)]
		req := httptest.NewRequest("GET", "http://127.0.0.1"+p, nil)
		req.URL.RawQuery = rawQuery
		if _, err := url.ParseQuery(rawQuery); err != nil {
			req.URL.RawQuery = url.QueryEscape(rawQuery)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s?%s: %d %s", p, rawQuery, rec.Code, rec.Body)
		}
		if !strings.Contains(rec.Body.String(), `"status":`) {
			t.Fatalf("%s?%s: not an envelope: %s", p, rawQuery, rec.Body)
		}
	})
}

// FuzzIngestBody sends arbitrary bodies to the ingest preview: bad input
// is a 4xx envelope, never a 500 or a panic.
func FuzzIngestBody(f *testing.F) {
	f.Add("application/json", `{"text":"North Korea shipped shells to Russia."}`)
	f.Add("application/json", `{"text":"x","date":"2024-02-30"}`)
	f.Add("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.html\"\r\n\r\n<p>Iran sent drones to Russia.</p>\r\n--B--\r\n")
	f.Add("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n2024\r\n--B")
	f.Add("text/plain", "hello")
	h := axishttp.NewServer(fixture(f), axishttp.Options{Addr: "127.0.0.1:0", Coder: testCoder(f), MaxUpload: 1 << 16}).Handler()
	f.Fuzz(func(t *testing.T, ctype, body string) {
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/v1/ingest?dry_run=true", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("%q %q: %d %s", ctype, body, rec.Code, rec.Body)
		}
	})
}
