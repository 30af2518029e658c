package gdelt

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"axis"
	"axis/importers"
	"axis/inmem"
)

const fixture = "testdata/20240619120000.export.CSV"

func importFiles(t *testing.T, st axis.Store, opt importers.Options, paths ...string) *importers.Summary {
	t.Helper()
	sum, err := Import(context.Background(), st, paths, opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return sum
}

func relations(t *testing.T, st axis.Store, f axis.RelationFilter) []axis.Relation {
	t.Helper()
	f.WithEvidence = true
	rs, err := st.Relations(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func find(rs []axis.Relation, src, tgt string, kind axis.Kind, item string) *axis.Relation {
	for i := range rs {
		if rs[i].Source == src && rs[i].Target == tgt && rs[i].Kind == kind && rs[i].Item == item {
			return &rs[i]
		}
	}
	return nil
}

func TestMapping(t *testing.T) {
	st := inmem.New()
	sum := importFiles(t, st, importers.Options{}, fixture)
	rs := relations(t, st, axis.RelationFilter{})
	tests := []struct {
		name      string
		src, tgt  string
		kind      axis.Kind
		item      string
		events    int
		evidences int
	}{
		{"agreement both directions merge (symmetric), 3 events that day", "PRK", "RUS", axis.Agreement, "", 3, 1},
		{"043 host a visit reverses, joins 042 in the month", "RUS", "PRK", axis.Visit, "", 2, 2},
		{"072 military aid on two days: two evidence pieces, events add up", "PRK", "RUS", axis.Arms, "", 3, 2},
		{"163 sanctions", "USA", "RUS", axis.Sanction, "", 1, 1},
		{"111 criticize", "KOR", "PRK", axis.Condemn, "", 1, 1},
		{"138 threaten with force", "PRK", "KOR", axis.Threaten, "", 1, 1},
		{"195 aerial weapons", "RUS", "UKR", axis.Attack, "air", 1, 1},
		{"1952 remotely piloted munitions", "RUS", "UKR", axis.Attack, "drone", 1, 1},
		{"061 economic cooperation", "CHN", "RUS", axis.Trade, "", 1, 1},
		{"051 praise", "IRN", "RUS", axis.DiplomaticSupport, "", 1, 1},
		{"062 military cooperation, symmetric", "KOR", "USA", axis.JointExercise, "", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(rs, tc.src, tc.tgt, tc.kind, tc.item)
			if r == nil {
				t.Fatalf("no %s %s→%s (%s); have %d relations", tc.kind, tc.src, tc.tgt, tc.item, len(rs))
			}
			if r.Events != tc.events || len(r.Evidence) != tc.evidences {
				t.Errorf("events %d evidence %d, want %d and %d", r.Events, len(r.Evidence), tc.events, tc.evidences)
			}
			if r.Status != axis.Reported {
				t.Errorf("status %s", r.Status)
			}
		})
	}
	skips := map[string]int64{
		importers.ReasonUnmappedEvent: 2, // 010, 020
		importers.ReasonNoCountry:     1, // journalist without country
		importers.ReasonUnknownCode:   1, // AFR region
		importers.ReasonSameActor:     1, // RUS→RUS
	}
	for reason, n := range skips {
		if got := sum.Skips(reason); got != n {
			t.Errorf("skipped for %q: %d, want %d", reason, got, n)
		}
	}
	if sum.RowsRead != 24 || sum.Imported != 19 || sum.SkippedTotal() != 5 {
		t.Errorf("read %d imported %d, want 24 and 19", sum.RowsRead, sum.Imported)
	}
	if sum.Write.DocumentsNew != 1 {
		t.Errorf("documents new %d", sum.Write.DocumentsNew)
	}
}

func TestEvidenceKeepsRow(t *testing.T) {
	st := inmem.New()
	importFiles(t, st, importers.Options{}, fixture)
	r := find(relations(t, st, axis.RelationFilter{}), "PRK", "RUS", axis.Agreement, "")
	if r == nil {
		t.Fatal("no agreement")
	}
	ev := r.Evidence[0]
	if ev.URL != "https://news.example.com/2024/06/19/treaty-signed" {
		t.Errorf("URL %q: want the most-mentioned event's SOURCEURL", ev.URL)
	}
	if ev.Attrs["cameo"] != "057" || ev.Attrs["quad_class"] != "1" || ev.Attrs["goldstein"] != "8.0" || ev.Attrs["num_mentions"] != "58" || ev.Attrs["events"] != "3" {
		t.Errorf("attrs %v", ev.Attrs)
	}
	if ev.Source != "20240619120000.export.CSV:1" || ev.Method != "import:gdelt" {
		t.Errorf("source %q method %q", ev.Source, ev.Method)
	}
	if !strings.Contains(ev.Sentence, "CAMEO 057") || !strings.Contains(ev.Sentence, "3 events") {
		t.Errorf("sentence %q", ev.Sentence)
	}
	doc, err := st.Document(context.Background(), ev.DocumentID)
	if err != nil || doc.Kind != axis.DocDataset {
		t.Fatalf("document %v %v", doc, err)
	}
	content, _ := os.ReadFile(fixture)
	if doc.ID != axis.HashContent(content) {
		t.Errorf("document id is not the content hash")
	}
}

func TestFilters(t *testing.T) {
	tests := []struct {
		name    string
		opt     importers.Options
		want    int // relations
		reason  string
		skipped int64
	}{
		{"actors any", importers.Options{Actors: []string{"ukr"}}, 2, importers.ReasonFilterActors, 17},
		{"actors within", importers.Options{Actors: []string{"RUS", "PRK"}, Within: true}, 3, importers.ReasonFilterActors, 11},
		{"since", importers.Options{Since: axis.MustParseDate("2024-06-19")}, 7, importers.ReasonFilterDate, 10},
		{"until month", importers.Options{Until: axis.MustParseDate("2024-05")}, 1, importers.ReasonFilterDate, 18},
		{"min mentions", importers.Options{MinMentions: 10}, 10, importers.ReasonFilterMention, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := inmem.New()
			sum := importFiles(t, st, tc.opt, fixture)
			rs := relations(t, st, axis.RelationFilter{})
			if len(rs) != tc.want {
				for _, r := range rs {
					t.Logf("%s %s→%s %s %s", r.Kind, r.Source, r.Target, r.Date, r.Item)
				}
				t.Errorf("%d relations, want %d", len(rs), tc.want)
			}
			if got := sum.Skips(tc.reason); got != tc.skipped {
				t.Errorf("skipped %d for %q, want %d", got, tc.reason, tc.skipped)
			}
		})
	}
}

func TestIdempotent(t *testing.T) {
	st := inmem.New()
	importFiles(t, st, importers.Options{}, fixture)
	before, _ := st.Stats(context.Background())
	rs1 := relations(t, st, axis.RelationFilter{})
	sum := importFiles(t, st, importers.Options{}, fixture)
	after, _ := st.Stats(context.Background())
	if sum.Write.Changed() || before.Relations != after.Relations || before.Evidence != after.Evidence || before.Documents != after.Documents {
		t.Errorf("second import changed the store: %+v → %+v (write %+v)", before, after, sum.Write)
	}
	rs2 := relations(t, st, axis.RelationFilter{})
	for i := range rs1 {
		if rs1[i].Events != rs2[i].Events {
			t.Errorf("%s events %d → %d", rs1[i].Kind, rs1[i].Events, rs2[i].Events)
		}
	}
}

// The same file gives the same relation IDs on every run: new relations
// are written in the order of their month, actor codes, kind and item, never
// in an order that follows a map's (which changes from process to process).
func TestRelationsWrittenInKeyOrder(t *testing.T) {
	st := inmem.New()
	importFiles(t, st, importers.Options{}, fixture)
	rs := relations(t, st, axis.RelationFilter{})
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	key := func(r axis.Relation) string {
		return fmt.Sprintf("%04d-%02d|%s|%s|%s|%s", r.Date.Year, r.Date.Month, r.Source, r.Target, r.Kind, r.Item)
	}
	if len(rs) < 3 {
		t.Fatalf("the fixture gives %d relations; the test needs several", len(rs))
	}
	for i := 1; i < len(rs); i++ {
		if key(rs[i-1]) > key(rs[i]) {
			t.Errorf("relation %d (%s) was written before %d (%s)", rs[i-1].ID, key(rs[i-1]), rs[i].ID, key(rs[i]))
		}
	}
}

func TestZipFolderAndV1(t *testing.T) {
	dir := t.TempDir()
	content, _ := os.ReadFile(fixture)
	zpath := filepath.Join(dir, "20240619120000.export.CSV.zip")
	writeZip(t, zpath, "20240619120000.export.CSV", content)
	v1, _ := os.ReadFile("testdata/20240612.export.CSV")
	os.WriteFile(filepath.Join(dir, "20240612.export.CSV"), v1, 0o644)

	os.WriteFile(filepath.Join(dir, "20240612000000.mentions.CSV"), []byte("1\t2\n"), 0o644)
	st := inmem.New()
	sum := importFiles(t, st, importers.Options{}, dir)
	if len(sum.FilesSkipped) != 1 {
		t.Errorf("files skipped %v", sum.FilesSkipped)
	}
	if len(sum.Files) != 2 || sum.RowsRead != 30 {
		t.Fatalf("files %v rows %d", sum.Files, sum.RowsRead)
	}
	// The zipped 2.0 file is the same document as the plain one.
	sum2 := importFiles(t, st, importers.Options{}, fixture)
	if sum2.Write.Changed() {
		t.Errorf("plain file after its zip changed the store: %+v", sum2.Write)
	}
	// The 1.0 file repeats six 2.0 events in another file: its evidence is new
	// and the relations gain its events.
	r := find(relations(t, st, axis.RelationFilter{}), "PRK", "RUS", axis.Arms, "")
	if r == nil || r.Events != 5 {
		t.Fatalf("arms relation %+v", r)
	}
}

func writeZip(t *testing.T, path, member string, content []byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create(member)
	w.Write(content)
	zw.Close()
	f.Close()
}

func TestBadInput(t *testing.T) {
	good, _ := os.ReadFile(fixture)
	lines := strings.SplitAfter(string(good), "\n")
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	short := strings.Join(strings.Split(lines[2], "\t")[:20], "\t") + "\n"
	zpath := filepath.Join(dir, "trunc.CSV.zip")
	writeZip(t, zpath, "trunc.CSV", good)
	zb, _ := os.ReadFile(zpath)
	os.WriteFile(zpath, zb[:len(zb)/2], 0o644)

	tests := []struct {
		name    string
		path    string
		wantErr string
		skipped int64 // with --skip-bad; -1 when the file fails even then
	}{
		{"wrong column count", write("short.CSV", lines[0]+lines[1]+short+lines[3]), "short.CSV:3: expected 61 tab-separated columns", 1},
		{"wrong delimiter", write("comma.CSV", strings.ReplaceAll(lines[0], "\t", ",")+strings.ReplaceAll(lines[1], "\t", ",")), "comma.CSV:1: wrong delimiter", -1},
		{"header of another format", write("sipri.CSV", "Recipient,Supplier,Year of order\nUkraine,Poland,2022\n"), "sipri.CSV:1: this is not a GDELT event export: its header looks like a SIPRI trade register", -1},
		{"bad date", write("date.CSV", lines[0]+strings.Replace(lines[1], "\t20240619\t", "\t20241319\t", 1)), "date.CSV:2: SQLDATE \"20241319\"", 1},
		{"truncated zip", zpath, "trunc.CSV.zip: truncated or corrupt zip archive", -1},
		{"bad first row", write("first.CSV", strings.Replace(lines[0], "\t057\t", "\t057\tx\t", 1)+lines[1]), "first.CSV:1: expected 61 tab-separated columns", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := inmem.New()
			_, err := Import(context.Background(), st, []string{tc.path}, importers.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Errorf("code %s", axis.ErrorCode(err))
			}
			if s, _ := st.Stats(context.Background()); s.Relations+s.Documents+s.Actors != 0 {
				t.Errorf("something was committed: %+v", s)
			}
			sum, err := Import(context.Background(), st, []string{tc.path}, importers.Options{SkipBad: true})
			if tc.skipped < 0 {
				if err == nil {
					t.Errorf("--skip-bad accepted a file-level problem")
				}
				return
			}
			if err != nil {
				t.Fatalf("--skip-bad: %v", err)
			}
			if got := sum.Skips(importers.ReasonMalformed); got != tc.skipped {
				t.Errorf("malformed %d, want %d", got, tc.skipped)
			}
		})
	}
}

