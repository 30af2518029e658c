package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"axis"
	"axis/inmem"
)

func fixtureStore(t *testing.T) axis.Store {
	t.Helper()
	st := inmem.New()
	_, err := st.Write(context.Background(), func(w axis.Writer) error {
		for _, a := range []axis.Actor{
			{Code: "RUS", Name: "Russia", Kind: axis.ActorState, Theaters: []string{"europe"}},
			{Code: "PRK", Name: "North Korea", Kind: axis.ActorState},
			{Code: "IRN", Name: "Iran", Kind: axis.ActorState},
			{Code: "AUH", Name: `Austria-Hungary "& <the Dual Monarchy>"`, Kind: axis.ActorState, Historical: true},
			{Code: "DEU", Name: "Germany", Kind: axis.ActorState},
		} {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		doc := &axis.Document{ID: strings.Repeat("a", 64), Kind: axis.DocDataset}
		if _, err := w.PutDocument(doc); err != nil {
			return err
		}
		ev := func(s string) []axis.Evidence {
			return []axis.Evidence{{DocumentID: doc.ID, Sentence: s, Method: "manual", Confidence: 1, Source: "fixture", URL: "https://example.org/" + s}}
		}
		rels := []axis.Relation{
			{Source: "RUS", Target: "PRK", Kind: axis.DefensePact, Date: axis.MustParseDate("2024-06-19"),
				Commitment: &axis.Commitment{Signed: axis.MustParseDate("2024-06-19"), Title: "Treaty"}, Evidence: ev("pact")},
			{Source: "PRK", Target: "RUS", Kind: axis.Arms, Item: "artillery_ammunition", Date: axis.MustParseDate("2023-09"),
				Quantity: &axis.Quantity{Value: 1e6, Unit: "shells", Bound: "over"}, Events: 4, Evidence: ev("shells")},
			{Source: "IRN", Target: "RUS", Kind: axis.Arms, Item: "drones", Date: axis.MustParseDate("2022-08"), Evidence: ev("drones")},
			{Source: "DEU", Target: "AUH", Kind: axis.DefensePact, Date: axis.MustParseDate("1879-10-07"),
				Commitment: &axis.Commitment{Signed: axis.MustParseDate("1879-10-07"), Ended: axis.MustParseDate("1918-11-11"),
					Conditions: axis.Conditions{NonProvocation: true, Note: "ATOP conditions: specific adversary"}}, Evidence: ev("dual")},
		}
		for i := range rels {
			if _, err := w.PutRelation(&rels[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func export(t *testing.T, st axis.Store, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	opt.Now = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	if _, err := Write(context.Background(), st, &b, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The structure Gephi reads from a GEXF 1.3 file.
type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Meta    struct {
		LastModified string `xml:"lastmodifieddate,attr"`
		Creator      string `xml:"creator"`
	} `xml:"meta"`
	Graph struct {
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Mode            string `xml:"mode,attr"`
		Attributes      []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string     `xml:"id,attr"`
			Label  string     `xml:"label,attr"`
			Values []attvalue `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string     `xml:"id,attr"`
			Source string     `xml:"source,attr"`
			Target string     `xml:"target,attr"`
			Type   string     `xml:"type,attr"`
			Label  string     `xml:"label,attr"`
			Weight float64    `xml:"weight,attr"`
			Values []attvalue `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

type attvalue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func TestGEXFStructure(t *testing.T) {
	out := export(t, fixtureStore(t), Options{Format: "gexf", Evidence: true})
	var g gexfDoc
	if err := xml.Unmarshal([]byte(out), &g); err != nil {
		t.Fatalf("not XML in the GEXF 1.3 namespace: %v\n%s", err, out)
	}
	if g.Version != "1.3" || g.Meta.Creator != "axis" || g.Meta.LastModified != "2026-11-30" {
		t.Errorf("header %+v", g)
	}
	if g.Graph.DefaultEdgeType != "directed" || g.Graph.Mode != "static" {
		t.Errorf("graph %q %q", g.Graph.DefaultEdgeType, g.Graph.Mode)
	}
	declared := map[string]map[string]string{"node": {}, "edge": {}}
	validTypes := map[string]bool{"integer": true, "long": true, "double": true, "float": true, "boolean": true, "string": true}
	for _, a := range g.Graph.Attributes {
		for _, at := range a.Attrs {
			if !validTypes[at.Type] {
				t.Errorf("attribute %s has type %q", at.ID, at.Type)
			}
			declared[a.Class][at.ID] = at.Title
		}
	}
	if len(declared["node"]) == 0 || len(declared["edge"]) == 0 {
		t.Fatalf("attributes not declared: %v", declared)
	}
	ids := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		if n.ID == "" || ids[n.ID] {
			t.Errorf("node id %q missing or repeated", n.ID)
		}
		ids[n.ID] = true
		for _, v := range n.Values {
			if _, ok := declared["node"][v.For]; !ok {
				t.Errorf("node %s: value for undeclared attribute %s", n.ID, v.For)
			}
		}
		if n.ID == "AUH" && n.Label != `Austria-Hungary "& <the Dual Monarchy>"` {
			t.Errorf("label not escaped round trip: %q", n.Label)
		}
	}
	if len(ids) != 5 {
		t.Errorf("%d nodes, want 5", len(ids))
	}
	edgeIDs := map[string]bool{}
	for _, e := range g.Graph.Edges {
		if e.ID == "" || edgeIDs[e.ID] || !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %+v: missing/repeated id or unknown end", e)
		}
		edgeIDs[e.ID] = true
		if e.Type != "directed" && e.Type != "undirected" {
			t.Errorf("edge type %q", e.Type)
		}
		if (e.Label == "defense_pact") != (e.Type == "undirected") {
			t.Errorf("%s edge typed %s", e.Label, e.Type)
		}
		for _, v := range e.Values {
			if _, ok := declared["edge"][v.For]; !ok {
				t.Errorf("edge %s: value for undeclared attribute %s", e.ID, v.For)
			}
		}
	}
	if len(edgeIDs) != 4 {
		t.Errorf("%d edges", len(edgeIDs))
	}
}

func TestGraphML(t *testing.T) {
	out := export(t, fixtureStore(t), Options{Format: "graphml", Filter: axis.RelationFilter{Kinds: []axis.Kind{axis.Arms}}})
	var g struct {
		XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Keys    []struct {
			ID  string `xml:"id,attr"`
			For string `xml:"for,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	if g.Graph.EdgeDefault != "directed" || len(g.Graph.Nodes) != 3 || len(g.Graph.Edges) != 2 {
		t.Errorf("graph %+v", g.Graph)
	}
	keys := map[string]bool{}
	for _, k := range g.Keys {
		keys[k.ID] = true
	}
	for _, e := range g.Graph.Edges {
		for _, d := range e.Data {
			if !keys[d.Key] {
				t.Errorf("undeclared key %s", d.Key)
			}
		}
	}
}

func TestCSVAndJSONL(t *testing.T) {
	st := fixtureStore(t)
	tests := []struct {
		name   string
		filter axis.RelationFilter
		want   int
	}{
		{"all", axis.RelationFilter{}, 4},
		{"actor", axis.RelationFilter{Actor: "IRN"}, 1},
		{"family", axis.RelationFilter{Families: []axis.Family{axis.FamilyCommitment}}, 2},
		{"since", axis.RelationFilter{Since: axis.MustParseDate("2023")}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := export(t, st, Options{Format: "csv", Filter: tc.filter, Evidence: true})
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) != tc.want+1 || strings.Join(rows[0], ",") != strings.Join(Columns, ",") {
				t.Fatalf("csv %v %d rows", err, len(rows))
			}
			lines := strings.Split(strings.TrimSpace(export(t, st, Options{Format: "jsonl", Filter: tc.filter, Evidence: true})), "\n")
			if len(lines) != tc.want {
				t.Fatalf("%d jsonl lines", len(lines))
			}
			for _, l := range lines {
				var r axis.Relation
				if err := json.Unmarshal([]byte(l), &r); err != nil || r.Kind == "" || len(r.Evidence) == 0 {
					t.Errorf("jsonl line %q: %v", l, err)
				}
			}
		})
	}
	out := export(t, st, Options{Format: "csv", Filter: axis.RelationFilter{Kinds: []axis.Kind{axis.DefensePact}, Actor: "AUH"}})
	if !strings.Contains(out, "non-provocation; ATOP conditions: specific adversary") || !strings.Contains(out, "1918-11-11") {
		t.Errorf("commitment columns missing: %s", out)
	}
	if _, err := Write(context.Background(), st, &bytes.Buffer{}, Options{Format: "xlsx"}); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("unknown format: %v", err)
	}
}
