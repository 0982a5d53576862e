package extract

import "fmt"

// Kind says why a page was not accepted as terms. Callers record it as the
// reason of a failed check, so the values are stable strings.
type Kind string

const (
	// KindNotTerms: the page was fetched but what it holds is not terms: an
	// error page served with 200, a redirect notice, a cookie or login wall,
	// a JavaScript-only shell, or too little text.
	KindNotTerms Kind = "not-terms"
	// KindBotBlocked: a captcha or bot challenge stands in front of the page.
	KindBotBlocked Kind = "bot-blocked"
	// KindNoMatch: a select (or range) selector matched nothing, which usually
	// means the page layout changed and the rules need an update.
	KindNoMatch Kind = "no-match"
	// KindBadRules: a selector does not compile or a range is incomplete.
	KindBadRules Kind = "bad-rules"
	// KindUnparsable: the HTML could not be parsed even after flattening.
	KindUnparsable Kind = "unparsable"
)

// Error is the error every function of this package returns, so that callers
// can tell a bot wall from a layout change with errors.As.
type Error struct {
	Kind    Kind
	Message string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return string(e.Kind)
	}
	return string(e.Kind) + ": " + e.Message
}

// Is makes errors.Is(err, &Error{Kind: KindBotBlocked}) match on the kind
// alone, whatever the message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && (t.Message == "" || t.Message == e.Message)
}

func errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of an error of this package, or "" for any other
// error.
func KindOf(err error) Kind {
	for err != nil {
		if e, ok := err.(*Error); ok {
			return e.Kind
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return ""
		}
		err = u.Unwrap()
	}
	return ""
}
