package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"axis"
	"axis/scenario"
)

var simulateCmd = &cobra.Command{
	Use:   "simulate",
	Short: "Simulate escalation cascades and sanctions on supply networks",
	Long: `simulate runs the scenario models of docs/scenarios.md:

  escalation  who is drawn into a war started by a trigger incident, through
              commitments, rivalries and wars already under way (Monte Carlo)
  sanctions   which actors or routes to cut to reduce a supply flow into a
              target, and where the rest reroutes (maximum flow, minimum cut)`,
	Example: `  axis simulate escalation --trigger "CHN attacks TWN" --at 2025-06-01
  axis simulate escalation --world scenario/testdata/1939.yaml --trigger "GER attacks POL on 1939-09-01"
  axis simulate sanctions --target RUS --kind arms --budget 3`,
}

var escalationCmd = &cobra.Command{
	Use:   "escalation",
	Short: "Monte Carlo escalation cascade from a trigger incident",
	Long: `escalation simulates many crises that start with the trigger and reports, per
state, the probability that it joins the war and on which side (with a 95%
interval), the expected number of belligerents, the probability that the war
spans more than one theater, and the most frequent activation chains, each
step naming the commitment and its evidence.

The world is the store's commitments in force at --at (default: the trigger's
date, else today), its rivalries (sanctions, threats, attacks, incursions),
cooperation and the wars under way, or a standalone world file (--world). Probabilities per
commitment kind default to the alliance-reliability literature and can be
overridden with --params. The same --seed gives the same result whatever
--workers is. A world file with an outcome also prints the Brier scores.`,
	Example: `  axis simulate escalation --trigger "CHN attacks TWN"
  axis simulate escalation --trigger "PRK attacks KOR in east_asia" --trials 50000 --seed 7 --chart prk.svg
  axis simulate escalation --world scenario/testdata/1939.yaml --params scenario/testdata/params-pre1945.yaml \
      --trigger "GER attacks POL on 1939-09-01" --format json`,
	Args: cobra.NoArgs,
	RunE: runEscalation,
}

var sanctionsCmd = &cobra.Command{
	Use:   "sanctions",
	Short: "Rank sanction sets by the supply flow into a target they remove",
	Long: `sanctions builds the supply network of one transfer kind (and item) into the
target from the store's transfer relations, direct and through intermediaries,
with capacities from the stated quantities when every relation states one in
the same unit and from status weights otherwise. It reports the maximum flow,
the minimum cut, and the sets of up to --budget actors (all their transfers
stopped) or routes that remove the most flow, with the routes that carry more
after each cut (rerouting).`,
	Example: `  axis simulate sanctions --target RUS --kind arms
  axis simulate sanctions --target RUS --kind arms --item drones --budget 2 --format json
  axis simulate sanctions --target RUS --kind dual_use --at 2024-12-31`,
	Args: cobra.NoArgs,
	RunE: runSanctions,
}

func init() {
	rootCmd.AddCommand(simulateCmd)
	simulateCmd.AddCommand(escalationCmd, sanctionsCmd)
	f := escalationCmd.Flags()
	f.String("trigger", "", "the incident: "+scenario.TriggerForm)
	f.String("world", "", "world file (YAML) instead of the store; see docs/scenarios.md")
	f.String("params", "", "parameters file (YAML) over the defaults; see docs/scenarios.md")
	f.String("at", "", "the store's world as it stood on this date (default: the trigger's date, else today)")
	f.Int("trials", 10000, "number of simulated crises")
	f.Uint64("seed", 1, "random seed; the same seed gives the same result")
	f.Int("workers", 0, "worker goroutines (default: one per CPU); never changes the result")
	f.Int("chains", 5, "how many of the most frequent activation chains to show (0: none)")
	f.Int("top", 30, "how many states to show in the table (0: all)")
	f.String("chart", "", "also draw P(join) per state to this file (.svg or .png)")
	addFormatFlag(escalationCmd, "table", "json", "csv")
	escalationCmd.MarkFlagRequired("trigger")

	g := sanctionsCmd.Flags()
	g.String("target", "", "the receiving actor, e.g. RUS")
	g.String("kind", "arms", "transfer kind: "+strings.Join(simTransferKinds(), ", "))
	g.String("item", "", "only this item of the kind (e.g. drones); list them with: axis kinds")
	g.Int("budget", 3, "largest sanction set, in actors or routes")
	g.Int("top", 5, "how many sets to show for actors and for routes")
	g.String("at", "", "transfers dated up to this date (default: all)")
	addFormatFlag(sanctionsCmd, "table", "json", "csv")
	sanctionsCmd.MarkFlagRequired("target")
}

