package textcode

import (
	"testing"

	"axis"
)

// Reporting styles beyond plain declarative sentences: wire datelines,
// headlines, trailing attributions.
func TestReportingStyles(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"dateline is not a party", "TOKYO - Moscow has sent more shells to Pyongyang, officials said.", []string{"RUS>PRK arms artillery_ammunition reported"}},
		{"dateline with date", "KYIV, Nov. 3 - Washington delivered drones to Ukraine.", []string{"USA>UKR arms drones confirmed"}},
		{"capital opening a sentence is still a party", "Tokyo, Seoul and Washington held naval drills.", []string{"JPN-KOR joint_exercise naval confirmed", "JPN-USA joint_exercise naval confirmed", "KOR-USA joint_exercise naval confirmed"}},
		{"headline comma joins names", "Tokyo, Seoul Hold Joint Drills Near Disputed Islands", []string{"JPN-KOR joint_exercise - confirmed"}},
		{"comma list in a sentence is not a pair", "Ukraine, US officials said, held talks.", nil},
		{"headline colon is attribution", "Kyiv: Iran Shipped Drones To Russia", []string{"IRN>RUS arms drones reported"}},
		{"headline label is not attribution", "Analysis: Iran Shipped Drones To Russia", []string{"IRN>RUS arms drones confirmed"}},
		{"lower-case label is not attribution", "Related article: Iran Shipped Drones To Russia", []string{"IRN>RUS arms drones confirmed"}},
		{"trailing attribution is not the target", "Iran is the main patron of the rebels. It has supplied them with drones, US officials say.", nil},
		{"trailing allegation", "China has sent drone engines to Russia, Kyiv alleges.", []string{"CHN>RUS dual_use components alleged"}},
		{"trailing suspicion", "Moscow passed missile know-how to Pyongyang, Seoul suspects.", []string{"RUS>PRK technology missile alleged"}},
		{"data showed", "Russia shipped crude to China in May, tanker data showed.", []string{"RUS>CHN energy oil reported"}},
		{"estimate", "Iran has sent thousands of drones to Russia, US officials estimate.", []string{"IRN>RUS arms drones reported"}},
		{"lifted sanctions", "Japan lifted sanctions on Russia.", []string{"JPN>RUS sanction - negated"}},
		{"yet to join", "Finland has yet to join NATO.", []string{"FIN>NATO membership - negated"}},
		{"applied for membership", "Ukraine applied for membership of NATO.", []string{"UKR>NATO membership - prospective"}},
	})
}

// Sanctions reported as passives, nominal subjects and bans.
func TestSanctionStyles(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"passive noun with agent", "Sanctions were imposed on Iran by Japan in 2019.", []string{"JPN>IRN sanction - confirmed"}},
		{"passive noun without agent", "Sanctions were imposed on Iran in 2019.", nil},
		{"measure targeting is not an attack", "Tokyo unveiled sanctions targeting Russian banks.", []string{"JPN>RUS sanction - confirmed"}},
		{"penalties hit", "New American penalties hit Chinese chipmakers on Monday.", []string{"USA>CHN sanction - confirmed"}},
		{"missiles hit is still an attack", "Russian missiles hit Kyiv overnight.", []string{"RUS>UKR attack missile confirmed"}},
		{"ban on imports", "Japan banned imports of Russian coal.", []string{"JPN>RUS sanction - confirmed"}},
		{"restricted flow is not a transfer", "Seoul eased its restrictions on exports of chips to Tokyo.", []string{"KOR>JPN sanction - confirmed"}},
		{"sanctioned for backing forces", "Washington sanctioned Chinese firms for backing Russia's military.", []string{"USA>CHN sanction - confirmed"}},
		{"words of support for a war stay support", "Pyongyang voiced full support for Russia's war.", []string{"PRK>RUS diplomatic_support - confirmed"}},
	})
}

// Appositives, relative clauses, delegations, admissions and other
// phrasings of long news sentences.
func TestClauseStyles(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"appositive head is the subject", "Finland, a NATO member that buys Russian gas, has sold drones to Ukraine.", []string{"FIN>NATO membership - confirmed", "FIN>UKR arms drones confirmed", "RUS>FIN energy gas confirmed"}},
		{"relative clause is skipped", "Japan, which has sanctioned Russia, imports most of its gas from Russia.", []string{"JPN>RUS sanction - confirmed", "RUS>JPN energy gas confirmed"}},
		{"appositive title is skipped", "Kim Jong Un, the leader of North Korea, travelled to Moscow.", []string{"PRK>RUS visit - confirmed"}},
		{"craft named by a demonym act in a relative clause", "NATO jets intercepted Russian aircraft that entered Finnish airspace.", nil},
		{"delegation as guest", "Tehran welcomed a delegation of North Korean officials.", []string{"PRK>IRN visit - confirmed"}},
		{"help is not a guest", "Pyongyang received Russian help last year.", nil},
		{"an official is a guest", "Pyongyang received a Russian minister last year.", []string{"RUS>PRK visit - confirmed"}},
		{"organisation admits a member", "NATO admitted Finland as its 31st member.", []string{"FIN>NATO membership - confirmed"}},
		{"passive admission", "Finland was admitted to NATO in 2023.", []string{"FIN>NATO membership - confirmed"}},
		{"accession of", "The accession of Finland to NATO was completed in April.", []string{"FIN>NATO membership - confirmed"}},
		{"loan noun", "Beijing approved a loan of 2 billion dollars for Tehran.", []string{"CHN>IRN finance credit confirmed"}},
		{"rolled over loans", "China rolled over loans worth 2 billion dollars to Iran.", []string{"CHN>IRN finance credit confirmed"}},
		{"feeding satellite data", "Moscow is feeding Tehran satellite data.", []string{"RUS>IRN intelligence satellite_imagery confirmed"}},
		{"threw its weight behind", "Beijing threw its weight behind Moscow.", []string{"CHN>RUS diplomatic_support - confirmed"}},
		{"obliged to defend", "Washington is obliged to defend Japan.", []string{"USA>JPN security_guarantee - confirmed"}},
		{"protest with", "Tokyo lodged a protest with Beijing.", []string{"JPN>CHN condemn - confirmed"}},
		{"singular joint drill", "The navies of China and Russia held a joint drill.", []string{"CHN-RUS joint_exercise naval confirmed"}},
		{"deal to supply is prospective", "Russia signed a deal to supply gas to China.", []string{"RUS>CHN energy gas prospective"}},
	})
}