func TestHeaderRowAccepted(t *testing.T) {
	good, _ := os.ReadFile(fixture)
	header := "GLOBALEVENTID\tSQLDATE\tMonthYear\n"
	p := filepath.Join(t.TempDir(), "with-header.CSV")
	os.WriteFile(p, append([]byte(header), good...), 0o644)
	sum := importFiles(t, inmem.New(), importers.Options{}, p)
	if sum.RowsRead != 24 {
		t.Errorf("rows %d", sum.RowsRead)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code string
		kind axis.Kind
		item string
		ok   bool
	}{
		{"057", axis.Agreement, "", true},
		{"0571", axis.Agreement, "", true},
		{"043", axis.Visit, "", true},
		{"1951", axis.Attack, "air", true},
		{"1952", axis.Attack, "drone", true},
		{"1383", axis.Threaten, "", true},
		{"010", "", "", false},
		{"14", "", "", false},
		{"abc", "", "", false},
	}
	for _, tc := range tests {
		m, ok := Lookup(tc.code)
		if ok != tc.ok || m.Kind != tc.kind || m.Item != tc.item {
			t.Errorf("%s: %v %v", tc.code, m, ok)
		}
		if ok && !m.Kind.HasItem(m.Item) {
			t.Errorf("%s: item %q invalid for %s", tc.code, m.Item, m.Kind)
		}
	}
}

