package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"axis"
	"axis/analysis"
)

func init() {
	rootCmd.AddCommand(initCmd, actorsCmd, actorCmd, relationsCmd, evidenceCmd, searchCmd, statsCmd)
	actorsCmd.Flags().String("search", "", "only actors whose code, name or alias contains this text")
	actorsCmd.Flags().String("kind", "", "only this kind: state, organization, armed_group, firm, person")
	addFormatFlag(actorsCmd)
	addFormatFlag(actorCmd, "table", "json")
	f := relationsCmd.Flags()
	f.StringSlice("between", nil, "two actors: --between RUS PRK, --between RUS,PRK or --between RUS --between PRK")
	f.String("actor", "", "relations involving this actor")
	f.StringSlice("kind", nil, "only these kinds (list them with: axis kinds)")
	f.StringSlice("family", nil, "only these families: commitment, transfer, cooperation, hostility")
	f.StringSlice("status", nil, "only these statuses: "+strings.Join(axis.StatusNames(), ", "))
	f.String("since", "", "dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.String("until", "", "dated on or before")
	f.String("at", "", "commitments in force and other relations dated up to this date")
	f.Int("limit", 0, "at most this many relations (0: all)")
	addFormatFlag(relationsCmd)
	addFormatFlag(evidenceCmd, "table", "json")
	searchCmd.Flags().Int("limit", 20, "at most this many hits")
	addFormatFlag(searchCmd, "table", "json", "csv")
	addFormatFlag(statsCmd, "table", "json")
}

var initCmd = &cobra.Command{
	Use:   "init",
	Short: "Create the store and load the gazetteer and baseline dataset",
	Long: `init creates the store (if it does not exist yet) and loads the actor
gazetteer and the bundled baseline dataset. Any command does this on first
use; init is for doing it explicitly. On an existing store it refreshes the
gazetteer's actors and changes nothing else.`,
	Example: "  axis init\n  axis init --db team.db\n  AXIS_DB=postgres://axis@db.example.org/axis axis init",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		s, name, err := openBootstrapped(cmd)
		if err != nil {
			return err
		}
		defer s.Close()
		if !s.Created() {
			if err := putGazetteer(cmd, s); err != nil {
				return err
			}
		}
		st, err := s.Stats(cmd.Context())
		if err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "store %s: %d actors, %d documents, %d relations, %d evidence\n",
			name, st.Actors, st.Documents, st.Relations, st.Evidence)
		return nil
	},
}

var actorsCmd = &cobra.Command{
	Use:     "actors",
	Short:   "List actors: states, organizations, armed groups, firms, people",
	Example: "  axis actors --search korea\n  axis actors --kind organization --format csv",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		q, _ := cmd.Flags().GetString("search")
		kind, _ := cmd.Flags().GetString("kind")
		f := axis.ActorFilter{Search: q}
		if kind != "" {
			f.Kinds = []axis.ActorKind{axis.ActorKind(kind)}
		}
		return withStore(cmd, func(s axis.Store) error {
			actors, err := s.Actors(cmd.Context(), f)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"CODE", "KIND", "NAME", "COUNTRY", "THEATERS"}}
			for _, a := range actors {
				t.Add(a.Code, a.Kind, a.Name, a.Country, strings.Join(a.Theaters, ","))
			}
			if actors == nil {
				actors = []axis.Actor{}
			}
			return render(cmd.OutOrStdout(), format, actors, t)
		})
	},
}

