package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"axis"
	"axis/facts"
	"axis/gazetteer"
)

func init() {
	rootCmd.AddCommand(loadCmd)
	loadCmd.Flags().Bool("check", false, "parse and check the files against the store's actors, write nothing")
}

var loadCmd = &cobra.Command{
	Use:   "load FILE...",
	Short: "Load curated facts files (YAML) into the store",
	Long: `load reads facts files: YAML files of cited sources and relations in the
axis ontology (see docs/facts.md), and writes each file in one transaction.
A file with any error, even on its last line, writes nothing: load stops at
that file, prints every problem as FILE:LINE: field: message, and exits with
code 2. Files before it stay loaded.

The same relation from another citation gains evidence instead of being
duplicated, and loading a file again changes nothing ("no changes").
Use - to read one file from standard input. --check parses a file and checks
its actor codes against the store without writing anything.`,
	Example: `  axis load my-facts.yaml
  axis load facts/*.yaml
  axis load --check draft.yaml
  cat facts.yaml | axis load -`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		check, _ := cmd.Flags().GetBool("check")
		if check && !storeExists(cmd) {
			// Checking writes nothing, so it does not create a store either:
			// a new store would hold the gazetteer's actors.
			fmt.Fprintf(cmd.ErrOrStderr(), "axis: no store at %s yet: checking actor codes against the gazetteer\n", storeName(cmd))
			return checkFiles(cmd, args, gazetteer.Actors())
		}
		return withStore(cmd, func(s axis.Store) error {
			out := cmd.OutOrStdout()
			for _, name := range args {
				r, closeFn, err := openFactsFile(cmd, name)
				if err != nil {
					return err
				}
				if check {
					var actors []axis.Actor
					if actors, err = s.Actors(cmd.Context(), axis.ActorFilter{}); err == nil {
						err = checkFacts(r, name, actors, out)
					}
				} else {
					var res axis.WriteResult
					res, err = facts.Load(cmd.Context(), s, r, name)
					if err == nil {
						fmt.Fprintln(out, loadSummary(name, res))
					}
				}
				closeFn()
				if err != nil {
					return err
				}
			}
			return nil
		})
	},
}

// openFactsFile opens a named file, or standard input for "-".
func openFactsFile(cmd *cobra.Command, name string) (io.Reader, func(), error) {
	if name == "-" {
		return cmd.InOrStdin(), func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, axis.Errorf(axis.ENOTFOUND, "%s: no such file", name)
		}
		return nil, nil, axis.Errorf(axis.EINVALID, "%s: cannot open: %v", name, errors.Unwrap(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, nil, axis.Errorf(axis.EINVALID, "%s is a folder; name the facts files in it (e.g. %s/*.yaml)", name, strings.TrimRight(name, "/"))
	}
	return f, func() { f.Close() }, nil
}

// checkFiles checks each named file against actors, without a store.
func checkFiles(cmd *cobra.Command, names []string, actors []axis.Actor) error {
	for _, name := range names {
		r, closeFn, err := openFactsFile(cmd, name)
		if err != nil {
			return err
		}
		err = checkFacts(r, name, actors, cmd.OutOrStdout())
		closeFn()
		if err != nil {
			return err
		}
	}
	return nil
}

// checkFacts parses a file and checks its actor codes without writing.
func checkFacts(r io.Reader, name string, actors []axis.Actor, out io.Writer) error {
	f, err := facts.Parse(r, name)
	if err != nil {
		return err
	}
	codes := make([]string, len(actors))
	known := make(map[string]bool, len(actors))
	for i, a := range actors {
		codes[i], known[a.Code] = a.Code, true
	}
	if err := f.CheckActors(func(c string) bool { return known[c] }, codes); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: ok, %s citing %s (nothing written)\n", name, counted(len(f.Relations), "relation entry", "relation entries"), counted(len(f.Sources), "source", "sources"))
	return nil
}

// loadSummary is the one-line report of one file's load.
func loadSummary(name string, res axis.WriteResult) string {
	if !res.Changed() {
		return fmt.Sprintf("%s: no changes: everything in it is already stored (%s)", name, counted(res.RelationsUnchanged+res.RelationsMerged, "relation entry", "relation entries"))
	}
	return fmt.Sprintf("%s: %s new, %d merged, %d unchanged; %d evidence new; %s new",
		name, counted(res.RelationsNew, "relation", "relations"), res.RelationsMerged, res.RelationsUnchanged, res.EvidenceNew, counted(res.DocumentsNew, "document", "documents"))
}

// counted is "1 source" or "3 sources".
func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
