package main

import (
	"encoding/json"
	"strings"
	"testing"

	"axis"
)

func TestResolveCommand(t *testing.T) {
	tests := []struct {
		args []string
		want []string // substrings of the output, in order
	}{
		{[]string{"resolve", "Shoigu", "Belousov", "--on", "2025-03-01", "--format", "table"},
			[]string{"P_SHOIGU", "RUS", "security_official", "P_BELOUSOV", "RUS", "defense_minister"}},
		{[]string{"resolve", "Shoigu", "--on", "2023-03", "--format", "table"},
			[]string{"P_SHOIGU", "RUS", "defense_minister 2012-11-06..2024-05-12"}},
		{[]string{"resolve", "the Kremlin", "Congo", "Narnia", "--on", "", "--format", "csv"},
			[]string{"the Kremlin,RUS,state,Russia,RUS", "Congo,COD", "ambiguous", "Congo,COG", "Narnia,-,-,-,unknown name"}},
	}
	for _, tt := range tests {
		out, err := runAxis(t, tt.args...)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		rest := out
		for _, w := range tt.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%v: output lacks %q (in order):\n%s", tt.args, w, out)
				break
			}
			rest = rest[i+len(w):]
		}
	}

	out, err := runAxis(t, "resolve", "Rutte", "--on", "2015-06", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []resolveRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(rows) != 1 || rows[0].Code != "P_RUTTE" || rows[0].Resolves != "NLD" {
		t.Errorf("rows = %+v", rows)
	}

	_, err = runAxis(t, "resolve", "Rutte", "--on", "2015-13", "--format", "table")
	if axis.ErrorCode(err) != axis.EINVALID || !strings.Contains(err.Error(), "--on") {
		t.Errorf("bad date: err = %v", err)
	}
	runAxis(t, "resolve", "x", "--on", "", "--format", "table") // reset flags for other tests
}
