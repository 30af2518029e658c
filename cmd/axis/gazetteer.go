package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"axis"
	"axis/gazetteer"
)

func init() {
	addFormatFlag(resolveCmd, "table", "json", "csv")
	resolveCmd.Flags().String("on", "", "date the names are used on ("+axis.AcceptedDateFormats+"); people resolve to the office they held then")
	rootCmd.AddCommand(resolveCmd)
}

// resolveRow is one line of `axis resolve`.
type resolveRow struct {
	Name     string `json:"name"`
	Code     string `json:"code,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Actor    string `json:"actor,omitempty"`
	Resolves string `json:"resolves_to,omitempty"`
	Office   string `json:"office,omitempty"`
	Note     string `json:"note,omitempty"`
}

var resolveCmd = &cobra.Command{
	Use:   "resolve NAME...",
	Short: "Look names up in the built-in actor gazetteer and resolve them to the state they act for",
	Long: `resolve looks each NAME up in the gazetteer embedded in axis (states, capitals
used as metonyms, seats of government, demonyms, organizations, armed groups,
firms and people with their terms in office) and shows the actor it denotes and
the code it resolves to on --on DATE: a person resolves to the state (or
organization) of the office held on that date, everything else to itself.

Matching ignores case, diacritics, dots, hyphens, a leading "the" and a
possessive ("Russia's"). A name that denotes several actors (see
docs/gazetteer.md, "Ambiguous names") lists each of them. Needs no store.`,
	Example: `  axis resolve Shoigu Belousov --on 2025-03-01
  axis resolve "the Kremlin" Pyongyang "North Korean" Brussels
  axis resolve Rutte --on 2015-06 --format json`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		on, err := dateFlag(cmd, "on")
		if err != nil {
			return err
		}
		g := gazetteer.Default()
		var rows []resolveRow
		for _, name := range args {
			rows = append(rows, resolveName(g, name, on)...)
		}
		t := &Table{Header: []string{"NAME", "CODE", "KIND", "ACTOR", "RESOLVES TO", "OFFICE"}}
		for _, r := range rows {
			res := r.Resolves
			if r.Note != "" {
				res = r.Note
			}
			t.Add(r.Name, gzDash(r.Code), gzDash(r.Kind), gzDash(r.Actor), gzDash(res), gzDash(r.Office))
		}
		return render(cmd.OutOrStdout(), format, rows, t)
	},
}

func resolveName(g *gazetteer.Gazetteer, name string, on axis.Date) []resolveRow {
	cands := g.Lookup(name)
	if len(cands) == 0 {
		if a, ok := g.Actor(strings.TrimSpace(name)); ok {
			cands = []*axis.Actor{a}
		}
	}
	if len(cands) == 0 {
		return []resolveRow{{Name: name, Note: "unknown name"}}
	}
	resolved, ok := g.Resolve(name, on)
	var rows []resolveRow
	for _, a := range cands {
		r := resolveRow{Name: name, Code: a.Code, Kind: string(a.Kind), Actor: a.Name}
		switch {
		case ok:
			r.Resolves = resolved
		default:
			r.Note = "ambiguous"
		}
		for _, t := range a.Terms {
			if !on.IsZero() && t.Covers(on) {
				r.Office = fmt.Sprintf("%s %s %s..%s", t.Country, t.Role, t.Start, t.End)
				break
			}
		}
		rows = append(rows, r)
	}
	return rows
}

func gzDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
