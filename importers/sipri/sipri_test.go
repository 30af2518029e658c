package sipri

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
	"axis/importers"
	"axis/importers/importtest"
	"axis/inmem"
)

const fixture = "testdata/trade-register.csv"

func TestImport(t *testing.T) {
	st := inmem.New()
	// The store knows Hezbollah by name; states come from the tables.
	st.Write(context.Background(), func(w axis.Writer) error {
		return w.PutActor(&axis.Actor{Code: "HEZBOLLAH", Name: "Hezbollah", Kind: axis.ActorArmedGroup})
	})
	sum, err := Import(context.Background(), st, []string{fixture}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src, tgt, item string
		year           string
		tiv            float64
		evidence       int
		status         axis.Status
	}{
		{"POL", "UKR", "armored_vehicles", "2022", 120, 1, axis.Reported},
		{"IRN", "RUS", "drones", "2022", 20, 1, axis.Reported},
		{"PRK", "RUS", "ballistic_missiles", "2023", 50, 1, axis.Reported},
		{"RUS", "IRN", "aircraft", "2023", 600, 1, axis.Confirmed},
		{"RUS", "IND", "air_defense", "2018", 2600, 2, axis.Confirmed}, // two deals, summed
		{"IRN", "HEZBOLLAH", "ballistic_missiles", "2019", 30, 1, axis.Reported},
	}
	rs, _ := st.Relations(context.Background(), axis.RelationFilter{WithEvidence: true})
	for _, tc := range tests {
		var r *axis.Relation
		for i := range rs {
			if rs[i].Source == tc.src && rs[i].Target == tc.tgt && rs[i].Item == tc.item {
				r = &rs[i]
			}
		}
		if r == nil {
			t.Errorf("no %s %s→%s", tc.item, tc.src, tc.tgt)
			continue
		}
		if r.Kind != axis.Arms || r.Date.String() != tc.year || r.Quantity == nil || r.Quantity.Value != tc.tiv || r.Quantity.Unit != "tiv" || len(r.Evidence) != tc.evidence || r.Status != tc.status {
			t.Errorf("%s→%s: %+v quantity %+v evidence %d", tc.src, tc.tgt, r, r.Quantity, len(r.Evidence))
		}
	}
	if sum.Skips(ReasonUnknownName) != 1 || sum.Skips(importers.ReasonSameActor) != 1 || sum.RowsRead != 10 || sum.Imported != 8 || sum.SkippedTotal() != 2 {
		t.Errorf("summary %+v %+v", sum, sum.Skipped)
	}
	again, err := Import(context.Background(), st, []string{fixture}, importers.Options{})
	if err != nil || again.Write.Changed() {
		t.Errorf("second import: %v %+v", err, again.Write)
	}
}

func TestItem(t *testing.T) {
	tests := []struct{ desc, cat, want string }{
		{"SAM system", "", "air_defense"},
		{"tanker/transport aircraft", "", "aircraft"},
		{"tank", "", "armored_vehicles"},
		{"APC", "", "armored_vehicles"},
		{"self-propelled gun", "", "artillery_systems"},
		{"frigate", "", "naval"},
		{"anti-ship missile", "", "cruise_missiles"},
		{"SRBM", "", "ballistic_missiles"},
		{"UAV", "Aircraft", "drones"},
		{"ground surveillance radar", "Sensors", "other_arms"},
		{"combat helicopter", "", "aircraft"},
		{"anything", "Ships", "naval"},
	}
	for _, tc := range tests {
		if got := Item(tc.desc, tc.cat); got != tc.want {
			t.Errorf("%q/%q: %s, want %s", tc.desc, tc.cat, got, tc.want)
		}
		if !axis.Arms.HasItem(Item(tc.desc, tc.cat)) {
			t.Errorf("invalid item")
		}
	}
}

