package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"axis"
	"axis/postgres"
	"axis/postgres/pgtest"
	"axis/storetest"
)

var ctx = context.Background()

func openTemp(t *testing.T) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	pgtest.ServerURL(t)
	storetest.Run(t, func(t *testing.T) axis.Store { return openTemp(t) })
}

func seed(t *testing.T, s axis.Store, codes ...string) {
	t.Helper()
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, c := range codes {
			if err := w.PutActor(&axis.Actor{Code: c, Name: c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	url := pgtest.Schema(t)
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Created() {
		t.Error("first Open: Created() = false, want true")
	}
	seed(t, s, "RUS", "PRK")
	s.Close()
	for i := range 2 {
		s, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatalf("Open %d: %v", i+2, err)
		}
		if s.Created() {
			t.Errorf("Open %d of a store with actors: Created() = true", i+2)
		}
		var n int
		if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("Open %d: %d migrations recorded, want 1", i+2, n)
		}
		if st, _ := s.Stats(ctx); st.Actors != 2 {
			t.Errorf("Open %d: %d actors, want 2", i+2, st.Actors)
		}
		s.Close()
	}
}

func TestConcurrentOpen(t *testing.T) {
	url := pgtest.Schema(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	created := make([]bool, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, url)
			if err != nil {
				errs[i] = err
				return
			}
			created[i] = s.Created()
			s.Close()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
	}
}

// TestConcurrentWrites writes the same relations from two pools (as two
// processes would) at once: each key ends up stored once with each piece
// of evidence once, and the write results add up.
func TestConcurrentWrites(t *testing.T) {
	url := pgtest.Schema(t)
	a, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	seed(t, a, "RUS", "PRK", "IRN", "CHN")
	const rounds, perWrite = 10, 20
	batch := func(round, writer int) func(w axis.Writer) error {
		return func(w axis.Writer) error {
			for i := range perWrite {
				src := []string{"PRK", "IRN", "CHN"}[i%3]
				r := &axis.Relation{Source: src, Target: "RUS", Kind: axis.Arms, Date: axis.Day(2000+i, 1, 1),
					Item: []string{"drones", "artillery_ammunition"}[i%2],
					Evidence: []axis.Evidence{{DocumentID: fmt.Sprintf("d%d", round), Sentence: fmt.Sprintf("shipment %d", i),
						Method: axis.MethodManual, Confidence: 0.5}}}
				if _, err := w.PutRelation(r); err != nil {
					return err
				}
			}
			return nil
		}
	}
	var wg sync.WaitGroup
	results := make([][]axis.WriteResult, 2)
	errs := make([]error, 2)
	for wi, s := range []*postgres.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range rounds {
				res, err := s.Write(ctx, batch(round, wi))
				if err != nil {
					errs[wi] = err
					return
				}
				results[wi] = append(results[wi], res)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var relNew, evNew int
	for _, rs := range results {
		for _, r := range rs {
			relNew += r.RelationsNew
			evNew += r.EvidenceNew
		}
	}
	st, err := a.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 20 relations (one a year). Every round adds one new piece of
	// evidence to each (its own document); the other writer's round of the
	// same number adds nothing.
	if st.Relations != perWrite || st.Evidence != perWrite*rounds {
		t.Errorf("stored %d relations, %d evidence; want %d and %d", st.Relations, st.Evidence, perWrite, perWrite*rounds)
	}
	if relNew != st.Relations || evNew != st.Evidence {
		t.Errorf("write results sum to %d new relations, %d new evidence; store has %d and %d", relNew, evNew, st.Relations, st.Evidence)
	}
	rels, err := b.Relations(ctx, axis.RelationFilter{WithEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rels {
		if r.Events != len(r.Evidence) {
			t.Errorf("relation %s: %d events, %d evidence; want equal", r.Key(), r.Events, len(r.Evidence))
		}
	}
}

func TestRollbackOnPanic(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s, "RUS", "PRK")
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the callback's panic", p)
			}
		}()
		s.Write(ctx, func(w axis.Writer) error {
			w.PutActor(&axis.Actor{Code: "KAZ", Name: "Kazakhstan", Kind: axis.ActorState})
			w.PutRelation(&axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.Visit,
				Evidence: []axis.Evidence{{DocumentID: "d", Sentence: "s", Method: "manual"}}})
			panic("boom")
		})
	}()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Actors != 2 || st.Relations != 0 || st.Evidence != 0 {
		t.Errorf("after a panicking write: %+v; want 2 actors and nothing else", st)
	}
	// The store is still usable, and its pool has every connection back.
	seed(t, s, "KAZ")
	if st := s.Pool().Stat(); st.AcquiredConns() != 0 {
		t.Errorf("%d connections still acquired", st.AcquiredConns())
	}
}

