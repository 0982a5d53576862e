// Package notifytest runs a private session bus with a notification service
// on it, so that tests exercise the real D-Bus path without a desktop.
package notifytest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// busConfig is a session bus with no service activation, so that a
// notification daemon installed on the machine is never started by a test.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>`

// StartBus starts a private bus for the test and returns its address; the
// bus stops when the test ends. The test is skipped where dbus-daemon is
// not installed.
func StartBus(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed (Debian package dbus); skipping the D-Bus notification test")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, []byte(strings.Replace(busConfig, "%s", dir, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--config-file="+conf, "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start dbus-daemon: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(line)
}

// Call is one Notify call the server received.
type Call struct {
	App     string
	Summary string
	Body    string
	Actions []string
	Hints   map[string]dbus.Variant
	ID      uint32
}

// Server is a freedesktop notification service that records what it is
// asked to show.
type Server struct {
	conn  *dbus.Conn
	mu    sync.Mutex
	calls []Call
	next  uint32
}

const (
	name  = "org.freedesktop.Notifications"
	path  = dbus.ObjectPath("/org/freedesktop/Notifications")
	iface = "org.freedesktop.Notifications"
)

// Serve registers a notification service on the bus at addr.
func Serve(t testing.TB, addr string) *Server {
	t.Helper()
	conn, err := dbus.Dial(addr)
	if err == nil {
		if err = conn.Auth(nil); err == nil {
			err = conn.Hello()
		}
	}
	if err != nil {
		t.Fatalf("server connection: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	s := &Server{conn: conn}
	if err := conn.Export(s, path, iface); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot own %s: %v %v", name, reply, err)
	}
	return s
}

// Notify records a notification.
func (s *Server) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	s.calls = append(s.calls, Call{App: app, Summary: summary, Body: body, Actions: actions, Hints: hints, ID: s.next})
	return s.next, nil
}

// GetCapabilities says the server shows bodies and actions.
func (s *Server) GetCapabilities() ([]string, *dbus.Error) {
	return []string{"actions", "body"}, nil
}

// GetServerInformation names the server.
func (s *Server) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "notifytest", "fineprint", "1", "1.2", nil
}

// CloseNotification closes nothing; the server keeps no state on screen.
func (s *Server) CloseNotification(id uint32) *dbus.Error { return nil }

// Calls are the Notify calls so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Invoke clicks an action of a notification, as a person would.
func (s *Server) Invoke(id uint32, key string) error {
	return s.conn.Emit(path, iface+".ActionInvoked", id, key)
}

// EmitRaw sends any signal on the notification interface, for tests of
// malformed input.
func (s *Server) EmitRaw(member string, body ...any) error {
	return s.conn.Emit(path, iface+"."+member, body...)
}

// Wait is how long a test waits for an asynchronous signal before it calls
// the run a failure; it guards against hangs and measures nothing.
const Wait = 10 * time.Second
