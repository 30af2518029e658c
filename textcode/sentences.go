package textcode

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "d.c": true, "u.s.a": true, "st": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "prof": true, "gen": true, "lt": true, "col": true, "maj": true, "capt": true, "cmdr": true, "adm": true,
	"sgt": true, "gov": true, "sen": true, "rep": true, "pres": true, "no": true, "nos": true, "vol": true, "inc": true,
	"corp": true, "ltd": true, "co": true, "vs": true, "e.g": true, "i.e": true, "etc": true, "al": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "mt": true, "ft": true, "jr": true, "sr": true, "fig": true, "dept": true,
}

// abbreviations that often end a sentence too: the dot ends it when the
// next word usually starts a sentence.
var sentenceStarters = map[string]bool{"The": true, "It": true, "He": true, "She": true, "They": true, "This": true,
	"In": true, "But": true, "A": true, "We": true, "That": true, "On": true, "As": true, "Its": true, "Their": true, "However": true}

// maxSentence bounds a sentence (in bytes); longer runs without an end are
// cut at a space so one line of 50 MB never becomes one sentence.
const maxSentence = 1000

// span is a sentence's byte range in its paragraph.
type span struct{ start, end int }

// splitSentences splits a paragraph into sentences, aware of
// abbreviations ("U.S.", "Jan.", "Gen.", "No. 1") and initials.
func splitSentences(p string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && (p[s] == ' ' || p[s] == '\n') {
			s++
		}
		for e > s && (p[e-1] == ' ' || p[e-1] == '\n') {
			e--
		}
		for e-s > maxSentence {
			cut := strings.LastIndexByte(p[s:s+maxSentence], ' ')
			if cut <= 0 {
				cut = maxSentence
				for cut > 0 && !utf8.RuneStart(p[s+cut]) {
					cut--
				}
			}
			out = append(out, span{s, s + cut})
			s += cut
			for s < e && p[s] == ' ' {
				s++
			}
		}
		if e > s {
			out = append(out, span{s, e})
		}
		start = end
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\n' {
			emit(i)
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		// include closing quotes and brackets
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == '\'' || p[j] == ')' || p[j] == '.' || p[j] == '!' || p[j] == '?') {
			j++
		}
		if j < len(p) && p[j] != ' ' && p[j] != '\n' {
			continue
		}
		if c == '.' && !endsSentence(p, i, j) {
			continue
		}
		emit(j)
		i = j - 1
	}
	emit(len(p))
	return out
}

// endsSentence decides whether the dot at i (with the sentence end
// extending to j) ends a sentence.
func endsSentence(p string, i, j int) bool {
	// the word before the dot
	k := i
	for k > 0 && p[k-1] != ' ' && p[k-1] != '\n' && p[k-1] != '(' && p[k-1] != '"' {
		k--
	}
	word := p[k:i]
	next := nextWord(p, j)
	if next == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	lw := strings.ToLower(word)
	if len(word) == 1 && unicode.IsUpper(rune(word[0])) {
		return false // an initial: "George W. Bush"
	}
	if abbreviations[lw] {
		if lw == "no" && !unicode.IsDigit(r) {
			return true
		}
		if strings.Contains(lw, ".") || lw == "inc" || lw == "corp" || lw == "ltd" || lw == "co" || lw == "etc" {
			return sentenceStarters[next]
		}
		return false
	}
	if unicode.IsLower(r) {
		return false
	}
	return true
}

func nextWord(p string, j int) string {
	for j < len(p) && (p[j] == ' ' || p[j] == '"' || p[j] == '\'' || p[j] == '(') {
		j++
	}
	k := j
	for k < len(p) && p[k] != ' ' && p[k] != '\n' {
		k++
	}
	return strings.TrimRight(p[j:k], ".,;:!?\"')")
}
