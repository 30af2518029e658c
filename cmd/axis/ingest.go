package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"axis"
	"axis/gazetteer"
	"axis/textcode"
)

func init() {
	ingestCmd.Flags().Bool("dry-run", false, "code and show the relations without writing to the store")
	ingestCmd.Flags().Bool("explain", false, "show the rule and the words behind each relation, and the whole sentence")
	ingestCmd.Flags().String("date", "", "publication date of the documents ("+axis.AcceptedDateFormats+"); overrides the documents' own")
	ingestCmd.Flags().String("source", "", "source URL of the documents; overrides the documents' own")
	addFormatFlag(ingestCmd, "table", "json")
	rootCmd.AddCommand(ingestCmd)
}

var ingestCmd = &cobra.Command{
	Use:   "ingest PATH...",
	Short: "Code interstate relations from articles (.txt, .md, .html) into the store, with evidence",
	Long: `ingest reads articles - text, Markdown or HTML files, folders of them
(recursively) or standard input ("-") - and codes the interstate relations they
state into the ontology: who supplied what to whom, pacts, joint exercises,
visits, sanctions, attacks and the rest, each with the sentence that says so,
its offsets, the rule that matched, a confidence and a status (confirmed,
reported, alleged, denied, prospective, negated).

Each document is written in one transaction. Documents are keyed by the hash
of their normalised text: ingesting the same document again changes nothing
and says "already ingested"; the same relation from several documents gains
evidence instead of being duplicated. Persons and firms count against their
state on the document's date; the evidence keeps which firm or person it was.

The publication date comes from --date, else from HTML meta tags, a front-
matter block or a date line near the top; the source URL from --source, else
og:url, a canonical link, front matter or an "Original url:" line. Binary
and unreadable files are skipped with a warning naming them; invalid UTF-8 is
repaired and counted. With more than one file and a terminal, a progress bar
shows documents per second. The summary at the end counts documents,
sentences, relations new and merged, and the files skipped and why.`,
	Example: `  axis ingest ../shared/seeds --dry-run
  axis ingest article.html --explain
  curl -s https://example.org/story | axis ingest - --date 2024-11-18 --source https://example.org/story
  axis ingest reports/ --format json > coded.json`,
	Args: cobra.MinimumNArgs(1),
	RunE: runIngest,
}

// textcodeCoder builds the coder over the embedded gazetteer.
func textcodeCoder() (*textcode.Coder, error) {
	g := gazetteer.Default()
	gn := g.Names()
	names := make([]textcode.Name, len(gn))
	for i, n := range gn {
		names[i] = textcode.Name{Text: n.Text, Code: n.Code, Form: n.Form}
	}
	return textcode.New(textcode.Lexicon{Names: names, Actor: g.Actor, Resolve: g.Resolve})
}

type ingestOutput struct {
	Documents []*textcode.FileResult `json:"documents"`
	Summary   textcode.Summary       `json:"summary"`
}

