package fetch

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

const scriptedPage = `<!DOCTYPE html><html><head><title>Terms</title></head><body>
<main id="terms"></main>
<script>
setTimeout(function () {
  document.getElementById("terms").innerHTML = "<h1>Terms of Use</h1><p>Filled in by a script.</p>";
}, 200);
</script></body></html>`

func browserFetcher(t *testing.T) *Fetcher {
	t.Helper()
	f := New(Options{})
	if !f.BrowserAvailable() {
		t.Skip("no Chromium installed (looked for /usr/bin/chromium, chromium, google-chrome); browser fetches are not tested")
	}
	return f
}

func TestFetchWithBrowser(t *testing.T) {
	f := browserFetcher(t)
	var lang atomic.Value
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		lang.Store(r.Header.Get("Accept-Language"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, scriptedPage)
	})
	res, err := f.Fetch(context.Background(), Request{URL: s.URL + "/", Browser: true, WaitSelector: "#terms", AcceptLanguage: "de-DE"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.ViaBrowser || res.Status != 200 || res.Charset != "utf-8" {
		t.Errorf("unexpected result %+v", res)
	}
	if !strings.Contains(res.Text, "Filled in by a script.") || !strings.HasPrefix(res.Text, "<!DOCTYPE html>") {
		t.Errorf("rendered document missing script text: %q", res.Text)
	}
	if l, _ := lang.Load().(string); !strings.HasPrefix(l, "de-DE") {
		t.Errorf("Accept-Language in browser = %q", l)
	}
}

func TestFetchBotWallFallsBackToBrowser(t *testing.T) {
	f := browserFetcher(t)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if strings.HasPrefix(r.UserAgent(), "Fineprint/") {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, cloudflareChallenge)
			return
		}
		io.WriteString(w, "<html><body><p>Real terms for browsers.</p></body></html>")
	})
	res, err := f.Fetch(context.Background(), Request{URL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !res.ViaBrowser || !strings.Contains(res.Text, "Real terms for browsers.") {
		t.Errorf("unexpected result %+v", res)
	}
}

func TestFetchNeedsBrowser(t *testing.T) {
	f := New(Options{NoBrowser: true})
	_, err := f.Fetch(context.Background(), Request{URL: "http://127.0.0.1:1/", Browser: true})
	fe := wantKind(t, err, KindNeedsBrowser)
	if fe.Message != "This page needs a browser to load; install Chromium." {
		t.Errorf("message = %q", fe.Message)
	}
	g := New(Options{BrowserPath: "/nonexistent/chromium"})
	if g.BrowserAvailable() {
		t.Error("a missing executable must not count as a browser")
	}
}