func FuzzSplitTabs(f *testing.F) {
	f.Add("a\tb\b\tc")
	f.Fuzz(func(t *testing.T, line string) {
		var fs [maxFields][]byte
		n := splitTabs([]byte(line), &fs)
		want := strings.Split(line, "\t")
		if n != len(want) {
			t.Fatalf("%d fields, want %d", n, len(want))
		}
		for i := 0; i < n && i < maxFields; i++ {
			if string(fs[i]) != want[i] {
				t.Fatalf("field %d: %q, want %q", i, fs[i], want[i])
			}
		}
	})
}

func FuzzParseRow(f *testing.F) {
	good, _ := os.ReadFile(fixture)
	for _, l := range strings.Split(string(good), "\n")[:3] {
		f.Add(l)
	}
	f.Add("1\t2\t3")
	f.Add(strings.Repeat("\t", 60))
	f.Fuzz(func(t *testing.T, line string) {
		var r Row
		if err := ParseRow([]byte(line), &r); err == nil {
			if r.Layout == nil || !validDay(r.Day) || r.Quad < 1 || r.Quad > 4 {
				t.Fatalf("accepted an invalid row: %+v", r)
			}
			f := strings.Split(line, "\t")
			url := ""
			if r.Layout.SourceURL >= 0 {
				url = f[r.Layout.SourceURL]
			}
			if string(r.ID) != f[colID] || string(r.Event) != f[colEvent] || string(r.Place) != f[r.Layout.ActionGeo] || string(r.URL) != url || string(r.A2Country) != f[colA2Country] {
				t.Fatalf("fields differ from a plain split: %+v", r)
			}
		}
	})
}

