package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"axis"
	"axis/textcode"
)

func init() {
	evalCmd.Flags().String("gold", "", "gold file: one JSON example per line {\"text\",\"date\",\"relations\":[{\"source\",\"target\",\"kind\",\"item\",\"status\"}]}")
	evalCmd.Flags().Bool("explain", false, "list every disagreement with the gold set")
	evalCmd.MarkFlagRequired("gold")
	addFormatFlag(evalCmd, "table", "json")
	rootCmd.AddCommand(evalCmd)
}

var evalCmd = &cobra.Command{
	Use:   "eval --gold FILE.jsonl",
	Short: "Score the text coder against a gold set: precision, recall and F1 per kind",
	Long: `eval codes the text of each gold example (dated by its "date") and compares
the relations with the example's: precision, recall and F1 overall and per
kind, matching on (source, target, kind) (symmetric kinds in either order);
then, on the matched relations, how often the items and the status agree.

The repository ships two gold sets written for axis: testdata/gold/dev.jsonl,
which the rules were tuned on, and testdata/gold/test.jsonl, held out.
eval needs no store.`,
	Example: `  axis eval --gold testdata/gold/test.jsonl
  axis eval --gold testdata/gold/dev.jsonl --explain
  axis eval --gold testdata/gold/test.jsonl --format json`,
	Args: cobra.NoArgs,
	RunE: runEval,
}

func runEval(cmd *cobra.Command, args []string) error {
	format, err := outputFormat(cmd)
	if err != nil {
		return err
	}
	path, _ := cmd.Flags().GetString("gold")
	explain, _ := cmd.Flags().GetBool("explain")
	f, err := os.Open(path)
	if err != nil {
		return axis.FieldErrorf(axis.EINVALID, "--gold", "cannot read %s: %v", path, err)
	}
	defer f.Close()
	examples, err := textcode.ReadGold(f, path)
	if err != nil {
		return err
	}
	coder, err := textcodeCoder()
	if err != nil {
		return err
	}
	rep := coder.Evaluate(examples)
	if !explain {
		rep.Misses = nil
	}
	if format == "json" {
		return render(cmd.OutOrStdout(), format, rep, nil)
	}
	t := &Table{Header: []string{"KIND", "TP", "FP", "FN", "PRECISION", "RECALL", "F1"}}
	for _, k := range rep.Kinds() {
		s := rep.PerKind[k]
		t.Add(k, s.TP, s.FP, s.FN, fmt.Sprintf("%.3f", s.Precision), fmt.Sprintf("%.3f", s.Recall), fmt.Sprintf("%.3f", s.F1))
	}
	o := rep.Overall
	t.Add("OVERALL", o.TP, o.FP, o.FN, fmt.Sprintf("%.3f", o.Precision), fmt.Sprintf("%.3f", o.Recall), fmt.Sprintf("%.3f", o.F1))
	w := cmd.OutOrStdout()
	if err := render(w, format, nil, t); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s: %d examples; F1 %.3f (precision %.3f, recall %.3f) on (source, target, kind)\n", path, rep.Examples, o.F1, o.Precision, o.Recall)
	fmt.Fprintf(w, "on %d matched relations: item accuracy %.3f, status accuracy %.3f\n", rep.Matched, rep.ItemAccuracy, rep.StatusAccuracy)
	for _, m := range rep.Misses {
		fmt.Fprintf(w, "line %d %s: gold %s, coded %s\n    %s\n", m.Line, m.Kind, tcDash(m.Gold), tcDash(m.Coded), m.Text)
	}
	return nil
}
