package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"axis"
	"axis/baseline"
	"axis/facts"
	"axis/gazetteer"
)

// bootstrap fills a store that Open has just created: the gazetteer's
// actors, then the baseline dataset, in one transaction each. An existing
// store is left alone. name is the store's path or URL (without password),
// for the message.
func bootstrap(cmd *cobra.Command, s createdStore, name string) error {
	if !s.Created() {
		return nil
	}
	ctx := cmd.Context()
	if err := putGazetteer(cmd, s); err != nil {
		return err
	}
	res, err := facts.Load(ctx, s, bytes.NewReader(baseline.Facts), baseline.Name)
	if err != nil {
		return fmt.Errorf("loading the baseline dataset: %w", err)
	}
	fmt.Fprintf(os.Stderr, "axis: created %s with %d actors and the baseline (%d relations, %d evidence)\n",
		name, len(gazetteer.Actors()), res.RelationsNew, res.EvidenceNew)
	return nil
}

// putGazetteer writes every gazetteer actor (new or updated) in one transaction.
func putGazetteer(cmd *cobra.Command, s axis.Store) error {
	_, err := s.Write(cmd.Context(), func(w axis.Writer) error {
		for _, a := range gazetteer.Actors() {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("loading the gazetteer: %w", err)
	}
	return nil
}
