//go:build tools

package axis

import (
	_ "github.com/jackc/pgx/v5"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/spf13/cobra"
	_ "golang.org/x/net/html"
	_ "golang.org/x/term"
	_ "golang.org/x/text/unicode/norm"
	_ "gonum.org/v1/gonum/graph"
	_ "gonum.org/v1/plot"
	_ "gopkg.in/yaml.v3"
	_ "modernc.org/sqlite"
)
