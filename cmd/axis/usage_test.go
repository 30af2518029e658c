package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A wrong number of arguments or an unknown flag is an input error (exit
// code 2) that shows how the command is used.
func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "axis.db")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"ledger", "PRK"}, []string{"accepts 2 arg(s), received 1", "usage: axis ledger A B", "example: axis ledger "}},
		{[]string{"cohesion", "RUS"}, []string{"usage: axis cohesion A B [C...]", "example: axis cohesion "}},
		{[]string{"stats", "--bogus"}, []string{"unknown flag: --bogus", "usage: axis stats"}},
	} {
		_, err := runAxis(t, append([]string{"--db", db}, tc.args...)...)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("axis %v: err %v, exit code %d; want exit code 2", tc.args, err, exitCode(err))
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("axis %v: %q does not say %q", tc.args, err, w)
			}
		}
	}
}
