package cli

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fineprint/backend/monitor"
	"fineprint/backend/notify/notifytest"
)

// termsSite serves one terms page; the test changes its text.
type termsSite struct {
	mu   sync.Mutex
	text string
}

func (s *termsSite) set(t string) { s.mu.Lock(); s.text = t; s.mu.Unlock() }
func (s *termsSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(w, "<html><body><nav>Home</nav><main><h1>Terms of Service</h1>%s</main></body></html>", s.text)
}

func clauses(extra string) string {
	var b strings.Builder
	for i := range 10 {
		fmt.Fprintf(&b, "<h2>Section %d</h2><p>These terms explain how we handle your data in case %d. We keep records as long as needed and share them with service providers that help us run the service.</p>", i+1, i+1)
	}
	return b.String() + extra
}

func TestDaemonOnceNotifiesMaterialChangesOnly(t *testing.T) {
	addr := notifytest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	srv := notifytest.Serve(t, addr)
	site := &termsSite{}
	site.set(clauses(""))
	hs := httptest.NewServer(site)
	defer hs.Close()
	dir := filepath.Join(t.TempDir(), "archive")
	if code, _, errs := fp(t, dir, "watch", "add", "--name", "Acme", "--type", "Terms of Service", "--url", hs.URL+"/terms", "--select", "main"); code != 0 {
		t.Fatalf("watch add: %s", errs)
	}
	if code, out, errs := fp(t, dir, "daemon", "--once"); code != 0 || !strings.Contains(out, "new version") {
		t.Fatalf("first run: %d %s %s", code, out, errs)
	}
	site.set(clauses("<h2>AI training</h2><p>We may use your conversations to train our models, and you cannot opt out of this use.</p>"))
	code, out, errs := fp(t, dir, "daemon", "--once")
	if code != 0 || !strings.Contains(out, "changed (material)") || !strings.Contains(out, "A notification was shown.") {
		t.Fatalf("material change: %d %s %s", code, out, errs)
	}
	calls := srv.Calls()
	if len(calls) != 1 || calls[0].Summary != "Acme changed its Terms of Service" || !strings.Contains(calls[0].Body, "AI training") ||
		strings.Join(calls[0].Actions, "|") != "default|Open|open|Open" {
		t.Fatalf("notifications: %+v", calls)
	}
	// A typo fix, then nothing new: no more notifications.
	site.set(strings.Replace(clauses("<h2>AI training</h2><p>We may use your conversations to train our models, and you cannot opt out of this use.</p>"), "We keep records", "We keep recrds", 1))
	fp(t, dir, "daemon", "--once")
	if code, out, _ = fp(t, dir, "daemon", "--once", "--json"); code != 0 || !strings.Contains(out, `"notified": false`) {
		t.Fatalf("json: %d %s", code, out)
	}
	if n := len(srv.Calls()); n != 1 {
		t.Fatalf("%d notifications after noise", n)
	}

	// One scheduler per archive: with the window holding it, the daemon
	// refuses, --once has nothing to do, and check still works.
	lock, err := monitor.LockDataDir(dir, "window")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if code, _, errs = fp(t, dir, "daemon"); code != ExitFailure || !strings.Contains(errs, "the Fineprint window") {
		t.Fatalf("daemon beside the window: %d %s", code, errs)
	}
	if code, _, errs = fp(t, dir, "daemon", "--once"); code != 0 || !strings.Contains(errs, "nothing to do") {
		t.Fatalf("--once beside the window: %d %s", code, errs)
	}
	if code, _, errs = fp(t, dir, "check"); code != 0 {
		t.Fatalf("check beside the window: %d %s", code, errs)
	}
}

func TestNotifyTest(t *testing.T) {
	addr := notifytest.StartBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	dir := t.TempDir()
	// No notification service yet: a clear error.
	if code, _, errs := fp(t, dir, "notify-test"); code != ExitFailure || !strings.Contains(errs, "no notification service") {
		t.Fatalf("without a server: %d %s", code, errs)
	}
	srv := notifytest.Serve(t, addr)
	if code, out, errs := fp(t, dir, "notify-test"); code != 0 || !strings.Contains(out, "sample notification was sent") {
		t.Fatalf("notify-test: %d %s %s", code, out, errs)
	}
	if calls := srv.Calls(); len(calls) != 1 || !strings.Contains(calls[0].Summary, "(a test)") {
		t.Fatalf("calls: %+v", calls)
	}
}

// A daemon started in a desktop session stops when the session's bus goes
// away (the person logged out), rather than hold the archive's scheduler
// with no desktop to notify.
func TestDaemonStopsWithTheSession(t *testing.T) {
	bin, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed (Debian package dbus)")
	}
	bus := exec.Command(bin, "--session", "--nofork", "--print-address=1")
	out, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Start(); err != nil {
		t.Skipf("cannot start dbus-daemon: %v", err)
	}
	defer func() { bus.Process.Kill(); bus.Wait() }()
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", strings.TrimSpace(addr))
	defer func(d time.Duration) { sessionCheckEvery = d }(sessionCheckEvery)
	sessionCheckEvery = 20 * time.Millisecond

	dir := filepath.Join(t.TempDir(), "archive")
	type result struct {
		code int
		errs string
	}
	done := make(chan result, 1)
	go func() {
		code, _, errs := fp(t, dir, "daemon")
		done <- result{code, errs}
	}()
	// While the session lasts, the daemon runs.
	select {
	case r := <-done:
		t.Fatalf("the daemon stopped with its session still there: %d %s", r.code, r.errs)
	case <-time.After(300 * time.Millisecond):
	}
	bus.Process.Kill()
	bus.Wait()
	select {
	case r := <-done:
		if r.code != 0 || !strings.Contains(r.errs, "the desktop session ended") {
			t.Fatalf("after the session ended: %d %s", r.code, r.errs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the daemon outlived its session")
	}
	if l, err := monitor.LockDataDir(dir, "test"); err != nil {
		t.Fatalf("the scheduler lock outlived the daemon: %v", err)
	} else {
		l.Release()
	}
}