// TestRollbackAfterFlush fails a Write after more relations than one COPY
// batch: what was already copied into the tables is rolled back too.
func TestRollbackAfterFlush(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s, "RUS", "PRK")
	bad := errors.New("stop here")
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for i := range 6000 {
			r := &axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.Visit, Date: axis.Day(1000+i, 1, 1),
				Evidence: []axis.Evidence{{DocumentID: "d", Sentence: "visit", Method: "manual"}}}
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return bad
	})
	if !errors.Is(err, bad) {
		t.Fatalf("Write = %v, want the callback's error", err)
	}
	if st, _ := s.Stats(ctx); st.Relations != 0 || st.Evidence != 0 {
		t.Errorf("after a failed bulk write: %d relations, %d evidence; want none", st.Relations, st.Evidence)
	}
}

func TestSearchSyntax(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s, "RUS", "PRK", "IRN")
	sentences := map[string]string{
		"d1": "North Korea shipped artillery shells to Russia by rail.",
		"d2": "Kim Jong-un inspected the artillery factory.",
		"d3": "Iran delivered Shahed drones to Russia.",
	}
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for i, doc := range []string{"d1", "d2", "d3"} {
			src := map[string]string{"d1": "PRK", "d2": "PRK", "d3": "IRN"}[doc]
			r := &axis.Relation{Source: src, Target: "RUS", Kind: axis.Arms, Date: axis.Day(2024, i+1, 1),
				Evidence: []axis.Evidence{{DocumentID: doc, Sentence: sentences[doc], Method: "manual"}}}
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ query, want string }{
		{"shell", "d1"},              // stemmed
		{"artil*", "d1,d2"},          // prefix
		{"artillery NOT rail", "d2"}, // NOT
		{"artillery -rail", "d2"},    // websearch's minus
		{"shells OR drones", "d1,d3"},
		{`"artillery shells"`, "d1"},
		{`"shells artillery"`, ""},
		{"Jong-un", "d2"},
		{"U.S. (sanctions", ""}, // punctuation never breaks the parser
		{"the", ""},             // stop words only
		{"artillery AND Russia", "d1"},
		{`"unbalanced quote`, ""},
	}
	for _, c := range cases {
		hits, err := s.Search(ctx, c.query, 0)
		if err != nil {
			t.Errorf("Search(%q): %v", c.query, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Evidence.DocumentID)
		}
		if g := strings.Join(sorted(got), ","); g != c.want {
			t.Errorf("Search(%q) = %s, want %s", c.query, g, c.want)
		}
	}
	hits, err := s.Search(ctx, "artillery shells", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search: %v, %d hits", err, len(hits))
	}
	if h := hits[0]; !strings.Contains(h.Snippet, "[artillery]") || !strings.Contains(h.Snippet, "[shells]") || h.Rank >= 0 {
		t.Errorf("hit snippet %q rank %v; want the words marked [like this] and a negative rank", h.Snippet, h.Rank)
	}
	// Better matches first: both words close together rank above one word.
	hits, _ = s.Search(ctx, "artillery OR shells", 10)
	if len(hits) != 2 || hits[0].Evidence.DocumentID != "d1" || hits[0].Rank > hits[1].Rank {
		t.Errorf("ranking: %+v", hits)
	}
}

func sorted(xs []string) []string {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	return xs
}

