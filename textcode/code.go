package textcode

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"axis"
)

// Coder codes sentences into relations. Build it once with New; it is safe
// for concurrent use.
type Coder struct {
	rs    *ruleSet
	names *nnode
	lex   Lexicon
	vocab map[string]bool
	// nameWords are the words of actor names, known to the glue splitter
	// only as capitalised parts.
	nameWords map[string]bool
}

// New builds a coder from a lexicon of actor names and the embedded rules.
func New(lex Lexicon) (*Coder, error) {
	rs, err := loadRules()
	if err != nil {
		return nil, err
	}
	c := &Coder{rs: rs, names: &nnode{}, lex: lex, vocab: map[string]bool{}, nameWords: map[string]bool{}}
	for w := range rs.vocab {
		c.vocab[w] = true
	}
	for _, w := range commonWords() {
		c.vocab[w] = true
	}
	for _, n := range lex.Names {
		c.addName(n)
		if f := foldDiacritics(n.Text); f != n.Text {
			// "Erdogan" for "Erdoğan": English reporting often drops marks
			n.Text = f
			c.addName(n)
		}
	}
	for _, n := range rs.extraNames {
		c.addName(n)
	}
	return c, nil
}

// foldDiacritics removes combining marks ("Erdoğan" -> "Erdogan").
func foldDiacritics(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		ascii = ascii && s[i] < 0x80
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// Paragraph carries what coreference needs from one sentence of a
// paragraph to the next: the actors named, most recent first.
type Paragraph struct {
	recent []string
	date   axis.Date
}

// NewParagraph starts a paragraph of a document dated date.
func NewParagraph(date axis.Date) *Paragraph { return &Paragraph{date: date} }

func (p *Paragraph) note(codes []string) {
	for i := len(codes) - 1; i >= 0; i-- {
		c := codes[i]
		for k, x := range p.recent {
			if x == c {
				p.recent = append(p.recent[:k], p.recent[k+1:]...)
				break
			}
		}
		p.recent = append([]string{c}, p.recent...)
	}
	if len(p.recent) > 8 {
		p.recent = p.recent[:8]
	}
}

type match struct {
	p          *phrase
	start, end int
}

// sent is one sentence being coded.
type sent struct {
	c     *Coder
	text  string
	toks  []token
	ms    []mention
	mAt   []int // token index -> mention index, -1 when none
	trig  []match
	items []match
	cues  []match
	tech  []match
	firms []match
	date  axis.Date
	par   *Paragraph
	// actDirect lets a name that modifies an item be a direct object
	// ("criticised Washington's arms sales").
	actDirect bool
	stopComma bool
	// allItems keeps the items an item blocker removed ("drone attack"),
	// for the attack and exercise items.
	allItems []match
	dateList []dateExpr
	datesOK  bool
	// headline: a title-case line without final punctuation, where a
	// comma joins names ("Seoul, Washington Hold Drills")
	headline bool
}

// cand is a relation found in a sentence before it becomes a Coded.
type cand struct {
	r        *rule
	kind     axis.Kind
	item     string
	src, tgt string
	srcEnt   string
	tgtEnt   string
	status   axis.Status
	conf     float64
	words    []string
	qty      *axis.Quantity
	date     axis.Date
	until    axis.Date
	group    bool
	trigger  match
	needSrc  bool
	itm      match // the item words, when named
}

// CodeSentence codes one sentence of a paragraph. start is the sentence's
// character offset in the document, used for the evidence.
func (c *Coder) CodeSentence(text string, par *Paragraph) []Coded {
	s := &sent{c: c, text: text, date: par.date, par: par}
	s.toks = tokenize(text, make([]token, 0, 48))
	if len(s.toks) == 0 {
		return nil
	}
	s.findMentions()
	if len(s.ms) == 0 && len(par.recent) == 0 {
		return nil
	}
	s.headline = isHeadline(s.toks)
	s.findPhrases()
	s.resolveCoref()
	var codes []string
	for _, m := range s.ms {
		if !m.pron {
			codes = append(codes, m.codes...)
		}
	}
	defer par.note(codes)
	if s.toks[len(s.toks)-1].low == "?" || len(s.ms) == 0 || len(s.trig) == 0 && len(s.items) == 0 && !s.hasLabelVerb() {
		return nil
	}
	var cands []cand
	for _, tm := range s.trig {
		cands = append(cands, s.codeTrigger(tm)...)
	}
	if len(cands) == 0 {
		// no trigger, or none that coded anything ("soldiers based in
		// Russia are expected to join the assault")
		cands = append(cands, s.originPass()...)
	}
	cands = s.finish(cands)
	if len(cands) == 0 {
		return nil
	}
	// the sentence is a slice of a large block: copy it so the evidence
	// does not keep the whole block alive
	s.text = strings.Clone(s.text)
	out := make([]Coded, 0, len(cands))
	for _, cd := range cands {
		out = append(out, s.toCoded(cd))
	}
	return out
}

// findPhrases matches triggers, items, cues and the rest.
func (s *sent) findPhrases() {
	n := len(s.toks)
	s.mAt = make([]int, n)
	for i := range s.mAt {
		s.mAt[i] = -1
	}
	for k, m := range s.ms {
		for i := m.start; i < m.end; i++ {
			s.mAt[i] = k
		}
	}
	var all, ignore []match
	for i := 0; i < n; i++ {
		node := s.c.rs.trie
		for j := i; j < n; j++ {
			node = node.next[s.toks[j].low]
			if node == nil {
				break
			}
			for _, e := range node.entries {
				all = append(all, match{p: e, start: i, end: j + 1})
			}
		}
	}
	overlapsName := func(m match) bool {
		for i := m.start; i < m.end; i++ {
			if s.mAt[i] >= 0 {
				return true
			}
		}
		return false
	}
	for _, m := range all {
		switch m.p.kind {
		case pTrigger:
			if !overlapsName(m) || m.end-m.start > 2 && !allName(s, m) {
				s.trig = append(s.trig, m)
			}
		case pItem:
			if !overlapsName(m) {
				s.items = append(s.items, m)
			}
		case pCue:
			s.cues = append(s.cues, m)
		case pTech:
			s.tech = append(s.tech, m)
		case pFirm:
			s.firms = append(s.firms, m)
		case pCoref:
			s.addCoref(m)
		case pIgnore:
			ignore = append(ignore, m)
		}
	}
	if len(ignore) > 0 {
		kept := s.trig[:0]
		for _, t := range s.trig {
			drop := false
			for _, ig := range ignore {
				drop = drop || t.start < ig.end && ig.start < t.end
			}
			if !drop {
				kept = append(kept, t)
			}
		}
		s.trig = kept
	}
	s.trig = dropContained(s.trig)
	s.items = dropContained(s.items)
	s.dropObjectNouns()
	if len(s.items) > 0 {
		kept := s.trig[:0]
		for _, t := range s.trig {
			inside := false
			for _, it := range s.items {
				inside = inside || it.start <= t.start && t.end <= it.end && it.end-it.start > t.end-t.start
			}
			if !inside {
				kept = append(kept, t)
			}
		}
		s.trig = kept
	}
	for i, t := range s.trig {
		if !t.p.noun && t.start > 0 {
			prev := s.toks[t.start-1].low
			gerund := strings.HasSuffix(s.toks[t.start].low, "ing")
			if prev == "-" {
				s.trig[i].p = nil // "intelligence-sharing": a compound noun
				continue
			}
			if prev == "a" || prev == "an" || prev == "the" || prev == "its" || prev == "their" || prev == "'s" ||
				strings.HasSuffix(s.toks[t.start].low, "s") && (isAdj(prev) || nounAdjectives[prev]) && !adverbish[prev] ||
				s.mAt[t.start-1] >= 0 && s.ms[s.mAt[t.start-1]].demonym() || !gerund && s.c.rs.preps[prev] && prev != "to" ||
				t.end-t.start == 1 && !gerund && !strings.HasSuffix(s.toks[t.start].low, "ed") && strings.HasSuffix(s.toks[t.end%n].low, "ed") && s.finiteVerbAt(t.end) && !s.itemNear(t.end+1) {
				// "the coast guard ship rammed": a word before a past verb is its subject noun
				p := *t.p
				p.noun, p.participle = true, false
				s.trig[i].p = &p
				for _, it := range s.items {
					if it.start == t.start && it.end == t.end {
						s.trig[i].p = nil // "the shells" is an item, not the verb "shell"
					}
					if it.start == t.end && strings.HasSuffix(s.toks[t.start].low, "ed") {
						s.trig[i].p = nil // "Russia's imported drones": an adjective
					}
				}
			}
		}
	}
	for i, t := range s.trig {
		if t.p == nil || t.p.noun || i == 0 || s.trig[i-1].p == nil || s.trig[i-1].p.noun || s.trig[i-1].end != t.start {
			continue
		}
		if f := s.trig[i-1].p.rule.Frame; f != "give" && f != "receive" {
			continue
		}
		for _, it := range s.items {
			if it.start == t.start && it.end == t.end {
				s.trig[i].p = nil // "sent shells": the object, not the verb "shell"
			}
		}
	}
	kept := s.trig[:0]
	for _, t := range s.trig {
		if t.p != nil && !(t.p.rule.ID == "build" && s.helpedToBuild(t)) {
			// "helped North Korea build missiles", "the know-how to
			// build": the helper gives, not the builder
			kept = append(kept, t)
		}
	}
	s.trig = kept
	if len(s.c.rs.blockers) > 0 {
		// "drone warfare", "intelligence reports": the item word modifies
		// another noun and is not what flows
		s.allItems = append([]match(nil), s.items...)
		kept := s.items[:0]
		for _, it := range s.items {
			if it.end < n && s.c.rs.blockers[s.toks[it.end].low] {
				continue
			}
			if it.end < n && (s.toks[it.end].low == "'" || s.toks[it.end].low == "'s") {
				continue // "soldiers' salaries", "the drones' range": a possessor, not what flows
			}
			kept = append(kept, it)
		}
		s.items = kept
	}
	s.cues = dropContained(s.cues)
	// items inside a firm noun ("arms makers") are not items
	if len(s.firms) > 0 {
		kept := s.items[:0]
		for _, it := range s.items {
			in := false
			for _, f := range s.firms {
				in = in || it.start >= f.start && it.end <= f.end && f.end-f.start > it.end-it.start
			}
			if !in {
				kept = append(kept, it)
			}
		}
		s.items = kept
		for _, f := range s.firms {
			if f.start > 0 && s.mAt[f.start-1] >= 0 {
				m := &s.ms[s.mAt[f.start-1]]
				if m.demonym() && m.entity == "" {
					m.entity = m.text + " " + s.span(f.start, f.end)
				}
			}
		}
	}
	sort.SliceStable(s.trig, func(i, j int) bool { return s.trig[i].start < s.trig[j].start })
	sort.SliceStable(s.items, func(i, j int) bool { return s.items[i].start < s.items[j].start })
}

// dropObjectNouns drops a transfer noun that is also an item and the
// object of a transfer verb just before it ("extended a $5 billion loan to
// Moscow"): the verb codes it, with the item and its amount.
func (s *sent) dropObjectNouns() {
	transfer := func(t match) bool { f := t.p.rule.Frame; return f == "give" || f == "receive" }
	kept := s.trig[:0]
	for _, t := range s.trig {
		drop := false
		if t.p.noun && transfer(t) {
			isItem := false
			for _, it := range s.items {
				isItem = isItem || it.start == t.start && it.end == t.end
			}
			for _, v := range s.trig {
				if isItem && !v.p.noun && transfer(v) && v.end <= t.start && t.start-v.end <= 4 {
					drop = true
				}
			}
		}
		if !drop {
			kept = append(kept, t)
		}
	}
	s.trig = kept
}

func allName(s *sent, m match) bool {
	for i := m.start; i < m.end; i++ {
		if s.mAt[i] < 0 {
			return false
		}
	}
	return true
}

// dropContained removes matches strictly inside a longer match of the same
// phrase kind; matches of equal span are all kept.
func dropContained(ms []match) []match {
	out := ms[:0]
	for i, a := range ms {
		inside := false
		for j, b := range ms {
			if i != j && b.start <= a.start && a.end <= b.end && b.end-b.start > a.end-a.start {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, a)
		}
	}
	return out
}

// addCoref adds a mention for "the two countries" naming the last n actors
// of the paragraph.
func (s *sent) addCoref(m match) {
	for i := m.start; i < m.end; i++ {
		if s.mAt[i] >= 0 {
			return
		}
	}
	var codes []string
	// "X hosted Y, and the two leaders signed ...": the states named
	// earlier in the sentence, the nearest first; else the paragraph's
	for k := len(s.ms) - 1; k >= 0 && len(codes) < m.p.count; k-- {
		if s.ms[k].end > m.start || s.ms[k].pron || len(s.ms[k].codes) != 1 {
			continue
		}
		c := s.ms[k].codes[0]
		if s.c.actorKind(c) == axis.ActorState && !contains(codes, c) {
			codes = append(codes, c)
		}
	}
	if len(codes) < m.p.count {
		codes = codes[:0]
		for _, c := range s.par.recent {
			if k := s.c.actorKind(c); k == axis.ActorState || k == "" {
				codes = append(codes, c)
			}
			if len(codes) == m.p.count {
				break
			}
		}
	}
	if len(codes) < m.p.count {
		return
	}
	s.ms = append(s.ms, mention{start: m.start, end: m.end, codes: codes, form: "coref", text: s.span(m.start, m.end), pron: true})
	for i := m.start; i < m.end; i++ {
		s.mAt[i] = len(s.ms) - 1
	}
}

var pronouns = map[string]bool{"it": true, "its": true, "they": true, "their": true, "itself": true}

var firstPerson = map[string]bool{"we": true, "us": true, "our": true}

// quoteSpeaker finds who speaks a quotation holding token i: the first
// name after the closing quote, in an attribution ("..., X said", "said
// X"). -1 when i is not quoted or no speaker is named.
func (s *sent) quoteSpeaker(i int) int {
	open := false
	for j := 0; j < i; j++ {
		if s.toks[j].low == "\"" {
			open = !open
		}
	}
	if !open {
		return -1
	}
	q := -1
	for j := i + 1; j < len(s.toks); j++ {
		if s.toks[j].low == "\"" {
			q = j
			break
		}
	}
	if q < 0 {
		return -1
	}
	said := false
	speaker := -1
	for j := q + 1; j < len(s.toks) && j < q+12; j++ {
		if s.toks[j].low == "\"" {
			break
		}
		if attributionVerbs[s.toks[j].low] {
			said = true
		}
		if k := s.mAt[j]; k >= 0 && speaker < 0 && !s.ms[k].pron {
			speaker = k
		}
	}
	if !said {
		return -1
	}
	return speaker
}

var partnerNouns = map[string]bool{"partner": true, "ally": true, "backer": true, "patron": true, "benefactor": true, "client": true}

// appositiveNouns stand before a name they are in apposition with: "its
// neighbour Armenia", "Russia's ally Belarus".
var appositiveNouns = map[string]bool{"neighbour": true, "neighbor": true, "ally": true, "partner": true, "rival": true,
	"patron": true, "protege": true, "client": true}

// appositiveAfter reports whether an appositive noun (after optional
// compass words) and then a name start at i.
func (s *sent) appositiveAfter(i int) bool {
	for i < len(s.toks) && compass[s.toks[i].low] {
		i++
	}
	return i+1 < len(s.toks) && appositiveNouns[s.toks[i].low] && s.mAt[i+1] >= 0 && !s.ms[s.mAt[i+1]].pron
}

// latterFormer finds the state "the latter" (or "the former") before token
// at names: of the distinct actors named before at, the last, or the one
// before it. It needs at least two.
func (s *sent) latterFormer(at int, latter bool) string {
	var seen []string
	for _, m := range s.ms {
		if m.end > at || m.pron || len(m.codes) != 1 {
			continue
		}
		if len(seen) == 0 || seen[len(seen)-1] != m.codes[0] {
			seen = append(seen, m.codes[0])
		}
	}
	if len(seen) < 2 {
		return ""
	}
	if latter {
		return seen[len(seen)-1]
	}
	return seen[len(seen)-2]
}

// subjectOpeners are the words after which "it" is a subject, not an object.
var subjectOpeners = map[string]bool{",": true, "and": true, "but": true, "that": true, "because": true, "as": true,
	"while": true, "when": true, "if": true, "since": true, "so": true, ";": true, ":": true, "\"": true, "which": true}

// objectReferent resolves an object pronoun at i ("paid it back", "sold jets
// to it", "helped them") whose nearest antecedent is the subject of its own
// clause: it names the nearest earlier actor with other codes. nil when the
// ordinary nearest-name reading applies.
func (s *sent) objectReferent(i int, add []mention) []string {
	if i == 0 || subjectOpeners[s.toks[i-1].low] {
		return nil
	}
	var cands []mention
	for _, m := range s.ms {
		if m.end <= i {
			cands = append(cands, m)
		}
	}
	for _, m := range add {
		if m.end <= i {
			cands = append(cands, m)
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].start < cands[b].start })
	if len(cands) < 2 {
		return nil
	}
	near := cands[len(cands)-1]
	if near.poss || near.start > 0 && s.c.rs.preps[s.toks[near.start-1].low] {
		return nil
	}
	for k := near.end; k < i; k++ {
		if w := s.toks[k].low; w == "," || w == "and" || w == "or" || s.isStop(k) || s.clauseBreak(k) {
			return nil
		}
	}
	for k := len(cands) - 2; k >= 0; k-- {
		if !sameCodes(cands[k].codes, near.codes) {
			return cands[k].codes
		}
	}
	return nil
}

