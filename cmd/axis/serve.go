package main

import (
	"database/sql"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"axis"
	axishttp "axis/http"
	"axis/web"
)

var serveCmd = &cobra.Command{
	Use:   "serve",
	Short: "Serve the web UI and the HTTP JSON API",
	Long: `serve answers the JSON API under /api/v1 (documented at /api/v1/openapi.json)
and serves the web UI (graph with a time slider, dyad ledgers with their
evidence, scenarios, ingest) from the same address.

It binds to the loopback interface by default, so only this machine can
reach it. Reads need nothing; writes (saving ingested text) need the bearer
token stored in --token-file and are refused in --read-only mode or when no
token file is given. Ctrl-C (SIGINT) or SIGTERM stops it gracefully: requests
in flight finish and the store is closed cleanly.

A binary built without Node serves a page saying how to build the UI;
the API works either way.`,
	Example: `  # the UI on the baseline, at http://127.0.0.1:8080/
  axis serve

  # another port and store, writes enabled with a token
  head -c 24 /dev/urandom | base64 > ~/.axis-token
  axis serve --addr 127.0.0.1:9090 --db team.db --token-file ~/.axis-token
  curl -H "Authorization: Bearer $(cat ~/.axis-token)" \
       -H 'Content-Type: application/json' \
       -d '{"text":"North Korea shipped shells to Russia."}' \
       http://127.0.0.1:9090/api/v1/ingest

  # a read-only server for a shared screen
  axis serve --read-only`,
	Args: cobra.NoArgs,
	RunE: runServe,
}

func init() {
	f := serveCmd.Flags()
	f.String("addr", axishttp.DefaultAddr, "host:port to listen on (port 0 picks a free port)")
	f.Bool("read-only", false, "refuse every write")
	f.String("token-file", "", "file holding the bearer token that writes need (one line)")
	f.Duration("timeout", axishttp.DefaultTimeout, "deadline of each API request")
	f.Int64("max-body", axishttp.DefaultMaxBody, "largest JSON request body, in bytes")
	f.Int64("max-upload", axishttp.DefaultMaxUpload, "largest ingest upload, in bytes")
	f.Duration("cache-ttl", axishttp.DefaultCacheTTL, "reuse analysis answers this long (0 turns the cache off); writes through the server drop it")
	rootCmd.AddCommand(serveCmd)
}

func runServe(cmd *cobra.Command, args []string) error {
	f := cmd.Flags()
	addr, _ := f.GetString("addr")
	readOnly, _ := f.GetBool("read-only")
	tokenFile, _ := f.GetString("token-file")
	timeout, _ := f.GetDuration("timeout")
	maxBody, _ := f.GetInt64("max-body")
	maxUpload, _ := f.GetInt64("max-upload")
	cacheTTL, _ := f.GetDuration("cache-ttl")
	if cacheTTL == 0 {
		cacheTTL = -1 // the flag's 0 means off; the option's 0 means default
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return axis.FieldErrorf(axis.EINVALID, "--addr", "%q is not host:port (e.g. 127.0.0.1:8080)", addr)
	}
	if timeout <= 0 || maxBody <= 0 || maxUpload <= 0 || cacheTTL < -1 {
		return axis.Errorf(axis.EINVALID, "--timeout, --max-body and --max-upload must be positive, --cache-ttl zero or positive")
	}
	token := ""
	if tokenFile != "" {
		var err error
		if token, err = readToken(tokenFile); err != nil {
			return err
		}
	}
	st, err := openStore(cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	// A server has many concurrent readers: keep their connections open
	// instead of database/sql's default of two idle ones (reopening a
	// SQLite connection re-runs its pragmas).
	if db, ok := st.(interface{ DB() *sql.DB }); ok {
		db.DB().SetMaxIdleConns(32)
	}

	coder, err := textcodeCoder()
	if err != nil {
		return fmt.Errorf("building the text coder: %w", err)
	}
	stderr := cmd.ErrOrStderr()
	srv := axishttp.NewServer(st, axishttp.Options{
		Addr: addr, ReadOnly: readOnly, Token: token, Timeout: timeout, Coder: coder,
		MaxBody: maxBody, MaxUpload: maxUpload, UI: web.FS(), CacheTTL: cacheTTL,
		Logger: log.New(stderr, "axis serve: ", log.LstdFlags),
	})
	if err := srv.Open(); err != nil {
		return err
	}
	mode := "writes need the token from " + tokenFile
	switch {
	case readOnly:
		mode = "read-only"
	case token == "":
		mode = "writes disabled: no --token-file"
	}
	fmt.Fprintf(cmd.OutOrStdout(), "axis: serving %s/ (store %s; %s)\n", srv.URL(), storeName(cmd), mode)
	if !web.Built() {
		fmt.Fprintln(stderr, "axis: this binary has no web UI built in; the API works. Build it with: cd web && npm ci && npm run build, then go build ./cmd/axis")
	}
	if host, _, _ := net.SplitHostPort(addr); !isLoopback(host) {
		fmt.Fprintf(stderr, "axis: warning: listening on %s, reachable from other machines; the API has no TLS\n", addr)
	}
	start := time.Now()
	err = srv.Serve(cmd.Context())
	fmt.Fprintf(stderr, "axis: stopped after %s\n", time.Since(start).Round(time.Second))
	return err
}

// readToken reads the one-line token file.
func readToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", axis.FieldErrorf(axis.EINVALID, "--token-file", "cannot read the token file %s: %v", path, unwrapPathErr(err))
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" || strings.ContainsAny(tok, "\r\n\t ") {
		return "", axis.FieldErrorf(axis.EINVALID, "--token-file", "%s must hold one token on one line, without spaces", path)
	}
	if len(tok) < 16 {
		return "", axis.FieldErrorf(axis.EINVALID, "--token-file", "the token in %s is %d characters; use at least 16 (e.g. head -c 24 /dev/urandom | base64)", path, len(tok))
	}
	return tok, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
