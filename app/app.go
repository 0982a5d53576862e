// Package app is the facade the window calls through Wails bindings: thin
// methods that turn backend results into the shapes the UI shows. Events go
// through an injected Emitter so the facade is tested without Wails.
package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/store"
	"fineprint/backend/watchlist"
)

// Emitter sends an event to the window.
type Emitter interface {
	Emit(event string, data ...any)
}

// Events the window listens to.
const (
	EventWatchlistChanged = "watchlist:changed"
)

// App is bound to the window. Every exported method is callable from the UI.
type App struct {
	store   *store.Store
	list    watchlist.Watchlist
	emit    Emitter
	version string
	checks  checks
}

// New builds the facade over an open archive.
func New(s *store.Store, emit Emitter, version string) *App {
	if emit == nil {
		emit = nopEmitter{}
	}
	return &App{store: s, list: watchlist.Watchlist{Store: s}, emit: emit, version: version}
}

type nopEmitter struct{}

func (nopEmitter) Emit(string, ...any) {}

// ctx bounds each call: a UI call never hangs the window forever.
func (a *App) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// Version is the app's version.
func (a *App) Version() string { return a.version }

// Category is a catalog category with its number of platforms.
type Category struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Categories lists the catalog's categories that have platforms.
func (a *App) Categories() ([]Category, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	c, err := a.list.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, p := range c.Platforms() {
		counts[p.Category]++
	}
	out := []Category{}
	for _, cat := range catalog.Categories() {
		if counts[cat.ID] > 0 {
			out = append(out, Category{ID: cat.ID, Label: cat.Label, Count: counts[cat.ID]})
		}
	}
	return out, nil
}

// CatalogDocument is a document a catalog platform offers.
type CatalogDocument struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// CatalogEntry is a platform in the picker.
type CatalogEntry struct {
	ID            string            `json:"id"`
	Name          string            `json:"name"`
	Company       string            `json:"company"`
	Category      string            `json:"category"`
	CategoryLabel string            `json:"categoryLabel"`
	Homepage      string            `json:"homepage"`
	Documents     []CatalogDocument `json:"documents"`
	Watched       bool              `json:"watched"`
}

// Catalog searches the catalog by name, company or alias, within a category
// when one is given.
func (a *App) Catalog(query, category string) ([]CatalogEntry, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	c, err := a.list.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	watched, err := a.store.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	isWatched := map[string]bool{}
	for _, p := range watched {
		isWatched[p.ID] = true
	}
	out := []CatalogEntry{}
	for _, p := range c.Search(query, category) {
		e := CatalogEntry{ID: p.ID, Name: p.Name, Company: p.Company, Category: p.Category,
			CategoryLabel: catalog.CategoryLabel(p.Category), Homepage: p.Homepage, Watched: isWatched[p.ID], Documents: []CatalogDocument{}}
		for _, d := range p.Documents {
			u := ""
			if len(d.Sources) > 0 {
				u = d.Sources[0].URL
			}
			e.Documents = append(e.Documents, CatalogDocument{Type: d.Type, URL: u})
		}
		out = append(out, e)
	}
	return out, nil
}

// DocumentTypes lists the document types offered when adding by URL.
func (a *App) DocumentTypes() []string {
	return append([]string(nil), watchlist.DocumentTypes...)
}

// WatchedDocument is a watched document with its last check.
type WatchedDocument struct {
	ID          int64  `json:"id"`
	Type        string `json:"type"`
	URL         string `json:"url"`
	Versions    int    `json:"versions"`
	LastCheck   string `json:"lastCheck"`
	LastOutcome string `json:"lastOutcome"`
	Error       string `json:"error"`
}

