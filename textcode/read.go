package textcode

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"gopkg.in/yaml.v3"

	"axis"
)

// Formats a document can be read as.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

// FormatOf returns the format of a file from its extension, or "" when the
// extension is not one axis reads.
func FormatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return FormatText
	case ".md", ".markdown":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	return ""
}

// Meta is what the caller knows of a document before reading it; a field
// left empty is taken from the document (front matter, HTML meta tags, a
// date line near the top), and a field given here wins over the document.
type Meta struct {
	Title  string
	URL    string
	Date   axis.Date
	Path   string
	Format string // FormatText, FormatMarkdown, FormatHTML; "" sniffs
}

// Doc is a coded document.
type Doc struct {
	Document  axis.Document
	Relations []Coded
	Sentences int
	// Repaired counts invalid UTF-8 sequences replaced by U+FFFD.
	Repaired int
	// Truncated is set when an HTML text run exceeded the buffer limit and
	// the rest of the document was not read.
	Truncated bool
	// Capped counts relations not kept past MaxRelationsPerDocument.
	Capped int
}

// ErrBinary is returned for input that is not text.
var ErrBinary = errors.New("not a text file (binary content)")

// maxBlock bounds a paragraph (bytes); longer ones are coded in pieces, so
// a document of any size is read in bounded memory.
const maxBlock = 64 << 10

// maxHTMLBuf bounds the HTML tokenizer's buffer (one text run).
const maxHTMLBuf = 8 << 20

// CodeReader reads and codes one document.
func (c *Coder) CodeReader(r io.Reader, meta Meta) (*Doc, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(8192)
	if isBinary(head) {
		return nil, ErrBinary
	}
	format := meta.Format
	if format == "" {
		format = FormatOf(meta.Path)
	}
	if format == "" {
		t := bytes.TrimSpace(head)
		if bytes.HasPrefix(t, []byte("<")) {
			format = FormatHTML
		} else {
			format = FormatText
		}
	}
	rd := &reader{c: c, meta: meta}
	rd.doc = c.newDoc(meta.Date) // date may be learned from the head below
	var err error
	if format == FormatHTML {
		err = rd.readHTML(br)
	} else {
		err = rd.readText(br, format == FormatMarkdown)
	}
	if err != nil {
		return nil, err
	}
	rd.flush()
	id := rd.doc.finish()
	d := &Doc{Relations: rd.doc.out, Sentences: rd.doc.sentences, Repaired: rd.repaired, Truncated: rd.truncated, Capped: rd.doc.capped}
	d.Document = axis.Document{ID: id, Kind: axis.DocArticle, Title: rd.title, URL: rd.url, Path: meta.Path, Published: rd.doc.date}
	if meta.Title != "" {
		d.Document.Title = meta.Title
	}
	if meta.URL != "" {
		d.Document.URL = meta.URL
	}
	for i := range d.Relations {
		ev := &d.Relations[i].Relation.Evidence[0]
		ev.URL = d.Document.URL
		ev.Source = d.Document.Title
		if ev.Source == "" {
			ev.Source = filepath.Base(meta.Path)
		}
	}
	return d, nil
}

// isBinary reports whether the first bytes of a file are not text: a NUL
// byte, or many control characters.
func isBinary(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*10 > len(b)
}

// reader gathers blocks of text and metadata while a document streams in.
type reader struct {
	c         *Coder
	meta      Meta
	doc       *docCoder
	cur       strings.Builder
	title     string
	url       string
	dateSet   bool
	lines     int
	repaired  int
	truncated bool
	urlNext   bool
}

// add appends text to the current block, flushing at maxBlock.
func (rd *reader) add(s string) {
	if rd.cur.Len() > 0 {
		rd.cur.WriteByte(' ')
	}
	rd.cur.WriteString(s)
	for rd.cur.Len() > maxBlock {
		all := rd.cur.String()
		cut := strings.LastIndex(all[:maxBlock], ". ")
		if cut < maxBlock/2 {
			cut = strings.LastIndexByte(all[:maxBlock], ' ')
		}
		if cut <= 0 {
			cut = maxBlock
			for cut > 0 && !utf8.RuneStart(all[cut]) {
				cut--
			}
		} else {
			cut++
		}
		rd.block(all[:cut])
		rest := all[cut:]
		rd.cur.Reset()
		rd.cur.WriteString(rest)
	}
}