func runIngest(cmd *cobra.Command, args []string) error {
	format, err := outputFormat(cmd)
	if err != nil {
		return err
	}
	date, err := dateFlag(cmd, "date")
	if err != nil {
		return err
	}
	dry, _ := cmd.Flags().GetBool("dry-run")
	explain, _ := cmd.Flags().GetBool("explain")
	source, _ := cmd.Flags().GetString("source")
	coder, err := textcodeCoder()
	if err != nil {
		return err
	}
	in := &textcode.Ingester{Coder: coder, Opts: textcode.IngestOptions{DryRun: dry, Date: date, URL: source, Stdin: cmd.InOrStdin()}}
	if !dry {
		s, err := openStore(cmd)
		if err != nil {
			return err
		}
		defer s.Close()
		in.Store = s
	}
	sum := textcode.Summary{Skipped: []textcode.Skip{}}
	warnSkip := func(sk textcode.Skip) {
		sum.Skipped = append(sum.Skipped, sk)
		if !strings.HasPrefix(sk.Reason, "not a ") {
			fmt.Fprintf(os.Stderr, "axis: warning: skipping %s: %s\n", sk.Path, sk.Reason)
		}
	}
	var bar *progressbar.ProgressBar
	if term.IsTerminal(int(os.Stderr.Fd())) {
		n := 0
		textcode.WalkInputs(args, func(string) error { n++; return nil }, func(textcode.Skip) {})
		if n > 1 {
			bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription("ingest"),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"),
				progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
		}
	}
	out := ingestOutput{Documents: []*textcode.FileResult{}}
	t := &Table{Header: []string{"DOCUMENT", "SOURCE", "TARGET", "KIND", "ITEM", "STATUS", "DATE", "CONF", "RULE", "SENTENCE"}}
	if explain {
		t.Header = append(t.Header, "WORDS")
	}
	err = textcode.WalkInputs(args, func(f string) error {
		if err := cmd.Context().Err(); err != nil {
			return err
		}
		res, err := in.File(cmd.Context(), f)
		if err != nil {
			return err
		}
		if bar != nil {
			bar.Clear() // warnings below print on a clean line
		}
		sum.Add(res)
		if bar != nil {
			bar.Add(1)
		}
		if res.Status == textcode.StatusSkipped {
			fmt.Fprintf(os.Stderr, "axis: warning: skipping %s: %s\n", displayPath(f), res.Reason)
			return nil
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(os.Stderr, "axis: %s: %s\n", displayPath(f), w)
		}
		if format == "json" {
			out.Documents = append(out.Documents, res)
			return nil
		}
		if res.Status == textcode.StatusKnown {
			fmt.Fprintf(os.Stderr, "axis: %s: already ingested, nothing changed\n", displayPath(f))
			return nil
		}
		for _, cd := range res.Relations {
			r := cd.Relation
			ev := r.Evidence[0]
			sentence := ev.Sentence
			if !explain {
				sentence = tcShorten(sentence, 90)
			}
			row := []any{displayPath(f), actorLabel(r.Source, cd.Entities["source"]), actorLabel(r.Target, cd.Entities["target"]),
				r.Kind, tcDash(r.Item), r.Status, tcDash(r.Date.String()), fmt.Sprintf("%.2f", ev.Confidence), cd.Rule, sentence}
			if explain {
				row = append(row, strings.Join(cd.Words, "; "))
			}
			t.Add(row...)
		}
		return nil
	}, warnSkip)
	if err != nil {
		return err
	}
	if bar != nil {
		bar.Finish()
	}
	if format == "json" {
		out.Summary = sum
		return render(cmd.OutOrStdout(), format, out, nil)
	}
	w := cmd.OutOrStdout()
	if len(t.Rows) > 0 {
		if err := render(w, format, nil, t); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, summaryText(sum, dry))
	return nil
}

func actorLabel(code, entity string) string {
	if entity == "" {
		return code
	}
	return code + " (" + entity + ")"
}

func tcDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func tcShorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func displayPath(p string) string {
	if p == "-" {
		return "stdin"
	}
	if rel, err := filepath.Rel(".", p); err == nil && !strings.HasPrefix(rel, "../../") {
		return rel
	}
	return p
}

// summaryText is the end-of-ingest summary.
func summaryText(s textcode.Summary, dry bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "documents: %d", s.Documents)
	if !dry {
		fmt.Fprintf(&b, " (%d new, %d already ingested)", s.New, s.Known)
	}
	if s.DateUnknown > 0 {
		fmt.Fprintf(&b, ", %d with unknown date", s.DateUnknown)
	}
	fmt.Fprintf(&b, "\nsentences: %d\n", s.Sentences)
	if dry {
		fmt.Fprintf(&b, "relations: %d coded (dry run: nothing written)\n", s.Relations)
	} else {
		fmt.Fprintf(&b, "relations: %d coded, %d new, %d merged into known relations, %d new evidence\n", s.Relations, s.RelationsNew, s.RelationsMerged, s.EvidenceNew)
	}
	if s.Repaired > 0 {
		fmt.Fprintf(&b, "invalid UTF-8 repaired: %d sequences\n", s.Repaired)
	}
	if s.Dropped > 0 {
		fmt.Fprintf(&b, "relations dropped (actor not in store): %d\n", s.Dropped)
	}
	fmt.Fprintf(&b, "skipped: %d\n", len(s.Skipped))
	for _, sk := range s.Skipped {
		fmt.Fprintf(&b, "  %s: %s\n", displayPath(sk.Path), sk.Reason)
	}
	return b.String()
}
