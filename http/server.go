// Package http serves the axis evidence graph over HTTP: a JSON API under
// /api/v1 (one envelope, documented in openapi.json) and the embedded web UI.
//
// The package maps domain error codes to status codes in one place
// (statusOf), checks bearer tokens in constant time for writes, limits
// request bodies, gives every handler a deadline, compresses responses and
// shuts down gracefully.
package http

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"axis"
	"axis/analysis"
	"axis/textcode"
)

// Defaults for Options' zero values.
const (
	DefaultAddr          = "127.0.0.1:8080"
	DefaultMaxBody       = 1 << 20  // JSON request bodies
	DefaultMaxUpload     = 10 << 20 // ingest uploads
	DefaultTimeout       = 30 * time.Second
	DefaultShutdownGrace = 10 * time.Second
)

// Options configure a Server. Zero values take the defaults above.
type Options struct {
	// Addr is host:port to listen on; port 0 picks a free port.
	Addr string
	// ReadOnly refuses every write, token or not.
	ReadOnly bool
	// Token is the bearer token writes need. Empty means writes are refused
	// (start the server with a token file to enable them).
	Token string
	// MaxBody limits JSON request bodies, MaxUpload ingest bodies (bytes).
	MaxBody   int64
	MaxUpload int64
	// Timeout is the deadline of each API request.
	Timeout time.Duration
	// UI is the web UI's file tree (index.html at its root); nil serves a
	// page that says how to build it.
	UI fs.FS
	// Coder codes ingested text; nil makes POST /api/v1/ingest answer
	// 503 unavailable.
	Coder *textcode.Coder
	// Weights are the analysis weights; nil uses analysis.DefaultWeights.
	Weights *analysis.Weights
	// CacheTTL is how long analysis answers are reused (0: DefaultCacheTTL;
	// negative: no cache). Writes through the server drop the cache.
	CacheTTL time.Duration
	// Logger receives internal errors and panics; nil discards them.
	Logger *log.Logger
}

// Server serves the API and the UI for one store.
type Server struct {
	store   axis.Store
	opts    Options
	logger  *log.Logger
	token   [32]byte // SHA-256 of the token, compared in constant time
	handler http.Handler
	routes  []Route
	cache   *answerCache

	ln  net.Listener
	srv *http.Server
}

// Route is one API endpoint: a method and a ServeMux-style path pattern.
type Route struct {
	Method  string
	Pattern string
	// Write marks endpoints that change the store and need the token.
	Write bool
	// Upload marks endpoints whose body may reach Options.MaxUpload
	// rather than Options.MaxBody.
	Upload bool
	// Cache marks read-only analysis endpoints whose answers are reused
	// for Options.CacheTTL.
	Cache   bool
	handler func(w http.ResponseWriter, r *http.Request) error
}

// NewServer returns a server for store. It does not listen until Open.
func NewServer(store axis.Store, opts Options) *Server {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = DefaultMaxUpload
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Weights == nil {
		opts.Weights = analysis.DefaultWeights() // parsed once, not per request
	}
	s := &Server{store: store, opts: opts, logger: opts.Logger}
	if s.logger == nil {
		s.logger = discardLogger
	}
	if opts.Token != "" {
		s.token = sha256.Sum256([]byte(opts.Token))
	}
	if opts.CacheTTL == 0 {
		opts.CacheTTL = DefaultCacheTTL
	}
	s.opts.CacheTTL = opts.CacheTTL
	s.cache = newAnswerCache(opts.CacheTTL)
	s.routes = s.apiRoutes()
	s.handler = s.buildHandler()
	return s
}

// Routes lists the API endpoints, for documentation and tests.
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

// Handler returns the server's root handler (API, health checks and UI).
func (s *Server) Handler() http.Handler { return s.handler }

// Open starts listening on the configured address.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return axis.Errorf(axis.EINVALID, "cannot listen on %s: %v", s.opts.Addr, unwrapNetErr(err))
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opts.Timeout + 30*time.Second,
		WriteTimeout:      s.opts.Timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.logger,
	}
	return nil
}

func unwrapNetErr(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

// URL is the base URL the server listens on, e.g. http://127.0.0.1:8080.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Serve answers requests until ctx is cancelled, then shuts down
// gracefully: it stops accepting, lets in-flight requests finish (up to
// DefaultShutdownGrace) and returns. The caller closes the store after.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		if err := s.Open(); err != nil {
			return err
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), DefaultShutdownGrace)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	<-errc
	return nil
}

// Close stops the server at once, dropping in-flight requests.
func (s *Server) Close() error {
	if s.srv != nil {
		return s.srv.Close()
	}
	if s.ln != nil {
		return s.ln.Close()
	}
	return nil
}