func simTransferKinds() []string {
	var out []string
	for _, k := range axis.KindsOf(axis.FamilyTransfer) {
		out = append(out, string(k))
	}
	return out
}

// escalationOutput is the JSON output: the result and, for a world with a
// known outcome, its validation.
type escalationOutput struct {
	*scenario.EscalationResult
	Validation *scenario.Validation `json:"validation,omitempty"`
}

func runEscalation(cmd *cobra.Command, _ []string) error {
	format, err := outputFormat(cmd)
	if err != nil {
		return err
	}
	f := cmd.Flags()
	trigText, _ := f.GetString("trigger")
	tr, err := scenario.ParseTrigger(trigText)
	if err != nil {
		return err
	}
	params := scenario.DefaultParams()
	if path, _ := f.GetString("params"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return axis.FieldErrorf(axis.EINVALID, "--params", "cannot read %s: %v", path, err)
		}
		if params, err = scenario.LoadParams(bytes.NewReader(b), path); err != nil {
			return err
		}
	}
	var world *scenario.World
	if path, _ := f.GetString("world"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return axis.FieldErrorf(axis.EINVALID, "--world", "cannot read %s: %v", path, err)
		}
		if world, err = scenario.LoadWorld(bytes.NewReader(b), path); err != nil {
			return err
		}
	} else {
		at, err := dateFlag(cmd, "at")
		if err != nil {
			return err
		}
		if at.IsZero() {
			at = tr.Date // the trigger's date, else today
		}
		if at.IsZero() {
			at = axis.DateOf(time.Now())
		}
		s, err := openStore(cmd)
		if err != nil {
			return err
		}
		defer s.Close()
		if world, err = scenario.WorldFromStoreWith(cmd.Context(), s, at, params); err != nil {
			return err
		}
	}
	trials, _ := f.GetInt("trials")
	seed, _ := f.GetUint64("seed")
	workers, _ := f.GetInt("workers")
	// Chains are always traced (each state's MOSTLY VIA comes from them);
	// --chains says how many of the most frequent to show.
	show, _ := f.GetInt("chains")
	res, err := scenario.Escalate(cmd.Context(), world, tr, params, scenario.RunOptions{Trials: trials, Seed: seed, Workers: workers, Chains: max(show, 1)})
	if err != nil {
		return err
	}
	res.Chains = res.Chains[:min(len(res.Chains), max(show, 0))]
	if path, _ := f.GetString("chart"); path != "" {
		var buf bytes.Buffer
		if err := scenario.WriteChart(&buf, res, scenario.ChartFormat(path), 0); err != nil {
			return err
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("cannot write the chart %s: %v", path, err)
		}
	}
	val := scenario.Compare(world, res)
	out := cmd.OutOrStdout()
	top, _ := f.GetInt("top")
	states := simStateTable(res, top)
	if format != "table" {
		return render(out, format, escalationOutput{res, val}, states)
	}
	fmt.Fprintf(out, "%s — world %q, %d trials, seed %d\n", res.Trigger, res.World, res.Trials, res.Seed)
	fmt.Fprintf(out, "expected belligerents %.2f [%.2f, %.2f]; P(more than one theater) %.3f [%.3f, %.3f]\n",
		res.ExpectedParticipants, res.ParticipantsCI[0], res.ParticipantsCI[1], res.PMultiTheater, res.MultiTheaterCI[0], res.MultiTheaterCI[1])
	var th []string
	for _, t := range res.Theaters {
		th = append(th, fmt.Sprintf("%s %.3f", t.Theater, t.P))
	}
	fmt.Fprintf(out, "theaters reached: %s\n", strings.Join(th, ", "))
	if res.Capability != nil {
		fmt.Fprintf(out, "expected capability: attacker's side %.3f, target's side %.3f\n", res.Capability.Attacker, res.Capability.Target)
	}
	fmt.Fprintln(out)
	if err := render(out, format, nil, states); err != nil {
		return err
	}
	if len(res.Chains) > 0 {
		fmt.Fprintf(out, "\nmost frequent activation chains (over the first %d trials):\n", res.ChainTrials)
		simWriteChains(out, res.Chains)
	}
	if val != nil {
		simWriteValidation(out, val)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(out, "note:", n)
	}
	return nil
}

