package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"axis"
	"axis/facts"
	"axis/importers"
	"axis/importers/atop"
	"axis/importers/cow"
	"axis/importers/gdelt"
	"axis/importers/sipri"
)

func init() {
	rootCmd.AddCommand(importCmd)
	f := importCmd.PersistentFlags()
	f.String("actors", "", "keep only relations with a party in this list, e.g. RUS,CHN,PRK,IRN")
	f.Bool("within", false, "with --actors: keep only relations whose two parties are both in the list")
	f.String("since", "", "keep relations dated on or after this date ("+axis.AcceptedDateFormats+")")
	f.String("until", "", "keep relations dated on or before this date")
	f.Bool("skip-bad", false, "skip malformed rows (counted in the summary) instead of stopping")
	f.Bool("no-progress", false, "no progress bar, even on a terminal")
	f.String("format", "table", "summary format: table|json")
	importGDELTCmd.Flags().Int("min-mentions", 0, "drop events mentioned fewer times than this")
	for _, c := range []*cobra.Command{importGDELTCmd, importATOPCmd, importCOWCmd, importSIPRICmd, importFactsCmd} {
		importCmd.AddCommand(c)
	}
}

var importCmd = &cobra.Command{
	Use:   "import gdelt|atop|cow|sipri|facts PATH...",
	Short: "Import datasets: GDELT events, ATOP and COW alliances, SIPRI arms transfers, facts files",
	Long: `import reads the datasets analysts already use and maps them into the axis
ontology, with evidence pointing back to each dataset row (file and line).

  gdelt   GDELT event exports: 2.0 (61 columns, 15-minute files), 1.0 daily
          (58 columns) and the 1.0 backfile (57), .CSV or .zip, files or
          folders; BigQuery CSV exports with a header row
  atop    ATOP 4.01-5.1 member-level (atop5_1m.csv) or dyad-year
          (atop5_1dy.csv, directed atop5_1ddyr.csv)
  cow     COW Formal Alliances v4.1: by dyad, directed or member, and the
          yearly variants
  sipri   SIPRI Arms Transfers Database trade registers: the classic CSV,
          the 2024+ export (one row per deal and delivery year), and the
          semicolon-separated DealsAndTIVs text
  facts   axis facts files (YAML), as "axis load" does

Everything read from the paths is written in one transaction. A malformed
row stops the import with FILE:LINE and writes nothing, unless --skip-bad
is given; unknown codes and unmapped events never stop it: they are
skipped and counted. Importing the same file again changes nothing. On a
terminal a progress bar shows rows/s and the time left. See docs/data.md.`,
	Example: `  axis import gdelt 20240619.export.CSV.zip --actors RUS,CHN,PRK,IRN --min-mentions 5
  axis import gdelt ~/gdelt/2024-06/ --since 2024-06-10 --until 2024-06-20
  axis import atop atop5_1m.csv
  axis import cow alliance_v4.1_by_dyad.csv --since 1945
  axis import sipri trade-register.csv --skip-bad
  axis import facts my-facts.yaml`,
}

type importFunc func(ctx context.Context, st axis.Store, paths []string, opt importers.Options) (*importers.Summary, error)

func datasetCmd(name, short, long, example string, fn importFunc) *cobra.Command {
	return &cobra.Command{
		Use:     name + " PATH...",
		Short:   short,
		Long:    long,
		Example: example,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt, format, err := importOptions(cmd)
			if err != nil {
				return err
			}
			ins, err := importers.Inputs(args)
			if err != nil {
				return err
			}
			s, err := openStore(cmd)
			if err != nil {
				return err
			}
			defer s.Close()
			done := progress(cmd, name, importers.TotalSize(ins), &opt)
			sum, err := fn(cmd.Context(), s, args, opt)
			done()
			if err != nil {
				return err
			}
			return printSummary(cmd.OutOrStdout(), format, sum)
		},
	}
}

