package http_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"axis"
	axishttp "axis/http"
	"axis/inmem"
)

const testToken = "s3cret-token-for-tests"

// fixture is a small world written for these tests: a Russia–DPRK treaty,
// shells one way and oil the other, a sanction and an exercise.
func fixture(t testing.TB) *inmem.Store {
	t.Helper()
	st := inmem.New()
	doc := func(n string) string { return axis.HashContent([]byte(n)) }
	ev := func(docName, sentence string, status axis.Status) axis.Evidence {
		return axis.Evidence{DocumentID: doc(docName), Source: "Test Wire", URL: "https://example.org/" + docName,
			Published: axis.MustParseDate("2024-06-20"), Sentence: sentence, Method: axis.MethodManual, Confidence: 0.9, Status: status}
	}
	_, err := st.Write(context.Background(), func(w axis.Writer) error {
		for _, a := range []axis.Actor{
			{Code: "RUS", Name: "Russia", Kind: axis.ActorState, Aliases: []string{"Moscow"}, Theaters: []string{"europe"}},
			{Code: "PRK", Name: "North Korea", Kind: axis.ActorState, Aliases: []string{"Pyongyang", "DPRK"}, Theaters: []string{"east_asia"}},
			{Code: "CHN", Name: "China", Kind: axis.ActorState, Theaters: []string{"east_asia"}},
			{Code: "IRN", Name: "Iran", Kind: axis.ActorState, Theaters: []string{"middle_east"}},
			{Code: "USA", Name: "United States", Kind: axis.ActorState, Theaters: []string{"global"}},
			{Code: "NATO", Name: "North Atlantic Treaty Organization", Kind: axis.ActorOrganization},
		} {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		for _, n := range []string{"treaty", "shells", "oil", "sanction", "drill"} {
			if _, err := w.PutDocument(&axis.Document{ID: doc(n), Kind: axis.DocArticle, Title: n, Published: axis.MustParseDate("2024-06-20")}); err != nil {
				return err
			}
		}
		rels := []axis.Relation{
			{Source: "RUS", Target: "PRK", Kind: axis.DefensePact, Date: axis.MustParseDate("2024-06-19"),
				Commitment: &axis.Commitment{Signed: axis.MustParseDate("2024-06-19"), InForce: axis.MustParseDate("2024-12-04"), Title: "Treaty on Comprehensive Strategic Partnership", Article: "4"},
				Evidence:   []axis.Evidence{ev("treaty", "Moscow and Pyongyang signed a pact promising mutual military assistance.", axis.Confirmed)}},
			{Source: "PRK", Target: "RUS", Kind: axis.Arms, Item: "artillery_ammunition", Date: axis.MustParseDate("2023-10"), Status: axis.Reported,
				Quantity: &axis.Quantity{Value: 1000000, Unit: "shells", Bound: "over"},
				Evidence: []axis.Evidence{ev("shells", `Pyongyang shipped <script>alert(1)</script> over a million shells to Russia.`, axis.Reported)}},
			{Source: "RUS", Target: "PRK", Kind: axis.Energy, Item: "oil", Date: axis.MustParseDate("2024-03"), Status: axis.Alleged,
				Evidence: []axis.Evidence{ev("oil", "Russia sent oil to North Korea above the UN cap.", axis.Alleged)}},
			{Source: "USA", Target: "RUS", Kind: axis.Sanction, Date: axis.MustParseDate("2022-02-24"),
				Evidence: []axis.Evidence{ev("sanction", "Washington imposed sweeping sanctions on Moscow.", axis.Confirmed)}},
			{Source: "CHN", Target: "RUS", Kind: axis.JointExercise, Item: "naval", Date: axis.MustParseDate("2024-07"),
				Evidence: []axis.Evidence{ev("drill", "China and Russia held joint naval drills.", axis.Confirmed)}},
			{Source: "IRN", Target: "RUS", Kind: axis.Arms, Item: "drones", Date: axis.MustParseDate("2022-09"), Status: axis.Reported,
				Evidence: []axis.Evidence{ev("drill", "Iran delivered drones to Russia, officials said.", axis.Reported)}},
		}
		for i := range rels {
			if _, err := w.PutRelation(&rels[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// start runs a real server on a loopback port until the test ends.
func start(t testing.TB, st axis.Store, opts axishttp.Options) string {
	t.Helper()
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	srv := axishttp.NewServer(st, opts)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return srv.URL()
}

type envelope struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
}

type call struct {
	method, path string
	body         string
	ctype        string
	token        string
}

func do(t testing.TB, base string, c call) (*http.Response, envelope) {
	t.Helper()
	if c.method == "" {
		c.method = "GET"
	}
	req, err := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		ct := c.ctype
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatalf("%s %s: body is not a JSON envelope: %v\n%s", c.method, c.path, err, b)
	}
	return resp, env
}

type page[T any] struct {
	Items      []T  `json:"items"`
	Limit      int  `json:"limit"`
	Offset     int  `json:"offset"`
	NextOffset *int `json:"next_offset"`
}

func decode[T any](t testing.TB, raw json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, raw)
	}
	return v
}

func relKinds(rs []axis.Relation) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Source+">"+r.Target+":"+string(r.Kind))
	}
	return strings.Join(out, " ")
}

