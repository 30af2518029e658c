package http_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"

	"axis"
	"axis/gazetteer"
	axishttp "axis/http"
	"axis/textcode"
)

var (
	coderOnce sync.Once
	coder     *textcode.Coder
	coderErr  error
)

func testCoder(t testing.TB) *textcode.Coder {
	coderOnce.Do(func() {
		g := gazetteer.Default()
		var names []textcode.Name
		for _, n := range g.Names() {
			names = append(names, textcode.Name{Text: n.Text, Code: n.Code, Form: n.Form})
		}
		coder, coderErr = textcode.New(textcode.Lexicon{Names: names, Actor: g.Actor, Resolve: g.Resolve})
	})
	if coderErr != nil {
		t.Fatal(coderErr)
	}
	return coder
}

const article = `North Korea shipped artillery shells to Russia in March 2025, officials said.

Iran supplied drones to Russia in 2024.`

func TestIngestAuth(t *testing.T) {
	body := `{"text":` + jsonString(article) + `,"title":"t","date":"2025-04-01"}`
	open := start(t, fixture(t), axishttp.Options{Coder: testCoder(t), Token: testToken})
	readOnly := start(t, fixture(t), axishttp.Options{Coder: testCoder(t), Token: testToken, ReadOnly: true})
	noToken := start(t, fixture(t), axishttp.Options{Coder: testCoder(t)})
	tests := []struct {
		name    string
		base    string
		path    string
		token   string
		status  int
		errType string
	}{
		{"no token header", open, "/api/v1/ingest", "", 401, "unauthorized"},
		{"wrong token", open, "/api/v1/ingest", "not-the-token", 401, "unauthorized"},
		{"token prefix only", open, "/api/v1/ingest", testToken[:5], 401, "unauthorized"},
		{"read-only refuses", readOnly, "/api/v1/ingest", testToken, 403, "forbidden"},
		{"no token configured", noToken, "/api/v1/ingest", testToken, 403, "forbidden"},
		{"dry run needs no token", open, "/api/v1/ingest?dry_run=true", "", 200, ""},
		{"dry run on read-only", readOnly, "/api/v1/ingest?dry_run=true", "", 200, ""},
		{"bad dry_run", open, "/api/v1/ingest?dry_run=maybe", "", 400, "invalid"},
		{"good token saves", open, "/api/v1/ingest", testToken, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := do(t, tt.base, call{method: "POST", path: tt.path, body: body, token: tt.token})
			if resp.StatusCode != tt.status || env.ErrorType != tt.errType {
				t.Fatalf("got %d %q (%s), want %d %q", resp.StatusCode, env.ErrorType, env.Error, tt.status, tt.errType)
			}
			if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestIngestPreviewAndSave(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{Coder: testCoder(t), Token: testToken, MaxUpload: 4096})
	body := `{"text":` + jsonString(article) + `,"title":"Wire <script>x()</script>","date":"2025-04-01","source":"https://example.org/a"}`

	resp, env := do(t, base, call{method: "POST", path: "/api/v1/ingest?dry_run=true", body: body})
	if resp.StatusCode != 200 {
		t.Fatalf("preview: %d %s", resp.StatusCode, env.Error)
	}
	prev := decode[axishttp.IngestResult](t, env.Data)
	kinds := map[string]bool{}
	for _, c := range prev.Relations {
		kinds[c.Relation.Source+">"+c.Relation.Target+":"+string(c.Relation.Kind)] = true
	}
	if !prev.DryRun || !kinds["PRK>RUS:arms"] || !kinds["IRN>RUS:arms"] || prev.Text != article || prev.Document.Title != "Wire <script>x()</script>" {
		t.Fatalf("preview = %+v", prev)
	}
	_, env = do(t, base, call{path: "/api/v1/stats"})
	before := string(env.Data)

	resp, env = do(t, base, call{method: "POST", path: "/api/v1/ingest", body: body, token: testToken})
	saved := decode[axishttp.IngestResult](t, env.Data)
	if resp.StatusCode != 200 || saved.DryRun || saved.Write.DocumentsNew != 1 || saved.Write.EvidenceNew < 2 || saved.Known {
		t.Fatalf("save: %d %+v", resp.StatusCode, saved)
	}
	_, env = do(t, base, call{path: "/api/v1/stats"})
	if string(env.Data) == before {
		t.Errorf("stats unchanged after a save")
	}
	// The same document again is a no-op.
	_, env = do(t, base, call{method: "POST", path: "/api/v1/ingest", body: body, token: testToken})
	again := decode[axishttp.IngestResult](t, env.Data)
	if !again.Known || again.Write.EvidenceNew != 0 {
		t.Errorf("second save: %+v", again)
	}
	// The stored evidence keeps the title as data.
	_, env = do(t, base, call{path: "/api/v1/relations?between=IRN,RUS&evidence=true&since=2024"})
	p := decode[page[axis.Relation]](t, env.Data)
	found := false
	for _, r := range p.Items {
		for _, e := range r.Evidence {
			found = found || (e.Source == "Wire <script>x()</script>" && e.URL == "https://example.org/a")
		}
	}
	if !found {
		t.Errorf("ingested evidence not found: %+v", p.Items)
	}

	// Multipart upload of a Markdown file.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "note.md")
	fw.Write([]byte("# Note\n\nChina and Russia held joint naval drills in July 2024.\n"))
	mw.WriteField("date", "2024-08-01")
	mw.Close()
	resp, env = do(t, base, call{method: "POST", path: "/api/v1/ingest?dry_run=true", body: buf.String(), ctype: mw.FormDataContentType()})
	up := decode[axishttp.IngestResult](t, env.Data)
	if resp.StatusCode != 200 || len(up.Relations) == 0 || up.Document.Published.String() != "2024-08-01" {
		t.Errorf("multipart: %d %s %+v", resp.StatusCode, env.Error, up)
	}

	bad := []struct {
		name, body, ctype string
		status            int
		errType           string
	}{
		{"empty text", `{"text":"  "}`, "", 400, "invalid"},
		{"unknown format", `{"text":"x","format":"pdf"}`, "", 400, "invalid"},
		{"bad date", `{"text":"x","date":"yesterday"}`, "", 400, "invalid"},
		{"javascript source", `{"text":"x","source":"javascript:alert(1)"}`, "", 400, "invalid"},
		{"relative source", `{"text":"x","source":"/etc/passwd"}`, "", 400, "invalid"},
		{"unknown field", `{"txt":"x"}`, "", 400, "invalid"},
		{"plain body", "just text", "text/plain", 400, "invalid"},
		{"too large", `{"text":"` + strings.Repeat("a", 5000) + `"}`, "", 413, "too_large"},
		{"binary upload", multipartBody(t, "file", "x.txt", "\x00\x01\x02\x03binary"), "multipart/form-data; boundary=BOUNDARY", 400, "invalid"},
		{"unknown form field", multipartBody(t, "evil", "", "x"), "multipart/form-data; boundary=BOUNDARY", 400, "invalid"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := do(t, base, call{method: "POST", path: "/api/v1/ingest?dry_run=true", body: tt.body, ctype: tt.ctype})
			if resp.StatusCode != tt.status || env.ErrorType != tt.errType {
				t.Errorf("got %d %q (%s), want %d %q", resp.StatusCode, env.ErrorType, env.Error, tt.status, tt.errType)
			}
		})
	}
}

func multipartBody(t *testing.T, field, filename, content string) string {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.SetBoundary("BOUNDARY")
	if filename != "" {
		fw, _ := mw.CreateFormFile(field, filename)
		fw.Write([]byte(content))
	} else {
		mw.WriteField(field, content)
	}
	mw.Close()
	return buf.String()
}

func TestIngestUnavailableWithoutCoder(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{Token: testToken})
	resp, env := do(t, base, call{method: "POST", path: "/api/v1/ingest?dry_run=true", body: `{"text":"x"}`})
	if resp.StatusCode != http.StatusServiceUnavailable || env.ErrorType != "unavailable" {
		t.Errorf("got %d %+v", resp.StatusCode, env)
	}
}