// A transfer noun that is the object of a transfer verb is coded once, by
// the verb, with its amount.
func TestObjectNoun(t *testing.T) {
	c := fixtureCoder(t)
	cds := c.CodeText("Beijing extended a $5 billion loan to Moscow.", axis.MustParseDate("2024-01-01"))
	if len(cds) != 1 || cds[0].Rule != "give" || cds[0].Relation.Quantity == nil {
		t.Fatalf("got %+v, want one give relation with its quantity", cds)
	}
}

// Meetings in a capital, names without diacritics, exports as nouns and
// names outside a conditional clause.
func TestMeetingsAndNouns(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"met in the other's capital", "Putin met Kim Jong Un in Pyongyang on Wednesday.", []string{"RUS>PRK visit - confirmed"}},
		{"guest in the host's capital", "Kim Jong Un met Putin in Moscow.", []string{"PRK>RUS visit - confirmed"}},
		{"held talks with", "Kim Jong Un held talks with Putin in Moscow.", []string{"PRK>RUS visit - confirmed"}},
		{"unknown city codes nothing", "Putin met Kim Jong Un in Vladivostok.", nil},
		{"met without a place codes nothing", "Putin met Kim Jong Un last week.", nil},
		{"exports noun keeps its item", "Russia's gas exports to China rose in 2023.", []string{"RUS>CHN energy gas confirmed"}},
		{"possessive pronoun exports", "Iran doubled its oil exports to China.", []string{"IRN>CHN energy oil confirmed"}},
		{"conditional clause is not the target", "Russia could strike Kyiv if Washington sent long-range missiles.", []string{"RUS>UKR attack missile prospective"}},
	})
}

func TestDiacriticsFolded(t *testing.T) {
	lex := fixtureLexicon()
	lex.Names = append(lex.Names, Name{Text: "Erdoğan", Code: "RUS", Form: "person"})
	c, err := New(lex)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Erdoğan sent drones to Ukraine.", "Erdogan sent drones to Ukraine."} {
		got := codeAll(c, text, "2024-01-01")
		if len(got) != 1 || got[0] != "RUS>UKR arms drones confirmed" {
			t.Errorf("%q: got %q", text, got)
		}
	}
}

func TestPassivePrepositionAndFirmsIn(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"passive fired at", "Drones were fired at Kyiv by Russian forces overnight.", []string{"RUS>UKR attack drone confirmed"}},
		{"passive subject is still the target", "Kyiv was struck by Russian missiles.", []string{"RUS>UKR attack missile confirmed"}},
		{"firms in a state", "Washington sanctioned a dozen entities in China.", []string{"USA>CHN sanction - confirmed"}},
		{"firms based in a state", "Tokyo blacklisted companies based in Iran.", []string{"JPN>IRN sanction - confirmed"}},
	})
}

// First person in a quotation is the speaker's state; "no" before the
// object negates.
func TestQuotations(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"we is the speaker", `"We stand firmly with Russia," North Korea's foreign minister said.`, []string{"PRK>RUS diplomatic_support - reported"}},
		{"us is the speaker", `"Moscow will get no drones from us," a senior Iranian official said.`, []string{"IRN>RUS arms drones negated"}},
		{"said before the speaker", `"We will send more shells to Russia," said Kim Jong Un.`, []string{"PRK>RUS arms artillery_ammunition prospective"}},
		{"unquoted we codes nothing", "We will send weapons to Ukraine.", nil},
		{"quote without attribution codes nothing", `"We will send weapons to Ukraine" is a common slogan in Tokyo.`, nil},
		{"no before the object", "Japan sent no weapons to Ukraine.", []string{"JPN>UKR arms other_arms negated"}},
	})
}

func TestNegationScopeAndBans(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"negation stays with its verb", "Japan has yet to condemn Russia's invasion of Ukraine.", []string{"JPN>RUS condemn - negated", "RUS>UKR attack ground confirmed"}},
		{"negation of a noun right after it", "Beijing has not joined Western sanctions on Russia.", []string{"CHN>RUS sanction - negated"}},
		{"passive noun with its own phrase", "Sanctions on Iranian oil were tightened by Washington.", []string{"USA>IRN sanction - confirmed"}},
		{"export bans", "Tokyo imposed export bans on Russian firms.", []string{"JPN>RUS sanction - confirmed"}},
	})
}

func TestCorefInSentence(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"the two leaders after both are named", "Kim Jong Un hosted Putin in June, and the two leaders signed a mutual defence treaty.", []string{"PRK-RUS defense_pact - confirmed", "RUS>PRK visit - confirmed"}},
		{"the two countries after a list", "Japan and South Korea met in Tokyo, where the two countries held joint naval drills.", []string{"JPN-KOR joint_exercise naval confirmed"}},
	})
}
