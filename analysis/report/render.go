package report

import (
	_ "embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"math"
	"sort"
	"strings"
	texttemplate "text/template"

	"axis"
	"axis/analysis"
)

//go:embed report.html.tmpl
var htmlSource string

//go:embed report.md.tmpl
var mdSource string

func funcs() map[string]any {
	return map[string]any{
		"num":  func(v float64) string { return num(v) },
		"pct":  func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) },
		"join": strings.Join,
		"date": func(d axis.Date) string {
			if d.IsZero() {
				return "—"
			}
			return d.String()
		},
		"pair": Pair,
		"article": func(a string) string {
			if a != "" && strings.Trim(a, "0123456789") == "" {
				return "Article " + a
			}
			return a
		},
		"statuses": statusMix,
		"qty":      quantities,
		"item":     func(k axis.Kind, item string) string { return kindItem(k, item) },
		"window":   windowText,
		"partners": partners,
		"kinds":    kindRows,
		"trendKey": func(t *analysis.TrendResult) string { return "trend:" + t.A + "-" + t.B },
		"cell": func(c *analysis.CohesionResult, i, j int) string {
			if i == j {
				return "·"
			}
			return num(c.Matrix[i][j])
		},
		"add": func(a, b int) int { return a + b },
		"until": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i
			}
			return out
		},
	}
}

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("report").Funcs(funcs()).Funcs(htmltemplate.FuncMap{
		"img": func(uri string) htmltemplate.URL {
			// only our own data: URIs are marked safe
			if strings.HasPrefix(uri, "data:image/svg+xml;base64,") || strings.HasPrefix(uri, "data:image/png;base64,") {
				return htmltemplate.URL(uri)
			}
			return ""
		},
	}).Parse(htmlSource))
	mdTmpl = texttemplate.Must(texttemplate.New("report").Funcs(funcs()).Funcs(texttemplate.FuncMap{"md": mdEscape, "mdurl": strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace, "img": func(s string) string { return s }}).Parse(mdSource))
)

// WriteHTML renders the report as one self-contained HTML page. Every
// text from the store (evidence sentences, titles, names) is escaped.
func WriteHTML(w io.Writer, r *Report) error { return htmlTmpl.Execute(w, r) }

// WriteMarkdown renders the report as Markdown with charts as data: URIs.
// Text from the store is escaped so that it cannot inject markup.
func WriteMarkdown(w io.Writer, r *Report) error { return mdTmpl.Execute(w, r) }

// Format returns "html" or "md" for a report file name.
func Format(path string) (string, error) {
	p := strings.ToLower(path)
	switch {
	case strings.HasSuffix(p, ".html"), strings.HasSuffix(p, ".htm"):
		return "html", nil
	case strings.HasSuffix(p, ".md"), strings.HasSuffix(p, ".markdown"):
		return "md", nil
	}
	return "", axis.FieldErrorf(axis.EINVALID, "--out", "report file %q must end in .html or .md", path)
}

// Write renders the report in format "html" or "md".
func Write(w io.Writer, r *Report, format string) error {
	if format == "md" {
		return WriteMarkdown(w, r)
	}
	return WriteHTML(w, r)
}

func num(v float64) string {
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e9:
		return fmt.Sprintf("%d", int64(v))
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func statusMix(m map[axis.Status]int) string {
	var parts []string
	for _, s := range axis.Statuses {
		if m[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s, m[s]))
		}
	}
	return strings.Join(parts, ", ")
}

func quantities(qs []analysis.QuantitySum) string {
	var parts []string
	for _, q := range qs {
		parts = append(parts, q.String())
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

func kindItem(k axis.Kind, item string) string {
	if item == "" {
		return string(k)
	}
	return string(k) + " / " + item
}

func windowText(w analysis.Window) string {
	switch {
	case !w.At.IsZero():
		return "as of " + w.At.String()
	case !w.Since.IsZero() && !w.Until.IsZero():
		return w.Since.String() + " to " + w.Until.String()
	case !w.Since.IsZero():
		return "since " + w.Since.String()
	case !w.Until.IsZero():
		return "up to " + w.Until.String()
	}
	return "all dates"
}

func partners(ps []analysis.Share) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%s %.0f%%", p.Actor, 100*p.Share))
	}
	return strings.Join(parts, ", ")
}

// kindRow is one line of the weights table.
type kindRow struct {
	Kind   axis.Kind
	Family axis.Family
	Weight float64
}

func kindRows(w *analysis.Weights) []kindRow {
	var out []kindRow
	for _, k := range axis.Ontology {
		out = append(out, kindRow{k.Kind, k.Family, w.Kinds[k.Kind]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	return out
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "\r", " ", "\n", " ",
)

// mdEscape makes store text inert in Markdown (and in the HTML Markdown
// renderers allow).
func mdEscape(s string) string { return mdReplacer.Replace(s) }