func (rd *reader) flush() {
	if rd.cur.Len() > 0 {
		rd.block(rd.cur.String())
		rd.cur.Reset()
	}
}

func (rd *reader) block(s string) { rd.doc.block(s) }

var (
	reMonthDate = regexp.MustCompile(`(?i)(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? (\d{1,2}),? (\d{4})`)
	reDayMonth  = regexp.MustCompile(`(?i)\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})`)
	reISODate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})`)
	reURLLine   = regexp.MustCompile(`^<?(https?://[^\s<>]+)>?$`)
	reURLLabel  = regexp.MustCompile(`(?i)^(original url|url|source|link|canonical)\s*:\s*<?(https?://[^\s<>]+)?>?\s*$`)
	reMDImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	reMDLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	reAutoLink  = regexp.MustCompile(`<https?://[^>\s]+>`)
	reTag       = regexp.MustCompile(`</?[a-zA-Z][^>]{0,200}>`)
	reListMark  = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
)

// parseLooseDate reads a date written in prose or ISO form.
func parseLooseDate(s string) (axis.Date, bool) {
	if m := reISODate.FindStringSubmatch(s); m != nil {
		if d, err := axis.ParseDate(m[0]); err == nil {
			return d, true
		}
	}
	if m := reMonthDate.FindStringSubmatch(s); m != nil {
		return mkDate(m[3], m[1], m[2])
	}
	if m := reDayMonth.FindStringSubmatch(s); m != nil {
		return mkDate(m[3], m[2], m[1])
	}
	return axis.Date{}, false
}

func mkDate(y, mon, d string) (axis.Date, bool) {
	m := monthNames[strings.ToLower(mon)]
	if len(d) == 1 {
		d = "0" + d
	}
	if m == 0 {
		return axis.Date{}, false
	}
	dt, err := axis.ParseDate(y + "-" + two(m) + "-" + d)
	return dt, err == nil
}

func two(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

// learnDate sets the document date from the text when the caller gave none.
func (rd *reader) learnDate(d axis.Date) {
	if rd.meta.Date.IsZero() && !rd.dateSet && !d.IsZero() {
		rd.doc.date = d
		rd.dateSet = true
	}
}

// readText reads plain text or Markdown line by line. Blank lines end
// paragraphs; a short line without an end mark is a heading of its own.
func (rd *reader) readText(br *bufio.Reader, markdown bool) error {
	var carry []byte
	inFence := false
	first := true
	inFront := false
	var front strings.Builder
	for {
		chunk, err := br.ReadSlice('\n')
		full := err == nil || err == io.EOF
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return err
		}
		b := append(carry, chunk...)
		carry = nil
		if !full {
			// a partial line: keep an incomplete rune for the next chunk
			k := len(b)
			for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
				if utf8.RuneStart(b[i]) {
					if !utf8.FullRune(b[i:]) {
						k = i
					}
					break
				}
			}
			carry = append([]byte{}, b[k:]...)
			b = b[:k]
		}
		line, n := repairUTF8(b)
		rd.repaired += n
		line = strings.TrimRight(line, "\r\n")
		if full {
			rd.lines++
		}
		// front matter
		if first && strings.TrimSpace(line) == "---" {
			inFront, first = true, false
			if err == io.EOF {
				break
			}
			continue
		}
		first = false
		if inFront {
			if strings.TrimSpace(line) == "---" || front.Len() > 64<<10 {
				inFront = false
				rd.frontMatter(front.String())
			} else {
				front.WriteString(line + "\n")
			}
			if err == io.EOF {
				break
			}
			continue
		}
		if !full {
			rd.add(cleanInline(line))
			continue
		}
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			rd.flush()
		} else if inFence {
			// code is not prose
		} else {
			rd.textLine(t, markdown)
		}
		if err == io.EOF {
			break
		}
	}
	return nil
}

