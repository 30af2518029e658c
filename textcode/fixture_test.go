package textcode

import (
	"testing"

	"axis"
)

// fixtureActors is a small lexicon written for the tests, independent of
// the gazetteer's data.
var fixtureActors = []struct {
	actor axis.Actor
	names []Name
}{
	{axis.Actor{Code: "RUS", Name: "Russia", Kind: axis.ActorState}, []Name{{"Russia", "", "name"}, {"Russian", "", "demonym"}, {"Moscow", "", "capital"}, {"the Kremlin", "", "seat"}, {"Kremlin", "", "seat"}}},
	{axis.Actor{Code: "PRK", Name: "North Korea", Kind: axis.ActorState}, []Name{{"North Korea", "", "name"}, {"North Korean", "", "demonym"}, {"North Koreans", "", "demonym"}, {"Pyongyang", "", "capital"}, {"DPRK", "", "alias"}}},
	{axis.Actor{Code: "CHN", Name: "China", Kind: axis.ActorState}, []Name{{"China", "", "name"}, {"Chinese", "", "demonym"}, {"Beijing", "", "capital"}}},
	{axis.Actor{Code: "IRN", Name: "Iran", Kind: axis.ActorState}, []Name{{"Iran", "", "name"}, {"Iranian", "", "demonym"}, {"Tehran", "", "capital"}}},
	{axis.Actor{Code: "UKR", Name: "Ukraine", Kind: axis.ActorState}, []Name{{"Ukraine", "", "name"}, {"Ukrainian", "", "demonym"}, {"Kyiv", "", "capital"}}},
	{axis.Actor{Code: "USA", Name: "United States", Kind: axis.ActorState}, []Name{{"United States", "", "name"}, {"US", "", "alias"}, {"U.S.", "", "alias"}, {"Washington", "", "capital"}, {"American", "", "demonym"}}},
	{axis.Actor{Code: "JPN", Name: "Japan", Kind: axis.ActorState}, []Name{{"Japan", "", "name"}, {"Japanese", "", "demonym"}, {"Tokyo", "", "capital"}}},
	{axis.Actor{Code: "KOR", Name: "South Korea", Kind: axis.ActorState}, []Name{{"South Korea", "", "name"}, {"Seoul", "", "capital"}}},
	{axis.Actor{Code: "NATO", Name: "NATO", Kind: axis.ActorOrganization}, []Name{{"NATO", "", "org"}}},
	{axis.Actor{Code: "FIN", Name: "Finland", Kind: axis.ActorState}, []Name{{"Finland", "", "name"}}},
	{axis.Actor{Code: "PUTIN", Name: "Vladimir Putin", Kind: axis.ActorPerson, Terms: []axis.Term{{Role: "head_of_state", Country: "RUS", Start: axis.Day(2000, 5, 7)}}}, []Name{{"Vladimir Putin", "", "person"}, {"Putin", "", "person"}}},
	{axis.Actor{Code: "KIMJU", Name: "Kim Jong Un", Kind: axis.ActorPerson, Terms: []axis.Term{{Role: "head_of_state", Country: "PRK", Start: axis.Day(2011, 12, 17)}}}, []Name{{"Kim Jong Un", "", "person"}, {"Kim", "", "person"}}},
	{axis.Actor{Code: "ACME", Name: "Acme Avionics", Kind: axis.ActorFirm, Country: "CHN"}, []Name{{"Acme Avionics", "", "org"}}},
}

func fixtureLexicon() Lexicon {
	byCode := map[string]*axis.Actor{}
	var names []Name
	for i := range fixtureActors {
		a := &fixtureActors[i].actor
		byCode[a.Code] = a
		for _, n := range fixtureActors[i].names {
			n.Code = a.Code
			names = append(names, n)
		}
	}
	return Lexicon{Names: names, Actor: func(code string) (*axis.Actor, bool) { a, ok := byCode[code]; return a, ok }}
}

func fixtureActorList() []axis.Actor {
	var out []axis.Actor
	for _, f := range fixtureActors {
		out = append(out, f.actor)
	}
	return out
}

func fixtureCoder(t testing.TB) *Coder {
	t.Helper()
	c, err := New(fixtureLexicon())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
