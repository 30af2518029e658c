package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"axis"
	"axis/analysis"
	"axis/analysis/chart"
)

func init() {
	rootCmd.AddCommand(ledgerCmd, cohesionCmd, dependencyCmd, centralityCmd, blocsCmd, trendCmd)
	for _, c := range []*cobra.Command{ledgerCmd, cohesionCmd, dependencyCmd, centralityCmd, blocsCmd, trendCmd} {
		addFormatFlag(c)
		addAnalysisFlags(c)
	}
	dependencyCmd.Flags().String("kind", "", "only this kind (default: every transfer kind); list them with: axis kinds")
	centralityCmd.Flags().String("family", "", "only this family: commitment, transfer, cooperation, hostility (default: every positive family)")
	centralityCmd.Flags().Int("top", 20, "show the top N actors (0: all)")
	trendCmd.Flags().String("by", "year", "period: month, quarter or year")
	trendCmd.Flags().String("chart", "", "also draw the trend to this file (.svg or .png)")
}

// addAnalysisFlags adds --weights and the time window flags.
func addAnalysisFlags(c *cobra.Command) {
	c.Flags().String("weights", "", "weights file (YAML) over the embedded defaults; see docs/analysis.md")
	c.Flags().String("at", "", "the system as it stood on this date: commitments in force, events up to it")
	c.Flags().String("since", "", "events dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
	c.Flags().String("until", "", "events dated on or before; also the reference date for recency")
}

// analysisInputs reads --weights and the window.
func analysisInputs(cmd *cobra.Command) (*analysis.Weights, analysis.Window, error) {
	var win analysis.Window
	path, _ := cmd.Flags().GetString("weights")
	w, err := analysis.LoadWeights(path)
	if err != nil {
		return nil, win, err
	}
	if win.At, err = dateFlag(cmd, "at"); err != nil {
		return nil, win, err
	}
	if win.Since, err = dateFlag(cmd, "since"); err != nil {
		return nil, win, err
	}
	if win.Until, err = dateFlag(cmd, "until"); err != nil {
		return nil, win, err
	}
	return w, win, win.Validate()
}

// analysisFlags reads what every analysis command takes: --format, then
// the weights and the date window.
func analysisFlags(cmd *cobra.Command) (string, *analysis.Weights, analysis.Window, error) {
	format, err := outputFormat(cmd)
	if err != nil {
		return "", nil, analysis.Window{}, err
	}
	w, win, err := analysisInputs(cmd)
	return format, w, win, err
}

// footer prints what the figures were computed with, in table format only.
func footer(w io.Writer, format string, ref analysis.WeightsRef, win analysis.Window) {
	if format != "table" {
		return
	}
	fmt.Fprintf(w, "\nweights: %s; window: %s; reference date: %s\n", ref, windowText(win), win.Ref())
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

func f2(v float64) string { return fmt.Sprintf("%.2f", v) }

func kindItem(k axis.Kind, item string) string {
	if item == "" {
		return string(k)
	}
	return string(k) + "/" + item
}

func quantityText(qs []analysis.QuantitySum) string {
	var parts []string
	for _, q := range qs {
		parts = append(parts, q.String())
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

func statusText(m map[axis.Status]int) string {
	var parts []string
	for _, s := range axis.Statuses {
		if m[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s:%d", s, m[s]))
		}
	}
	return strings.Join(parts, " ")
}

func dateText(d axis.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

var ledgerCmd = &cobra.Command{
	Use:   "ledger A B",
	Short: "What flows between two actors, each way, and the commitments between them",
	Long: `ledger lists what A gives B and what B gives A, grouped by kind and item:
how many relations and events, quantities summed where units agree, first and
last dates, the status mix and how many pieces of evidence. Things the two do
together (joint exercises, agreements) and the commitments between them are
listed apart. A direction with nothing in it says "nothing recorded", so the
question "what does Pyongyang get in return?" is answered at a glance.

SCORE is the summed weight (see --weights); BALANCE is A→B minus B→A.`,
	Example: "  axis ledger PRK RUS\n  axis ledger RUS PRK --since 2023 --format json\n  axis ledger IRN RUS --weights my-weights.yaml --format csv",
	Args:    cobra.ExactArgs(2),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, w, win, err := analysisFlags(cmd)
		if err != nil {
			return err
		}
		return withStore(cmd, func(s axis.Store) error {
			res, err := analysis.Ledger(cmd.Context(), s, w, args[0], args[1], win)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"SECTION", "KIND/ITEM", "RELATIONS", "EVENTS", "QUANTITY", "FIRST", "LAST", "STATUS", "EVIDENCE", "SCORE"}}
			sections := []struct {
				name string
				fl   analysis.Flow
			}{{res.A + "->" + res.B, res.AtoB}, {res.B + "->" + res.A, res.BtoA}, {res.A + "+" + res.B + " together", res.Mutual}}
			for i, sec := range sections {
				if sec.fl.Empty {
					if i < 2 {
						t.Add(sec.name, analysis.NothingRecorded, "-", "-", "-", "-", "-", "-", "-", "-")
					}
					continue
				}
				for _, l := range sec.fl.Lines {
					t.Add(sec.name, kindItem(l.Kind, l.Item), l.Relations, l.Events, quantityText(l.Quantities), dateText(l.First), dateText(l.Last), statusText(l.Statuses), l.Evidence, f2(l.Score))
				}
			}
			for _, c := range res.Commitments {
				title := string(c.Kind)
				if c.Title != "" {
					title += ": " + c.Title
				}
				if format == "table" {
					// A treaty's full name would widen every row; json and csv keep it.
					title = clip(title, 60)
				}
				t.Add("commitment "+c.Source+"-"+c.Target, title, 1, "-", "-", dateText(c.Signed), dateText(c.Ended), c.Status, c.Evidence, f2(c.Score))
			}
			if len(res.Commitments) == 0 {
				t.Add("commitments", "none recorded", "-", "-", "-", "-", "-", "-", "-", "-")
			}
			if err := render(cmd.OutOrStdout(), format, res, t); err != nil {
				return err
			}
			if format == "table" {
				fmt.Fprintf(cmd.OutOrStdout(), "\nbalance %s->%s: %s (%s->%s %s, %s->%s %s; hostile acts count negative)\n", res.A, res.B, f2(res.Balance), res.A, res.B, f2(res.AtoB.Score), res.B, res.A, f2(res.BtoA.Score))
			}
			footer(cmd.OutOrStdout(), format, res.Weights, win)
			return nil
		})
	},
}

var cohesionCmd = &cobra.Command{
	Use:   "cohesion A B [C...]",
	Short: "How cohesive a group is: tie matrix, density, centralisation, closure, verdict",
	Long: `cohesion measures how tightly a group of actors is tied together: the
matrix of net tie strengths (positive: cooperation, transfers, commitments;
negative: hostility), density (share of pairs with a positive tie), the share
of multilateral events (three or more members at once) against bilateral
ones, Freeman degree centralisation (0 for a clique, 1 for a star) with the
hub named, triadic closure, and a plain-language verdict: a bloc, a
hub-and-spoke system around one state, or a set of bilateral transactions.

In csv format the pairs are listed one per row.`,
	Example: "  axis cohesion RUS CHN PRK IRN\n  axis cohesion RUS CHN PRK IRN --since 2022 --format json",
	Args:    cobra.MinimumNArgs(2),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, w, win, err := analysisFlags(cmd)
		if err != nil {
			return err
		}
		return withStore(cmd, func(s axis.Store) error {
			res, err := analysis.Cohesion(cmd.Context(), s, w, args, win)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if format == "csv" {
				t := &Table{Header: []string{"A", "B", "POSITIVE", "NEGATIVE", "NET", "RELATIONS"}}
				for _, p := range res.Pairs {
					t.Add(p.A, p.B, f2(p.Positive), f2(p.Negative), f2(p.Net), p.Relations)
				}
				return render(out, format, res, t)
			}
			if format == "json" {
				return render(out, format, res, nil)
			}
			t := &Table{Header: append([]string{"NET TIE"}, res.Actors...)}
			for i, a := range res.Actors {
				row := []any{a}
				for j := range res.Actors {
					if i == j {
						row = append(row, "-")
					} else {
						row = append(row, f2(res.Matrix[i][j]))
					}
				}
				t.Add(row...)
			}
			if err := render(out, format, res, t); err != nil {
				return err
			}
			m := &Table{Header: []string{"MEASURE", "VALUE"}}
			m.Add("density", fmt.Sprintf("%s (%d of %d pairs tied)", f2(res.Density), countPositive(res.Pairs), len(res.Pairs)))
			m.Add("multilateral events", fmt.Sprintf("%d of %d (%.0f%%)", res.Multilateral, res.Multilateral+res.Bilateral, 100*res.MultilateralShare))
			m.Add("degree centralisation", f2(res.Centralization))
			m.Add("weighted centralisation", f2(res.WeightedCentralization))
			m.Add("hub", orDash(res.Hub))
			m.Add("triadic closure", f2(res.TriadicClosure))
			m.Add("shape", res.Shape)
			fmt.Fprintln(out)
			if err := writeTable(out, m); err != nil {
				return err
			}
			fmt.Fprintf(out, "\n%s\n", res.Verdict)
			footer(out, format, res.Weights, win)
			return nil
		})
	},
}

func countPositive(ps []analysis.PairTie) int {
	n := 0
	for _, p := range ps {
		if p.Net > 0 {
			n++
		}
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

var dependencyCmd = &cobra.Command{
	Use:   "dependency A",
	Short: "Where an actor's supplies come from, and who depends on it",
	Long: `dependency lists, for each kind and item A receives, the share that comes
from each supplier (by weight), e.g. where Russia's artillery ammunition and
drones come from; and, for each kind and item A gives, how much of each
recipient's whole intake of it comes from A (who depends on A).

Without --kind every transfer kind is counted; with --kind any directed kind.`,
	Example: "  axis dependency RUS\n  axis dependency RUS --kind arms\n  axis dependency CHN --format json",
	Args:    cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, w, win, err := analysisFlags(cmd)
		if err != nil {
			return err
		}
		kind, _ := cmd.Flags().GetString("kind")
		return withStore(cmd, func(s axis.Store) error {
			res, err := analysis.Dependency(cmd.Context(), s, w, args[0], axis.Kind(kind), win)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"DIRECTION", "KIND/ITEM", "PARTNER", "SHARE", "WEIGHT", "RELATIONS", "QUANTITY"}}
			for _, sp := range res.Receives {
				for _, p := range sp.Partners {
					t.Add(res.Actor+" receives", kindItem(sp.Kind, sp.Item), p.Actor, fmt.Sprintf("%.0f%%", 100*p.Share), f2(p.Weight), p.Relations, quantityText(p.Quantities))
				}
			}
			if len(res.Receives) == 0 {
				t.Add(res.Actor+" receives", analysis.NothingRecorded, "-", "-", "-", "-", "-")
			}
			for _, sp := range res.Gives {
				for _, p := range sp.Partners {
					t.Add("depends on "+res.Actor, kindItem(sp.Kind, sp.Item), p.Actor, fmt.Sprintf("%.0f%%", 100*p.Share), f2(p.Weight), p.Relations, quantityText(p.Quantities))
				}
			}
			if len(res.Gives) == 0 {
				t.Add("depends on "+res.Actor, analysis.NothingRecorded, "-", "-", "-", "-", "-")
			}
			if err := render(cmd.OutOrStdout(), format, res, t); err != nil {
				return err
			}
			if format == "table" {
				fmt.Fprintf(cmd.OutOrStdout(), "\nSHARE: for \"%s receives\", the partner's share of %s's intake; for \"depends on %s\", %s's share of the partner's intake.\n", res.Actor, res.Actor, res.Actor, res.Actor)
			}
			footer(cmd.OutOrStdout(), format, res.Weights, win)
			return nil
		})
	},
}

