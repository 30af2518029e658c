package textcode

import (
	_ "embed"
	"strings"
)

//go:embed words.txt
var wordsTxt string

// commonWords lists common English words: with the rule and name words they
// are the lexicon glued words are split with.
func commonWords() []string { return strings.Fields(wordsTxt) }