func newEmptyStore() axis.Store { return inmem.New() }

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func TestSplitTabs(t *testing.T) {
	for _, line := range []string{"", "a", "\t", "a\tb", "\t\t\t", "abcdefgh\tij\t", "1234567\t\t12345678\t", "\b\t\b\b\t\x08\x09\x0a\x88\x89\t\xff\t", "\x00\t\x00\x00\x00\x00\x00\x00\x00\t", strings.Repeat("x\t", 70)} {
		var f [maxFields][]byte
		n := splitTabs([]byte(line), &f)
		want := strings.Split(line, "\t")
		if n != len(want) {
			t.Errorf("%q: %d fields, want %d", line, n, len(want))
			continue
		}
		for i := 0; i < n && i < maxFields; i++ {
			if string(f[i]) != want[i] {
				t.Errorf("%q field %d: %q, want %q", line, i, f[i], want[i])
			}
		}
	}
}

func TestNothingCommittedWhenALaterFileIsBad(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(fixture)
	os.WriteFile(filepath.Join(dir, "a.export.CSV"), good, 0o644)
	os.WriteFile(filepath.Join(dir, "b.export.CSV"), append(append([]byte{}, good...), "1\t2\t3\n"...), 0o644)
	st := inmem.New()
	var calls int
	_, err := Import(context.Background(), st, []string{dir}, importers.Options{Progress: func(b, r int64) { calls++ }})
	if err == nil || !strings.Contains(err.Error(), "b.export.CSV:25:") {
		t.Fatalf("error %v", err)
	}
	if s, _ := st.Stats(context.Background()); s.Relations+s.Documents != 0 {
		t.Errorf("the good first file was committed: %+v", s)
	}
	if calls == 0 {
		t.Error("progress never reported")
	}
}