// buildHandler wires routes, health checks, the UI and the middleware.
func (s *Server) buildHandler() http.Handler {
	mux := http.NewServeMux()
	byPattern := map[string][]Route{}
	var order []string
	for _, rt := range s.routes {
		if _, ok := byPattern[rt.Pattern]; !ok {
			order = append(order, rt.Pattern)
		}
		byPattern[rt.Pattern] = append(byPattern[rt.Pattern], rt)
	}
	for _, p := range order {
		mux.Handle(p, s.dispatch(byPattern[p]))
	}
	mux.Handle("/api/", s.api(func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusNotFound, axis.ENOTFOUND, "no API endpoint "+r.URL.Path+"; see /api/v1/openapi.json")
	}))
	mux.Handle("/healthz", s.api(s.healthz))
	mux.Handle("/readyz", s.api(s.readyz))
	mux.Handle("/", s.uiHandler())
	return s.recoverer(s.checkHost(securityHeaders(gzipHandler(mux))))
}

// checkHost refuses requests whose Host header names another machine when
// the server listens on a loopback address: a web page elsewhere cannot
// reach the API through DNS rebinding (a name it controls resolving to
// 127.0.0.1).
func (s *Server) checkHost(next http.Handler) http.Handler {
	host, _, err := net.SplitHostPort(s.opts.Addr)
	if err != nil || !loopbackHost(host) {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Host
		if hh, _, err := net.SplitHostPort(h); err == nil {
			h = hh
		}
		if !loopbackHost(strings.Trim(h, "[]")) {
			s.writeError(w, r, errorf(http.StatusMisdirectedRequest, ErrForbidden, "this server listens on a loopback address and answers only requests addressed to localhost or 127.0.0.1"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func loopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// dispatch picks the route of the request's method on one pattern.
func (s *Server) dispatch(routes []Route) http.Handler {
	allow := make([]string, 0, len(routes))
	for _, rt := range routes {
		allow = append(allow, rt.Method)
	}
	return s.api(func(w http.ResponseWriter, r *http.Request) error {
		for _, rt := range routes {
			if rt.Method == r.Method || (rt.Method == http.MethodGet && r.Method == http.MethodHead) {
				if rt.Upload && r.Body != nil {
					r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload)
				} else if r.Body != nil {
					r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
				}
				if rt.Write {
					if err := s.authorize(r); err != nil {
						return err
					}
				}
				if rt.Cache && s.cache != nil && r.Method == http.MethodGet {
					s.cache.serve(w, r, func(w http.ResponseWriter, r *http.Request) {
						if err := rt.handler(w, r); err != nil {
							s.writeError(w, r, err)
						}
					})
					return nil
				}
				return rt.handler(w, r)
			}
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		return errorf(http.StatusMethodNotAllowed, ErrMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path+"; use "+strings.Join(allow, " or "))
	})
}

// api adapts an error-returning handler: it sets the request deadline and
// writes any error in the envelope. (dispatch limits the body.)
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
		defer cancel()
		r = r.WithContext(ctx)
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// authorize checks the bearer token of a write request.
func (s *Server) authorize(r *http.Request) error {
	if s.opts.ReadOnly {
		return errorf(http.StatusForbidden, ErrForbidden, "the server is read-only (started with --read-only); writes are refused")
	}
	if s.opts.Token == "" {
		return errorf(http.StatusForbidden, ErrForbidden, "writes are disabled: start axis serve with --token-file to enable them")
	}
	auth := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(auth) < len(prefix) || !strings.EqualFold(auth[:len(prefix)], prefix) {
		return errorf(http.StatusUnauthorized, ErrUnauthorized, "this endpoint writes to the store and needs the header Authorization: Bearer TOKEN (the token in the server's --token-file)")
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(auth[len(prefix):])))
	if subtle.ConstantTimeCompare(got[:], s.token[:]) != 1 {
		return errorf(http.StatusUnauthorized, ErrUnauthorized, "the bearer token is not valid")
	}
	return nil
}

// recoverer turns a panic into a generic 500 and logs the stack; the
// client never sees it.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				s.writeError(w, r, errors.New("panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders forbids inline and third-party scripts (so stored text
// can never run), framing and MIME sniffing.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, "ok")
	return nil
}

// readyz answers 200 when the store answers a query.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.store.Actors(ctx, axis.ActorFilter{Limit: 1}); err != nil {
		s.logger.Printf("readyz: %v", err)
		return errorf(http.StatusServiceUnavailable, ErrUnavailable, "the store does not answer")
	}
	writeJSON(w, http.StatusOK, "ready")
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