var centralityCmd = &cobra.Command{
	Use:   "centrality",
	Short: "Who is central: weighted PageRank and betweenness over the positive graph",
	Long: `centrality ranks actors in the positive graph (commitments, transfers,
cooperation; or one family with --family) by weighted PageRank, with edges
from giver to receiver (both ways for symmetric kinds such as treaties and
joint exercises), and by weighted betweenness (how often an actor lies on the
strongest paths between others; distance 1/strength), normalised to [0,1].
STRENGTH sums an actor's edge weights; DEGREE counts its partners.`,
	Example: "  axis centrality\n  axis centrality --family transfer --top 10\n  axis centrality --at 2021-12-31 --format csv",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, w, win, err := analysisFlags(cmd)
		if err != nil {
			return err
		}
		family, _ := cmd.Flags().GetString("family")
		top, _ := cmd.Flags().GetInt("top")
		return withStore(cmd, func(s axis.Store) error {
			res, err := analysis.Centrality(cmd.Context(), s, w, axis.Family(family), win)
			if err != nil {
				return err
			}
			if top > 0 && len(res.Actors) > top {
				res.Actors = res.Actors[:top]
			}
			t := &Table{Header: []string{"RANK", "ACTOR", "PAGERANK", "BETWEENNESS", "STRENGTH", "DEGREE"}}
			for i, a := range res.Actors {
				t.Add(i+1, a.Actor, fmt.Sprintf("%.4f", a.PageRank), fmt.Sprintf("%.4f", a.Betweenness), f2(a.Strength), a.Degree)
			}
			if err := render(cmd.OutOrStdout(), format, res, t); err != nil {
				return err
			}
			if format == "table" {
				fmt.Fprintf(cmd.OutOrStdout(), "\n%d actors, %d weighted edges.\n", res.Nodes, res.Edges)
			}
			footer(cmd.OutOrStdout(), format, res.Weights, win)
			return nil
		})
	},
}

