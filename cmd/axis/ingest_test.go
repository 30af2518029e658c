package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "axis.db")
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	article := "---\ndate: 2024-11-20\n---\nNorth Korea has shipped artillery shells to Russia, officials said.\n\nThe US sanctioned two Chinese firms last week.\n"
	if err := os.WriteFile(filepath.Join(docs, "a.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(docs, "b.bin.txt"), []byte("\x00\x01\x02"), 0o644)

	out, err := runAxis(t, "--db", db, "ingest", docs, "--dry-run=true", "--explain=false", "--format", "table")
	if err != nil || !strings.Contains(out, "relations: 2 coded (dry run") || !strings.Contains(out, "b.bin.txt: not a text file") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a dry run created the store")
	}
	out, err = runAxis(t, "--db", db, "ingest", docs, "--dry-run=false", "--format", "table")
	if err != nil || !strings.Contains(out, "documents: 1 (1 new, 0 already ingested)") || !strings.Contains(out, "relations: 2 coded, 2 new") {
		t.Fatalf("first ingest: %v\n%s", err, out)
	}
	before := storeStats(t, db)
	out, err = runAxis(t, "--db", db, "ingest", docs, "--dry-run=false", "--format", "table")
	if err != nil || !strings.Contains(out, "documents: 1 (0 new, 1 already ingested)") || !strings.Contains(out, "0 new evidence") {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	if after := storeStats(t, db); after.Relations != before.Relations || after.Evidence != before.Evidence || after.Documents != before.Documents {
		t.Errorf("second ingest changed the store: %+v -> %+v", before, after)
	}
	out, err = runAxis(t, "--db", db, "search", "artillery shells", "--format", "table")
	if err != nil || !strings.Contains(out, "to Russia, officials said.") {
		t.Errorf("search: %v\n%s", err, out)
	}
}

func TestEvalCommand(t *testing.T) {
	out, err := runAxis(t, "eval", "--gold", "../../testdata/gold/test.jsonl", "--format", "table", "--explain=false")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := regexp.MustCompile(`F1 ([0-9.]+) \(precision`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no F1 in\n%s", out)
	}
	if f1, _ := strconv.ParseFloat(m[1], 64); f1 < 0.8 {
		t.Errorf("held-out F1 %.3f below 0.80", f1)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"text\":\"x\",\"date\":\"2024-01-01\",\"relations\":[]}\n{\"text\":\"y\",\"date\":\"2024-01-01\",\"relations\":[{\"source\":\"A\",\"target\":\"B\",\"kind\":\"alliance\"}]}\n"), 0o644)
	if out, err := runAxis(t, "eval", "--gold", bad); err == nil || !strings.Contains(err.Error(), "bad.jsonl:2") || !strings.Contains(err.Error(), "defense_pact") {
		t.Errorf("bad gold: %v\n%s", err, out)
	}
}
