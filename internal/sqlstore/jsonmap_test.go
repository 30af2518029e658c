package sqlstore

import (
	"encoding/json"
	"testing"
)

// JSONMap must write exactly what encoding/json writes: stores compare and
// users read these columns.
func TestJSONMapMatchesEncodingJSON(t *testing.T) {
	cases := []map[string]string{
		{},
		{"cameo": "057", "quad_class": "1", "goldstein": "8.0"},
		{"quote": `he said "no" \ then`, "html": "<b>&</b>", "ctl": "a\tb\nc\rd\be\ff\x01\x1f"},
		{"utf8": "Pyongyang, P'yongyang — 평양", "bad": "a\xffb\xc3", "sep": "x\u2028y\u2029z"},
		{"": "empty key", "z": "", "a": "first"},
	}
	for _, m := range cases {
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := JSONMap(m); got != string(want) {
			t.Errorf("JSONMap(%q) = %s, want %s", m, got, want)
		}
	}
	if JSONMap(nil) != nil {
		t.Error("a nil map must be NULL")
	}
}

func FuzzJSONMap(f *testing.F) {
	f.Add("cameo", "057", "note", "<a & b>")
	f.Add("x\xff", "\u2028", "\x00", `"\`)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		m := map[string]string{k1: v1, k2: v2}
		want, _ := json.Marshal(m)
		if got := JSONMap(m); got != string(want) {
			t.Errorf("JSONMap(%q) = %s, want %s", m, got, want)
		}
	})
}
