package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"axis"
	"axis/analysis"
	"axis/inmem"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixture is a four-actor store: a hub (AAA) that receives arms from BBB
// and CCC and pays them back, a treaty, a joint drill of three, and one
// sentence that tries to inject markup.
func fixture(t testing.TB) axis.Store {
	t.Helper()
	s := inmem.New()
	doc := axis.Document{ID: axis.HashContent([]byte("report fixture")), Kind: axis.DocArticle, Title: "Shells & <drones>", Publisher: "Fixture Daily", URL: "https://example.org/a", Published: axis.MustParseDate("2024-07-01")}
	type r struct {
		src, tgt string
		kind     axis.Kind
		item     string
		date     string
		sentence string
		group    string
		qty      *axis.Quantity
	}
	rels := []r{
		{"BBB", "AAA", axis.Arms, "artillery_ammunition", "2023-09", "BBB shipped shells to AAA by rail.", "", &axis.Quantity{Value: 1000000, Unit: "shells", Bound: "over"}},
		{"BBB", "AAA", axis.Troops, "combat_troops", "2024-10", "BBB sent soldiers to fight for AAA.", "", &axis.Quantity{Value: 11000, Unit: "troops"}},
		{"AAA", "BBB", axis.Energy, "oil", "2024-03", "AAA delivered oil to BBB <script>alert(1)</script> above the cap.", "", nil},
		{"CCC", "AAA", axis.Arms, "drones", "2022-09", "CCC's drones reached AAA | via the sea.", "", nil},
		{"AAA", "BBB", axis.DefensePact, "", "2024-06-19", "AAA and BBB signed a mutual defence treaty.", "", nil},
		{"AAA", "CCC", axis.JointExercise, "naval", "2024-03", "AAA, CCC and DDD held naval drills.", "g1", nil},
		{"AAA", "DDD", axis.JointExercise, "naval", "2024-03", "AAA, CCC and DDD held naval drills.", "g1", nil},
		{"CCC", "DDD", axis.JointExercise, "naval", "2024-03", "AAA, CCC and DDD held naval drills.", "g1", nil},
		{"DDD", "CCC", axis.Sanction, "", "2024-05", "DDD sanctioned CCC firms.", "", nil},
	}
	_, err := s.Write(context.Background(), func(w axis.Writer) error {
		for _, c := range []string{"AAA", "BBB", "CCC", "DDD"} {
			if err := w.PutActor(&axis.Actor{Code: c, Name: "State " + c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		if _, err := w.PutDocument(&doc); err != nil {
			return err
		}
		for i, x := range rels {
			rel := axis.Relation{Source: x.src, Target: x.tgt, Kind: x.kind, Item: x.item, Date: axis.MustParseDate(x.date), GroupID: x.group, Quantity: x.qty,
				Evidence: []axis.Evidence{{DocumentID: doc.ID, Source: "Fixture Daily", URL: "https://example.org/a", Published: doc.Published,
					Sentence: x.sentence, Start: i * 100, End: i*100 + len(x.sentence), Method: "rule:test", Confidence: 0.9}}}
			if x.kind.Family() == axis.FamilyCommitment {
				rel.Commitment = &axis.Commitment{Signed: rel.Date, Title: "Treaty of Fixture", Article: "Article 4"}
			}
			if _, err := w.PutRelation(&rel); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func build(t testing.TB) *Report {
	w := analysis.DefaultWeights()
	rep, err := Build(context.Background(), fixture(t), w, []string{"AAA", "BBB", "CCC", "DDD"}, analysis.Window{Until: axis.MustParseDate("2025-01-01")},
		Options{Now: time.Date(2025, 1, 2, 3, 4, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

var (
	htmlHeading = regexp.MustCompile(`<h([1-4])[^>]*>(.*?)</h[1-4]>`)
	mdHeading   = regexp.MustCompile(`(?m)^(#{1,4}) (.*)$`)
)

// outline is the document's structure: its headings, one per line.
func outline(format, doc string) string {
	var b strings.Builder
	if format == "html" {
		for _, m := range htmlHeading.FindAllStringSubmatch(doc, -1) {
			b.WriteString(strings.Repeat("#", int(m[1][0]-'0')) + " " + m[2] + "\n")
		}
	} else {
		for _, m := range mdHeading.FindAllStringSubmatch(doc, -1) {
			b.WriteString(m[1] + " " + m[2] + "\n")
		}
	}
	return b.String()
}

func TestReportStructureGolden(t *testing.T) {
	rep := build(t)
	for _, format := range []string{"html", "md"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, rep, format); err != nil {
				t.Fatal(err)
			}
			got := outline(format, buf.String())
			golden := filepath.Join("testdata", "outline."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("outline differs from %s (run with -update to accept):\n%s", golden, got)
			}
		})
	}
}

func TestReportContent(t *testing.T) {
	rep := build(t)
	var h, m bytes.Buffer
	if err := WriteHTML(&h, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&m, rep); err != nil {
		t.Fatal(err)
	}
	html, md := h.String(), m.String()
	checks := []struct {
		name string
		doc  string
		want string
		not  bool
	}{
		{"html escapes evidence", html, "<script>alert(1)", true},
		{"html shows escaped evidence", html, "&lt;script&gt;alert(1)&lt;/script&gt;", false},
		{"html escapes titles", html, "Shells &amp; &lt;drones&gt;", false},
		{"md escapes evidence", md, "<script>", true},
		{"md escapes pipes", md, `AAA \| via`, false},
		{"html no external src", html, `src="http`, true},
		{"html no external link tags", html, `<link`, true},
		{"html no scripts", html, `<script`, true},
		{"html heat map inline", html, `src="data:image/svg&#43;xml;base64,`, false},
		{"md heat map inline", md, `](data:image/svg+xml;base64,`, false},
		{"html verdict", html, rep.Cohesion.Verdict[:30], false},
		{"hub", html, "<td>Hub</td><td>AAA</td>", false},
		{"nothing recorded", html, "BBB → CCC: nothing recorded.", false},
		{"quantity", html, "over 1,000,000 shells", false},
		{"treaty", html, "Treaty of Fixture (Article 4)", false},
		{"citation", html, "Source: Fixture Daily, “Shells &amp; &lt;drones&gt;”, published 2024-07-01, https://example.org/a.", false},
		{"weights", html, "defense_pact</td><td>commitment</td><td class=\"n\">10", false},
		{"md weights", md, "| defense_pact | commitment | 10 |", false},
		{"md citation", md, "<https://example.org/a>", false},
	}
	for _, c := range checks {
		if strings.Contains(c.doc, c.want) == c.not {
			t.Errorf("%s: contains %q = %v", c.name, c.want, !c.not)
		}
	}
	if len(rep.Ledgers) != 6 || len(rep.Trends) != 6 || len(rep.Dependency) != 4 || len(rep.Quotes) == 0 {
		t.Errorf("ledgers %d trends %d dependency %d quotes %d", len(rep.Ledgers), len(rep.Trends), len(rep.Dependency), len(rep.Quotes))
	}
	if rep.Quotes[0].Kind != axis.DefensePact {
		t.Errorf("strongest quote is %s, want the defence treaty", rep.Quotes[0].Kind)
	}
}

func TestFormat(t *testing.T) {
	for path, want := range map[string]string{"r.html": "html", "R.HTM": "html", "r.md": "md", "r.pdf": ""} {
		got, err := Format(path)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("%s: %q %v", path, got, err)
		}
	}
}
