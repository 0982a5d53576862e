package notify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/notify/notifytest"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

var ctx = context.Background()

// page serves a terms page whose text the test swaps, in boilerplate that
// changes on every request as real sites do.
type page struct {
	mu   sync.Mutex
	text string
	hits atomic.Int64
}

func (p *page) set(s string) { p.mu.Lock(); p.text = s; p.mu.Unlock() }

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.hits.Add(1)
	p.mu.Lock()
	text := p.text
	p.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html><head><title>Terms</title></head><body>
<div class="promo">Offer %d</div><main>%s</main><footer>request %d</footer></body></html>`, n, text, n)
}

func termsText(extra string) string {
	var b strings.Builder
	b.WriteString("<h1>Terms of Service</h1>")
	for i := range 10 {
		fmt.Fprintf(&b, "<h2>Section %d</h2><p>These terms explain how we handle your data in case %d. We keep records as long as needed and share them with service providers that help us run the service.</p>", i+1, i+1)
	}
	return b.String() + extra
}

const aiClause = `<h2>AI training</h2><p>We may use your conversations and uploaded files to train our artificial intelligence models, including after you delete your account, and you cannot opt out of this use.</p>`

type world struct {
	store   *store.Store
	checker *monitor.Checker
	page    *page
	server  *notifytest.Server
	notes   *DBus
	disp    *Dispatcher
	opened  chan int64
}

// newWorld is an archive watching one loopback page, a private session bus
// with a notification server, and a dispatcher on that bus.
func newWorld(t *testing.T) *world {
	t.Helper()
	addr := notifytest.StartBus(t)
	srv := notifytest.Serve(t, addr)
	s, err := store.Open(filepath.Join(t.TempDir(), "archive"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	pg := &page{}
	pg.set(termsText(""))
	site := httptest.NewServer(pg)
	t.Cleanup(site.Close)
	if _, err := s.AddPlatform(ctx, catalog.Platform{ID: "acme", Name: "Acme", Category: "ai", Documents: []catalog.Document{
		{Type: "Terms of Service", Sources: []catalog.Source{{URL: site.URL + "/terms", Rules: extract.Rules{Select: extract.CSS("main"), Remove: extract.CSS(".promo")}}}},
	}}, store.SourceCatalog); err != nil {
		t.Fatal(err)
	}
	chk := &monitor.Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, MaxRetries: -1, Timeout: 5 * time.Second})}
	notes := &DBus{Address: addr}
	t.Cleanup(func() { notes.Close() })
	w := &world{store: s, checker: chk, page: pg, server: srv, notes: notes, opened: make(chan int64, 4)}
	w.disp = &Dispatcher{Store: s, Notifier: notes, OnOpen: func(id int64, _ []int64) { w.opened <- id }}
	return w
}

// run checks every document and hands the results to the dispatcher, as
// 'fineprint daemon --once' does.
func (w *world) run(t *testing.T) []monitor.Result {
	t.Helper()
	docs, err := w.store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs := w.checker.Check(ctx, docs)
	if _, err := w.disp.Results(ctx, rs); err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestMaterialChangeNotifiesOverDBusAndOpens(t *testing.T) {
	w := newWorld(t)
	if rs := w.run(t); rs[0].Outcome != store.OutcomeNew {
		t.Fatalf("first version: %+v %+v", rs[0], rs[0].Error)
	}
	if n := len(w.server.Calls()); n != 0 {
		t.Fatalf("the first version notified (%d calls)", n)
	}
	w.page.set(termsText(aiClause))
	rs := w.run(t)
	if rs[0].Outcome != store.OutcomeChanged || *rs[0].Class != store.ClassMaterial {
		t.Fatalf("change: %+v", rs[0])
	}
	calls := w.server.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d notifications, want 1", len(calls))
	}
	c := calls[0]
	if c.App != "Fineprint" || c.Summary != "Acme changed its Terms of Service" || !strings.Contains(c.Body, "AI training") {
		t.Fatalf("notification: %+v", c)
	}
	if strings.Join(c.Actions, "|") != "default|Open|open|Open" {
		t.Fatalf("actions: %q", c.Actions)
	}
	if u, ok := c.Hints["urgency"].Value().(byte); !ok || u != byte(UrgencyNormal) {
		t.Fatalf("urgency hint: %v", c.Hints["urgency"])
	}
	changes, _ := w.store.Changes(ctx, store.ChangeFilter{Classes: []string{store.ClassMaterial}})
	if len(changes) != 1 {
		t.Fatalf("%d material changes", len(changes))
	}
	// A malformed signal from any program on the bus is ignored, not a crash;
	// so is a click on a notification that is not ours.
	w.server.EmitRaw("ActionInvoked", "not an id")
	w.server.Invoke(c.ID+100, "open")
	if err := w.server.Invoke(c.ID, "open"); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-w.opened:
		if id != changes[0].ID {
			t.Fatalf("opened change %d, want %d", id, changes[0].ID)
		}
	case <-time.After(notifytest.Wait):
		t.Fatal("clicking Open did not ask the app to open the change")
	}
	select {
	case id := <-w.opened:
		t.Fatalf("opened %d for a click that was not on our notification", id)
	default:
	}
}

func TestNoiseMinorAndRevertStaySilent(t *testing.T) {
	w := newWorld(t)
	w.run(t) // first version
	for _, step := range []struct {
		name, text, outcome string
	}{
		{"boilerplate only", termsText(""), store.OutcomeUnchanged},
		{"a typo", strings.Replace(termsText(""), "We keep records", "We keep recrds", 1), store.OutcomeChanged},
		{"back to the first text", termsText(""), store.OutcomeRevert},
	} {
		w.page.set(step.text)
		rs := w.run(t)
		if rs[0].Outcome != step.outcome {
			t.Fatalf("%s: outcome %s (%+v)", step.name, rs[0].Outcome, rs[0].Error)
		}
		if n := len(w.server.Calls()); n != 0 {
			t.Fatalf("%s: %d notifications", step.name, n)
		}
	}
}

func TestQuietHoursHoldUntilTheyEnd(t *testing.T) {
	w := newWorld(t)
	clock := time.Date(2025, 3, 5, 23, 0, 0, 0, time.Local)
	w.disp.Now = func() time.Time { return clock }
	w.checker.Now = w.disp.Now
	set := settings.Defaults()
	set.QuietStart, set.QuietEnd = "22:00", "07:00"
	if err := settings.Save(ctx, w.store, set); err != nil {
		t.Fatal(err)
	}
	w.run(t)
	w.page.set(termsText(aiClause))
	w.run(t)
	if n := len(w.server.Calls()); n != 0 {
		t.Fatalf("%d notifications during quiet hours", n)
	}
	held, _ := w.disp.Held(ctx)
	if len(held) != 1 {
		t.Fatalf("%d held", len(held))
	}
	clock = time.Date(2025, 3, 6, 6, 59, 0, 0, time.Local)
	if sent, _ := w.disp.Flush(ctx); sent {
		t.Fatal("sent before the quiet hours ended")
	}
	clock = clock.Add(time.Minute)
	if sent, err := w.disp.Flush(ctx); !sent || err != nil {
		t.Fatalf("not sent at 07:00: %v", err)
	}
	if calls := w.server.Calls(); len(calls) != 1 || calls[0].Summary != "Acme changed its Terms of Service" {
		t.Fatalf("calls: %+v", calls)
	}
	if held, _ = w.disp.Held(ctx); len(held) != 0 {
		t.Fatalf("still held after sending: %v", held)
	}
	if sent, _ := w.disp.Flush(ctx); sent {
		t.Fatal("sent twice")
	}
}

func TestMutedPlatformStaysSilent(t *testing.T) {
	w := newWorld(t)
	w.run(t)
	if err := w.store.SetMuted(ctx, "acme", true); err != nil {
		t.Fatal(err)
	}
	w.page.set(termsText(aiClause))
	if rs := w.run(t); rs[0].Outcome != store.OutcomeChanged {
		t.Fatalf("change: %+v", rs[0])
	}
	if n := len(w.server.Calls()); n != 0 {
		t.Fatalf("%d notifications for a muted platform", n)
	}
}

func TestWeeklyDigest(t *testing.T) {
	w := newWorld(t)
	clock := time.Date(2025, 3, 5, 12, 0, 0, 0, time.Local) // Wednesday
	w.disp.Now = func() time.Time { return clock }
	w.checker.Now = w.disp.Now
	opened := make(chan struct{}, 1)
	w.disp.OnDigest = func() { opened <- struct{}{} }
	// A new archive starts counting; no digest at once.
	if sent, err := w.disp.Digest(ctx); sent || err != nil {
		t.Fatalf("first tick: %v %v", sent, err)
	}
	w.run(t)
	w.page.set(termsText(aiClause))
	clock = clock.Add(time.Hour)
	w.run(t)
	clock = time.Date(2025, 3, 10, 8, 59, 0, 0, time.Local) // Monday
	if sent, _ := w.disp.Digest(ctx); sent {
		t.Fatal("digest before its hour")
	}
	clock = clock.Add(time.Minute)
	if sent, err := w.disp.Digest(ctx); !sent || err != nil {
		t.Fatalf("digest at Monday 09:00: %v", err)
	}
	if sent, _ := w.disp.Digest(ctx); sent {
		t.Fatal("digest twice")
	}
	calls := w.server.Calls()
	last := calls[len(calls)-1]
	if last.Summary != "This week: 1 change on 1 platform" || last.Body != "Acme: Terms of Service" {
		t.Fatalf("digest notification: %+v", last)
	}
	w.server.Invoke(last.ID, "default")
	select {
	case <-opened:
	case <-time.After(notifytest.Wait):
		t.Fatal("clicking the digest did not open the digest page")
	}
	// A week with nothing material shows nothing.
	before := len(w.server.Calls())
	clock = time.Date(2025, 3, 24, 9, 0, 0, 0, time.Local)
	if sent, _ := w.disp.Digest(ctx); sent || len(w.server.Calls()) != before {
		t.Fatal("an empty week notified")
	}
}

func TestNoBusNoServer(t *testing.T) {
	n := &DBus{Address: "unix:path=" + filepath.Join(t.TempDir(), "nobus")}
	if _, err := n.Notify(ctx, Notification{Summary: "x"}); !errors.Is(err, ErrNoBus) {
		t.Fatalf("no bus: %v", err)
	}
	addr := notifytest.StartBus(t)
	n = &DBus{Address: addr}
	defer n.Close()
	if _, err := n.Notify(ctx, Notification{Summary: "x"}); !errors.Is(err, ErrNoServer) {
		t.Fatalf("no server: %v", err)
	}
	// A server that comes up later is found by the same notifier.
	srv := notifytest.Serve(t, addr)
	if _, err := n.Notify(ctx, Notification{Summary: "later", Actions: OpenActions()}); err != nil || len(srv.Calls()) != 1 {
		t.Fatalf("server started later: %v", err)
	}
	n.Close()
	if _, err := n.Notify(ctx, Notification{Summary: "x"}); !errors.Is(err, ErrClosed) {
		t.Fatalf("closed: %v", err)
	}
}

func TestUndeliveredNotificationIsRetried(t *testing.T) {
	w := newWorld(t)
	w.run(t)
	// The desktop session is not up: the notifier points at no bus.
	w.disp.Notifier = &DBus{Address: "unix:path=" + filepath.Join(t.TempDir(), "nobus")}
	w.page.set(termsText(aiClause))
	docs, _ := w.store.Documents(ctx)
	rs := w.checker.Check(ctx, docs)
	if _, err := w.disp.Results(ctx, rs); !errors.Is(err, ErrNoBus) {
		t.Fatalf("want ErrNoBus, got %v", err)
	}
	w.disp.Notifier = w.notes
	w.disp.hooked = false
	if sent, err := w.disp.Flush(ctx); !sent || err != nil {
		t.Fatalf("retry: %v %v", sent, err)
	}
	if n := len(w.server.Calls()); n != 1 {
		t.Fatalf("%d notifications", n)
	}
}
