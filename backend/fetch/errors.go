package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Kind names a class of fetch failure. The monitor records it with a failed
// check, so the values are stable strings rather than iota constants.
type Kind string

const (
	// KindTransient covers failures worth retrying later: timeouts, refused
	// connections, 5xx answers, and 429/503 that persisted through retries.
	KindTransient Kind = "transient"
	// KindBotBlocked means an anti-bot wall (challenge page, captcha, 403)
	// answered instead of the document.
	KindBotBlocked Kind = "bot-blocked"
	// KindGone means the document is not at this address any more (404, 410).
	KindGone Kind = "gone"
	// KindTooLarge means the body (after decompression) exceeded the cap.
	KindTooLarge Kind = "too-large"
	// KindNeedsBrowser means the page can only be loaded by a browser and
	// none is installed.
	KindNeedsBrowser Kind = "needs-browser"
	// KindUnsupported means the content is of a type that cannot hold terms
	// Fineprint can read (images, archives, unreadable PDFs, unknown
	// content encodings).
	KindUnsupported Kind = "unsupported"
	// KindBadURL means the address itself is unusable.
	KindBadURL Kind = "bad-url"
	// KindRedirect covers redirect loops, chains that are too long and
	// redirects to another site that the caller did not allow.
	KindRedirect Kind = "redirect"
	// KindBadEncoding means the text could not be decoded into readable
	// characters.
	KindBadEncoding Kind = "bad-encoding"
	// KindEmpty means the server answered successfully with nothing in the
	// body; an empty page is never a version of a document.
	KindEmpty Kind = "empty"
	// KindRejected covers the remaining 4xx answers (400, 401, 405, ...)
	// where the server refused the request itself.
	KindRejected Kind = "rejected"
)

// Error is the only error type Fetch returns, so that callers can record
// failures as data: a kind for grouping and a sentence for people.
type Error struct {
	Kind    Kind
	Message string
	// Status is the HTTP status of the last answer, or 0 when there was none.
	Status int
	// RetryAfter is the wait the server asked for, when it asked for one.
	RetryAfter time.Duration
	// Err is the underlying cause, if any, for errors.Is/As chains.
	Err error
}

func (e *Error) Error() string {
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets callers match on the kind alone:
// errors.Is(err, &fetch.Error{Kind: fetch.KindGone}).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.Kind == e.Kind && t.Message == "" && t.Status == 0
}

// KindOf returns the kind of a fetch error, or "" for any other error.
func KindOf(err error) Kind {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return ""
}

func newError(kind Kind, status int, cause error, format string, args ...any) *Error {
	return &Error{Kind: kind, Status: status, Err: cause, Message: fmt.Sprintf(format, args...)}
}

func statusLine(status int) string {
	if text := http.StatusText(status); text != "" {
		return fmt.Sprintf("%d %s", status, text)
	}
	return fmt.Sprintf("%d", status)
}
