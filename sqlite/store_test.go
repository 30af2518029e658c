package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"axis"
	"axis/sqlite"
)

var ctx = context.Background()

func seed(t testing.TB, s axis.Store) {
	t.Helper()
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, c := range []string{"PRK", "RUS", "IRN", "CHN"} {
			if err := w.PutActor(&axis.Actor{Code: c, Name: c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		for i, sentence := range []string{
			"North Korea shipped artillery shells to Russia by rail.",
			"Kim Jong-un inspected the artillery units before they left.",
			"Iran delivered Shahed drones to Russia.",
		} {
			src := "PRK"
			if i == 2 {
				src = "IRN"
			}
			r := &axis.Relation{Source: src, Target: "RUS", Kind: axis.Arms, Date: axis.Day(2024, 6, i+1),
				Evidence: []axis.Evidence{{DocumentID: "doc", Sentence: sentence, Method: axis.MethodManual, Start: i, End: i + 10}}}
			if _, err := w.PutRelation(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSearchSyntax(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s)
	cases := []struct {
		query   string
		hits    int
		snippet string // in the first hit
		code    string
	}{
		{query: "artillery", hits: 2, snippet: "[artillery]"},
		{query: "Shahed", hits: 1, snippet: "Iran delivered [Shahed] drones to Russia."},
		{query: "Jong-un", hits: 1, snippet: "Kim [Jong-un]"},
		{query: "artil*", hits: 2, snippet: "[artillery]"},
		{query: "drones OR shells", hits: 2},
		{query: "Russia NOT drones", hits: 1},
		{query: `"artillery shells"`, hits: 1, snippet: "[artillery shells]"},
		{query: "U.S. (NATO)", hits: 0},
		{query: `"unbalanced`, code: axis.EINVALID},
		{query: `artillery AND`, code: axis.EINVALID},
		{query: `OR`, code: axis.EINVALID},
		{query: ``, code: axis.EINVALID},
	}
	for _, c := range cases {
		hits, err := s.Search(ctx, c.query, 0)
		if c.code != "" {
			if axis.ErrorCode(err) != c.code {
				t.Errorf("Search(%q): err %v, want code %s", c.query, err, c.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("Search(%q): %v", c.query, err)
			continue
		}
		if len(hits) != c.hits {
			t.Errorf("Search(%q): %d hits, want %d", c.query, len(hits), c.hits)
			continue
		}
		if c.snippet != "" && !strings.Contains(hits[0].Snippet, c.snippet) {
			t.Errorf("Search(%q): snippet %q, want it to contain %q", c.query, hits[0].Snippet, c.snippet)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Rank < hits[i-1].Rank {
				t.Errorf("Search(%q): hits not ordered by rank: %v then %v", c.query, hits[i-1].Rank, hits[i].Rank)
			}
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, q := range []string{"artillery", `"unbalanced`, "a OR", "NOT", "x*", `"a" AND "b"`, "(", "col:x", "^x", "a NEAR b"} {
		f.Add(q)
	}
	s, err := sqlite.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	seed(f, s)
	f.Fuzz(func(t *testing.T, q string) {
		_, err := s.Search(ctx, q, 5)
		if err != nil && axis.ErrorCode(err) != axis.EINVALID {
			t.Errorf("Search(%q): %v (code %s), want results or EINVALID", q, err, axis.ErrorCode(err))
		}
	})
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "axis.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Created() || s.Path() != path {
		t.Errorf("first open: Created %v Path %q", s.Created(), s.Path())
	}
	s.Close()
	// Nothing loaded yet: the next Open still reports a new store.
	if s, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	if !s.Created() {
		t.Error("an empty store is not reported as new")
	}
	seed(t, s)
	before, _ := s.Stats(ctx)
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Created() {
		t.Error("second open reports Created")
	}
	after, _ := s.Stats(ctx)
	if after.Relations != before.Relations || after.Evidence != 3 {
		t.Errorf("after reopen: %+v, want %+v", after, before)
	}
	var n int
	var mode string
	if err := s.DB().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n < 1 {
		t.Errorf("schema_migrations has %d rows (%v)", n, err)
	}
	if err := s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q (%v), want wal", mode, err)
	}
}

func TestUnwritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, path := range []string{"", ":memory:", "file:x.db"} {
		if _, err := sqlite.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "needs a file path") {
			t.Errorf("Open(%q): %v, want an error asking for a file path", path, err)
		}
	}
	cases := []string{
		"/proc/x/axis.db",
		filepath.Join(dir, "missing", "axis.db"),
		filepath.Join(file, "axis.db"),
	}
	if os.Geteuid() != 0 { // root writes through permission bits
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		cases = append(cases, filepath.Join(ro, "axis.db"))
	}
	for _, path := range cases {
		s, err := sqlite.Open(ctx, path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded", path)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "not writable") || !strings.Contains(msg, path) {
			t.Errorf("Open(%s): %q; want a plain message naming the path", path, msg)
		}
	}
}

func TestWritePanicRollsBack(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s)
	func() {
		defer func() { recover() }()
		s.Write(ctx, func(w axis.Writer) error {
			w.PutActor(&axis.Actor{Code: "KAZ", Name: "Kazakhstan", Kind: axis.ActorState})
			panic("boom")
		})
	}()
	if _, err := s.Actor(ctx, "KAZ"); axis.ErrorCode(err) != axis.ENOTFOUND {
		t.Errorf("actor of a panicking write: %v", err)
	}
	// The store still takes writes.
	if _, err := s.Write(ctx, func(w axis.Writer) error {
		return w.PutActor(&axis.Actor{Code: "KAZ", Name: "Kazakhstan", Kind: axis.ActorState})
	}); err != nil {
		t.Fatal(err)
	}
}

// Two handles on one file (two processes, in effect) write at once: the
// busy timeout serializes them and nothing is lost.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "axis.db")
	a, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	seed(t, a)
	b, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Write(ctx, func(w axis.Writer) error {
				_, err := w.PutRelation(&axis.Relation{Source: "CHN", Target: "RUS", Kind: axis.Trade, Date: axis.Day(2020, 1+i%12, 1),
					Evidence: []axis.Evidence{{DocumentID: "d", Sentence: "trade", Method: axis.MethodManual}}})
				return err
			})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	st, _ := a.Stats(ctx)
	if st.ByKind["trade"] != 12 || st.Evidence != 3+12 {
		t.Errorf("after concurrent writes: %d trade relations and %d evidence, want 12 and 15", st.ByKind["trade"], st.Evidence)
	}
}

var _ = errors.New

// Filters with long lists (more than SQLite takes as parameters) work.
func TestLongFilterLists(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s)
	ids := make([]int64, 40000)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	rs, err := s.Relations(ctx, axis.RelationFilter{IDs: ids, Actors: append(make([]string, 600), "PRK", "RUS")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Source != "PRK" {
		t.Errorf("got %+v, want the one relation between PRK and RUS", rs)
	}
}

// A date the parser would refuse but code can build still round-trips.
func TestOddDateRoundTrip(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s)
	r := &axis.Relation{Source: "CHN", Target: "RUS", Kind: axis.Visit, Date: axis.Day(2024, 2, 31)}
	if _, err := s.Write(ctx, func(w axis.Writer) error { _, err := w.PutRelation(r); return err }); err != nil {
		t.Fatal(err)
	}
	got, err := s.Relation(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Date != r.Date {
		t.Errorf("date %v came back as %v", r.Date, got.Date)
	}
}

// TestForeignKeysAfterWrite: Write turns SQLite's foreign-key checks off
// on its connection (the writer checks actors and relation IDs itself);
// the rows it writes must satisfy them, and the connection must have them
// back on after a Write that commits, fails or panics.
func TestForeignKeysAfterWrite(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	seed(t, s)
	boom := errors.New("boom")
	if _, err := s.Write(ctx, func(w axis.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Write error = %v, want boom", err)
	}
	func() {
		defer func() { recover() }()
		s.Write(ctx, func(w axis.Writer) error { panic("boom") })
	}()
	db := s.DB()
	db.SetMaxOpenConns(1) // every query below uses the writer's connection
	var on int
	if err := db.QueryRow(`PRAGMA foreign_keys`).Scan(&on); err != nil || on != 1 {
		t.Fatalf("foreign_keys = %d, %v after Write; want 1", on, err)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Error("foreign_key_check reports violations after Write")
	}
	if _, err := db.Exec(`INSERT INTO evidence(relation_id, dedup, document_id, sentence, method, status) VALUES (999999, x'00', 'd', 's', 'manual', 'reported')`); err == nil {
		t.Error("evidence for a missing relation was accepted: foreign keys are off")
	}
}

// TestUpgradeFromFirstSchema: a store written by the first schema (only
// 0001 applied, FTS index with token counts, 4 KiB pages) gets the later
// migrations on Open, and its evidence stays searchable and writable.
func TestUpgradeFromFirstSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "axis.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	// Put the FTS table back as 0001 made it and forget the later
	// migrations, as in a store created before they existed.
	for _, q := range []string{
		`DROP TABLE evidence_fts`,
		`CREATE VIRTUAL TABLE evidence_fts USING fts5(sentence, content = 'evidence', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')`,
		`INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')`,
		`DELETE FROM schema_migrations WHERE version > 1`,
	} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n < 3 {
		t.Fatalf("%d migrations recorded (%v), want at least 3", n, err)
	}
	hits, err := s.Search(ctx, "artillery", 0)
	if err != nil || len(hits) != 2 {
		t.Fatalf("Search(artillery) = %d hits, %v after the upgrade; want 2", len(hits), err)
	}
	_, err = s.Write(ctx, func(w axis.Writer) error {
		_, err := w.PutRelation(&axis.Relation{Source: "CHN", Target: "RUS", Kind: axis.Arms, Date: axis.Day(2024, 7, 1),
			Evidence: []axis.Evidence{{DocumentID: "doc2", Sentence: "China sold artillery fuzes to Russia.", Method: axis.MethodManual}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "artillery", 0); err != nil || len(hits) != 3 {
		t.Fatalf("Search(artillery) = %d hits, %v after a write; want 3", len(hits), err)
	}
}
