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
  - {source: BLR, target: RUS, kind: arms, item: artillery_ammunition, date: 2025-02, note: "Later, and by a longer road through the marshes, more zyxwvut shells went the same way.", cite: [a]}
`
	if err := os.WriteFile(facts, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runAxis(t, "--db", db, "load", facts); err != nil {
		t.Fatal(err)
	}
	// --limit counts rows shown, not hits: the two citations of the
	// first sentence fill one row, and the second sentence still shows.
	out, err := runAxis(t, "--db", db, "search", "zyxwvut", "--format", "table", "--limit", "2")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "CITED") {
		t.Fatalf("want a header and two rows, got:\n%s", out)
	}
	cited := map[string]string{} // snippet's first word -> CITED
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		cited[f[6]] = f[5]
	}
	if cited["Minsk"] != "2" || cited["Later,"] != "1" {
		t.Errorf("CITED by sentence %v, want Minsk… 2 and Later… 1:\n%s", cited, out)
	}
}