func sameCodes(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// themRecipient reports whether "them" at i is a party rather than the
// things just named: "helped them build", "supplied them with", "sent them
// drones".
func (s *sent) themRecipient(i int) bool {
	if i+1 >= len(s.toks) {
		return false
	}
	if s.toks[i+1].low == "with" {
		return true
	}
	if _, ok := s.itemAt(i + 1); ok {
		return true
	}
	p := s.toks[i-1].low
	return p == "help" || p == "helped" || p == "helps" || p == "helping" || p == "assist" || p == "assisted" || p == "assists" || p == "assisting"
}

// resolveCoref turns "it", "its", "they" into mentions of the nearest name
// before them, or of the paragraph's last actor at the sentence start; and
// "Moscow's partner" into the last other state the paragraph named.
func (s *sent) resolveCoref() {
	var add []mention
	for i, t := range s.toks {
		if partnerNouns[t.low] && i >= 2 && s.toks[i-1].low == "'s" && s.mAt[i-2] >= 0 && s.mAt[i] < 0 {
			owner := s.ms[s.mAt[i-2]].codes
			for _, c := range s.par.recent {
				if !contains(owner, c) && s.c.actorKind(c) == axis.ActorState {
					add = append(add, mention{start: i, end: i + 1, codes: []string{c}, form: "coref", text: s.span(i-2, i+1), pron: true})
					break
				}
			}
			continue
		}
		if firstPerson[t.low] && s.mAt[i] < 0 {
			// "\"We stand with Russia,\" North Korea's foreign minister said":
			// the speaker's state
			if k := s.quoteSpeaker(i); k >= 0 {
				add = append(add, mention{start: i, end: i + 1, codes: s.ms[k].codes, form: "pronoun", text: t.text, pron: true, poss: t.low == "our"})
			}
			continue
		}
		if (t.low == "latter" || t.low == "former") && i > 0 && s.toks[i-1].low == "the" && s.mAt[i] < 0 {
			// "Pyongyang sent shells to Moscow, and the latter paid it back":
			// the last (latter) or the one before it (former) of the last two
			// states named before in the sentence
			if c := s.latterFormer(i-1, t.low == "latter"); c != "" {
				add = append(add, mention{start: i - 1, end: i + 1, codes: []string{c}, form: "latter", text: s.span(i-1, i+1), pron: true})
			}
			continue
		}
		if t.low == "them" && s.mAt[i] < 0 && s.themRecipient(i) {
			t.low = "they" // resolved like "they": the pair or list named before, else the last name
		} else if !pronouns[t.low] || s.mAt[i] >= 0 {
			continue
		}
		if (t.low == "its" || t.low == "their") && s.appositiveAfter(i+1) {
			continue // "its neighbour Armenia": the name heads the phrase
		}
		var codes []string
		if t.low == "it" || t.low == "they" && s.toks[i].low == "them" {
			// "the latter paid it back", "Russia sold jets to it": an object
			// pronoun is not the subject of its own clause
			if c := s.objectReferent(i, add); c != nil {
				add = append(add, mention{start: i, end: i + 1, codes: c, form: "pronoun", text: t.text, pron: true})
				continue
			}
		}
		for k := len(s.ms) - 1; k >= 0; k-- {
			if s.ms[k].end <= i {
				if t.low == "it" && i >= 2 && s.toks[i-1].low == "where" && s.toks[i-2].low == "," && s.ms[k].end == i-2 && k > 0 {
					// "defend South Korea, where it has stationed troops": the
					// place "where" stands for is not the subject inside it
					k--
				}
				if t.low == "its" && s.attributive(k) && s.headBefore(k) >= 0 {
					// "Japan said a Chinese plane violated its airspace", "Iran
					// condemned US sanctions on its oil": a name modifying a
					// noun is not what "its" refers to; the name heading a
					// phrase before it is
					k = s.headBefore(k)
				}
				codes = s.ms[k].codes
				if t.low == "they" || t.low == "their" {
					// "India and Russia held talks, where they signed ...": the
					// nearest pair or list named before
					for k2 := k; k2 >= 0; k2-- {
						if cs := s.codesOf(s.chain(k2)); len(cs) > 1 && s.ms[k2].end <= i {
							codes = cs
							break
						}
					}
				}
				break
			}
		}
		if codes == nil && len(s.par.recent) > 0 {
			codes = s.par.recent[:1]
		}
		if codes == nil {
			continue
		}
		add = append(add, mention{start: i, end: i + 1, codes: codes, form: "pronoun", text: t.text, pron: true, poss: t.low == "its" || t.low == "their"})
	}
	if len(add) == 0 {
		return
	}
	s.ms = append(s.ms, add...)
	sort.SliceStable(s.ms, func(i, j int) bool { return s.ms[i].start < s.ms[j].start })
	for i := range s.mAt {
		s.mAt[i] = -1
	}
	for k, m := range s.ms {
		for i := m.start; i < m.end; i++ {
			s.mAt[i] = k
		}
	}
}

func (s *sent) span(i, j int) string {
	if i >= j || j > len(s.toks) {
		return ""
	}
	return s.text[s.toks[i].start:s.toks[j-1].end]
}

// after is the token index after a mention and its "'s".
func (s *sent) after(m *mention) int {
	if m.poss && !m.pron {
		return m.end + 1
	}
	return m.end
}

// governor is the preposition a mention depends on, or "" (skipping
// determiners and numbers in between).
func (s *sent) governor(m *mention) string {
	for i := m.start - 1; i >= 0; i-- {
		t := s.toks[i]
		if t.kind == tNum && i == m.start-1 && isYear(t.text) && !m.demonym() {
			return "" // "In 2008 Russia invaded": the preposition governs the year
		}
		if s.c.rs.dets[t.low] || t.kind == tNum || compass[t.low] {
			continue // "in eastern Russia"
		}
		if s.c.rs.preps[t.low] {
			if t.low == "of" && i > 0 && (vagueWords[s.toks[i-1].low] > 0 || quantityHeads[s.toks[i-1].low] || s.toks[i-1].kind == tNum) {
				// "thousands of North Korean troops": a quantity, not a preposition
				continue
			}
			return t.low
		}
		return ""
	}
	return ""
}

var quantityHeads = map[string]bool{"some": true, "many": true, "most": true, "all": true, "several": true, "number": true,
	"million": true, "billion": true, "thousand": true, "hundred": true, "few": true, "none": true, "both": true}

// modifiesItem reports whether a demonym or possessive mention modifies an
// item right after it ("Iranian drones", "Russia's oil").
func (s *sent) modifiesItem(m *mention) bool {
	a := s.after(m)
	for _, it := range s.items {
		if it.start >= a && it.start <= a+2 {
			return m.demonym() || m.poss
		}
	}
	return false
}

func (s *sent) isStop(i int) bool {
	t := s.toks[i].low
	return t == ";" || t == ":" || t == "(" || t == ")"
}

// subjectLeft finds the subject of a trigger: the nearest name before it
// that no preposition governs, or the name a relative clause hangs on
// ("Iran, which has been supplying drones").
func (s *sent) subjectLeft(at int) int {
	for i := at - 1; i >= 0; i-- {
		if s.isStop(i) {
			break
		}
		if s.toks[i].low == "," {
			// "Hungary, which has blocked EU sanctions on Russia, imports":
			// skip the parenthesis back to the name it describes
			if j := s.parenthesisStart(i); j >= 0 {
				i = j
				continue
			}
		}
		k := s.mAt[i]
		if k < 0 {
			if s.toks[i].low == "'s" && i > 0 && s.mAt[i-1] >= 0 {
				k = s.mAt[i-1]
			} else {
				continue
			}
		}
		m := &s.ms[k]
		a := s.after(m)
		if a+1 < len(s.toks) && s.toks[a].low == "," && (s.toks[a+1].low == "which" || s.toks[a+1].low == "who") {
			return k
		}
		if m.demonym() && a+1 < at && at-a <= 4 && (s.toks[a+1].low == "that" || s.toks[a+1].low == "which") && s.itemEndsAt(a+1) {
			return k // "Russian aircraft that entered Estonian airspace": the craft act
		}
		if h := s.appositiveHead(m); h >= 0 {
			return h // "Turkey, a NATO member that buys Russian gas": Turkey buys
		}
		if m.pron && m.poss || s.isModifier(m) {
			// "their ties", "the Ukraine war": not the subject
			i = m.start
			continue
		}
		if g := s.chainGovernor(k); g != "" {
			if a < len(s.toks) && a < at && strings.HasSuffix(s.toks[a].low, "ing") && len(s.toks[a].low) > 4 {
				return k // "reports of North Korea ramping up shipments": the gerund's subject
			}
			if g == "with" && s.absoluteWith(m) && a < at {
				return k // "..., with China also the largest buyer of Iranian oil": a clause of its own
			}
			if subordinators[g] && a < at && s.finiteVerbAt(a) && len(s.chain(k)) == 1 {
				return k // "after Moscow signed a treaty": a conjunction opening a clause, not a preposition
			}
			if subordinators[g] && m.demonym() && a < at && at-a <= 6 && s.nounRun(a, at) && s.finiteVerbAt(at) {
				return k // "after a Chinese Y-9 plane violated": the craft of that state opens the clause
			}
			i = m.start
			continue
		}
		if m.poss && !m.pron && at-a >= 2 && at-a <= 4 && s.toks[at-1].low == "to" {
			return k // "Sweden's bid to join NATO": the possessor does what the noun aims at
		}
		if m.demonym() && s.modifiesTroops(m) && a+2 < at && (s.toks[a+1].low == "who" || s.toks[a+1].low == "that") {
			return k // "hosts Russian troops who could attack": the forces act
		}
		if !m.poss && !m.demonym() && !m.pron && m.start > 0 && s.c.rs.dets[s.toks[m.start-1].low] && a < at {
			if _, ok := s.itemAt(a); ok {
				// "opposes the latest US arms sale to Taiwan and has lodged
				// ...": a name modifying an item in an object is not the subject
				if k2 := s.subjectLeft(m.start); k2 >= 0 && !s.ms[k2].poss {
					return k2
				}
			}
		}
		if (m.poss && !m.pron || m.demonym()) && a < at && at-a <= 4 && s.nounRun(a, s.auxStart(a, at)) && s.finiteVerbAt(at) {
			return k // "Japan said Chinese warships entered its waters": the phrase right before the verb is its subject
		}
		if (m.poss && !m.pron || m.demonym() && s.modifiesItem(m)) && m.start > 0 && !s.c.rs.dets[s.toks[m.start-1].low] {
			// "supported Russia's war by providing": the possessive belongs
			// to an object; prefer a free name further left in the clause
			if k2 := s.subjectLeft(m.start); k2 >= 0 && !s.ms[k2].poss {
				return k2
			}
		}
		return k
	}
	return -1
}

// parenthesisStart returns, for a comma that closes a relative clause or
// an appositive ("X, which ..., ", "X, the secretary of ..., "), the
// position of the comma that opens it, when a name stands right before
// that one; else -1.
func (s *sent) parenthesisStart(i int) int {
	for j := i - 1; j >= 1 && j > i-16; j-- {
		w := s.toks[j].low
		if w == ";" || w == ":" || w == "\"" {
			return -1
		}
		if w != "," {
			continue
		}
		switch s.toks[j+1].low {
		case "which", "who", "a", "an", "the":
		default:
			return -1
		}
		if s.mAt[j-1] >= 0 && s.governor(&s.ms[s.mAt[j-1]]) == "" {
			return j
		}
		return -1
	}
	return -1
}

// delegationOf finds the guest in "welcomed a delegation of North Korean
// officials", "received a delegation from Tehran".
func (s *sent) delegationOf(from int) int {
	for i := from; i < len(s.toks)-2 && i < from+4; i++ {
		w := s.toks[i].low
		if w == "delegation" || w == "delegations" {
			if n := s.toks[i+1].low; n == "of" || n == "from" {
				for j := i + 2; j < len(s.toks) && j < i+5; j++ {
					if k := s.mAt[j]; k >= 0 {
						return k
					}
				}
			}
			return -1
		}
	}
	return -1
}

// peopleNouns are what a demonym guest can be.
var peopleNouns = map[string]bool{"officials": true, "official": true, "delegation": true, "delegates": true, "leader": true,
	"leaders": true, "president": true, "premier": true, "minister": true, "ministers": true, "diplomats": true, "diplomat": true,
	"envoy": true, "envoys": true, "counterpart": true, "lawmakers": true, "prime": true, "foreign": true, "defence": true,
	"defense": true, "head": true, "king": true, "crown": true, "chancellor": true, "general": true, "generals": true,
	"commander": true, "chief": true, "navy": true, "warships": true, "ships": true}

// namesPeople reports whether a demonym names people ("North Korean
// officials", "the Chinese premier"), not a thing ("Chinese help").
func (s *sent) namesPeople(m *mention) bool {
	a := s.after(m)
	return a < len(s.toks) && peopleNouns[s.toks[a].low]
}

// itemEndsAt reports whether an item phrase ends right before token i.
func (s *sent) itemEndsAt(i int) bool {
	for _, it := range s.items {
		if it.end == i {
			return true
		}
	}
	for _, it := range s.allItems {
		if it.end == i {
			return true
		}
	}
	return false
}

// appositiveHeads are nouns that, after "X, a" and a name, describe X
// ("Turkey, a NATO member", "Belarus, a Russian ally").
var appositiveHeads = map[string]bool{"member": true, "ally": true, "partner": true, "neighbour": true, "neighbor": true,
	"rival": true, "state": true, "country": true, "signatory": true, "client": true, "satellite": true, "proxy": true}

// appositiveHead returns the name an appositive describes when m only
// modifies the appositive's noun ("Turkey, a NATO member, ..."), else -1.
func (s *sent) appositiveHead(m *mention) int {
	a := s.after(m)
	if m.start < 2 || a >= len(s.toks) || !appositiveHeads[s.toks[a].low] {
		return -1
	}
	d := s.toks[m.start-1].low
	if d != "a" && d != "an" && d != "the" || s.toks[m.start-2].low != "," {
		return -1
	}
	if k := s.mAt[m.start-3]; m.start >= 3 && k >= 0 {
		return k
	}
	return -1
}

// chainGovernor is the preposition a mention depends on, or "between"
// when the mention ends a pair after it ("between Russia and Ukraine"
// governs Ukraine too; "between" always takes both). Other prepositions
// are left to the first name ("the leaders of Russia and China signed").
func (s *sent) chainGovernor(k int) string {
	if g := s.governor(&s.ms[k]); g != "" {
		return g
	}
	first := k
	for _, c := range s.chain(k) {
		if s.ms[c].start < s.ms[first].start {
			first = c
		}
	}
	if first == k {
		return ""
	}
	for i := s.ms[first].end; i < s.ms[k].start; i++ {
		if s.toks[i].low == "," {
			return "" // "According to Kyiv, Iran and Russia ...": not one list
		}
	}
	if g := s.governor(&s.ms[first]); g == "between" {
		return g
	}
	return ""
}

// absoluteWith reports whether "with" before a name opens a clause of its
// own after a comma ("..., with North Korea now shipping shells", "...,
// with China being Iran's largest buyer"): the name is that clause's
// subject.
func (s *sent) absoluteWith(m *mention) bool {
	for i := m.start - 1; i >= 1; i-- {
		w := s.toks[i].low
		if w == "with" {
			return s.toks[i-1].low == ","
		}
		if !s.c.rs.dets[w] {
			return false
		}
	}
	return false
}

// subjectRight finds the subject of a clause that opens with the trigger
// ("By providing shells, Pyongyang ..."): the first free name after the
// next comma.
func (s *sent) subjectRight(at int) int {
	for i := 0; i < at; i++ {
		if s.mAt[i] >= 0 {
			return -1
		}
	}
	comma := false
	for i := at; i < len(s.toks) && i < at+24; i++ {
		if s.isStop(i) {
			break
		}
		if s.toks[i].low == "," {
			comma = true
			continue
		}
		if k := s.mAt[i]; k >= 0 {
			if comma && s.governor(&s.ms[k]) == "" && !s.ms[k].pron {
				return k
			}
			i = s.ms[k].end - 1
		}
	}
	return -1
}

// chain returns the mention and the names joined to it by commas, "and",
// "or", hyphens and "as well as", on both sides.
func (s *sent) chain(k int) (out []int) {
	out = []int{k}
	seps := chainSeps
	defer func() {
		// a list joined by commas alone ("Ukraine, US") is not a conjunction
		if len(out) > 1 {
			lo, hi := len(s.toks), 0
			for _, k := range out {
				lo, hi = min(lo, s.ms[k].start), max(hi, s.ms[k].end)
			}
			real := false
			for i := lo; i < hi; i++ {
				switch s.toks[i].low {
				case "and", "or", "&", "-", "/":
					real = true
				}
			}
			if !real && !(s.headline && s.headlineList(lo, hi)) {
				out = out[:1]
			}
		}
	}()
	// "two Russian bombers and two Chinese bombers": demonyms heading the
	// same noun, coordinated
	if s.ms[k].demonym() {
		if j := s.sameNounPartner(k, -1); j >= 0 {
			out = append(out, j)
		}
		if j := s.sameNounPartner(k, 1); j >= 0 {
			out = append(out, j)
		}
		if len(out) > 1 {
			return out
		}
	}
	// left
	for cur := k; ; {
		i := s.ms[cur].start - 1
		gap := 0
		for i >= 0 && seps[s.toks[i].low] && s.mAt[i] < 0 {
			i--
			gap++
		}
		if gap == 0 || gap > 4 || i < 0 || s.mAt[i] < 0 || !hasConj(s, i+1, s.ms[cur].start) {
			break
		}
		if len(out) == 1 && s.toks[i+1].low == "," && s.finiteVerbAt(s.after(&s.ms[cur])) && !s.listBefore(s.mAt[i]) {
			break // "Russia struck Kyiv, and Tokyo condemned the attack": a new clause, not a list
		}
		if len(out) == 1 && s.clauseAfterObject(s.mAt[i], cur) {
			break // "China sent drones to Russia and Iran sent missiles": Iran's clause starts at "and"
		}
		cur = s.mAt[i]
		if s.ms[cur].poss || s.ms[cur].demonym() && !s.ms[k].demonym() || s.ms[k].form == "latter" {
			break // "Finland, and the former ...": a reference back joins no list
		}
		out = append(out, cur)
	}
	// right
	for cur := k; ; {
		i := s.after(&s.ms[cur])
		gap := 0
		for i < len(s.toks) && seps[s.toks[i].low] && s.mAt[i] < 0 {
			i++
			gap++
		}
		if gap == 0 || gap > 4 || i >= len(s.toks) || s.mAt[i] < 0 || !hasConj(s, s.after(&s.ms[cur]), i) {
			break
		}
		nxt := s.mAt[i]
		if len(out) == 1 && s.toks[s.after(&s.ms[cur])].low == "," && s.finiteVerbAt(s.after(&s.ms[nxt])) {
			break // "Russia struck Kyiv, and Tokyo condemned the attack": a new clause, not a list
		}
		if len(out) == 1 && s.clauseAfterObject(k, nxt) {
			break // "China sent drones to Russia and Iran sent missiles to Syria": a new clause without a comma
		}
		cur = nxt
		if s.ms[cur].form == "latter" {
			break
		}
		out = append(out, cur)
	}
	return out
}

// otherClause reports whether a name before the trigger lies outside the
// trigger's conditional or subordinate clause ("Russia could strike
// Berlin if Germany sent missiles": Russia is not who receives them).
func (s *sent) otherClause(m *mention, tm match) bool {
	for i := m.end; i < tm.start; i++ {
		switch s.toks[i].low {
		case "if", "unless", "because", "since", "once", "until":
			return true
		}
	}
	return false
}

// attributionVerbs end a trailing attribution (", US officials say.").
var attributionVerbs = map[string]bool{"said": true, "say": true, "says": true, "told": true, "reported": true,
	"added": true, "noted": true, "believe": true, "believes": true, "estimate": true, "estimates": true,
	"suspect": true, "suspects": true, "allege": true, "alleges": true, "alleged": true, "claim": true,
	"claims": true, "claimed": true, "fear": true, "fears": true, "warned": true, "showed": true, "show": true,
	"found": true, "argued": true, "argue": true, "announced": true}

// inAttribution reports whether a mention sits in a trailing attribution
// clause (", South Korea's spy agency said.", ", US officials say."): the
// one who tells is not a party to what is told.
func (s *sent) inAttribution(m *mention) bool {
	i := m.start - 1
	for i >= 0 && s.toks[i].low != "," {
		if s.mAt[i] >= 0 || s.toks[i].low == "said" {
			return false
		}
		i--
	}
	if i < 0 || m.start-i > 5 {
		return false
	}
	for j := m.end; j < len(s.toks) && j < m.end+6; j++ {
		w := s.toks[j].low
		if attributionVerbs[w] {
			return true
		}
		if w == "," || s.mAt[j] >= 0 {
			return false
		}
	}
	return false
}

// isHeadline reports whether a sentence is written as a headline: no
// final punctuation and most longer words capitalised ("China, Russia
// Stage Joint Bomber Patrol Near Alaska").
func isHeadline(toks []token) bool {
	last := toks[len(toks)-1].low
	if last == "." || last == "!" || last == "?" || last == "\"" {
		return false
	}
	words, upper := 0, 0
	for _, t := range toks[1:] {
		if len(t.text) < 4 || !isLetterByte(t.text[0]) {
			continue
		}
		words++
		if startsUpper(t.text) {
			upper++
		}
	}
	return words >= 3 && upper*10 >= words*7
}

// headlineList reports whether names joined by commas alone open a
// headline ("Seoul, Washington Hold Drills"): the comma stands for "and".
func (s *sent) headlineList(lo, hi int) bool {
	if lo != 0 && !(lo == 1 && s.toks[0].low == "the") {
		return false
	}
	for i := lo; i < hi; i++ {
		if s.mAt[i] < 0 && s.toks[i].low != "," {
			return false
		}
	}
	return true
}

var chainSeps = map[string]bool{",": true, "and": true, "or": true, "-": true, "&": true, "/": true, "the": true, "both": true, "of": true, "as": true, "well": true}

func hasConj(s *sent, i, j int) bool {
	for k := i; k < j; k++ {
		switch s.toks[k].low {
		case ",", "and", "or", "-", "&", "/":
			return true
		case "as":
			if !(k+2 < j && s.toks[k+1].low == "well" && s.toks[k+2].low == "as") && !(k >= 2 && s.toks[k-1].low == "well" && s.toks[k-2].low == "as") {
				return false
			}
		}
	}
	return false
}

func (s *sent) codesOf(ks []int) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range ks {
		for _, c := range s.ms[k].codes {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// prepTarget finds the first name after position from, within limit
// tokens, governed by one of preps (or any name when direct is true and it
// comes right after from).
func (s *sent) prepTarget(from, limit int, preps map[string]bool, direct bool) int {
	for i := from; i < len(s.toks) && i < from+limit; i++ {
		if s.isStop(i) || i > from && s.clauseBreak(i) || s.stopComma && s.toks[i].low == "," {
			break
		}
		k := s.mAt[i]
		if k < 0 {
			continue
		}
		m := &s.ms[k]
		g := s.governor(m)
		if (g == "by" || g == "from") && !(from > 0 && s.toks[from-1].low == g && s.gapOK(from, m.start)) || s.isModifier(m) {
			i = m.end - 1
			continue
		}
		if s.relationalOwner(m) {
			break // "aid to Sudan's neighbours": the states meant are not named
		}
		if m.poss && !m.pron && s.after(m) < len(s.toks) && s.mAt[s.after(m)] >= 0 {
			// "Yemen's Houthis": the possessed name is meant
			if preps[g] || g == "" && direct && s.gapOK(from, m.start) || from > 0 && g == s.toks[from-1].low {
				return s.mAt[s.after(m)]
			}
		}
		if preps[g] {
			return k
		}
		if g == "" && direct && s.gapOK(from, m.start) && (s.actDirect || !s.modifiesItem(m)) {
			return k
		}
		if from > 0 && g == s.toks[from-1].low && s.c.rs.preps[g] && s.gapOK(from, m.start) {
			// the trigger ends with the preposition: "invasion of Ukraine"
			return k
		}
		i = m.end - 1
	}
	return -1
}

// gapOK reports whether only determiners and adverbs lie between i and j.
func (s *sent) gapOK(i, j int) bool {
	n := 0
	for k := i; k < j; k++ {
		if !s.c.rs.dets[s.toks[k].low] {
			n++
		}
	}
	return n == 0 && j-i <= 3
}

// agentAfter finds "by X" after a trigger.
func (s *sent) agentAfter(from int) int {
	return s.afterWord(from, 8, "by")
}

func (s *sent) afterWord(from, limit int, word string) int {
	for i := from; i < len(s.toks) && i < from+limit; i++ {
		if s.isStop(i) {
			break
		}
		if s.toks[i].low == word {
			for j := i + 1; j < len(s.toks) && j <= i+3; j++ {
				if k := s.mAt[j]; k >= 0 {
					return k
				}
				if !s.c.rs.dets[s.toks[j].low] && s.toks[j].kind != tNum {
					break
				}
			}
		}
	}
	return -1
}

// possessorBefore finds a name right before a noun trigger ("Iran's supply",
// "US sanctions", "Chinese arms sales"), skipping items and adjectives.
func (s *sent) possessorBefore(at int) int {
	for i := at - 1; i >= 0 && i >= at-5; i-- {
		t := s.toks[i]
		if k := s.mAt[i]; k >= 0 {
			return k
		}
		if t.low == "'s" || t.low == "-" || t.kind == tNum || t.low[0] >= '0' && t.low[0] <= '9' || isAdj(t.low) || nounAdjectives[t.low] || startsUpper(t.text) {
			continue
		}
		if _, ok := s.itemAt(i); ok {
			continue
		}
		// any other word ends the noun phrase
		return -1
	}
	return -1
}

// nounAdjectives may stand between a possessor and its noun ("Russia's
// latest strikes", "China's continued support").
var nounAdjectives = map[string]bool{"latest": true, "first": true, "second": true, "third": true, "massive": true,
	"continued": true, "tacit": true, "growing": true, "recent": true, "renewed": true, "fresh": true, "further": true,
	"economic": true, "political": true, "diplomatic": true, "financial": true, "unilateral": true, "sweeping": true,
	"annual": true, "biggest": true, "largest": true, "main": true, "major": true, "repeated": true, "deadly": true,
	"air": true, "naval": true, "drone": true, "missile": true, "cyber": true, "arms": true, "weapons": true,
	"energy": true, "oil": true, "gas": true, "export": true, "import": true, "trade": true, "military": true,
	"nuclear": true, "joint": true, "overnight": true, "early": true, "surprise": true, "state": true, "official": true}

// adverbish adjectives also qualify verbs ("has long supplied", "first
// sends"): after them a trigger stays a verb.
var adverbish = map[string]bool{"long": true, "first": true, "second": true, "third": true, "more": true, "much": true,
	"early": true, "overnight": true, "direct": true, "official": true, "used": true, "needed": true}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

// passive reports whether a verb trigger is in the passive voice.
func (s *sent) passive(tm match) bool {
	if tm.p.noun || !tm.p.participle {
		return false
	}
	for i := tm.start - 1; i >= 0 && i >= tm.start-3; i-- {
		if beForms[s.toks[i].low] {
			return true
		}
	}
	if tm.end < len(s.toks) && s.toks[tm.end].low == "by" {
		return true
	}
	return false
}

// itemsBetween lists item matches in [i, j).
func (s *sent) itemsBetween(i, j int) []match {
	var out []match
	for _, it := range s.items {
		if it.start >= i && it.end <= j {
			out = append(out, it)
		}
	}
	return out
}

// clauseEnd is where items of a trigger stop: a clause stop, the next
// transfer trigger, or the sentence end.
func (s *sent) clauseEnd(from int, tm match) int {
	for i := from; i < len(s.toks); i++ {
		if s.isStop(i) || s.clauseBreak(i) && i > from {
			return i
		}
		for _, t := range s.trig {
			if t.start == i && t.start > tm.start && (t.p.rule.Frame == "give" || t.p.rule.Frame == "receive") {
				return i
			}
		}
	}
	return len(s.toks)
}

func (s *sent) clauseStart(at int, tm match) int {
	for i := at - 1; i >= 0; i-- {
		if s.isStop(i) {
			return i + 1
		}
		for _, t := range s.trig {
			if t.end == i+1 && t.start < tm.start && (t.p.rule.Frame == "give" || t.p.rule.Frame == "receive") {
				return i + 1
			}
		}
	}
	return 0
}

// exchangeAt finds "in exchange for" / "in return for" (or a rule's own
// exchange words) in [i, j) and returns the index after it, or -1.
func (s *sent) exchangeAt(i, j int, r *rule) (int, int) {
	for k := i; k < j; k++ {
		t := s.toks[k].low
		if (t == "exchange" || t == "return") && k > 0 && s.toks[k-1].low == "in" && k+1 < len(s.toks) && s.toks[k+1].low == "for" {
			return k - 1, k + 2
		}
		if r.exchange[t] {
			return k, k + 1
		}
	}
	return -1, -1
}

// itemOrigin finds the state an item comes from: "Iranian drones",
// "Iranian-made drones", "Russia's oil", "ammunition from North Korea".
func (s *sent) itemOrigin(it match) int {
	for i := it.start - 1; i >= 0 && i >= it.start-4; i-- {
		t := s.toks[i]
		if k := s.mAt[i]; k >= 0 {
			if s.ms[k].demonym() || s.ms[k].poss {
				return k
			}
			return -1
		}
		if t.low == "'s" || t.low == "-" || t.low == "made" || t.kind == tNum || isAdj(t.low) || startsUpper(t.text) && i > 0 {
			continue // "Russian Oreshnik missiles": a model name
		}
		if _, ok := s.itemAt(i); ok {
			continue
		}
		break
	}
	if it.end < len(s.toks) && s.toks[it.end].low == "from" {
		if k := s.afterWord(it.end, 2, "from"); k >= 0 {
			return k
		}
	}
	return -1
}

var adjectives = map[string]bool{"modern": true, "advanced": true, "new": true, "tactical": true, "long-range": true,
	"short-range": true, "direct": true, "lethal": true, "discounted": true, "cheap": true, "used": true, "older": true,
	"range": true, "long": true, "short": true, "more": true, "additional": true, "much-needed": true, "much": true, "needed": true,
	"essential": true, "military": true, "large": true, "small": true, "several": true, "dozens": true, "hundreds": true,
	"thousands": true, "millions": true, "of": false}

func isAdj(w string) bool { return adjectives[w] }

func (s *sent) itemAt(i int) (match, bool) {
	for _, it := range s.items {
		if it.start <= i && i < it.end {
			return it, true
		}
	}
	return match{}, false
}

// kindOf picks the kind and item an item match gives under a frame.
func (s *sent) kindOf(it match, r *rule) (axis.Kind, string, bool) {
	node := s.c.rs.trie
	for i := it.start; i < it.end; i++ {
		node = node.next[s.toks[i].low]
	}
	want := func(k axis.Kind) bool {
		switch r.Frame {
		case "give", "receive":
			return k.Family() == axis.FamilyTransfer
		case "act":
			return k == r.kind
		case "mutual":
			return k == r.kind
		}
		return false
	}
	for _, e := range node.entries {
		if e.kind == pItem && want(e.itemKind) {
			return e.itemKind, e.item, true
		}
	}
	return "", "", false
}

type kindItem struct {
	kind axis.Kind
	item string
	m    match
}

// transferItems maps item matches to (kind, item), turning arms near a
// technology word into technology.
func (s *sent) transferItems(its []match, r *rule) []kindItem {
	var out []kindItem
	for _, it := range its {
		k, item, ok := s.kindOf(it, r)
		if !ok || s.valueItem(it) {
			continue
		}
		if m, ok := r.MapItems[item]; ok && k.HasItem(m) {
			item = m
		}
		if k == axis.Arms || k == axis.Technology && item == "other_tech" {
			for _, tw := range s.tech {
				if abs(tw.start-it.start) <= 5 && !(tw.start >= it.start && tw.end <= it.end) {
					if k == axis.Arms {
						if m, ok := s.c.rs.techMap[item]; ok {
							k, item = axis.Technology, m
						}
					}
				}
			}
		}
		out = append(out, kindItem{k, item, it})
	}
	// a generic technology word next to a specific technology item is that item
	hasSpecific := false
	for _, x := range out {
		hasSpecific = hasSpecific || x.kind == axis.Technology && x.item != "other_tech"
	}
	if hasSpecific {
		kept := out[:0]
		for _, x := range out {
			if !(x.kind == axis.Technology && x.item == "other_tech") {
				kept = append(kept, x)
			}
		}
		out = kept
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// codeTrigger applies a trigger's frame.
func (s *sent) codeTrigger(tm match) []cand {
	r := tm.p.rule
	switch r.Frame {
	case "give", "receive":
		cs := s.frameTransfer(tm)
		if r.Frame == "give" && !tm.p.noun && len(cs) > 0 {
			cs = append(cs, s.gapped(tm, cs[0])...)
		}
		return cs
	case "act":
		return s.frameAct(tm)
	case "visit":
		return s.frameVisit(tm)
	case "member":
		return s.frameMember(tm)
	case "mutual", "trade":
		return s.frameMutual(tm)
	}
	return nil
}

// gapped codes the further recipients of a gapped list after a transfer:
// "sent shells to Russia and rifles to Iran" gives Iran the rifles, with the
// source and status of the first transfer c.
func (s *sent) gapped(tm match, c cand) []cand {
	var out []cand
	end := s.clauseEnd(tm.end, tm)
	for i := tm.end; i+3 < end; i++ {
		if s.toks[i].low != "and" || s.mAt[i-1] < 0 {
			continue
		}
		j := i + 1
		for j < end && j <= i+3 && (s.c.rs.dets[s.toks[j].low] || s.toks[j].kind == tNum) {
			j++
		}
		it, ok := s.itemAt(j)
		if !ok || it.start != j || it.end >= end || !c.r.targets[s.toks[it.end].low] {
			continue
		}
		k := it.end + 1
		for k < end && s.mAt[k] < 0 && s.c.rs.dets[s.toks[k].low] {
			k++
		}
		if k >= end || s.mAt[k] < 0 {
			continue
		}
		kind, item, ok := s.kindOf(it, c.r)
		if !ok || s.valueItem(it) {
			continue
		}
		chain := s.chain(s.mAt[k])
		for _, code := range s.codesOf(chain) {
			if code == c.src || code == c.tgt {
				continue
			}
			cc := c
			cc.kind, cc.item, cc.itm = kind, item, it
			cc.tgt, cc.tgtEnt = code, s.entityOf(chain, code)
			cc.qty = nil
			cc.words = append(append([]string{}, c.words...), "gapped item="+s.span(it.start, it.end), "target="+s.span(k, s.ms[s.mAt[k]].end))
			out = append(out, cc)
		}
	}
	return out
}

func (s *sent) base(tm match) cand {
	r := tm.p.rule
	c := cand{r: r, kind: r.kind, conf: r.Confidence, trigger: tm}
	if tm.p.noun {
		c.conf -= 0.05
	}
	c.words = []string{"trigger=" + s.span(tm.start, tm.end)}
	return c
}

// situated is base with the status and the date the sentence gives the
// trigger: what every frame but the transfer frame needs before it finds
// its parties.
func (s *sent) situated(tm match) cand {
	c := s.base(tm)
	st, cw := s.status(tm)
	c.status = st
	c.words = append(c.words, cw...)
	c.date, c.until = s.dateNear(tm)
	return c
}

// measureReason finds who made a transfer given as the reason for a
// sanction or a protest: "sanctions on Iranian officials over drone
// deliveries to Russia", "sanctioned US firms for the arms sale to
// Taipei": the object of the measure, or -1.
func (s *sent) measureReason(tm match) int {
	i := tm.start - 1
	for i >= 0 && (s.c.rs.dets[s.toks[i].low] || isAdj(s.toks[i].low)) {
		i--
	}
	for i >= 0 {
		if _, ok := s.itemAt(i); !ok {
			break
		}
		i--
	}
	for i >= 0 && s.c.rs.dets[s.toks[i].low] {
		i--
	}
	if i < 1 || s.toks[i].low != "over" && s.toks[i].low != "for" {
		return -1
	}
	for _, t := range s.trig {
		if t.end > i || t.p.rule == nil || (t.p.rule.kind != axis.Sanction && t.p.rule.kind != axis.Condemn) {
			continue
		}
		obj := -1
		for j := t.end; j < i; j++ {
			if s.isStop(j) || s.toks[j].low == "," || s.clauseBreak(j) {
				obj = -1
				break
			}
			if k := s.mAt[j]; k >= 0 && obj < 0 {
				obj = k
			}
		}
		if obj >= 0 {
			return obj
		}
	}
	return -1
}

// relativeObject finds the item a relative clause around a giving verb
// has for its object: "the drones that Moscow is reported to have given
// Pyongyang", "shells which Pyongyang sent".
func (s *sent) relativeObject(tm match) (match, bool) {
	named := false
	for q := tm.start - 1; q >= 1 && q >= tm.start-8; q-- {
		w := s.toks[q].low
		if w == "that" || w == "which" {
			if !named {
				return match{}, false
			}
			for _, it := range s.items {
				if it.end == q {
					return it, true
				}
			}
			return match{}, false
		}
		if s.mAt[q] >= 0 {
			named = true
		}
		if s.isStop(q) || s.toks[q].kind == tPunct {
			break
		}
	}
	return match{}, false
}

// vesselObject reports whether the object of a deploying verb is a ship
// named by no item ("a survey ship", "research vessels").
func (s *sent) vesselObject(tm match) bool {
	for i := tm.end; i < len(s.toks) && i < tm.end+5; i++ {
		if _, ok := s.itemAt(i); ok || s.mAt[i] >= 0 && !s.ms[s.mAt[i]].demonym() || s.isStop(i) || s.toks[i].kind == tPunct {
			return false
		}
		switch s.toks[i].low {
		case "ship", "ships", "vessel", "vessels", "boat", "boats":
			return true
		}
	}
	return false
}

// helpedToBuild reports whether a building verb is an infinitive ("to
// build") or the complement of a helping verb ("helped them build").
func (s *sent) helpedToBuild(tm match) bool {
	for i := tm.start - 1; i >= 0 && i >= tm.start-4; i-- {
		w := s.toks[i].low
		if w == "to" || strings.HasPrefix(w, "help") || strings.HasPrefix(w, "assist") || w == "aided" || w == "aid" {
			return true
		}
		if s.isStop(i) || s.toks[i].kind == tPunct {
			break
		}
	}
	return false
}

// builtFor finds who receives what a building verb builds: the possessor
// of its object ("building Iran's plant") or a name after "in" or "for"
// in its clause, before end.
func (s *sent) builtFor(tm match, end int) int {
	i := tm.end
	for i < end && s.c.rs.dets[s.toks[i].low] {
		i++
	}
	if i < end && s.mAt[i] >= 0 && s.ms[s.mAt[i]].poss {
		return s.mAt[i]
	}
	for ; i+1 < end; i++ {
		if w := s.toks[i].low; w == "," || w == "and" || s.isStop(i) {
			return -1
		}
		if w := s.toks[i].low; w == "in" || w == "for" || w == "at" {
			j := i + 1
			for j < end && s.c.rs.dets[s.toks[j].low] {
				j++
			}
			// "at Hungary's Paks plant", never "at the border"
			if j < end && s.mAt[j] >= 0 && s.ms[s.mAt[j]].start == j && (w != "at" || s.ms[s.mAt[j]].poss) {
				return s.mAt[j]
			}
			return -1
		}
	}
	return -1
}

func (s *sent) frameTransfer(tm match) []cand {
	r := tm.p.rule
	if tm.p.noun && s.restrictedFlow(tm) {
		return nil // "restrictions on exports of chips to Seoul": a measure against the flow
	}
	if r.ID == "deploy" && !tm.p.noun && s.vesselObject(tm) {
		return nil // "deployed a survey ship into its zone": a ship at sea, not forces sent to help
	}
	give := r.Frame == "give"
	pass := s.passive(tm)
	end := s.clauseEnd(tm.end, tm)
	start := s.clauseStart(tm.start, tm)
	after := s.itemsBetween(tm.end, end)
	// items before the trigger belong to it in the passive ("drones were
	// delivered"), for nouns ("drone deliveries"), and when the subject is
	// what moves ("troops arrived", "troops fighting for")
	var before []match
	if pass || tm.p.noun || r.Origin || r.Object {
		before = s.itemsBetween(start, tm.start)
	}
	if give && !tm.p.noun && !pass && len(before) == 0 && len(after) == 0 {
		if it, ok := s.relativeObject(tm); ok {
			before = []match{it} // "the drones that Moscow gave Pyongyang"
		}
	}
	if tm.p.noun && len(before) == 0 {
		// "its gas exports to Italy": the item the noun blocked is what flows
		for _, it := range s.allItems {
			if it.end == tm.start {
				before = append(before, it)
			}
		}
	}
	main, exch := after, []match(nil)
	if x0, x1 := s.exchangeAt(tm.end, end, r); x0 >= 0 {
		main, exch = s.itemsBetween(tm.end, x0), s.itemsBetween(x1, end)
	}
	its := append(append([]match{}, before...), main...)
	kis := s.transferItems(its, r)
	if len(kis) == 0 && r.defKind != "" {
		kis = []kindItem{{r.defKind, r.defItem, match{start: -1}}}
	}
	if len(kis) == 0 && tradeWords[s.toks[tm.start].low] {
		// "China's exports to Russia reached $111bn": trade with no item named
		kis = []kindItem{{axis.Trade, "", match{start: -1}}}
	}
	if len(kis) == 0 {
		return nil // nothing said to flow
	}
	src, tgt := -1, -1
	var srcChain, tgtChain []int
	srcFromOrigin := false
	originOf := func() int {
		for _, ki := range kis {
			if ki.m.start >= 0 {
				if k := s.itemOrigin(ki.m); k >= 0 {
					srcFromOrigin = true
					return k
				}
			}
		}
		return -1
	}
	limit := end - tm.end + 1
	if limit < 4 {
		limit = 4
	}
	if give {
		switch {
		case r.Origin:
			src = originOf()
			tgt = s.prepTarget(tm.end, limit, r.targets, true)
		case pass:
			src = s.agentAfter(tm.end)
			if src < 0 {
				src = originOf()
			}
			tgt = s.prepTarget(tm.end, limit, r.targets, false)
			if tgt < 0 {
				if k := s.subjectLeft(tm.start); k >= 0 && !s.modifiesItem(&s.ms[k]) {
					tgt = k
				}
			}
		case tm.p.noun:
			isSupplier := strings.HasPrefix(s.toks[tm.start].low, "supplier") || strings.HasPrefix(s.toks[tm.start].low, "provider")
			if isSupplier {
				src = s.subjectLeft(tm.start)
				if src >= 0 && !s.copulaBetween(s.ms[src].end, tm.start) {
					src = -1 // "Hungary defended its supplier": the supplier is not Hungary
				}
				if k := s.possessorBefore(tm.start); k >= 0 && k != src {
					tgt = k
				}
			} else {
				src = s.possessorBefore(tm.start)
				if src < 0 {
					src = s.agentAfter(tm.end)
				}
				if src < 0 {
					// "gas flows from Russia to China", "deliveries from Belarus to Serbia"
					if k := s.afterWord(tm.end, 4, "from"); k >= 0 && s.prepTarget(tm.end, limit, r.targets, false) >= 0 {
						src = k
					}
				}
				if src < 0 {
					src = originOf()
				}
				if src < 0 {
					src = s.measureReason(tm)
				}
				if src < 0 {
					src = s.subjectLeft(tm.start)
				}
			}
			if tgt < 0 {
				tgt = s.prepTarget(tm.end, limit, r.targets, false)
			}
		default:
			src = s.gerundSubject(tm)
			if src < 0 {
				src = s.subjectLeft(tm.start)
			}
			if src < 0 {
				src = s.subjectRight(tm.end)
			}
			if src < 0 {
				src = s.topic()
			}
			if r.Object {
				tgt = s.prepTarget(tm.end, 6, r.targets, true)
				if tgt < 0 {
					for i := tm.end; i < len(s.toks) && i < tm.end+4; i++ {
						if k := s.mAt[i]; k >= 0 {
							tgt = k
							break
						}
					}
				}
			} else {
				tgt = s.prepTarget(tm.end, 3, nil, true)
				if tgt < 0 {
					tgt = s.prepTarget(tm.end, limit, r.targets, false)
				}
			}
		}
	} else { // receive
		switch {
		case pass:
			tgt = s.agentAfter(tm.end)
			src = s.afterWord(tm.end, limit, "from")
			if src < 0 {
				src = originOf()
			}
		case tm.p.noun && tradeWords[s.toks[tm.start].low] && s.possessorBefore(tm.start) >= 0:
			// "India's imports from Russia": the possessor imports; "Moscow
			// accounted for 36% of India's arms imports", "China's share of
			// Russia's imports of chips": the subject of the share supplies
			tgt = s.possessorBefore(tm.start)
			src = s.afterWord(tm.end, limit, "from")
			if src < 0 {
				src = originOf()
			}
			if src == tgt {
				src = -1 // "India's arms imports": the importer's own arms are not an origin
				srcFromOrigin = false
			}
			if src < 0 && s.shareBefore(s.ms[tgt].start) {
				if k := s.subjectLeft(s.ms[tgt].start); k >= 0 && k != tgt {
					src = k
				}
			}
		case tm.p.noun:
			tgt = s.subjectLeft(tm.start)
			src = s.possessorBefore(tm.start)
			if src == tgt {
				src = -1
			}
			if src < 0 {
				src = s.afterWord(tm.end, limit, "from")
			}
			if src < 0 {
				src = originOf()
			}
		default:
			tgt = s.gerundSubject(tm)
			if tgt < 0 {
				tgt = s.subjectLeft(tm.start)
			}
			if tgt < 0 {
				tgt = s.subjectRight(tm.end)
			}
			src = s.afterWord(tm.end, limit, "from")
			if src < 0 {
				src = originOf()
			}
		}
	}
	if r.ID == "build" && !pass {
		// "built reactors in Iran", "is building Iran's plant": only a
		// place or a beneficiary of the building receives it
		tgt = s.builtFor(tm, end)
	}
	if src >= 0 && srcFromOrigin {
		// the source came from one item's origin: keep the items of that origin
		kept := kis[:0]
		for _, ki := range kis {
			if ki.m.start >= 0 {
				if o := s.itemOrigin(ki.m); o >= 0 && s.ms[o].codes[0] != s.ms[src].codes[0] {
					continue
				} else if o < 0 && s.afterWord(ki.m.end, 2, "from") < 0 && len(kis) > 1 {
					continue
				}
			}
			kept = append(kept, ki)
		}
		kis = kept
	}
	if src >= 0 {
		srcChain = s.chain(src)
	}
	if tgt >= 0 {
		tgtChain = s.chain(tgt)
		if m := &s.ms[tgt]; m.start > tm.end && s.governor(m) != "" {
			last := m.end
			for _, k := range tgtChain {
				last = max(last, s.ms[k].end)
			}
			kept := kis[:0]
			hasBefore := false
			for _, ki := range kis {
				hasBefore = hasBefore || ki.m.start >= 0 && ki.m.start < m.start
			}
			for _, ki := range kis {
				if !hasBefore || ki.m.start < last {
					kept = append(kept, ki)
				}
			}
			kis = kept
		}
	}
	st, cueWords := s.status(tm)
	base := s.base(tm)
	base.status = st
	base.words = append(base.words, cueWords...)
	srcCodes, tgtCodes := s.codesOf(srcChain), s.codesOf(tgtChain)
	var out, moved []cand
	noImplicit := r.ID == "build" // what is built goes only where the sentence says
	if give && tgt >= 0 && (s.combatBefore(tm, &s.ms[tgt]) || s.frontierOf(&s.ms[tgt])) {
		// "sent troops to fight in Ukraine", "to the war in Ukraine": where
		// the force fights is not a state it helps
		tgtCodes, tgtChain, noImplicit = nil, nil, true
	}
	if give {
		kis, moved = s.troopsHosts(tm, kis, src, srcFromOrigin, base)
	}
	emit := func(srcCodes, tgtCodes []string, kis []kindItem, needSrc bool) {
		for _, ki := range kis {
			c := base
			c.kind, c.item = ki.kind, ki.item
			c.words = append([]string{}, base.words...)
			if ki.m.start >= 0 {
				c.words = append(c.words, "item="+s.span(ki.m.start, ki.m.end))
				c.itm = ki.m
				c.qty = s.quantity(ki.m)
			}
			c.date, c.until = s.dateNear(tm)
			ss, ts := srcCodes, tgtCodes
			if len(ss) == 0 && needSrc {
				for _, t := range ts {
					cc := c
					cc.tgt, cc.needSrc = t, true
					out = append(out, cc)
				}
				continue
			}
			if len(ts) == 0 && give && len(ss) > 0 && !tm.p.noun && !noImplicit && s.distinctCodes() == 2 && !s.prepAfter(tm, r) {
				// implicit target: the one other state the sentence names,
				// unless it is named as the enemy ("sent troops to fight Ukraine")
				for _, m := range s.ms {
					if c := m.codes[0]; len(m.codes) == 1 && !contains(ss, c) && s.c.actorKind(c) == axis.ActorState && !s.isModifier(&m) &&
						!s.combatBefore(tm, &m) && s.governor(&m) != "against" && !s.inAttribution(&m) && !s.otherClause(&m, tm) &&
						!s.relationalOwner(&m) {
						ts = []string{c}
						break
					}
				}
				if len(ts) > 0 {
					c.conf = 0.45
					c.words = append(c.words, "target=sentence:"+ts[0])
				}
			}
			if len(ts) == 0 && give && len(ss) > 0 && !tm.p.noun && !noImplicit && s.distinctCodes() == 1 {
				// implicit target: the last other state of the paragraph
				for _, p := range s.par.recent {
					if !contains(ss, p) && s.c.actorKind(p) == axis.ActorState {
						ts = []string{p}
						c.conf = 0.4
						c.words = append(c.words, "target=paragraph:"+p)
						break
					}
				}
			}
			for _, a := range ss {
				for _, b := range ts {
					cc := c
					cc.src, cc.tgt = a, b
					cc.srcEnt, cc.tgtEnt = s.entityOf(srcChain, a), s.entityOf(tgtChain, b)
					cc.words = append([]string{}, c.words...)
					if t := s.textOf(srcChain, a); t != "" {
						cc.words = append(cc.words, "source="+t)
					}
					if t := s.textOf(tgtChain, b); t != "" {
						cc.words = append(cc.words, "target="+t)
					}
					out = append(out, cc)
				}
			}
		}
	}
	if r.Reciprocal && len(tgtCodes) == 0 && len(srcCodes) > 1 {
		// "Japan and South Korea agreed to share data": each gives the other
		for _, a := range srcCodes {
			var others []string
			for _, b := range srcCodes {
				if b != a {
					others = append(others, b)
				}
			}
			emit([]string{a}, others, kis, false)
		}
		return out
	}
	emit(srcCodes, tgtCodes, kis, !give)
	if len(exch) > 0 {
		// what is given "in exchange for" flows the other way
		emit(tgtCodes, srcCodes, s.transferItems(exch, r), false)
	}
	return append(out, moved...)
}

// combatBefore reports whether a name is where forces fight rather than a
// destination: a combat word governs it ("to fight Ukraine", "to the front
// lines in Ukraine", "for the war against Ukraine"), looking back over
// determiners and prepositions and at most two other words.
//
// Only the words between the trigger and the name count ("fight for Russia"
// is the trigger), and what flows ends the search ("combat vehicles to
// Kyiv").
func (s *sent) combatBefore(tm match, m *mention) bool {
	words := 0
	for i := m.start - 1; i >= tm.end && words < 2; i-- {
		w := s.toks[i].low
		if _, ok := s.itemAt(i); ok {
			return false
		}
		if s.c.rs.combat[w] {
			return true
		}
		if s.isStop(i) || w == "," || s.clauseBreak(i) || s.mAt[i] >= 0 {
			return false
		}
		if s.c.rs.dets[w] || s.c.rs.preps[w] || w == "'s" {
			continue
		}
		words++
	}
	return false
}

// frontierOf reports whether a possessive names a state's border or
// approaches rather than the state ("troops to Ukraine's northern border").
func (s *sent) frontierOf(m *mention) bool {
	if !m.poss || m.pron && !m.poss {
		return false
	}
	for i := s.after(m); i < len(s.toks) && i < s.after(m)+3; i++ {
		w := s.toks[i].low
		if s.c.rs.frontier[w] {
			return true
		}
		if !isAdj(w) && !compass[w] {
			return false
		}
	}
	return false
}

var compass = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true, "north-eastern": true,
	"north-western": true, "south-eastern": true, "south-western": true, "entire": true, "whole": true}

// troopsHosts redirects troops that a sentence places with a host. A force
// is sent to help the state that receives it, not the place it is sent to
// fight:
//   - "North Korean troops in Russia may be deployed to Ukraine": the troops
//     are with Russia (PRK -> RUS, with the status the sentence gives their
//     presence); the deployment to Ukraine is not support for Ukraine;
//   - "Moscow deployed North Korean soldiers in Kursk": the deployer of
//     another state's troops is their host (PRK -> RUS).
//
// It returns the items left to the trigger and the relations moved.
func (s *sent) troopsHosts(tm match, kis []kindItem, src int, srcFromOrigin bool, base cand) ([]kindItem, []cand) {
	var moved []cand
	kept := kis[:0:0]
	for _, ki := range kis {
		if ki.kind != axis.Troops || ki.m.start < 0 {
			kept = append(kept, ki)
			continue
		}
		origin := s.itemOrigin(ki.m)
		from := origin
		if from < 0 {
			from = src
		}
		if host := s.troopsHost(ki.m, tm); host >= 0 && from >= 0 && !contains(s.ms[from].codes, s.ms[host].codes[0]) {
			c := base
			c.kind, c.item, c.trigger = ki.kind, ki.item, ki.m
			c.status, c.words = s.status(ki.m)
			c.words = append([]string{"item=" + s.span(ki.m.start, ki.m.end), "host=" + s.ms[host].text}, c.words...)
			c.qty = s.quantity(ki.m)
			c.date, c.until = s.dateNear(ki.m)
			c.conf = 0.55
			moved = append(moved, s.pairs(c, s.chain(from), s.chain(host))...)
			continue
		}
		if (tm.p.rule.HostDeployer || s.sentForces(tm, ki.m)) && origin >= 0 && src >= 0 && !srcFromOrigin && !s.ms[src].pron && !contains(s.ms[origin].codes, s.ms[src].codes[0]) &&
			s.c.actorKind(s.ms[src].codes[0]) == axis.ActorState {
			c := base
			c.kind, c.item = ki.kind, ki.item
			c.words = append(append([]string{}, base.words...), "item="+s.span(ki.m.start, ki.m.end), "deployer="+s.ms[src].text)
			c.qty = s.quantity(ki.m)
			c.date, c.until = s.dateNear(tm)
			c.conf = 0.6
			moved = append(moved, s.pairs(c, s.chain(origin), s.chain(src))...)
			continue
		}
		if origin >= 0 && src >= 0 && !srcFromOrigin && !s.ms[src].pron && !contains(s.ms[origin].codes, s.ms[src].codes[0]) &&
			!s.c.rs.irregular[s.toks[ki.m.end-1].low] {
			continue // "helping Ukrainian forces with intelligence": the forces receive, they do not flow
		}
		kept = append(kept, ki)
	}
	return kept, moved
}

// sentForces reports whether troops are the direct object of a verb of
// sending ("sent North Korean troops to Kursk"; not "helped Ukrainian
// forces"), not its recipient ("sent weapons
// to Ukrainian troops", "supplied Ukrainian forces with tanks"), and are a
// state's forces rather than nationals hired ("Syrian mercenaries").
func (s *sent) sentForces(tm match, it match) bool {
	if tm.p.noun || !s.c.rs.senders[s.toks[tm.start].low] || it.start < tm.end || it.start > tm.end+4 || s.c.rs.irregular[s.toks[it.end-1].low] {
		return false
	}
	for i := tm.end; i < it.start; i++ {
		if s.c.rs.preps[s.toks[i].low] || s.toks[i].low == "," {
			return false
		}
		if _, ok := s.itemAt(i); ok {
			return false
		}
	}
	return it.end >= len(s.toks) || s.toks[it.end].low != "with"
}

// troopsHost finds the state troops are said to be in, between the troops
// and the trigger: "troops (now) in Russia", "soldiers stationed inside
// Russia".
func (s *sent) troopsHost(it match, tm match) int {
	end := tm.start
	if it.start >= tm.end {
		return -1 // "deployed troops in Russia": the trigger's own target
	}
	for i := it.end; i < end && i < it.end+5; i++ {
		if s.isStop(i) || s.toks[i].low == "," {
			return -1
		}
		k := s.mAt[i]
		if k < 0 {
			continue
		}
		m := &s.ms[k]
		if g := s.governor(m); (g == "in" || g == "inside" || g == "into") && !s.isModifier(m) &&
			s.c.actorKind(m.codes[0]) == axis.ActorState {
			return k
		}
		return -1
	}
	return -1
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (s *sent) entityOf(chain []int, code string) string {
	for _, k := range chain {
		if contains(s.ms[k].codes, code) && s.ms[k].entity != "" {
			return s.ms[k].entity
		}
	}
	return ""
}

func (s *sent) textOf(chain []int, code string) string {
	for _, k := range chain {
		if contains(s.ms[k].codes, code) {
			return s.ms[k].text
		}
	}
	return ""
}

func (s *sent) frameAct(tm match) []cand {
	r := tm.p.rule
	s.actDirect = true
	defer func() { s.actDirect = false }()
	pass := s.passive(tm)
	if r.kind == axis.Condemn && !tm.p.noun && !pass && tm.end < len(s.toks) && (s.toks[tm.end].low == "of" || s.toks[tm.end].low == "for") &&
		strings.HasSuffix(s.toks[tm.end-1].low, "ed") && !strings.HasPrefix(s.toks[tm.start].low, "protest") {
		// "a Chinese firm accused of shipping chips", "Iran, blamed for the
		// attack": a reduced passive; the name before it is accused, not
		// accusing
		return nil
	}
	src, tgt := -1, -1
	switch {
	case r.Beneficiary:
		if tm.p.noun {
			src = s.possessorBefore(tm.start)
		}
		if src < 0 {
			src = s.gerundSubject(tm)
		}
		if src < 0 {
			src = s.subjectLeft(tm.start)
		}
		tgt = s.beneficiary(tm)
	case pass:
		src = s.agentAfter(tm.end)
		if src >= 0 && !s.agentHead(src) {
			// "threatened by this new North Korea-Russia alliance", "by
			// Russia's ambitions": the agent is a thing the names modify
			return nil
		}
		if s.c.rs.preps[s.toks[tm.end-1].low] {
			// "missiles were fired at Kyiv by Russian forces": the
			// preposition's object is the target, the subject what flew
			tgt = s.prepTarget(tm.end, 3, nil, true)
		}
		if tgt < 0 {
			tgt = s.subjectLeft(tm.start)
		}
	case tm.p.noun:
		if r.PossessorTarget {
			tgt = s.possessorBefore(tm.start)
			if tgt >= 0 {
				src = s.subjectLeft(s.ms[tgt].start)
			} else {
				src = s.subjectLeft(tm.start)
			}
		} else {
			src = s.possessorBefore(tm.start)
			if src < 0 {
				src = s.afterWord(tm.end, 3, "from")
			}
			if src < 0 && s.lightVerbBefore(tm.start) {
				src = s.subjectLeft(tm.start)
			}
			if src < 0 {
				src = s.nounPassiveAgent(tm)
			}
		}
		if tgt < 0 && tm.end < len(s.toks) && nounVerbs[s.toks[tm.end].low] {
			// "US penalties hit Russian banks": the noun acts on the object
			tgt = s.prepTarget(tm.end+1, 3, nil, true)
		}
		if tgt < 0 {
			s.stopComma = true
			tgt = s.prepTarget(tm.end, 10, r.targets, true)
			s.stopComma = false
		}
		if tgt < 0 && src >= 0 && r.kind == axis.Sanction {
			// "Cuba condemned the US embargo": measures a state denounces
			// with no target named are the ones on itself
			tgt = s.condemner(tm, src)
		}
	default:
		if r.kind == axis.Attack && tm.start > 0 && s.c.rs.measures[s.toks[tm.start-1].low] && nounVerbs[s.toks[tm.start].low] {
			return nil // "sanctions targeting Iranian firms", "penalties hit Russian banks": not force
		}
		src = s.gerundSubject(tm)
		if src < 0 {
			src = s.subjectLeft(tm.start)
		}
		if src < 0 {
			src = s.subjectRight(tm.end)
		}
		tgt = s.prepTarget(tm.end, 3, nil, true)
		if tgt < 0 && tm.end+2 < len(s.toks) && s.toks[tm.end].low == "and" && strings.HasSuffix(s.toks[tm.end+1].low, "ed") &&
			s.mAt[tm.end+1] < 0 && isLowerWord(s.toks[tm.end+1].text) {
			// "rammed and boarded Philippine boats": two verbs share the object
			tgt = s.prepTarget(tm.end+2, 3, nil, true)
		}
		if tgt >= 0 && r.kind == axis.Attack && strings.HasPrefix(s.toks[tm.start].low, "fir") && s.modifiesItem(&s.ms[tgt]) {
			tgt = -1 // "fired North Korean missiles at Kharkiv": the weapon's maker is not the target
		}
		if tgt < 0 || tgt == src {
			tgt = s.prepTarget(tm.end, 10, r.targets, false)
		}
		if tgt < 0 && r.kind == axis.Sanction {
			tgt = s.firmsIn(tm.end)
		}
		if tgt < 0 && r.kind == axis.Condemn {
			tgt = s.byTarget(tm.end)
		}
		if tgt < 0 && r.kind == axis.Condemn && tm.end+1 < len(s.toks) && (s.toks[tm.end].low == "after" || s.toks[tm.end].low == "when") {
			// "Manila protested after Beijing deployed a ship": the subject
			// of what provoked the protest
			j := tm.end + 1
			for j < len(s.toks) && j <= tm.end+3 && s.mAt[j] < 0 && s.c.rs.dets[s.toks[j].low] {
				j++
			}
			if j < len(s.toks) && s.mAt[j] >= 0 && !s.ms[s.mAt[j]].poss {
				tgt = s.mAt[j]
			}
		}
	}
	if src < 0 || tgt < 0 {
		return nil
	}
	if r.kind == axis.DiplomaticSupport && !tm.p.noun && tm.start > 0 && s.toks[tm.start-1].low == "for" &&
		strings.HasSuffix(s.toks[tm.start].low, "ing") && s.backsForces(tgt) {
		// "sanctioned for backing Russia's military", "criticised for
		// supporting Russia's war machine": the reason given is material
		// help, not words or votes
		return nil
	}
	if r.ForcesTarget && !s.forcesTarget(tm, tgt) {
		return nil // "engaged with Russia", "clashed with Washington over trade": not combat
	}
	if r.ForcesModifier && (s.ms[tgt].demonym() || s.ms[tgt].poss) && !s.forcesTarget(tm, tgt) {
		return nil // "vowed to fight Chinese influence": not forces
	}
	c := s.situated(tm)
	if r.kind == axis.Attack {
		items := s.attackItems(tm, r, tgt)
		if len(items) == 0 {
			items = []string{r.defItem}
		}
		var out []cand
		for _, it := range items {
			cc := c
			cc.item = it
			out = append(out, s.pairs(cc, s.chain(src), s.chain(tgt))...)
		}
		return out
	}
	return s.pairs(c, s.chain(src), s.chain(tgt))
}

// condemner finds the subject of a condemning verb whose object is the
// measure tm ("Caracas denounced Washington's oil sanctions"), or -1.
func (s *sent) condemner(tm match, src int) int {
	for _, t := range s.trig {
		if t.p.noun || t.p.rule.kind != axis.Condemn || t.end > tm.start || tm.start-t.end > 5 {
			continue
		}
		clean := true
		for i := t.end; i < tm.start; i++ {
			if s.isStop(i) || s.toks[i].low == "," || s.clauseBreak(i) || s.c.rs.preps[s.toks[i].low] {
				clean = false
			}
		}
		if !clean || s.passive(t) {
			continue
		}
		if k := s.subjectLeft(t.start); k >= 0 && k != src && s.ms[k].end <= t.start {
			return k
		}
	}
	return -1
}

// restrictedFlow reports whether a transfer noun is what a measure
// restricts ("a ban on imports of", "restrictions on exports of").
func (s *sent) restrictedFlow(tm match) bool {
	i := tm.start - 1
	for i >= 0 && s.c.rs.dets[s.toks[i].low] {
		i--
	}
	if i < 1 || s.toks[i].low != "on" {
		return false
	}
	switch s.toks[i-1].low {
	case "ban", "bans", "restrictions", "restriction", "curbs", "curb", "controls", "limits", "embargo", "tariffs", "tariff", "cap", "sanctions":
		return true
	}
	return false
}

// firmsIn finds the state in "sanctioned a dozen entities in China",
// "firms based in Hong Kong": firms named by where they are.
func (s *sent) firmsIn(from int) int {
	for _, f := range s.firms {
		if f.start < from || f.start > from+6 {
			continue
		}
		j := f.end
		if j < len(s.toks) && (s.toks[j].low == "based" || s.toks[j].low == "registered" || s.toks[j].low == "located") {
			j++
		}
		if j+1 < len(s.toks) && s.toks[j].low == "in" && s.mAt[j+1] >= 0 {
			return s.mAt[j+1]
		}
		if j+2 < len(s.toks) && s.toks[j].low == "in" && s.toks[j+1].low == "the" && s.mAt[j+2] >= 0 {
			return s.mAt[j+2]
		}
	}
	return -1
}

// nounVerbs are verbs a measure noun can govern: "sanctions targeting
// Iranian firms", "new penalties hit Russian banks".
var nounVerbs = map[string]bool{"hit": true, "hits": true, "target": true, "targets": true, "targeting": true,
	"targeted": true, "targetting": true, "aimed": true, "affecting": true}

// nounPassiveAgent finds the agent of a noun trigger that is the subject
// of a passive ("Sanctions were imposed on Belarus by the EU").
func (s *sent) nounPassiveAgent(tm match) int {
	i := tm.end
	// skip the noun's own phrase ("Sanctions on Iranian oil were tightened")
	for j := tm.end; j < len(s.toks) && j < tm.end+6; j++ {
		if s.isStop(j) || s.toks[j].low == "," || s.clauseBreak(j) {
			break
		}
		if beForms[s.toks[j].low] || s.toks[j].low == "has" || s.toks[j].low == "have" {
			i = j
			break
		}
	}
	aux := false
	if j := tm.end; j+1 < len(s.toks) && s.toks[j+1].low == "by" && strings.HasSuffix(s.toks[j].low, "ed") && s.c.rs.lightVerbs[s.toks[j].low] {
		i, aux = j, true // "the sanctions imposed by Washington on Tehran": a reduced passive
	}
	for ; !aux && i < len(s.toks) && i < tm.end+10; i++ {
		switch s.toks[i].low {
		case "was", "were", "is", "are", "been", "being", "has", "have", "had", "be", "also", "first", "later":
			aux = true
			continue
		}
		break
	}
	if !aux || i >= len(s.toks) || !s.c.rs.lightVerbs[s.toks[i].low] {
		return -1
	}
	k := s.agentAfter(i + 1)
	if k >= 0 && !s.agentHead(k) {
		return -1
	}
	return k
}

// backsForces reports whether a supported name modifies forces or a war
// effort ("Russia's military", "Moscow's war machine").
func (s *sent) backsForces(k int) bool {
	m := &s.ms[k]
	if !m.poss && !m.demonym() {
		return false
	}
	a := s.after(m)
	if a < len(s.toks) && s.toks[a].low == "'s" {
		a++
	}
	if a >= len(s.toks) {
		return false
	}
	switch s.toks[a].low {
	case "military", "army", "armed", "forces", "troops", "war", "defence", "defense", "arms", "invasion":
		return true
	}
	return false
}

// modifiesTroops reports whether a demonym or possessive names forces
// right after it ("Russian troops", "Ukraine's forces").
func (s *sent) modifiesTroops(m *mention) bool {
	a := s.after(m)
	for _, it := range s.items {
		if it.start >= a && it.start <= a+1 {
			if k, _, ok := s.kindOf(it, &rule{ruleSpec: ruleSpec{Frame: "give"}}); ok && k == axis.Troops {
				return true
			}
		}
	}
	return false
}

// forcesTarget reports whether the target of a combat verb is named as
// armed forces ("engaged Ukrainian forces", "Ukraine's troops") or after
// "against".
func (s *sent) forcesTarget(tm match, tgt int) bool {
	m := &s.ms[tgt]
	if s.governor(m) == "against" {
		return true
	}
	if m.start < tm.end || !(m.demonym() || m.poss) {
		return false
	}
	return s.modifiesTroops(m)
}

// agentHead reports whether the name after "by" heads its phrase ("by
// Moscow", "by Russian forces") rather than modifying a noun after it
// ("by Russia's ambitions", "by this North Korea-Russia alliance").
func (s *sent) agentHead(k int) bool {
	m := &s.ms[k]
	if m.demonym() {
		return true // "by Russian forces", "by Chinese firms"
	}
	for i := m.start - 1; i >= 0; i-- {
		w := s.toks[i].low
		if w == "this" || w == "that" || w == "these" || w == "those" || w == "such" {
			return false
		}
		if !s.c.rs.dets[w] {
			break
		}
	}
	end := m.end
	for _, c := range s.chain(k) {
		end = max(end, s.ms[c].end)
	}
	if end >= len(s.toks) {
		return true
	}
	t := s.toks[end]
	if t.low == "'s" {
		return end+1 < len(s.toks) && s.mAt[end+1] >= 0 // "by Yemen's Houthis"
	}
	if t.kind == tNum || !isLowerWord(t.text) || s.c.rs.preps[t.low] || s.clauseBreak(end) || agentFollowers[t.low] ||
		strings.HasSuffix(t.low, "ly") {
		return true
	}
	if _, ok := s.itemAt(end); ok {
		return true // "by North Korea troops"
	}
	for _, f := range s.firms {
		if f.start == end {
			return true
		}
	}
	return false
}

// agentFollowers may follow the agent of a passive ("attacked by Russia
// again", "threatened by Moscow and ...").
var agentFollowers = map[string]bool{"and": true, "or": true, "again": true, "yesterday": true, "today": true, "last": true,
	"this": true, "earlier": true, "overnight": true, "repeatedly": true, "itself": true, "too": true, "also": true, "now": true,
	"directly": true, "alone": true, "since": true, "that": true, "which": true, "who": true, "as": true, "if": true, "when": true}

func isLowerWord(w string) bool {
	return w != "" && w[0] >= 'a' && w[0] <= 'z'
}

// beneficiary finds the state a vetoed or blocked measure was aimed at:
// the first state named after the trigger, in its clause, that a hostile
// word between them targets ("vetoed new sanctions on North Korea",
// "blocked a statement condemning Pyongyang", "a resolution against
// Iran"). A name before the measure ("Russia's resolution") or after "by"
// ("a draft by Japan") is not it.
func (s *sent) beneficiary(tm match) int {
	measure, hostile := false, false
	for i := tm.end; i < len(s.toks) && i < tm.end+16; i++ {
		if s.isStop(i) || i > tm.end && s.clauseBreak(i) {
			return -1
		}
		w := s.toks[i].low
		if s.c.rs.measures[w] {
			measure = true
		}
		for _, t := range s.trig {
			if t.start == i && t.p.rule.kind.Family() == axis.FamilyHostility && t.p.rule.kind != axis.Attack {
				hostile = true
			}
		}
		k := s.mAt[i]
		if k < 0 {
			continue
		}
		m := &s.ms[k]
		g := s.governor(m)
		if m.pron && (hostile || measure && g == "against") {
			return k // "a resolution condemning its annexation": its owner, named before
		}
		if m.pron || g == "by" || g == "from" || s.isModifier(m) || s.c.actorKind(m.codes[0]) != axis.ActorState {
			i = m.end - 1
			continue
		}
		if hostile || measure && g == "against" {
			return k
		}
		i = m.end - 1
	}
	return -1
}

// attackItems lists how an attack was made: the items after "with", else
// the items in or near the trigger, leaving out items right after a name
// ("US warships" is what was attacked, not how).
func (s *sent) attackItems(tm match, r *rule, tgt int) []string {
	its := s.allItems
	if its == nil {
		its = s.items
	}
	var with, near []string
	add := func(list *[]string, x string) {
		for _, y := range *list {
			if y == x {
				return
			}
		}
		*list = append(*list, x)
	}
	for _, it := range its {
		if it.end < tm.start-6 || it.start > tm.end+8 {
			continue
		}
		_, item, ok := s.kindOf(it, r)
		if !ok {
			continue
		}
		if tgt >= 0 && it.start >= s.ms[tgt].end && it.start <= s.after(&s.ms[tgt])+2 && !(it.start >= tm.start && it.end <= tm.end) {
			continue // "an American surveillance drone" was attacked
		}
		if s.afterWith(it.start) {
			add(&with, item)
			continue
		}
		add(&near, item)
	}
	if len(with) > 0 {
		return with
	}
	return near
}

// nearItem finds an item of the rule's kind in or near the trigger.
func (s *sent) nearItem(tm match, r *rule) string {
	found := map[string]bool{}
	var order []string
	its := s.items
	if s.allItems != nil {
		its = s.allItems
	}
	for _, it := range its {
		if it.end < tm.start-6 || it.start > tm.end+6 {
			continue
		}
		if it.start+1 < len(s.toks) && s.toks[it.start].low == "sea" && startsUpper(s.toks[it.start].text) && s.toks[it.start+1].low == "of" {
			continue // "over the Sea of Japan": a place, not the kind of drill
		}
		if _, item, ok := s.kindOf(it, r); ok && !found[item] {
			found[item] = true
			order = append(order, item)
		}
	}
	if r.kind == axis.JointExercise && found["naval"] && found["air"] {
		return "combined"
	}
	if len(order) > 0 {
		return order[0]
	}
	return ""
}

func (s *sent) pairs(c cand, srcs, tgts []int) []cand {
	var out []cand
	for _, a := range s.codesOf(srcs) {
		for _, b := range s.codesOf(tgts) {
			cc := c
			cc.src, cc.tgt = a, b
			cc.srcEnt, cc.tgtEnt = s.entityOf(srcs, a), s.entityOf(tgts, b)
			cc.words = append(append([]string{}, c.words...), "source="+s.textOf(srcs, a), "target="+s.textOf(tgts, b))
			out = append(out, cc)
		}
	}
	return out
}

func (s *sent) frameVisit(tm match) []cand {
	r := tm.p.rule
	var src, tgt int
	if r.Meet {
		return s.frameMeet(tm)
	}
	if r.Reverse {
		tgt = s.subjectLeft(tm.start)
		src = s.prepTarget(tm.end, 3, nil, true)
		if src < 0 {
			src = s.delegationOf(tm.end)
		}
		if src >= 0 && s.ms[src].demonym() && !s.namesPeople(&s.ms[src]) {
			return nil // "received Chinese help": a thing, not a guest
		}
		if src >= 0 && tgt >= 0 && s.asMember(s.after(&s.ms[src])) {
			// "the SCO welcomed Belarus as a full member": it joins, it does not visit
			if k := s.c.actorKind(s.ms[tgt].codes[0]); k != axis.ActorOrganization {
				return nil
			}
			c := s.situated(tm)
			c.kind = axis.Membership
			return s.pairs(c, s.chain(src), s.chain(tgt))
		}
	} else {
		src = -1
		if tm.p.noun {
			src = s.possessorBefore(tm.start)
		}
		if src < 0 {
			src = s.subjectLeft(tm.start)
		}
		tgt = s.prepTarget(tm.end, 3, nil, true)
		if tgt < 0 {
			tgt = s.prepTarget(tm.end, 6, map[string]bool{"to": true, "in": true, "at": true}, false)
		}
		// "visit to", "trip in": the trigger ends with the preposition
		if tgt < 0 && tm.end < len(s.toks) {
			last := s.toks[tm.end-1].low
			if last == "to" || last == "in" || last == "at" {
				for i := tm.end; i < len(s.toks) && i < tm.end+3; i++ {
					if k := s.mAt[i]; k >= 0 {
						tgt = k
						break
					}
				}
			}
		}
	}
	if src < 0 || tgt < 0 || !r.Reverse && s.ms[src].demonym() && s.modifiesItem(&s.ms[src]) {
		// "North Korean troops arrived in Russia" is a transfer, not a visit
		return nil
	}
	c := s.situated(tm)
	return s.pairs(c, s.chain(src), s.chain(tgt))
}

// frameMeet codes "A met B in <place>": each party whose state is not the
// place's visited it. The place must be a state or its capital named
// after "in" in the same clause; a city the gazetteer does not know
// ("in Kazan") codes nothing.
func (s *sent) frameMeet(tm match) []cand {
	a := s.subjectLeft(tm.start)
	b := s.prepTarget(tm.end, 4, map[string]bool{"with": true}, true)
	if a < 0 || b < 0 || a == b {
		return nil
	}
	place := -1
	for i := s.ms[b].end; i < len(s.toks) && i < s.ms[b].end+6; i++ {
		if s.isStop(i) || s.toks[i].low == "," || s.clauseBreak(i) {
			break
		}
		if k := s.mAt[i]; k >= 0 {
			if s.governor(&s.ms[k]) == "in" && !s.ms[k].demonym() && !s.ms[k].poss && !s.ms[k].pron &&
				s.c.actorKind(s.ms[k].codes[0]) == axis.ActorState {
				place = k
			}
			break
		}
	}
	if place < 0 {
		return nil
	}
	c := s.situated(tm)
	var out []cand
	pc := s.ms[place].codes[0]
	for _, k := range []int{a, b} {
		if s.ms[k].pron || len(s.ms[k].codes) != 1 || s.ms[k].codes[0] == pc {
			continue
		}
		out = append(out, s.pairs(c, []int{k}, []int{place})...)
	}
	return out
}

func (s *sent) frameMember(tm match) []cand {
	src := s.subjectLeft(tm.start)
	tgt := -1
	isOrg := func(k int) bool {
		if s.ms[k].pron {
			return false
		}
		kind := s.c.actorKind(s.ms[k].codes[0])
		return kind == axis.ActorOrganization
	}
	if tm.p.rule.Reverse && !s.passive(tm) {
		// "the SCO admitted Belarus as a member": the organisation acts
		if src < 0 || !isOrg(src) {
			return nil
		}
		m := s.prepTarget(tm.end, 3, nil, true)
		if m < 0 || isOrg(m) {
			return nil
		}
		return s.pairs(s.situated(tm), s.chain(m), s.chain(src))
	}
	invited := false
	if !tm.p.noun && tm.start >= 3 && s.toks[tm.start-1].low == "to" && s.mAt[tm.start-2] >= 0 {
		// "NATO invited Finland and Sweden to join the alliance": the invited
		// join, the inviter is the organisation when no other is named
		obj := s.mAt[tm.start-2]
		ch := s.chain(obj)
		first := obj
		for _, k := range ch {
			if s.ms[k].start < s.ms[first].start {
				first = k
			}
		}
		v := s.ms[first].start - 1
		if v > 0 && strings.HasSuffix(s.toks[v].low, "ly") {
			v--
		}
		if v >= 0 && inviteVerbs[s.toks[v].low] && !isOrg(obj) {
			invited = true
			src = obj
			if k := s.subjectLeft(v); k >= 0 && isOrg(k) {
				tgt = k
			}
		}
	}
	if src < 0 && tm.p.noun && s.toks[tm.end-1].low == "of" {
		// "the accession of Sweden to NATO"
		if k := s.prepTarget(tm.end, 3, nil, true); k >= 0 && !isOrg(k) {
			src = k
		}
	}
	for i := tm.end; i < len(s.toks) && i < tm.end+8 && !(invited && tgt >= 0); i++ {
		if s.isStop(i) {
			break
		}
		if k := s.mAt[i]; k >= 0 && isOrg(k) {
			tgt = k
			break
		}
	}
	if tgt < 0 {
		if k := s.possessorBefore(tm.start); k >= 0 && isOrg(k) {
			tgt = k
			if k == src {
				src = s.subjectLeft(s.ms[k].start)
			}
		}
	}
	if src < 0 || tgt < 0 {
		return nil
	}
	c := s.situated(tm)
	if invited && (c.status == axis.Confirmed || c.status == axis.Reported) {
		c.status = axis.Prospective
		c.words = append(c.words, "cue=invited")
	}
	var tgts []int
	for _, k := range s.chain(tgt) {
		if isOrg(k) {
			tgts = append(tgts, k)
		}
	}
	return s.pairs(c, s.chain(src), tgts)
}

// frameMutual finds every party of a symmetric relation.
func (s *sent) frameMutual(tm match) []cand {
	r := tm.p.rule
	if r.Frame == "trade" && tm.start > 0 {
		if _, ok := s.itemAt(tm.start - 1); ok {
			return nil // "arms trade" is not general trade
		}
	}
	var parties []int
	add := func(ks []int) {
		for _, k := range ks {
			dup := false
			for _, p := range parties {
				dup = dup || p == k
			}
			if !dup {
				parties = append(parties, k)
			}
		}
	}
	if k := s.subjectLeft(tm.start); k >= 0 && !s.hostileBetween(s.ms[k].end, tm.start) && !s.governedList(k) {
		add(s.chain(k))
		m := &s.ms[k]
		if (m.poss || m.demonym()) && tm.start-s.after(m) <= 3 {
			if k2 := s.subjectLeft(m.start); k2 >= 0 && !s.hostileBetween(s.ms[k2].end, m.start) {
				add(s.chain(k2))
			}
		}
	}
	if k := s.possessorBefore(tm.start); k >= 0 {
		add(s.chain(k))
	}
	last := s.toks[tm.end-1].low
	for i := tm.end; i < len(s.toks) && i < tm.end+10; i++ {
		if s.isStop(i) || s.c.rs.clauseStops[s.toks[i].low] || s.toks[i].low == "," {
			break
		}
		w := s.toks[i].low
		if i == tm.end && w == "by" && r.kind == axis.JointExercise {
			w = "with" // "the joint drills by the United States and South Korea"
		}
		if w == "with" || w == "between" || (i == tm.end && (last == "with" || last == "between")) {
			j := i
			if w == "with" || w == "between" {
				j = i + 1
			}
			for ; j < len(s.toks) && j <= i+3; j++ {
				if k := s.mAt[j]; k >= 0 {
					add(s.chain(k))
					break
				}
			}
		}
	}
	codes := s.codesOf(parties)
	if len(codes) < 2 && r.kind == axis.Agreement {
		// "talks between Egypt and Ethiopia ended without agreement": the
		// parties of the talks are the parties of the (missed) agreement
		if k := s.talksParties(tm.start); k >= 0 {
			add(s.chain(k))
			codes = s.codesOf(parties)
		}
	}
	if len(codes) < 2 {
		return nil
	}
	c := s.situated(tm)
	if r.kind == axis.JointExercise {
		c.item = s.nearItem(tm, r)
	}
	c.group = len(codes) > 2
	var out []cand
	for i := 0; i < len(codes); i++ {
		for j := i + 1; j < len(codes); j++ {
			a, b := codes[i], codes[j]
			cc := c
			cc.src, cc.tgt = a, b
			cc.srcEnt, cc.tgtEnt = s.entityOf(parties, a), s.entityOf(parties, b)
			cc.words = append(append([]string{}, c.words...), "parties="+strings.Join(codes, ","))
			out = append(out, cc)
			if r.Frame == "trade" {
				cc.src, cc.tgt = b, a
				out = append(out, cc)
			}
		}
	}
	return out
}

// talksParties finds the first party of "talks/negotiations between X
// and Y" heading the clause before at, or -1.
func (s *sent) talksParties(at int) int {
	for i := at - 1; i > 0; i-- {
		w := s.toks[i].low
		if w == ";" || w == ":" {
			break
		}
		if w != "between" {
			continue
		}
		switch s.toks[i-1].low {
		case "talks", "negotiations", "meeting", "summit", "consultations":
		default:
			return -1
		}
		for j := i + 1; j < at && j <= i+3; j++ {
			if k := s.mAt[j]; k >= 0 {
				return k
			}
		}
		return -1
	}
	return -1
}

// hostileBetween reports whether a hostile trigger lies in [i, j): "Japan
// condemned Russia's naval drills" makes Japan no party to the drills.
func (s *sent) hostileBetween(i, j int) bool {
	for _, t := range s.trig {
		if t.start >= i && t.end <= j && t.p.rule.kind.Family() == axis.FamilyHostility {
			return true
		}
	}
	return false
}

// originPass codes "North Korean troops in Russia" in sentences with no
// trigger: an item with an origin and a destination.
func (s *sent) originPass() []cand {
	var out []cand
	r := &rule{ruleSpec: ruleSpec{ID: "origin", Frame: "give", Confidence: 0.5}}
	for _, it := range s.items {
		k, item, ok := s.kindOf(it, r)
		if !ok {
			continue
		}
		o := s.itemOrigin(it)
		if o < 0 {
			continue
		}
		d := s.prepTarget(it.end, 6, map[string]bool{"in": true, "to": true, "into": true, "inside": true}, false)
		if d < 0 || s.combatBefore(it, &s.ms[d]) || s.frontierOf(&s.ms[d]) {
			continue // "troops at the front in Ukraine", "troops in occupied Ukraine"
		}
		c := cand{r: r, kind: k, item: item, conf: 0.5, trigger: it}
		c.words = []string{"item=" + s.span(it.start, it.end)}
		st, cw := s.status(it)
		c.status = st
		c.words = append(c.words, cw...)
		c.qty = s.quantity(it)
		c.date, c.until = s.dateNear(it)
		out = append(out, s.pairs(c, []int{o}, s.chain(d))...)
	}
	return out
}

// finish resolves sources from reciprocity, drops self relations and
// duplicates, and drops agreements that restate a commitment.
func (s *sent) finish(cs []cand) []cand {
	exchange := false
	for i := 1; i < len(s.toks); i++ {
		w := s.toks[i].low
		exchange = exchange || (w == "return" || w == "exchange") && s.toks[i-1].low == "in"
	}
	for i := range cs {
		if !cs[i].needSrc || !exchange {
			continue
		}
		for _, g := range cs {
			if g.r.Frame == "give" && g.src == cs[i].tgt && g.tgt != "" {
				cs[i].src = g.tgt
				cs[i].words = append(cs[i].words, "source=in return:"+g.tgt)
				break
			}
		}
	}
	// "X blocked a statement condemning Y": the condemnation X blocked is
	// not one X made
	var shields []cand
	for _, c := range cs {
		if c.r.Beneficiary {
			shields = append(shields, c)
		}
	}
	if len(shields) > 0 {
		kept := cs[:0]
		for _, c := range cs {
			drop := false
			for _, v := range shields {
				drop = drop || c.kind.Family() == axis.FamilyHostility && c.kind != axis.Attack && c.src == v.src && c.tgt == v.tgt &&
					c.trigger.start > v.trigger.start
			}
			if !drop {
				kept = append(kept, c)
			}
		}
		cs = kept
	}
	cs = s.warnedAttacks(cs)
	cs = s.agreedActs(cs)
	cs = s.anaphoricCondemn(cs)
	cs = s.listedOn(cs)
	cs = s.labelled(cs)
	cs = s.joinedIn(cs)
	cs = s.reliesOn(cs)
	cs = s.thankedFor(cs)
	s.itemOwnParty(cs)
	for i := range cs {
		if cs[i].kind == axis.Attack && s.frontierObject(cs[i].trigger) {
			// "breached its airspace", "struck into Polish airspace": a
			// crossing, not an attack
			cs[i].kind, cs[i].item = axis.Incursion, ""
		}
	}
	cs = dropBareTrade(cs)
	commit := map[string]bool{}
	for _, c := range cs {
		if c.kind.Family() == axis.FamilyCommitment {
			commit[pairKey(c.src, c.tgt)] = true
		}
	}
	seen := map[string]int{}
	var out []cand
	for _, c := range cs {
		if c.src == "" || c.tgt == "" || c.src == c.tgt {
			continue
		}
		if c.kind == axis.Agreement && commit[pairKey(c.src, c.tgt)] {
			continue
		}
		if !c.kind.HasItem(c.item) {
			c.item = ""
		}
		if c.kind == axis.Visit || c.kind == axis.Membership {
			if k := s.c.actorKind(c.src); k == axis.ActorOrganization && c.kind == axis.Membership {
				continue
			}
		}
		a, b := c.src, c.tgt
		if c.kind.Symmetric() && b < a {
			a, b = b, a
		}
		key := a + "|" + b + "|" + string(c.kind) + "|" + c.item
		if j, ok := seen[key]; ok {
			if c.conf > out[j].conf {
				out[j] = c
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, c)
	}
	return out
}

// warnVerbs say a threat is uttered: "Russia has warned that it could
// strike depots in Poland" is a threat made now and an attack that may come.
var warnVerbs = map[string]bool{"warn": true, "warns": true, "warned": true, "warning": true, "threaten": true,
	"threatens": true, "threatened": true, "threatening": true}

// warnedAttacks adds the threat a warning of one's own prospective attack
// makes: "X warned that it could strike Y", "X has threatened that it will
// hit Y". The warner must be the attacker (Seoul warning that Pyongyang
// could strike Japan is no threat by Seoul); the threat's status is the
// warning's (said, denied, ...).
func (s *sent) warnedAttacks(cs []cand) []cand {
	var thr *rule
	for _, r := range s.c.rs.rules {
		if r.kind == axis.Threaten {
			thr = r
			break
		}
	}
	if thr == nil {
		return cs
	}
	n := len(cs)
	for i := 0; i < n; i++ {
		c := cs[i]
		if c.kind != axis.Attack || c.status != axis.Prospective || c.src == "" || c.tgt == "" {
			continue
		}
		for k := c.trigger.start - 2; k >= 1 && k >= c.trigger.start-12; k-- {
			if s.isStop(k) || s.toks[k].low == "," && k+1 < len(s.toks) && s.toks[k+1].low != "if" {
				break
			}
			if !warnVerbs[s.toks[k].low] || s.toks[k+1].low != "that" {
				continue
			}
			sub := s.subjectLeft(k)
			if sub < 0 || !contains(s.codesOf(s.chain(sub)), c.src) {
				break
			}
			wm := match{p: &phrase{kind: pTrigger, rule: thr}, start: k, end: k + 1}
			t := cand{r: thr, kind: axis.Threaten, src: c.src, tgt: c.tgt, srcEnt: c.srcEnt, tgtEnt: c.tgtEnt, conf: thr.Confidence * 0.9,
				trigger: wm, date: c.date, until: c.until}
			t.status, t.words = s.status(wm)
			t.words = append([]string{"trigger=" + s.span(k, k+2)}, t.words...)
			cs = append(cs, t)
			break
		}
	}
	return cs
}

// dropBareTrade drops trade coded from a bare "exports"/"imports" when the
// same pair has a transfer with an item ("Ukraine's grain exports to
// China" is food, not food and trade).
func dropBareTrade(cs []cand) []cand {
	kept := cs[:0:0]
	for _, c := range cs {
		redundant := false
		if c.kind == axis.Trade && (c.r == nil || c.r.Frame != "trade") {
			for _, o := range cs {
				redundant = redundant || o.kind != axis.Trade && o.kind.Family() == axis.FamilyTransfer && o.src == c.src && o.tgt == c.tgt
			}
		}
		if !redundant {
			kept = append(kept, c)
		}
	}
	return kept
}

// agreedActs drops the agreement "agreed to" makes when the verb it
// governs codes the relation itself: "Washington and Canberra agreed to
// share intelligence" is the sharing, not a separate deal ("agreed to
// build a bridge" stays an agreement).
func (s *sent) agreedActs(cs []cand) []cand {
	drop := func(a cand) bool {
		if a.kind != axis.Agreement || a.trigger.end < 1 || s.toks[a.trigger.end-1].low != "to" || !strings.HasPrefix(s.toks[a.trigger.start].low, "agree") {
			return false
		}
		for _, c := range cs {
			if c.kind != axis.Agreement && c.trigger.start >= a.trigger.end && c.trigger.start <= a.trigger.end+1 &&
				pairKey(c.src, c.tgt) == pairKey(a.src, a.tgt) {
				return true
			}
		}
		return false
	}
	kept := cs[:0:0]
	for _, c := range cs {
		if !drop(c) {
			kept = append(kept, c)
		}
	}
	return kept
}

func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "|" + b
}

// toCoded builds the relation and its evidence (document fields are
// filled in by the caller).
func (s *sent) toCoded(c cand) Coded {
	rel := axis.Relation{Source: c.src, Target: c.tgt, Kind: c.kind, Item: c.item, Date: c.date, Until: c.until,
		Status: c.status, Quantity: c.qty, Events: 1}
	if c.kind.Family() == axis.FamilyCommitment && c.status != axis.Negated && c.status != axis.Denied && s.hasDate(c.trigger) {
		// a date the sentence gives for a pact is when it was signed
		rel.Commitment = &axis.Commitment{Signed: c.date}
	}
	if c.group {
		h := fnv.New64a()
		h.Write([]byte(s.text))
		rel.GroupID = fmt.Sprintf("g-%016x-%d", h.Sum64(), c.trigger.start)
	}
	id := c.r.ID
	conf := c.conf
	if conf > 1 {
		conf = 1
	}
	if conf < 0.05 {
		conf = 0.05
	}
	attrs := map[string]string{"words": strings.Join(c.words, "; ")}
	ents := map[string]string{}
	c.srcEnt, c.tgtEnt = strings.Clone(c.srcEnt), strings.Clone(c.tgtEnt)
	if c.srcEnt != "" {
		attrs["source_entity"] = c.srcEnt
		ents["source"] = c.srcEnt
	}
	if c.tgtEnt != "" {
		attrs["target_entity"] = c.tgtEnt
		ents["target"] = c.tgtEnt
	}
	rel.Evidence = []axis.Evidence{{Sentence: s.text, Method: axis.MethodRulePrefix + id, Confidence: round2(conf), Status: c.status, Attrs: attrs}}
	rel.Normalize()
	out := Coded{Relation: rel, Rule: id, Words: c.words}
	if len(ents) > 0 {
		out.Entities = ents
	}
	return out
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// distinctCodes counts the actors a sentence names.
func (s *sent) distinctCodes() int {
	seen := map[string]bool{}
	for _, m := range s.ms {
		for _, c := range m.codes {
			seen[c] = true
		}
	}
	return len(seen)
}

// gerundSubject finds the doer of a gerund after "for", "of", "against" or
// "from": the name just before it ("sanctioned two Chinese firms for
// supplying", "accused Iran of sending").
func (s *sent) gerundSubject(tm match) int {
	if tm.start == 0 || !strings.HasSuffix(s.toks[tm.start].low, "ing") {
		return -1
	}
	switch s.toks[tm.start-1].low {
	case "for", "of", "against", "from":
	default:
		return -1
	}
	for i := tm.start - 2; i >= 0 && i >= tm.start-5; i-- {
		if k := s.mAt[i]; k >= 0 {
			return k
		}
		if s.isStop(i) || s.toks[i].low == "," {
			break
		}
	}
	return -1
}

// topic finds a name fronted as the sentence's topic ("For North Korea,
// there is little to lose in providing ...").
func (s *sent) topic() int {
	for i := 0; i < len(s.toks) && i < 3; i++ {
		if k := s.mAt[i]; k >= 0 {
			if a := s.after(&s.ms[k]); a < len(s.toks) && s.toks[a].low == "," {
				return k
			}
			return -1
		}
	}
	return -1
}

// tradeWords are the transfer words that, with no item named, are trade:
// "exports to Russia", "its imports from Russia".
var tradeWords = map[string]bool{"exports": true, "imports": true, "export": true, "import": true, "exported": true,
	"imported": true, "exporting": true, "importing": true}

// shareBefore reports whether a share of something ends right before i:
// "accounted for 36% of", "a third of", "China's share of".
func (s *sent) shareBefore(i int) bool {
	if i < 2 || s.toks[i-1].low != "of" {
		return false
	}
	for k := i - 2; k >= 0 && k >= i-7; k-- {
		switch w := s.toks[k].low; {
		case w == "share" || w == "shares" || strings.HasPrefix(w, "account"):
			return true
		case s.isStop(k) || w == ",":
			return false
		}
	}
	return false
}

// governedList reports whether mention k ends a list whose first name a
// preposition governs: "tanks from Germany and Denmark under a deal" names
// no parties of the deal.
func (s *sent) governedList(k int) bool {
	first := s.ms[k].start
	for _, j := range s.chain(k) {
		first = min(first, s.ms[j].start)
	}
	if first == s.ms[k].start {
		return false
	}
	i := first - 1
	for i >= 0 && s.c.rs.dets[s.toks[i].low] {
		i--
	}
	if i < 0 || !s.c.rs.preps[s.toks[i].low] {
		return false
	}
	// "Troops from Russia and Belarus took part in the exercise": with no
	// name before, the governed list is the only candidate
	for j := 0; j < i; j++ {
		if s.mAt[j] >= 0 {
			return true
		}
	}
	return false
}

// byTarget finds the name a "by" right after the object names: "denounced
// the drills by the United States", "condemned the launch by Pyongyang".
func (s *sent) byTarget(from int) int {
	for i := from; i < len(s.toks) && i < from+6; i++ {
		if s.isStop(i) || s.clauseBreak(i) || s.toks[i].low == "," || s.mAt[i] >= 0 {
			return -1
		}
		if s.toks[i].low == "by" {
			for j := i + 1; j < len(s.toks) && j <= i+3; j++ {
				if k := s.mAt[j]; k >= 0 {
					return k
				}
				if !s.c.rs.dets[s.toks[j].low] {
					break
				}
			}
			return -1
		}
	}
	return -1
}

// copulaBetween reports whether a copula or an apposition links the
// subject before i to the noun at j: "Iran is Russia's main supplier",
// "Iran, Russia's supplier, ...", "Iran remains its supplier".
func (s *sent) copulaBetween(i, j int) bool {
	for k := i; k < j; k++ {
		switch s.toks[k].low {
		case "is", "are", "was", "were", "be", "been", "being", "become", "became", "becomes", "becoming", "remain",
			"remains", "remained", "as", ",", "-", "(", "'s", "emerged":
			return true
		}
	}
	return false
}

// subordinators are prepositions that also open a clause ("after Moscow
// signed ...").
var subordinators = map[string]bool{"after": true, "before": true, "since": true, "until": true}

// finiteVerbAt reports whether token i looks like a finite verb: a past
// form, an auxiliary or a common irregular past.
func (s *sent) finiteVerbAt(i int) bool {
	if i >= len(s.toks) {
		return false
	}
	w := s.toks[i].low
	if strings.HasSuffix(w, "ed") && len(w) > 4 && !startsUpper(s.toks[i].text) {
		return true
	}
	switch w {
	case "has", "had", "have", "is", "was", "were", "are", "will", "would", "could", "did", "does", "sent", "sold", "met",
		"began", "made", "held", "took", "gave", "struck", "fought", "won", "lost", "hit", "shot", "flew", "went", "came":
		return true
	}
	return false
}

// clauseAfterObject reports whether "and" before mention y starts a new
// clause rather than a list with mention x: x is the object of a
// preposition in a clause whose finite verb comes before it, and y is
// followed by a finite verb of its own ("China sent drones to Russia and
// Iran sent missiles"). A list that is a subject has no finite verb before
// it ("talks with Russia and Iran began").
func (s *sent) clauseAfterObject(x, y int) bool {
	mx, my := &s.ms[x], &s.ms[y]
	if s.toks[s.after(mx)].low != "and" || s.after(mx)+1 != my.start || !s.finiteVerbAt(s.after(my)) {
		return false
	}
	p := mx.start - 1
	if p >= 0 && s.toks[p].low == "the" {
		p--
	}
	if p < 1 {
		return false
	}
	switch s.toks[p].low {
	case "to", "from", "into", "against", "on", "at", "with":
	default:
		return false
	}
	for i := 0; i < p; i++ {
		if s.mAt[i] < 0 && s.finiteVerbAt(i) {
			return true
		}
	}
	return false
}

// asMember reports whether "as a (full, new) member" starts at i.
func (s *sent) asMember(i int) bool {
	if i >= len(s.toks) || s.toks[i].low != "as" {
		return false
	}
	for k := i + 1; k < len(s.toks) && k <= i+4; k++ {
		switch s.toks[k].low {
		case "member", "members":
			return true
		case "a", "an", "its", "their", "the", "full", "new", "newest", "full-fledged", "fully-fledged", "permanent", "tenth",
			"ninth", "eleventh", "32nd", "31st", "-":
			continue
		}
		return false
	}
	return false
}

// respondVerbs hand their subject to the measure after "with": "responded
// with tariffs on", "retaliated with strikes on".
var respondVerbs = map[string]bool{"respond": true, "responds": true, "responded": true, "responding": true, "retaliate": true,
	"retaliates": true, "retaliated": true, "retaliating": true, "react": true, "reacts": true, "reacted": true}

// collectiveNouns name a batch of measures: "a package of sanctions", "a
// new round of tariffs".
var collectiveNouns = map[string]bool{"package": true, "packages": true, "round": true, "rounds": true, "wave": true,
	"waves": true, "set": true, "sets": true, "series": true, "raft": true, "batch": true, "batches": true, "slew": true}

// lightVerbBefore reports whether a light verb ("imposed", "launched",
// "carried out") governs the noun at i.
func (s *sent) lightVerbBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-7; k-- {
		w := s.toks[k].low
		if s.c.rs.lightVerbs[w] {
			return true
		}
		// "would respond with sanctions on Chinese banks": the responder imposes them
		if w == "with" && k > 0 && respondVerbs[s.toks[k-1].low] {
			return true
		}
		// "approved its 14th package of sanctions on": a collective noun
		// and its "of" pass the light verb on
		if w == "of" && k > 0 && collectiveNouns[s.toks[k-1].low] {
			k--
			continue
		}
		if s.c.rs.preps[w] && w != "out" || s.isStop(k) || w == "," {
			return false
		}
	}
	return false
}

// isModifier reports whether a name only modifies the noun after it ("the
// Ukraine war", "the Korea question").
func (s *sent) isModifier(m *mention) bool {
	if m.poss || m.pron || m.demonym() || m.end >= len(s.toks) {
		return false
	}
	if h := s.toks[m.end].low; (h == "country" || h == "state") && m.start > 0 {
		// "attack a NATO country", "any EU state": one of the organisation's
		// members, not the organisation
		switch s.toks[m.start-1].low {
		case "a", "an", "one", "another", "any", "every", "each":
			return true
		}
	}
	return s.c.rs.modHeads[s.toks[m.end].low]
}

// valueItem reports whether an item is a price ("worth 200 million dollars").
func (s *sent) valueItem(it match) bool {
	for i := it.start - 1; i >= 0 && i >= it.start-4; i-- {
		if s.c.rs.valueWords[s.toks[i].low] {
			return true
		}
	}
	return false
}

// prepAfter reports whether a target preposition follows the trigger in
// its clause: the target was written, only it is not an actor.
func (s *sent) prepAfter(tm match, r *rule) bool {
	end := s.clauseEnd(tm.end, tm)
	for i := tm.end; i+1 < end; i++ {
		if r.targets[s.toks[i].low] {
			// a noun phrase follows ("to Western China"), not a verb ("to support")
			n := s.toks[i+1]
			if startsUpper(n.text) || s.c.rs.dets[n.low] {
				return true
			}
		}
	}
	return false
}

// afterWith reports whether "with" introduces the phrase at i ("with drones
// and missiles"), with no name in between.
func (s *sent) afterWith(i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		w := s.toks[k].low
		if w == "with" {
			return true
		}
		if s.mAt[k] >= 0 || s.isStop(k) {
			return false
		}
	}
	return false
}

// asMeasure are the words that make "as" part of a measure or a list ("as
// many as", "as much as", "as well as") rather than a clause opener.
var asMeasure = map[string]bool{"many": true, "much": true, "well": true, "few": true, "little": true}

// clauseBreak reports whether a clause ends at token i ("which", "but",
// "according"), except "but also" after "not only".
func (s *sent) clauseBreak(i int) bool {
	w := s.toks[i].low
	if w == "but" && i+1 < len(s.toks) && s.toks[i+1].low == "also" {
		return false
	}
	// "as many as 6 million shells", "as well as drones": a measure, not a clause
	if w == "as" && (i+1 < len(s.toks) && asMeasure[s.toks[i+1].low] || i > 0 && asMeasure[s.toks[i-1].low]) {
		return false
	}
	return s.c.rs.clauseStops[w]
}

// attributive reports whether mention k only modifies the noun after it:
// a demonym before a noun that is not a firm ("a Chinese plane"), or a
// name before a trigger noun that a preposition follows ("US sanctions on").
func (s *sent) attributive(k int) bool {
	m := &s.ms[k]
	if m.pron || m.poss || m.end >= len(s.toks) {
		return false
	}
	for _, f := range s.firms {
		if f.start >= m.end && f.start <= m.end+1 {
			return false
		}
	}
	if m.demonym() {
		w := s.toks[m.end]
		return (w.kind == tNum || unicode.IsLetter([]rune(w.text)[0])) && !s.c.rs.preps[w.low] && !s.finiteVerbAt(m.end) &&
			w.low != "and" && w.low != "or" && s.mAt[m.end] < 0
	}
	for _, tm := range s.trig {
		if tm.p.noun && tm.start == m.end && tm.end < len(s.toks) && s.c.rs.preps[s.toks[tm.end].low] {
			return true
		}
	}
	return false
}

// headBefore returns the nearest mention before k, naming another state,
// that is not itself attributive, or -1.
func (s *sent) headBefore(k int) int {
	for j := k - 1; j >= 0; j-- {
		if s.ms[j].pron || sameCodes(s.ms[j].codes, s.ms[k].codes) || s.attributive(j) {
			continue
		}
		return j
	}
	return -1
}

// nounRun reports whether tokens [i, j) hold no preposition, comma, verb
// or name: the rest of a noun phrase.
func (s *sent) nounRun(i, j int) bool {
	for x := i; x < j; x++ {
		if w := s.toks[x].low; w == "," || s.c.rs.preps[w] || s.mAt[x] >= 0 || s.finiteVerbAt(x) {
			return false
		}
	}
	return true
}

// frontierObject reports whether a verb trigger's object is an airspace,
// waters or border ("breached its airspace", "hit Estonian waters").
func (s *sent) frontierObject(tm match) bool {
	if tm.p == nil || tm.p.noun {
		return false
	}
	for i := tm.end; i < len(s.toks) && i <= tm.end+3; i++ {
		w := s.toks[i].low
		if w == "airspace" || w == "waters" {
			return true
		}
		if !(s.c.rs.dets[w] || w == "'s" || s.mAt[i] >= 0 || w == "territorial" || w == "national") {
			return false
		}
	}
	return false
}

// isYear reports whether a number token is a year (1900-2099).
func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.Trim(w, "0123456789") == ""
}

// itemNear reports whether an item starts at token i.
func (s *sent) itemNear(i int) bool {
	for _, it := range s.items {
		if it.start == i {
			return true
		}
	}
	return false
}

// relationalOwner reports whether a possessive name owns a relational
// noun ("Sudan's neighbours", "Russia's allies"): the states meant are
// others.
func (s *sent) relationalOwner(m *mention) bool {
	a := s.after(m)
	if !m.poss || a >= len(s.toks) {
		return false
	}
	switch s.toks[a].low {
	case "neighbours", "neighbors", "allies", "partners", "rivals", "enemies", "adversaries", "foes":
		return true
	}
	return false
}

// actionNouns name an act reported earlier in the sentence: "Beijing
// condemned the move", "a sale Tokyo protested".
var actionNouns = map[string]bool{"move": true, "decision": true, "step": true, "sale": true, "deal": true, "purchase": true,
	"measure": true, "measures": true, "action": true, "actions": true, "decisions": true, "steps": true, "moves": true,
	"launch": true, "launches": true, "strike": true, "strikes": true, "attack": true, "attacks": true, "test": true,
	"tests": true, "incursion": true, "incursions": true, "drills": true, "exercises": true, "shipments": true,
	"deliveries": true, "sales": true}

// anaphoricCondemn codes a condemnation whose object is an act the
// sentence reported before ("Washington sanctioned Chinese banks, and
// Beijing condemned the move"; "Taiwan bought jets from the US, a sale
// Beijing condemned"): its target is the act's author (its recipient when
// the condemner authored it).
func (s *sent) anaphoricCondemn(cs []cand) []cand {
	for _, tm := range s.trig {
		if tm.p.rule.Kind != string(axis.Condemn) || tm.p.noun {
			continue
		}
		done := false
		for _, c := range cs {
			done = done || c.trigger == tm && c.src != "" && c.tgt != "" && c.src != c.tgt
		}
		if done {
			continue
		}
		anaphor := false
		j := tm.end
		for j < len(s.toks) && s.c.rs.dets[s.toks[j].low] {
			j++
		}
		if j < len(s.toks) && actionNouns[s.toks[j].low] && j > tm.end {
			anaphor = true // "condemned the move"
		}
		if tm.end < len(s.toks) && s.toks[tm.end].low == "them" && s.mAt[tm.end] < 0 {
			anaphor = true // "fired missiles at Japan, which condemned them": the things of the act
		}
		k := s.subjectLeft(tm.start)
		if k < 0 {
			continue
		}
		if m := s.ms[k]; m.end == tm.start && m.start >= 2 && actionNouns[s.toks[m.start-1].low] && s.c.rs.dets[s.toks[m.start-2].low] {
			anaphor = true // "a sale Beijing condemned"
		}
		if !anaphor {
			continue
		}
		srcs := s.codesOf(s.chain(k))
		var act *cand
		for i := range cs {
			if cs[i].trigger.end <= tm.start && cs[i].kind != axis.Condemn && (act == nil || cs[i].trigger.start >= act.trigger.start) {
				act = &cs[i]
			}
		}
		if act == nil || len(srcs) != 1 {
			continue
		}
		tgt := act.src
		if contains(srcs, tgt) {
			tgt = act.tgt
		}
		c := s.situated(tm)
		c.src, c.tgt = srcs[0], tgt
		c.conf -= 0.1
		c.words = append(c.words, "source="+s.ms[k].text, "target=act:"+tgt)
		cs = append(cs, c)
	}
	return cs
}

// inviteVerbs ask their object to do what the infinitive after it says.
var inviteVerbs = map[string]bool{"invited": true, "invite": true, "invites": true, "inviting": true, "asked": true,
	"urged": true, "encouraged": true}

// listedOn recodes a blacklist noun after "added/put/placed X to/on its":
// the subject lists X ("Washington added 42 Chinese firms to its entity
// list for ..."), whatever else the noun's clause names.
func (s *sent) listedOn(cs []cand) []cand {
	for _, tm := range s.trig {
		if tm.p.rule.Kind != string(axis.Sanction) || !tm.p.noun || tm.start < 4 {
			continue
		}
		j := tm.start - 1
		if w := s.toks[j].low; w != "its" && w != "the" && w != "their" {
			continue
		}
		if w := s.toks[j-1].low; w != "to" && w != "on" {
			continue
		}
		obj := -1
		v := -1
		for x := j - 2; x >= 0 && x >= j-10; x-- {
			if k := s.mAt[x]; k >= 0 && obj < 0 {
				obj = k
			}
			if listVerbs[s.toks[x].low] {
				v = x
				break
			}
		}
		if v < 0 || obj < 0 || s.ms[obj].start <= v {
			continue
		}
		src := s.subjectLeft(v)
		if src < 0 || s.ms[src].pron {
			continue
		}
		srcs := s.codesOf(s.chain(src))
		if len(srcs) != 1 {
			continue
		}
		kept := cs[:0]
		for _, c := range cs {
			if c.trigger != tm {
				kept = append(kept, c)
			}
		}
		cs = kept
		for _, k := range s.chain(obj) {
			c := s.situated(tm)
			c.src, c.tgt = srcs[0], s.ms[k].codes[0]
			c.srcEnt, c.tgtEnt = s.ms[src].entity, s.ms[k].entity
			c.words = append(c.words, "source="+s.ms[src].text, "target=listed:"+s.ms[k].text)
			cs = append(cs, c)
		}
	}
	return cs
}

// listVerbs put a name on a list.
var listVerbs = map[string]bool{"added": true, "adds": true, "adding": true, "put": true, "puts": true, "placed": true,
	"places": true, "placing": true, "included": true, "includes": true}

// itemOwnParty gives each item of a list its own party when the sentence
// names one right after it: "bought howitzers from India and armoured
// vehicles from France" (from: the giver of a receipt), "sent shells to
// Russia and rifles to Iran" (to: the receiver of a gift).
func (s *sent) itemOwnParty(cs []cand) {
	for i := range cs {
		c := &cs[i]
		if c.itm.p == nil || c.r == nil || c.kind.Family() != axis.FamilyTransfer {
			continue
		}
		x := c.itm.end
		if x+1 >= len(s.toks) {
			continue
		}
		w := s.toks[x].low
		if w != "from" && w != "to" {
			continue
		}
		y := x + 1
		for y < len(s.toks) && s.c.rs.dets[s.toks[y].low] {
			y++
		}
		if y >= len(s.toks) || s.mAt[y] < 0 {
			continue
		}
		m := &s.ms[s.mAt[y]]
		if len(m.codes) != 1 || m.poss || s.c.actorKind(m.codes[0]) != axis.ActorState || len(s.chain(s.mAt[y])) > 1 {
			continue
		}
		code := m.codes[0]
		if w == "from" && code != c.tgt && code != c.src {
			c.src, c.srcEnt = code, m.entity
			c.words = append(c.words, "source=item's:"+m.text)
		}
		if w == "to" && code != c.src && code != c.tgt {
			c.tgt, c.tgtEnt = code, m.entity
			c.words = append(c.words, "target=item's:"+m.text)
		}
	}
}

// auxStart moves back from a verb at j over auxiliaries ("had", "has
// been") no further than i.
func (s *sent) auxStart(i, j int) int {
	for j-1 > i {
		switch s.toks[j-1].low {
		case "had", "has", "have", "was", "were", "is", "are", "been", "reportedly", "also":
			j--
			continue
		}
		break
	}
	return j
}

// pejoratives are nouns a state is branded with: "called China a decisive
// enabler of Russia's war", "labelled Iran a state sponsor of terrorism".
var pejoratives = map[string]bool{"enabler": true, "threat": true, "aggressor": true, "sponsor": true, "menace": true,
	"pariah": true, "violator": true, "bully": true, "provocateur": true, "adversary": true, "enemy": true, "rogue": true,
	"destabiliser": true, "destabilizer": true, "accomplice": true}

var labelVerbs = map[string]bool{"called": true, "calls": true, "calling": true, "labelled": true, "labeled": true,
	"labels": true, "branded": true, "brands": true, "described": true, "describes": true}

// labelled codes "X called Y a <pejorative>" as X condemning Y.
func (s *sent) labelled(cs []cand) []cand {
	var r *rule
	for _, x := range s.c.rs.rules {
		if x.ID == "condemn" {
			r = x
		}
	}
	if r == nil {
		return cs
	}
	for v := 1; v+3 < len(s.toks); v++ {
		if !labelVerbs[s.toks[v].low] || s.mAt[v+1] < 0 {
			continue
		}
		k := s.mAt[v+1]
		m := &s.ms[k]
		a := m.end
		if m.poss || a >= len(s.toks) || !s.c.rs.dets[s.toks[a].low] {
			continue
		}
		hit := false
		for j := a + 1; j < len(s.toks) && j <= a+4; j++ {
			if s.toks[j].low == "," || s.c.rs.preps[s.toks[j].low] {
				break
			}
			hit = hit || pejoratives[s.toks[j].low]
		}
		src := s.subjectLeft(v)
		if !hit || src < 0 {
			continue
		}
		tm := match{p: &phrase{kind: pTrigger, n: 1, rule: r}, start: v, end: v + 1}
		for _, sc := range s.codesOf(s.chain(src)) {
			c := s.situated(tm)
			c.src, c.tgt = sc, m.codes[0]
			c.srcEnt, c.tgtEnt = s.ms[src].entity, m.entity
			c.conf -= 0.1
			c.words = append(c.words, "label", "source="+s.ms[src].text, "target="+m.text)
			cs = append(cs, c)
		}
	}
	return cs
}

func (s *sent) hasLabelVerb() bool {
	for _, t := range s.toks {
		if labelVerbs[t.low] || thankVerbs[t.low] {
			return true
		}
	}
	return false
}

// joinedIn gives "X joined Y in backing Z" to X as well as Y: the subject
// of "joined" does what the gerund after "in" says.
func (s *sent) joinedIn(cs []cand) []cand {
	n := len(cs)
	for i := 0; i < n; i++ {
		tm := cs[i].trigger
		if tm.p == nil || tm.start < 4 || s.toks[tm.start-1].low != "in" || !strings.HasSuffix(s.toks[tm.start].low, "ing") {
			continue
		}
		obj := s.mAt[tm.start-2]
		if obj < 0 {
			continue
		}
		first := s.ms[obj].start
		for _, k := range s.chain(obj) {
			if s.ms[k].start < first {
				first = s.ms[k].start
			}
		}
		v := first - 1
		for v > 0 && s.c.rs.dets[s.toks[v].low] {
			v--
		}
		if v < 1 {
			continue
		}
		switch s.toks[v].low {
		case "joined", "join", "joins", "joining":
		default:
			continue
		}
		src := s.subjectLeft(v)
		if src < 0 {
			continue
		}
		for _, k := range s.chain(src) {
			for _, code := range s.ms[k].codes {
				if code == cs[i].tgt || code == cs[i].src {
					continue
				}
				c := cs[i]
				c.src, c.srcEnt = code, s.ms[k].entity
				c.words = append(append([]string{}, c.words...), "source=joined:"+s.ms[k].text)
				cs = append(cs, c)
			}
		}
	}
	return cs
}

// reliesOn codes "Seoul relies on the US nuclear umbrella", "Japan is
// covered by US extended deterrence": the guarantor named before the
// noun protects the subject of the verb.
func (s *sent) reliesOn(cs []cand) []cand {
	for _, tm := range s.trig {
		if tm.p.rule.Kind != string(axis.SecurityGuarantee) || !tm.p.noun {
			continue
		}
		done := false
		for _, c := range cs {
			done = done || c.trigger == tm && c.src != "" && c.tgt != "" && c.src != c.tgt
		}
		if done {
			continue
		}
		g := tm.start - 1
		if g < 0 || s.mAt[g] < 0 {
			if g >= 1 && s.toks[g].low == "'s" && s.mAt[g-1] >= 0 {
				g--
			} else {
				continue
			}
		}
		src := s.mAt[g]
		x := s.ms[src].start - 1
		for x >= 0 && s.c.rs.dets[s.toks[x].low] {
			x--
		}
		if x < 1 {
			continue
		}
		p := s.toks[x].low
		v := x - 1
		if v >= 0 && (s.toks[v].low == "instead" || s.toks[v].low == "heavily" || s.toks[v].low == "still") {
			v--
		}
		if v < 0 {
			continue
		}
		w := s.toks[v].low
		ok := p == "on" && (strings.HasPrefix(w, "rel") || strings.HasPrefix(w, "depend") || strings.HasPrefix(w, "count")) ||
			p == "by" && (w == "covered" || w == "protected" || w == "shielded") || p == "under" && strings.HasPrefix(w, "shelter")
		if !ok {
			continue
		}
		tgt := s.subjectLeft(v)
		if tgt < 0 {
			continue
		}
		for _, code := range s.ms[tgt].codes {
			c := s.situated(tm)
			c.src, c.tgt = s.ms[src].codes[0], code
			c.srcEnt, c.tgtEnt = s.ms[src].entity, s.ms[tgt].entity
			c.words = append(c.words, "source="+s.ms[src].text, "target=relies:"+s.ms[tgt].text)
			cs = append(cs, c)
		}
	}
	return cs
}

// listBefore reports whether mention k follows another name and a comma
// ("China" in "Russia, China, and Iran").
func (s *sent) listBefore(k int) bool {
	st := s.ms[k].start
	return st >= 2 && s.toks[st-1].low == "," && s.mAt[st-2] >= 0
}

// sameNounPartner finds, before (dir -1) or after (dir 1) demonym k, a
// demonym heading the same noun joined by "and": "two Russian bombers and
// two Chinese bombers". -1 when there is none.
func (s *sent) sameNounPartner(k, dir int) int {
	m := &s.ms[k]
	// heads reports whether word w ends the noun phrase that starts after
	// a demonym ending at e (within four words, no preposition or comma)
	heads := func(e int, w string) int {
		for x := e; x < len(s.toks) && x < e+4; x++ {
			t := s.toks[x].low
			if t == "," || t == "and" || s.c.rs.preps[t] || s.mAt[x] >= 0 {
				return -1
			}
			if t == w {
				return x
			}
		}
		return -1
	}
	if dir < 0 {
		i := m.start - 1
		if i >= 0 && (s.toks[i].kind == tNum || s.c.rs.dets[s.toks[i].low]) {
			i--
		}
		if i < 2 || s.toks[i].low != "and" {
			return -1
		}
		noun := s.toks[i-1].low
		if !isLowerWord(noun) || heads(m.end, noun) < 0 {
			return -1
		}
		for d := i - 2; d >= 0 && d >= i-5; d-- {
			if j := s.mAt[d]; j >= 0 {
				if s.ms[j].demonym() && heads(s.ms[j].end, noun) == i-1 {
					return j
				}
				return -1
			}
		}
		return -1
	}
	for x := m.end; x < len(s.toks) && x < m.end+4; x++ {
		if s.toks[x].low != "and" {
			continue
		}
		noun := s.toks[x-1].low
		if x == m.end || !isLowerWord(noun) || heads(m.end, noun) != x-1 {
			return -1
		}
		i := x + 1
		if i < len(s.toks) && (s.toks[i].kind == tNum || s.c.rs.dets[s.toks[i].low]) {
			i++
		}
		if i >= len(s.toks) || s.mAt[i] < 0 || !s.ms[s.mAt[i]].demonym() || heads(s.ms[s.mAt[i]].end, noun) < 0 {
			return -1
		}
		return s.mAt[i]
	}
	return -1
}

var thankVerbs = map[string]bool{"thanked": true, "thanks": true, "thank": true, "thanking": true, "appreciated": true,
	"appreciates": true, "praised": true, "praises": true, "hailed": true}

// thankedFor codes "X thanked Y for its loan / the shells": Y gave the
// item to X. Only transfer items count ("thanked China for its support"
// names none).
func (s *sent) thankedFor(cs []cand) []cand {
	var r *rule
	for _, x := range s.c.rs.rules {
		if x.ID == "give" {
			r = x
		}
	}
	if r == nil {
		return cs
	}
	for v := 1; v+3 < len(s.toks); v++ {
		if !thankVerbs[s.toks[v].low] || s.mAt[v+1] < 0 {
			continue
		}
		giver := s.mAt[v+1]
		f := s.ms[giver].end
		if f >= len(s.toks) || s.toks[f].low != "for" {
			continue
		}
		recv := s.subjectLeft(v)
		if recv < 0 {
			continue
		}
		var it match
		for _, x := range s.items {
			if x.start > f && x.start <= f+10 && !s.clauseBreakBetween(f, x.start) {
				it = x
				break
			}
		}
		if it.p == nil {
			continue
		}
		kind, item, ok := s.kindOf(it, r)
		if !ok {
			continue
		}
		tm := match{p: &phrase{kind: pTrigger, n: 1, rule: r}, start: v, end: v + 1}
		c := s.situated(tm)
		c.kind, c.item, c.itm = kind, item, it
		c.src, c.tgt = s.ms[giver].codes[0], s.ms[recv].codes[0]
		c.srcEnt, c.tgtEnt = s.ms[giver].entity, s.ms[recv].entity
		c.conf -= 0.15
		c.words = append(c.words, "thanked", "item="+s.span(it.start, it.end), "source="+s.ms[giver].text, "target="+s.ms[recv].text)
		cs = append(cs, c)
	}
	return cs
}

func (s *sent) clauseBreakBetween(i, j int) bool {
	for x := i; x < j; x++ {
		if s.toks[x].low == "," || s.toks[x].low == ";" || s.clauseBreak(x) {
			return true
		}
	}
	return false
}
