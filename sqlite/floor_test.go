package sqlite_test

import (
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"axis"
	"axis/storetest"
)

// BenchmarkInsertFloor measures the least work any SQLite layout of the
// foundation's data must do for the bulk-insert benchmark, with the same
// driver and connection settings as the store: the same synthetic relations
// written as bare rows (relations and evidence tables with no index, no
// constraint but the row IDs, no foreign keys), then the full-text index
// over the sentences, then the one index merging by key cannot do without.
// The values to bind are computed before the clock starts, so no Go-side
// work is counted beyond the driver's. Its figure is an
// upper bound for the store's own: if it is under the target, no schema or
// writer change can reach the target on this machine with this driver.
func BenchmarkInsertFloor(b *testing.B) {
	n := benchRelations()
	rels := storetest.SyntheticData(n) // the relations of BenchmarkBulkInsert
	for range b.N {
		rows, fts, idx := insertFloor(b, rels)
		total := rows + fts + idx
		b.ReportMetric(rows.Seconds(), "rows-s")
		b.ReportMetric(fts.Seconds(), "fts-s")
		b.ReportMetric(idx.Seconds(), "key-index-commit-s")
		b.ReportMetric(float64(n/128*128)/total.Seconds(), "floor-relations/s")
	}
}

func insertFloor(b *testing.B, rels []*axis.Relation) (rows, fts, idx time.Duration) {
	dir := b.TempDir()
	path := filepath.Join(dir, "floor.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", path+"?_pragma=page_size(16384)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_pragma=threads(2)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		`CREATE TABLE relations (id INTEGER PRIMARY KEY, key TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
			kind TEXT NOT NULL, item TEXT NOT NULL, date TEXT NOT NULL, date_start INTEGER, status TEXT NOT NULL)`,
		`CREATE TABLE evidence (id INTEGER PRIMARY KEY, relation_id INTEGER NOT NULL, dedup BLOB NOT NULL,
			document_id TEXT NOT NULL, sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
			method TEXT NOT NULL, confidence REAL NOT NULL, status TEXT NOT NULL)`,
		`CREATE VIRTUAL TABLE evidence_fts USING fts5(sentence, content = 'evidence', content_rowid = 'id',
			tokenize = 'unicode61 remove_diacritics 2', columnsize = 0)`,
		`INSERT INTO evidence_fts(evidence_fts, rank) VALUES ('hashsize', 33554432)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	const batch = 128
	row := func(cols int) string { return "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")" }
	relQ := `INSERT INTO relations VALUES ` + strings.TrimSuffix(strings.Repeat(row(9)+",", batch), ",")
	evQ := `INSERT INTO evidence VALUES ` + strings.TrimSuffix(strings.Repeat(row(10)+",", batch), ",")

	// The values are computed before the clock starts.
	relArgs := make([]any, 0, 9*len(rels))
	evArgs := make([]any, 0, 10*len(rels))
	for i, r := range rels {
		id := int64(i + 1)
		e := &r.Evidence[0]
		h := sha256.Sum256([]byte(e.Sentence))
		relArgs = append(relArgs, id, r.Key(), r.Source, r.Target, string(r.Kind), r.Item, r.Date.String(), r.Date.Start().Unix()/86400, "reported")
		evArgs = append(evArgs, id, id, h[:16], e.DocumentID, e.Sentence, int64(e.Start), int64(e.End), e.Method, e.Confidence, "reported")
	}
	full := len(rels) / batch * batch // the tail of under one batch is left out

	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	relSt, err := tx.PrepareContext(ctx, relQ)
	if err != nil {
		b.Fatal(err)
	}
	evSt, err := tx.PrepareContext(ctx, evQ)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < full; i += batch {
		if _, err := relSt.ExecContext(ctx, relArgs[9*i:9*(i+batch)]...); err != nil {
			b.Fatal(err)
		}
		if _, err := evSt.ExecContext(ctx, evArgs[10*i:10*(i+batch)]...); err != nil {
			b.Fatal(err)
		}
	}
	rows = time.Since(start)
	start = time.Now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO evidence_fts(rowid, sentence) SELECT id, sentence FROM evidence`); err != nil {
		b.Fatal(err)
	}
	fts = time.Since(start)
	start = time.Now()
	if _, err := tx.ExecContext(ctx, `CREATE INDEX relations_key ON relations(key)`); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	idx = time.Since(start)
	return rows, fts, idx
}