var importGDELTCmd = datasetCmd("gdelt", "Import GDELT event exports (2.0 and 1.0, .CSV or .CSV.zip)",
	`gdelt reads GDELT event exports as streams (a zip member is decompressed as
it is read): the tab-separated 2.0 and 1.0 files and backfile, told apart
by their column count, or a BigQuery CSV export read by its header. It keeps
events between two actors whose CAMEO event code maps
to an ontology kind (see docs/data.md for the table). Actor country codes
map to axis codes; known groups (NATO, EU, UN, ...) map when the store has
them. Events are aggregated per (file, pair, kind, day) into one relation
with its event count; the evidence is the group's most-mentioned event, with
its SOURCEURL, CAMEO code, QuadClass, Goldstein score and mention counts.
The store adds the days of a month into one relation.`,
	`  axis import gdelt 20240619120000.export.CSV.zip
  axis import gdelt gdelt/ --actors RUS,CHN,PRK,IRN --within --min-mentions 10`,
	gdelt.Import)

var importATOPCmd = datasetCmd("atop", "Import ATOP alliance data (member-level or dyad-year)",
	`atop reads ATOP files (4.01 to 5.1): member-level (one row per member and
phase: atop5_1m.csv) or dyad-year (one row per pair and year: atop5_1dy.csv
with mem1/mem2, the directed atop5_1ddyr.csv with stateA/stateB), told apart
by their header. The alliance-level and state-year files name no pairs and
are refused with the name of the file to give instead.
Obligations become commitments: defense → defense_pact (security_guarantee
when only one of the pair is bound), offense, neutral, nonagg and consul →
offense/neutrality/nonaggression/consultation_pact, with entry and exit
dates and ATOP's condition flags. COW state numbers map to axis codes,
historical states (Austria-Hungary, Prussia, the Soviet Union ...) included.`,
	`  axis import atop atop5_1m.csv
  axis import atop atop5_1dy.csv --actors RUS,PRK`,
	atop.Import)

var importCOWCmd = datasetCmd("cow", "Import Correlates of War Formal Alliances v4.1",
	`cow reads the COW Formal Alliances v4.1 files: by dyad, by directed dyad or
by member, and their _yearly variants (the years of a pact fold back into
it). Each alliance becomes a commitment of its strongest type: defense (I) →
defense_pact, neutrality (IIa) → neutrality_pact, nonaggression (IIb) →
nonaggression_pact, entente (III) → consultation_pact, with start and end
dates (right_censor = 1: still in force); a defense flag set one way only
is a security_guarantee from the bound state. State numbers map to axis
codes by year (255 is Prussia before 1871, 365 the Soviet Union from 1922
to 1991). Latin-1 files are read as such.`,
	`  axis import cow alliance_v4.1_by_dyad.csv
  axis import cow alliance_v4.1_by_member.csv --since 1945`,
	cow.Import)

var importSIPRICmd = datasetCmd("sipri", "Import a SIPRI arms transfers trade register (CSV)",
	`sipri reads trade registers exported from the SIPRI Arms Transfers
Database, in any of the layouts SIPRI has used: the classic CSV (one row per
deal, Latin-1), the 2024+ CSV (one row per deal and delivery year, rows of
a deal joined by its SIPRI AT Database ID) and the DealsAndTIVs text export
(semicolons). The notes above the header are skipped. TIV tables (yearly
totals) are refused: they name no deals. Each deal becomes an arms transfer supplier → recipient, dated by
its year of order, with an arms item chosen from the weapon description
(SAM system → air_defense, UAV → drones, tank → armored_vehicles ...) and
the TIV of the order as quantity (unit tiv, millions). Figures SIPRI marks
with "?", brackets or an "is estimate" flag make the evidence "reported"
instead of "confirmed".`,
	`  axis import sipri trade-register.csv
  axis import sipri trade-register.csv --actors RUS --since 2014`,
	sipri.Import)

