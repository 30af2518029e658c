package textcode

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"axis"
)

//go:embed rules.yaml
var rulesYAML []byte

// ruleSpec is one rule of rules.yaml.
type ruleSpec struct {
	ID              string            `yaml:"id"`
	Frame           string            `yaml:"frame"`
	Kind            string            `yaml:"kind"`
	Default         string            `yaml:"default"`
	Status          string            `yaml:"status"`
	Confidence      float64           `yaml:"confidence"`
	Verbs           []string          `yaml:"verbs"`
	Nouns           []string          `yaml:"nouns"`
	Targets         []string          `yaml:"targets"`
	Exchange        []string          `yaml:"exchange"`
	Reverse         bool              `yaml:"reverse"`
	Object          bool              `yaml:"object"`
	Origin          bool              `yaml:"origin"`
	PossessorTarget bool              `yaml:"possessor_target"`
	Reciprocal      bool              `yaml:"reciprocal"`
	MapItems        map[string]string `yaml:"map_items"`
	// ForcesTarget: the target must be named as armed forces ("engaged
	// Ukrainian forces") or after "against"; a bare name is not one.
	ForcesTarget bool `yaml:"forces_target"`
	// Beneficiary: the target is the state a blocked measure was aimed at
	// ("vetoed sanctions on X", "blocked a statement condemning X").
	Beneficiary bool `yaml:"beneficiary"`
	// ForcesModifier: a target named by a demonym or a possessive must be
	// forces ("fought Ukrainian troops", not "fought Chinese influence").
	ForcesModifier bool `yaml:"forces_modifier"`
	// HostDeployer: the deployer of another state's troops is their host
	// ("Moscow deployed North Korean troops": PRK -> RUS).
	HostDeployer bool `yaml:"host_deployer"`
	// Meet: a meeting in a place ("met Wang Yi in Beijing") is a visit by
	// each party whose state is not the place's.
	Meet bool `yaml:"meet"`
}

// ruleFile is the whole of rules.yaml.
type ruleFile struct {
	Rules         []ruleSpec                     `yaml:"rules"`
	Items         map[string]map[string][]string `yaml:"items"`
	TechWords     []string                       `yaml:"tech_words"`
	TechMap       map[string]string              `yaml:"tech_map"`
	FirmNouns     []string                       `yaml:"firm_nouns"`
	Coref         map[int][]string               `yaml:"coref"`
	Cues          map[string][]string            `yaml:"cues"`
	ClauseStops   []string                       `yaml:"clause_stops"`
	Preps         []string                       `yaml:"prepositions"`
	Determiners   []string                       `yaml:"determiners"`
	ItemBlockers  []string                       `yaml:"item_blockers"`
	ExtraNames    []Name                         `yaml:"extra_names"`
	LightVerbs    []string                       `yaml:"light_verbs"`
	Ignore        []string                       `yaml:"ignore"`
	ValueWords    []string                       `yaml:"value_words"`
	ModifierHeads []string                       `yaml:"modifier_heads"`
	CombatWords   []string                       `yaml:"combat_words"`
	Contrast      []string                       `yaml:"contrast"`
	Modals        []string                       `yaml:"modals"`
	MeasureNouns  []string                       `yaml:"measure_nouns"`
	Frontier      []string                       `yaml:"frontier_words"`
	Irregular     []string                       `yaml:"irregular_forces"`
	Senders       []string                       `yaml:"sending_verbs"`
}

// rule is a compiled rule.
type rule struct {
	ruleSpec
	kind     axis.Kind
	defKind  axis.Kind
	defItem  string
	status   axis.Status
	targets  map[string]bool
	exchange map[string]bool
}

// phrase kinds in the phrase trie.
type pkind uint8

const (
	pTrigger pkind = iota + 1
	pItem
	pTech
	pFirm
	pCoref
	pCue
	pIgnore
)

