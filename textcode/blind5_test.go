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

// A gapped list after a transfer verb gives each item to its own
// recipient.
func TestFifthRoundGappedRecipients(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"two items two recipients", "Japan has sold drones to Ukraine and tanks to Finland.",
			[]string{"JPN>FIN arms armored_vehicles confirmed", "JPN>UKR arms drones confirmed"}},
		{"status carries over", "Iran supplied drones to Russia and ballistic missiles to North Korea, officials said.",
			[]string{"IRN>PRK arms ballistic_missiles reported", "IRN>RUS arms drones reported"}},
		{"determiners and figures before the second item", "Pyongyang shipped shells to Russia and 200 rifles to Iran.",
			[]string{"PRK>IRN arms small_arms confirmed", "PRK>RUS arms artillery_ammunition confirmed"}},
		{"a plain second recipient is unchanged", "Russia sent troops to Iran and Ukraine.",
			[]string{"RUS>IRN troops combat_troops confirmed", "RUS>UKR troops combat_troops confirmed"}},
		{"a purpose infinitive is no recipient", "China sent drones to Russia and engineers to help them.",
			[]string{"CHN>RUS arms drones confirmed"}},
	})
}

// What one state builds in or for another is given to it; "helped X
// build" and "the know-how to build" leave the giving to the helper.
func TestFifthRoundBuild(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"build in", "Russia will build two reactors in Iran.", []string{"RUS>IRN technology nuclear prospective"}},
		{"build a possessive plant", "Russia is building Iran's second nuclear power plant.", []string{"RUS>IRN technology nuclear confirmed"}},
		{"build for", "Japan built patrol vessels for Ukraine.", []string{"JPN>UKR arms naval confirmed"}},
		{"helped them build", "Russia helped North Korea build better missiles.", []string{"RUS>PRK technology missile confirmed"}},
		{"nothing named is nothing built", "China built new islands in the sea.", nil},
	})
}

// The builder's target is only where the sentence puts the building.
func TestFifthRoundBuildTargets(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"at a possessive plant", "Russia will build two reactors at Iran's Bushehr plant.", []string{"RUS>IRN technology nuclear prospective"}},
		{"no implicit recipient", "Iran built drones and sent them to Russia.", nil},
		{"a later clause is no recipient", "Officials said Iran had built drones, and Washington accused Tehran of lying.", []string{"USA>IRN condemn - confirmed"}},
	})
}

// Nuclear plants, names with an article in a gapped list, and seas named
// as places.
func TestFifthRoundPlantsListsSeas(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"nuclear plant", "Russia is building Iran's second nuclear plant.", []string{"RUS>IRN technology nuclear confirmed"}},
		{"gapped recipient after the", "Iran supplied drones to Russia and missiles to the DPRK.",
			[]string{"IRN>PRK arms ballistic_missiles confirmed", "IRN>RUS arms drones confirmed"}},
		{"the Sea of Japan is a place", "Chinese and Russian bombers flew a joint patrol over the Sea of Japan.", []string{"CHN-RUS joint_exercise air confirmed"}},
		{"a lower-case sea still says naval", "China and Russia held joint drills at sea.", []string{"CHN-RUS joint_exercise naval confirmed"}},
	})
}

// A reduced passive of a condemning verb accuses the name before it; two
// coordinated verbs share their object.
func TestFifthRoundParticiplesAndSharedObjects(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"firm accused of", "Washington sanctioned a Chinese firm accused of shipping microchips to Russia.",
			[]string{"CHN>RUS dual_use microelectronics alleged", "USA>CHN sanction - confirmed"}},
		{"blamed for in an apposition", "Iran, blamed for the attack, denied it.", nil},
		{"active accusation unchanged", "Japan accused China of lying.", []string{"JPN>CHN condemn - confirmed"}},
		{"protested over stays active", "Japan protested over China's survey.", []string{"JPN>CHN condemn - confirmed"}},
		{"rammed and boarded", "Chinese coast guard ships rammed and boarded Japanese boats.", []string{"CHN>JPN attack naval confirmed"}},
		{"condemned and sanctioned", "Japan condemned and sanctioned Russia.", []string{"JPN>RUS condemn - confirmed", "JPN>RUS sanction - confirmed"}},
		{"no name after the second verb", "China rammed and damaged a boat, Japan said.", nil},
	})
}

// Ships deployed are no forces sent to help, and a protest "after" or
// "when" names what provoked it.
func TestFifthRoundShipsAndProtests(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"survey ship into a zone", "China deployed a research vessel into Japan's exclusive economic zone.", []string{"CHN>JPN incursion - confirmed"}},
		{"protested after", "Japan protested after China deployed a survey ship into its exclusive economic zone.", []string{"JPN>CHN condemn - confirmed"}},
		{"protested when", "Tokyo protested when Chinese ships entered its waters.", []string{"CHN>JPN incursion - confirmed", "JPN>CHN condemn - confirmed"}},
		{"troops still deployed", "Russia deployed troops to Iran.", []string{"RUS>IRN troops combat_troops confirmed"}},
		{"warships are an item", "Russia deployed two warships to Iran.", []string{"RUS>IRN arms naval confirmed"}},
		{"after a prepositional phrase names no target", "Japan protested after the talks with China.", nil},
	})
}

// Number words are determiners, and a transfer given as the reason for a
// measure was made by the measure's object.
func TestFifthRoundMeasureReasons(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"six demonym officials", "Japan imposed sanctions on six Iranian officials.", []string{"JPN>IRN sanction - confirmed"}},
		{"deliveries over which a sanction fell", "Japan imposed sanctions on six Iranian officials over drone deliveries to Russia.",
			[]string{"IRN>RUS arms drones confirmed", "JPN>IRN sanction - confirmed"}},
		{"sale over which firms were sanctioned", "Beijing retaliated with sanctions on US defence firms over the latest arms sale to Japan.",
			[]string{"CHN>USA sanction - confirmed", "USA>JPN arms other_arms confirmed"}},
		{"an own sale keeps its subject", "Japan announced the sale of tanks to Ukraine.", []string{"JPN>UKR arms armored_vehicles confirmed"}},
	})
}

// An item before "that/which" is the object of a giving verb in the
// relative clause.
func TestFifthRoundRelativeObjects(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"reported to have given", "Seoul is alarmed by the attack drones that Moscow is reported to have given Pyongyang.",
			[]string{"RUS>PRK arms drones reported"}},
		{"which sent to", "The shells which Pyongyang sent to Russia often fail.", []string{"PRK>RUS arms artillery_ammunition confirmed"}},
		{"a that-clause with no item gives nothing", "Japan said that Russia gave Iran nothing.", nil},
	})
}

// "and" before a state followed by its own finite verb starts a new clause
// when the state before "and" is a prepositional object in a clause that
// already has its verb; a list that is a subject stays a list.
func TestAndStartsNewClause(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"two transfer clauses", "China sent drones to Russia and Iran sent missiles to Ukraine.", []string{"CHN>RUS arms drones confirmed", "IRN>UKR arms ballistic_missiles confirmed"}},
		{"the second subject is no recipient", "Japan sold drones to Ukraine and South Korea shipped shells to Finland.", []string{"JPN>UKR arms drones confirmed", "KOR>FIN arms artillery_ammunition confirmed"}},
		{"a list of recipients stays", "North Korea sent shells to Russia and Iran.", []string{"PRK>RUS arms artillery_ammunition confirmed", "PRK>IRN arms artillery_ammunition confirmed"}},
		{"a subject list after a verb of saying", "Officials said Russia and Iran signed a defence pact.", []string{"IRN-RUS defense_pact - reported"}},
	})
}