func TestFilters(t *testing.T) {
	st := inmem.New()
	sum, err := Import(context.Background(), st, []string{fixture}, importers.Options{Actors: []string{"RUS"}, Since: axis.MustParseDate("2020")})
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := st.Relations(context.Background(), axis.RelationFilter{})
	if len(rs) != 3 || sum.Skips(importers.ReasonFilterDate) != 3 || sum.Skips(importers.ReasonFilterActors) != 1 {
		for _, sk := range sum.Skipped {
			t.Logf("%+v", *sk)
		}
		t.Errorf("%d relations", len(rs))
	}
}

func TestBadInput(t *testing.T) {
	good, _ := os.ReadFile(fixture)
	lines := strings.SplitAfter(string(good), "\n")
	head := strings.Join(lines[:6], "")
	write := importtest.Writer(t)
	tests := []importtest.BadInput{
		importtest.Case("column count", write("short.csv", head+"Ukraine,Poland,2022\n"), "short.csv:7: expected 16 columns", 1),
		importtest.Case("bad year", write("year.csv", head+strings.Replace(lines[6], ",2022,", ",20x2,", 1)), "year.csv:7: Year of order \"20x2\"", 1),
		importtest.Case("bad TIV", write("tiv.csv", head+strings.Replace(lines[6], ",120,120", ",lots,120", 1)), "tiv.csv:7: a number column", 1),
		importtest.Case("tabs", write("tabs.csv", strings.ReplaceAll(lines[5], ",", "\t")), "tabs.csv:1: wrong delimiter", -1),
		importtest.Case("GDELT file", write("gdelt.csv", "GLOBALEVENTID,SQLDATE,MonthYear\n1,20240101,202401\n"), "looks like a GDELT event export", -1),
		importtest.Case("no header", write("none.csv", "a,b,c\n1,2,3\n"), "none.csv:1: not a SIPRI trade register: the header lacks columns Recipient, Supplier", -1),
	}
	importtest.CheckBadInput(t, Import, tests)
}

func FuzzRow(f *testing.F) {
	good, _ := os.ReadFile(fixture)
	lines := strings.SplitAfter(string(good), "\n")
	head := strings.Join(lines[:6], "")
	f.Add(lines[6])
	f.Add(lines[8])
	f.Add("x,y,2020,,,,,,,,,,,,,\n")
	f.Fuzz(func(t *testing.T, row string) {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(head+row), 0o644)
		Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
	})
}

