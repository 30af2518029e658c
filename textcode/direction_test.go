package textcode

import (
	"sort"
	"strings"
	"testing"
)

// codeCases runs table cases through the fixture coder.
func codeCases(t *testing.T, tests []struct {
	name, text string
	want       []string
}) {
	t.Helper()
	c := fixtureCoder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := codeAll(c, tt.text, "2024-11-18")
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%q\n got: %q\nwant: %q", tt.text, got, want)
			}
		})
	}
}

// A force is sent to help the state that receives it, not the place it is
// sent to fight.
func TestTroopsDirection(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"host named before the deployment", "North Korean troops now in Russia may be deployed into Ukraine, officials fear.",
			[]string{"PRK>RUS troops combat_troops reported"}},
		{"noun deployment with host", "The arrival of North Korean soldiers in Russia raised fears of their deployment to Ukraine.",
			[]string{"PRK>RUS troops combat_troops confirmed"}},
		{"deployer of another state's troops is their host", "Moscow has deployed North Korean troops in the Kursk region.",
			[]string{"PRK>RUS troops combat_troops confirmed"}},
		{"possessive deployer", "Moscow's deployment of North Korean troops to the war in Ukraine alarmed Tokyo.",
			[]string{"PRK>RUS troops combat_troops confirmed"}},
		{"sender of another state's troops", "Russia sent North Korean soldiers to the Kursk region.",
			[]string{"PRK>RUS troops combat_troops confirmed"}},
		{"sent to fight: the enemy is not the recipient", "Pyongyang sent soldiers to Russia to fight against Ukraine.",
			[]string{"PRK>RUS troops combat_troops confirmed", "PRK>UKR attack ground confirmed"}},
		{"no implicit recipient from the enemy", "North Korea denies that it sent soldiers to fight Ukraine.",
			[]string{"PRK>UKR attack ground denied"}},
		{"front is a theatre", "Russia moved troops to the front lines in Ukraine.", nil},
		{"war is a theatre", "Moscow deployed troops to the war in Ukraine.", nil},
		{"a border is not the state", "Russia deployed troops to Ukraine's northern border.", nil},
		{"plain deployment to a host still codes", "The United States will station more troops in Japan.",
			[]string{"USA>JPN troops combat_troops prospective"}},
		{"combat vehicles are an item, not combat", "The US will send combat vehicles to Kyiv.",
			[]string{"USA>UKR arms armored_vehicles prospective"}},
		{"fighting for stays the trigger", "Thousands of North Korean troops are fighting for Russia.",
			[]string{"PRK>RUS troops combat_troops confirmed"}},
		{"forces helped are recipients", "Washington is helping Ukrainian forces with intelligence.",
			[]string{"USA>UKR intelligence intelligence confirmed"}},
		{"weapons to foreign troops", "The US sent weapons to Ukrainian troops.",
			[]string{"USA>UKR arms other_arms confirmed"}},
		{"presence when no trigger codes", "Some North Korean soldiers based in eastern Russia are expected to join the assault on Ukrainian positions.",
			[]string{"PRK>RUS troops combat_troops confirmed"}},
		{"occupied territory is no host", "Russian troops in occupied Ukraine dug in.", nil},
	})
}

// Fighting is factual combat, coded as attack.
func TestCombat(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"begun fighting", "North Korean troops have begun fighting Ukrainian forces near Kursk.",
			[]string{"PRK>UKR attack ground confirmed"}},
		{"begun to engage forces", "North Korean troops have begun to engage Ukrainian forces in Russia's Kursk region.",
			[]string{"PRK>UKR attack ground confirmed"}},
		{"engaged, attributed", "North Korean soldiers engaged Ukrainian troops, Kyiv said.",
			[]string{"PRK>UKR attack ground reported"}},
		{"fighting against", "Ukrainian units have been fighting against Russian troops since August.",
			[]string{"UKR>RUS attack ground confirmed"}},
		{"fighting a state", "Ukraine is fighting Russia with Western weapons.", []string{"UKR>RUS attack ground confirmed"}},
		{"exchanged fire", "Ukrainian troops exchanged fire with Russian forces overnight.", []string{"UKR>RUS attack ground confirmed"}},
		{"clash with forces", "Ukraine said it had clashed with North Korean troops.", []string{"UKR>PRK attack ground reported"}},
		{"expected to fight is prospective", "North Korean troops are expected to fight Ukrainian forces.",
			[]string{"PRK>UKR attack ground prospective"}},
		{"engaged with is diplomacy", "China engaged with Russia on trade.", nil},
		{"engaged in talks", "Tehran has engaged in talks with Washington.", nil},
		{"engage a capital in talks", "The US engaged Beijing in talks.", nil},
		{"clashed in words", "China clashed with the United States over tariffs.", nil},
		{"fighting influence", "Washington vowed to fight Chinese influence in Africa.", nil},
		{"forces who strike act themselves", "Japan hosts American forces who could strike North Korea.",
			[]string{"USA>JPN troops combat_troops confirmed", "USA>PRK attack - prospective"}},
	})
}

