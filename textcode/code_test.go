package textcode

import (
	"sort"
	"strings"
	"testing"

	"axis"
)

// rel is a compact form of a coded relation for table tests:
// "SRC>TGT kind item status".
func rel(c Coded) string {
	r := c.Relation
	sep := ">"
	if r.Kind.Symmetric() {
		sep = "-"
	}
	item := r.Item
	if item == "" {
		item = "-"
	}
	return r.Source + sep + r.Target + " " + string(r.Kind) + " " + item + " " + string(r.Status)
}

func codeAll(c *Coder, text, date string) []string {
	var out []string
	for _, cd := range c.CodeText(text, axis.MustParseDate(date)) {
		out = append(out, rel(cd))
	}
	sort.Strings(out)
	return out
}

func TestCodeFrames(t *testing.T) {
	c := fixtureCoder(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"active give", "North Korea shipped artillery shells to Russia.", []string{"PRK>RUS arms artillery_ammunition confirmed"}},
		{"give with direct object", "Iran is supplying Russia with drones and ballistic missiles.", []string{"IRN>RUS arms ballistic_missiles confirmed", "IRN>RUS arms drones confirmed"}},
		{"passive with by", "Drones were delivered to Russia by Tehran.", []string{"IRN>RUS arms drones confirmed"}},
		{"receive from", "Russia received ballistic missiles from Pyongyang.", []string{"PRK>RUS arms ballistic_missiles confirmed"}},
		{"receive with origin", "Russia bought Iranian drones.", []string{"IRN>RUS arms drones confirmed"}},
		{"in exchange for", "Russia may give Iran fighter jets in exchange for drones.", []string{"IRN>RUS arms drones prospective", "RUS>IRN arms aircraft prospective"}},
		{"person resolves to state", "Putin paid a state visit to Pyongyang.", []string{"RUS>PRK visit - confirmed"}},
		{"host is a reverse visit", "Kim Jong Un hosted Vladimir Putin in Pyongyang.", []string{"RUS>PRK visit - confirmed"}},
		{"multi-party drills", "China, Russia and Iran held joint naval drills.", []string{"CHN-IRN joint_exercise naval confirmed", "CHN-RUS joint_exercise naval confirmed", "IRN-RUS joint_exercise naval confirmed"}},
		{"pact between", "The mutual defence pact between North Korea and Russia worries Tokyo.", []string{"PRK-RUS defense_pact - confirmed"}},
		{"negated pact", "China and Russia do not have a mutual defence commitment.", []string{"CHN-RUS defense_pact - negated"}},
		{"sanction on firms counts against the state", "Washington imposed sanctions on two Chinese firms.", []string{"USA>CHN sanction - confirmed"}},
		{"named firm", "The US sanctioned Acme Avionics.", []string{"USA>CHN sanction - confirmed"}},
		{"gerund after for", "The US sanctioned two Chinese firms for supplying weapons to Russia.", []string{"CHN>RUS arms other_arms confirmed", "USA>CHN sanction - confirmed"}},
		{"accused of", "Ukraine accused Iran of sending drones to Russia.", []string{"IRN>RUS arms drones alleged", "UKR>IRN condemn - confirmed"}},
		{"denied", "Tehran denied supplying drones to Moscow.", []string{"IRN>RUS arms drones denied"}},
		{"refrained", "China has refrained from supplying lethal aid to Russia.", []string{"CHN>RUS arms other_arms negated"}},
		{"reported", "North Korea sent troops to Russia, officials said.", []string{"PRK>RUS troops combat_troops reported"}},
		{"prospective", "Moscow could share submarine technology with Pyongyang.", []string{"RUS>PRK technology submarine prospective"}},
		{"question is not a fact", "Will China send weapons to Russia?", nil},
		{"conditional", "If China sent weapons to Russia, the war would change.", []string{"CHN>RUS arms other_arms prospective"}},
		{"membership", "Finland joined NATO in 2023.", []string{"FIN>NATO membership - confirmed"}},
		{"attack", "Russia launched a drone attack on Ukraine.", []string{"RUS>UKR attack drone confirmed"}},
		{"no relation", "The ministers discussed regional security.", nil},
		{"coreference", "Russia and North Korea met in June. The two countries pledged to help each other if attacked.", []string{"PRK-RUS defense_pact - confirmed"}},
		{"partner coreference", "Putin visited Pyongyang in June. Moscow's partner later sent more artillery shells to Russia.", []string{"PRK>RUS arms artillery_ammunition confirmed", "RUS>PRK visit - confirmed"}},
		{"possessive noun", "Iran's deliveries of drones to Russia continued.", []string{"IRN>RUS arms drones confirmed"}},
		{"demonym origin", "Thousands of North Korean troops arrived in Russia.", []string{"PRK>RUS troops combat_troops confirmed"}},
		{"trade both ways", "Trade between China and Russia grew.", []string{"CHN>RUS trade - confirmed", "RUS>CHN trade - confirmed"}},
		{"not only ... but also", "North Korea not only sent shells but also troops to Russia.", []string{"PRK>RUS arms artillery_ammunition confirmed", "PRK>RUS troops combat_troops confirmed"}},
		{"they is the pair", "Japan and South Korea met in Tokyo, where they signed a mutual defence pact.", []string{"JPN-KOR defense_pact - confirmed"}},
		{"acronym only in capitals", "Give us the weapons, they said to Russia.", nil},
	}
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