// textLine handles one complete line of a text or Markdown document.
func (rd *reader) textLine(t string, markdown bool) {
	if t == "" {
		rd.flush()
		return
	}
	if rd.lines <= 15 {
		if len(t) < 80 && rd.meta.Date.IsZero() && !rd.dateSet {
			if d, ok := parseLooseDate(t); ok {
				rd.learnDate(d)
			}
		}
	}
	if m := reURLLabel.FindStringSubmatch(t); m != nil {
		if m[2] != "" {
			rd.setURL(m[2])
		} else {
			rd.urlNext = true
		}
		rd.flush()
		return
	}
	if m := reURLLine.FindStringSubmatch(t); m != nil {
		if rd.urlNext {
			rd.setURL(m[1])
		}
		rd.flush()
		return
	}
	heading := false
	if strings.HasPrefix(t, "#") {
		t = strings.TrimSpace(strings.TrimLeft(t, "#"))
		heading = true
	}
	if t == "---" || t == "***" || t == "___" || strings.Trim(t, "-=*_ ") == "" {
		rd.flush()
		return
	}
	t = strings.TrimSpace(strings.TrimLeft(t, ">"))
	if reListMark.MatchString(t) {
		rd.flush()
		t = reListMark.ReplaceAllString(t, "")
		heading = true // each list item is its own block
	}
	t = cleanInline(t)
	if t == "" {
		return
	}
	if rd.title == "" && len(t) >= 15 && len(t) <= 200 && rd.lines <= 15 && !isDateLine(t) {
		rd.title = strings.Trim(t, `"' `)
	}
	last := t[len(t)-1]
	if heading || len(t) < 100 && !strings.ContainsRune(".!?:;,\"'", rune(last)) {
		rd.flush()
		rd.add(t)
		rd.flush()
		return
	}
	rd.add(t)
}

func isDateLine(t string) bool {
	if len(t) >= 40 {
		return false
	}
	_, ok := parseLooseDate(t)
	return ok
}

func (rd *reader) setURL(u string) {
	if rd.url == "" {
		rd.url = u
	}
}

// cleanInline removes Markdown and HTML markup from a line of text.
func cleanInline(t string) string {
	if strings.ContainsAny(t, "[]<>*_`|") {
		t = reMDImage.ReplaceAllString(t, "")
		t = reMDLink.ReplaceAllString(t, "$1")
		t = reAutoLink.ReplaceAllString(t, "")
		t = reTag.ReplaceAllString(t, "")
		t = strings.ReplaceAll(t, "**", "")
		t = strings.ReplaceAll(t, "__", "")
		t = strings.ReplaceAll(t, "`", "")
		t = strings.ReplaceAll(t, "|", " ")
		t = strings.TrimSpace(strings.Trim(t, "*_"))
	}
	return t
}

// frontMatter reads a YAML front-matter block: title, date (or published),
// url (or source, link).
func (rd *reader) frontMatter(s string) {
	var m map[string]any
	if yaml.Unmarshal([]byte(s), &m) != nil {
		return
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := m[k]; ok && v != nil {
				switch x := v.(type) {
				case string:
					return x
				default:
					if b, err := yaml.Marshal(x); err == nil {
						return strings.TrimSpace(string(b))
					}
				}
			}
		}
		return ""
	}
	if t := str("title", "headline"); t != "" {
		rd.title = t
	}
	if u := str("url", "source", "link", "canonical"); u != "" {
		rd.setURL(u)
	}
	if d := str("date", "published", "publication_date", "pubdate"); d != "" {
		if dt, ok := parseLooseDate(d); ok {
			rd.learnDate(dt)
		} else if dt, err := axis.ParseDate(d); err == nil {
			rd.learnDate(dt)
		}
	}
}

// skipped elements: their content is never read.
var skipElems = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true, atom.Svg: true,
	atom.Template: true, atom.Button: true, atom.Select: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Menu: true, atom.Head: false}

