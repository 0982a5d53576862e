package app

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fineprint/backend/store"
)

type recorder struct {
	mu      sync.Mutex
	events  []string
	onEvent func(event string, data []any)
}

func (r *recorder) Emit(event string, data ...any) {
	r.mu.Lock()
	r.events = append(r.events, event)
	f := r.onEvent
	r.mu.Unlock()
	if f != nil {
		f(event, data)
	}
}

func newApp(t *testing.T) (*App, *recorder) {
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	rec := &recorder{}
	return New(s, rec, "test"), rec
}

func TestCatalogAndCategories(t *testing.T) {
	a, _ := newApp(t)
	cats, err := a.Categories()
	if err != nil || len(cats) < 5 {
		t.Fatalf("categories: %v %v", cats, err)
	}
	all, err := a.Catalog("", "")
	if err != nil || len(all) < 60 {
		t.Fatalf("catalog: %d %v", len(all), err)
	}
	ai, _ := a.Catalog("", "ai")
	for _, e := range ai {
		if e.Category != "ai" || e.CategoryLabel == "" || len(e.Documents) == 0 {
			t.Fatalf("ai entry: %+v", e)
		}
	}
	hits, _ := a.Catalog("anthropic", "")
	if len(hits) == 0 || hits[0].ID != "claude" {
		t.Fatalf("search by company: %+v", hits)
	}
}

func TestWatchUnwatchRestoreEmitEvents(t *testing.T) {
	a, rec := newApp(t)
	if list, _ := a.Watchlist(); len(list) != 0 {
		t.Fatalf("new archive: %v", list)
	}
	p, err := a.WatchPlatform("claude")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != StatusNeverChecked || p.StatusText != "Not checked yet" || len(p.Documents) == 0 || p.CategoryLabel == "" {
		t.Fatalf("watched: %+v", p)
	}
	if hits, _ := a.Catalog("claude", ""); !hits[0].Watched {
		t.Fatal("catalog does not mark Claude as watched")
	}
	if err := a.UnwatchPlatform("claude"); err != nil {
		t.Fatal(err)
	}
	if list, _ := a.Watchlist(); len(list) != 0 {
		t.Fatalf("after unwatch: %v", list)
	}
	if _, err := a.RestorePlatform("claude"); err != nil {
		t.Fatal(err)
	}
	if list, _ := a.Watchlist(); len(list) != 1 {
		t.Fatalf("after restore: %v", list)
	}
	if _, err := a.RestorePlatform("claude"); err == nil || !strings.Contains(err.Error(), "no longer be undone") {
		t.Fatalf("second restore: %v", err)
	}
	if len(rec.events) != 3 {
		t.Fatalf("events: %v", rec.events)
	}
	for _, e := range rec.events {
		if e != EventWatchlistChanged {
			t.Fatalf("event %q", e)
		}
	}
}

func TestWatchURLValidation(t *testing.T) {
	a, rec := newApp(t)
	bad := map[string]AddURLRequest{
		"give the platform a name":  {Type: "Privacy Policy", URL: "https://x.example"},
		"say what kind of document": {Name: "X", URL: "https://x.example"},
		"only http and https":       {Name: "X", Type: "Privacy Policy", URL: "data:text/html,hi"},
		"has no scheme":             {Name: "X", Type: "Privacy Policy", URL: "x.example/privacy"},
		"does not compile":          {Name: "X", Type: "Privacy Policy", URL: "https://x.example", Select: []string{"p[["}},
		"user name or password":     {Name: "X", Type: "Privacy Policy", URL: "https://me:pw@x.example/"},
	}
	for want, req := range bad {
		if _, err := a.WatchURL(req); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: %v, want %q", req, err, want)
		}
	}
	if len(rec.events) != 0 {
		t.Fatalf("rejected input emitted %v", rec.events)
	}
	p, err := a.WatchURL(AddURLRequest{Name: "Acme Bank", Type: "Privacy Policy", URL: "https://bank.example/privacy#top", Select: []string{"main\n#terms"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "acme-bank" || p.CategoryLabel != "Added by URL" || p.Documents[0].URL != "https://bank.example/privacy" {
		t.Fatalf("%+v", p)
	}
	// A second document for the same platform joins it.
	p, err = a.WatchURL(AddURLRequest{Name: "Acme Bank", Type: "Terms of Service", URL: "https://bank.example/terms"})
	if err != nil || len(p.Documents) != 2 {
		t.Fatalf("second document: %+v %v", p, err)
	}
	if _, err := a.WatchURL(AddURLRequest{Name: "Acme Bank", Type: "Terms of Service", URL: "https://bank.example/other"}); err == nil {
		t.Fatal("a duplicate document type was accepted")
	}
	// The same name as a catalog platform does not take its id.
	p, err = a.WatchURL(AddURLRequest{Name: "Claude", Type: "Privacy Policy", URL: "https://mirror.example/p"})
	if err != nil || p.ID == "claude" {
		t.Fatalf("custom Claude: %+v %v", p, err)
	}
}

func TestStatusFromChecks(t *testing.T) {
	a, _ := newApp(t)
	a.WatchPlatform("claude")
	list, _ := a.Watchlist()
	doc := list[0].Documents[0]
	a.store.RecordFailure(t.Context(), doc.ID, time.Now(), "gone", "The server answered 404 Not Found.", 0)
	list, _ = a.Watchlist()
	if list[0].Status != StatusFailed || !strings.Contains(list[0].StatusText, "404") || list[0].LastCheck == "" {
		t.Fatalf("failed status: %+v", list[0])
	}
}

func TestCheckNowAgainstLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<html><body><main><h1>Privacy Policy</h1>%s</main></body></html>",
			strings.Repeat("<p>We collect your name and e-mail address to run the service, and keep them while your account is open.</p>", 10))
	}))
	defer srv.Close()
	a, rec := newApp(t)
	if err := a.CheckNow(nil); err == nil {
		t.Fatal("checking an empty watchlist should say there is nothing to check")
	}
	p, err := a.WatchURL(AddURLRequest{Name: "Loop", Type: "Privacy Policy", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []CheckResult, 1)
	rec.onEvent = func(event string, data []any) {
		if event == EventCheckDone {
			done <- data[0].([]CheckResult)
		}
	}
	if err := a.CheckNow([]string{p.ID}); err != nil {
		t.Fatal(err)
	}
	results := <-done
	if len(results) != 1 || results[0].Outcome != "new" {
		t.Fatalf("results: %+v", results)
	}
	list, _ := a.Watchlist()
	if list[0].Status != StatusUpToDate || list[0].Documents[0].Versions != 1 {
		t.Fatalf("after check: %+v", list[0])
	}
}