func simStateTable(res *scenario.EscalationResult, top int) *Table {
	t := &Table{Header: []string{"STATE", "ROLE", "P(JOIN)", "95% CI", "ATTACKER SIDE", "TARGET SIDE", "MOSTLY VIA"}}
	n := 0
	for _, s := range res.States {
		if s.Role == "" {
			if top > 0 && n == top {
				continue
			}
			n++
		}
		t.Add(s.Code, simDash(s.Role), fmt.Sprintf("%.3f", s.PJoin), fmt.Sprintf("%.3f-%.3f", s.CI[0], s.CI[1]),
			fmt.Sprintf("%.3f", s.PAttackerSide), fmt.Sprintf("%.3f", s.PTargetSide), simVia(s.Chain))
	}
	return t
}

func simWriteChains(w io.Writer, chains []scenario.ChainResult) {
	shown := map[string]bool{} // each step's evidence is quoted once
	for i, c := range chains {
		fmt.Fprintf(w, "%d. P=%.3f  ", i+1, c.P)
		for j, s := range c.Steps {
			if j > 0 {
				fmt.Fprint(w, "  ")
			}
			ref := ""
			switch {
			case s.CommitmentID != 0:
				ref = fmt.Sprintf(" #%d", s.CommitmentID)
			case len(s.RelationIDs) > 0:
				ref = fmt.Sprintf(" #%d", s.RelationIDs[0])
			}
			title := ""
			if s.Title != "" {
				title = " " + s.Title
			}
			fmt.Fprintf(w, "%s -[%s%s%s]-> %s (%s side)", s.From, s.Via, ref, title, s.To, s.Side)
		}
		fmt.Fprintln(w)
		for _, s := range c.Steps {
			key := s.From + s.To + s.Via
			if len(s.Evidence) == 0 || shown[key] {
				continue
			}
			shown[key] = true
			e := s.Evidence[0]
			src := strings.TrimSpace(e.Source + " " + e.Published.String())
			fmt.Fprintf(w, "     %s–%s: %q (%s)\n", s.From, s.To, simClip(e.Sentence, 140), src)
		}
	}
}

func simClip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func simWriteValidation(w io.Writer, v *scenario.Validation) {
	fmt.Fprintf(w, "\nvalidation against the outcome on %s: mean Brier %.3f (base rate %.3f); side right for %d of %d joiners\n",
		v.Outcome, v.MeanBrier, v.BaseRateBrier, v.SideCorrect, v.Joiners)
	t := &Table{Header: []string{"STATE", "ACTUAL", "P(JOIN)", "P(ACTUAL SIDE)", "BRIER"}}
	for _, s := range v.States {
		t.Add(s.Code, s.Actual, fmt.Sprintf("%.3f", s.PJoin), fmt.Sprintf("%.3f", s.PSide), fmt.Sprintf("%.3f", s.Brier))
	}
	writeTable(w, t)
}