var importFactsCmd = &cobra.Command{
	Use:   "facts FILE...",
	Short: "Import axis facts files (YAML), like axis load",
	Long: `facts loads curated facts files (docs/facts.md) one transaction per file,
exactly as "axis load" does. The filters of import do not apply to them.`,
	Example: `  axis import facts my-facts.yaml
  cat facts.yaml | axis import facts -`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		return withStore(cmd, func(s axis.Store) error {
			for _, name := range args {
				r, closeFn, err := openFactsFile(cmd, name)
				if err != nil {
					return err
				}
				res, err := facts.Load(cmd.Context(), s, r, name)
				closeFn()
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), loadSummary(name, res))
			}
			return nil
		})
	},
}

func importOptions(cmd *cobra.Command) (importers.Options, string, error) {
	var opt importers.Options
	if s, _ := cmd.Flags().GetString("actors"); s != "" {
		for _, c := range strings.Split(s, ",") {
			if c = strings.TrimSpace(c); c != "" {
				opt.Actors = append(opt.Actors, c)
			}
		}
	}
	opt.Within, _ = cmd.Flags().GetBool("within")
	opt.SkipBad, _ = cmd.Flags().GetBool("skip-bad")
	if f := cmd.Flags().Lookup("min-mentions"); f != nil {
		opt.MinMentions, _ = cmd.Flags().GetInt("min-mentions")
	}
	var err error
	if opt.Since, err = dateFlag(cmd, "since"); err != nil {
		return opt, "", err
	}
	if opt.Until, err = dateFlag(cmd, "until"); err != nil {
		return opt, "", err
	}
	if err := opt.CheckActors(); err != nil {
		return opt, "", err
	}
	format, _ := cmd.Flags().GetString("format")
	if format != "table" && format != "json" {
		return opt, "", axis.FieldErrorf(axis.EINVALID, "--format", "unknown summary format %q (table|json)", format)
	}
	return opt, format, nil
}

// progress shows a bar on a terminal (standard error) with bytes, rows/s
// and the time left; elsewhere it shows nothing. The returned func clears
// the bar.
func progress(cmd *cobra.Command, name string, total int64, opt *importers.Options) func() {
	if off, _ := cmd.Flags().GetBool("no-progress"); off || !term.IsTerminal(int(os.Stderr.Fd())) || total <= 0 {
		return func() {}
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("import "+name),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	start := time.Now()
	opt.Progress = func(bytes, rows int64) {
		rate := float64(rows) / max(time.Since(start).Seconds(), 1e-3)
		bar.Describe(fmt.Sprintf("import %s: %s rows, %s rows/s", name, thousands(rows), thousands(int64(rate))))
		bar.Set64(min(bytes, total)) // renders, with the description
	}
	return func() { bar.Finish(); bar.Clear() }
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func printSummary(w io.Writer, format string, sum *importers.Summary) error {
	if format == "json" {
		return render(w, "json", sum, nil)
	}
	wr := sum.Write
	fmt.Fprintf(w, "%s: %d file(s), %d rows read, %d imported, %d skipped\n", sum.Dataset, len(sum.Files), sum.RowsRead, sum.Imported, sum.SkippedTotal())
	fmt.Fprintf(w, "store: %d relations written: %d new, %d merged, %d unchanged; %d evidence new; documents %d new, %d known\n",
		sum.Relations, wr.RelationsNew, wr.RelationsMerged, wr.RelationsUnchanged, wr.EvidenceNew, wr.DocumentsNew, wr.DocumentsKnown)
	if len(sum.FilesSkipped) > 0 {
		fmt.Fprintf(w, "files skipped (not event exports): %s\n", strings.Join(sum.FilesSkipped, ", "))
	}
	if len(sum.ActorsAdded) > 0 {
		fmt.Fprintf(w, "actors added: %s\n", strings.Join(sum.ActorsAdded, ", "))
	}
	if !wr.Changed() {
		fmt.Fprintln(w, "no changes (already imported)")
	}
	if len(sum.Skipped) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	t := &Table{Header: []string{"SKIPPED", "ROWS", "FIRST LINES"}}
	for _, sk := range sum.Skipped {
		t.Add(sk.Reason, sk.Count, strings.Join(sk.Lines, " "))
	}
	return render(w, "table", nil, t)
}
