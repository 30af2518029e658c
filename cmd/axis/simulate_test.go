package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
)

// escalationArgs sets every escalation flag, since flags keep their values
// between runs of rootCmd.
func escalationArgs(extra ...string) []string {
	args := []string{"simulate", "escalation", "--world", "", "--params", "", "--at", "", "--trials", "2000", "--seed", "1",
		"--workers", "0", "--chains", "3", "--top", "30", "--chart", "", "--format", "table"}
	return append(args, extra...)
}

func TestSimulateCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "axis.db")
	world := filepath.Join("..", "..", "scenario", "testdata", "1939.yaml")
	params := filepath.Join("..", "..", "scenario", "testdata", "params-pre1945.yaml")
	chart := filepath.Join(dir, "p.svg")
	cases := []struct {
		args []string
		want []string // substrings, in order
	}{
		{escalationArgs("--world", world, "--params", params, "--trigger", "GER attacks POL on 1939-09-01", "--chart", chart),
			[]string{"GER attacks POL in europe on 1939-09-01", "expected belligerents", "STATE", "GBR", "most frequent activation chains",
				"Anglo-Polish Agreement", "validation against the outcome on 1939-09-30: mean Brier"}},
		{escalationArgs("--world", world, "--trigger", "GER attacks POL", "--format", "csv"),
			[]string{"STATE,ROLE,P(JOIN)", "GER,attacker,1.000"}},
		{escalationArgs("--trigger", "PRK attacks KOR", "--at", "2025-06-01", "--db", db),
			[]string{"PRK attacks KOR in east_asia", "USA", "Mutual Defense Treaty"}},
		{[]string{"simulate", "sanctions", "--target", "RUS", "--kind", "arms", "--item", "", "--budget", "3", "--top", "5", "--at", "", "--format", "table", "--db", db},
			[]string{"arms into RUS: maximum flow", "PRK", "minimum cut:", "MODE", "actors  1", "routes  1"}},
	}
	for _, tc := range cases {
		out, err := runAxis(t, tc.args...)
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
	if b, err := os.ReadFile(chart); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("chart not written: %v", err)
	}

	// JSON: the same seed gives the same result whatever the workers.
	var runs [2]map[string]any
	for i, workers := range []string{"1", "2"} {
		out, err := runAxis(t, escalationArgs("--world", world, "--trigger", "GER attacks POL", "--workers", workers, "--format", "json")...)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(out), &runs[i]); err != nil {
			t.Fatalf("json: %v\n%s", err, out)
		}
	}
	a, _ := json.Marshal(runs[0]["states"])
	b, _ := json.Marshal(runs[1]["states"])
	if string(a) != string(b) || runs[0]["validation"] == nil {
		t.Errorf("workers=1 and workers=2 differ, or no validation:\n%s\n%s", a, b)
	}

	for _, c := range []struct {
		args []string
		code string
		want string
	}{
		{escalationArgs("--world", world, "--trigger", "GER bombs POL"), axis.EINVALID, "unknown verb"},
		{escalationArgs("--world", world, "--trigger", "GER attacks XYZ"), axis.EINVALID, "not in world"},
		{escalationArgs("--world", filepath.Join(dir, "none.yaml"), "--trigger", "GER attacks POL"), axis.EINVALID, "--world"},
		{escalationArgs("--world", world, "--trigger", "GER attacks POL", "--format", "xml"), axis.EINVALID, "unknown format"},
		{escalationArgs("--world", world, "--trigger", "GER attacks POL", "--chart", filepath.Join(dir, "c.gif")), axis.EINVALID, "svg or png"},
		{[]string{"simulate", "sanctions", "--target", "RUS", "--kind", "weapons", "--item", "", "--at", "", "--format", "table", "--db", db}, axis.EINVALID, "not a transfer kind"},
	} {
		out, err := runAxis(t, c.args...)
		if axis.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v (%s), want %s with %q", c.args, err, out, c.code, c.want)
		}
	}
}