// TestHistoricalBackfile reads GDELT 1.0's historical backfile layout (57
// columns, no SOURCEURL: the monthly 200601.zip holding 200601.csv, tab-
// separated despite its name): actor codes with role suffixes (USAMIL,
// IRQREB), a known group with no country (IGOUNO, group UNO), CAMEO country
// codes that are not ISO (KSV, WSB), an empty Actor2, and event codes with
// a leading zero ("064") or four digits ("1951").
func TestHistoricalBackfile(t *testing.T) {
	dir := t.TempDir()
	content, _ := os.ReadFile("testdata/200601.csv")
	zpath := filepath.Join(dir, "200601.zip")
	writeZip(t, zpath, "200601.csv", content)
	st := inmem.New()
	st.Write(context.Background(), func(w axis.Writer) error {
		return w.PutActor(&axis.Actor{Code: "UN", Name: "United Nations", Kind: axis.ActorOrganization})
	})
	sum := importFiles(t, st, importers.Options{}, zpath)
	if sum.RowsRead != 9 || sum.Imported != 7 || sum.Skips(importers.ReasonNoCountry) != 1 || sum.Skips(importers.ReasonUnmappedEvent) != 1 {
		t.Errorf("rows %d, imported %d, skipped %+v", sum.RowsRead, sum.Imported, sum.Skipped)
	}
	rs := relations(t, st, axis.RelationFilter{})
	tests := []struct {
		src, tgt string
		kind     axis.Kind
		item     string
		code     string
	}{
		{"USA", "IRQ", axis.Attack, "ground", "193"},
		{"USA", "IRQ", axis.Attack, "", "190"},
		{"UN", "IRN", axis.Condemn, "", "112"},
		{"SRB", "XKX", axis.Condemn, "", "111"},
		{"RWA", "COD", axis.Attack, "air", "1951"},
		{"RUS", "SYR", axis.Intelligence, "intelligence", "064"},
		{"ISR", "PSE", axis.Attack, "", "190"},
	}
	for _, tc := range tests {
		r := find(rs, tc.src, tc.tgt, tc.kind, tc.item)
		if r == nil {
			t.Errorf("no %s %s→%s %q", tc.kind, tc.src, tc.tgt, tc.item)
			continue
		}
		ev := r.Evidence[0]
		if r.Date.Year != 2006 || r.Date.Month != 1 || ev.Attrs["cameo"] != tc.code || ev.URL != "" || !strings.HasPrefix(ev.Source, "200601.zip/200601.csv:") {
			t.Errorf("%s→%s: date %s, evidence %+v", tc.src, tc.tgt, r.Date, ev)
		}
	}
}

