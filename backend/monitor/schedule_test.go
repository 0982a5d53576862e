package monitor

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/store"
)

// clock is a wall clock the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// runs collects what the scheduler reports.
type runs struct {
	mu      sync.Mutex
	results []Result
}

func (r *runs) add(_ context.Context, rs []Result) {
	r.mu.Lock()
	r.results = append(r.results, rs...)
	r.mu.Unlock()
}
func (r *runs) count() int { r.mu.Lock(); defer r.mu.Unlock(); return len(r.results) }

func scheduler(t *testing.T) (*Scheduler, *clock, *runs, *site, *store.Store) {
	t.Helper()
	c, s, st, _ := setup(t)
	clk := &clock{t: time.Date(2025, 3, 5, 10, 0, 0, 0, time.UTC)}
	c.Now = clk.Now
	rs := &runs{}
	sch := &Scheduler{Checker: c, Store: s, Now: clk.Now, OnResults: rs.add,
		Interval: func(context.Context) time.Duration { return 24 * time.Hour }}
	return sch, clk, rs, st, s
}

func tick(t *testing.T, s *Scheduler) int {
	t.Helper()
	n, err := s.Tick(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Wait()
	return n
}

func TestNextCheckSpreadsOverTheInterval(t *testing.T) {
	iv := 24 * time.Hour
	hours := map[int]int{}
	last := time.Date(2025, 3, 5, 10, 0, 0, 0, time.UTC)
	for id := int64(1); id <= 480; id++ {
		next := NextCheck(id, last, iv)
		if gap := next.Sub(last); gap < iv/2 || gap > iv*3/2 {
			t.Fatalf("doc %d: gap %s outside [12h, 36h]", id, gap)
		}
		// Checked on its slot, a document comes back exactly one interval on.
		if again := NextCheck(id, next, iv); again.Sub(next) != iv {
			t.Fatalf("doc %d: from its slot, next after %s", id, again.Sub(next))
		}
		if NextCheck(id, last.Add(time.Minute), iv) != next && NextCheck(id, last.Add(time.Minute), iv).Sub(next) != iv {
			t.Fatalf("doc %d: slots are not stable", id)
		}
		hours[next.Hour()]++
	}
	// 480 documents over 24 hours: every hour gets some, none gets a crowd.
	for h := range 24 {
		if hours[h] < 5 || hours[h] > 45 {
			t.Fatalf("hour %d has %d checks: %v", h, hours[h], hours)
		}
	}
	if !NextCheck(1, time.Time{}, iv).IsZero() {
		t.Fatal("a document never checked is due at once")
	}
}

func TestSchedulerChecksDueDocumentsOnceAndCatchesUp(t *testing.T) {
	sch, clk, rs, _, s := scheduler(t)
	docs, _ := s.Documents(ctx)
	id := docs[0].ID

	if n := tick(t, sch); n != 1 || rs.count() != 1 || rs.results[0].Outcome != store.OutcomeNew {
		t.Fatalf("first tick: started %d, results %+v", n, rs.results)
	}
	if n := tick(t, sch); n != 0 {
		t.Fatalf("checked again at once: %d", n)
	}
	next := NextCheck(id, clk.Now(), 24*time.Hour)
	clk.set(next.Add(-time.Minute))
	if n := tick(t, sch); n != 0 {
		t.Fatal("checked before its slot")
	}
	clk.set(next)
	if n := tick(t, sch); n != 1 || rs.count() != 2 {
		t.Fatalf("on its slot: started %d", n)
	}
	// The laptop slept ten days: one catch-up check, not ten.
	clk.add(10 * 24 * time.Hour)
	if n := tick(t, sch); n != 1 {
		t.Fatalf("after a long sleep: started %d", n)
	}
	for range 5 {
		clk.add(time.Minute)
		if n := tick(t, sch); n != 0 {
			t.Fatalf("caught up twice: %d", n)
		}
	}
	checks, _ := s.Checks(ctx, id, 100)
	if len(checks) != 3 {
		t.Fatalf("%d checks recorded, want 3", len(checks))
	}
	// A shorter interval from the settings applies at the next tick.
	sch.Interval = func(context.Context) time.Duration { return time.Hour }
	clk.add(time.Hour + time.Minute)
	if n := tick(t, sch); n != 1 {
		t.Fatalf("hourly interval: started %d", n)
	}
}

func TestSchedulerNeverQueuesARunningDocument(t *testing.T) {
	sch, _, rs, _, s := scheduler(t)
	release := make(chan struct{})
	arrived := make(chan struct{}, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		w.Write([]byte("<html><body><main>" + terms("") + "</main></body></html>"))
	}))
	defer srv.Close()
	if _, err := s.AddDocument(ctx, "acme", catalog.Document{Type: "Privacy Policy",
		Sources: []catalog.Source{{URL: srv.URL, Rules: extract.Rules{Select: extract.CSS("main")}}}}); err != nil {
		t.Fatal(err)
	}
	n, err := sch.Tick(ctx)
	if err != nil || n != 2 {
		t.Fatalf("first tick started %d (%v), want both documents", n, err)
	}
	<-arrived // the slow document is being fetched
	sch.mu.Lock()
	running := len(sch.inflight)
	sch.mu.Unlock()
	if running == 0 {
		t.Fatal("nothing marked as running")
	}
	// While it hangs, later ticks do not queue it again.
	for range 3 {
		if n, _ := sch.Tick(ctx); n != 0 {
			t.Fatalf("queued a running document: %d", n)
		}
	}
	close(release)
	sch.Wait()
	if rs.count() != 2 {
		t.Fatalf("%d results, want 2", rs.count())
	}
	select {
	case <-arrived:
		t.Fatal("the slow page was fetched twice")
	default:
	}
}

