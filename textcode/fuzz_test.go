package textcode

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"axis"
)

func FuzzCodeText(f *testing.F) {
	for _, s := range []string{"North Korea shipped artillery shells to Russia.", "China, Russia and Iran held joint naval drills since 2019.",
		"If Moscow attacks, will NATO respond?", "The U.S. sanctioned two Chinese firms for supplying 11,000 drones to Russia last week.",
		"bilateraltransactions ofUkrainechanged artillery.shellsand", "\u201cno limits\u201d \u2014 'the two countries'"} {
		f.Add(s)
	}
	c := fixtureCoder(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, cd := range c.CodeText(s, axis.Day(2024, 11, 18)) {
			r := cd.Relation
			if err := r.Validate(); err != nil {
				t.Fatalf("%q: invalid relation %+v: %v", s, r, err)
			}
			if !utf8.ValidString(r.Evidence[0].Sentence) && utf8.ValidString(s) {
				t.Fatalf("invalid sentence")
			}
		}
	})
}

func FuzzCodeReader(f *testing.F) {
	f.Add([]byte("<html><head><title>t</title><meta property=\"article:published_time\" content=\"2024-01-02\"></head><body><p>Iran supplied drones to Russia.</p><script>x</script></body></html>"), "html")
	f.Add([]byte("---\ntitle: x\ndate: 2024-03-01\n---\n# Head\n\n- Russia received drones from Iran.\n"), "markdown")
	f.Add([]byte("November 18, 2024\n\nNorth Korea sent troops to Russia.\n\xff\xfe\n"), "text")
	c := fixtureCoder(f)
	f.Fuzz(func(t *testing.T, b []byte, format string) {
		switch format {
		case FormatHTML, FormatMarkdown, FormatText:
		default:
			format = ""
		}
		d, err := c.CodeReader(bytes.NewReader(b), Meta{Format: format})
		if err != nil {
			if err != ErrBinary {
				t.Fatalf("error %v", err)
			}
			return
		}
		if len(d.Document.ID) != 64 {
			t.Fatalf("id %q", d.Document.ID)
		}
		for _, cd := range d.Relations {
			ev := cd.Relation.Evidence[0]
			if ev.Start < 0 || ev.End < ev.Start || strings.TrimSpace(ev.Sentence) == "" {
				t.Fatalf("evidence %+v", ev)
			}
		}
	})
}

func FuzzSplitSentences(f *testing.F) {
	f.Add("The U.S. Treasury acted. Then Gen. Smith spoke. No. 1 was first?")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range splitSentences(s) {
			if sp.start < prev || sp.end < sp.start || sp.end > len(s) || sp.end-sp.start > maxSentence {
				t.Fatalf("bad span %+v (prev %d, len %d)", sp, prev, len(s))
			}
			prev = sp.end
		}
	})
}