var actorCmd = &cobra.Command{
	Use:     "actor CODE",
	Short:   "Show one actor: names, terms of office, and its relations by family",
	Example: "  axis actor PRK\n  axis actor P_SHOIGU --format json",
	Args:    cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		return withStore(cmd, func(s axis.Store) error {
			a, err := s.Actor(cmd.Context(), strings.ToUpper(args[0]))
			if err != nil {
				return err
			}
			counts := map[string]int{}
			err = s.EachRelation(cmd.Context(), axis.RelationFilter{Actor: a.Code}, func(r *axis.Relation) error {
				counts[string(r.Kind.Family())]++
				return nil
			})
			if err != nil {
				return err
			}
			if format == "json" {
				return render(cmd.OutOrStdout(), format, struct {
					*axis.Actor
					Relations map[string]int `json:"relations_by_family"`
				}{a, counts}, nil)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s  %s (%s)\n", a.Code, a.Name, a.Kind)
			if a.Country != "" {
				fmt.Fprintf(w, "acts for:  %s\n", a.Country)
			}
			if len(a.Theaters) > 0 {
				fmt.Fprintf(w, "theaters:  %s\n", strings.Join(a.Theaters, ", "))
			}
			if len(a.Aliases) > 0 {
				fmt.Fprintf(w, "aliases:   %s\n", strings.Join(a.Aliases, "; "))
			}
			for _, t := range a.Terms {
				end := t.End.String()
				if end == "" {
					end = "present"
				}
				fmt.Fprintf(w, "term:      %s of %s, %s to %s\n", t.Role, t.Country, t.Start, end)
			}
			fmt.Fprint(w, "relations: ")
			for i, f := range axis.Families {
				if i > 0 {
					fmt.Fprint(w, ", ")
				}
				fmt.Fprintf(w, "%d %s", counts[string(f)], f)
			}
			fmt.Fprintln(w)
			return nil
		})
	},
}

// relationFilter reads the relation filter flags shared by several commands.
func relationFilter(cmd *cobra.Command) (axis.RelationFilter, error) {
	var f axis.RelationFilter
	fl := cmd.Flags()
	between, _ := fl.GetStringSlice("between")
	if len(between) > 0 {
		if len(between) != 2 {
			return f, axis.FieldErrorf(axis.EINVALID, "--between", "needs exactly two actors, e.g. --between RUS,PRK (got %d)", len(between))
		}
		f.Between = [2]string{strings.ToUpper(between[0]), strings.ToUpper(between[1])}
	}
	f.Actor, _ = fl.GetString("actor")
	f.Actor = strings.ToUpper(f.Actor)
	kinds, _ := fl.GetStringSlice("kind")
	for _, k := range kinds {
		if !axis.Kind(k).Valid() {
			return f, axis.FieldErrorf(axis.EINVALID, "--kind", "unknown kind %q; valid kinds: %s", k, strings.Join(axis.KindNames(), ", "))
		}
		f.Kinds = append(f.Kinds, axis.Kind(k))
	}
	fams, _ := fl.GetStringSlice("family")
	for _, fam := range fams {
		if !axis.ValidFamily(axis.Family(fam)) {
			return f, axis.FieldErrorf(axis.EINVALID, "--family", "unknown family %q; valid: commitment, transfer, cooperation, hostility", fam)
		}
		f.Families = append(f.Families, axis.Family(fam))
	}
	sts, _ := fl.GetStringSlice("status")
	for _, st := range sts {
		if !axis.Status(st).Valid() {
			return f, axis.FieldErrorf(axis.EINVALID, "--status", "unknown status %q; valid: %s", st, strings.Join(axis.StatusNames(), ", "))
		}
		f.Statuses = append(f.Statuses, axis.Status(st))
	}
	var err error
	for name, dst := range map[string]*axis.Date{"since": &f.Since, "until": &f.Until, "at": &f.At} {
		if fl.Lookup(name) == nil {
			continue
		}
		if *dst, err = dateFlag(cmd, name); err != nil {
			return f, err
		}
	}
	if fl.Lookup("limit") != nil {
		f.Limit, _ = fl.GetInt("limit")
	}
	return f, nil
}

var relationsCmd = &cobra.Command{
	Use:   "relations",
	Short: "List relations with their first citation",
	Long: `relations lists stored relations, filtered by actors, kind, family,
status and dates, each with its evidence count and first source.`,
	Example: `  axis relations --between RUS PRK
  axis relations --actor IRN --family transfer --since 2022
  axis relations --kind defense_pact --at 2025-01-01 --format csv`,
	Args: cobra.ArbitraryArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		between, _ := cmd.Flags().GetStringSlice("between")
		if len(between) == 1 && len(args) == 1 {
			// "--between RUS PRK": the second code arrives as an argument.
			_ = cmd.Flags().Set("between", args[0])
			args = nil
		}
		if len(args) > 0 {
			return axis.Errorf(axis.EINVALID, "unexpected arguments %v (use flags such as --between A B or --actor A)", args)
		}
		f, err := relationFilter(cmd)
		if err != nil {
			return err
		}
		f.WithEvidence = true
		return withStore(cmd, func(s axis.Store) error {
			rels, err := s.Relations(cmd.Context(), f)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"ID", "SOURCE", "TARGET", "KIND", "ITEM", "DATE", "STATUS", "QTY", "EV", "CITATION"}}
			for _, r := range rels {
				t.Add(r.ID, r.Source, r.Target, r.Kind, r.Item, relationDate(&r), r.Status, quantity(r.Quantity), len(r.Evidence), citation(r.Evidence))
			}
			if rels == nil {
				rels = []axis.Relation{}
			}
			return render(cmd.OutOrStdout(), format, rels, t)
		})
	},
}