func TestSchedulerRetriesFailuresWithBackoff(t *testing.T) {
	sch, clk, _, st, s := scheduler(t)
	st.setRaw(500, "<html><body>Internal error</body></html>")
	tick(t, sch)
	docs, _ := s.Documents(ctx)
	if docs[0].LastCheck == nil || docs[0].LastCheck.Outcome != store.OutcomeFailed {
		t.Fatalf("first check: %+v", docs[0].LastCheck)
	}
	for i, wait := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		clk.add(wait - time.Minute)
		if n := tick(t, sch); n != 0 {
			t.Fatalf("failure %d: retried after %s", i+1, wait-time.Minute)
		}
		clk.add(time.Minute)
		if n := tick(t, sch); n != 1 {
			t.Fatalf("failure %d: not retried after %s", i+1, wait)
		}
	}
}

func TestSchedulerRunLoop(t *testing.T) {
	sch, clk, rs, _, _ := scheduler(t)
	ticks := make(chan time.Time)
	sch.Ticks = ticks
	ticked := make(chan time.Time, 8)
	sch.OnTick = func(_ context.Context, now time.Time) { ticked <- now }
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { sch.Run(runCtx, func(err error) { t.Error(err) }); close(done) }()
	// One tick at start to catch up, then one per tick received, each
	// reading the clock afresh.
	first := <-ticked
	sch.Wait()
	clk.add(time.Minute)
	ticks <- time.Time{}
	second := <-ticked
	clk.add(time.Hour)
	ticks <- time.Time{}
	third := <-ticked
	cancel()
	<-done
	if second.Sub(first) != time.Minute || third.Sub(second) != time.Hour {
		t.Fatalf("ticks read the clock at %s, %s, %s", first, second, third)
	}
	if rs.count() != 1 {
		t.Fatalf("%d checks, want the one at start", rs.count())
	}
}

func TestLockDataDir(t *testing.T) {
	dir := t.TempDir()
	l, err := LockDataDir(dir, "window")
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockDataDir(dir, "daemon")
	var le *LockedError
	if !errors.Is(err, ErrSchedulerRunning) || !errors.As(err, &le) || le.Holder != "window" || le.PID <= 0 {
		t.Fatalf("second lock: %v", err)
	}
	if le.Error() == "" || le.Dir != dir {
		t.Fatalf("message: %q", le.Error())
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := LockDataDir(dir, "daemon")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// BenchmarkDue is one scheduler tick's look for due documents over an
// archive of 300 watched documents.
func BenchmarkDue(b *testing.B) {
	s, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := range 100 {
		p := catalog.Platform{ID: "p" + strconv.Itoa(i), Name: "P" + strconv.Itoa(i)}
		for _, typ := range []string{"Terms of Service", "Privacy Policy", "Cookie Policy"} {
			p.Documents = append(p.Documents, catalog.Document{Type: typ, Sources: []catalog.Source{{URL: "https://" + p.ID + ".example/" + typ}}})
		}
		if _, err := s.AddPlatform(ctx, p, store.SourceCatalog); err != nil {
			b.Fatal(err)
		}
	}
	docs, _ := s.Documents(ctx)
	now := time.Date(2025, 3, 5, 10, 0, 0, 0, time.UTC)
	for _, d := range docs {
		s.RecordFailure(ctx, d.ID, now.Add(-time.Duration(d.ID)*time.Minute), "network", "x", 0)
	}
	sch := &Scheduler{Store: s}
	b.ResetTimer()
	for b.Loop() {
		if _, err := sch.Due(ctx, now); err != nil {
			b.Fatal(err)
		}
	}
}
