package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A fact cited by two sources is one search row that counts them.
func TestSearchGroupsSourcesOfOneSentence(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "axis.db")
	facts := filepath.Join(dir, "f.yaml")
	text := `sources:
  a: {publisher: Wire A, title: One, url: "https://example.org/a", date: 2025-01-02}
  b: {publisher: Wire B, title: Two, url: "https://example.org/b", date: 2025-01-03}
relations:
  - {source: BLR, target: RUS, kind: arms, item: armored_vehicles, date: 2025-01, note: Minsk sent zyxwvut tanks east., cite: [a, b]}
`
	if err := os.WriteFile(facts, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runAxis(t, "--db", db, "load", facts); err != nil {
		t.Fatal(err)
	}
	out, err := runAxis(t, "--db", db, "search", "zyxwvut", "--format", "table")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "CITED") || !strings.Contains(lines[1], "BLR") {
		t.Fatalf("want a header and one row, got:\n%s", out)
	}
	fields := strings.Fields(lines[1])
	if fields[5] != "2" {
		t.Errorf("CITED = %s, want 2:\n%s", fields[5], out)
	}
}
