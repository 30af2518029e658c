package sipri

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
	"axis/importers"
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
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	tests := []struct {
		name, path, want string
		skipped          int64
	}{
		{"column count", write("short.csv", head+"Ukraine,Poland,2022\n"), "short.csv:7: expected 16 columns", 1},
		{"bad year", write("year.csv", head+strings.Replace(lines[6], ",2022,", ",20x2,", 1)), "year.csv:7: Year of order \"20x2\"", 1},
		{"bad TIV", write("tiv.csv", head+strings.Replace(lines[6], ",120,120", ",lots,120", 1)), "tiv.csv:7: a number column", 1},
		{"semicolons", write("semi.csv", strings.ReplaceAll(lines[5], ",", ";")), "semi.csv:1: wrong delimiter", -1},
		{"GDELT file", write("gdelt.csv", "GLOBALEVENTID,SQLDATE,MonthYear\n1,20240101,202401\n"), "looks like a GDELT event export", -1},
		{"no header", write("none.csv", "a,b,c\n1,2,3\n"), "none.csv:1: not a SIPRI trade register: the header lacks columns Recipient, Supplier", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := inmem.New()
			_, err := Import(context.Background(), st, []string{tc.path}, importers.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if s, _ := st.Stats(context.Background()); s.Relations+s.Documents+s.Actors != 0 {
				t.Errorf("committed %+v", s)
			}
			sum, err := Import(context.Background(), st, []string{tc.path}, importers.Options{SkipBad: true})
			if tc.skipped < 0 {
				if err == nil {
					t.Error("--skip-bad accepted it")
				}
				return
			}
			if err != nil || sum.Skips(importers.ReasonMalformed) != tc.skipped {
				t.Errorf("--skip-bad: %v %+v", err, sum.Skipped)
			}
		})
	}
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