// A relation in a trailing clause is coded with its own actors.
func TestTrailingClause(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"with X the buyer", "China, Russia and Iran have held naval drills since 2019, with China also the biggest buyer of Iranian oil.",
			[]string{"CHN-IRN joint_exercise naval confirmed", "CHN-RUS joint_exercise naval confirmed", "IRN-RUS joint_exercise naval confirmed",
				"IRN>CHN energy oil confirmed"}},
		{"with X now shipping", "Moscow signed a defence treaty with Pyongyang, with North Korea now shipping shells to Russia.",
			[]string{"PRK-RUS defense_pact - confirmed", "PRK>RUS arms artillery_ammunition confirmed"}},
		{"while Y buys", "Iran supplies Russia with drones, while China buys most of Iran's crude.",
			[]string{"IRN>CHN energy oil confirmed", "IRN>RUS arms drones confirmed"}},
		{"whereas Y imports", "Russia sells fighter jets to Japan, whereas China imports Russian gas.",
			[]string{"RUS>CHN energy gas confirmed", "RUS>JPN arms aircraft confirmed"}},
		{"generic energy", "Japan has become a leading buyer of Russian energy.", []string{"RUS>JPN energy - confirmed"}},
		{"energy as a modifier", "Russia and China discussed energy security.", nil},
	})
}

// Neutrality names no counterpart: it codes nothing, and a claim of it does
// not reach a fact in a contrasting clause.
func TestNeutralityAndContrast(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"insists it is neutral", "China insists it is neutral in the war between Russia and Ukraine.", nil},
		{"claim does not cross while", "Iran claims neutrality in the conflict while selling drones to Russia.",
			[]string{"IRN>RUS arms drones confirmed"}},
		{"between governs the pair", "Japan declared itself neutral in the conflict between Russia and Ukraine, while selling trucks and rifles to Kyiv.",
			[]string{"JPN>UKR arms small_arms confirmed"}},
		{"modal does not cross although", "Iran will remain neutral, although it has sold drones to Russia.",
			[]string{"IRN>RUS arms drones confirmed"}},
		{"denial still counts in its clause", "Tehran denies that it sold drones to Moscow.", []string{"IRN>RUS arms drones denied"}},
	})
}

// Vetoes and blocked measures are diplomatic support for the state the
// measure was aimed at.
func TestVetoes(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"vetoed sanctions monitoring", "Russia vetoed a resolution to extend the monitoring of sanctions against North Korea.",
			[]string{"RUS>PRK diplomatic_support - confirmed"}},
		{"blocked a statement condemning", "China and Russia blocked a statement condemning North Korea's missile launches.",
			[]string{"CHN>PRK diplomatic_support - confirmed", "RUS>PRK diplomatic_support - confirmed"}},
		{"voted against censure", "Beijing voted against a resolution censuring Iran.", []string{"CHN>IRN diplomatic_support - confirmed"}},
		{"shielded from sanctions", "China has shielded North Korea from new sanctions.", []string{"CHN>PRK diplomatic_support - confirmed"}},
		{"the proposer is not the beneficiary", "China voted against a draft put forward by Japan to sanction North Korea.",
			[]string{"CHN>PRK diplomatic_support - confirmed"}},
		{"a resolution on a state", "Russia vetoed a resolution on Ukraine.", nil},
		{"a state's own resolution", "Japan voted against Russia's resolution.", nil},
		{"its own annexation", "Russia used its veto to block a resolution condemning its annexation of Ukrainian regions.", nil},
		{"vetoed sanctions are not imposed", "Russia vetoed new NATO sanctions on Iran.",
			[]string{"NATO>IRN sanction - negated", "RUS>IRN diplomatic_support - confirmed"}},
		{"a resolution critical of a state", "Washington blocked a resolution critical of Japan.",
			[]string{"USA>JPN diplomatic_support - confirmed"}},
		{"blocked shipments", "China blocked shipments of drones to Russia.", []string{"CHN>RUS arms drones negated"}},
	})
}

// Consequences and analysis are not confirmed threats.
func TestHypotheticalConsequences(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"modal over a participle clause", "Impact: the treaty will push Pyongyang toward a more assertive posture in the region, directly threatening South Korea's security.",
			[]string{"PRK>KOR threaten - prospective"}},
		{"would lead to", "Closer ties between Moscow and Tehran would lead in time to more Iranian drone deliveries to Russia.",
			[]string{"IRN>RUS arms drones prospective"}},
		{"could result in", "The pact could eventually result in North Korean strikes against Japan.", []string{"PRK>JPN attack - prospective"}},
		{"threatened by an alliance", "South Korea and Japan are now threatened by this new North Korea-Russia alliance.", nil},
		{"threatened by ambitions", "Japan feels threatened by Russia's ambitions in the region.", nil},
		{"threatened by a state", "Japan is threatened daily by North Korea, officials said.", []string{"PRK>JPN threaten - reported"}},
		{"modal in a closed relative clause", "Russia, which will host the summit, has sent troops to North Korea.",
			[]string{"RUS>PRK troops combat_troops confirmed"}},
		{"condemning drills joins no drills", "Japan condemned Russia's naval exercises.", []string{"JPN>RUS condemn - confirmed"}},
		{"plain threat stays confirmed", "Russia threatened Japan with retaliation.", []string{"RUS>JPN threaten - confirmed"}},
	})
}
