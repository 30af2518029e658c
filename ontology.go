package axis

import (
	"sort"
	"strings"
)

// Family groups kinds of relation by what they mean for alignment.
type Family string

// The four families of ONTOLOGY.md.
const (
	FamilyCommitment  Family = "commitment"
	FamilyTransfer    Family = "transfer"
	FamilyCooperation Family = "cooperation"
	FamilyHostility   Family = "hostility"
)

// Families lists every family in ontology order.
var Families = []Family{FamilyCommitment, FamilyTransfer, FamilyCooperation, FamilyHostility}

// Kind names one kind of relation ("arms", "defense_pact").
type Kind string

// Kinds of relation, by family.
const (
	DefensePact          Kind = "defense_pact"
	OffensePact          Kind = "offense_pact"
	NeutralityPact       Kind = "neutrality_pact"
	NonaggressionPact    Kind = "nonaggression_pact"
	ConsultationPact     Kind = "consultation_pact"
	StrategicPartnership Kind = "strategic_partnership"
	SecurityGuarantee    Kind = "security_guarantee"
	Membership           Kind = "membership"

	Arms         Kind = "arms"
	Troops       Kind = "troops"
	Technology   Kind = "technology"
	DualUse      Kind = "dual_use"
	Energy       Kind = "energy"
	Food         Kind = "food"
	Finance      Kind = "finance"
	Intelligence Kind = "intelligence"
	Trade        Kind = "trade"

	JointExercise     Kind = "joint_exercise"
	Visit             Kind = "visit"
	DiplomaticSupport Kind = "diplomatic_support"
	Agreement         Kind = "agreement"

	Sanction  Kind = "sanction"
	Condemn   Kind = "condemn"
	Threaten  Kind = "threaten"
	Attack    Kind = "attack"
	Incursion Kind = "incursion"
)

// KindInfo is everything the ontology says about one kind.
type KindInfo struct {
	Kind        Kind     `json:"kind"`
	Family      Family   `json:"family"`
	Symmetric   bool     `json:"symmetric"`       // stored once per pair, source < target
	Items       []string `json:"items,omitempty"` // allowed items; empty means no item
	CAMEO       string   `json:"cameo,omitempty"` // nearest CAMEO code(s), "/"-separated
	ATOP        string   `json:"atop,omitempty"`  // ATOP obligation, commitments only
	COW         string   `json:"cow,omitempty"`   // Correlates of War alliance type, commitments only
	Description string   `json:"description"`
}

// Ontology lists every kind in ONTOLOGY.md order. It is the single source of
// truth: the coder, the importers, the store and the analyses all read it.
var Ontology = []KindInfo{
	{DefensePact, FamilyCommitment, true, nil, "057", "defense", "I", "assist militarily if a party is attacked"},
	{OffensePact, FamilyCommitment, true, nil, "057", "offense", "", "join the other's offensive action"},
	{NeutralityPact, FamilyCommitment, true, nil, "057", "neutrality", "IIa", "stay out if the other is at war"},
	{NonaggressionPact, FamilyCommitment, true, nil, "057", "nonaggression", "IIb", "not attack each other"},
	{ConsultationPact, FamilyCommitment, true, nil, "057", "consultation", "III", "consult in a crisis"},
	{StrategicPartnership, FamilyCommitment, true, nil, "057", "", "", "formal partnership, no defence obligation"},
	{SecurityGuarantee, FamilyCommitment, false, nil, "057", "", "", "source pledges to defend target (one way)"},
	{Membership, FamilyCommitment, false, nil, "", "", "", "source is a member of organization target"},

	{Arms, FamilyTransfer, false, []string{"artillery_ammunition", "artillery_systems", "ballistic_missiles", "cruise_missiles", "drones", "air_defense", "armored_vehicles", "aircraft", "naval", "small_arms", "other_arms"}, "072", "", "", "weapons and munitions"},
	{Troops, FamilyTransfer, false, []string{"combat_troops", "workers", "advisers"}, "074", "", "", "people sent to serve or work"},
	{Technology, FamilyTransfer, false, []string{"nuclear", "missile", "space", "submarine", "drone_production", "other_tech"}, "062", "", "", "military and strategic technology"},
	{DualUse, FamilyTransfer, false, []string{"microelectronics", "machine_tools", "components", "other_dual_use"}, "061", "", "", "goods with civil and military use"},
	{Energy, FamilyTransfer, false, []string{"oil", "gas", "coal", "nuclear_fuel"}, "061", "", "", "energy supplies or purchases"},
	{Food, FamilyTransfer, false, []string{"food", "fertilizer"}, "073", "", "", "food and fertilizer"},
	{Finance, FamilyTransfer, false, []string{"cash", "credit", "payments"}, "071", "", "", "money, credit and payments"},
	{Intelligence, FamilyTransfer, false, []string{"intelligence", "satellite_imagery"}, "064", "", "", "intelligence sharing"},
	{Trade, FamilyTransfer, false, nil, "061", "", "", "general trade with no item named"},

	{JointExercise, FamilyCooperation, true, []string{"naval", "air", "land", "combined"}, "062", "", "", "drills or patrols together"},
	{Visit, FamilyCooperation, false, nil, "042/043", "", "", "source's leader or officials visit target"},
	{DiplomaticSupport, FamilyCooperation, false, nil, "05", "", "", "source backs target in words or votes"},
	{Agreement, FamilyCooperation, true, nil, "057", "", "", "non-security agreement (trade, energy, space deals)"},

	{Sanction, FamilyHostility, false, nil, "163", "", "", "sanctions, embargo or export controls"},
	{Condemn, FamilyHostility, false, nil, "111/112", "", "", "criticism, accusation or denunciation"},
	{Threaten, FamilyHostility, false, nil, "13", "", "", "threat of force, nuclear threats too"},
	{Attack, FamilyHostility, false, []string{"missile", "drone", "ground", "air", "naval", "cyber"}, "18/19", "", "", "armed attack or war"},
	{Incursion, FamilyHostility, false, nil, "19", "", "", "violation of airspace, waters or borders"},
}

