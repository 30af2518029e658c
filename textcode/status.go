package textcode

import (
	"strings"

	"axis"
)

// status decides how sure the sentence is of the relation a trigger
// produced, from the cues of rules.yaml:
//
//   - denied and alleged cues count anywhere before the trigger ("Tehran
//     denied supplying", "accused Iran of sending");
//   - negation counts within four words before it ("has not supplied",
//     "refrained from supplying", "no mutual defence clause");
//   - prospective cues count within eight words before it, a modal
//     anywhere before a participle clause of its own clause ("will lead
//     to ..., directly threatening Japan"), and a conditional ("if",
//     "unless", "whether") or "next month" anywhere; not from inside a
//     relative clause closed before the trigger ("Russia, which will host
//     the summit, has sent"); questions are not coded at all;
//   - denied, negated, alleged and (non-conditional) prospective cues do
//     not cross a contrast
//     ("claims neutrality while buying", "although", "but") or a ";";
//   - reported cues count anywhere in the sentence ("..., officials said");
//     a confirming cue ("confirmed", "admitted") lifts reported to confirmed.
//
// Cues inside the trigger itself do not count. The first status found in
// the order denied, negated, alleged, prospective, reported wins; a rule may
// imply prospective ("pledged"); else the relation is confirmed.
func (s *sent) status(tm match) (axis.Status, []string) {
	var found [6]bool
	var words []string
	const (
		den = iota
		neg
		all
		pro
		rep
		con
	)
	for _, c := range s.cues {
		if c.start < tm.end && c.end > tm.start {
			continue
		}
		before := c.end <= tm.start
		dist := tm.start - c.end
		// crosses: a ";" or a contrasting clause ("..., while Y buys",
		// "although X claims ...") lies between the cue and the trigger;
		// clause: any clause boundary does
		crosses, clause := false, false
		if before {
			for i := c.end; i < tm.start; i++ {
				w := s.toks[i].low
				if w == ";" || s.c.rs.contrast[w] {
					crosses = true
				}
				if w == ";" || w == ":" || s.clauseBreak(i) {
					clause = true
				}
			}
		}
		low := s.toks[c.start].low
		hit := -1
		switch c.p.status {
		case axis.Denied:
			if before && !crosses && !s.closedRelative(c, tm) {
				hit = den
			}
		case axis.Negated:
			if before && !crosses && !s.closedRelative(c, tm) && (dist <= 4 || s.noEvidence(c)) && !(low == "not" && c.end < len(s.toks) && s.toks[c.end].low == "only") && !s.verbBetween(c, tm) {
				hit = neg
			}
		case axis.Alleged:
			if before && !crosses || !before && s.trailingAttribution(tm, c) {
				hit = all
			}
		case axis.Prospective:
			if promises[low] && tm.p != nil && tm.p.rule != nil && tm.p.rule.kind.Family() == axis.FamilyCommitment {
				continue // "agreed to come to each other's aid" is the commitment itself
			}
			cond := low == "if" || low == "unless" || low == "whether" || low == "next"
			if cond && low != "next" && tm.p != nil && tm.p.rule != nil && tm.p.rule.kind == axis.Threaten {
				continue // a threat is conditional by nature; it was still made
			}
			if cond && !before && low == "if" && tm.p != nil && tm.p.rule != nil && tm.p.rule.kind.Family() == axis.FamilyCommitment {
				continue // "bound to defend X if it is attacked": the condition is the commitment's term
			}
			// a modal governs its whole clause: "the pact will lead to a more
			// aggressive posture ..., directly threatening Japan"
			modal := s.c.rs.modals[low] && c.end-c.start == 1 && !clause && s.participleClause(tm)
			if cond || before && !crosses && (dist <= 8 || modal) && !s.closedRelative(c, tm) {
				hit = pro
				if epistemic[low] && c.end < len(s.toks) && s.toks[c.end].low == "have" {
					// "may have supplied": a guess about the past, not a plan
					hit = rep
				}
			}
		case axis.Reported:
			if low == "added" && c.end < len(s.toks) && s.toks[c.end].kind != tPunct && s.toks[c.end].low != "that" {
				continue // "added 42 firms to its list": not speech
			}
			if before && s.newSubjectClause(c.end, tm.start) {
				continue // "the IAEA said ..., and Washington accused Tehran": the attribution ends at the new clause
			}
			hit = rep
		case axis.Confirmed:
			if before {
				hit = con
			}
		}
		if hit >= 0 {
			found[hit] = true
			words = append(words, "cue="+s.span(c.start, c.end))
		}
	}
	if tm.end+1 < len(s.toks) && s.toks[tm.end].low == "no" && s.toks[tm.end+1].low != "longer" && s.toks[tm.end+1].low != "doubt" {
		found[neg] = true // "will receive no weapons", "sent no troops"
		words = append(words, "cue=no")
	}
	if tm.p != nil && !tm.p.noun && tm.start >= 2 && s.toks[tm.start-1].low == "to" && s.mAt[tm.start-2] >= 0 && !s.ms[s.mAt[tm.start-2]].pron &&
		s.governor(&s.ms[s.mAt[tm.start-2]]) == "" {
		found[pro] = true // "Tokyo to extend loan to Kyiv", "urged Seoul to send": not yet done
		words = append(words, "cue=to")
	}
	if s.trailingDenial(tm) {
		found[den] = true // "Iran sent missiles to Russia, a US official says; Moscow denies"
		words = append(words, "cue=trailing denial")
	}
	if tm.p != nil && tm.p.noun && s.notTakenPlace(tm) {
		found[neg] = true // "the transfer of jets to Iran has yet to take place"
		words = append(words, "cue=yet to take place")
	}
	if !found[rep] && s.headline && s.colonLead(tm) {
		found[rep] = true // "Pentagon: Iran Shipped Missiles To Russia"
	}
	if tm.p != nil && tm.p.rule != nil && tm.p.rule.Frame == "give" && !tm.p.noun && strings.HasPrefix(s.toks[tm.start].low, "offer") {
		// "Beijing offered Colombo a loan": an offer, not yet a delivery
		found[pro] = true
		words = append(words, "cue=offer")
	}
	if tm.start > 0 && s.toks[tm.start-1].low == "against" && strings.HasSuffix(s.toks[tm.start].low, "ing") {
		// "warned Beijing against supplying weapons": not done, perhaps to be
		found[pro] = true
	}
	switch {
	case found[den]:
		return axis.Denied, words
	case found[neg]:
		return axis.Negated, words
	case found[all]:
		return axis.Alleged, words
	case found[pro] || tm.p != nil && tm.p.rule != nil && tm.p.rule.status == axis.Prospective:
		return axis.Prospective, words
	case found[rep] && !found[con]:
		return axis.Reported, words
	}
	if s.dateFuture(tm) {
		return axis.Prospective, words
	}
	return axis.Confirmed, words
}

