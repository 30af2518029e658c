// Package axis is the domain of the axis program: actors, documents,
// relations between actors with their evidence, the ontology those relations
// are coded in, and the Store interface every storage backend implements.
//
// The package imports nothing else of the project. Subpackages implement its
// interfaces (sqlite/), read from it (analysis/, scenario/) or write to it
// (textcode/, importers/), and cmd/axis wires them together.
package axis

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The HTTP layer maps them to status
// codes in one place; the CLI maps them to exit codes.
const (
	EINVALID  = "invalid"   // the input breaks a rule of the domain
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ECONFLICT = "conflict"  // the write contradicts what is stored
	EINTERNAL = "internal"  // a bug or an environment failure
)

// Error is a domain error with a code and a message meant for users.
// Field names the offending field ("kind", "source") when there is one.
type Error struct {
	Code    string
	Field   string
	Message string
}

// Error returns the message, prefixed with the field when known.
func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an *Error for one field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err when it wraps an *Error, else EINTERNAL.
// A nil error has no code.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the *Error's own
// message when err wraps one, else a generic text that leaks no internals.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}