// TestRealLayouts imports one fixture per layout SIPRI has exported: the
// classic trade register (Latin-1, 11 lines of notes, estimates in
// brackets, delivery-year ranges), the armstransfers.sipri.org register of
// 2024 on (UTF-8 with a byte-order mark, one row per deal and delivery
// year) and the older semicolon-separated DealsAndTIVs text export.
func TestRealLayouts(t *testing.T) {
	st := inmem.New()
	st.Write(context.Background(), func(w axis.Writer) error {
		w.PutActor(&axis.Actor{Code: "NATO", Name: "NATO", Kind: axis.ActorOrganization})
		return w.PutActor(&axis.Actor{Code: "HOUTHIS", Name: "Houthis", Aliases: []string{"Houthi"}, Kind: axis.ActorArmedGroup})
	})
	files := []string{"testdata/trade-register-2022.csv", "testdata/trade-register-2025.csv", "testdata/DealsAndTIVs-2023-03-11.txt"}
	sum, err := Import(context.Background(), st, files, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src, tgt, item string
		year, until    string
		tiv            float64 // 0: no quantity
		status         axis.Status
		source         string
		sentence       string
	}{
		{"FRA", "CIV", "armored_vehicles", "2019", "2020", 2, axis.Reported, "trade-register-2022.csv:13", "Côte d'Ivoire ordered 4 VCR-T"},
		{"RUS", "TUR", "air_defense", "2017", "2020", 1600, axis.Confirmed, "trade-register-2022.csv:14", "4 delivered in 2019, 2020"},
		{"RUS", "IND", "air_defense", "2019", "2021", 0.8, axis.Reported, "trade-register-2022.csv:15", "Igla-S"},
		{"SUN", "DZA", "aircraft", "1979", "1981", 120, axis.Confirmed, "trade-register-2022.csv:17", "12 delivered in 1980, 1981"},
		{"RUS", "IND", "air_defense", "2018", "2023", 1600, axis.Reported, "trade-register-2025.csv:13-15", "SIPRI deal 51001: India ordered S-400 (SAM system) from Russia in 2018; 4 delivered in 2021, 2022, 2023; TIV 1600 million"},
		{"IRN", "RUS", "drones", "2022", "2023", 30, axis.Reported, "trade-register-2025.csv:16-17", "1500 delivered"},
		{"RUS", "IRN", "aircraft", "2023", "", 0, axis.Reported, "trade-register-2025.csv:18", "Su-35 (FGA aircraft) from Russia in 2023"},
		{"IRN", "HOUTHIS", "cruise_missiles", "2019", "2020", 6, axis.Reported, "trade-register-2025.csv:19", "Houthi rebels (Yemen)*"},
		{"USA", "NATO", "drones", "2012", "2020", 150, axis.Confirmed, "trade-register-2025.csv:20", "RQ-4"},
		{"CHN", "TUR", "air_defense", "2013", "", 0, axis.Confirmed, "trade-register-2025.csv:22", "HQ-9, FD-2000"},
		{"RUS", "BLR", "aircraft", "2017", "2020", 200, axis.Confirmed, "DealsAndTIVs-2023-03-11.txt:7-8", "8 delivered in 2019, 2020"},
		{"CHN", "PAK", "naval", "2017", "2021", 600, axis.Confirmed, "DealsAndTIVs-2023-03-11.txt:9", "Type-054A/P (frigate)"},
	}
	rs, _ := st.Relations(context.Background(), axis.RelationFilter{WithEvidence: true})
	for _, tc := range tests {
		var r *axis.Relation
		for i := range rs {
			if rs[i].Source == tc.src && rs[i].Target == tc.tgt && rs[i].Item == tc.item && rs[i].Date.String() == tc.year {
				r = &rs[i]
			}
		}
		if r == nil {
			t.Errorf("no %s %s→%s %s", tc.item, tc.src, tc.tgt, tc.year)
			continue
		}
		if len(r.Evidence) != 1 {
			t.Errorf("%s→%s: %d evidence", tc.src, tc.tgt, len(r.Evidence))
			continue
		}
		ev := r.Evidence[0]
		q := 0.0
		if r.Quantity != nil {
			q = r.Quantity.Value
		}
		if r.Until.String() != tc.until || q != tc.tiv || r.Status != tc.status || ev.Source != tc.source || !strings.Contains(ev.Sentence, tc.sentence) {
			t.Errorf("%s→%s %s: until %s, tiv %v, %s, source %s, sentence %q", tc.src, tc.tgt, tc.item, r.Until, q, r.Status, ev.Source, ev.Sentence)
		}
	}
	// Rows of one deal count one by one; the two "unknown supplier(s)" rows
	// are the only ones skipped.
	if sum.RowsRead != 18 || sum.Imported != 16 || sum.Skips(ReasonUnknownName) != 2 {
		t.Errorf("rows %d, imported %d, skips %+v", sum.RowsRead, sum.Imported, sum.Skipped)
	}
	again, err := Import(context.Background(), st, files, importers.Options{})
	if err != nil || again.Write.Changed() {
		t.Errorf("second import: %v %+v", err, again.Write)
	}
}

// TestTIVTableRefused: the TIV tables hold yearly totals, not deals.
func TestTIVTableRefused(t *testing.T) {
	_, err := Import(context.Background(), inmem.New(), []string{"testdata/TIV-Import-RU-2018-2023.csv"}, importers.Options{SkipBad: true})
	if err == nil || !strings.Contains(err.Error(), "TIV-Import-RU-2018-2023.csv:5: this is a SIPRI TIV table") || !strings.Contains(err.Error(), "Trade registers") {
		t.Errorf("error %v", err)
	}
}

