package http

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// noUIPage is served when the server has no UI file tree at all.
const noUIPage = `<!doctype html><meta charset="utf-8"><title>axis</title>
<h1>axis</h1><p>The web UI is not part of this binary. The JSON API is at
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>`

// uiHandler serves the UI's files; paths without a file extension (the
// UI's pages, e.g. /scenario) get index.html so links can be shared.
func (s *Server) uiHandler() http.Handler {
	if s.opts.UI == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(noUIPage))
		})
	}
	files := http.FileServerFS(s.opts.UI)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p == "" || path.Ext(p) == "" {
			if _, err := fs.Stat(s.opts.UI, p); p == "" || err != nil {
				b, err := fs.ReadFile(s.opts.UI, "index.html")
				if err != nil {
					http.Error(w, "the UI has no index.html", http.StatusNotFound)
					return
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("Cache-Control", "no-cache")
				_, _ = w.Write(b)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}
