package scenario

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"axis"
)

// WriteChart draws a bar chart of P(join) per state, split by side, as SVG
// or PNG (by format: "svg" or "png"), for at most limit states (0: 25).
func WriteChart(w io.Writer, res *EscalationResult, format string, limit int) error {
	if limit <= 0 {
		limit = 25
	}
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	if format != "svg" && format != "png" {
		return axis.FieldErrorf(axis.EINVALID, "chart", "unknown chart format %q (svg or png)", format)
	}
	var states []StateResult
	for _, s := range res.States {
		if s.Role == "" {
			states = append(states, s)
		}
	}
	if len(states) > limit {
		states = states[:limit]
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: P(joins the war), %d trials, seed %d", res.Trigger, res.Trials, res.Seed)
	p.Y.Label.Text = "probability"
	p.Y.Min, p.Y.Max = 0, 1.15
	att, tgt := make(plotter.Values, len(states)), make(plotter.Values, len(states))
	names := make([]string, len(states))
	for i, s := range states {
		att[i], tgt[i], names[i] = s.PAttackerSide, s.PTargetSide, s.Code
	}
	width := vg.Points(14)
	if len(states) > 0 {
		ba, err := plotter.NewBarChart(tgt, width)
		if err != nil {
			return err
		}
		ba.Color = plotutil.Color(0)
		ba.LineStyle.Width = 0
		bb, err := plotter.NewBarChart(att, width)
		if err != nil {
			return err
		}
		bb.Color = plotutil.Color(1)
		bb.LineStyle.Width = 0
		bb.StackOn(ba)
		p.Add(ba, bb)
		p.Legend.Add("target's side ("+res.Trigger.Target+")", ba)
		p.Legend.Add("attacker's side ("+res.Trigger.Attacker+")", bb)
		p.Legend.Top = true
		p.NominalX(names...)
	}
	wd := vg.Length(max(len(states), 12)) * 28 * vg.Points(1)
	wt, err := p.WriterTo(wd+80, 300, format)
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// ChartFormat returns the chart format of a file name: svg or png.
func ChartFormat(path string) string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
}
