package web

import (
	"io/fs"
	"strings"
	"testing"
)

func TestFSHasAnIndex(t *testing.T) {
	b, err := fs.ReadFile(FS(), "index.html")
	if err != nil {
		t.Fatalf("no index.html: %v", err)
	}
	page := string(b)
	if Built() {
		if !strings.Contains(page, "/assets/app.js") {
			t.Errorf("built UI's index.html does not load the bundle")
		}
		if _, err := fs.Stat(FS(), "assets/app.js"); err != nil {
			t.Errorf("built UI without its bundle: %v", err)
		}
	} else if !strings.Contains(page, "npm run build") {
		t.Errorf("fallback page does not say how to build the UI")
	}
}

func TestFallbackPage(t *testing.T) {
	f := fallbackFS{FS: mustSub(t)}
	b, err := fs.ReadFile(f, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "npm ci") || strings.Contains(string(b), "<script") {
		t.Errorf("fallback page: %s", b)
	}
}

func mustSub(t *testing.T) fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}