var kindIndex = func() map[Kind]*KindInfo {
	m := make(map[Kind]*KindInfo, len(Ontology))
	for i := range Ontology {
		m[Ontology[i].Kind] = &Ontology[i]
	}
	return m
}()

// Info returns the ontology entry of k, or nil for an unknown kind.
func (k Kind) Info() *KindInfo { return kindIndex[k] }

// Valid reports whether k is in the ontology.
func (k Kind) Valid() bool { return kindIndex[k] != nil }

// Family returns k's family, or "" for an unknown kind.
func (k Kind) Family() Family {
	if i := kindIndex[k]; i != nil {
		return i.Family
	}
	return ""
}

// Symmetric reports whether k is stored once per unordered pair.
func (k Kind) Symmetric() bool {
	i := kindIndex[k]
	return i != nil && i.Symmetric
}

// HasItem reports whether item is allowed for k. The empty item always is.
func (k Kind) HasItem(item string) bool {
	if item == "" {
		return true
	}
	if i := kindIndex[k]; i != nil {
		for _, it := range i.Items {
			if it == item {
				return true
			}
		}
	}
	return false
}

// KindNames lists every kind name, for help text and error messages.
func KindNames() []string {
	out := make([]string, len(Ontology))
	for i, k := range Ontology {
		out[i] = string(k.Kind)
	}
	return out
}

// KindsOf lists the kinds of a family.
func KindsOf(f Family) []Kind {
	var out []Kind
	for _, k := range Ontology {
		if k.Family == f {
			out = append(out, k.Kind)
		}
	}
	return out
}

// ValidFamily reports whether f is one of the four families.
func ValidFamily(f Family) bool {
	for _, x := range Families {
		if x == f {
			return true
		}
	}
	return false
}

// Status says how sure the reporting is of a relation.
type Status string

// Statuses, from most to least certain that the thing happened.
const (
	Confirmed   Status = "confirmed"
	Reported    Status = "reported"
	Alleged     Status = "alleged"
	Prospective Status = "prospective"
	Denied      Status = "denied"
	Negated     Status = "negated"
)

// Statuses lists every status in order of precedence: when a relation has
// evidence with several statuses, its own status is the first that occurs.
var Statuses = []Status{Confirmed, Reported, Alleged, Prospective, Denied, Negated}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s.rank() >= 0 }

func (s Status) rank() int {
	for i, x := range Statuses {
		if x == s {
			return i
		}
	}
	return -1
}

// Stronger returns whichever of s and o takes precedence.
func (s Status) Stronger(o Status) Status {
	if !o.Valid() || (s.Valid() && s.rank() <= o.rank()) {
		return s
	}
	return o
}

// StatusNames lists the statuses, for help text and errors.
func StatusNames() []string {
	out := make([]string, len(Statuses))
	for i, s := range Statuses {
		out[i] = string(s)
	}
	return out
}

// Theaters an actor or a commitment can belong to.
var Theaters = []string{"europe", "middle_east", "east_asia", "south_asia", "global"}

// ValidTheater reports whether t is a known theater.
func ValidTheater(t string) bool {
	for _, x := range Theaters {
		if x == t {
			return true
		}
	}
	return false
}

// Closest returns up to n of the candidates nearest to s by edit distance,
// nearest first, for "did you mean" messages.
func Closest(s string, candidates []string, n int) []string {
	type scored struct {
		c string
		d int
	}
	ls := strings.ToLower(s)
	all := make([]scored, 0, len(candidates))
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		if strings.HasPrefix(strings.ToLower(c), ls) && ls != "" {
			d = 0
		}
		all = append(all, scored{c, d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	out := []string{}
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].c)
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