// TestSemicolonRegister: the classic register saved with semicolons (as a
// spreadsheet in many European locales does) reads like the original.
func TestSemicolonRegister(t *testing.T) {
	good, _ := os.ReadFile(fixture)
	var b strings.Builder
	for _, l := range strings.SplitAfter(string(good), "\n") {
		if strings.HasPrefix(l, "Recipient,") || strings.Count(l, ",") >= 15 {
			var out []string
			for _, f := range splitCSV(l) {
				if strings.ContainsAny(f, ";\"") {
					f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
				}
				out = append(out, f)
			}
			l = strings.Join(out, ";") + "\n"
		}
		b.WriteString(l)
	}
	p := filepath.Join(t.TempDir(), "semicolons.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	st := inmem.New()
	st.Write(context.Background(), func(w axis.Writer) error {
		return w.PutActor(&axis.Actor{Code: "HEZBOLLAH", Name: "Hezbollah", Kind: axis.ActorArmedGroup})
	})
	sum, err := Import(context.Background(), st, []string{p}, importers.Options{})
	if err != nil || sum.RowsRead != 10 || sum.Imported != 8 {
		t.Fatalf("%v %+v", err, sum)
	}
}

func splitCSV(line string) []string {
	r := csv.NewReader(strings.NewReader(line))
	rec, _ := r.Read()
	return rec
}

func TestDeliveryYears(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		uncertain bool
		ok        bool
	}{
		{"2020; 2021", "2020,2021", false, true},
		{"2014-2016", "2014,2015,2016", false, true},
		{"(2015)", "2015", true, true},
		{"2022; 2023(2)", "2022,2023", false, true},
		{"2019?", "2019", true, true},
		{"1980, 1981", "1980,1981", false, true},
		{"soon", "", false, false},
		{"", "", false, true},
	}
	for _, tc := range tests {
		ys, u, ok := deliveryYears(tc.in)
		if strings.Join(ys, ",") != tc.want || u != tc.uncertain || ok != tc.ok {
			t.Errorf("%q: %v %v %v", tc.in, ys, u, ok)
		}
	}
}

func FuzzDealRow(f *testing.F) {
	good, _ := os.ReadFile("testdata/trade-register-2025.csv")
	lines := strings.SplitAfter(string(good), "\n")
	head := strings.Join(lines[:12], "")
	f.Add(lines[12])
	f.Add(lines[17])
	f.Add("1,Iran,Russia,x,UAV,Aircraft,20x2,,,,,,,,,,\n")
	f.Fuzz(func(t *testing.T, row string) {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(head+row), 0o644)
		sum, err := Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
		if err == nil && sum.Imported+sum.SkippedTotal() != sum.RowsRead {
			t.Fatalf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
		}
	})
}

// TestTrailingSemicolons: some saved copies of the 2024+ export end every
// line of the table with ";" (header included); the layout reads the same.
func TestTrailingSemicolons(t *testing.T) {
	good, _ := os.ReadFile("testdata/trade-register-2025.csv")
	lines := strings.SplitAfter(string(good), "\n")
	for i := 11; i < len(lines); i++ {
		if l := strings.TrimSuffix(lines[i], "\n"); l != "" {
			lines[i] = l + ";\n"
		}
	}
	p := filepath.Join(t.TempDir(), "trade-register.csv")
	os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644)
	st := inmem.New()
	sum, err := Import(context.Background(), st, []string{p}, importers.Options{})
	if err != nil || sum.RowsRead != 10 || sum.Skips(importers.ReasonMalformed) != 0 {
		t.Fatalf("%v %+v", err, sum)
	}
	rs, _ := st.Relations(context.Background(), axis.RelationFilter{Between: [2]string{"RUS", "IND"}, WithEvidence: true})
	if len(rs) != 1 || rs[0].Evidence[0].Attrs["local_production"] != "No" || rs[0].Quantity == nil || rs[0].Quantity.Value != 1600 {
		t.Errorf("%+v", rs)
	}
}