// epistemic modals guess about the past when "have" follows ("may have
// supplied", "must have received").
var epistemic = map[string]bool{"may": true, "might": true, "could": true, "must": true}

// closedRelative reports whether a cue sits in a relative clause that ends
// before the trigger ("Russia, which will host the summit, has sent
// troops": the modal is the summit's, not the troops').
func (s *sent) closedRelative(c, tm match) bool {
	comma := false
	for i := c.end; i < tm.start; i++ {
		comma = comma || s.toks[i].low == ","
	}
	if !comma {
		return false
	}
	for i := c.start - 1; i >= 0; i-- {
		switch s.toks[i].low {
		case "which", "who":
			return i > 0 && s.toks[i-1].low == ","
		case ",", ";", ":":
			return false
		}
	}
	return false
}

// participleClause reports whether a verb trigger opens a participle
// clause after a comma (", directly threatening Japan"), which takes the
// modality of the clause it hangs on.
func (s *sent) participleClause(tm match) bool {
	if tm.p == nil || tm.p.noun || !strings.HasSuffix(s.toks[tm.start].low, "ing") {
		return false
	}
	for i := tm.start - 1; i >= 0; i-- {
		w := s.toks[i].low
		if w == "," {
			return true
		}
		if !strings.HasSuffix(w, "ly") {
			return false
		}
	}
	return false
}

var promises = map[string]bool{"pledged": true, "promised": true, "vowed": true, "agreed": true, "pledge": true, "promise": true,
	"agreeing": true, "pledging": true, "promising": true, "vowing": true}

// trailingAttribution reports whether a cue after the trigger closes the
// sentence as its attribution (", Washington alleges.", ", Seoul
// suspects."): the whole report is that party's claim.
func (s *sent) trailingAttribution(tm, c match) bool {
	end := len(s.toks)
	for end > 0 && (s.toks[end-1].low == "." || s.toks[end-1].low == "\"") {
		end--
	}
	if end-c.end > 2 {
		return false
	}
	for i := c.start - 1; i >= tm.end && i >= c.start-5; i-- {
		if s.toks[i].low == "," {
			return true
		}
	}
	return false
}

