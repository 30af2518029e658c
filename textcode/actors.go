package textcode

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"axis"
)

// nameEntry is one actor name in the name trie.
type nameEntry struct {
	code  string
	form  string
	text  string
	exact bool // an acronym: match only as written ("US", not "us")
}

type nnode struct {
	next    map[string]*nnode
	entries []*nameEntry
}

func (c *Coder) addName(n Name) {
	words := tokenizeWords(n.Text)
	if len(words) == 0 {
		return
	}
	node := c.names
	for _, w := range words {
		if node.next == nil {
			node.next = map[string]*nnode{}
		}
		nx := node.next[w]
		if nx == nil {
			nx = &nnode{}
			node.next[w] = nx
		}
		node = nx
	}
	for _, e := range node.entries {
		if e.code == n.Code {
			return
		}
	}
	node.entries = append(node.entries, &nameEntry{code: n.Code, form: n.Form, text: n.Text, exact: isAcronym(n.Text)})
	for _, w := range words {
		c.nameWords[w] = true
	}
}

// isAcronym reports whether a name is written all in capitals ("US", "DPRK").
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters >= 2 && letters <= 6
}

// mention is an actor named in a sentence, resolved to the code relations
// count against (a state for persons and firms).
type mention struct {
	start, end int      // token span
	codes      []string // more than one for "the two countries"
	entity     string   // the firm or person behind the state, if any
	form       string
	text       string
	poss       bool // followed by 's
	pron       bool // a pronoun resolved to an earlier name
}

func (m *mention) demonym() bool { return m.form == "demonym" }

// findMentions matches actor names in the tokens, longest first, left to right.
func (s *sent) findMentions() {
	toks := s.toks
	for i := 0; i < len(toks); {
		node := s.c.names
		best, bestEnd := []*nameEntry(nil), 0
		for j := i; j < len(toks) && node != nil; j++ {
			node = node.next[toks[j].low]
			if node == nil {
				break
			}
			if len(node.entries) > 0 {
				var ok []*nameEntry
				for _, e := range node.entries {
					if s.nameMatches(e, i, j+1) {
						ok = append(ok, e)
					}
				}
				if len(ok) > 0 {
					best, bestEnd = ok, j+1
				}
			}
		}
		if best == nil {
			i++
			continue
		}
		if i == 0 && s.dateline(best, bestEnd) {
			// "SEOUL - North Korea has sent ...": where the story was
			// filed, not a party
			i = bestEnd
			continue
		}
		m := s.resolve(best, i, bestEnd)
		if m != nil {
			s.ms = append(s.ms, *m)
		}
		i = bestEnd
	}
}

// dateline reports whether a name opening the sentence is a wire
// dateline: written in capitals (not an acronym such as "US") and followed
// by a dash, or by a comma and a dash a few words on ("SEOUL - ...",
// "KYIV, March 3 (AP) - ...").
func (s *sent) dateline(es []*nameEntry, end int) bool {
	for _, e := range es {
		if e.exact {
			return false
		}
	}
	for k := 0; k < end; k++ {
		t := s.toks[k].text
		if strings.ToUpper(t) != t || strings.ToLower(t) == t {
			return false
		}
	}
	if end >= len(s.toks) {
		return false
	}
	switch s.toks[end].low {
	case "-":
		return true
	case ",":
		for k := end + 1; k < len(s.toks) && k < end+9; k++ {
			if s.toks[k].low == "-" {
				return true
			}
		}
	}
	return false
}

// nameMatches checks case: acronyms as written, other names capitalised.
func (s *sent) nameMatches(e *nameEntry, i, j int) bool {
	if e.exact {
		var b []byte
		for k := i; k < j; k++ {
			b = append(b, s.toks[k].text...)
		}
		return string(b) == stripSpaces(e.text)
	}
	r, _ := utf8.DecodeRuneInString(s.toks[i].text)
	first, _ := utf8.DecodeRuneInString(e.text)
	if unicode.IsUpper(first) || first == 't' { // "the Kremlin" is written lower-case in lists
		return unicode.IsUpper(r) || s.toks[i].low == "the" && j > i+1 && startsUpper(s.toks[i+1].text)
	}
	return true
}

func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

func stripSpaces(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// resolve turns the entries of a matched name into a mention.
func (s *sent) resolve(es []*nameEntry, i, j int) *mention {
	text := s.text[s.toks[i].start:s.toks[j-1].end]
	e := es[0]
	if len(es) > 1 && s.c.lex.Resolve != nil {
		if code, ok := s.c.lex.Resolve(text, s.date); ok {
			for _, x := range es {
				if x.code == code {
					e = x
				}
			}
			if e.code != code {
				e = &nameEntry{code: code, form: es[0].form}
			}
		}
	}
	m := &mention{start: i, end: j, form: e.form, text: text}
	code := e.code
	if s.c.lex.Actor != nil {
		if a, ok := s.c.lex.Actor(code); ok {
			switch a.Kind {
			case axis.ActorPerson, axis.ActorFirm:
				if c := a.CountryOn(s.date); c != "" {
					m.entity = a.Name
					code = c
				}
			}
		}
	}
	m.codes = []string{code}
	if j < len(s.toks) && s.toks[j].low == "'s" {
		m.poss = true
	}
	return m
}

// actorKind returns the kind of the actor with the code, or "" if unknown.
func (c *Coder) actorKind(code string) axis.ActorKind {
	if c.lex.Actor == nil {
		return ""
	}
	if a, ok := c.lex.Actor(code); ok {
		return a.Kind
	}
	return ""
}
