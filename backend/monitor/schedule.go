package monitor

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fineprint/backend/store"
)

// DefaultInterval is how often a document is checked unless set otherwise.
const DefaultInterval = 24 * time.Hour

// TickEvery is how often the scheduler looks for due documents. A minute is
// fine-grained enough to spread a day's checks and costs one small query.
const TickEvery = time.Minute

// retryAfter is the first wait after a failed check. Failures are often a
// network that is not up yet after waking; waiting a whole interval would
// miss a day, while retrying every tick would hammer a site that blocks us.
const retryAfter = 30 * time.Minute

// Scheduler checks every watched document once per interval, each at its own
// moment of the interval so that checks are spread rather than all at once.
// A document's next check is its first slot at least half an interval after
// its last check; slots repeat every interval from a stable per-document
// offset. After a sleep, what is overdue is checked once.
type Scheduler struct {
	Checker *Checker
	Store   *store.Store
	// Now is the wall clock; time.Now when nil.
	Now func() time.Time
	// Ticks drives the loop; a ticker of TickEvery when nil.
	Ticks <-chan time.Time
	// Interval is read at every tick, so that a changed setting applies
	// without a restart; DefaultInterval when nil or not positive.
	Interval func(ctx context.Context) time.Duration
	// OnResults receives the results of each batch of checks.
	OnResults func(ctx context.Context, results []Result)
	// OnTick runs at every tick, after due checks have started; it is where
	// held notifications and the digest go out.
	OnTick func(ctx context.Context, now time.Time)

	mu       sync.Mutex
	inflight map[int64]bool
	wg       sync.WaitGroup
}

func (s *Scheduler) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Scheduler) interval(ctx context.Context) time.Duration {
	if s.Interval != nil {
		if iv := s.Interval(ctx); iv > 0 {
			return iv
		}
	}
	return DefaultInterval
}

// Offset is a document's stable place within the interval.
func Offset(documentID int64, interval time.Duration) time.Duration {
	if interval <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(documentID, 10)))
	return time.Duration(h.Sum64() % uint64(interval))
}

// NextCheck is when a document last checked at last is due again. A document
// never checked is due at once.
func NextCheck(documentID int64, last time.Time, interval time.Duration) time.Time {
	if last.IsZero() {
		return time.Time{}
	}
	if interval <= 0 {
		interval = DefaultInterval
	}
	// The next slot at least half an interval on: a check made by hand just
	// before a slot does not cause a second one minutes later, and gaps stay
	// between half and one and a half intervals.
	earliest := last.Add(interval / 2).UnixNano()
	base := earliest - int64(Offset(documentID, interval))
	iv := int64(interval)
	k := base / iv
	if base%iv != 0 && base > 0 {
		k++
	}
	return time.Unix(0, k*iv+int64(Offset(documentID, interval))).In(last.Location())
}

// retryAt is when a failed document is tried again: 30 minutes after the
// first failure, doubling with each failure in a row, and never later than
// its regular slot.
func (s *Scheduler) retryAt(ctx context.Context, d store.Document, regular time.Time) time.Time {
	checks, err := s.Store.Checks(ctx, d.ID, 8)
	if err != nil || len(checks) == 0 {
		return regular
	}
	wait := retryAfter
	for i := 1; i < len(checks) && checks[i].Outcome == store.OutcomeFailed; i++ {
		wait *= 2
	}
	if at := checks[0].At.Add(wait); at.Before(regular) {
		return at
	}
	return regular
}

