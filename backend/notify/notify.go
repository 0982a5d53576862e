// Package notify tells a person on their desktop that terms they rely on
// changed: a policy that decides what is worth a notification (material
// changes only, grouped, never in quiet hours, never for a muted platform),
// the weekly digest, and the desktop itself (the freedesktop notification
// service over D-Bus on Linux and the BSDs).
package notify

import (
	"context"
	"errors"
)

// Errors carry their kind so that the window and the headless commands can
// say what to do.
var (
	// ErrNoBus: there is no session bus to reach the desktop through.
	ErrNoBus = errors.New("no desktop session bus")
	// ErrNoServer: the session has no notification service running.
	ErrNoServer = errors.New("no notification service on the desktop")
	// ErrUnsupported: this system has no notification backend in Fineprint.
	ErrUnsupported = errors.New("desktop notifications are not supported on this system")
	// ErrClosed: the notifier was closed.
	ErrClosed = errors.New("the notifier is closed")
)

// Urgency is how insistently the desktop shows a notification.
type Urgency byte

// Urgencies, as the freedesktop specification numbers them.
const (
	UrgencyLow      Urgency = 0
	UrgencyNormal   Urgency = 1
	UrgencyCritical Urgency = 2
)

// Action is a button on a notification; Key comes back when it is clicked.
type Action struct {
	Key   string
	Label string
}

// Action keys. "default" is what most desktops send for a click on the
// notification itself; "open" is the button.
const (
	ActionDefault = "default"
	ActionOpen    = "open"
)

// OpenActions are the actions of every Fineprint notification.
func OpenActions() []Action {
	return []Action{{Key: ActionDefault, Label: "Open"}, {Key: ActionOpen, Label: "Open"}}
}

// Notification is one desktop notification.
type Notification struct {
	Summary string
	Body    string
	Actions []Action
	Urgency Urgency
}

// Notifier shows notifications on the desktop.
type Notifier interface {
	// Notify shows n and returns the desktop's id for it.
	Notify(ctx context.Context, n Notification) (uint32, error)
	// OnAction sets what runs when an action of a notification is invoked.
	OnAction(func(id uint32, key string))
	Close() error
}
