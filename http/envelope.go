package http

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"

	"axis"
)

// Response is the envelope of every /api/v1 answer. A success carries Data;
// an error carries ErrorType (one of the ErrorType constants) and Error, a
// message meant for users that never holds stack traces or file paths.
type Response struct {
	Status    string `json:"status"` // "success" or "error"
	Data      any    `json:"data,omitempty"`
	ErrorType string `json:"errorType,omitempty"`
	Error     string `json:"error,omitempty"`
}

// Error types of the envelope, beyond the domain codes (axis.EINVALID,
// axis.ENOTFOUND, axis.ECONFLICT, axis.EINTERNAL), which are used as they are.
const (
	ErrUnauthorized     = "unauthorized"       // 401: no or wrong bearer token
	ErrForbidden        = "forbidden"          // 403: writes refused (read-only, or no token configured)
	ErrTooLarge         = "too_large"          // 413: body or upload over the limit
	ErrTimeout          = "timeout"            // 503: the handler ran out of time
	ErrMethodNotAllowed = "method_not_allowed" // 405
	ErrUnavailable      = "unavailable"        // 503: not ready
)

// apiError is an HTTP-layer error with its own type and status.
type apiError struct {
	status int
	typ    string
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func errorf(status int, typ, msg string) error { return &apiError{status, typ, msg} }

// statusOf maps an error to its HTTP status, envelope type and user message.
// It is the one place where domain error codes become status codes:
// EINVALID→400, ENOTFOUND→404, ECONFLICT→409, anything else→500 with a
// generic message (the real error is logged, never sent).
func statusOf(err error) (int, string, string) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status, ae.typ, ae.msg
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, ErrTooLarge, "request body is larger than the limit of " + humanBytes(mbe.Limit)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return http.StatusServiceUnavailable, ErrTimeout, "the request took too long and was stopped; narrow the query (dates, actors, limit)"
	}
	if errors.Is(err, context.Canceled) {
		return http.StatusServiceUnavailable, ErrTimeout, "the request was cancelled"
	}
	switch axis.ErrorCode(err) {
	case axis.EINVALID:
		return http.StatusBadRequest, axis.EINVALID, axis.ErrorMessage(err)
	case axis.ENOTFOUND:
		return http.StatusNotFound, axis.ENOTFOUND, axis.ErrorMessage(err)
	case axis.ECONFLICT:
		return http.StatusConflict, axis.ECONFLICT, axis.ErrorMessage(err)
	}
	return http.StatusInternalServerError, axis.EINTERNAL, "internal error"
}

// writeJSON writes v in the success envelope.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Response{Status: "success", Data: v})
}

// writeError writes err in the error envelope, logging internal errors.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, typ, msg := statusOf(err)
	if status == http.StatusInternalServerError && s.logger != nil {
		s.logger.Printf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="axis"`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Response{Status: "error", ErrorType: typ, Error: msg})
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return itoa(n>>10) + " KiB"
	}
	return itoa(n) + " bytes"
}

var discardLogger = log.New(nilWriter{}, "", 0)

type nilWriter struct{}

func (nilWriter) Write(p []byte) (int, error) { return len(p), nil }