func TestEvidence(t *testing.T) {
	c := fixtureCoder(t)
	text := "Headline about things\n\nFirst sentence here. North Korea shipped artillery shells to Russia. Another one."
	out := c.CodeText(text, axis.Day(2024, 11, 18))
	if len(out) != 1 {
		t.Fatalf("got %d relations, want 1", len(out))
	}
	ev := out[0].Relation.Evidence[0]
	if ev.Sentence != "North Korea shipped artillery shells to Russia." {
		t.Errorf("sentence %q", ev.Sentence)
	}
	norm := []rune("Headline about things\n\nFirst sentence here. North Korea shipped artillery shells to Russia. Another one.")
	if got := string(norm[ev.Start:ev.End]); got != ev.Sentence {
		t.Errorf("offsets %d..%d give %q", ev.Start, ev.End, got)
	}
	if ev.Method != "rule:give" || ev.DocumentID != axis.HashContent([]byte(string(norm))) || ev.Confidence <= 0 || ev.Attrs["words"] == "" {
		t.Errorf("evidence %+v", ev)
	}
	if q := out[0].Relation.Quantity; q != nil {
		t.Errorf("quantity %+v, want none", q)
	}
}

func TestEntities(t *testing.T) {
	c := fixtureCoder(t)
	out := c.CodeText("Washington imposed sanctions on two Chinese firms.", axis.Day(2024, 1, 1))
	if len(out) != 1 || out[0].Relation.Evidence[0].Attrs["target_entity"] != "Chinese firms" {
		t.Fatalf("got %+v", out)
	}
	out = c.CodeText("Putin visited Pyongyang.", axis.Day(2024, 6, 19))
	if len(out) != 1 || out[0].Entities["source"] != "Vladimir Putin" {
		t.Fatalf("got %+v", out)
	}
}

func TestQuantities(t *testing.T) {
	c := fixtureCoder(t)
	tests := []struct {
		text  string
		value float64
		unit  string
		bound string
	}{
		{"North Korea sent over a million artillery shells to Russia.", 1e6, "shells", "over"},
		{"North Korea sent about 11,000 soldiers to Russia.", 11000, "soldiers", "about"},
		{"Iran sent dozens of drones to Russia.", 24, "drones", "over"},
		{"Iran sent 40 drones to Russia.", 40, "drones", ""},
		{"Beijing has extended a $5 billion loan to Moscow.", 5e9, "usd", ""},
	}
	for _, tt := range tests {
		out := c.CodeText(tt.text, axis.Day(2024, 1, 1))
		if len(out) != 1 || out[0].Relation.Quantity == nil {
			t.Errorf("%q: got %+v", tt.text, out)
			continue
		}
		q := out[0].Relation.Quantity
		if q.Value != tt.value || q.Unit != tt.unit || q.Bound != tt.bound {
			t.Errorf("%q: quantity %+v", tt.text, *q)
		}
	}
}

