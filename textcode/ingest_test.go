package textcode

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
	"axis/inmem"
)

func fixtureStore(t *testing.T) *inmem.Store {
	t.Helper()
	s := inmem.New()
	_, err := s.Write(context.Background(), func(w axis.Writer) error {
		for _, a := range fixtureActorList() {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func ingestAll(t *testing.T, in *Ingester, paths ...string) Summary {
	t.Helper()
	files, skipped := Inputs(paths)
	sum := Summary{Skipped: skipped}
	for _, f := range files {
		res, err := in.File(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		sum.Add(res)
	}
	return sum
}

func TestIngest(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":         "2024-06-20\n\nNorth Korea shipped artillery shells to Russia in June. Iran supplied drones to Russia.\n",
		"sub/b.md":      "---\ndate: 2024-06-25\n---\nPyongyang sent artillery shells to Moscow in June.\n\nThe US imposed sanctions on two Chinese firms.\n",
		"sub/c.html":    "<html><body><p>Putin visited Pyongyang.</p></body></html>",
		"image.png":     "\x89PNG\r\n\x1a\n\x00\x00",
		"notes.bin.txt": "\x00\x01\x02binary",
		"empty.txt":     "",
	})
	s := fixtureStore(t)
	c := fixtureCoder(t)
	in := &Ingester{Coder: c, Store: s}
	sum := ingestAll(t, in, dir)
	if sum.Documents != 4 || sum.New != 4 || sum.Known != 0 {
		t.Errorf("documents %+v", sum)
	}
	if len(sum.Skipped) != 2 {
		t.Errorf("skipped %+v, want image.png and the binary .txt", sum.Skipped)
	}
	for _, sk := range sum.Skipped {
		if strings.HasSuffix(sk.Path, "notes.bin.txt") && !strings.Contains(sk.Reason, "binary") {
			t.Errorf("binary skipped for %q", sk.Reason)
		}
	}
	// two reports of PRK->RUS shells in June 2024 are one relation with two pieces of evidence
	rs, _ := s.Relations(context.Background(), axis.RelationFilter{Between: [2]string{"PRK", "RUS"}, Kinds: []axis.Kind{axis.Arms}, WithEvidence: true})
	if len(rs) != 1 || len(rs[0].Evidence) != 2 {
		t.Fatalf("PRK>RUS arms: %+v", rs)
	}
	for _, ev := range rs[0].Evidence {
		if !strings.Contains(ev.Sentence, "artillery shells") || !strings.HasPrefix(ev.Method, "rule:") || ev.DocumentID == "" {
			t.Errorf("evidence %+v", ev)
		}
	}
	if sum.RelationsNew != 4 || sum.RelationsMerged != 1 || sum.Relations != 5 {
		t.Errorf("relations new %d merged %d; summary %+v", sum.RelationsNew, sum.RelationsMerged, sum)
	}
	before, _ := s.Stats(context.Background())
	// ingesting again changes nothing and says so
	sum2 := ingestAll(t, in, dir)
	after, _ := s.Stats(context.Background())
	if sum2.Known != 4 || sum2.New != 0 || before.Relations != after.Relations || before.Evidence != after.Evidence || before.Documents != after.Documents {
		t.Errorf("re-ingest: %+v; stats %+v -> %+v", sum2, before, after)
	}
	// the sanction on Chinese firms counts against China and keeps the firms
	rs, _ = s.Relations(context.Background(), axis.RelationFilter{Kinds: []axis.Kind{axis.Sanction}, WithEvidence: true})
	if len(rs) != 1 || rs[0].Target != "CHN" || rs[0].Evidence[0].Attrs["target_entity"] != "Chinese firms" {
		t.Errorf("sanction: %+v", rs)
	}
}

func TestIngestDryRunAndStdin(t *testing.T) {
	c := fixtureCoder(t)
	in := &Ingester{Coder: c, Opts: IngestOptions{DryRun: true, Stdin: strings.NewReader("Iran supplied drones to Russia."), Date: axis.Day(2024, 1, 2)}}
	res, err := in.File(context.Background(), "-")
	if err != nil || res.Status != StatusDryRun || len(res.Relations) != 1 || res.Document.Published.String() != "2024-01-02" {
		t.Fatalf("%+v %v", res, err)
	}
}

// failingStore fails the write of the second document, as a crash would.
type failingStore struct {
	*inmem.Store
	writes int
}

func (f *failingStore) Write(ctx context.Context, fn func(axis.Writer) error) (axis.WriteResult, error) {
	f.writes++
	if f.writes == 2 {
		return f.Store.Write(ctx, func(w axis.Writer) error {
			if err := fn(w); err != nil {
				return err
			}
			return errors.New("disk full")
		})
	}
	return f.Store.Write(ctx, fn)
}

func TestIngestFailureLeavesEarlierDocuments(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"1.txt": "North Korea shipped artillery shells to Russia.",
		"2.txt": "Iran supplied drones to Russia.",
	})
	s := &failingStore{Store: fixtureStore(t)}
	in := &Ingester{Coder: fixtureCoder(t), Store: s}
	files, _ := Inputs([]string{dir})
	if _, err := in.File(context.Background(), files[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := in.File(context.Background(), files[1]); err == nil {
		t.Fatal("want the store's error")
	}
	st, _ := s.Stats(context.Background())
	if st.Documents != 1 || st.Relations != 1 {
		t.Errorf("after a failed second document: %+v", st)
	}
}

func TestInputsMissing(t *testing.T) {
	files, skipped := Inputs([]string{filepath.Join(t.TempDir(), "nope.txt")})
	if len(files) != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "no such file") {
		t.Errorf("%v %+v", files, skipped)
	}
}
