package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"axis"
	"axis/analysis/report"
)

func init() {
	rootCmd.AddCommand(reportCmd)
	f := reportCmd.Flags()
	f.String("actors", "RUS,PRK,CHN,IRN", "the actors to report on, comma-separated (two or more)")
	f.String("out", "", "the report file: .html or .md (required)")
	f.String("by", "quarter", "trend period: month, quarter or year")
	f.Int("quotes", 12, "how many evidence quotes to include")
	addAnalysisFlags(reportCmd)
	addFormatFlag(reportCmd, "table", "json")
}

var reportCmd = &cobra.Command{
	Use:   "report --actors A,B,... --out FILE.html|FILE.md",
	Short: "Write a self-contained report on a group of actors (HTML or Markdown, with charts)",
	Long: `report runs every analysis on a group of actors and writes one document an
analyst can send on: the cohesion verdict and its heat map, the ledger of
every pair, trend charts per pair, dependency tables per actor, the strongest
evidence quoted with its citations, and the weights used.

The file is self-contained: CSS is inline and charts are embedded as data:
URIs, so it opens offline and makes no network requests. The format follows
the file's extension (.html or .md). --format json prints the report's data
instead of a one-line summary.`,
	Example: "  axis report --actors RUS,PRK,CHN,IRN --out report.html\n  axis report --actors RUS,PRK --since 2022 --by month --out rus-prk.md",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		out, _ := cmd.Flags().GetString("out")
		if out == "" {
			return axis.FieldErrorf(axis.EINVALID, "--out", "give the report file, e.g. --out report.html or --out report.md")
		}
		docFormat, err := report.Format(out)
		if err != nil {
			return err
		}
		w, win, err := analysisInputs(cmd)
		if err != nil {
			return err
		}
		list, _ := cmd.Flags().GetString("actors")
		var actors []string
		for _, a := range strings.Split(list, ",") {
			if a = strings.TrimSpace(a); a != "" {
				actors = append(actors, a)
			}
		}
		by, _ := cmd.Flags().GetString("by")
		nq, _ := cmd.Flags().GetInt("quotes")
		return withStore(cmd, func(s axis.Store) error {
			rep, err := report.Build(cmd.Context(), s, w, actors, win, report.Options{By: by, Quotes: nq})
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := report.Write(&buf, rep, docFormat); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return axis.FieldErrorf(axis.EINVALID, "--out", "cannot write report: %v", err)
			}
			if format == "json" {
				return render(cmd.OutOrStdout(), format, rep, nil)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%s, %d bytes): %d ledgers, %d trend charts, %d dependency tables, %d quotes; %s\n",
				out, docFormat, buf.Len(), len(rep.Ledgers), countCharts(rep), len(rep.Dependency), len(rep.Quotes), rep.Cohesion.Shape)
			return nil
		})
	},
}

func countCharts(r *report.Report) int {
	n := 0
	for k := range r.Charts {
		if strings.HasPrefix(k, "trend:") {
			n++
		}
	}
	return n
}