func TestReadEndpoints(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	tests := []struct {
		name    string
		path    string
		status  int
		errType string
		errHas  string
		check   func(t *testing.T, data json.RawMessage)
	}{
		{name: "healthz", path: "/healthz", status: 200},
		{name: "readyz", path: "/readyz", status: 200},
		{name: "stats", path: "/api/v1/stats", status: 200, check: func(t *testing.T, d json.RawMessage) {
			st := decode[axis.Stats](t, d)
			if st.Actors != 6 || st.Relations != 6 {
				t.Errorf("stats = %+v, want 6 actors and 6 relations", st)
			}
		}},
		{name: "ontology", path: "/api/v1/ontology", status: 200, check: func(t *testing.T, d json.RawMessage) {
			o := decode[axishttp.OntologyData](t, d)
			if len(o.Kinds) != len(axis.Ontology) || len(o.Families) != 4 {
				t.Errorf("ontology has %d kinds and %d families", len(o.Kinds), len(o.Families))
			}
		}},
		{name: "actors all", path: "/api/v1/actors", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Actor]](t, d)
			if len(p.Items) != 6 || p.NextOffset != nil {
				t.Errorf("got %d actors, next %v", len(p.Items), p.NextOffset)
			}
		}},
		{name: "actors paged", path: "/api/v1/actors?limit=4", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Actor]](t, d)
			if len(p.Items) != 4 || p.NextOffset == nil || *p.NextOffset != 4 {
				t.Errorf("got %d actors, next %v; want 4 and next 4", len(p.Items), p.NextOffset)
			}
		}},
		{name: "actors second page", path: "/api/v1/actors?limit=4&offset=4", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Actor]](t, d)
			if len(p.Items) != 2 || p.NextOffset != nil {
				t.Errorf("got %d actors, next %v; want 2 and none", len(p.Items), p.NextOffset)
			}
		}},
		{name: "actors search alias", path: "/api/v1/actors?search=pyongyang", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Actor]](t, d)
			if len(p.Items) != 1 || p.Items[0].Code != "PRK" {
				t.Errorf("search pyongyang = %+v", p.Items)
			}
		}},
		{name: "actors by kind", path: "/api/v1/actors?kind=organization", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Actor]](t, d)
			if len(p.Items) != 1 || p.Items[0].Code != "NATO" {
				t.Errorf("kind=organization = %+v", p.Items)
			}
		}},
		{name: "actors bad kind", path: "/api/v1/actors?kind=planet", status: 400, errType: "invalid", errHas: "armed_group"},
		{name: "actors bad limit", path: "/api/v1/actors?limit=0", status: 400, errType: "invalid", errHas: "limit"},
		{name: "actor", path: "/api/v1/actors/prk", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if a := decode[axis.Actor](t, d); a.Name != "North Korea" {
				t.Errorf("actor = %+v", a)
			}
		}},
		{name: "actor unknown", path: "/api/v1/actors/XYZ", status: 404, errType: "not_found"},
		{name: "actor malformed", path: "/api/v1/actors/r", status: 400, errType: "invalid"},
		{name: "relations between", path: "/api/v1/relations?between=PRK,RUS", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Relation]](t, d)
			if got := relKinds(p.Items); got != "PRK>RUS:arms RUS>PRK:energy PRK>RUS:defense_pact" && len(p.Items) != 3 {
				t.Errorf("between = %s", got)
			}
			for _, r := range p.Items {
				if len(r.Evidence) != 0 {
					t.Errorf("evidence loaded without evidence=true")
				}
			}
		}},
		{name: "relations with evidence", path: "/api/v1/relations?between=RUS,PRK&family=commitment&evidence=true", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Relation]](t, d)
			if len(p.Items) != 1 || p.Items[0].Commitment == nil || p.Items[0].Commitment.Article != "4" || len(p.Items[0].Evidence) != 1 {
				t.Fatalf("treaty = %+v", p.Items)
			}
		}},
		{name: "relations actor kind", path: "/api/v1/relations?actor=RUS&kind=arms", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Relation]](t, d)
			if got := relKinds(p.Items); got != "IRN>RUS:arms PRK>RUS:arms" {
				t.Errorf("arms to RUS = %s", got)
			}
		}},
		{name: "relations item", path: "/api/v1/relations?item=drones", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if got := relKinds(decode[page[axis.Relation]](t, d).Items); got != "IRN>RUS:arms" {
				t.Errorf("item=drones = %s", got)
			}
		}},
		{name: "relations status", path: "/api/v1/relations?status=alleged,reported&family=transfer", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if got := relKinds(decode[page[axis.Relation]](t, d).Items); got != "IRN>RUS:arms PRK>RUS:arms RUS>PRK:energy" {
				t.Errorf("status filter = %s", got)
			}
		}},
		{name: "relations since until", path: "/api/v1/relations?since=2024-01&until=2024-06", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if got := relKinds(decode[page[axis.Relation]](t, d).Items); got != "RUS>PRK:energy PRK>RUS:defense_pact" {
				t.Errorf("since/until = %s", got)
			}
		}},
		{name: "relations at", path: "/api/v1/relations?at=2024-01-01&family=commitment", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if got := relKinds(decode[page[axis.Relation]](t, d).Items); got != "" {
				t.Errorf("treaty in force before it entered into force: %s", got)
			}
		}},
		{name: "relations actors set", path: "/api/v1/relations?actors=RUS,CHN,IRN", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if got := relKinds(decode[page[axis.Relation]](t, d).Items); got != "IRN>RUS:arms CHN>RUS:joint_exercise" {
				t.Errorf("actors set = %s", got)
			}
		}},
		{name: "relations paging", path: "/api/v1/relations?limit=2&offset=1", status: 200, check: func(t *testing.T, d json.RawMessage) {
			p := decode[page[axis.Relation]](t, d)
			if len(p.Items) != 2 || p.NextOffset == nil || *p.NextOffset != 3 {
				t.Errorf("paging: %d items, next %v", len(p.Items), p.NextOffset)
			}
		}},
		{name: "relations bad kind", path: "/api/v1/relations?kind=alliance", status: 400, errType: "invalid", errHas: "defense_pact"},
		{name: "relations bad family", path: "/api/v1/relations?family=friendship", status: 400, errType: "invalid", errHas: "cooperation"},
		{name: "relations bad status", path: "/api/v1/relations?status=maybe", status: 400, errType: "invalid", errHas: "prospective"},
		{name: "relations bad date", path: "/api/v1/relations?since=June", status: 400, errType: "invalid", errHas: "YYYY-MM"},
		{name: "relations bad between", path: "/api/v1/relations?between=RUS", status: 400, errType: "invalid", errHas: "two actor codes"},
		{name: "relations reversed window", path: "/api/v1/relations?since=2025&until=2024", status: 400, errType: "invalid"},
		{name: "relations limit too big", path: "/api/v1/relations?limit=5000", status: 400, errType: "invalid"},
		{name: "relation", path: "/api/v1/relations/1", status: 200, check: func(t *testing.T, d json.RawMessage) {
			if r := decode[axis.Relation](t, d); r.Kind != axis.DefensePact || len(r.Evidence) != 1 {
				t.Errorf("relation 1 = %+v", r)
			}
		}},
		{name: "relation unknown", path: "/api/v1/relations/999", status: 404, errType: "not_found"},
		{name: "relation bad id", path: "/api/v1/relations/abc", status: 400, errType: "invalid"},
		{name: "evidence", path: "/api/v1/relations/2/evidence", status: 200, check: func(t *testing.T, d json.RawMessage) {
			ev := decode[[]axis.Evidence](t, d)
			if len(ev) != 1 || !strings.Contains(ev[0].Sentence, "<script>") || ev[0].URL != "https://example.org/shells" {
				t.Errorf("evidence = %+v", ev)
			}
		}},
		{name: "evidence unknown relation", path: "/api/v1/relations/999/evidence", status: 404, errType: "not_found"},
		{name: "search", path: "/api/v1/search?q=naval", status: 200, check: func(t *testing.T, d json.RawMessage) {
			hits := decode[[]axis.SearchHit](t, d)
			if len(hits) != 1 || hits[0].Relation.Kind != axis.JointExercise {
				t.Errorf("search naval = %+v", hits)
			}
		}},
		{name: "search needs q", path: "/api/v1/search", status: 400, errType: "invalid", errHas: "q"},
		{name: "unknown endpoint", path: "/api/v1/nothing", status: 404, errType: "not_found"},
		{name: "openapi", path: "/api/v1/openapi.json", status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := do(t, base, call{path: tt.path})
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s: %s)", resp.StatusCode, tt.status, env.ErrorType, env.Error)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, "application/json") {
				t.Errorf("content type %q", got)
			}
			if tt.status < 300 {
				if env.Status != "success" && tt.path != "/api/v1/openapi.json" {
					t.Errorf("envelope status %q", env.Status)
				}
			} else {
				if env.Status != "error" || env.ErrorType != tt.errType || env.Error == "" {
					t.Errorf("envelope = %+v, want error of type %s", env, tt.errType)
				}
				if !strings.Contains(env.Error, tt.errHas) {
					t.Errorf("error %q does not mention %q", env.Error, tt.errHas)
				}
			}
			if tt.check != nil {
				tt.check(t, env.Data)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	resp, env := do(t, base, call{method: "DELETE", path: "/api/v1/actors"})
	if resp.StatusCode != 405 || env.ErrorType != "method_not_allowed" || resp.Header.Get("Allow") != "GET" {
		t.Errorf("DELETE actors: %d %+v allow=%q", resp.StatusCode, env, resp.Header.Get("Allow"))
	}
}

