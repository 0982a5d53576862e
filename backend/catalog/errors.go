package catalog

import (
	"errors"
	"fmt"
)

// Kinds of error. Every error this package returns wraps one of them, so
// callers can tell a broken file from a file that is merely too big with
// errors.Is.
var (
	ErrMalformed   = errors.New("malformed JSON")
	ErrWrongType   = errors.New("wrong type")
	ErrMissing     = errors.New("missing field")
	ErrTooLarge    = errors.New("too large")
	ErrBadURL      = errors.New("bad URL")
	ErrBadSelector = errors.New("bad selector")
	ErrBadID       = errors.New("bad id")
	ErrDuplicate   = errors.New("duplicate")
)

// FieldError says which service and which of its fields is wrong, so that a
// person importing a file of hundreds of declarations can find the culprit.
type FieldError struct {
	// Service is the service's name or id, or "#N" (its position in the
	// input, from 1) when it has none yet.
	Service string
	// Field is a path inside the service, like terms[2].combine[0].url;
	// empty when the problem is the service as a whole or the whole input.
	Field string
	// Kind is one of the Err* values of this package.
	Kind error
	// Err is the underlying cause, when there is one.
	Err error
}

func (e *FieldError) Error() string {
	msg := "catalog"
	if e.Service != "" {
		msg += fmt.Sprintf(": service %q", e.Service)
	}
	if e.Field != "" {
		msg += fmt.Sprintf(": field %s", e.Field)
	}
	msg += ": " + e.Kind.Error()
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap exposes both the kind and the cause to errors.Is and errors.As.
func (e *FieldError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

func fieldErr(service, field string, kind error, format string, args ...any) *FieldError {
	var cause error
	if format != "" {
		cause = fmt.Errorf(format, args...)
	}
	return &FieldError{Service: service, Field: field, Kind: kind, Err: cause}
}