func TestHistoryDiffSearch(t *testing.T) {
	var mu sync.Mutex
	extra := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "<html><body><main><h1>Privacy Policy</h1><h2>What we collect</h2>%s<h2>Sharing</h2><p>We share data with processors.</p>%s</main></body></html>",
			strings.Repeat("<p>We collect your name and e-mail address to run the service, and keep them while your account is open.</p>", 10), extra)
	}))
	defer srv.Close()
	a, rec := newApp(t)
	p, _ := a.WatchURL(AddURLRequest{Name: "Loop", Type: "Privacy Policy", URL: srv.URL})
	done := make(chan bool, 4)
	rec.onEvent = func(event string, data []any) {
		if event == EventCheckDone {
			done <- true
		}
	}
	a.CheckNow(nil)
	<-done
	mu.Lock()
	extra = "<h2>Model training</h2><p>We use your conversations to train zebra models.</p>"
	mu.Unlock()
	a.CheckNow(nil)
	<-done

	hist, err := a.History(p.ID)
	if err != nil || len(hist) != 1 || len(hist[0].Versions) != 2 || len(hist[0].Changes) != 1 {
		t.Fatalf("history: %+v %v", hist, err)
	}
	ch := hist[0].Changes[0]
	if ch.Class != "material" || ch.Read || !strings.Contains(ch.Summary, "Model training") {
		t.Fatalf("change: %+v", ch)
	}
	if list, _ := a.Watchlist(); list[0].Status != StatusChanged || list[0].Unread != 1 {
		t.Fatalf("watchlist after a material change: %+v", list[0])
	}
	d, err := a.Diff(0, ch.ToVersionID)
	if err != nil || d.Class != "material" || len(d.Sections) == 0 || d.Sections[0].Kind != "added" || d.Sections[0].Heading != "Model training" {
		t.Fatalf("diff: %+v %v", d, err)
	}
	if _, err := a.Diff(0, ch.FromVersionID); err == nil {
		t.Fatal("the first version has nothing before it")
	}
	hits, err := a.Search("zebra")
	if err != nil || len(hits) != 1 || !hits[0].Current || !strings.Contains(hits[0].Snippet, "«zebra»") {
		t.Fatalf("search: %+v %v", hits, err)
	}
	if err := a.MarkRead([]int64{ch.ID}); err != nil {
		t.Fatal(err)
	}
	if list, _ := a.Watchlist(); list[0].Status != StatusUpToDate {
		t.Fatalf("after reading: %+v", list[0])
	}
	chs, _ := a.Changes("", false)
	if len(chs) != 1 || !chs[0].Read {
		t.Fatalf("changes: %+v", chs)
	}
	if err := a.OpenURL("javascript:alert(1)"); err == nil {
		t.Fatal("a javascript: URL was accepted")
	}
	v, err := a.ReadVersion(ch.ToVersionID)
	if err != nil || !strings.Contains(v.Text, "zebra") {
		t.Fatalf("read version: %v", err)
	}
}