// WatchedPlatform is a row of the watchlist.
type WatchedPlatform struct {
	ID            string            `json:"id"`
	Name          string            `json:"name"`
	Company       string            `json:"company"`
	Category      string            `json:"category"`
	CategoryLabel string            `json:"categoryLabel"`
	Homepage      string            `json:"homepage"`
	Status        string            `json:"status"`
	StatusText    string            `json:"statusText"`
	LastCheck     string            `json:"lastCheck"`
	Unread        int               `json:"unread"`
	Muted         bool              `json:"muted"`
	Documents     []WatchedDocument `json:"documents"`
}

// Statuses of a watched platform.
const (
	StatusNeverChecked = "never-checked"
	StatusUpToDate     = "up-to-date"
	StatusChanged      = "changed"
	StatusFailed       = "failed"
)

func toWatched(p store.Platform) WatchedPlatform {
	w := WatchedPlatform{ID: p.ID, Name: p.Name, Company: p.Company, Category: p.Category,
		CategoryLabel: catalog.CategoryLabel(p.Category), Homepage: p.Homepage, Muted: p.Muted, Documents: []WatchedDocument{}}
	if p.Category == "custom" {
		w.CategoryLabel = "Added by URL"
	}
	var last time.Time
	checked, failed := 0, []string{}
	for _, d := range p.Documents {
		wd := WatchedDocument{ID: d.ID, Type: d.Type, URL: d.URL(), Versions: d.Versions}
		if c := d.LastCheck; c != nil {
			checked++
			wd.LastCheck, wd.LastOutcome, wd.Error = stamp(c.At), c.Outcome, c.ErrorMessage
			if c.At.After(last) {
				last = c.At
			}
			if c.Outcome == store.OutcomeFailed {
				failed = append(failed, d.Type+": "+c.ErrorMessage)
			}
		}
		w.Unread += d.Unread
		w.Documents = append(w.Documents, wd)
	}
	w.LastCheck = stamp(last)
	switch {
	case checked == 0:
		w.Status, w.StatusText = StatusNeverChecked, "Not checked yet"
	case len(failed) > 0:
		w.Status, w.StatusText = StatusFailed, strings.Join(failed, "; ")
	case w.Unread > 0:
		w.Status, w.StatusText = StatusChanged, "Terms changed"
	default:
		w.Status, w.StatusText = StatusUpToDate, "Up to date"
	}
	return w
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Watchlist lists the watched platforms.
func (a *App) Watchlist() ([]WatchedPlatform, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	ps, err := a.store.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]WatchedPlatform, 0, len(ps))
	for _, p := range ps {
		out = append(out, toWatched(p))
	}
	return out, nil
}

// WatchPlatform adds a catalog platform to the watchlist.
func (a *App) WatchPlatform(id string) (WatchedPlatform, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	p, err := a.list.Watch(ctx, id)
	if err != nil {
		return WatchedPlatform{}, err
	}
	a.emit.Emit(EventWatchlistChanged)
	return toWatched(p), nil
}

// AddURLRequest adds a document by its address.
type AddURLRequest = watchlist.URLRequest

// WatchURL adds a platform (or a document of a watched one) by URL.
func (a *App) WatchURL(req AddURLRequest) (WatchedPlatform, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	p, err := a.list.WatchURL(ctx, req)
	if err != nil {
		return WatchedPlatform{}, err
	}
	a.emit.Emit(EventWatchlistChanged)
	return toWatched(p), nil
}

// UnwatchPlatform removes a platform; RestorePlatform can undo it until the
// archive is purged.
func (a *App) UnwatchPlatform(id string) error {
	ctx, cancel := a.ctx()
	defer cancel()
	if _, err := a.list.Unwatch(ctx, id); err != nil {
		return err
	}
	a.emit.Emit(EventWatchlistChanged)
	return nil
}

// RestorePlatform undoes UnwatchPlatform.
func (a *App) RestorePlatform(id string) (WatchedPlatform, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	p, err := a.store.RestorePlatform(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return WatchedPlatform{}, errors.New("that removal can no longer be undone")
	}
	if err != nil {
		return WatchedPlatform{}, err
	}
	a.emit.Emit(EventWatchlistChanged)
	return toWatched(p), nil
}
