package notify

import (
	"context"
	"fmt"
	"runtime"
)

// System is the desktop's notifier: D-Bus where the freedesktop service
// lives; on macOS and Windows the system's own notifications (without
// actions: a click cannot open the change there, the window's Changes page
// shows it); otherwise one that reports ErrUnsupported.
func System() Notifier {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return NewDBus()
	}
	return platformNotifier()
}

type unsupported struct{}

func (unsupported) Notify(context.Context, Notification) (uint32, error) {
	return 0, fmt.Errorf("%w (%s); changes still show in the window and the weekly digest page", ErrUnsupported, runtime.GOOS)
}
func (unsupported) OnAction(func(uint32, string)) {}
func (unsupported) Close() error                  { return nil }