func TestGzipAndSecurityHeaders(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	req, _ := http.NewRequest("GET", base+"/api/v1/relations?evidence=true", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var env envelope
	if err := json.NewDecoder(zr).Decode(&env); err != nil || env.Status != "success" {
		t.Fatalf("gzip body: %v %+v", err, env)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP = %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("no nosniff header")
	}
}

func TestUI(t *testing.T) {
	ui := fstest.MapFS{
		"index.html":  {Data: []byte("<!doctype html><title>axis ui</title>")},
		"assets/a.js": {Data: []byte("console.log(1)")},
	}
	base := start(t, fixture(t), axishttp.Options{UI: ui})
	for _, tt := range []struct{ path, want, ctype string }{
		{"/", "axis ui", "text/html"},
		{"/scenario", "axis ui", "text/html"},
		{"/assets/a.js", "console.log", "text/javascript"},
	} {
		resp, err := http.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(b, []byte(tt.want)) || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s: %d %q %s", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	}
	resp, err := http.Get(base + "/assets/missing.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("missing asset: %d", resp.StatusCode)
	}
}

// slowStore blocks every read until its context ends.
type slowStore struct{ *inmem.Store }

func (s slowStore) Actors(ctx context.Context, f axis.ActorFilter) ([]axis.Actor, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// panicStore panics on Stats and fails Relations with a raw error.
type panicStore struct{ *inmem.Store }

func (s panicStore) Stats(ctx context.Context) (axis.Stats, error) {
	panic("boom at /secret/path/store.go:42")
}

func (s panicStore) Relations(ctx context.Context, f axis.RelationFilter) ([]axis.Relation, error) {
	return nil, io.ErrUnexpectedEOF
}

func TestTimeoutsAndInternalErrors(t *testing.T) {
	base := start(t, slowStore{fixture(t)}, axishttp.Options{Timeout: 50 * time.Millisecond})
	t0 := time.Now()
	resp, env := do(t, base, call{path: "/api/v1/actors"})
	if resp.StatusCode != 503 || env.ErrorType != "timeout" {
		t.Errorf("slow handler: %d %+v", resp.StatusCode, env)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("timeout took %v", d)
	}
	resp, env = do(t, base, call{path: "/readyz"})
	if resp.StatusCode != 503 || env.ErrorType != "unavailable" {
		t.Errorf("readyz on a stuck store: %d %+v", resp.StatusCode, env)
	}

	base = start(t, panicStore{fixture(t)}, axishttp.Options{})
	for _, p := range []string{"/api/v1/stats", "/api/v1/relations"} {
		resp, env := do(t, base, call{path: p})
		if resp.StatusCode != 500 || env.ErrorType != "internal" || env.Error != "internal error" {
			t.Errorf("%s: %d %+v", p, resp.StatusCode, env)
		}
	}
}

func TestGracefulShutdown(t *testing.T) {
	release := make(chan struct{})
	st := &blockingStore{Store: fixture(t), started: make(chan struct{}), release: release}
	srv := axishttp.NewServer(st, axishttp.Options{Addr: "127.0.0.1:0"})
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	got := make(chan int, 1)
	go func() {
		resp, err := http.Get(srv.URL() + "/api/v1/stats")
		if err != nil {
			got <- -1
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	<-st.started
	cancel() // like SIGTERM: the in-flight request must still finish
	time.Sleep(50 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("Serve returned before the in-flight request finished: %v", err)
	default:
	}
	close(release)
	if code := <-got; code != 200 {
		t.Errorf("in-flight request got %d", code)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get(srv.URL() + "/healthz"); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}

type blockingStore struct {
	*inmem.Store
	started, release chan struct{}
}

func (s *blockingStore) Stats(ctx context.Context) (axis.Stats, error) {
	close(s.started)
	<-s.release
	return s.Store.Stats(ctx)
}

func TestHostCheckOnLoopback(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	for _, tt := range []struct {
		host   string
		status int
	}{
		{"", 200}, // the real address
		{"localhost:8080", 200},
		{"[::1]:8080", 200},
		{"evil.example:8080", 421},
		{"192.168.1.5", 421},
	} {
		req, _ := http.NewRequest("GET", base+"/api/v1/stats", nil)
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("Host %q: %d, want %d", tt.host, resp.StatusCode, tt.status)
		}
	}
}
