package textcode

import "testing"

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
