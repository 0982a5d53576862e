package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"fineprint/backend/fetch"
	"fineprint/backend/store"
)

const previewTermsPage = `<!doctype html><html><head><title>Acme Terms of Service</title></head><body>
<nav>Home Products Pricing</nav>
<main id="terms"><h1>Acme Terms of Service</h1>
<p>These terms govern your use of the Acme services. By using the services you agree to these terms and to our privacy policy.</p>
<h2>1. Your account</h2>
<p>You are responsible for your account and for all activity that happens under it. Keep your password secret and tell us at once of any misuse.</p>
<h2>2. Content</h2>
<p>You keep ownership of the content you upload. You grant Acme a licence to host and show that content only to run the services.</p>
<h2>3. Termination</h2>
<p>We may suspend or end your access if you break these terms. You may stop using the services at any time and close your account.</p>
<h2>4. Changes to these terms</h2>
<p>We will give you notice of material changes at least thirty days before they take effect, by email or in the product.</p>
<h2>5. Liability</h2>
<p>To the extent the law allows, Acme is not liable for indirect or consequential losses arising from your use of the services.</p>
</main><footer>Copyright Acme</footer></body></html>`

const previewWallPage = `<!doctype html><html><head><title>Just a moment...</title></head><body>
<p>Checking your browser before accessing acme.test.</p><script>window._cf_chl_opt={}</script></body></html>`

func previewServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/terms", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(previewTermsPage))
	})
	mux.HandleFunc("/wall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(previewWallPage))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// previewApp never starts a browser: a bot wall must be reported as is, not
// retried with Chromium if the machine happens to have one.
func previewApp(t *testing.T) (*App, *recorder) {
	a, rec := newApp(t)
	a.checks.fetcher = fetch.New(fetch.Options{NoBrowser: true, MaxRetries: -1})
	return a, rec
}

func TestPreviewURLShowsTheTermsAndStoresNothing(t *testing.T) {
	a, rec := previewApp(t)
	srv := previewServer(t)
	p, err := a.PreviewURL(AddURLRequest{URL: srv.URL + "/terms", Remove: []string{"nav\nfooter"}})
	if err != nil || p.Error != nil {
		t.Fatalf("preview: %+v %v", p.Error, err)
	}
	if !strings.Contains(p.Markdown, "Acme Terms of Service") || !strings.Contains(p.Markdown, "Your account") {
		t.Fatalf("markdown: %q", p.Markdown)
	}
	if strings.Contains(p.Markdown, "Pricing") {
		t.Fatalf("the removed menu is in the preview: %q", p.Markdown)
	}
	if p.Words < 100 || p.Words > 200 || p.Truncated || p.URL != srv.URL+"/terms" {
		t.Fatalf("preview: words %d truncated %v url %q", p.Words, p.Truncated, p.URL)
	}
	if list, _ := a.Watchlist(); len(list) != 0 {
		t.Fatalf("a preview added to the watchlist: %+v", list)
	}
	if len(rec.events) != 0 {
		t.Fatalf("a preview told the window of a change: %v", rec.events)
	}
}

func TestPreviewURLSaysWhyAPageFails(t *testing.T) {
	a, _ := previewApp(t)
	srv := previewServer(t)
	cases := []struct {
		name string
		req  AddURLRequest
		kind string
		says string
	}{
		{"404", AddURLRequest{URL: srv.URL + "/missing"}, string(fetch.KindGone), "404"},
		{"bot wall", AddURLRequest{URL: srv.URL + "/wall"}, string(fetch.KindBotBlocked), "anti-bot"},
		{"selector matches nothing", AddURLRequest{URL: srv.URL + "/terms", Select: []string{"#nothing-here"}}, "no-match", "match nothing"},
		{"selector does not compile", AddURLRequest{URL: srv.URL + "/terms", Select: []string{"main[["}}, "bad-rules", "select"},
		{"javascript: URL", AddURLRequest{URL: "javascript:alert(1)"}, PreviewKindInvalid, "only http and https"},
		{"no address", AddURLRequest{URL: "  "}, PreviewKindInvalid, "address"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := a.PreviewURL(c.req)
			if err != nil {
				t.Fatal(err)
			}
			if p.Error == nil {
				t.Fatalf("no error; markdown %q", p.Markdown)
			}
			if p.Error.Kind != c.kind || !strings.Contains(p.Error.Message, c.says) {
				t.Fatalf("error: %+v, want kind %q saying %q", p.Error, c.kind, c.says)
			}
			if p.Markdown != "" || p.Words != 0 {
				t.Fatalf("a failed preview has text: %+v", p)
			}
		})
	}
}

func TestCutKeepsCharactersAndLines(t *testing.T) {
	s := strings.Repeat("é", 10) + "\n" + strings.Repeat("ü", 10)
	got, cutShort := cut(s, 31)
	if !cutShort || got != strings.Repeat("é", 10) {
		t.Fatalf("cut at a line: %q %v", got, cutShort)
	}
	got, _ = cut(strings.Repeat("é", 10), 7)
	if got != "ééé" {
		t.Fatalf("cut inside a character: %q", got)
	}
	if got, short := cut("short", 10); got != "short" || short {
		t.Fatalf("short text: %q %v", got, short)
	}
}

type openerRecorder struct {
	recorder
	mu     sync.Mutex
	opened []string
}

func (o *openerRecorder) OpenURL(u string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.opened = append(o.opened, u)
}

func TestOpenDataFolder(t *testing.T) {
	a, _ := newApp(t)
	if err := a.OpenDataFolder(); err != ErrNoOpener {
		t.Fatalf("without an opener: %v", err)
	}

	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	o := &openerRecorder{}
	b := New(s, o, "test")
	if err := b.OpenDataFolder(); err != nil {
		t.Fatal(err)
	}
	if len(o.opened) != 1 {
		t.Fatalf("opened: %v", o.opened)
	}
	u, err := url.Parse(o.opened[0])
	if err != nil || u.Scheme != "file" || !strings.HasSuffix(u.Path, strings.TrimPrefix(s.Dir(), "/")) {
		t.Fatalf("opened %q for %q", o.opened[0], s.Dir())
	}
}

func TestWatchlistCarriesTheMutedFlag(t *testing.T) {
	a, _ := newApp(t)
	if _, err := a.WatchPlatform("claude"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetMuted("claude", true); err != nil {
		t.Fatal(err)
	}
	list, err := a.Watchlist()
	if err != nil || len(list) != 1 || !list[0].Muted {
		t.Fatalf("after muting: %+v %v", list, err)
	}
	if err := a.SetMuted("claude", false); err != nil {
		t.Fatal(err)
	}
	if list, _ := a.Watchlist(); list[0].Muted {
		t.Fatalf("after unmuting: %+v", list)
	}
}