// phrase is one entry of the phrase trie.
type phrase struct {
	kind pkind
	n    int // length in tokens
	// trigger
	rule       *rule
	noun       bool
	participle bool
	// item
	itemKind axis.Kind
	item     string
	// cue / coref
	status axis.Status
	count  int
}

type pnode struct {
	next    map[string]*pnode
	entries []*phrase
}

func (n *pnode) add(words []string, p *phrase) {
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*pnode{}
		}
		c := n.next[w]
		if c == nil {
			c = &pnode{}
			n.next[w] = c
		}
		n = c
	}
	for _, e := range n.entries {
		if *e == *p {
			return
		}
	}
	n.entries = append(n.entries, p)
}

// ruleSet is rules.yaml compiled.
type ruleSet struct {
	rules       []*rule
	trie        *pnode
	techMap     map[string]string
	clauseStops map[string]bool
	preps       map[string]bool
	dets        map[string]bool
	vocab       map[string]bool
	blockers    map[string]bool
	extraNames  []Name
	lightVerbs  map[string]bool
	valueWords  map[string]bool
	modHeads    map[string]bool
	combat      map[string]bool
	contrast    map[string]bool
	modals      map[string]bool
	measures    map[string]bool
	frontier    map[string]bool
	irregular   map[string]bool
	senders     map[string]bool
}

// spelling variants matched both ways.
var spellings = [][2]string{
	{"defence", "defense"}, {"programme", "program"}, {"armoured", "armored"}, {"fertiliser", "fertilizer"},
	{"labourers", "laborers"}, {"labour", "labor"}, {"criticise", "criticize"}, {"penalise", "penalize"},
	{"manoeuvres", "maneuvers"}, {"neighbours", "neighbors"}, {"organisation", "organization"},
	{"travelled", "traveled"}, {"funnelled", "funneled"}, {"channelled", "channeled"}, {"defences", "defenses"},
}

func spellingVariants(s string) []string {
	out := []string{s}
	for _, p := range spellings {
		for _, x := range out {
			if strings.Contains(x, p[0]) {
				out = append(out, strings.ReplaceAll(x, p[0], p[1]))
			}
		}
	}
	return out
}