// colonLead reports whether a headline opens with a short source and a
// colon ("Pentagon: Iran Shipped Missiles To Russia"): what follows is
// that source's account.
func (s *sent) colonLead(tm match) bool {
	for i := 1; i < 4 && i < tm.start; i++ {
		if s.toks[i].low == ":" {
			for j := 0; j < i; j++ {
				if !startsUpper(s.toks[j].text) || headlineLabels[s.toks[j].low] {
					return false // "Related article: ...", "Analysis: ..."
				}
			}
			return true
		}
	}
	return false
}

// verbBetween reports whether another verb trigger stands between a cue
// and a noun trigger: the cue is that verb's ("has yet to condemn
// Russia's invasion": the condemnation is negated, the invasion is not).
func (s *sent) verbBetween(c, tm match) bool {
	if tm.p == nil || !tm.p.noun {
		return false
	}
	for _, t := range s.trig {
		if t.p != nil && !t.p.noun && t.start >= c.end && t.end <= tm.start {
			return true
		}
	}
	return false
}

// headlineLabels open a headline without being its source.
var headlineLabels = map[string]bool{"analysis": true, "opinion": true, "exclusive": true, "breaking": true, "update": true,
	"explainer": true, "watch": true, "video": true, "live": true, "factbox": true, "timeline": true, "comment": true,
	"editorial": true, "interview": true, "impact": true, "outcome": true, "related": true, "read": true, "photos": true}

// noEvidence reports whether a negation cue opens "no evidence / sign /
// indication (that)": it governs the whole clause that follows.
func (s *sent) noEvidence(c match) bool {
	if s.toks[c.start].low != "no" || c.end >= len(s.toks) {
		return false
	}
	switch s.toks[c.end].low {
	case "evidence", "sign", "signs", "indication", "indications", "proof":
		return true
	}
	return false
}

// newSubjectClause reports whether ", and NAME" opens a new clause between
// i and j, its name close before j: the trigger has a subject of its own.
func (s *sent) newSubjectClause(i, j int) bool {
	for x := i; x+2 < j; x++ {
		if s.toks[x].low == "," && (s.toks[x+1].low == "and" || s.toks[x+1].low == "but") {
			if k := s.mAt[x+2]; k >= 0 && !s.ms[k].poss && s.ms[k].end <= j && j-s.ms[k].end <= 2 {
				return true
			}
		}
	}
	return false
}

// notTakenPlace reports whether the clause of a noun trigger says the
// event has not happened: "has yet to take place", "did not take place",
// "never materialised", "was called off".
func (s *sent) notTakenPlace(tm match) bool {
	for i := tm.end; i < len(s.toks) && i < tm.end+14; i++ {
		w := s.toks[i].low
		if w == "," && i > tm.end || w == ";" || w == "." || s.c.rs.contrast[w] && w != "yet" {
			return false
		}
		next := ""
		if i+1 < len(s.toks) {
			next = s.toks[i+1].low
		}
		switch {
		case w == "yet" && next == "to":
			if i+2 < len(s.toks) {
				switch s.toks[i+2].low {
				case "take", "happen", "materialise", "materialize", "be":
					return true
				}
			}
		case (w == "never" || w == "not") && (next == "took" || next == "take" || next == "happened" || next == "happen" ||
			next == "materialised" || next == "materialized"):
			return true
		case (w == "called" || w == "was" && next == "cancelled") && (next == "off" || w == "was"):
			return true
		}
	}
	return false
}

// trailingDenial reports whether the sentence ends, after the trigger,
// with "; X denies (it)" or ", X denied": a party's denial of the whole.
func (s *sent) trailingDenial(tm match) bool {
	n := len(s.toks)
	for n > 0 && s.toks[n-1].kind == tPunct && s.toks[n-1].low != ";" && s.toks[n-1].low != "," {
		n--
	}
	if n > 0 && (s.toks[n-1].low == "it" || s.toks[n-1].low == "this") {
		n--
	}
	if n < 3 {
		return false
	}
	switch s.toks[n-1].low {
	case "denies", "denied", "deny":
	default:
		return false
	}
	k := s.mAt[n-2]
	if k < 0 {
		return false
	}
	sep := s.ms[k].start - 1
	if sep <= tm.end || (s.toks[sep].low != ";" && s.toks[sep].low != ",") {
		return false
	}
	return true
}
