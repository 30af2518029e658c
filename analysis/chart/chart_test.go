package chart

import (
	"bytes"
	"strings"
	"testing"

	"axis"
	"axis/analysis"
)

func TestTrendFormats(t *testing.T) {
	tr := &analysis.TrendResult{A: "RUS", B: "PRK", By: "quarter", Points: []analysis.TrendPoint{
		{Period: "2023-Q3", Cooperation: 5, Hostility: 0},
		{Period: "2023-Q4", Cooperation: 12, Hostility: 1},
		{Period: "2024-Q1", Cooperation: 3, Hostility: 0},
	}}
	cases := []struct {
		format string
		magic  string
	}{
		{SVG, "<svg"},
		{PNG, "\x89PNG"},
	}
	for _, tc := range cases {
		var buf bytes.Buffer
		if err := Trend(&buf, tr, tc.format); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String()[:min(buf.Len(), 200)], tc.magic) {
			t.Errorf("%s output starts %q", tc.format, buf.String()[:20])
		}
	}
	var buf bytes.Buffer
	if err := Trend(&buf, &analysis.TrendResult{A: "A", B: "B", By: "year"}, SVG); err != nil {
		t.Errorf("empty trend: %v", err)
	}
	if err := Trend(&buf, tr, "gif"); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("gif: %v", err)
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]string{"a.svg": SVG, "b.PNG": PNG, "c.gif": "", "d": ""} {
		got, err := FormatOf(path)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("%s: %q %v", path, got, err)
		}
	}
}

func TestHeatmap(t *testing.T) {
	c := &analysis.CohesionResult{Actors: []string{"RUS", "PRK", "<X>"}, Matrix: [][]float64{{0, 10, -2}, {10, 0, 0}, {-2, 0, 0}}}
	var buf bytes.Buffer
	if err := Heatmap(&buf, c); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{"<svg", ">10.0<", ">-2.0<", "&lt;X&gt;", "#1b9e77"} {
		if !strings.Contains(s, want) {
			t.Errorf("heat map lacks %q", want)
		}
	}
	if strings.Contains(s, "<X>") {
		t.Error("actor code not escaped")
	}
}
