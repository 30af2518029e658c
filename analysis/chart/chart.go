// Package chart draws the analysis results: trend lines with gonum/plot
// (SVG or PNG) and the cohesion heat map as a small hand-written SVG whose
// cells carry their values.
package chart

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"axis"
	"axis/analysis"
)

// Formats charts can be written in.
const (
	SVG = "svg"
	PNG = "png"
)

// FormatOf returns the chart format named by a file's extension.
func FormatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return SVG, nil
	case ".png":
		return PNG, nil
	}
	return "", axis.FieldErrorf(axis.EINVALID, "--chart", "chart file %q must end in .svg or .png", path)
}

var (
	green = color.RGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 0xff}
	red   = color.RGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0xff}
)

// Trend draws the cooperation and hostility scores of a trend over its
// periods, in format svg or png.
func Trend(w io.Writer, t *analysis.TrendResult, format string) error {
	if format != SVG && format != PNG {
		return axis.FieldErrorf(axis.EINVALID, "format", "unknown chart format %q (svg, png)", format)
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s – %s by %s", t.A, t.B, t.By)
	p.Y.Label.Text = "score (weighted)"
	p.X.Label.Text = t.By
	p.Add(plotter.NewGrid())
	coop := make(plotter.XYs, len(t.Points))
	host := make(plotter.XYs, len(t.Points))
	labels := make([]string, len(t.Points))
	for i, pt := range t.Points {
		coop[i] = plotter.XY{X: float64(i), Y: pt.Cooperation}
		host[i] = plotter.XY{X: float64(i), Y: pt.Hostility}
		labels[i] = pt.Period
	}
	if len(t.Points) > 0 {
		for _, s := range []struct {
			name string
			xy   plotter.XYs
			c    color.Color
		}{{"cooperation", coop, green}, {"hostility", host, red}} {
			l, pts, err := plotter.NewLinePoints(s.xy)
			if err != nil {
				return err
			}
			l.Color, pts.Color = s.c, s.c
			l.Width = vg.Points(1.5)
			pts.Shape = draw.CircleGlyph{}
			p.Add(l, pts)
			p.Legend.Add(s.name, l, pts)
		}
	} else {
		p.Title.Text += " (nothing recorded)"
	}
	p.Legend.Top = true
	p.Y.Min = 0
	p.X.Tick.Marker = periodTicks(labels)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	if len(labels) > 0 {
		p.X.Min, p.X.Max = -0.5, float64(len(labels))-0.5
	}
	wt, err := p.WriterTo(18*vg.Centimeter, 9*vg.Centimeter, format)
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// periodTicks labels at most about 12 periods, evenly spaced.
func periodTicks(labels []string) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		step := 1
		for len(labels)/step > 12 {
			step++
		}
		var ts []plot.Tick
		for i, l := range labels {
			if i%step == 0 {
				ts = append(ts, plot.Tick{Value: float64(i), Label: l})
			} else {
				ts = append(ts, plot.Tick{Value: float64(i)})
			}
		}
		return ts
	})
}

// Heatmap writes the cohesion matrix as an SVG heat map: green for positive
// net ties, orange for negative, white for none, each cell with its value.
func Heatmap(w io.Writer, c *analysis.CohesionResult) error {
	n := len(c.Actors)
	const cell, margin = 64, 60
	size := margin + n*cell + 10
	maxAbs := 0.0
	for i := range c.Matrix {
		for _, v := range c.Matrix[i] {
			maxAbs = math.Max(maxAbs, math.Abs(v))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`, size, size, size, size)
	fmt.Fprintf(&b, `<title>Net tie strength among %s</title>`, html.EscapeString(strings.Join(c.Actors, ", ")))
	for i, a := range c.Actors {
		x := margin + i*cell + cell/2
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold">%s</text>`, x, margin-10, html.EscapeString(a))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-weight="bold">%s</text>`, margin-8, margin+i*cell+cell/2+4, html.EscapeString(a))
	}
	for i := range c.Actors {
		for j := range c.Actors {
			v := c.Matrix[i][j]
			fill := "#f4f4f4"
			label := ""
			if i != j {
				fill = heatColor(v, maxAbs)
				label = fmt.Sprintf("%.1f", v)
			}
			x, y := margin+j*cell, margin+i*cell
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#fff"/>`, x, y, cell, cell, fill)
			if label != "" {
				tc := "#000"
				if maxAbs > 0 && math.Abs(v)/maxAbs > 0.6 {
					tc = "#fff"
				}
				fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" fill="%s">%s</text>`, x+cell/2, y+cell/2+4, tc, label)
			}
		}
	}
	b.WriteString(`</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// heatColor blends white to green (positive) or to orange (negative).
func heatColor(v, maxAbs float64) string {
	if maxAbs == 0 || v == 0 {
		return "#ffffff"
	}
	t := math.Min(math.Abs(v)/maxAbs, 1)
	to := green
	if v < 0 {
		to = red
	}
	mix := func(c uint8) int { return int(255 + t*(float64(c)-255)) }
	return fmt.Sprintf("#%02x%02x%02x", mix(to.R), mix(to.G), mix(to.B))
}

// DataURI renders a chart into a data: URI for self-contained documents.
func DataURI(format string, draw func(io.Writer) error) (string, error) {
	var buf bytes.Buffer
	if err := draw(&buf); err != nil {
		return "", err
	}
	mime := "image/svg+xml"
	if format == PNG {
		mime = "image/png"
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}