// block elements end a block of text.
var blockElems = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Br: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Article: true, atom.Section: true, atom.Blockquote: true, atom.Title: true, atom.Dd: true,
	atom.Dt: true, atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Main: true,
	atom.Figcaption: true, atom.Caption: true, atom.Hr: true, atom.Body: true}

// readHTML streams HTML with the tokenizer (no tree is built, so nesting
// depth costs nothing). Scripts, styles, navigation, headers, footers and
// forms are skipped; a block whose text is mostly links (a link list) is
// dropped; headings and paragraphs are kept.
func (rd *reader) readHTML(br *bufio.Reader) error {
	z := html.NewTokenizer(br)
	z.SetMaxBuf(maxHTMLBuf)
	skip, skipDepth := atom.Atom(0), 0
	inTitle, inHead := false, false
	var titleTag string
	linkDepth := 0
	var text, linkText int
	flush := func() {
		if text > 0 && linkText*10 >= text*8 {
			rd.cur.Reset() // a link list
		}
		rd.flush()
		text, linkText = 0, 0
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				flush()
				if rd.title == "" {
					rd.title = titleTag
				}
				return nil
			}
			if errors.Is(z.Err(), html.ErrBufferExceeded) {
				rd.truncated = true
				flush()
				return nil
			}
			return z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipDepth > 0 {
				if a == skip && tt == html.StartTagToken {
					skipDepth++
				}
				continue
			}
			var attrs map[string]string
			if hasAttr && (a == atom.Meta || a == atom.Link || a == atom.Time || a == atom.Html) {
				attrs = map[string]string{}
				for {
					k, v, more := z.TagAttr()
					attrs[string(k)] = string(v)
					if !more {
						break
					}
				}
			}
			switch {
			case skipElems[a] && tt == html.StartTagToken:
				skip, skipDepth = a, 1
				continue
			case a == atom.Head:
				inHead = true
			case a == atom.Title:
				inTitle = true
			case a == atom.Meta:
				rd.htmlMeta(attrs)
			case a == atom.Link:
				if strings.EqualFold(attrs["rel"], "canonical") && attrs["href"] != "" {
					rd.setURL(attrs["href"])
				}
			case a == atom.Time:
				if d, ok := parseLooseDate(attrs["datetime"]); ok {
					rd.learnDate(d)
				}
			case a == atom.A:
				linkDepth++
			}
			if blockElems[a] {
				flush()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipDepth > 0 {
				if a == skip {
					skipDepth--
				}
				continue
			}
			switch a {
			case atom.Title:
				inTitle = false
			case atom.Head:
				inHead = false
			case atom.A:
				if linkDepth > 0 {
					linkDepth--
				}
			}
			if blockElems[a] {
				flush()
			}
		case html.TextToken:
			if skipDepth > 0 {
				continue
			}
			s, n := repairUTF8(z.Text())
			rd.repaired += n
			if inTitle {
				titleTag = strings.TrimSpace(s)
				continue
			}
			if inHead {
				continue
			}
			s = strings.TrimSpace(strings.Join(strings.Fields(s), " "))
			if s == "" {
				continue
			}
			text += len(s)
			if linkDepth > 0 {
				linkText += len(s)
			}
			rd.add(s)
		}
	}
}

// htmlMeta reads title, date and URL from a <meta> tag.
func (rd *reader) htmlMeta(a map[string]string) {
	key := strings.ToLower(a["property"])
	if key == "" {
		key = strings.ToLower(a["name"])
	}
	if key == "" {
		key = strings.ToLower(a["itemprop"])
	}
	v := strings.TrimSpace(a["content"])
	if v == "" {
		return
	}
	switch key {
	case "og:title", "twitter:title", "title", "headline":
		if rd.title == "" || key == "og:title" {
			rd.title = v
		}
	case "og:url":
		rd.setURL(v)
	case "article:published_time", "og:published_time", "date", "pubdate", "publishdate", "publish-date", "dc.date",
		"dcterms.date", "datepublished", "sailthru.date", "parsely-pub-date", "article.published", "dc.date.issued":
		if d, ok := parseLooseDate(v); ok {
			rd.learnDate(d)
		}
	}
}
