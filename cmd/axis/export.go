package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"axis"
	"axis/importers/export"
)

func init() {
	rootCmd.AddCommand(exportCmd)
	f := exportCmd.Flags()
	f.String("format", "csv", "export format: "+strings.Join(export.Formats, "|"))
	f.String("actor", "", "only relations with this actor as a party")
	f.StringSlice("kind", nil, "only these kinds (repeat or comma-separate), see axis kinds")
	f.StringSlice("family", nil, "only these families: commitment, transfer, cooperation, hostility")
	f.StringSlice("status", nil, "only these statuses: "+strings.Join(axis.StatusNames(), ", "))
	f.String("since", "", "only relations dated on or after ("+axis.AcceptedDateFormats+")")
	f.String("until", "", "only relations dated on or before")
	f.Bool("evidence", false, "include evidence (jsonl: every piece; others: count and first source)")
	f.StringP("out", "o", "", "write to this file instead of standard output")
}

var exportCmd = &cobra.Command{
	Use:   "export --format csv|jsonl|graphml|gexf",
	Short: "Export relations for spreadsheets, Gephi and other tools",
	Long: `export writes the store's relations, filtered, in one of four formats:

  csv      one row per relation (spreadsheets, pandas, R)
  jsonl    one JSON relation per line, evidence included with --evidence
  graphml  actors as nodes, relations as edges (yEd, Cytoscape, networkx)
  gexf     GEXF 1.3 for Gephi: node and edge attributes declared,
           symmetric kinds (pacts, joint exercises) as undirected edges,
           edge weight = event count

It streams from the store; the graph formats read it twice (nodes, then
edges). The file goes to standard output unless --out is given.`,
	Example: `  axis export --format gexf --out alignments.gexf
  axis export --format csv --actor PRK --since 2023 > prk.csv
  axis export --format jsonl --family transfer --evidence --out transfers.jsonl
  axis export --format graphml --kind defense_pact,security_guarantee -o pacts.graphml`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		opt, err := exportOptions(cmd)
		if err != nil {
			return err
		}
		return withStore(cmd, func(s axis.Store) error {
			var w io.Writer = cmd.OutOrStdout()
			out, _ := cmd.Flags().GetString("out")
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return axis.FieldErrorf(axis.EINVALID, "--out", "cannot create %s: %v", out, err)
				}
				w = f
			}
			n, err := export.Write(cmd.Context(), s, w, opt)
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return err
			}
			if f != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d relations to %s (%s)\n", n, out, opt.Format)
			}
			return nil
		})
	},
}

func exportOptions(cmd *cobra.Command) (export.Options, error) {
	var opt export.Options
	opt.Format, _ = cmd.Flags().GetString("format")
	valid := false
	for _, f := range export.Formats {
		valid = valid || f == opt.Format
	}
	if !valid {
		return opt, axis.FieldErrorf(axis.EINVALID, "--format", "unknown export format %q (valid: %s)", opt.Format, strings.Join(export.Formats, ", "))
	}
	opt.Evidence, _ = cmd.Flags().GetBool("evidence")
	a, _ := cmd.Flags().GetString("actor")
	opt.Filter.Actor = strings.ToUpper(strings.TrimSpace(a))
	kinds, _ := cmd.Flags().GetStringSlice("kind")
	for _, k := range kinds {
		if !axis.Kind(k).Valid() {
			return opt, axis.FieldErrorf(axis.EINVALID, "--kind", "unknown kind %q; did you mean %s? (axis kinds lists them)", k, strings.Join(axis.Closest(k, axis.KindNames(), 3), ", "))
		}
		opt.Filter.Kinds = append(opt.Filter.Kinds, axis.Kind(k))
	}
	fams, _ := cmd.Flags().GetStringSlice("family")
	for _, f := range fams {
		if !axis.ValidFamily(axis.Family(f)) {
			return opt, axis.FieldErrorf(axis.EINVALID, "--family", "unknown family %q (valid: commitment, transfer, cooperation, hostility)", f)
		}
		opt.Filter.Families = append(opt.Filter.Families, axis.Family(f))
	}
	sts, _ := cmd.Flags().GetStringSlice("status")
	for _, s := range sts {
		if !axis.Status(s).Valid() {
			return opt, axis.FieldErrorf(axis.EINVALID, "--status", "unknown status %q (valid: %s)", s, strings.Join(axis.StatusNames(), ", "))
		}
		opt.Filter.Statuses = append(opt.Filter.Statuses, axis.Status(s))
	}
	var err error
	if opt.Filter.Since, err = dateFlag(cmd, "since"); err != nil {
		return opt, err
	}
	if opt.Filter.Until, err = dateFlag(cmd, "until"); err != nil {
		return opt, err
	}
	return opt, nil
}
