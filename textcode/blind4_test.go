package textcode

import "testing"

// Pronouns and clause subjects of the fourth blind round (fixture actors
// only): "its" skips a name that only modifies a noun, and a craft named
// by its state opens an "after" clause.
func TestItsSkipsAttributiveNames(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"craft violated its airspace", "Japan scrambled jets after a Chinese surveillance plane violated its airspace.", []string{"CHN>JPN incursion - confirmed"}},
		{"sanctions on its oil", "Iran said US sanctions on its oil exports were illegal.", []string{"USA>IRN sanction - reported"}},
		{"its after a plain subject stays the subject", "Russia sent its troops to Finland.", []string{"RUS>FIN troops combat_troops confirmed"}},
	})
}
