package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestImportAndExportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "axis.db")
	fixture := filepath.Join("..", "..", "importers", "gdelt", "testdata", "20240619120000.export.CSV")

	out, err := runAxis(t, "--db", db, "import", "gdelt", fixture)
	if err != nil || !strings.Contains(out, "24 rows read, 19 imported, 5 skipped") || !strings.Contains(out, "unmapped event code") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = runAxis(t, "--db", db, "import", "gdelt", fixture)
	if err != nil || !strings.Contains(out, "no changes (already imported)") {
		t.Fatalf("second import: %v\n%s", err, out)
	}

	out, err = runAxis(t, "--db", db, "relations", "--between", "RUS,PRK", "--kind", "agreement", "--since", "2024-06", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("relations: %s", out)
	}
	id := strings.Split(lines[1], ",")[0]
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatalf("relation id %q", id)
	}
	out, err = runAxis(t, "--db", db, "evidence", id, "--format", "table")
	if err != nil || !strings.Contains(out, "https://news.example.com/2024/06/19/treaty-signed") || !strings.Contains(out, "cameo: 057") {
		t.Fatalf("evidence: %v\n%s", err, out)
	}

	gexf := filepath.Join(dir, "out.gexf")
	if out, err = runAxis(t, "--db", db, "export", "--format", "gexf", "--actor", "PRK", "--out", gexf); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	b, _ := os.ReadFile(gexf)
	var g struct {
		XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
		Nodes   []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>nodes>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
		} `xml:"graph>edges>edge"`
	}
	if err := xml.Unmarshal(b, &g); err != nil || len(g.Nodes) < 2 || len(g.Edges) == 0 {
		t.Fatalf("gexf: %v, %d nodes, %d edges", err, len(g.Nodes), len(g.Edges))
	}

	bad := filepath.Join(dir, "bad.CSV")
	os.WriteFile(bad, []byte("a,b,c,d,e,f,g,h,i,j,k,l\n"), 0o644)
	if _, err := runAxis(t, "--db", db, "import", "gdelt", bad); err == nil || !strings.Contains(err.Error(), "bad.CSV:1: wrong delimiter") {
		t.Errorf("bad file: %v", err)
	}
}
