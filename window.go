package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"fineprint/app"
	"fineprint/app/cli"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/notify"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

// emitter forwards facade events to the window once it exists.
type emitter struct {
	mu  sync.Mutex
	ctx context.Context
}

func (e *emitter) Emit(event string, data ...any) {
	e.mu.Lock()
	ctx := e.ctx
	e.mu.Unlock()
	if ctx != nil {
		runtime.EventsEmit(ctx, event, data...)
	}
}

// OpenURL opens a page in the system browser.
func (e *emitter) OpenURL(url string) {
	e.mu.Lock()
	ctx := e.ctx
	e.mu.Unlock()
	if ctx != nil {
		runtime.BrowserOpenURL(ctx, url)
	}
}

func (e *emitter) set(ctx context.Context) {
	e.mu.Lock()
	e.ctx = ctx
	e.mu.Unlock()
}

const (
	settingWindowSize = "window.size"
	defaultWidth      = 1200
	defaultHeight     = 800
)

func runWindow(dataDir string) int {
	fetch.Version = version
	dir, err := store.DataDir(dataDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fineprint:", err)
		return 1
	}
	s, err := store.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fineprint:", err)
		return 1
	}
	defer s.Close()
	// Removals can be undone for a day; after that their archive goes.
	s.PurgeRemoved(context.Background(), time.Now().Add(-24*time.Hour))

	em := &emitter{}
	facade := app.New(s, em, version)
	win := &Window{store: s, emit: em, dir: dir, signals: make(chan os.Signal, 1)}
	// Wails answers SIGTERM and SIGINT by closing the window the way its
	// close button does; this tells the two apart (hideInsteadOfClose).
	signal.Notify(win.signals, syscall.SIGTERM, syscall.SIGINT)
	width, height := windowSize(s)
	err = wails.Run(&options.App{
		Title:     "Fineprint",
		Width:     width,
		Height:    height,
		MinWidth:  860,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		OnStartup: func(ctx context.Context) {
			em.set(ctx)
			win.startBackground(ctx)
		},
		OnDomReady: win.openRequested,
		OnBeforeClose: func(ctx context.Context) bool {
			w, h := runtime.WindowGetSize(ctx)
			if w > 0 && h > 0 {
				s.SetSetting(context.Background(), settingWindowSize, fmt.Sprintf("%dx%d", w, h))
			}
			return win.hideInsteadOfClose(ctx)
		},
		OnShutdown: func(context.Context) { win.stopBackground() },
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "org.fineprint.app." + strconv.Itoa(len(dir)) + "." + sanitize(dir),
			OnSecondInstanceLaunch: func(second options.SecondInstanceData) {
				em.mu.Lock()
				ctx := em.ctx
				em.mu.Unlock()
				if ctx != nil {
					runtime.WindowUnminimise(ctx)
					runtime.WindowShow(ctx)
					// A click on a daemon's notification starts a second
					// instance to show that change here.
					if _, id, ok := cli.WindowArgs(second.Args); ok && id > 0 {
						em.Emit(app.EventChangeOpen, id, []int64{id})
					}
				}
			},
		},
		Linux: linuxOptions(),
		Bind:  []any{facade, win},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fineprint:", err)
		return 1
	}
	return 0
}

// linuxOptions are the WebKitGTK settings of the window. The GPU policy is
// spelled out because its zero value is "always": WebKit then composites
// every page with OpenGL, which on machines without a GPU (and under Xvfb)
// means Mesa's software rasteriser. For pages of text that costs about
// 110 MB of resident memory in the web process and CPU at start, for nothing
// visible. Wails itself picks "never" when no Linux options are given;
// naming the program must not undo that.
func linuxOptions() *linux.Options {
	return &linux.Options{ProgramName: "fineprint", WebviewGpuPolicy: linux.WebviewGpuPolicyNever}
}

// windowSize is the size the window had when last closed.
func windowSize(s *store.Store) (int, int) {
	v, _ := s.Setting(context.Background(), settingWindowSize, "")
	var w, h int
	if _, err := fmt.Sscanf(v, "%dx%d", &w, &h); err != nil || w < 600 || h < 400 || w > 10000 || h > 10000 {
		return defaultWidth, defaultHeight
	}
	return w, h
}

// sanitize makes a D-Bus-safe id part out of the data directory, so that one
// window runs per archive.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Window is bound next to the facade for what only the window process can
// do: quit for good while closing merely hides it, and the background
// scheduler it runs.
type Window struct {
	store *store.Store
	emit  *emitter
	dir   string // the data directory
	// signals receives SIGTERM and SIGINT: a request to end, never to hand
	// the checks over.
	signals chan os.Signal

	mu      sync.Mutex
	ctx     context.Context
	bg      *app.Background
	lastErr string
}

