// Package report assembles the analyses of a group of actors into one
// self-contained document (HTML or Markdown) an analyst can send on: the
// cohesion verdict and heat map, the ledger of every pair, trend charts,
// dependency tables, the strongest evidence with its citations, and the
// weights used. Charts are embedded as data: URIs; nothing is fetched.
package report

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"axis"
	"axis/analysis"
	"axis/analysis/chart"
)

// Report is everything a report shows. Build fills it; WriteHTML and
// WriteMarkdown render it.
type Report struct {
	Title      string                       `json:"title"`
	Actors     []string                     `json:"actors"`
	Names      map[string]string            `json:"names"`
	Window     analysis.Window              `json:"window"`
	Generated  time.Time                    `json:"generated"`
	Weights    *analysis.Weights            `json:"weights"`
	Cohesion   *analysis.CohesionResult     `json:"cohesion"`
	Ledgers    []*analysis.LedgerResult     `json:"ledgers"`
	Trends     []*analysis.TrendResult      `json:"trends"`
	Dependency []*analysis.DependencyResult `json:"dependency"`
	Quotes     []Quote                      `json:"quotes"`
	// Charts holds the data: URIs of the heat map ("cohesion") and of each
	// trend ("trend:A-B").
	Charts map[string]string `json:"-"`
}

// Quote is one piece of evidence with its citation.
type Quote struct {
	RelationID int64       `json:"relation_id"`
	DocumentID string      `json:"document_id"`
	Source     string      `json:"source"`
	Target     string      `json:"target"`
	Kind       axis.Kind   `json:"kind"`
	Item       string      `json:"item,omitempty"`
	Status     axis.Status `json:"status"`
	Date       axis.Date   `json:"date"`
	Weight     float64     `json:"weight"`
	Sentence   string      `json:"sentence"`
	Citation   string      `json:"citation"` // publisher or source name
	Title      string      `json:"title,omitempty"`
	URL        string      `json:"url,omitempty"`
	Published  axis.Date   `json:"published"`
}

// Options tune Build.
type Options struct {
	By     string    // trend period: month, quarter or year (default quarter)
	Quotes int       // how many evidence quotes (default 12)
	Now    time.Time // the generation time shown (default time.Now)
}

// Build runs every analysis the report shows for actors (two or more).
func Build(ctx context.Context, r axis.Reader, w *analysis.Weights, actors []string, win analysis.Window, opt Options) (*Report, error) {
	if w == nil {
		w = analysis.DefaultWeights()
	}
	if opt.By == "" {
		opt.By = analysis.ByQuarter
	}
	if opt.Quotes <= 0 {
		opt.Quotes = 12
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now().UTC()
	}
	coh, err := analysis.Cohesion(ctx, r, w, actors, win)
	if err != nil {
		return nil, err
	}
	actors = coh.Actors
	rep := &Report{Actors: actors, Names: map[string]string{}, Window: win, Generated: opt.Now, Weights: w, Cohesion: coh, Charts: map[string]string{},
		Title: "Alignment report: " + strings.Join(actors, ", ")}
	for _, a := range actors {
		act, err := r.Actor(ctx, a)
		if err != nil {
			return nil, err
		}
		rep.Names[a] = act.Name
	}
	if rep.Charts["cohesion"], err = chart.DataURI(chart.SVG, func(out io.Writer) error { return chart.Heatmap(out, coh) }); err != nil {
		return nil, err
	}
	for i, a := range actors {
		for _, b := range actors[i+1:] {
			l, err := analysis.Ledger(ctx, r, w, a, b, win)
			if err != nil {
				return nil, err
			}
			rep.Ledgers = append(rep.Ledgers, l)
			t, err := analysis.Trend(ctx, r, w, a, b, opt.By, win)
			if err != nil {
				return nil, err
			}
			rep.Trends = append(rep.Trends, t)
			if len(t.Points) > 0 {
				uri, err := chart.DataURI(chart.SVG, func(out io.Writer) error { return chart.Trend(out, t, chart.SVG) })
				if err != nil {
					return nil, err
				}
				rep.Charts["trend:"+a+"-"+b] = uri
			}
		}
	}
	// Dependency within the group: every supplier of each member, and the
	// members that depend on it; reads only the members' own relations.
	if rep.Dependency, err = analysis.GroupDependency(ctx, r, w, actors, win); err != nil {
		return nil, err
	}
	rep.Quotes, err = quotes(ctx, r, w, actors, win, opt.Quotes)
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// quotes picks the evidence of the heaviest relations among the actors,
// one quote per relation, preferring the most confident piece.
func quotes(ctx context.Context, r axis.Reader, w *analysis.Weights, actors []string, win analysis.Window, n int) ([]Quote, error) {
	ref := win.Ref()
	var all []Quote
	err := r.EachRelation(ctx, axis.RelationFilter{Actors: actors, WithEvidence: true}, func(rel *axis.Relation) error {
		if !win.Contains(rel) || len(rel.Evidence) == 0 {
			return nil
		}
		best := rel.Evidence[0]
		for _, e := range rel.Evidence[1:] {
			if e.Confidence > best.Confidence {
				best = e
			}
		}
		q := Quote{RelationID: rel.ID, Source: rel.Source, Target: rel.Target, Kind: rel.Kind, Item: rel.Item, Status: rel.Status,
			Date: rel.Date, DocumentID: best.DocumentID, Weight: math.Abs(w.Signed(rel, ref)), Sentence: best.Sentence, Citation: best.Source, URL: best.URL, Published: best.Published}
		all = append(all, q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Weight != all[j].Weight {
			return all[i].Weight > all[j].Weight
		}
		return all[i].RelationID < all[j].RelationID
	})
	if len(all) > n {
		all = all[:n]
	}
	// the cited documents' titles and publishers
	for i := range all {
		q := &all[i]
		if d, err := r.Document(ctx, q.DocumentID); err == nil {
			q.Title = d.Title
			if q.Citation == "" {
				q.Citation = d.Publisher
			}
			if q.URL == "" {
				q.URL = d.URL
			}
			if q.Published.IsZero() {
				q.Published = d.Published
			}
		}
		if q.Citation == "" {
			q.Citation = "unattributed"
		}
	}
	return all, nil
}

// Pair names a ledger or trend for headings: "RUS – PRK".
func Pair(a, b string) string { return fmt.Sprintf("%s – %s", a, b) }
