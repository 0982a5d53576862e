package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/store"
)

var ctx = context.Background()

// site serves one terms page whose body the test swaps, wrapped in
// boilerplate that changes on every request.
type site struct {
	mu     sync.Mutex
	body   string // the terms, as HTML inside <main>
	status int
	raw    string // when set, served as the whole page
	hits   atomic.Int64
}

func (s *site) set(body string) { s.mu.Lock(); s.body, s.raw, s.status = body, "", 200; s.mu.Unlock() }
func (s *site) setRaw(status int, page string) {
	s.mu.Lock()
	s.raw, s.status = page, status
	s.mu.Unlock()
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.hits.Add(1)
	s.mu.Lock()
	body, raw, status := s.body, s.raw, s.status
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if raw != "" {
		fmt.Fprint(w, raw)
		return
	}
	fmt.Fprintf(w, `<!doctype html><html><head><title>Terms</title><meta name="csrf" content="tok%d"></head><body>
<header><nav><a href="/">Home</a></nav><div class="promo">Deal #%d: save %d%% today!</div></header>
<div id="cookie-banner">We use cookies. <button>Accept</button> (session %d)</div>
<main>%s</main>
<footer>Rendered at %s · request %d</footer></body></html>`, n, n, n%50, n, body, time.Now().Format(time.RFC3339Nano), n)
}

func terms(extra string) string {
	var b strings.Builder
	b.WriteString("<h1>Terms of Service</h1><p>Last updated: March 5, 2025</p>")
	for i := range 12 {
		fmt.Fprintf(&b, `<h2>Section %d</h2><p>These terms explain how we handle your data in case %d. We keep records as long as needed and share them with service providers that help us run the service. See <a href="https://example.com/more?utm_source=%d">more</a>.</p>`, i+1, i+1, time.Now().UnixNano())
	}
	b.WriteString(extra)
	return b.String()
}

func setup(t *testing.T) (*Checker, *store.Store, *site, store.Document) {
	t.Helper()
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := &site{}
	st.set(terms(""))
	srv := httptest.NewServer(st)
	t.Cleanup(srv.Close)
	p := catalog.Platform{ID: "acme", Name: "Acme", Category: "ai", Documents: []catalog.Document{
		{Type: "Terms of Service", Sources: []catalog.Source{{URL: srv.URL + "/terms", Rules: extract.Rules{Select: extract.CSS("main")}}}},
	}}
	if _, err := s.AddPlatform(ctx, p, store.SourceCatalog); err != nil {
		t.Fatal(err)
	}
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, MaxRetries: -1, Timeout: 5 * time.Second})}
	return c, s, st, d
}

func check(t *testing.T, c *Checker, s *store.Store, d store.Document) Result {
	t.Helper()
	doc, err := s.Document(ctx, d.ID) // fresh validators and current version
	if err != nil {
		t.Fatal(err)
	}
	return c.CheckDocument(ctx, doc)
}

