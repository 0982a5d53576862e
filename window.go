package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"fineprint/app"
	"fineprint/backend/fetch"
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
		OnStartup: em.set,
		OnBeforeClose: func(ctx context.Context) bool {
			w, h := runtime.WindowGetSize(ctx)
			if w > 0 && h > 0 {
				s.SetSetting(context.Background(), settingWindowSize, fmt.Sprintf("%dx%d", w, h))
			}
			return false
		},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "org.fineprint.app." + strconv.Itoa(len(dir)) + "." + sanitize(dir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				em.mu.Lock()
				ctx := em.ctx
				em.mu.Unlock()
				if ctx != nil {
					runtime.WindowUnminimise(ctx)
					runtime.WindowShow(ctx)
				}
			},
		},
		Linux: &linux.Options{ProgramName: "fineprint"},
		Bind:  []any{facade},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fineprint:", err)
		return 1
	}
	return 0
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
