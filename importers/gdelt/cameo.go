package gdelt

import "axis"

// Mapping is where one CAMEO event code lands in the ontology.
type Mapping struct {
	Kind axis.Kind
	Item string
	// Reverse swaps the actors: in "043 host a visit" Actor1 hosts, so the
	// visit goes from Actor2 to Actor1.
	Reverse bool
	// Label is CAMEO's name for the code, for evidence sentences.
	Label string
}

// cameoMap maps CAMEO base codes (three digits) and, where the fourth digit
// changes the item, full four-digit codes. Codes not listed are skipped as
// unmapped: most CAMEO codes (statements, appeals, protests, domestic
// coercion) have no kind in the ontology.
var cameoMap = map[int]Mapping{
	42:   {axis.Visit, "", false, "make a visit"},
	43:   {axis.Visit, "", true, "host a visit"},
	50:   {axis.DiplomaticSupport, "", false, "engage in diplomatic cooperation"},
	51:   {axis.DiplomaticSupport, "", false, "praise or endorse"},
	52:   {axis.DiplomaticSupport, "", false, "defend verbally"},
	53:   {axis.DiplomaticSupport, "", false, "rally support on behalf of"},
	54:   {axis.DiplomaticSupport, "", false, "grant diplomatic recognition"},
	57:   {axis.Agreement, "", false, "sign formal agreement"},
	61:   {axis.Trade, "", false, "cooperate economically"},
	62:   {axis.JointExercise, "", false, "cooperate militarily"},
	64:   {axis.Intelligence, "intelligence", false, "share intelligence or information"},
	71:   {axis.Finance, "", false, "provide economic aid"},
	72:   {axis.Arms, "", false, "provide military aid"},
	73:   {axis.Food, "food", false, "provide humanitarian aid"},
	74:   {axis.Troops, "", false, "provide military protection or peacekeeping"},
	111:  {axis.Condemn, "", false, "criticize or denounce"},
	112:  {axis.Condemn, "", false, "accuse"},
	130:  {axis.Threaten, "", false, "threaten"},
	131:  {axis.Threaten, "", false, "threaten non-force"},
	132:  {axis.Threaten, "", false, "threaten with administrative sanctions"},
	133:  {axis.Threaten, "", false, "threaten political dissent"},
	134:  {axis.Threaten, "", false, "threaten to halt negotiations"},
	135:  {axis.Threaten, "", false, "threaten to halt mediation"},
	136:  {axis.Threaten, "", false, "threaten to halt international involvement"},
	137:  {axis.Threaten, "", false, "threaten with repression"},
	138:  {axis.Threaten, "", false, "threaten with military force"},
	139:  {axis.Threaten, "", false, "give ultimatum"},
	163:  {axis.Sanction, "", false, "impose embargo, boycott or sanctions"},
	180:  {axis.Attack, "", false, "use unconventional violence"},
	181:  {axis.Attack, "", false, "abduct, hijack or take hostage"},
	182:  {axis.Attack, "", false, "physically assault"},
	183:  {axis.Attack, "", false, "conduct suicide, car or other non-military bombing"},
	184:  {axis.Attack, "", false, "use as human shield"},
	185:  {axis.Attack, "", false, "attempt to assassinate"},
	186:  {axis.Attack, "", false, "assassinate"},
	190:  {axis.Attack, "", false, "use conventional military force"},
	191:  {axis.Attack, "naval", false, "impose blockade"},
	192:  {axis.Incursion, "", false, "occupy territory"},
	193:  {axis.Attack, "ground", false, "fight with small arms and light weapons"},
	194:  {axis.Attack, "ground", false, "fight with artillery and tanks"},
	195:  {axis.Attack, "air", false, "employ aerial weapons"},
	1951: {axis.Attack, "air", false, "employ precision-guided aerial munitions"},
	1952: {axis.Attack, "drone", false, "employ remotely piloted aerial munitions"},
	196:  {axis.Attack, "", false, "violate ceasefire"},
	200:  {axis.Attack, "", false, "use unconventional mass violence"},
	201:  {axis.Attack, "", false, "engage in mass expulsion"},
	202:  {axis.Attack, "", false, "engage in mass killings"},
	203:  {axis.Attack, "", false, "engage in ethnic cleansing"},
	204:  {axis.Attack, "", false, "use weapons of mass destruction"},
}

// Lookup returns the mapping of a CAMEO event code ("057", "0571", "1952").
func Lookup(code string) (Mapping, bool) {
	i := mapIndex([]byte(code))
	if i < 0 {
		return Mapping{}, false
	}
	return mappings[i], true
}

// mappings lists the distinct mappings; three[n] and four[n] point into it
// for the three-digit code n and the four-digit code n (or -1). A
// four-digit code's numeric value is its parent's times ten plus its last
// digit ("0571" is 571, child of 57), so children inherit their parent.
var (
	mappings []Mapping
	three    [1000]int16
	four     [10000]int16
)

func init() {
	for i := range three {
		three[i] = -1
	}
	for i := range four {
		four[i] = -1
	}
	idx := map[Mapping]int16{}
	add := func(m Mapping) int16 {
		if i, ok := idx[m]; ok {
			return i
		}
		mappings = append(mappings, m)
		idx[m] = int16(len(mappings) - 1)
		return idx[m]
	}
	for code, m := range cameoMap {
		if code < 1000 {
			i := add(m)
			three[code] = i
			for c := code * 10; c < code*10+10; c++ {
				four[c] = i
			}
		}
	}
	for code, m := range cameoMap {
		if code >= 1000 {
			four[code] = add(m)
		}
	}
}

// mapIndex returns the mapping index of a CAMEO code given as bytes, -1
// when unmapped or not a code.
func mapIndex(code []byte) int {
	if len(code) != 3 && len(code) != 4 {
		return -1
	}
	n := 0
	for _, c := range code {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	if len(code) == 3 {
		return int(three[n])
	}
	return int(four[n])
}
