package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fineprint/backend/explain"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/notify"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

// Events of the background work.
const (
	// EventChangeOpen asks the window to show a change: the change id, then
	// every change id of the notification clicked.
	EventChangeOpen = "change:open"
	// EventDigestOpen asks the window to show the digest page.
	EventDigestOpen = "digest:open"
	// EventFirstClose is sent once, the first time closing the window leaves
	// Fineprint running, so the window can say so.
	EventFirstClose = "background:first-close"
)

// BackgroundOptions configure the checks that run on their own.
type BackgroundOptions struct {
	// Role names the process holding the scheduler ("window" or "daemon").
	Role     string
	Notifier notify.Notifier
	Fetcher  *fetch.Fetcher
	OnOpen   func(changeID int64, all []int64)
	OnDigest func()
	// OnResults sees every batch of scheduled checks (after notifying).
	OnResults func([]monitor.Result)
	// OnError hears errors of single ticks; the work goes on.
	OnError func(error)
}

// Background is the scheduler of one archive with its notifications.
type Background struct {
	Scheduler  *monitor.Scheduler
	Dispatcher *notify.Dispatcher
	lock       *monitor.DirLock
	cancel     context.CancelFunc
	done       chan struct{}
}

// NewBackground takes the archive's scheduler lock and builds the scheduler
// and dispatcher without starting them. It fails with an error matching
// monitor.ErrSchedulerRunning when another process already runs them.
func NewBackground(s *store.Store, opt BackgroundOptions) (*Background, error) {
	lock, err := monitor.LockDataDir(s.Dir(), opt.Role)
	if err != nil {
		return nil, err
	}
	if opt.Notifier == nil {
		opt.Notifier = notify.System()
	}
	if opt.Fetcher == nil {
		opt.Fetcher = fetch.New(fetch.Options{})
	}
	report := func(err error) {
		if err != nil && opt.OnError != nil {
			opt.OnError(err)
		}
	}
	set, _ := settings.Load(context.Background(), s)
	disp := &notify.Dispatcher{Store: s, Notifier: opt.Notifier, OnOpen: opt.OnOpen, OnDigest: opt.OnDigest}
	chk := &monitor.Checker{Store: s, Fetcher: opt.Fetcher, AcceptLanguage: set.Language, Notice: explain.ChangeNotice}
	sch := &monitor.Scheduler{Checker: chk, Store: s,
		Interval: func(ctx context.Context) time.Duration {
			set, _ := settings.Load(ctx, s)
			return set.Interval()
		},
		OnResults: func(ctx context.Context, rs []monitor.Result) {
			_, err := disp.Results(ctx, rs)
			report(err)
			if opt.OnResults != nil {
				opt.OnResults(rs)
			}
		},
		OnTick: func(ctx context.Context, _ time.Time) { report(disp.Tick(ctx)) },
	}
	return &Background{Scheduler: sch, Dispatcher: disp, lock: lock}, nil
}

// Start runs the scheduler until Stop.
func (b *Background) Start(onError func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel, b.done = cancel, make(chan struct{})
	go func() {
		defer close(b.done)
		b.Scheduler.Run(ctx, onError)
	}()
}

// Stop ends the scheduler, waits for running checks to wind down, and
// gives up the lock.
func (b *Background) Stop() {
	if b == nil {
		return
	}
	if b.cancel != nil {
		b.cancel()
		<-b.done
	}
	b.Dispatcher.Notifier.Close()
	b.lock.Release()
}

// ErrAutostartUnsupported: this system has no login entry Fineprint knows
// how to write.
var ErrAutostartUnsupported = errors.New("starting at login is not supported on this system yet")

// autostartOS is the system whose login entry is written; tests change it.
var autostartOS = runtime.GOOS

// AutostartPath is the login entry's file: the XDG autostart directory on
// Linux and the BSDs, the user's LaunchAgents on macOS.
func AutostartPath() (string, error) {
	switch autostartOS {
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "LaunchAgents", "org.fineprint.daemon.plist"), nil
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		dir := os.Getenv("XDG_CONFIG_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			dir = filepath.Join(home, ".config")
		}
		return filepath.Join(dir, "autostart", "fineprint.desktop"), nil
	}
	return "", fmt.Errorf("%w (%s)", ErrAutostartUnsupported, autostartOS)
}

// SetAutostart writes or removes the login entry. At login it runs
// 'fineprint daemon': checks and notifications without a window, whose
// notifications open the window when clicked. The data directory is named
// when it is not the default one.
func SetAutostart(enabled bool, dataDir string) error {
	path, err := AutostartPath()
	if err != nil {
		return err
	}
	if !enabled {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot remove the login entry %s: %w", path, err)
		}
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find Fineprint's own program file: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	args := []string{exe}
	if def, err := store.DataDir(""); err != nil || filepath.Clean(def) != filepath.Clean(dataDir) {
		args = append(args, "--data-dir", dataDir)
	}
	args = append(args, "daemon")
	var content string
	if autostartOS == "darwin" {
		content = launchAgent(args)
	} else {
		content = desktopEntry(args)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", filepath.Dir(path), err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return fmt.Errorf("cannot write the login entry %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// desktopEntry follows the Desktop Entry specification; its Exec quoting
// rules are stricter than a shell's.
func desktopEntry(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = execQuote(a)
	}
	return "[Desktop Entry]\nType=Application\nName=Fineprint\n" +
		"Comment=Checks the terms of the platforms you rely on and notifies you of material changes\n" +
		"Exec=" + strings.Join(quoted, " ") + "\nIcon=fineprint\nTerminal=false\nNoDisplay=true\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

func execQuote(a string) string {
	if a != "" && !strings.ContainsAny(a, " \t\n\"'\\><~|&;$*?#()`%=") {
		return a
	}
	r := strings.NewReplacer(`\`, `\\\\`, `"`, `\\"`, "`", "\\\\`", `$`, `\\$`, `%`, `%%`)
	return `"` + r.Replace(a) + `"`
}

func launchAgent(args []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key><string>org.fineprint.daemon</string>
	<key>ProgramArguments</key>
	<array>
`)
	for _, a := range args {
		b.WriteString("\t\t<string>" + xmlEscape(a) + "</string>\n")
	}
	b.WriteString("\t</array>\n\t<key>RunAtLoad</key><true/>\n</dict>\n</plist>\n")
	return b.String()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