// relationDate shows a commitment's signing date when it has no own date.
func relationDate(r *axis.Relation) string {
	if r.Date.IsZero() && r.Commitment != nil {
		return r.Commitment.Signed.String()
	}
	return r.Date.String()
}

func quantity(q *axis.Quantity) string {
	if q == nil {
		return ""
	}
	s := analysis.HumanNumber(q.Value) // as the ledger writes it: 1,000,000
	if q.Bound != "" {
		s = q.Bound + " " + s
	}
	if q.Unit != "" {
		s += " " + q.Unit
	}
	return s
}

// citation names the first evidence's source and address.
func citation(ev []axis.Evidence) string {
	if len(ev) == 0 {
		return ""
	}
	e := ev[0]
	parts := []string{}
	for _, p := range []string{e.Source, e.Published.String(), e.URL} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

var evidenceCmd = &cobra.Command{
	Use:     "evidence RELATION_ID",
	Short:   "Show a relation and every piece of evidence behind it",
	Example: "  axis evidence 12\n  axis evidence 12 --format json",
	Args:    cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		id, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil || id <= 0 {
			return axis.Errorf(axis.EINVALID, "relation id %q must be a positive number (see `axis relations`)", args[0])
		}
		return withStore(cmd, func(s axis.Store) error {
			r, err := s.Relation(cmd.Context(), id)
			if err != nil {
				return err
			}
			if format == "json" {
				return render(cmd.OutOrStdout(), format, r, nil)
			}
			printRelationEvidence(cmd, r)
			return nil
		})
	},
}

func printRelationEvidence(cmd *cobra.Command, r *axis.Relation) {
	w := cmd.OutOrStdout()
	item := ""
	if r.Item != "" {
		item = " (" + r.Item + ")"
	}
	fmt.Fprintf(w, "relation %d: %s -> %s %s%s, %s, %s", r.ID, r.Source, r.Target, r.Kind, item, relationDate(r), r.Status)
	if q := quantity(r.Quantity); q != "" {
		fmt.Fprintf(w, ", %s", q)
	}
	fmt.Fprintln(w)
	if c := r.Commitment; c != nil {
		fmt.Fprintf(w, "commitment: %s", c.Title)
		if !c.Signed.IsZero() {
			fmt.Fprintf(w, " signed %s", c.Signed)
		}
		if !c.InForce.IsZero() {
			fmt.Fprintf(w, ", in force %s", c.InForce)
		}
		if !c.Ended.IsZero() {
			fmt.Fprintf(w, ", ended %s", c.Ended)
		}
		if c.Article != "" {
			art := c.Article
			if _, err := strconv.Atoi(art); err == nil {
				art = "Article " + art
			}
			fmt.Fprintf(w, ", %s", art)
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "conditions: %s\n", describeConditions(c.Conditions))
		if c.Conditions.Note != "" {
			fmt.Fprintf(w, "note: %s\n", c.Conditions.Note)
		}
	}
	for i, e := range r.Evidence {
		fmt.Fprintf(w, "\n[%d] %s, confidence %.2f, %s\n", i+1, e.Status, e.Confidence, e.Method)
		if e.Source != "" || e.URL != "" || !e.Published.IsZero() {
			fmt.Fprintf(w, "    source: %s\n", strings.TrimSpace(strings.Join([]string{e.Source, e.Published.String(), e.URL}, " ")))
		}
		fmt.Fprintf(w, "    %q\n", e.Sentence)
		if e.End > 0 {
			fmt.Fprintf(w, "    document %s, characters %d-%d\n", short(e.DocumentID), e.Start, e.End)
		}
		keys := make([]string, 0, len(e.Attrs))
		for k := range e.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "    %s: %s\n", k, e.Attrs[k])
		}
	}
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