func loadRules() (*ruleSet, error) {
	var f ruleFile
	if err := yaml.Unmarshal(rulesYAML, &f); err != nil {
		return nil, fmt.Errorf("rules.yaml: %w", err)
	}
	rs := &ruleSet{trie: &pnode{}, techMap: f.TechMap, clauseStops: set(f.ClauseStops), preps: set(f.Preps),
		dets: set(f.Determiners), vocab: map[string]bool{}, blockers: set(f.ItemBlockers), extraNames: f.ExtraNames, lightVerbs: set(f.LightVerbs), valueWords: set(f.ValueWords), modHeads: set(f.ModifierHeads),
		combat: set(f.CombatWords), contrast: set(f.Contrast), modals: set(f.Modals), measures: set(f.MeasureNouns),
		frontier: set(f.Frontier), irregular: set(f.Irregular), senders: set(f.Senders)}
	addPhrase := func(text string, p *phrase) {
		for _, v := range spellingVariants(text) {
			w := tokenizeWords(v)
			if len(w) == 0 {
				continue
			}
			cp := *p
			cp.n = len(w)
			rs.trie.add(w, &cp)
			for _, x := range w {
				rs.vocab[x] = true
			}
		}
	}
	for i := range f.Rules {
		spec := f.Rules[i]
		r := &rule{ruleSpec: spec, kind: axis.Kind(spec.Kind), status: axis.Status(spec.Status),
			targets: set(spec.Targets), exchange: set(spec.Exchange)}
		if spec.Kind != "" && !r.kind.Valid() {
			return nil, fmt.Errorf("rules.yaml: rule %s: unknown kind %q; valid kinds: %s", spec.ID, spec.Kind, strings.Join(axis.KindNames(), ", "))
		}
		if spec.Default != "" {
			k, it, _ := strings.Cut(spec.Default, "/")
			r.defKind, r.defItem = axis.Kind(k), it
			if !r.defKind.Valid() || !r.defKind.HasItem(it) {
				return nil, fmt.Errorf("rules.yaml: rule %s: bad default %q", spec.ID, spec.Default)
			}
		}
		if spec.Status != "" && !r.status.Valid() {
			return nil, fmt.Errorf("rules.yaml: rule %s: unknown status %q", spec.ID, spec.Status)
		}
		switch spec.Frame {
		case "give", "receive", "act", "visit", "member", "mutual", "trade":
		default:
			return nil, fmt.Errorf("rules.yaml: rule %s: unknown frame %q (give, receive, act, visit, member, mutual, trade)", spec.ID, spec.Frame)
		}
		if r.Confidence == 0 {
			r.Confidence = 0.7
		}
		rs.rules = append(rs.rules, r)
		for _, v := range spec.Verbs {
			for _, form := range verbForms(v) {
				addPhrase(form.text, &phrase{kind: pTrigger, rule: r, participle: form.participle})
			}
		}
		for _, n := range spec.Nouns {
			addPhrase(n, &phrase{kind: pTrigger, rule: r, noun: true})
		}
	}
	kinds := make([]string, 0, len(f.Items))
	for k := range f.Items {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		kind := axis.Kind(k)
		if !kind.Valid() {
			return nil, fmt.Errorf("rules.yaml: items: unknown kind %q", k)
		}
		for item, words := range f.Items[k] {
			if !kind.HasItem(item) {
				return nil, fmt.Errorf("rules.yaml: items: unknown item %q for kind %s", item, k)
			}
			for _, w := range words {
				addPhrase(w, &phrase{kind: pItem, itemKind: kind, item: item})
			}
		}
	}
	for _, w := range f.TechWords {
		addPhrase(w, &phrase{kind: pTech})
	}
	for _, w := range f.Ignore {
		addPhrase(w, &phrase{kind: pIgnore})
	}
	for _, w := range f.FirmNouns {
		addPhrase(w, &phrase{kind: pFirm})
	}
	for n, list := range f.Coref {
		for _, w := range list {
			addPhrase(w, &phrase{kind: pCoref, count: n})
		}
	}
	for st, list := range f.Cues {
		s := axis.Status(st)
		if !s.Valid() {
			return nil, fmt.Errorf("rules.yaml: cues: unknown status %q", st)
		}
		for _, w := range list {
			addPhrase(w, &phrase{kind: pCue, status: s})
		}
	}
	return rs, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

type verbForm struct {
	text       string
	participle bool
}

// verbForms expands "send/sent" into its surface forms.
func verbForms(spec string) []verbForm {
	parts := strings.Split(spec, "/")
	base := strings.TrimSpace(parts[0])
	first, rest, _ := strings.Cut(base, " ")
	if rest != "" {
		rest = " " + rest
	}
	var out []verbForm
	add := func(w string, part bool) { out = append(out, verbForm{w + rest, part}) }
	add(first, false)
	for _, f := range regularForms(first) {
		add(f, strings.HasSuffix(f, "ed"))
	}
	for _, x := range parts[1:] {
		x = strings.TrimSpace(x)
		if strings.Contains(x, " ") {
			w, _, _ := strings.Cut(x, " ")
			out = append(out, verbForm{x, !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "s")})
			continue
		}
		add(x, !strings.HasSuffix(x, "ing"))
	}
	return out
}

// regularForms returns the -s, -ed and -ing forms of a regular verb.
func regularForms(v string) []string {
	n := len(v)
	if n < 2 {
		return nil
	}
	last := v[n-1]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	var s, ed, ing string
	switch {
	case last == 'y' && !vowel(v[n-2]):
		s, ed, ing = v[:n-1]+"ies", v[:n-1]+"ied", v+"ing"
	case last == 'e':
		s, ed, ing = v+"s", v+"d", v[:n-1]+"ing"
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		s, ed, ing = v+"es", v+"ed", v+"ing"
	default:
		s, ed, ing = v+"s", v+"ed", v+"ing"
	}
	return []string{s, ed, ing}
}
