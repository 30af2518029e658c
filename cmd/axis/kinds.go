package main

import (
	"strings"

	"github.com/spf13/cobra"

	"axis"
)

func init() {
	rootCmd.AddCommand(kindsCmd)
	addFormatFlag(kindsCmd)
}

var kindsCmd = &cobra.Command{
	Use:   "kinds",
	Short: "List the ontology: every kind of relation, its family, items and codes",
	Long: `kinds prints the ontology every part of axis speaks (docs: ONTOLOGY.md):
each kind with its family, whether it is symmetric (stored once per pair),
its items, its nearest CAMEO code and, for commitments, the ATOP / COW type.`,
	Example: "  axis kinds\n  axis kinds --format json",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		t := &Table{Header: []string{"FAMILY", "KIND", "SYMMETRIC", "CAMEO", "ATOP/COW", "ITEMS"}}
		for _, k := range axis.Ontology {
			sym := ""
			if k.Symmetric {
				sym = "yes"
			}
			atop := strings.Trim(k.ATOP+"/"+k.COW, "/")
			t.Add(k.Family, k.Kind, sym, k.CAMEO, atop, strings.Join(k.Items, ","))
		}
		return render(cmd.OutOrStdout(), format, axis.Ontology, t)
	},
}