func TestPipelineOutcomes(t *testing.T) {
	c, s, st, d := setup(t)

	r := check(t, c, s, d)
	if r.Outcome != store.OutcomeNew || r.VersionID == nil {
		t.Fatalf("first check: %+v %+v", r, r.Error)
	}
	// Boilerplate, tokens, promos and tracking parameters change on every
	// request: not a change.
	for range 3 {
		if r = check(t, c, s, d); r.Outcome != store.OutcomeUnchanged {
			t.Fatalf("noise only: %+v %+v", r, r.Error)
		}
	}
	// A real change.
	st.set(terms(`<h2>AI training</h2><p>We may use your conversations to train our models, even if you opted out.</p>`))
	if r = check(t, c, s, d); r.Outcome != store.OutcomeChanged || r.Class == nil || *r.Class != store.ClassMaterial || r.Summary == "" {
		t.Fatalf("material change: %+v", r)
	}
	// Error pages, walls and failures are failed checks, never versions.
	for name, page := range map[string]struct {
		status int
		html   string
	}{
		"404":        {404, "<html><title>Not found</title><body><h1>Page not found</h1></body></html>"},
		"soft 404":   {200, "<html><head><title>Page not found</title></head><body><main><h1>Page not found</h1><p>Sorry, we couldn't find that page.</p></main></body></html>"},
		"challenge":  {403, "<html><head><title>Just a moment...</title></head><body>Checking your browser before accessing. cf-chl</body></html>"},
		"500":        {500, "<html><body>Internal error</body></html>"},
		"empty main": {200, "<html><body><main></main></body></html>"},
		"fragment":   {200, "<html><body><main><h1>Terms of Service</h1><p>" + strings.Repeat("Short teaser text. ", 20) + "</p></main></body></html>"},
	} {
		st.setRaw(page.status, page.html)
		r = check(t, c, s, d)
		if r.Outcome != store.OutcomeFailed || r.Error == nil || r.Error.Kind == "" || r.Error.Message == "" {
			t.Errorf("%s: %+v %+v", name, r, r.Error)
		}
	}
	vs, _ := s.Versions(ctx, d.ID)
	if len(vs) != 2 {
		t.Fatalf("%d versions after failures, want 2", len(vs))
	}
	// Back to the first text: a revert, not a new version.
	st.set(terms(""))
	if r = check(t, c, s, d); r.Outcome != store.OutcomeRevert {
		t.Fatalf("return to the first text: %+v %+v", r, r.Error)
	}
	if vs, _ = s.Versions(ctx, d.ID); len(vs) != 2 {
		t.Fatalf("%d versions after revert, want 2", len(vs))
	}
	material, _ := s.Changes(ctx, store.ChangeFilter{DocumentID: d.ID, Classes: []string{store.ClassMaterial}})
	if len(material) != 1 {
		t.Fatalf("%d material changes, want 1", len(material))
	}
}

func TestMinorChangeIsNotMaterial(t *testing.T) {
	c, s, st, d := setup(t)
	check(t, c, s, d)
	st.set(strings.Replace(terms(""), "We keep records", "We keep recrds", 1))
	r := check(t, c, s, d)
	if r.Outcome != store.OutcomeChanged || r.Class == nil || *r.Class != store.ClassMinor {
		t.Fatalf("a one-word edit: %+v class %v", r, *r.Class)
	}
}

func TestConditionalGet(t *testing.T) {
	c, s, _, d := setup(t)
	var hits, conditional atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprintf(w, "<html><body><main>%s</main></body></html>", terms(""))
	}))
	defer srv.Close()
	doc, _ := s.AddDocument(ctx, "acme", catalog.Document{Type: "Privacy Policy", Sources: []catalog.Source{{URL: srv.URL, Rules: extract.Rules{Select: extract.CSS("main")}}}})
	_ = d
	if r := check(t, c, s, doc); r.Outcome != store.OutcomeNew {
		t.Fatalf("first: %+v", r)
	}
	if r := check(t, c, s, doc); r.Outcome != store.OutcomeUnchanged || conditional.Load() != 1 {
		t.Fatalf("second: %+v, conditional requests %d", r, conditional.Load())
	}
}

func TestSuspiciousShrink(t *testing.T) {
	c, s, st, d := setup(t)
	long := terms(strings.Repeat("<p>More detailed provisions about data handling and retention and your rights.</p>", 120))
	st.set(long)
	check(t, c, s, d)
	st.set(terms(""))
	r := check(t, c, s, d)
	if r.Outcome != store.OutcomeFailed || r.Error.Kind != KindSuspiciousShrink {
		t.Fatalf("shrink: %+v %+v", r, r.Error)
	}
	// Seen again on the next check, the shorter text is the new terms.
	if r = check(t, c, s, d); r.Outcome != store.OutcomeChanged {
		t.Fatalf("confirmed shrink: %+v %+v", r, r.Error)
	}
}

