package notify

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/godbus/dbus/v5"
)

const (
	busName     = "org.freedesktop.Notifications"
	busPath     = dbus.ObjectPath("/org/freedesktop/Notifications")
	busIface    = "org.freedesktop.Notifications"
	appName     = "Fineprint"
	desktopFile = "fineprint"
)

// DBus sends notifications to the freedesktop notification service on the
// session bus. It connects on first use and again after the bus went away,
// so a notifier made before the desktop session was up still works later.
//
// It speaks to godbus directly rather than through a wrapper library: the
// wrappers type-assert signal bodies and panic on a malformed signal, which
// any program on the session bus could send.
type DBus struct {
	// Address is the bus address; the session bus of the environment when
	// empty. A bus is never launched for us.
	Address string

	mu       sync.Mutex
	conn     *dbus.Conn
	signals  chan *dbus.Signal
	onAction func(id uint32, key string)
	sent     map[uint32]bool
	closed   bool
}

// NewDBus makes a notifier on the session bus.
func NewDBus() *DBus { return &DBus{} }

// OnAction sets the action handler. It runs on the notifier's own goroutine.
func (d *DBus) OnAction(f func(id uint32, key string)) {
	d.mu.Lock()
	d.onAction = f
	d.mu.Unlock()
}

// connect returns a live connection, dialling when needed. Callers hold mu.
func (d *DBus) connect() (*dbus.Conn, error) {
	if d.closed {
		return nil, ErrClosed
	}
	if d.conn != nil && d.conn.Connected() {
		return d.conn, nil
	}
	d.conn = nil
	var conn *dbus.Conn
	var err error
	if d.Address != "" {
		conn, err = dbus.Dial(d.Address)
	} else {
		if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" && os.Getenv("XDG_RUNTIME_DIR") == "" {
			return nil, fmt.Errorf("%w: DBUS_SESSION_BUS_ADDRESS is not set (run Fineprint inside your desktop session)", ErrNoBus)
		}
		conn, err = dbus.SessionBusPrivateNoAutoStartup()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoBus, err)
	}
	if err = conn.Auth(nil); err == nil {
		err = conn.Hello()
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: %v", ErrNoBus, err)
	}
	if err := conn.AddMatchSignal(dbus.WithMatchObjectPath(busPath), dbus.WithMatchInterface(busIface)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: cannot listen for notification clicks: %v", ErrNoBus, err)
	}
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	d.conn, d.signals = conn, signals
	go d.listen(signals)
	return conn, nil
}

// listen turns ActionInvoked signals for our own notifications into calls of
// the handler; it ends when the connection closes.
func (d *DBus) listen(signals <-chan *dbus.Signal) {
	for s := range signals {
		if s == nil || s.Path != busPath {
			continue
		}
		switch s.Name {
		case busIface + ".ActionInvoked":
			if len(s.Body) != 2 {
				continue
			}
			id, ok1 := s.Body[0].(uint32)
			key, ok2 := s.Body[1].(string)
			d.mu.Lock()
			ours, f := d.sent[id], d.onAction
			d.mu.Unlock()
			if ok1 && ok2 && ours && f != nil {
				f(id, key)
			}
		case busIface + ".NotificationClosed":
			if len(s.Body) >= 1 {
				if id, ok := s.Body[0].(uint32); ok {
					d.mu.Lock()
					delete(d.sent, id)
					d.mu.Unlock()
				}
			}
		}
	}
}

// Notify shows n. With no session bus it fails with ErrNoBus, and with no
// notification service on it with ErrNoServer.
func (d *DBus) Notify(ctx context.Context, n Notification) (uint32, error) {
	var id uint32
	var err error
	// One retry: a connection that broke since the last notification shows
	// only when it is used.
	for attempt := 0; attempt < 2; attempt++ {
		d.mu.Lock()
		conn, cerr := d.connect()
		d.mu.Unlock()
		if cerr != nil {
			return 0, cerr
		}
		// The lock is not held during the call: the signal listener takes
		// it, and a listener blocked behind us could stall the reply.
		id, err = send(ctx, conn, n)
		if err == nil || conn.Connected() {
			break
		}
		d.mu.Lock()
		if d.conn == conn {
			d.conn = nil
		}
		d.mu.Unlock()
	}
	if err != nil {
		return 0, err
	}
	d.mu.Lock()
	if d.sent == nil {
		d.sent = map[uint32]bool{}
	}
	d.sent[id] = true
	d.mu.Unlock()
	return id, nil
}

func send(ctx context.Context, conn *dbus.Conn, n Notification) (uint32, error) {
	actions := []string{}
	for _, a := range n.Actions {
		actions = append(actions, a.Key, a.Label)
	}
	hints := map[string]dbus.Variant{
		"urgency":       dbus.MakeVariant(byte(n.Urgency)),
		"desktop-entry": dbus.MakeVariant(desktopFile),
	}
	call := conn.Object(busName, busPath).CallWithContext(ctx, busIface+".Notify", 0,
		appName, uint32(0), "", n.Summary, n.Body, actions, hints, int32(-1))
	if call.Err != nil {
		var de dbus.Error
		if errors.As(call.Err, &de) && (de.Name == "org.freedesktop.DBus.Error.ServiceUnknown" || de.Name == "org.freedesktop.DBus.Error.NameHasNoOwner") {
			return 0, fmt.Errorf("%w: start one (most desktops have it; on a bare window manager install dunst or mako): %v", ErrNoServer, call.Err)
		}
		if errors.Is(call.Err, context.DeadlineExceeded) || errors.Is(call.Err, context.Canceled) {
			return 0, call.Err
		}
		return 0, fmt.Errorf("%w: %v", ErrNoServer, call.Err)
	}
	var id uint32
	if err := call.Store(&id); err != nil {
		return 0, fmt.Errorf("%w: unexpected reply: %v", ErrNoServer, err)
	}
	return id, nil
}

// Close drops the connection; later calls fail with ErrClosed.
func (d *DBus) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if d.conn == nil {
		return nil
	}
	err := d.conn.Close()
	d.conn = nil
	return err
}