var blocsCmd = &cobra.Command{
	Use:   "blocs",
	Short: "Split the signed graph into blocs, with the frustration index and the edges that frustrate it",
	Long: `blocs builds the signed graph (each pair's net tie: cooperation, transfers
and commitments positive, hostility negative) and splits each connected part
into two blocs so that as little tie weight as possible goes against the
split (friends apart, enemies together): structural balance. The frustration
index is that weight over all tie weight (0: perfectly balanced); the
frustrating edges are listed, strongest first. Parts of up to 20 actors are
split exactly; larger ones by seeded local search (see docs/analysis.md).

In table and csv format the blocs are listed first, then the frustrating edges.`,
	Example: "  axis blocs\n  axis blocs --at 2021-12-31\n  axis blocs --format json",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, w, win, err := analysisFlags(cmd)
		if err != nil {
			return err
		}
		return withStore(cmd, func(s axis.Store) error {
			res, err := analysis.Blocs(cmd.Context(), s, w, win)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"ROW", "BLOC/EDGE", "LEADER/NET", "MEMBERS/REASON"}}
			for _, b := range res.Blocs {
				t.Add("bloc", fmt.Sprintf("%d (part %d)", b.ID, b.Component), b.Leader, strings.Join(b.Members, " "))
			}
			for _, e := range res.FrustratingEdges {
				t.Add("frustrating", e.A+"-"+e.B, f2(e.Net), e.Reason)
			}
			if err := render(cmd.OutOrStdout(), format, res, t); err != nil {
				return err
			}
			if format == "table" {
				fmt.Fprintf(cmd.OutOrStdout(), "\n%d actors, %d signed ties; frustration index %.4f (%d edges, weight %.2f); method: %s.\n",
					res.Actors, res.Edges, res.FrustrationIndex, res.FrustrationCount, res.Frustration, res.Method)
			}
			footer(cmd.OutOrStdout(), format, res.Weights, win)
			return nil
		})
	},
}

