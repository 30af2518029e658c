package gazetteer

import (
	"strings"
	"testing"
	"testing/fstest"

	"axis"
)

const (
	okStates = "code,name,official,aliases,demonyms,capitals,seats,theaters,historical\n" +
		"AAA,Aland,Republic of Aland,the Alands,Alander,Alton,the Palace,europe,\n" +
		"BBB,Bland,,,Blander,Bton,,east_asia;global,\n"
	okOrgs = "code,kind,name,country,theaters,aliases,capitals,seats\n" +
		"ALLY,organization,Alliance of Two,,europe,AoT,Ctown,\n" +
		"ACME,firm,Acme Works,AAA,,Acme,,\n"
	okPeople = "code,name,aliases,role,country,start,end,note\n" +
		"P_ONE,Ann One,One,head_of_state,AAA,2001-01-01,2005-01-01,\n" +
		"P_ONE,Ann One,,secretary_general,ALLY,2006-01,,\n"
	okAmbig = "alias,codes,prefer,note\n"
)

func fixture(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func TestLoadFixture(t *testing.T) {
	d, err := Load(fixture(map[string]string{StatesFile: okStates, OrgsFile: okOrgs, PeopleFile: okPeople, AmbiguitiesFile: okAmbig}))
	if err != nil {
		t.Fatal(err)
	}
	g := d.Gazetteer()
	if len(g.Actors()) != 5 {
		t.Fatalf("%d actors, want 5", len(g.Actors()))
	}
	p, _ := g.Actor("P_ONE")
	if p.Country != "ALLY" || len(p.Terms) != 2 || p.Terms[1].Start != axis.MustParseDate("2006-01") {
		t.Errorf("P_ONE = %+v", p)
	}
	forms := map[string]string{}
	for _, n := range g.Names() {
		forms[n.Text] = n.Form
	}
	for text, form := range map[string]string{
		"Aland": FormName, "Republic of Aland": FormName, "the Alands": FormAlias, "Alands": FormAlias,
		"Alander": FormDemonym, "Alanders": FormDemonym, "Alton": FormCapital, "the Palace": FormSeat,
		"Palace": FormSeat, "AoT": FormOrg, "Ctown": FormCapital, "Ann One": FormPerson, "One": FormPerson,
	} {
		if forms[text] != form {
			t.Errorf("%q has form %q, want %q", text, forms[text], form)
		}
	}
	if got, _ := g.Resolve("One", axis.Day(2003, 1, 1)); got != "AAA" {
		t.Errorf("One in 2003 = %q, want AAA", got)
	}
	if got, _ := g.Resolve("Acme", axis.Day(2003, 1, 1)); got != "ACME" {
		t.Errorf("Acme = %q, want ACME (a firm keeps its code)", got)
	}
}

func TestLoadErrors(t *testing.T) {
	states := func(rows ...string) string {
		return "code,name,official,aliases,demonyms,capitals,seats,theaters,historical\n" + strings.Join(rows, "\n") + "\n"
	}
	people := func(rows ...string) string {
		return "code,name,aliases,role,country,start,end,note\n" + strings.Join(rows, "\n") + "\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string // all must appear in the error
	}{
		{"no states file", map[string]string{}, []string{"states.csv"}},
		{"empty file", map[string]string{StatesFile: ""}, []string{"states.csv", "header"}},
		{"bad header", map[string]string{StatesFile: "code,name\nAAA,Aland\n"}, []string{"states.csv:1", "header"}},
		{"wrong field count", map[string]string{StatesFile: states("AAA,Aland")}, []string{"states.csv:2", "fields"}},
		{"bad code", map[string]string{StatesFile: states("aaa,Aland,,,,,,,")}, []string{"states.csv:2", "code", "aaa"}},
		{"duplicate code", map[string]string{StatesFile: states("AAA,Aland,,,,,,,", "AAA,Bland,,,,,,,")}, []string{"states.csv:3", "used twice"}},
		{"no name", map[string]string{StatesFile: states("AAA,,,,,,,,")}, []string{"states.csv:2", "name"}},
		{"unknown theater", map[string]string{StatesFile: states("AAA,Aland,,,,,,africa,")}, []string{"states.csv:2", "theaters", "africa", "east_asia"}},
		{"bad historical", map[string]string{StatesFile: states("AAA,Aland,,,,,,,maybe")}, []string{"states.csv:2", "historical"}},
		{"name with nothing to match", map[string]string{StatesFile: states("AAA,Aland,,.,,,,,")}, []string{"AAA", `"."`, "nothing to match"}},
		{"bad quote", map[string]string{StatesFile: states(`AAA,"Aland,,,,,,,`)}, []string{"states.csv"}},
		{"unlisted ambiguity", map[string]string{StatesFile: states("AAA,Aland,,Twin,,,,,", "BBB,Bland,,Twin,,,,,")}, []string{"twin", "AAA and BBB", "ambiguous.csv"}},
		{"ambiguity lists wrong codes", map[string]string{
			StatesFile:      states("AAA,Aland,,Twin,,,,,", "BBB,Bland,,Twin,,,,,", "CCC,Cland,,,,,,,"),
			AmbiguitiesFile: "alias,codes,prefer,note\nTwin,AAA;CCC,,\n"}, []string{"ambiguous.csv", "Twin", "AAA;BBB"}},
		{"ambiguity not ambiguous", map[string]string{
			StatesFile:      states("AAA,Aland,,Twin,,,,,", "BBB,Bland,,,,,,,"),
			AmbiguitiesFile: "alias,codes,prefer,note\nTwin,AAA;BBB,,\n"}, []string{"ambiguous.csv", "not ambiguous"}},
		{"ambiguity prefer not listed", map[string]string{
			StatesFile:      states("AAA,Aland,,Twin,,,,,", "BBB,Bland,,Twin,,,,,"),
			AmbiguitiesFile: "alias,codes,prefer,note\nTwin,AAA;BBB,CCC,\n"}, []string{"ambiguous.csv:2", "prefer"}},
		{"ambiguity one code", map[string]string{
			StatesFile:      states("AAA,Aland,,,,,,,"),
			AmbiguitiesFile: "alias,codes,prefer,note\nTwin,AAA,,\n"}, []string{"ambiguous.csv:2", "two or more"}},
		{"org bad kind", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			OrgsFile: "code,kind,name,country,theaters,aliases,capitals,seats\nX1,person,Ex,,,,,\n"}, []string{"orgs.csv:2", "kind", "armed_group"}},
		{"firm without country", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			OrgsFile: "code,kind,name,country,theaters,aliases,capitals,seats\nACME,firm,Acme,,,,,\n"}, []string{"orgs.csv:2", "country"}},
		{"firm unknown country", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			OrgsFile: "code,kind,name,country,theaters,aliases,capitals,seats\nACME,firm,Acme,AAB,,,,\n"}, []string{"ACME", "AAB", "AAA"}},
		{"person code without P_", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("ONE,Ann One,,head_of_state,AAA,2001,,")}, []string{"people.csv:2", "P_"}},
		{"person unknown role", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("P_ONE,Ann One,,king,AAA,2001,,")}, []string{"people.csv:2", "role", "king", "head_of_state"}},
		{"person bad date", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("P_ONE,Ann One,,head_of_state,AAA,2001-13-01,,")}, []string{"people.csv:2", "start", "YYYY-MM-DD"}},
		{"person no start", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("P_ONE,Ann One,,head_of_state,AAA,,2001,")}, []string{"people.csv:2", "start"}},
		{"term ends before start", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("P_ONE,Ann One,,head_of_state,AAA,2005,2001,")}, []string{"people.csv:2", "end", "before"}},
		{"person renamed", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("P_ONE,Ann One,,head_of_state,AAA,2001,2002,", "P_ONE,Anne One,,head_of_state,AAA,2003,,")}, []string{"people.csv:3", "name", "Anne One"}},
		{"person unknown country", map[string]string{StatesFile: states("AAA,Aland,,,,,,,"),
			PeopleFile: people("P_ONE,Ann One,,head_of_state,AAB,2001,,")}, []string{"people.csv", "P_ONE", "AAB", "AAA"}},
		{"person code is a state", map[string]string{StatesFile: states("P_AAA,Aland,,,,,,,"),
			PeopleFile: people("P_AAA,Ann One,,head_of_state,P_AAA,2001,,")}, []string{"people.csv:2", "already used"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fixture(tt.files))
			if err == nil {
				t.Fatal("no error")
			}
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Errorf("code %q, want %q", axis.ErrorCode(err), axis.EINVALID)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCommentsAndQuotes(t *testing.T) {
	st := "code,name,official,aliases,demonyms,capitals,seats,theaters,historical\n" +
		"# a comment line\n" +
		`AAA,Aland,,"Aland, Republic of;Al",,,,,` + "\n"
	d, err := Load(fixture(map[string]string{StatesFile: st}))
	if err != nil {
		t.Fatal(err)
	}
	g := d.Gazetteer()
	for _, n := range []string{"Aland, Republic of", "Al"} {
		if got, _ := g.Resolve(n, axis.Date{}); got != "AAA" {
			t.Errorf("%q → %q, want AAA", n, got)
		}
	}
}

// FuzzLoadStates feeds arbitrary states files to the parser: it must
// return an error or a gazetteer whose actors all validate, never panic.
func FuzzLoadStates(f *testing.F) {
	f.Add(okStates)
	f.Add("code,name,official,aliases,demonyms,capitals,seats,theaters,historical\nAAA,\"A\"\"b\",,;;;,,,,,yes\n")
	f.Add("code,name,official,aliases,demonyms,capitals,seats,theaters,historical\n#x\nAAA,the,the,the ,,,,,\n")
	f.Fuzz(func(t *testing.T, states string) {
		d, err := Load(fixture(map[string]string{StatesFile: states, OrgsFile: okOrgs, PeopleFile: okPeople}))
		if err != nil {
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("error without EINVALID: %v", err)
			}
			return
		}
		g := d.Gazetteer()
		for _, a := range g.Actors() {
			if err := a.Validate(); err != nil {
				t.Fatalf("invalid actor loaded: %v", err)
			}
		}
		for _, n := range g.Names() {
			if len(g.Lookup(n.Text)) == 0 {
				t.Fatalf("name %q does not look up", n.Text)
			}
		}
	})
}

// FuzzPeople feeds arbitrary people files to the parser.
func FuzzPeople(f *testing.F) {
	f.Add(okPeople)
	f.Add("code,name,aliases,role,country,start,end,note\nP_X,X,,head_of_state,AAA,2001-02,2001-02,\n")
	f.Fuzz(func(t *testing.T, people string) {
		d, err := Load(fixture(map[string]string{StatesFile: okStates, OrgsFile: okOrgs, PeopleFile: people}))
		if err != nil {
			return
		}
		g := d.Gazetteer()
		for _, a := range g.Actors() {
			if a.Kind == axis.ActorPerson {
				if c, ok := g.Resolve(a.Code, axis.Date{}); !ok || c == "" {
					t.Fatalf("person %s does not resolve", a.Code)
				}
			}
		}
	})
}

// FuzzLookup checks that any text can be looked up and resolved.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"Russia's", "the DPRK", "U.S.", "Kim Jong-un", "Trần Đại Quang", "'", "'s", "the ", "\xff"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key is not idempotent: %q → %q → %q", s, k, Key(k))
		}
		for _, a := range g.Lookup(s) {
			if a == nil {
				t.Fatal("nil actor")
			}
		}
		g.Resolve(s, axis.Day(2024, 1, 1))
	})
}
