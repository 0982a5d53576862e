package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"fineprint/backend/monitor"
)

// Closing the window while Fineprint should keep checking ends the window's
// process (hundreds of megabytes of WebKit) and leaves a 'fineprint daemon'
// holding the archive's scheduler.
// checkingWindow starts the window on an archive whose one document is on
// loopback, and waits until it shows and runs the scheduler.
type checkingWindow struct {
	archive, display string
	id               uint32
	exited           chan error
	logs             *bytes.Buffer
}

func startCheckingWindow(t *testing.T, bin string) *checkingWindow {
	t.Helper()
	home := t.TempDir()
	w := &checkingWindow{archive: filepath.Join(home, "archive"), exited: make(chan error, 1), logs: &bytes.Buffer{}}
	env := desktopEnv(t, home, w.archive)
	env = append(env, "DBUS_SESSION_BUS_ADDRESS="+startBus(t, env))
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "DISPLAY="); ok {
			w.display = v
		}
	}
	// The one watched document is on loopback: the window's scheduler
	// checks it at once, and nothing reaches the internet.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><main><h1>Terms of Service</h1><p>These terms govern your use of the service. We may change them at any time.</p>
<p>You grant us a licence to the content you post. We may suspend your account if you break these terms.</p></main></body></html>`)
	}))
	t.Cleanup(srv.Close)
	add := exec.Command(bin, "watch", "add", "--name", "Local", "--type", "Terms of Service", "--url", srv.URL+"/terms", "--select", "main")
	add.Env = env
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("watch add: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	app := exec.CommandContext(ctx, bin)
	app.Env = env
	app.Stdout, app.Stderr = w.logs, w.logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.exited <- app.Wait() }()
	t.Cleanup(func() {
		cancel()
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(w.archive, "background.log"))
			t.Logf("app output:\n%s\ndaemon log:\n%s", w.logs.String(), b)
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) && w.id == 0 {
		xdo := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Fineprint$")
		xdo.Env = env
		if out, err := xdo.Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			id, _ := strconv.ParseUint(strings.Fields(string(out))[0], 10, 32)
			w.id = uint32(id)
		}
		time.Sleep(300 * time.Millisecond)
	}
	if w.id == 0 {
		t.Fatal("no window named Fineprint appeared")
	}
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(filepath.Join(w.archive, monitor.LockFileName)); strings.HasPrefix(string(b), "window ") {
			return w
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the window never took the scheduler")
	return nil
}

// waitExit waits for the window's process to end by itself.
func (w *checkingWindow) waitExit(t *testing.T) {
	t.Helper()
	select {
	case err := <-w.exited:
		if err != nil {
			t.Fatalf("the window's process ended with %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the window's process still runs a minute on")
	}
}

func TestCloseHandsOverToDaemon(t *testing.T) {
	bin := os.Getenv("FINEPRINT_BINARY")
	if bin == "" {
		t.Skip("FINEPRINT_BINARY is not set: run `make e2e-window` to build the app and test its window")
	}
	w := startCheckingWindow(t, bin)
	archive, lockFile := w.archive, filepath.Join(w.archive, monitor.LockFileName)
	var daemonPID int
	defer func() {
		if daemonPID > 0 {
			syscall.Kill(daemonPID, syscall.SIGTERM)
		}
	}()

	// Close it the way a window manager does: WM_DELETE_WINDOW.
	closeWindow(t, w.display, w.id)
	w.waitExit(t)
	b, err := os.ReadFile(lockFile)
	role, pid, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	if err != nil || role != "daemon" {
		t.Fatalf("after the window closed the scheduler lock reads %q (%v)", b, err)
	}
	daemonPID, _ = strconv.Atoi(pid)
	if daemonPID <= 0 || syscall.Kill(daemonPID, 0) != nil {
		t.Fatalf("the daemon (pid %q) is not running", pid)
	}
	// It is a daemon of this archive, and holds the lock for real.
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", daemonPID))
	if !strings.Contains(string(cmdline), "daemon\x00--data-dir\x00"+archive) {
		t.Errorf("the process holding the lock runs %q", bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}))
	}
	if l, err := monitor.LockDataDir(archive, "test"); err == nil {
		l.Release()
		t.Error("nobody holds the scheduler lock after the handover")
	}
	syscall.Kill(daemonPID, syscall.SIGTERM)
	for i := 0; i < 100 && syscall.Kill(daemonPID, 0) == nil; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	daemonPID = 0
}

// SIGTERM (a logout, a kill) ends the window's process and the checks with
// it: no daemon takes over.
func TestTermEndsWithoutHandover(t *testing.T) {
	bin := os.Getenv("FINEPRINT_BINARY")
	if bin == "" {
		t.Skip("FINEPRINT_BINARY is not set: run `make e2e-window` to build the app and test its window")
	}
	w := startCheckingWindow(t, bin)
	pid := 0
	b, _ := os.ReadFile(filepath.Join(w.archive, monitor.LockFileName))
	fmt.Sscanf(strings.TrimPrefix(string(b), "window "), "%d", &pid)
	if pid <= 0 {
		t.Fatalf("lock file %q names no window process", b)
	}
	syscall.Kill(pid, syscall.SIGTERM)
	w.waitExit(t)
	if b, _ := os.ReadFile(filepath.Join(w.archive, monitor.LockFileName)); strings.HasPrefix(string(b), "daemon ") {
		role, p, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
		if n, _ := strconv.Atoi(p); n > 0 {
			syscall.Kill(n, syscall.SIGTERM)
		}
		t.Fatalf("SIGTERM handed the checks to a %s", role)
	}
	if l, err := monitor.LockDataDir(w.archive, "test"); err != nil {
		t.Fatalf("the scheduler lock is still held after SIGTERM: %v", err)
	} else {
		l.Release()
	}
}

// closeWindow sends the window the WM_DELETE_WINDOW message a window
// manager sends when its close button is pressed (Xvfb runs none).
func closeWindow(t *testing.T, display string, win uint32) {
	t.Helper()
	xgb.Logger = log.New(io.Discard, "", 0) // it reports the missing ~/.Xauthority that Xvfb does not need
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connecting to %s: %v", display, err)
	}
	defer conn.Close()
	atom := func(name string) xproto.Atom {
		r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatalf("atom %s: %v", name, err)
		}
		return r.Atom
	}
	protocols, del := atom("WM_PROTOCOLS"), atom("WM_DELETE_WINDOW")
	ev := xproto.ClientMessageEvent{Format: 32, Window: xproto.Window(win), Type: protocols,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(del), 0, 0, 0, 0})}
	if err := xproto.SendEventChecked(conn, false, xproto.Window(win), xproto.EventMaskNoEvent, string(ev.Bytes())).Check(); err != nil {
		t.Fatalf("sending WM_DELETE_WINDOW: %v", err)
	}
}