var trendCmd = &cobra.Command{
	Use:   "trend A B",
	Short: "Cooperation and hostility between two actors over time, as a table and a chart",
	Long: `trend sums, per month, quarter or year, the cooperation score (transfers,
cooperation, commitments at their signing date) and the hostility score of
the relations between A and B, with event counts. Scores use the weights
without recency (a trend is a history). Periods with nothing are shown as
zeros; relations whose date is unknown or coarser than the period are
counted apart. --chart draws the series to an SVG or PNG file.`,
	Example: "  axis trend RUS PRK\n  axis trend RUS PRK --by quarter --since 2022 --chart rus-prk.svg\n  axis trend CHN RUS --by month --format csv",
	Args:    cobra.ExactArgs(2),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, w, win, err := analysisFlags(cmd)
		if err != nil {
			return err
		}
		by, _ := cmd.Flags().GetString("by")
		chartPath, _ := cmd.Flags().GetString("chart")
		chartFormat := ""
		if chartPath != "" {
			if chartFormat, err = chart.FormatOf(chartPath); err != nil {
				return err
			}
		}
		return withStore(cmd, func(s axis.Store) error {
			res, err := analysis.Trend(cmd.Context(), s, w, args[0], args[1], by, win)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"PERIOD", "COOPERATION", "HOSTILITY", "NET", "EVENTS", "COOP_EVENTS", "HOSTILE_EVENTS"}}
			for _, p := range res.Points {
				t.Add(p.Period, f2(p.Cooperation), f2(p.Hostility), f2(p.Net), p.Events, p.CooperationEvents, p.HostilityEvents)
			}
			if err := render(cmd.OutOrStdout(), format, res, t); err != nil {
				return err
			}
			if format == "table" {
				if len(res.Points) == 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "%s-%s: nothing dated recorded.\n", res.A, res.B)
				}
				if res.Undated > 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "\n%d relations left out: date unknown or coarser than a %s.\n", res.Undated, res.By)
				}
			}
			if chartPath != "" {
				f, err := os.Create(chartPath)
				if err != nil {
					return axis.FieldErrorf(axis.EINVALID, "--chart", "cannot write chart: %v", err)
				}
				if err := chart.Trend(f, res, chartFormat); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "chart written to %s\n", chartPath)
			}
			footer(cmd.OutOrStdout(), format, res.Weights, win)
			return nil
		})
	},
}

// clip shortens s to at most n runes, marking the cut with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
