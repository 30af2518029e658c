package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
)

// TestAnalysisCommands runs each analysis command on a fresh store with the
// baseline. Flags keep their values between runs of rootCmd, so each call
// sets the window flags it depends on.
func TestAnalysisCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "axis.db")
	win := []string{"--since", "", "--until", "2025-12-31", "--at", "", "--weights", ""}
	cases := []struct {
		args []string
		want []string // substrings, in order
	}{
		{append([]string{"ledger", "PRK", "RUS", "--format", "table"}, win...),
			[]string{"PRK->RUS", "arms/artillery_ammunition", "RUS->PRK", "commitment PRK-RUS", "defense_pact", "balance PRK->RUS", "weights: default (embedded"}},
		{append([]string{"ledger", "PRK", "RUS", "--format", "csv"}, win...),
			[]string{"SECTION,KIND/ITEM", "PRK->RUS,arms/artillery_ammunition"}},
		{append([]string{"cohesion", "RUS", "CHN", "PRK", "IRN", "--format", "table"}, win...),
			[]string{"NET TIE", "density", "hub", "RUS", "hub-and-spoke system around RUS"}},
		{append([]string{"cohesion", "RUS", "CHN", "PRK", "IRN", "--format", "csv"}, win...),
			[]string{"A,B,POSITIVE,NEGATIVE,NET,RELATIONS", "RUS,CHN,"}},
		{append([]string{"dependency", "RUS", "--kind", "arms", "--format", "table"}, win...),
			[]string{"RUS receives", "arms/artillery_ammunition", "PRK", "100%"}},
		{[]string{"centrality", "--family", "", "--top", "5", "--at", "", "--weights", "", "--format", "table"},
			[]string{"RANK", "PAGERANK", "BETWEENNESS", "1 "}},
		{[]string{"blocs", "--at", "", "--weights", "", "--format", "table"},
			[]string{"bloc", "frustration index"}},
		{append([]string{"trend", "RUS", "PRK", "--by", "year", "--chart", "", "--format", "table"}, win...),
			[]string{"PERIOD", "2023", "2024"}},
	}
	for _, tc := range cases {
		out, err := runAxis(t, append(tc.args, "--db", db)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", tc.args, err, out)
		}
		rest := out
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%v: output lacks %q (in order):\n%s", tc.args, w, out)
				break
			}
			rest = rest[i+len(w):]
		}
	}

	out, err := runAxis(t, append([]string{"ledger", "RUS", "PRK", "--format", "json", "--db", db}, win...)...)
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		A, B    string
		Weights struct{ Name string }
		AtoB    struct{ Empty bool } `json:"a_to_b"`
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil || l.A != "RUS" || l.Weights.Name != "default" || l.AtoB.Empty {
		t.Errorf("json ledger: %v %+v", err, l)
	}

	chart := filepath.Join(dir, "t.png")
	if _, err := runAxis(t, append([]string{"trend", "RUS", "PRK", "--by", "quarter", "--chart", chart, "--format", "csv", "--db", db}, win...)...); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(chart); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("chart: %v", err)
	}
	report := filepath.Join(dir, "r.html")
	out, err = runAxis(t, append([]string{"report", "--actors", "RUS,PRK,CHN,IRN", "--out", report, "--by", "quarter", "--format", "table", "--db", db}, win...)...)
	if err != nil || !strings.Contains(out, "6 ledgers") {
		t.Fatalf("report: %v %s", err, out)
	}
	if b, _ := os.ReadFile(report); !strings.Contains(string(b), "<h2 id=\"cohesion\">Cohesion</h2>") {
		t.Error("report lacks the cohesion section")
	}

	bad := []struct {
		args  []string
		field string
	}{
		{append([]string{"ledger", "PRK", "XXX", "--format", "table"}, win...), "XXX"},
		{[]string{"ledger", "PRK", "RUS", "--since", "2025", "--until", "2024", "--at", "", "--weights", "", "--format", "table"}, "--until"},
		{append([]string{"trend", "PRK", "RUS", "--by", "week", "--chart", "", "--format", "table"}, win...), "week"},
		{append([]string{"trend", "PRK", "RUS", "--by", "year", "--chart", "x.gif", "--format", "table"}, win...), ".svg or .png"},
		{[]string{"centrality", "--family", "friends", "--at", "", "--weights", "", "--format", "table"}, "valid: commitment"},
		{append([]string{"dependency", "RUS", "--kind", "gifts", "--format", "table"}, win...), "valid kinds"},
		{append([]string{"report", "--actors", "RUS,PRK", "--out", "r.pdf", "--format", "table"}, win...), ".html or .md"},
		{[]string{"cohesion", "RUS", "PRK", "--weights", filepath.Join(dir, "none.yaml"), "--since", "", "--until", "", "--at", "", "--format", "table"}, "weights"},
	}
	for _, tc := range bad {
		_, err := runAxis(t, append(tc.args, "--db", db)...)
		if axis.ErrorCode(err) != axis.EINVALID && axis.ErrorCode(err) != axis.ENOTFOUND || err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%v: err %v, want an input error naming %q", tc.args, err, tc.field)
		}
	}
	// reset the flags other tests might share
	runAxis(t, "trend", "RUS", "PRK", "--by", "year", "--chart", "", "--db", db, "--since", "", "--until", "", "--at", "", "--weights", "", "--format", "table")
	runAxis(t, "dependency", "RUS", "--kind", "", "--db", db, "--since", "", "--until", "", "--at", "", "--weights", "", "--format", "table")
}