func TestCheckManyWithProgressAndCancel(t *testing.T) {
	c, s, _, _ := setup(t)
	docs, _ := s.Documents(ctx)
	var seen []Progress
	c.OnProgress = func(p Progress) { seen = append(seen, p) }
	results := c.Check(ctx, docs)
	if len(results) != len(docs) || len(seen) != len(docs) || seen[len(seen)-1].Done != len(docs) {
		t.Fatalf("results %d, progress %+v", len(results), seen)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	results = c.Check(cancelled, docs)
	for _, r := range results {
		if r.Outcome != store.OutcomeFailed || r.Error.Kind != KindCancelled {
			t.Fatalf("cancelled run: %+v", r)
		}
	}
	checks, _ := s.Checks(ctx, docs[0].ID, 10)
	if len(checks) != 1 {
		t.Fatalf("a cancelled check was recorded: %d checks", len(checks))
	}
}

// A material change carries the provisions it added, their severity and
// the findings of the new version.
func TestMaterialChangeNamesProvisions(t *testing.T) {
	c, s, st, d := setup(t)
	check(t, c, s, d)
	st.set(terms(`<h2>Model training</h2><p>We may use your conversations to train our artificial intelligence models, even if you opted out of training.</p>`))
	r := check(t, c, s, d)
	if r.Outcome != store.OutcomeChanged || *r.Class != store.ClassMaterial {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(r.Summary, "New terms on") || !strings.Contains(strings.ToLower(r.Summary), "training") {
		t.Fatalf("summary does not name the new provision: %q", r.Summary)
	}
	chs, _ := s.Changes(ctx, store.ChangeFilter{DocumentID: d.ID, Classes: []string{store.ClassMaterial}})
	var details ChangeDetails
	if err := json.Unmarshal(chs[0].Details, &details); err != nil {
		t.Fatal(err)
	}
	if len(details.Provisions.Added) == 0 || details.Severity == "" || len(details.Added) != 1 {
		t.Fatalf("details: %+v", details)
	}
	fs, stored, _ := s.Findings(ctx, *r.VersionID, analyze.Fingerprint())
	if !stored || len(fs) == 0 {
		t.Fatal("no findings stored with the new version")
	}
	v, _ := s.Version(ctx, *r.VersionID)
	for _, f := range fs {
		if f.Start < 0 || f.End > len(v.Text) || f.Start >= f.End {
			t.Fatalf("finding out of the text: %+v", f)
		}
	}
}

// Findings stored by an earlier analyzer are not compared with fresh ones:
// the difference would be the analyzer's, not the terms'.
func TestStaleAnalysisIsNotAChange(t *testing.T) {
	c, s, st, d := setup(t)
	check(t, c, s, d)
	doc, _ := s.Document(ctx, d.ID)
	cur, _ := s.Version(ctx, doc.CurrentVersionID)
	// What an older analyzer would have stored: a provision this text
	// does not have.
	stale := store.Observation{DocumentID: d.ID, At: time.Now(), Text: cur.Text + "\n\nStale.", Hash: "stale",
		ExpectCurrent: cur.ID, Analyzer: "an-older-analyzer",
		Findings: []store.Finding{{Kind: string(analyze.Arbitration), Start: 0, End: 5, Modifiers: []string{}, Severity: "high", Reasons: []string{}}}}
	if _, _, err := s.RecordObservation(ctx, stale); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Findings(ctx, cur.ID+1, analyze.Fingerprint()); ok {
		t.Fatal("findings of another analyzer read as current")
	}
	st.set(terms(`<h2>Model training</h2><p>We may use your conversations to train our artificial intelligence models.</p>`))
	r := check(t, c, s, d)
	if r.Class == nil || *r.Class != store.ClassMaterial {
		t.Fatalf("%+v", r)
	}
	if strings.Contains(strings.ToLower(r.Summary), "arbitration") {
		t.Errorf("the stale analysis shows as a change: %q", r.Summary)
	}
}
