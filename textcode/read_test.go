package textcode

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"axis"
)

func readFile(t *testing.T, c *Coder, path string, meta Meta) *Doc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	meta.Path = path
	d, err := c.CodeReader(f, meta)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func rels(d *Doc) []string {
	var out []string
	for _, cd := range d.Relations {
		out = append(out, rel(cd))
	}
	return out
}

func TestReadHTML(t *testing.T) {
	c := fixtureCoder(t)
	d := readFile(t, c, "testdata/article.html", Meta{})
	if d.Document.Title != "Pyongyang ships more shells to Moscow" || d.Document.URL != "https://news.example.org/2024/10/shells" || d.Document.Published.String() != "2024-10-02" {
		t.Errorf("metadata %+v", d.Document)
	}
	got := strings.Join(rels(d), "; ")
	want := "PRK>RUS arms artillery_ammunition confirmed; PRK>RUS arms artillery_ammunition reported" // the h1 and the p
	if got != want {
		t.Errorf("relations %q, want %q (scripts, nav, header, footer and link lists dropped)", got, want)
	}
	for _, cd := range d.Relations {
		if strings.Contains(cd.Relation.Evidence[0].Sentence, "alert") {
			t.Error("script text stored")
		}
	}
}

func TestReadFrontMatter(t *testing.T) {
	c := fixtureCoder(t)
	d := readFile(t, c, "testdata/frontmatter.md", Meta{})
	if d.Document.Title != "Drills in the Gulf" || d.Document.URL != "https://example.org/drills" || d.Document.Published.String() != "2024-03-15" {
		t.Errorf("metadata %+v", d.Document)
	}
	got := rels(d)
	sort.Strings(got)
	want := "CHN-IRN joint_exercise naval reported; CHN-RUS joint_exercise naval reported; IRN-RUS joint_exercise naval reported; IRN>RUS arms drones confirmed"
	if strings.Join(got, "; ") != want {
		t.Errorf("relations\n got %q\nwant %q", got, want)
	}
	// flags win over the document's own metadata
	d = readFile(t, c, "testdata/frontmatter.md", Meta{Date: axis.Day(2025, 1, 2), URL: "https://override.example"})
	if d.Document.Published.String() != "2025-01-02" || d.Document.URL != "https://override.example" {
		t.Errorf("override %+v", d.Document)
	}
}

func TestReadDateline(t *testing.T) {
	c := fixtureCoder(t)
	d := readFile(t, c, "testdata/dateline.txt", Meta{})
	if d.Document.Published.String() != "2024-11-18" || d.Document.URL != "https://example.org/story" || d.Document.Title != "The View From Here" {
		t.Errorf("metadata %+v", d.Document)
	}
	if got := strings.Join(rels(d), "; "); got != "PRK>RUS troops combat_troops confirmed" {
		t.Errorf("relations %q", got)
	}
}

func TestBadInput(t *testing.T) {
	c := fixtureCoder(t)
	// binary
	bin := append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...)
	if _, err := c.CodeReader(bytes.NewReader(bin), Meta{Path: "x.txt"}); err != ErrBinary {
		t.Errorf("binary: err %v", err)
	}
	// empty
	d, err := c.CodeReader(bytes.NewReader(nil), Meta{Path: "empty.txt"})
	if err != nil || len(d.Relations) != 0 || d.Sentences != 0 || d.Document.ID != axis.HashContent(nil) {
		t.Errorf("empty: %+v %v", d, err)
	}
	// invalid UTF-8 is repaired and counted
	d, err = c.CodeReader(bytes.NewReader([]byte("North Korea shipped shells to Russia \xff\xfe today.\n")), Meta{Path: "bad.txt"})
	if err != nil || d.Repaired != 2 || len(d.Relations) != 1 {
		t.Fatalf("invalid utf-8: %+v %v", d, err)
	}
	if s := d.Relations[0].Relation.Evidence[0].Sentence; !strings.Contains(s, "\uFFFD") {
		t.Errorf("sentence %q", s)
	}
}

// peakHeap runs fn and reports the largest heap in use seen meanwhile.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := make(chan struct{})
	done := make(chan uint64)
	go func() {
		var peak uint64
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak {
				peak = m.HeapInuse
			}
			select {
			case <-stop:
				done <- peak
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	p := <-done
	if p < base.HeapInuse {
		return 0
	}
	return p - base.HeapInuse
}

func TestLargeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips writing and coding a 50 MB single-line file (run without -short; make test does)")
	}
	c := fixtureCoder(t)
	path := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// one line: mostly prose without names, and now and then a relation
	filler := []byte("the talks went on without a pause and nobody said much about the weather or the harvest ")
	rel := []byte("North Korea shipped artillery shells to Russia. ")
	for n, i := 0, 0; n < 50<<20; i++ {
		if i%50 == 0 {
			f.Write(rel)
			n += len(rel)
		}
		f.Write(filler)
		n += len(filler)
	}
	f.Close()
	var d *Doc
	peak := peakHeap(func() {
		in, _ := os.Open(path)
		defer in.Close()
		d, err = c.CodeReader(in, Meta{Path: path})
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.Sentences < 1000 || len(d.Relations) == 0 {
		t.Errorf("sentences %d relations %d", d.Sentences, len(d.Relations))
	}
	// the relations themselves are kept; the text is not
	t.Logf("50 MB single line: %d sentences, %d relations, peak heap +%d MB", d.Sentences, len(d.Relations), peak>>20)
	// holding the file would take 50 MB for the bytes and as much again for
	// each copy; the bound leaves room for the relations kept
	if peak > 80<<20+uint64(len(d.Relations))*1500 {
		t.Errorf("peak heap grew by %d MB", peak>>20)
	}
}

func TestDeepHTML(t *testing.T) {
	c := fixtureCoder(t)
	var b bytes.Buffer
	b.WriteString("<html><body>")
	for i := 0; i < 200000; i++ {
		b.WriteString("<div><span>")
	}
	b.WriteString("<p>Iran supplied drones to Russia.</p>")
	for i := 0; i < 200000; i++ {
		b.WriteString("</span></div>")
	}
	b.WriteString("<script>")
	for i := 0; i < 1000; i++ {
		b.WriteString("<script>")
	}
	b.WriteString("</script></body></html>")
	var d *Doc
	var err error
	peak := peakHeap(func() { d, err = c.CodeReader(bytes.NewReader(b.Bytes()), Meta{Path: "deep.html"}) })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rels(d), "; "); got != "IRN>RUS arms drones confirmed" {
		t.Errorf("relations %q", got)
	}
	if peak > 64<<20 {
		t.Errorf("peak heap grew by %d MB for %d MB of nesting", peak>>20, b.Len()>>20)
	}
}
