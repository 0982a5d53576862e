package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/notify"
	"fineprint/backend/notify/notifytest"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

func TestSettingsAndAutostart(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	t.Setenv("FINEPRINT_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	autostartOS = "linux"
	t.Cleanup(func() { autostartOS = runtime.GOOS })
	a, rec := newApp(t)
	got, err := a.Settings()
	if err != nil || got.CheckIntervalHours != 24 || !got.Notifications || !got.KeepRunningOnClose || got.DigestDay != 1 ||
		got.DigestHour != 9 || got.Language != "en" || got.DataDir != a.store.Dir() {
		t.Fatalf("defaults: %+v %v", got, err)
	}
	got.CheckIntervalHours, got.QuietStart, got.QuietEnd, got.Autostart = 6, "22:00", "07:00", true
	saved, err := a.SaveSettings(got)
	if err != nil || saved != got {
		t.Fatalf("save: %+v %v", saved, err)
	}
	entry, err := os.ReadFile(filepath.Join(xdg, "autostart", "fineprint.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	want := "Exec=" + execQuote(exe) + " --data-dir " + execQuote(a.store.Dir()) + " daemon\n"
	if !strings.Contains(string(entry), "[Desktop Entry]\nType=Application\n") || !strings.Contains(string(entry), want) {
		t.Fatalf("desktop entry:\n%s\nwant line %q", entry, want)
	}
	if len(rec.events) == 0 || rec.events[len(rec.events)-1] != EventSettingsChanged {
		t.Fatalf("events: %v", rec.events)
	}
	bad := saved
	bad.QuietEnd = "7pm"
	if _, err := a.SaveSettings(bad); !errors.Is(err, settings.ErrInvalid) {
		t.Fatalf("invalid quiet hours: %v", err)
	}
	saved.Autostart = false
	if _, err := a.SaveSettings(saved); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(xdg, "autostart", "fineprint.desktop")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("entry not removed: %v", err)
	}
}

func TestExecQuoting(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/bin/fineprint":      "/usr/bin/fineprint",
		"/home/a b/fineprint":     `"/home/a b/fineprint"`,
		`/tmp/x"y$z%`:             `"/tmp/x\\"y\\$z%%"`,
		`/tmp/back\slash`:         `"/tmp/back\\\\slash"`,
		"/opt/Fineprint 100%/app": `"/opt/Fineprint 100%%/app"`,
	} {
		if got := execQuote(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
	plist := launchAgent([]string{"/Applications/Fine & Print.app/fineprint", "daemon"})
	if !strings.Contains(plist, "<string>/Applications/Fine &amp; Print.app/fineprint</string>") || !strings.Contains(plist, "<key>RunAtLoad</key><true/>") {
		t.Fatalf("launch agent:\n%s", plist)
	}
}

// termsPage serves terms whose text the test changes.
type termsPage struct {
	mu   sync.Mutex
	text string
}

func (p *termsPage) set(s string) { p.mu.Lock(); p.text = s; p.mu.Unlock() }
func (p *termsPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(w, "<html><body><main><h1>Terms of Service</h1>%s</main></body></html>", p.text)
}

func sections(extra string) string {
	var b strings.Builder
	for i := range 10 {
		fmt.Fprintf(&b, "<h2>Section %d</h2><p>These terms explain how we handle your data in case %d. We keep records as long as needed and share them with service providers that help us run the service.</p>", i+1, i+1)
	}
	return b.String() + extra
}

func TestBackgroundNotifiesAndOpens(t *testing.T) {
	addr := notifytest.StartBus(t)
	srv := notifytest.Serve(t, addr)
	a, _ := newApp(t)
	page := &termsPage{}
	page.set(sections(""))
	site := httptest.NewServer(page)
	defer site.Close()
	ctx := context.Background()
	if _, err := a.store.AddPlatform(ctx, catalog.Platform{ID: "acme", Name: "Acme", Documents: []catalog.Document{
		{Type: "Terms of Service", Sources: []catalog.Source{{URL: site.URL, Rules: extract.Rules{Select: extract.CSS("main")}}}}}}, store.SourceCatalog); err != nil {
		t.Fatal(err)
	}
	opened := make(chan int64, 1)
	batches := make(chan []monitor.Result, 4)
	bg, err := NewBackground(a.store, BackgroundOptions{Role: "window", Notifier: &notify.DBus{Address: addr},
		Fetcher:   fetch.New(fetch.Options{NoBrowser: true, MaxRetries: -1, Timeout: 5 * time.Second}),
		OnOpen:    func(id int64, _ []int64) { opened <- id },
		OnResults: func(rs []monitor.Result) { batches <- rs },
		OnError:   func(err error) { t.Error(err) }})
	if err != nil {
		t.Fatal(err)
	}
	// One scheduler per archive: a second one is refused with a reason.
	if _, err := NewBackground(a.store, BackgroundOptions{Role: "daemon"}); !errors.Is(err, monitor.ErrSchedulerRunning) ||
		!strings.Contains(err.Error(), "the Fineprint window") {
		t.Fatalf("second scheduler: %v", err)
	}
	clock := time.Now().Add(-48 * time.Hour) // the digest page reads the real clock
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	bg.Scheduler.Now, bg.Scheduler.Checker.Now, bg.Dispatcher.Now = now, now, now
	ticks := make(chan time.Time)
	bg.Scheduler.Ticks = ticks
	bg.Start(func(err error) { t.Error(err) })
	defer bg.Stop()

	if rs := <-batches; rs[0].Outcome != store.OutcomeNew {
		t.Fatalf("first check: %+v", rs[0])
	}
	page.set(sections("<h2>AI training</h2><p>We may use your conversations to train our models, and you cannot opt out of this.</p>"))
	mu.Lock()
	clock = clock.Add(36 * time.Hour)
	mu.Unlock()
	ticks <- clock
	if rs := <-batches; rs[0].Outcome != store.OutcomeChanged {
		t.Fatalf("second check: %+v", rs[0])
	}
	calls := srv.Calls()
	if len(calls) != 1 || calls[0].Summary != "Acme changed its Terms of Service" {
		t.Fatalf("notifications: %+v", calls)
	}
	srv.Invoke(calls[0].ID, "default")
	select {
	case id := <-opened:
		d, err := a.Digest()
		if err != nil || len(d.Changes) != 1 || d.Changes[0].Change.ID != id || d.Platforms != 1 {
			t.Fatalf("opened %d; digest %+v %v", id, d, err)
		}
	case <-time.After(notifytest.Wait):
		t.Fatal("the click did not open the change")
	}
	if err := a.SetMuted("acme", true); err != nil {
		t.Fatal(err)
	}
	if d, _ := a.Digest(); !d.Changes[0].Muted {
		t.Fatal("muted flag missing in the digest")
	}
	if err := a.SetMuted("nobody", true); err == nil {
		t.Fatal("muted an unknown platform")
	}
}
