package textcode

import "testing"

// Lexicon and status entries of the fifth blind round (fixture actors
// only): offers are not deliveries, collisions are attacks, coast guard
// and fighter drills carry their item, and talks that end without
// agreement name the parties of the missed agreement.
func TestFifthRoundOffersAndTalks(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"offered a loan is prospective", "Beijing has offered Kyiv a fresh loan.", []string{"CHN>UKR finance credit prospective"}},
		{"offered to deposit is prospective", "Tokyo offered to deposit $2 billion in Ukraine's central bank.", []string{"JPN>UKR finance cash prospective"}},
		{"military financing", "Washington sent Kyiv $2 billion in military financing.", []string{"USA>UKR finance cash confirmed"}},
		{"collided with", "A Russian jet collided with an American drone over the sea.", []string{"RUS>USA attack - confirmed"}},
		{"coast guard drills", "Japan and South Korea held joint coast guard drills.", []string{"JPN-KOR joint_exercise naval confirmed"}},
		{"fighter drills", "Japan and South Korea will hold their first joint fighter drills.", []string{"JPN-KOR joint_exercise air prospective"}},
		{"talks ended without agreement", "Talks between Japan and China ended without agreement.", []string{"CHN-JPN agreement - negated"}},
		{"negotiations without agreement", "The negotiations between Russian and Ukrainian diplomats broke up without agreement.", []string{"RUS-UKR agreement - negated"}},
		{"talks about a third state name no parties", "Talks on Iran ended without agreement.", nil},
	})
}

// Measures a state denounces fall on itself when no target is named, and
// a reduced passive names the measure's author.
func TestFifthRoundDenouncedMeasures(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"condemned the embargo", "Japan condemned the US embargo once again.", []string{"JPN>USA condemn - confirmed", "USA>JPN sanction - confirmed"}},
		{"denounced possessive sanctions", "Tehran denounced Washington's oil sanctions as economic warfare.", []string{"IRN>USA condemn - confirmed", "USA>IRN sanction - confirmed"}},
		{"a named target wins", "Russia condemned the US sanctions on Iran.", []string{"RUS>USA condemn - confirmed", "USA>IRN sanction - confirmed"}},
		{"a preposition between: no measure on the speaker", "Iran criticised Japan over US sanctions.", []string{"IRN>JPN condemn - confirmed"}},
		{"reduced passive", "The sanctions imposed by Washington on Tehran have cut its exports.", []string{"USA>IRN sanction - confirmed"}},
		{"reduced passive without target", "Sanctions imposed by Japan have hurt the economy.", nil},
	})
}