func runSanctions(cmd *cobra.Command, _ []string) error {
	format, err := outputFormat(cmd)
	if err != nil {
		return err
	}
	f := cmd.Flags()
	var opt scenario.SanctionOptions
	opt.Target, _ = f.GetString("target")
	kind, _ := f.GetString("kind")
	opt.Kind = axis.Kind(kind)
	opt.Item, _ = f.GetString("item")
	opt.Budget, _ = f.GetInt("budget")
	opt.Top, _ = f.GetInt("top")
	if opt.At, err = dateFlag(cmd, "at"); err != nil {
		return err
	}
	s, err := openStore(cmd)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := scenario.Sanctions(cmd.Context(), s, opt)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	sets := &Table{Header: []string{"MODE", "RANK", "CUT", "REMOVED", "REMAINING", "SHARE", "REROUTES", "STILL FLOWING"}}
	for _, m := range []struct {
		name string
		list []scenario.SanctionSet
	}{{"actors", res.Actors}, {"routes", res.Routes}} {
		for i, ss := range m.list {
			cut := strings.Join(append(ss.Actors, ss.Routes...), " + ")
			var rr, fl []string
			for _, r := range ss.Reroutes {
				rr = append(rr, fmt.Sprintf("%s->%s %s→%s", r.From, r.To, simNum(r.Before), simNum(r.After)))
			}
			for _, r := range ss.Flowing {
				fl = append(fl, fmt.Sprintf("%s->%s %s", r.From, r.To, simNum(r.After)))
			}
			reroutes := strings.Join(rr, "; ")
			if reroutes == "" {
				reroutes = "none"
			}
			sets.Add(m.name, i+1, cut, simNum(ss.Removed), simNum(ss.Remaining), fmt.Sprintf("%.0f%%", 100*ss.Share), reroutes, simDash(strings.Join(fl, "; ")))
		}
	}
	if format != "table" {
		return render(out, format, res, sets)
	}
	item := ""
	if res.Item != "" {
		item = "/" + res.Item
	}
	fmt.Fprintf(out, "%s%s into %s: maximum flow %s (%s)\n\n", res.Kind, item, res.Target, simNum(res.MaxFlow), res.Unit)
	net := &Table{Header: []string{"FROM", "TO", "CAPACITY", "FLOW", "RELATIONS"}}
	for _, s := range res.Supply {
		net.Add("(own)", s.Actor, simNum(s.Capacity), simNum(s.Flow), "-")
	}
	for _, e := range res.Edges {
		net.Add(e.From, e.To, simNum(e.Capacity), simNum(e.Flow), simIDs(e.RelationIDs))
	}
	writeTable(out, net)
	var cut []string
	for _, e := range res.MinCut {
		if e.From == "(own)" {
			cut = append(cut, fmt.Sprintf("%s's own supply (%s)", e.To, simNum(e.Capacity)))
			continue
		}
		cut = append(cut, fmt.Sprintf("%s->%s (%s)", e.From, e.To, simNum(e.Capacity)))
	}
	fmt.Fprintf(out, "\nminimum cut: %s\n\n", strings.Join(cut, ", "))
	writeTable(out, sets)
	for _, n := range res.Notes {
		fmt.Fprintln(out, "note:", n)
	}
	return nil
}

func simIDs(xs []int64) string {
	var s []string
	for i, x := range xs {
		if i == 4 {
			s = append(s, fmt.Sprintf("+%d", len(xs)-4))
			break
		}
		s = append(s, fmt.Sprintf("#%d", x))
	}
	return strings.Join(s, " ")
}

func simDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// simNum prints a figure with at most two decimals and no exponent.
func simNum(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// simVia names the last step of a state's most frequent chain: who
// brought it in and through what.
func simVia(c *scenario.ChainResult) string {
	if c == nil || len(c.Steps) == 0 {
		return "-"
	}
	st := c.Steps[len(c.Steps)-1]
	ref := ""
	if st.CommitmentID != 0 {
		ref = fmt.Sprintf(" #%d", st.CommitmentID)
	}
	steps := "1 step"
	if len(c.Steps) > 1 {
		steps = fmt.Sprintf("%d steps", len(c.Steps))
	}
	return fmt.Sprintf("%s %s%s (%s)", st.From, st.Via, ref, steps)
}