// Due lists the documents whose check is due at now and not running.
func (s *Scheduler) Due(ctx context.Context, now time.Time) ([]store.Document, error) {
	docs, err := s.Store.Documents(ctx)
	if err != nil {
		return nil, err
	}
	iv := s.interval(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	var due []store.Document
	for _, d := range docs {
		if s.inflight[d.ID] {
			continue
		}
		var last time.Time
		if d.LastCheck != nil {
			last = d.LastCheck.At
		}
		next := NextCheck(d.ID, last, iv)
		if d.LastCheck != nil && d.LastCheck.Outcome == store.OutcomeFailed {
			next = s.retryAt(ctx, d, next)
		}
		if !next.After(now) {
			due = append(due, d)
		}
	}
	return due, nil
}

// Tick starts checking the due documents in the background and returns how
// many it started. A document still being checked from an earlier tick is
// not queued again.
func (s *Scheduler) Tick(ctx context.Context) (int, error) {
	now := s.now()
	due, err := s.Due(ctx, now)
	if err == nil && len(due) > 0 {
		s.mu.Lock()
		if s.inflight == nil {
			s.inflight = map[int64]bool{}
		}
		for _, d := range due {
			s.inflight[d.ID] = true
		}
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			results := s.Checker.Check(ctx, due)
			s.mu.Lock()
			for _, d := range due {
				delete(s.inflight, d.ID)
			}
			s.mu.Unlock()
			// Changes found before a shutdown are archived and show in the
			// window and the digest; only the notification is dropped.
			if s.OnResults != nil && ctx.Err() == nil {
				s.OnResults(ctx, results)
			}
		}()
	}
	if s.OnTick != nil && ctx.Err() == nil {
		s.OnTick(ctx, now)
	}
	return len(due), err
}

// Wait waits for the checks started so far.
func (s *Scheduler) Wait() { s.wg.Wait() }

// Run ticks at once (to catch up on what fell due while nothing ran) and
// then on every tick, until ctx ends; it waits for running checks before it
// returns. Errors of single ticks (a busy archive) are passed to onError and
// do not stop the loop.
func (s *Scheduler) Run(ctx context.Context, onError func(error)) {
	ticks := s.Ticks
	if ticks == nil {
		t := time.NewTicker(TickEvery)
		defer t.Stop()
		ticks = t.C
	}
	report := func(err error) {
		if err != nil && onError != nil && ctx.Err() == nil {
			onError(err)
		}
	}
	_, err := s.Tick(ctx)
	report(err)
	for {
		select {
		case <-ctx.Done():
			s.Wait()
			return
		case <-ticks:
			// The wall clock is read afresh at each tick, so that after a
			// suspend the jump shows and overdue documents are checked once.
			_, err := s.Tick(ctx)
			report(err)
		}
	}
}

// ErrSchedulerRunning means another process already runs the scheduler for
// this data directory.
var ErrSchedulerRunning = errors.New("Fineprint is already checking this archive in the background")

// LockedError says which process holds the scheduler lock.
type LockedError struct {
	Dir    string
	Holder string // "window" or "daemon", when known
	PID    int
}

func (e *LockedError) Error() string {
	who := "another Fineprint process"
	switch e.Holder {
	case "window":
		who = "the Fineprint window"
	case "daemon":
		who = "'fineprint daemon'"
	}
	if e.PID > 0 {
		who += fmt.Sprintf(" (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s already checks the archive in %s; one scheduler per archive is enough ('fineprint check' still works beside it)", who, e.Dir)
}

func (e *LockedError) Unwrap() error { return ErrSchedulerRunning }

// LockFileName is the scheduler's lock file inside the data directory.
const LockFileName = "scheduler.lock"

// DirLock is held by the one scheduler of a data directory.
type DirLock struct {
	f    *os.File
	path string
}

// LockDataDir takes the data directory's scheduler lock for role ("window"
// or "daemon"), or fails with a *LockedError when another process holds it.
// The lock goes with the process, so a crash never leaves it stuck.
func LockDataDir(dir, role string) (*DirLock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockFileName)
	f, err := lockFile(path)
	if errors.Is(err, errHeld) {
		le := &LockedError{Dir: dir}
		if b, rerr := os.ReadFile(path); rerr == nil {
			le.Holder, le.PID = parseHolder(string(b))
		}
		return nil, le
	}
	if err != nil {
		return nil, fmt.Errorf("cannot take the scheduler lock %s: %w", path, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(fmt.Sprintf("%s %d\n", role, os.Getpid())), 0)
	return &DirLock{f: f, path: path}, nil
}

// Release gives the lock up.
func (l *DirLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f, l.path)
	l.f = nil
	return err
}

var errHeld = errors.New("lock held")

func parseHolder(s string) (string, int) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return "", 0
	}
	pid, _ := strconv.Atoi(f[1])
	return f[0], pid
}
