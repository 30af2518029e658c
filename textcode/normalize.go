package textcode

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// repairUTF8 replaces invalid UTF-8 with U+FFFD and counts the repairs.
func repairUTF8(b []byte) (string, int) {
	if utf8.Valid(b) {
		return string(b), 0
	}
	var sb strings.Builder
	sb.Grow(len(b))
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
			n++
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String(), n
}

var charMap = map[rune]string{
	'\u201c': `"`, '\u201d': `"`, '\u201e': `"`, '\u201f': `"`, '\u00ab': `"`, '\u00bb': `"`, '\u2033': `"`,
	'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u00b4': "'", '`': "'",
	'\u2013': "-", '\u2012': "-", '\u2010': "-", '\u2011': "-", '\u2212': "-",
	'\u2014': " - ", '\u2015': " - ",
	'\u00a0': " ", '\u2009': " ", '\u202f': " ", '\u2007': " ", '\u3000': " ",
	'\u200b': "", '\u200c': "", '\u200d': "", '\ufeff': "", '\u00ad': "",
	'\u2026': "...", '\u2022': " - ",
}

// normalizeText applies Unicode NFKC, maps typographic quotes and dashes to
// ASCII, removes invisible characters and collapses runs of spaces. It
// keeps newlines.
func normalizeText(s string) string {
	if !isASCII(s) {
		s = norm.NFKC.String(s)
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if rep, ok := charMap[r]; ok {
			for _, c := range rep {
				if c == ' ' {
					space = true
					continue
				}
				if space && sb.Len() > 0 {
					sb.WriteByte(' ')
				}
				space = false
				sb.WriteRune(c)
			}
			continue
		}
		if r == '\n' {
			space = false
			sb.WriteByte('\n')
			continue
		}
		if r == '\t' || r == '\r' || unicode.IsSpace(r) {
			space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space && sb.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(sb.String())
			if last != '\n' {
				sb.WriteByte(' ')
			}
		}
		space = false
		sb.WriteRune(r)
	}
	return sb.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var tlds = map[string]bool{"com": true, "org": true, "net": true, "ru": true, "gov": true, "uk": true, "io": true, "edu": true,
	"cn": true, "kp": true, "ir": true, "int": true, "eu": true, "html": true, "htm": true, "php": true, "www": true, "info": true}

// splitGlued repairs words glued together by bad extraction, using the
// coder's vocabulary: "bilateraltransactions" -> "bilateral transactions",
// "ofUkrainechanged" -> "of Ukraine changed", "artillery.shells" ->
// "artillery shells". Only words the vocabulary does not know are split,
// and only into words it knows.
func (c *Coder) splitGlued(s string) string {
	var sb strings.Builder
	i := 0
	changed := false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			sb.WriteString(s[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) {
				// "word.word": a dot between two lower-case words (not a domain)
				if r2 == '.' && j+1 < len(s) && s[j+1] >= 'a' && s[j+1] <= 'z' && j > i && s[j-1] >= 'a' && s[j-1] <= 'z' {
					k := j + 1
					for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
						k++
					}
					right := s[j+1 : k]
					if len(right) >= 3 && !tlds[right] && (k == len(s) || s[k] == ' ' || s[k] == ',' || s[k] == '.') && c.knows(lower(s[i:j])) {
						sb.WriteString(c.splitWord(s[i:j]))
						sb.WriteByte(' ')
						i = j + 1
						changed = true
						j = -1
					}
				}
				break
			}
			j += sz
		}
		if j < 0 {
			continue
		}
		w := s[i:j]
		sp := c.splitWord(w)
		if sp != w {
			changed = true
		}
		sb.WriteString(sp)
		i = j
	}
	if !changed {
		return s
	}
	return sb.String()
}

// splitWord splits one letter run if it is glued.
func (c *Coder) splitWord(w string) string {
	if len(w) < 6 {
		return w
	}
	// camel case: "ofUkrainechanged", "Jong-unSeptember"
	for k := 1; k < len(w); k++ {
		if w[k] >= 'A' && w[k] <= 'Z' && w[k-1] >= 'a' && w[k-1] <= 'z' {
			left, right := w[:k], w[k:]
			if c.knows(lower(left)) || c.nameWords[lower(left)] || len(left) <= 3 {
				return c.splitWord(left) + " " + c.splitWord(right)
			}
		}
	}
	if c.nameWords[lower(w)] {
		return w
	}
	if startsUpper(w) && !c.knows(lower(w)) {
		// a capitalised unknown word is a name unless it splits cleanly
		if p := c.splitLower(lower(w), 2, true); p != nil && c.nameWords[p[0]] {
			return rejoin(w, p)
		}
		return w
	}
	lw := lower(w)
	if c.knows(lw) {
		return w
	}
	if len(lw) < 7 && !shortWords[lw[len(lw)-2:]] {
		return w
	}
	if p := c.splitLower(lw, 3, false); p != nil {
		return rejoin(w, p)
	}
	return w
}

func rejoin(orig string, parts []string) string {
	var sb strings.Builder
	k := 0
	for i, p := range parts {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(orig[k : k+len(p)])
		k += len(p)
	}
	return sb.String()
}

// splitLower splits a lower-case word into at most depth known words,
// preferring the longest first part.
func (c *Coder) splitLower(w string, depth int, names bool) []string {
	if depth == 0 {
		return nil
	}
	known := func(x string) bool { return c.knows(x) || names && c.nameWords[x] }
	for k := len(w) - 2; k >= 2; k-- {
		left, right := w[:k], w[k:]
		if !known(left) || len(left) < 3 && !shortWords[left] {
			continue
		}
		if c.knows(right) && (len(right) >= 3 || shortWords[right]) && !suffixWords[right] {
			return []string{left, right}
		}
		if len(right) >= 5 {
			if rest := c.splitLower(right, depth-1, false); rest != nil {
				return append([]string{left}, rest...)
			}
		}
	}
	return nil
}

var shortWords = map[string]bool{"a": true, "an": true, "of": true, "in": true, "to": true, "on": true, "at": true, "by": true,
	"or": true, "as": true, "is": true, "it": true, "us": true, "we": true}

// knows reports whether the vocabulary has the word or its stem.
func (c *Coder) knows(w string) bool {
	if c.vocab[w] {
		return true
	}
	for _, suf := range []string{"s", "es", "ed", "d", "ing", "ly", "al"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) && c.vocab[w[:len(w)-len(suf)]] {
			return true
		}
	}
	if strings.HasSuffix(w, "ies") && c.vocab[w[:len(w)-3]+"y"] {
		return true
	}
	if strings.HasSuffix(w, "ing") && len(w) > 5 && c.vocab[w[:len(w)-3]+"e"] {
		return true
	}
	return false
}

// suffixWords are words that also end compounds ("leadership",
// "nationwide"): a split that leaves one of them alone is not made.
var suffixWords = map[string]bool{"ship": true, "ships": true, "hood": true, "wide": true, "side": true, "less": true, "ness": true,
	"man": true, "men": true, "land": true, "ward": true, "wards": true, "like": true, "able": true, "time": true, "times": false,
	"line": true, "lines": true, "self": true, "where": true, "ever": true, "way": true, "ways": true, "body": true, "thing": true,
	"one": true, "out": true, "up": true, "over": true, "point": true, "power": true, "fire": true, "work": true, "house": true,
	"head": true, "field": true, "board": true, "book": true, "port": true, "ports": true, "craft": true, "room": true}