// TestBigQueryCSV reads events exported from BigQuery as CSV (header row,
// commas, quoted place names): the same events give the same relations as
// GDELT's own tab-separated file.
func TestBigQueryCSV(t *testing.T) {
	tabs, _ := os.ReadFile(fixture)
	first8 := strings.Join(strings.SplitAfter(string(tabs), "\n")[:8], "")
	p := filepath.Join(t.TempDir(), "20240619120000.export.CSV")
	os.WriteFile(p, []byte(first8), 0o644)
	want := relations(t, func() axis.Store { st := inmem.New(); importFiles(t, st, importers.Options{}, p); return st }(), axis.RelationFilter{})
	st := inmem.New()
	sum := importFiles(t, st, importers.Options{}, "testdata/bq-results-20240620-101500.csv")
	if sum.RowsRead != 8 {
		t.Errorf("rows %d", sum.RowsRead)
	}
	got := relations(t, st, axis.RelationFilter{})
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d relations, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.Source != w.Source || g.Target != w.Target || g.Kind != w.Kind || g.Item != w.Item || g.Date != w.Date || g.Events != w.Events ||
			g.Evidence[0].URL != w.Evidence[0].URL || g.Evidence[0].Attrs["cameo"] != w.Evidence[0].Attrs["cameo"] || g.Evidence[0].Attrs["num_mentions"] != w.Evidence[0].Attrs["num_mentions"] {
			t.Errorf("relation %d: got %+v, want %+v", i, g, w)
		}
	}
}

// TestBigQueryCSVSubset: a query that selected only some columns, in its
// own order, is read by name; an event code that lost its leading zero in
// a numeric column gets it back; a missing column is named.
func TestBigQueryCSVSubset(t *testing.T) {
	dir := t.TempDir()
	head := "SQLDATE,GLOBALEVENTID,Actor1Code,Actor1CountryCode,Actor2Code,Actor2CountryCode,EventCode,QuadClass,GoldsteinScale,NumMentions,NumSources,NumArticles,SOURCEURL\n"
	p := filepath.Join(dir, "subset.csv")
	os.WriteFile(p, []byte(head+"20240619,1,RUSGOV,RUS,PRKGOV,PRK,57,1,8.0,40,13,40,https://news.example.com/a\n20240620,2,CHN,CHN,PRK,PRK,42,1,1.9,3,1,3,\n"), 0o644)
	st := inmem.New()
	sum := importFiles(t, st, importers.Options{}, p)
	rs := relations(t, st, axis.RelationFilter{})
	if sum.Imported != 2 || find(rs, "PRK", "RUS", axis.Agreement, "") == nil || find(rs, "CHN", "PRK", axis.Visit, "") == nil {
		t.Errorf("imported %d: %+v", sum.Imported, rs)
	}
	if r := find(rs, "PRK", "RUS", axis.Agreement, ""); r != nil && (r.Evidence[0].Attrs["cameo"] != "057" || r.Evidence[0].URL != "https://news.example.com/a") {
		t.Errorf("evidence %+v", r.Evidence[0])
	}
	os.WriteFile(p, []byte("GLOBALEVENTID,SQLDATE,Actor1Code,Actor2Code,EventCode\n1,20240619,RUS,PRK,057\n"), 0o644)
	if _, err := Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true}); err == nil || !strings.Contains(err.Error(), "subset.csv:1: this comma-separated GDELT export lacks columns Actor1CountryCode") {
		t.Errorf("missing columns: %v", err)
	}
}

func FuzzBigQueryRow(f *testing.F) {
	good, _ := os.ReadFile("testdata/bq-results-20240620-101500.csv")
	lines := strings.SplitAfter(string(good), "\n")
	f.Add(lines[1])
	f.Add(lines[3])
	f.Add("1,2024,x,,,\n")
	f.Fuzz(func(t *testing.T, row string) {
		p := filepath.Join(t.TempDir(), "bq.csv")
		os.WriteFile(p, []byte(lines[0]+row), 0o644)
		sum, err := Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
		if err == nil && sum.Imported+sum.SkippedTotal() != sum.RowsRead {
			t.Fatalf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
		}
	})
}