func TestOpenErrors(t *testing.T) {
	cases := []struct {
		name, url string
		has       []string
	}{
		{"unreachable", "postgres://axis:s3cret@127.0.0.1:1/axis?sslmode=disable&connect_timeout=2",
			[]string{"postgres://axis@127.0.0.1:1/axis", "cannot connect"}},
		{"bad URL", "postgres://axis:s3cret@127.0.0.1:notaport/axis", []string{"invalid connection URL"}},
		{"bad option", "postgres://axis:s3cret@127.0.0.1/axis?sslmode=sometimes", []string{"invalid connection URL", "postgres://axis@127.0.0.1/axis"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			s, err := postgres.Open(ctx, c.url)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if strings.Contains(msg, "s3cret") {
				t.Errorf("error %q shows the password", msg)
			}
			for _, h := range c.has {
				if !strings.Contains(msg, h) {
					t.Errorf("error %q does not say %q", msg, h)
				}
			}
		})
	}
}

func TestMissingSchema(t *testing.T) {
	server := pgtest.ServerURL(t)
	_, err := postgres.Open(ctx, pgtest.WithSearchPath(server, "axis_no_such_schema"))
	if err == nil || !strings.Contains(err.Error(), "search_path") {
		t.Errorf("Open with a missing schema: %v; want an error about search_path", err)
	}
}

func TestRedact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"postgres://u:pw@h:5432/db?sslmode=disable", "postgres://u@h:5432/db?sslmode=disable"},
		{"postgresql://u@h/db", "postgresql://u@h/db"},
		{"postgres://h/db?password=pw&sslmode=disable", "postgres://h/db?sslmode=disable"},
		{"host=h user=u password=pw dbname=db", "host=h user=u password=… dbname=db"},
	}
	for _, c := range cases {
		if got := postgres.Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for s, want := range map[string]bool{"postgres://x": true, "PostgreSQL://x": true, "/tmp/axis.db": false, "postgres.db": false} {
		if postgres.IsURL(s) != want {
			t.Errorf("IsURL(%q) = %v", s, !want)
		}
	}
}

func TestUnorderedReader(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s, "RUS", "PRK")
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, y := range []int{2024, 2020, 2022} {
			r := &axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.Visit, Date: axis.Day(y, 1, 1),
				Evidence: []axis.Evidence{{DocumentID: "d", Sentence: "visit", Method: "manual"}}}
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var ordered, unordered []int64
	s.EachRelation(ctx, axis.RelationFilter{}, func(r *axis.Relation) error { ordered = append(ordered, r.ID); return nil })
	s.EachRelationUnordered(ctx, axis.RelationFilter{}, func(r *axis.Relation) error { unordered = append(unordered, r.ID); return nil })
	if fmt.Sprint(ordered) != "[2 3 1]" || fmt.Sprint(unordered) != "[1 2 3]" {
		t.Errorf("date order %v, unordered %v; want [2 3 1] and [1 2 3]", ordered, unordered)
	}
}

// A Write waits for another one only so long, then says the store is busy
// (ECONFLICT) and writes nothing.
func TestWriteLockTimeout(t *testing.T) {
	url := pgtest.Schema(t)
	a, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	seed(t, a, "RUS", "PRK")
	old := postgres.WriteLockTimeout
	postgres.WriteLockTimeout = 200 * time.Millisecond
	defer func() { postgres.WriteLockTimeout = old }()

	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := a.Write(ctx, func(w axis.Writer) error {
			close(holding)
			<-release
			return nil
		})
		done <- err
	}()
	<-holding
	before, _ := b.Stats(ctx)
	_, err = b.Write(ctx, func(w axis.Writer) error {
		_, err := w.PutRelation(&axis.Relation{Source: "PRK", Target: "RUS", Kind: axis.Visit, Date: axis.Day(2024, 1, 2),
			Evidence: []axis.Evidence{{DocumentID: "d", Sentence: "a visit", Method: axis.MethodManual, Confidence: 0.5}}})
		return err
	})
	close(release)
	if axis.ErrorCode(err) != axis.ECONFLICT || !strings.Contains(err.Error(), "another write") {
		t.Errorf("a Write behind a busy one: %v, want ECONFLICT saying another write holds the store", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if after, _ := b.Stats(ctx); after.Relations != before.Relations {
		t.Errorf("the refused Write stored something: %d -> %d relations", before.Relations, after.Relations)
	}
	// Once the store is free, the same Write goes through.
	if _, err := b.Write(ctx, func(w axis.Writer) error { return nil }); err != nil {
		t.Errorf("Write after the other finished: %v", err)
	}
}