// startBackground runs the scheduler in the window process unless
// 'fineprint daemon' already does; notifications then come from it.
func (w *Window) startBackground(ctx context.Context) {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
	bg, err := app.NewBackground(w.store, app.BackgroundOptions{Role: "window", Notifier: notify.System(),
		OnOpen: func(id int64, all []int64) {
			w.show()
			w.emit.Emit(app.EventChangeOpen, id, all)
		},
		OnDigest: func() {
			w.show()
			w.emit.Emit(app.EventDigestOpen)
		},
		OnResults: func([]monitor.Result) { w.emit.Emit(app.EventWatchlistChanged) },
		OnError:   w.logError,
	})
	if errors.Is(err, monitor.ErrSchedulerRunning) {
		fmt.Fprintln(os.Stderr, "fineprint:", err)
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fineprint: checks will not run on their own:", err)
		return
	}
	bg.Start(w.logError)
	w.mu.Lock()
	w.bg = bg
	w.mu.Unlock()
}

// logError reports background errors once each: a missing notification
// service would otherwise be reported every minute.
func (w *Window) logError(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil || err.Error() == w.lastErr {
		return
	}
	w.lastErr = err.Error()
	fmt.Fprintln(os.Stderr, "fineprint:", err)
}

func (w *Window) stopBackground() {
	w.mu.Lock()
	bg := w.bg
	w.bg = nil
	w.mu.Unlock()
	bg.Stop()
}

func (w *Window) show() {
	ctx := w.context()
	if ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
	}
}

// openRequested shows the change a daemon's notification was clicked for,
// when the daemon started this window.
func (w *Window) openRequested(context.Context) {
	v := os.Getenv(cli.EnvOpenChange)
	if v == "" {
		return
	}
	os.Unsetenv(cli.EnvOpenChange)
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		w.emit.Emit(app.EventChangeOpen, id, []int64{id})
	}
}

// hideInsteadOfClose keeps Fineprint checking after the window closes when
// the setting says so and this process runs the scheduler. The first time,
// it says so: an event for the window and a notification on the desktop,
// since the window is gone from view.
func (w *Window) hideInsteadOfClose(ctx context.Context) bool {
	w.mu.Lock()
	bg := w.bg
	w.mu.Unlock()
	bctx := context.Background()
	set, err := settings.Load(bctx, w.store)
	if bg == nil || err != nil || !set.KeepRunningOnClose {
		return false
	}
	select {
	case <-w.signals:
		return false // asked to end (a logout, kill): the window's OnShutdown stops the checks
	default:
	}
	shown, _ := w.store.Setting(bctx, settings.KeyFirstCloseShown, "")
	if shown == "" {
		w.store.SetSetting(bctx, settings.KeyFirstCloseShown, "true")
		n := notify.Notification{Summary: "Fineprint keeps checking in the background",
			Body:    "It will tell you when terms you watch change. Start Fineprint again to open the window; turn this off in Settings.",
			Urgency: notify.UrgencyLow}
		if set.Notifications {
			bg.Dispatcher.Notifier.Notify(bctx, n)
		}
	}
	// The checks move to a daemon and this process ends (handover.go).
	w.stopBackground()
	pid, err := startDaemon(w.dir)
	if err == nil {
		fmt.Fprintf(os.Stderr, "fineprint: the window closed; 'fineprint daemon' (pid %d) goes on checking\n", pid)
		return false
	}
	// Without a daemon the window keeps the checks, hidden.
	fmt.Fprintf(os.Stderr, "fineprint: %v; the window keeps checking, hidden\n", err)
	w.startBackground(ctx)
	runtime.WindowHide(ctx)
	if shown == "" {
		w.emit.Emit(app.EventFirstClose)
	}
	return true
}

// Quit closes the window and stops the background checks.
func (w *Window) Quit() {
	ctx := w.context()
	w.stopBackground()
	if ctx != nil {
		runtime.Quit(ctx)
	}
}

// RunsInBackground reports whether this window runs the scheduler, so that
// closing it leaves Fineprint running.
func (w *Window) RunsInBackground() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.bg != nil
}

// archiveFilters are the files the export and import dialogs show: an
// export is an SQLite file, named .sqlite by default.
var archiveFilters = []runtime.FileFilter{
	{DisplayName: "Fineprint archives (*.sqlite, *.db, *.fineprint)", Pattern: "*.sqlite;*.db;*.fineprint"},
	{DisplayName: "All files", Pattern: "*"},
}

// ChooseExportPath asks, with the system's save dialog, where to export the
// archive, starting from the suggested path; "" when the person cancels.
func (w *Window) ChooseExportPath(suggested string) (string, error) {
	ctx := w.context()
	if ctx == nil {
		return "", errors.New("the window is not ready")
	}
	opts := runtime.SaveDialogOptions{Title: "Export the archive", Filters: archiveFilters, CanCreateDirectories: true}
	if suggested != "" {
		opts.DefaultDirectory, opts.DefaultFilename = filepath.Dir(suggested), filepath.Base(suggested)
	}
	return runtime.SaveFileDialog(ctx, opts)
}

// ChooseImportPath asks, with the system's open dialog, for an exported
// archive to merge; "" when the person cancels.
func (w *Window) ChooseImportPath() (string, error) {
	ctx := w.context()
	if ctx == nil {
		return "", errors.New("the window is not ready")
	}
	home, _ := os.UserHomeDir()
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: "Merge an exported archive", Filters: archiveFilters, DefaultDirectory: home})
}

func (w *Window) context() context.Context {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ctx
}
