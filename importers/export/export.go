// Package export writes the relations of a store as CSV, JSON Lines,
// GraphML or GEXF 1.3, streaming them from the store (two passes for the
// graph formats: nodes first, then edges), so results open in
// spreadsheets, Gephi, yEd, Cytoscape or networkx.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"axis"
)

// Formats lists the formats Write takes.
var Formats = []string{"csv", "jsonl", "graphml", "gexf"}

// Options say what to export.
type Options struct {
	Format string
	Filter axis.RelationFilter
	// Evidence includes each relation's evidence (jsonl), or its count and
	// first source (csv, graphml, gexf). It costs a read per relation.
	Evidence bool
	// Now stamps GEXF's lastmodifieddate; zero means today.
	Now time.Time
}

// Write exports the relations that pass opt.Filter to w in opt.Format and
// returns how many relations it wrote.
func Write(ctx context.Context, st axis.Reader, w io.Writer, opt Options) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var n int
	var err error
	opt.Filter.WithEvidence = opt.Evidence
	switch opt.Format {
	case "csv":
		n, err = writeCSV(ctx, st, bw, opt)
	case "jsonl":
		n, err = writeJSONL(ctx, st, bw, opt)
	case "graphml":
		n, err = writeGraphML(ctx, st, bw, opt)
	case "gexf":
		n, err = writeGEXF(ctx, st, bw, opt)
	default:
		return 0, axis.FieldErrorf(axis.EINVALID, "--format", "unknown export format %q (valid: %s)", opt.Format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// Columns are the CSV columns, also the edge attributes of the graph
// formats.
var Columns = []string{"id", "source", "target", "kind", "family", "item", "date", "until", "status", "events",
	"quantity", "quantity_unit", "signed", "in_force", "ended", "conditions", "title", "evidence", "first_source"}

func row(r *axis.Relation, withEvidence bool) []string {
	q, unit := "", ""
	if r.Quantity != nil {
		q, unit = strconv.FormatFloat(r.Quantity.Value, 'f', -1, 64), r.Quantity.Unit
	}
	var signed, inForce, ended, conds, title string
	if c := r.Commitment; c != nil {
		signed, inForce, ended, title = c.Signed.String(), c.InForce.String(), c.Ended.String(), c.Title
		conds = conditionText(c.Conditions)
	}
	ev, first := "", ""
	if withEvidence {
		ev = strconv.Itoa(len(r.Evidence))
		if len(r.Evidence) > 0 {
			first = r.Evidence[0].Source
			if r.Evidence[0].URL != "" {
				first = r.Evidence[0].URL
			}
		}
	}
	return []string{strconv.FormatInt(r.ID, 10), r.Source, r.Target, string(r.Kind), string(r.Kind.Family()), r.Item,
		r.Date.String(), r.Until.String(), string(r.Status), strconv.Itoa(r.Events), q, unit, signed, inForce, ended, conds, title, ev, first}
}

func conditionText(c axis.Conditions) string {
	var parts []string
	if len(c.Adversaries) > 0 {
		parts = append(parts, "against "+strings.Join(c.Adversaries, "/"))
	}
	if len(c.Theaters) > 0 {
		parts = append(parts, "in "+strings.Join(c.Theaters, "/"))
	}
	if c.Conflict != "" {
		parts = append(parts, "conflict: "+c.Conflict)
	}
	if c.NonProvocation {
		parts = append(parts, "non-provocation")
	}
	if c.Note != "" {
		parts = append(parts, c.Note)
	}
	return strings.Join(parts, "; ")
}

func writeCSV(ctx context.Context, st axis.Reader, w io.Writer, opt Options) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return 0, err
	}
	n := 0
	err := st.EachRelation(ctx, opt.Filter, func(r *axis.Relation) error {
		n++
		return cw.Write(row(r, opt.Evidence))
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}

func writeJSONL(ctx context.Context, st axis.Reader, w io.Writer, opt Options) (int, error) {
	enc := json.NewEncoder(w)
	n := 0
	err := st.EachRelation(ctx, opt.Filter, func(r *axis.Relation) error {
		n++
		return enc.Encode(r)
	})
	return n, err
}

// nodes gathers the actors the relations touch, in code order.
func nodes(ctx context.Context, st axis.Reader, f axis.RelationFilter) ([]axis.Actor, error) {
	f.WithEvidence = false
	seen := map[string]bool{}
	err := st.EachRelation(ctx, f, func(r *axis.Relation) error {
		seen[r.Source], seen[r.Target] = true, true
		return nil
	})
	if err != nil {
		return nil, err
	}
	codes := make([]string, 0, len(seen))
	for c := range seen {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := make([]axis.Actor, 0, len(codes))
	for _, c := range codes {
		a, err := st.Actor(ctx, c)
		if err != nil {
			out = append(out, axis.Actor{Code: c, Name: c})
			continue
		}
		out = append(out, *a)
	}
	return out, nil
}

// nodeAttrs are the node attributes of the graph formats.
var nodeAttrs = []string{"name", "kind", "country", "theaters", "historical"}

func nodeValues(a *axis.Actor) []string {
	h := ""
	if a.Historical {
		h = "true"
	} else {
		h = "false"
	}
	return []string{a.Name, string(a.Kind), a.Country, strings.Join(a.Theaters, ";"), h}
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeGraphML(ctx context.Context, st axis.Reader, w io.Writer, opt Options) (int, error) {
	ns, err := nodes(ctx, st, opt.Filter)
	if err != nil {
		return 0, err
	}
	fmt.Fprint(w, xml.Header)
	fmt.Fprintln(w, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
	for _, a := range nodeAttrs {
		typ := "string"
		if a == "historical" {
			typ = "boolean"
		}
		fmt.Fprintf(w, "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a, a, typ)
	}
	for _, c := range Columns[3:] {
		fmt.Fprintf(w, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", c, c, graphmlType(c))
	}
	fmt.Fprintln(w, `  <graph id="axis" edgedefault="directed">`)
	for i := range ns {
		fmt.Fprintf(w, "    <node id=\"%s\">", esc(ns[i].Code))
		for j, v := range nodeValues(&ns[i]) {
			if v != "" {
				fmt.Fprintf(w, "<data key=\"n_%s\">%s</data>", nodeAttrs[j], esc(v))
			}
		}
		fmt.Fprintln(w, "</node>")
	}
	n := 0
	err = st.EachRelation(ctx, opt.Filter, func(r *axis.Relation) error {
		n++
		vals := row(r, opt.Evidence)
		fmt.Fprintf(w, "    <edge id=\"r%d\" source=\"%s\" target=\"%s\" directed=\"%t\">", r.ID, esc(r.Source), esc(r.Target), !r.Kind.Symmetric())
		for j, c := range Columns[3:] {
			if v := vals[j+3]; v != "" {
				fmt.Fprintf(w, "<data key=\"e_%s\">%s</data>", c, esc(v))
			}
		}
		_, err := fmt.Fprintln(w, "</edge>")
		return err
	})
	if err != nil {
		return n, err
	}
	_, err = fmt.Fprint(w, "  </graph>\n</graphml>\n")
	return n, err
}

func graphmlType(col string) string {
	switch col {
	case "events", "evidence":
		return "int"
	case "quantity":
		return "double"
	}
	return "string"
}

func gexfType(col string) string {
	switch col {
	case "events", "evidence":
		return "integer"
	case "quantity":
		return "double"
	}
	return "string"
}

// GEXFNamespace is the namespace of GEXF 1.3, the version Gephi 0.9+ reads.
const GEXFNamespace = "http://gexf.net/1.3"

func writeGEXF(ctx context.Context, st axis.Reader, w io.Writer, opt Options) (int, error) {
	ns, err := nodes(ctx, st, opt.Filter)
	if err != nil {
		return 0, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	fmt.Fprint(w, xml.Header)
	fmt.Fprintf(w, "<gexf xmlns=\"%s\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"%s %s/gexf.xsd\" version=\"1.3\">\n", GEXFNamespace, GEXFNamespace, GEXFNamespace)
	fmt.Fprintf(w, "  <meta lastmodifieddate=\"%s\">\n    <creator>axis</creator>\n    <description>Relations between actors, exported by axis</description>\n  </meta>\n", now.UTC().Format("2006-01-02"))
	fmt.Fprintln(w, `  <graph defaultedgetype="directed" mode="static">`)
	fmt.Fprintln(w, `    <attributes class="node">`)
	for i, a := range nodeAttrs {
		typ := "string"
		if a == "historical" {
			typ = "boolean"
		}
		fmt.Fprintf(w, "      <attribute id=\"n%d\" title=\"%s\" type=\"%s\"/>\n", i, a, typ)
	}
	fmt.Fprintln(w, `    </attributes>`)
	fmt.Fprintln(w, `    <attributes class="edge">`)
	for i, c := range Columns[3:] {
		fmt.Fprintf(w, "      <attribute id=\"e%d\" title=\"%s\" type=\"%s\"/>\n", i, c, gexfType(c))
	}
	fmt.Fprintln(w, `    </attributes>`)
	fmt.Fprintln(w, `    <nodes>`)
	for i := range ns {
		fmt.Fprintf(w, "      <node id=\"%s\" label=\"%s\"><attvalues>", esc(ns[i].Code), esc(ns[i].Name))
		for j, v := range nodeValues(&ns[i]) {
			if v != "" {
				fmt.Fprintf(w, "<attvalue for=\"n%d\" value=\"%s\"/>", j, esc(v))
			}
		}
		fmt.Fprintln(w, "</attvalues></node>")
	}
	fmt.Fprintln(w, `    </nodes>`)
	fmt.Fprintln(w, `    <edges>`)
	n := 0
	err = st.EachRelation(ctx, opt.Filter, func(r *axis.Relation) error {
		n++
		vals := row(r, opt.Evidence)
		typ := "directed"
		if r.Kind.Symmetric() {
			typ = "undirected"
		}
		fmt.Fprintf(w, "      <edge id=\"%d\" source=\"%s\" target=\"%s\" type=\"%s\" label=\"%s\" weight=\"%d\"><attvalues>",
			r.ID, esc(r.Source), esc(r.Target), typ, esc(string(r.Kind)), max(r.Events, 1))
		for j := range Columns[3:] {
			if v := vals[j+3]; v != "" {
				fmt.Fprintf(w, "<attvalue for=\"e%d\" value=\"%s\"/>", j, esc(v))
			}
		}
		_, err := fmt.Fprintln(w, "</attvalues></edge>")
		return err
	})
	if err != nil {
		return n, err
	}
	_, err = fmt.Fprint(w, "    </edges>\n  </graph>\n</gexf>\n")
	return n, err
}
