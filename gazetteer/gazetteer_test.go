package gazetteer

import (
	"sort"
	"strings"
	"testing"

	"axis"
)

// unMembers are the 193 member states of the United Nations (ISO 3166-1 alpha-3).
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE`)

func TestUNMembersAndOthersPresentOnce(t *testing.T) {
	if len(unMembers) != 193 {
		t.Fatalf("test list has %d UN members, want 193", len(unMembers))
	}
	want := append(append([]string{}, unMembers...), "VAT", "PSE", "TWN", "XKX")
	count := map[string]int{}
	for _, a := range Actors() {
		count[a.Code]++
	}
	for _, c := range want {
		if count[c] != 1 {
			t.Errorf("%s present %d times, want 1", c, count[c])
			continue
		}
		a, _ := Default().Actor(c)
		if a.Kind != axis.ActorState || a.Historical {
			t.Errorf("%s: kind %s historical %v, want a current state", c, a.Kind, a.Historical)
		}
	}
	// Every current state is one of those 197.
	wantSet := map[string]bool{}
	for _, c := range want {
		wantSet[c] = true
	}
	for _, a := range Actors() {
		if a.Kind == axis.ActorState && !a.Historical && !wantSet[a.Code] {
			t.Errorf("unexpected current state %s %q", a.Code, a.Name)
		}
	}
}

func TestHistoricalStates(t *testing.T) {
	for _, c := range []string{"SUN", "YUG", "CSK", "DDR", "FRG", "AUH", "PRU"} {
		a, ok := Default().Actor(c)
		if !ok || !a.Historical || a.Kind != axis.ActorState {
			t.Errorf("%s: want a historical state, got %+v", c, a)
		}
	}
	if got, _ := Default().Resolve("the Soviet Union", axis.Date{}); got != "SUN" {
		t.Errorf("the Soviet Union → %q, want SUN", got)
	}
}

func TestActorsValidateAndAreSorted(t *testing.T) {
	all := Actors()
	if len(all) < 600 {
		t.Errorf("only %d actors", len(all))
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Code < all[j].Code }) {
		t.Error("Actors() is not sorted by code")
	}
	seen := map[string]bool{}
	for i := range all {
		a := &all[i]
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", a.Code, err)
		}
		if seen[a.Code] {
			t.Errorf("%s twice", a.Code)
		}
		seen[a.Code] = true
		switch a.Kind {
		case axis.ActorPerson:
			if !strings.HasPrefix(a.Code, "P_") || len(a.Terms) == 0 {
				t.Errorf("person %s: want a P_ code and terms", a.Code)
			}
			for _, tm := range a.Terms {
				if !ValidRole(tm.Role) {
					t.Errorf("person %s: role %q", a.Code, tm.Role)
				}
			}
		case axis.ActorFirm:
			if c, ok := Default().Actor(a.Country); !ok || c.Kind != axis.ActorState {
				t.Errorf("firm %s: country %q is not a state", a.Code, a.Country)
			}
		}
	}
	// Actors returns copies: changing one does not change the gazetteer.
	all[0].Aliases = append(all[0].Aliases[:0], "changed")
	if a, _ := Default().Actor(all[0].Code); len(a.Aliases) > 0 && a.Aliases[0] == "changed" {
		t.Error("Actors() shares memory with the gazetteer")
	}
}

func TestOrganizationsGroupsAndFirms(t *testing.T) {
	tests := []struct {
		code    string
		kind    axis.ActorKind
		country string
	}{
		{"NATO", axis.ActorOrganization, ""}, {"EU", axis.ActorOrganization, ""},
		{"UN", axis.ActorOrganization, ""}, {"SCO", axis.ActorOrganization, ""},
		{"BRICS", axis.ActorOrganization, ""}, {"CSTO", axis.ActorOrganization, ""},
		{"ASEAN", axis.ActorOrganization, ""}, {"AUKUS", axis.ActorOrganization, ""},
		{"QUAD", axis.ActorOrganization, ""}, {"G7", axis.ActorOrganization, ""},
		{"OPEC", axis.ActorOrganization, ""}, {"OPEC_PLUS", axis.ActorOrganization, ""},
		{"IAEA", axis.ActorOrganization, ""}, {"G20", axis.ActorOrganization, ""},
		{"AU", axis.ActorOrganization, ""}, {"GCC", axis.ActorOrganization, ""},
		{"EAEU", axis.ActorOrganization, ""}, {"UNSC", axis.ActorOrganization, ""},
		{"HOUTHIS", axis.ActorArmedGroup, "YEM"}, {"HEZBOLLAH", axis.ActorArmedGroup, "LBN"},
		{"HAMAS", axis.ActorArmedGroup, "PSE"}, {"WAGNER", axis.ActorArmedGroup, "RUS"},
		{"ROSOBORONEXPORT", axis.ActorFirm, "RUS"}, {"NORINCO", axis.ActorFirm, "CHN"},
		{"HUAWEI", axis.ActorFirm, "CHN"}, {"SMIC", axis.ActorFirm, "CHN"},
		{"HESA", axis.ActorFirm, "IRN"}, {"SHAHED_AVIATION", axis.ActorFirm, "IRN"},
		{"ALABUGA", axis.ActorFirm, "RUS"},
	}
	for _, tt := range tests {
		a, ok := Default().Actor(tt.code)
		if !ok {
			t.Errorf("%s missing", tt.code)
			continue
		}
		if a.Kind != tt.kind || a.Country != tt.country {
			t.Errorf("%s: kind %s country %q, want %s %q", tt.code, a.Kind, a.Country, tt.kind, tt.country)
		}
	}
	firms := 0
	for _, a := range Actors() {
		if a.Kind == axis.ActorFirm {
			firms++
		}
	}
	if firms < 12 {
		t.Errorf("%d firms, want at least 12", firms)
	}
}

func TestPeopleCoverTheStatesThatMatter(t *testing.T) {
	states := strings.Fields("RUS CHN PRK IRN BLR USA JPN KOR PHL AUS TWN UKR IND GBR FRA DEU POL TUR ISR SAU PAK VNM CAN ITA SYR")
	roles := []string{"head_of_government", "foreign_minister", "defense_minister"}
	g := Default()
	// Someone held each office on each of these dates (heads of state or
	// government: one of the two).
	dates := []axis.Date{axis.Day(2013, 9, 1), axis.Day(2019, 6, 1), axis.Day(2024, 6, 1), axis.Day(2026, 11, 30)}
	for _, s := range states {
		for _, d := range dates {
			if len(g.InOffice(s, "head_of_state", d))+len(g.InOffice(s, "head_of_government", d)) == 0 {
				t.Errorf("%s: no head of state or government on %s", s, d)
			}
			for _, r := range roles[1:] {
				if len(g.InOffice(s, r, d)) == 0 {
					t.Errorf("%s: no %s on %s", s, r, d)
				}
			}
		}
	}
	for _, c := range []string{"P_STOLTENBERG", "P_RUTTE", "P_KALLAS", "P_BORRELL", "P_MOGHERINI"} {
		if _, ok := g.Actor(c); !ok {
			t.Errorf("%s missing", c)
		}
	}
}

func TestResolve(t *testing.T) {
	d := axis.MustParseDate
	tests := []struct {
		name string
		on   string
		want string // "" = unresolved
	}{
		// across a change of office
		{"Shoigu", "2023-03-01", "RUS"},
		{"Shoigu", "2025-01-01", "RUS"},
		{"Belousov", "2025-02-01", "RUS"},
		{"Biden", "2022-02-24", "USA"},
		{"Trump", "2025-06-01", "USA"},
		{"Trump", "2019-06-01", "USA"},
		{"Yoon Suk Yeol", "2023-08-18", "KOR"},
		{"Lee Jae-myung", "2025-08-01", "KOR"},
		{"Kishida", "2023-01-01", "JPN"},
		{"Ishiba", "2025-01-01", "JPN"},
		{"Stoltenberg", "2012-01-01", "NOR"},
		{"Stoltenberg", "2020-01-01", "NATO"},
		{"Stoltenberg", "2025-06-01", "NOR"},
		{"Mark Rutte", "2015-01-01", "NLD"},
		{"Rutte", "2025-01-01", "NATO"},
		{"Rutte", "2024-08-15", "NLD"}, // between his terms: the last office held
		{"Kaja Kallas", "2022-03-01", "EST"},
		{"Kallas", "2025-03-01", "EU"},
		{"von der Leyen", "2016-01-01", "DEU"},
		{"von der Leyen", "2024-01-01", "EU"},
		{"Tusk", "2017-01-01", "EU"},
		{"Tusk", "2024-01-01", "POL"},
		{"Kim Jong Un", "2024-06-19", "PRK"},
		{"Kim Jong-un", "2024-06-19", "PRK"},
		{"Xi", "2024-05-16", "CHN"},
		{"Wang Yi", "", "CHN"},
		{"Prigozhin", "2023-06-24", "WAGNER"},
		{"al-Sharaa", "2023-01-01", "HTS"},
		{"al-Sharaa", "2025-05-01", "SYR"},
		// metonyms and seats
		{"Pyongyang", "", "PRK"}, {"Beijing", "", "CHN"}, {"Moscow", "", "RUS"},
		{"Tehran", "", "IRN"}, {"Washington", "", "USA"}, {"Seoul", "", "KOR"},
		{"Tokyo", "", "JPN"}, {"Kyiv", "", "UKR"}, {"Kiev", "", "UKR"},
		{"Minsk", "", "BLR"}, {"Taipei", "", "TWN"}, {"Manila", "", "PHL"},
		{"Canberra", "", "AUS"}, {"New Delhi", "", "IND"}, {"Brussels", "", "EU"},
		{"the Kremlin", "", "RUS"}, {"Kremlin", "", "RUS"}, {"the White House", "", "USA"},
		{"the Pentagon", "", "USA"}, {"Zhongnanhai", "", "CHN"}, {"the Blue House", "", "KOR"},
		{"Downing Street", "", "GBR"},
		// names, aliases and demonyms
		{"North Korea", "", "PRK"}, {"the DPRK", "", "PRK"}, {"DPRK", "", "PRK"},
		{"Democratic People's Republic of Korea", "", "PRK"}, {"South Korea", "", "KOR"},
		{"ROK", "", "KOR"}, {"Republic of Korea", "", "KOR"}, {"Iran", "", "IRN"},
		{"the Islamic Republic", "", "IRN"}, {"the US", "", "USA"}, {"U.S.", "", "USA"},
		{"USA", "", "USA"}, {"United States", "", "USA"}, {"America", "", "USA"},
		{"UK", "", "GBR"}, {"Britain", "", "GBR"}, {"North Korean", "", "PRK"},
		{"North Koreans", "", "PRK"}, {"Russian", "", "RUS"}, {"Chinese", "", "CHN"},
		{"Iranian", "", "IRN"}, {"Iranians", "", "IRN"}, {"Türkiye", "", "TUR"},
		{"Turkiye", "", "TUR"}, {"Côte d'Ivoire", "", "CIV"}, {"Cote d’Ivoire", "", "CIV"},
		// possessives
		{"Russia's", "", "RUS"}, {"Russia’s", "", "RUS"}, {"Houthis'", "", "HOUTHIS"},
		{"Putin's", "2024-01-01", "RUS"},
		// organizations, groups and firms keep their own code
		{"NATO", "", "NATO"}, {"the Quad", "", "QUAD"}, {"OPEC+", "", "OPEC_PLUS"},
		{"OPEC", "", "OPEC"}, {"Ansar Allah", "", "HOUTHIS"}, {"Hezbollah", "", "HEZBOLLAH"},
		{"Wagner Group", "", "WAGNER"}, {"Norinco", "", "NORINCO"}, {"HESA", "", "HESA"},
		{"the UN nuclear watchdog", "", "IAEA"},
		// diacritics either way
		{"Erdogan", "2020-01-01", "TUR"}, {"Erdoğan", "2020-01-01", "TUR"},
		{"Nguyen Phu Trong", "2020-01-01", "VNM"}, {"Blaszczak", "2020-01-01", "POL"},
		// codes resolve to themselves
		{"RUS", "", "RUS"}, {"P_PUTIN", "", "RUS"},
		// ambiguity
		{"Korea", "", ""}, {"Congo", "", ""}, {"Dominican", "", "DOM"},
		{"Khamenei", "2020-01-01", "IRN"}, {"Khamenei", "2026-06-01", "IRN"}, // two persons, one state
		{"Budanov", "2026-06-01", "UKR"},
		// unknown
		{"Narnia", "", ""}, {"", "", ""}, {"Kim", "", ""},
	}
	g := Default()
	for _, tt := range tests {
		got, ok := g.Resolve(tt.name, d(tt.on))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Resolve(%q, %s) = %q, %v; want %q", tt.name, tt.on, got, ok, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	codes := func(l []*axis.Actor) string {
		var s []string
		for _, a := range l {
			s = append(s, a.Code)
		}
		return strings.Join(s, ",")
	}
	tests := []struct{ name, want string }{
		{"Pyongyang", "PRK"},
		{"PYONGYANG", "PRK"},
		{"  north   korea ", "PRK"},
		{"Korea", "KOR,PRK"},
		{"Congolese", "COD,COG"},
		{"Khamenei", "P_KHAMENEI,P_KHAMENEI_M"},
		{"Shoigu", "P_SHOIGU"},
		{"Houthi", "HOUTHIS"},
		{"Georgia", "GEO"},
		{"Narnia", ""},
	}
	for _, tt := range tests {
		if got := codes(g.Lookup(tt.name)); got != tt.want {
			t.Errorf("Lookup(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestNoUnlistedAmbiguity(t *testing.T) {
	g := Default()
	listed := map[string]bool{}
	for _, e := range g.Ambiguities() {
		listed[Key(e.Alias)] = true
		if len(g.Lookup(e.Alias)) != len(e.Codes) {
			t.Errorf("table: %q lists %v but Lookup gives %d actors", e.Alias, e.Codes, len(g.Lookup(e.Alias)))
		}
	}
	for _, n := range g.Names() {
		if l := g.Lookup(n.Text); len(l) > 1 && !listed[Key(n.Text)] {
			t.Errorf("%q denotes %d actors and is not in the ambiguity table", n.Text, len(l))
		}
	}
	for _, a := range []string{"Korea", "Congo", "Dominican"} {
		if !listed[Key(a)] {
			t.Errorf("%q missing from the ambiguity table", a)
		}
	}
}

func TestNames(t *testing.T) {
	names := Default().Names()
	for i := 1; i < len(names); i++ {
		if len([]rune(names[i-1].Text)) < len([]rune(names[i].Text)) {
			t.Fatalf("Names not longest first at %d: %q before %q", i, names[i-1].Text, names[i].Text)
		}
	}
	want := map[Name]bool{
		{"Pyongyang", "PRK", FormCapital}:       false,
		{"the Kremlin", "RUS", FormSeat}:        false,
		{"Kremlin", "RUS", FormSeat}:            false,
		{"North Korean", "PRK", FormDemonym}:    false,
		{"North Koreans", "PRK", FormDemonym}:   false,
		{"DPRK", "PRK", FormAlias}:              false,
		{"North Korea", "PRK", FormName}:        false,
		{"Kim Jong Un", "P_KIM_JU", FormPerson}: false,
		{"NATO", "NATO", FormOrg}:               false,
		{"Brussels", "EU", FormCapital}:         false,
	}
	for _, n := range names {
		if _, ok := want[n]; ok {
			want[n] = true
		}
		if !contains(Forms, n.Form) {
			t.Errorf("%+v: unknown form", n)
		}
	}
	for n, found := range want {
		if !found {
			t.Errorf("Names() lacks %+v", n)
		}
	}
	for _, n := range names {
		if n.Text == "Kim" || n.Text == "Lee" || n.Text == "Moon" {
			t.Errorf("Names() has the ambiguous or common word %q", n.Text)
		}
	}
}

func TestInOffice(t *testing.T) {
	g := Default()
	tests := []struct {
		country, role, on, want string
	}{
		{"RUS", "defense_minister", "2023-06-01", "P_SHOIGU"},
		{"RUS", "defense_minister", "2025-06-01", "P_BELOUSOV"},
		{"USA", "head_of_state", "2022-06-01", "P_BIDEN"},
		{"USA", "head_of_state", "2025-06-01", "P_TRUMP"},
		{"KOR", "head_of_state", "2023-06-01", "P_YOON"},
		{"KOR", "head_of_state", "2025-07-01", "P_LEE_JM"},
		{"JPN", "head_of_government", "2022-06-01", "P_KISHIDA"},
		{"JPN", "head_of_government", "2025-01-01", "P_ISHIBA"},
		{"NATO", "secretary_general", "2020-01-01", "P_STOLTENBERG"},
		{"EU", "high_representative", "2022-01-01", "P_BORRELL"},
		{"CHN", "foreign_minister", "2023-05-01", "P_QIN"},
		{"IRN", "head_of_state", "2025-06-01", "P_KHAMENEI"},
		{"IRN", "head_of_state", "2026-06-01", "P_KHAMENEI_M"},
		{"UKR", "defense_minister", "2025-09-01", "P_SHMYHAL"},
		{"UKR", "defense_minister", "2026-06-01", "P_FEDOROV_M"},
		{"HUN", "head_of_government", "2026-06-01", "P_MAGYAR"},
		{"VEN", "head_of_state", "2026-06-01", "P_RODRIGUEZ_D"},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range g.InOffice(tt.country, tt.role, axis.MustParseDate(tt.on)) {
			got = append(got, a.Code)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("InOffice(%s, %s, %s) = %v, want %s", tt.country, tt.role, tt.on, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.", "us"},
		{"the DPRK", "dprk"},
		{"The Hague", "hague"},
		{"Kim Jong-un", "kim jong un"},
		{"Erdoğan", "erdogan"},
		{"Błaszczak", "blaszczak"},
		{"Trần Đại Quang", "tran dai quang"},
		{"Yıldırım", "yildirim"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"  Washington,  D.C. ", "washington dc"},
		{"OPEC+", "opec+"},
		{"the the Kremlin", "kremlin"},
		{"İstanbul Ð", "istanbul d"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNew(t *testing.T) {
	g := New([]axis.Actor{
		{Code: "AAA", Name: "Aland", Kind: axis.ActorState, Aliases: []string{"the Alanders"}},
		{Code: "BBB", Name: "Bland", Kind: axis.ActorState, Aliases: []string{"Capital"}},
		{Code: "CCC", Name: "Cland", Kind: axis.ActorState, Aliases: []string{"Capital"}},
		{Code: "P_X", Name: "Xavier Ex", Kind: axis.ActorPerson, Aliases: []string{"Ex"}, Terms: []axis.Term{
			{Role: "head_of_state", Country: "AAA", Start: axis.Day(2001, 1, 1), End: axis.Day(2005, 1, 1)},
			{Role: "head_of_state", Country: "BBB", Start: axis.Day(2010, 1, 1)},
		}},
	})
	if a, ok := g.Actor("AAA"); !ok || a.Name != "Aland" {
		t.Fatalf("Actor(AAA) = %v, %v", a, ok)
	}
	tests := []struct{ name, on, want string }{
		{"Alanders", "", "AAA"},
		{"Ex", "2003-05", "AAA"},
		{"Ex", "2007", "AAA"}, // between terms: the last one begun
		{"Ex", "1990", "AAA"}, // before all terms: the first
		{"Ex", "2020-01-01", "BBB"},
		{"Ex", "", "BBB"}, // undated: the current country
		{"Capital", "", ""},
	}
	for _, tt := range tests {
		got, _ := g.Resolve(tt.name, axis.MustParseDate(tt.on))
		if got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.name, tt.on, got, tt.want)
		}
	}
	if n := len(g.Lookup("capital")); n != 2 {
		t.Errorf("Lookup(capital) = %d actors, want 2", n)
	}
}
