// Package web holds the axis web UI: sources in src/, built by esbuild
// (npm run build) into dist/, which this package embeds in the binary.
// A clean checkout has only dist/fallback.html, a page that says how to
// build the UI, so `go build` works without Node.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// FS returns the UI's file tree with index.html at its root: the built UI
// when dist/index.html exists, else a tree whose index.html is the
// fallback page.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded, so this cannot fail
	}
	if _, err := fs.Stat(sub, "index.html"); err == nil {
		return sub
	}
	return fallbackFS{sub}
}

// Built reports whether the embedded UI is the real one, not the fallback.
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}

// fallbackFS serves fallback.html as index.html.
type fallbackFS struct{ fs.FS }

func (f fallbackFS) Open(name string) (fs.File, error) {
	if name == "index.html" {
		name = "fallback.html"
	}
	return f.FS.Open(name)
}