func TestDates(t *testing.T) {
	c := fixtureCoder(t)
	tests := []struct {
		text, doc, want, until string
	}{
		{"Putin visited Pyongyang on June 19, 2024.", "2024-06-25", "2024-06-19", ""},
		{"Putin visited Pyongyang on 19 June 2024.", "", "2024-06-19", ""},
		{"Putin visited Pyongyang in June.", "2024-11-18", "2024-06", ""},
		{"Putin visited Pyongyang in December.", "2024-11-18", "2023-12", ""},
		{"Putin visited Pyongyang last week.", "2024-11-18", "2024-11", ""},
		{"Putin visited Pyongyang last year.", "2024-11-18", "2023", ""},
		{"Putin visited Pyongyang on Wednesday.", "2024-11-18", "2024-11-13", ""},
		{"Putin visited Pyongyang.", "2024-11-18", "2024", ""},
		{"Putin visited Pyongyang.", "", "", ""},
		{"China and Russia have held joint drills since 2019.", "2024-11-18", "2019", "2024-11-18"},
	}
	for _, tt := range tests {
		doc, _ := axis.ParseDate(tt.doc)
		out := c.CodeText(tt.text, doc)
		if len(out) != 1 {
			t.Errorf("%q: got %d relations", tt.text, len(out))
			continue
		}
		r := out[0].Relation
		if r.Date.String() != tt.want || r.Until.String() != tt.until {
			t.Errorf("%q (doc %s): date %q until %q, want %q %q", tt.text, tt.doc, r.Date, r.Until, tt.want, tt.until)
		}
	}
	out := c.CodeText("Putin will visit Pyongyang next month.", axis.Day(2024, 11, 18))
	if len(out) != 1 || out[0].Relation.Status != axis.Prospective || out[0].Relation.Date.String() != "2024-12" {
		t.Errorf("next month: %+v", out)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The U.S. Treasury acted. Then it stopped.", []string{"The U.S. Treasury acted.", "Then it stopped."}},
		{"Sanctions came from the U.S. The move was expected.", []string{"Sanctions came from the U.S.", "The move was expected."}},
		{"On Jan. 5 Gen. Smith spoke. No. 1 was first.", []string{"On Jan. 5 Gen. Smith spoke.", "No. 1 was first."}},
		{"George W. Bush named it. \"It works,\" he said. Really?", []string{"George W. Bush named it.", "\"It works,\" he said.", "Really?"}},
		{"A line\nAnother line", []string{"A line", "Another line"}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range splitSentences(tt.text) {
			got = append(got, tt.text[sp.start:sp.end])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
	long := strings.Repeat("word ", 2000)
	for _, sp := range splitSentences(long) {
		if sp.end-sp.start > maxSentence {
			t.Fatalf("sentence of %d bytes", sp.end-sp.start)
		}
	}
}

func TestNormalizeAndGlue(t *testing.T) {
	c := fixtureCoder(t)
	if got := normalizeText("\u201cNo limits\u201d \u2013 Russia\u2019s \u00a0 partner\u2014China"); got != `"No limits" - Russia's partner - China` {
		t.Errorf("normalize: %q", got)
	}
	tests := []struct{ in, want string }{
		{"a series of bilateraltransactions rather than", "a series of bilateral transactions rather than"},
		{"met more thanforty timessince 2012", "met more than forty times since 2012"},
		{"the invasion ofUkrainechanged that", "the invasion of Ukraine changed that"},
		{"pieces of artillery.shellsand missiles", "pieces of artillery shells and missiles"},
		{"see kremlin.ru for more", "see kremlin.ru for more"},
		{"Pyongyang and Tiananmen stay whole", "Pyongyang and Tiananmen stay whole"},
		{"straining relations", "straining relations"},
	}
	for _, tt := range tests {
		if got := c.splitGlued(tt.in); got != tt.want {
			t.Errorf("splitGlued(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range tokenize("Russia's KN-23 didn't hit 11,000 targets.", nil) {
		got = append(got, tk.low)
	}
	want := "russia|'s|kn|-|23|did|n't|hit|11,000|targets|."
	if strings.Join(got, "|") != want {
		t.Errorf("tokens %q", strings.Join(got, "|"))
	}
}

func TestCommitmentSigned(t *testing.T) {
	c := fixtureCoder(t)
	out := c.CodeText("Russia signed a mutual defence agreement with North Korea in June 2024.", axis.Day(2024, 11, 18))
	if len(out) != 1 || out[0].Relation.Commitment == nil || out[0].Relation.Commitment.Signed.String() != "2024-06" {
		t.Errorf("signed: %+v", out)
	}
	out = c.CodeText("China and Russia do not have a mutual defence commitment.", axis.Day(2024, 11, 18))
	if len(out) != 1 || out[0].Relation.Commitment != nil {
		t.Errorf("negated pact has commitment dates: %+v", out)
	}
}