var searchCmd = &cobra.Command{
	Use:   "search TEXT",
	Short: "Full-text search over evidence sentences",
	Long: `search finds evidence sentences matching TEXT (SQLite FTS5 syntax: words,
"exact phrases", prefix*, OR, NOT), best matches first, with the relation each
supports.`,
	Example: "  axis search artillery\n  axis search '\"mutual assistance\"'\n  axis search 'drone* AND Iran'",
	Args:    cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		limit, _ := cmd.Flags().GetInt("limit")
		return withStore(cmd, func(s axis.Store) error {
			// The table shows one row per sentence of a relation: a fact
			// cited by several sources is one line with their count. So it
			// reads more hits than it shows, to fill --limit rows (json
			// keeps every hit, up to --limit).
			fetch := limit
			if format == "table" && limit > 0 {
				fetch = 4 * limit
			}
			hits, err := s.Search(cmd.Context(), strings.Join(args, " "), fetch)
			if err != nil {
				return err
			}
			t := &Table{Header: []string{"RELATION", "SOURCE", "TARGET", "KIND", "STATUS", "CITED", "SNIPPET"}}
			row := map[string]int{}
			for _, h := range hits {
				key := fmt.Sprint(h.Relation.ID, "\x00", h.Evidence.Sentence)
				if i, seen := row[key]; seen {
					n, _ := strconv.Atoi(t.Rows[i][5])
					t.Rows[i][5] = strconv.Itoa(n + 1)
					continue
				}
				if limit > 0 && len(t.Rows) == limit {
					continue // only the citations of rows shown are still counted
				}
				row[key] = len(t.Rows)
				t.Add(h.Relation.ID, h.Relation.Source, h.Relation.Target, h.Relation.Kind, h.Evidence.Status, 1, h.Snippet)
			}
			if hits == nil {
				hits = []axis.SearchHit{}
			}
			if len(hits) == 0 && format == "table" {
				fmt.Fprintln(cmd.ErrOrStderr(), "no evidence matches", strings.Join(args, " "))
				return nil
			}
			return render(cmd.OutOrStdout(), format, hits, t)
		})
	},
}

var statsCmd = &cobra.Command{
	Use:     "stats",
	Short:   "Count what the store holds, by family, kind and status",
	Example: "  axis stats\n  axis stats --format json",
	Args:    cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		format, err := outputFormat(cmd)
		if err != nil {
			return err
		}
		return withStore(cmd, func(s axis.Store) error {
			st, err := s.Stats(cmd.Context())
			if err != nil {
				return err
			}
			if format == "json" {
				return render(cmd.OutOrStdout(), format, st, nil)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "actors     %d\ndocuments  %d\nrelations  %d\nevidence   %d\n", st.Actors, st.Documents, st.Relations, st.Evidence)
			t := &Table{Header: []string{"FAMILY", "KIND", "RELATIONS"}}
			for _, k := range axis.Ontology {
				if n := st.ByKind[string(k.Kind)]; n > 0 {
					t.Add(k.Family, k.Kind, n)
				}
			}
			fmt.Fprintln(w)
			if err := writeTable(w, t); err != nil {
				return err
			}
			fmt.Fprintln(w)
			st2 := &Table{Header: []string{"STATUS", "RELATIONS"}}
			for _, s := range axis.Statuses {
				if n := st.ByStatus[string(s)]; n > 0 {
					st2.Add(s, n)
				}
			}
			return writeTable(w, st2)
		})
	},
}

// describeConditions lists only the conditions that limit a commitment.
func describeConditions(c axis.Conditions) string {
	if c.Unconditional() {
		return "none"
	}
	var parts []string
	if len(c.Adversaries) > 0 {
		parts = append(parts, "only against "+strings.Join(c.Adversaries, ", "))
	}
	if len(c.Theaters) > 0 {
		parts = append(parts, "only in "+strings.Join(c.Theaters, ", "))
	}
	if c.Conflict != "" {
		parts = append(parts, "only in the conflict "+c.Conflict)
	}
	if c.NonProvocation {
		parts = append(parts, "only if the partner did not provoke")
	}
	return strings.Join(parts, "; ")
}
