// Package textcode codes interstate relations from reporting: it reads text,
// Markdown and HTML documents, normalises and splits them into sentences,
// recognises actors with a gazetteer, and turns each sentence into axis
// relations with their evidence (the sentence, its offsets, the rule that
// matched and a confidence), following the rule set in rules.yaml.
//
// The coder is a Coder built once from a Lexicon (the names of actors and a
// way to look an actor up) and safe for concurrent use. Ingest reads paths
// and writes one document per store transaction; Evaluate scores the coder
// against a gold set.
package textcode

import (
	"strings"

	"axis"
)

// Name is one way of naming an actor, as a gazetteer lists it.
// Form is one of name, alias, demonym, capital, seat, person, org.
type Name struct {
	Text string
	Code string
	Form string
}

// Lexicon is what the coder needs to know of actors. Names lists every way
// reporting names them; Actor looks one up by code (to resolve persons and
// firms to their state on the document's date). Resolve, when set, picks
// the actor an ambiguous name denotes on a date.
type Lexicon struct {
	Names   []Name
	Actor   func(code string) (*axis.Actor, bool)
	Resolve func(text string, on axis.Date) (string, bool)
}

// Coded is one relation coded from a sentence, with its evidence and, for
// --explain, the words that produced it.
type Coded struct {
	Relation axis.Relation `json:"relation"`
	// Rule is the id of the rule that matched; Words the trigger, item,
	// party and cue words it used.
	Rule  string   `json:"rule"`
	Words []string `json:"words"`
	// Entities names the firm or person behind a party that was counted
	// against its state ("source": "Chinese firms").
	Entities map[string]string `json:"entities,omitempty"`
}

// Evidence returns the relation's single piece of evidence.
func (c *Coded) Evidence() *axis.Evidence {
	if len(c.Relation.Evidence) == 0 {
		return nil
	}
	return &c.Relation.Evidence[0]
}

func lower(s string) string { return strings.ToLower(s) }
