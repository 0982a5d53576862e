package app

import (
	"context"
	"errors"
	"sync"

	"fineprint/backend/explain"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
)

// Check events: progress after each document, then the results.
const (
	EventCheckProgress = "check:progress"
	EventCheckDone     = "check:done"
)

// checks runs one check at a time from the window and lets it be cancelled.
type checks struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	fetcher *fetch.Fetcher
}

// CheckResult is one document's outcome, as the UI shows it.
type CheckResult = monitor.Result

// CheckNow starts checking the given platforms (all watched ones when
// none are given) in the background. Progress arrives as check:progress
// events and the results as one check:done event. It fails if a check is
// already running.
func (a *App) CheckNow(platformIDs []string) error {
	a.checks.mu.Lock()
	defer a.checks.mu.Unlock()
	if a.checks.cancel != nil {
		return errors.New("a check is already running")
	}
	ctx, cancel := context.WithCancel(context.Background())
	docs, err := a.store.Documents(ctx, platformIDs...)
	if err != nil {
		cancel()
		return err
	}
	if len(docs) == 0 {
		cancel()
		return errors.New("there is nothing to check yet: add a platform first")
	}
	if a.checks.fetcher == nil {
		a.checks.fetcher = fetch.New(fetch.Options{})
	}
	lang, _ := a.store.Setting(ctx, "fetch.language", "en")
	chk := &monitor.Checker{Store: a.store, Fetcher: a.checks.fetcher, AcceptLanguage: lang, Notice: explain.ChangeNotice,
		OnProgress: func(p monitor.Progress) { a.emit.Emit(EventCheckProgress, p) }}
	a.checks.cancel = cancel
	a.emit.Emit(EventCheckProgress, monitor.Progress{Done: 0, Total: len(docs)})
	go func() {
		results := chk.Check(ctx, docs)
		a.checks.mu.Lock()
		a.checks.cancel = nil
		a.checks.mu.Unlock()
		cancel()
		a.emit.Emit(EventCheckDone, results)
		a.emit.Emit(EventWatchlistChanged)
	}()
	return nil
}

// CancelCheck stops a running check; documents not yet checked are left as
// they were.
func (a *App) CancelCheck() {
	a.checks.mu.Lock()
	defer a.checks.mu.Unlock()
	if a.checks.cancel != nil {
		a.checks.cancel()
	}
}

// Checking reports whether a check is running.
func (a *App) Checking() bool {
	a.checks.mu.Lock()
	defer a.checks.mu.Unlock()
	return a.checks.cancel != nil
}
