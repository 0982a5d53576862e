package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// newFetcher returns a fetcher with quick retries and no browser, so that
// tests of the HTTP path never launch Chromium.
func newFetcher(opts Options) *Fetcher {
	if opts.BackoffBase == 0 {
		opts.BackoffBase = time.Millisecond
	}
	if opts.BrowserPath == "" {
		opts.NoBrowser = true
	}
	return New(opts)
}

func wantKind(t *testing.T, err error, want Kind) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("want error of kind %s, got nil", want)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("want *Error of kind %s, got %T: %v", want, err, err)
	}
	if fe.Kind != want {
		t.Fatalf("want kind %s, got %s: %s", want, fe.Kind, fe.Message)
	}
	if fe.Message == "" || !strings.HasSuffix(fe.Message, ".") {
		t.Errorf("message should be a sentence, got %q", fe.Message)
	}
	return fe
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func TestFetchHTML(t *testing.T) {
	var gotUA, gotLang, gotEnc atomic.Value
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		gotLang.Store(r.Header.Get("Accept-Language"))
		gotEnc.Store(r.Header.Get("Accept-Encoding"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2026 15:04:05 GMT")
		fmt.Fprint(w, "<html><head><title>Terms</title></head><body><h1>Terms of Service</h1><p>Données personnelles — “quoted”.</p></body></html>")
	})
	old := Version
	Version = "1.2.3"
	defer func() { Version = old }()

	f := newFetcher(Options{})
	res, err := f.Fetch(context.Background(), Request{URL: s.URL + "/terms"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 200 || res.URL != s.URL+"/terms" || res.Charset != "utf-8" || res.IsPDF || res.ViaBrowser {
		t.Errorf("unexpected result %+v", res)
	}
	if !strings.Contains(res.Text, "Données personnelles — “quoted”.") {
		t.Errorf("text not decoded: %q", res.Text)
	}
	if !bytes.Equal(res.Body, []byte(res.Text)) {
		t.Errorf("raw body should equal UTF-8 text for a UTF-8 page")
	}
	if res.ETag != `"v1"` || res.LastModified == "" || res.FetchedAt.IsZero() {
		t.Errorf("validators or time missing: %+v", res)
	}
	if ua := gotUA.Load().(string); ua != "Fineprint/1.2.3 (+https://github.com/fineprint; privacy terms tracker)" {
		t.Errorf("User-Agent = %q", ua)
	}
	if l := gotLang.Load().(string); l != "en" {
		t.Errorf("default Accept-Language = %q", l)
	}
	if e := gotEnc.Load().(string); e != "gzip, deflate" {
		t.Errorf("Accept-Encoding = %q", e)
	}

	if _, err := f.Fetch(context.Background(), Request{URL: s.URL, AcceptLanguage: "fr-FR, fr;q=0.9"}); err != nil {
		t.Fatal(err)
	}
	if l := gotLang.Load().(string); l != "fr-FR, fr;q=0.9" {
		t.Errorf("Accept-Language = %q", l)
	}
}

func TestFetchLegacyCharsets(t *testing.T) {
	const french = "Conditions générales — « données » façon œuvre €"
	cp1252, err := charmap.Windows1252.NewEncoder().String(french)
	if err != nil {
		t.Fatal(err)
	}
	const japaneseText = "利用規約とプライバシーポリシー"
	sjis, err := japanese.ShiftJIS.NewEncoder().String(japaneseText)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, contentType, body, want, charset string
	}{
		{"windows-1252 header", "text/html; charset=windows-1252", "<html><body><p>" + cp1252 + "</p></body></html>", french, "windows-1252"},
		{"iso-8859-1 header is read as windows-1252", "text/html; charset=ISO-8859-1", "<html><body><p>" + cp1252 + "</p></body></html>", french, "windows-1252"},
		{"windows-1252 meta", "text/html", `<html><head><meta charset="windows-1252"></head><body><p>` + cp1252 + "</p></body></html>", french, "windows-1252"},
		{"shift-jis meta http-equiv", "text/html", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>` + sjis + "</p></body></html>", japaneseText, "shift_jis"},
		{"shift-jis header", "text/html; charset=shift_jis", "<html><body><p>" + sjis + "</p></body></html>", japaneseText, "shift_jis"},
		{"plain text windows-1252", "text/plain; charset=windows-1252", cp1252, french, "windows-1252"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", c.contentType)
				io.WriteString(w, c.body)
			})
			res, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.Text, c.want) {
				t.Errorf("decoded text %q does not contain %q", res.Text, c.want)
			}
			if res.Charset != c.charset {
				t.Errorf("charset = %q, want %q", res.Charset, c.charset)
			}
			if string(res.Body) != c.body {
				t.Errorf("raw body should be kept as received")
			}
		})
	}
}

func TestFetchBadEncoding(t *testing.T) {
	garbage := bytes.Repeat([]byte{0xff, 0xfe, 0xfd, 0xc3}, 500)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>"))
		w.Write(garbage)
	})
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	wantKind(t, err, KindBadEncoding)

	// A few broken bytes in an otherwise fine page are replaced, not fatal.
	s2 := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>Your data \xff is yours.</p>"))
	})
	res, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s2.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Your data \uFFFD is yours.") {
		t.Errorf("text = %q", res.Text)
	}
}

func TestFetchNotModified(t *testing.T) {
	var gotINM, gotIMS atomic.Value
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotINM.Store(r.Header.Get("If-None-Match"))
		gotIMS.Store(r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == `"abc"` {
			w.Header().Set("ETag", `"abc"`)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<p>changed</p>")
	})
	const lm = "Tue, 03 Feb 2026 10:00:00 GMT"
	res, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL, ETag: `"abc"`, LastModified: lm})
	if err != nil {
		t.Fatal(err)
	}
	if !res.NotModified || res.Status != 304 || res.ETag != `"abc"` || res.LastModified != lm || len(res.Body) != 0 {
		t.Errorf("unexpected result %+v", res)
	}
	if gotINM.Load() != `"abc"` || gotIMS.Load() != lm {
		t.Errorf("conditional headers not sent: %v %v", gotINM.Load(), gotIMS.Load())
	}

	res, err = newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || gotINM.Load() != "" || gotIMS.Load() != "" {
		t.Errorf("unconditional request sent validators or got 304")
	}
}

func TestFetchStatusKinds(t *testing.T) {
	cases := []struct {
		status int
		kind   Kind
	}{
		{404, KindGone},
		{410, KindGone},
		{500, KindTransient},
		{502, KindTransient},
		{400, KindRejected},
		{403, KindBotBlocked},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.status), func(t *testing.T) {
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(c.status)
				fmt.Fprint(w, "<html><body>Nothing here</body></html>")
			})
			_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
			fe := wantKind(t, err, c.kind)
			if fe.Status != c.status {
				t.Errorf("status = %d", fe.Status)
			}
			if !errors.Is(err, &Error{Kind: c.kind}) {
				t.Errorf("errors.Is by kind failed")
			}
		})
	}
	// The message says what happened in words.
	s := serve(t, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	if got := err.Error(); got != "The server answered 404 Not Found: the page may have moved." {
		t.Errorf("message = %q", got)
	}
}

func TestFetchRetryAfter503ThenOK(t *testing.T) {
	var n atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "<p>terms</p>")
	})
	res, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 200 || n.Load() != 2 {
		t.Errorf("status %d after %d requests", res.Status, n.Load())
	}
}

func TestFetch429ExhaustsRetries(t *testing.T) {
	var n atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
	})
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	fe := wantKind(t, err, KindTransient)
	if fe.Status != 429 {
		t.Errorf("status = %d", fe.Status)
	}
	if got := n.Load(); got != 1+DefaultMaxRetries {
		t.Errorf("server saw %d requests, want %d", got, 1+DefaultMaxRetries)
	}
}

func TestFetchRetryAfterBeyondMax(t *testing.T) {
	var n atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	fe := wantKind(t, err, KindTransient)
	if fe.RetryAfter != 120*time.Second || !strings.Contains(fe.Message, "2m0s") {
		t.Errorf("RetryAfter %v, message %q", fe.RetryAfter, fe.Message)
	}
	if n.Load() != 1 {
		t.Errorf("a wait beyond the maximum must not be retried; server saw %d requests", n.Load())
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"0":                             0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Sun, 01 Mar 2026 12:00:45 GMT": 45 * time.Second,
		"Sun, 01 Mar 2026 11:00:00 GMT": 0,
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

const cloudflareChallenge = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
<body><div class="main-wrapper"><noscript>Enable JavaScript and cookies to continue</noscript>
<script>(function(){window._cf_chl_opt={cvId: '3'};var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1';})();</script></div></body></html>`

func TestFetchBotWall(t *testing.T) {
	t.Run("403 challenge", func(t *testing.T) {
		s := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, cloudflareChallenge)
		})
		fe := wantKind(t, fetchErr(s.URL), KindBotBlocked)
		if fe.Status != 403 {
			t.Errorf("status = %d", fe.Status)
		}
	})
	t.Run("200 challenge", func(t *testing.T) {
		s := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, cloudflareChallenge)
		})
		wantKind(t, fetchErr(s.URL), KindBotBlocked)
	})
	t.Run("503 challenge is not retried", func(t *testing.T) {
		var n atomic.Int32
		s := serve(t, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, cloudflareChallenge)
		})
		wantKind(t, fetchErr(s.URL), KindBotBlocked)
		if n.Load() != 1 {
			t.Errorf("server saw %d requests", n.Load())
		}
	})
}

func fetchErr(u string) error {
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: u})
	return err
}

func TestLooksLikeBotWall(t *testing.T) {
	policy := []byte(`<html><head><title>Privacy Policy</title></head><body><h1>Privacy Policy</h1>
<p>We use Google reCAPTCHA (class g-recaptcha) to prevent spam, and DataDome to detect bots. Access denied requests are logged.</p></body></html>`)
	none := http.Header{}
	cases := []struct {
		name   string
		status int
		header http.Header
		body   []byte
		want   bool
	}{
		{"cloudflare header", 403, http.Header{"Cf-Mitigated": {"challenge"}}, nil, true},
		{"cloudflare page 200", 200, none, []byte(cloudflareChallenge), true},
		{"attention required", 403, none, []byte(`<html><head><title>Attention Required! | Cloudflare</title></head></html>`), true},
		{"datadome", 403, none, []byte(`<html><script src="https://ct.captcha-delivery.com/c.js"></script></html>`), true},
		{"datadome header", 403, http.Header{"X-Datadome": {"protected"}}, []byte("blocked"), true},
		{"perimeterx", 403, none, []byte(`<div id="px-captcha"></div>`), true},
		{"akamai", 403, none, []byte(`<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don't have permission to access "http://www.example.com/legal" on this server.<P>Reference #18.5f3e</BODY></HTML>`), true},
		{"incapsula", 200, none, []byte(`<html><iframe src="/_Incapsula_Resource?SWUDNSAI=31"></iframe>Incapsula incident ID: 1</html>`), true},
		{"captcha on 429", 429, none, []byte(`<div class="g-recaptcha"></div>`), true},
		{"policy mentioning captcha and datadome", 200, none, policy, false},
		{"page served through cloudflare bot management", 200, none, []byte(`<html><head><title>Usage policies | OpenAI</title></head><body><p>Policies</p><script>var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';</script></body></html>`), false},
		{"plain 404", 404, none, []byte("<html><title>Not found</title></html>"), false},
		{"plain 200", 200, none, []byte("<html><title>Terms</title><p>Hello</p></html>"), false},
	}
	for _, c := range cases {
		if got := LooksLikeBotWall(c.status, c.header, c.body); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFetchRedirects(t *testing.T) {
	var s *httptest.Server
	s = serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/loop-a":
			http.Redirect(w, r, "/loop-b", http.StatusFound)
		case r.URL.Path == "/loop-b":
			http.Redirect(w, r, "/loop-a", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/chain/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			if n > 0 {
				http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusMovedPermanently)
				return
			}
			fmt.Fprint(w, "<p>end of chain</p>")
		case r.URL.Path == "/cookie":
			// A cookie round trip: A -> B (sets cookie) -> A.
			if _, err := r.Cookie("seen"); err == nil {
				fmt.Fprint(w, "<p>welcome back</p>")
				return
			}
			http.Redirect(w, r, "/set-cookie", http.StatusFound)
		case r.URL.Path == "/set-cookie":
			http.SetCookie(w, &http.Cookie{Name: "seen", Value: "1", Path: "/"})
			http.Redirect(w, r, "/cookie", http.StatusFound)
		case r.URL.Path == "/to-file":
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusFound)
		}
	})
	f := newFetcher(Options{})
	ctx := context.Background()

	_, err := f.Fetch(ctx, Request{URL: s.URL + "/loop-a"})
	fe := wantKind(t, err, KindRedirect)
	if !strings.Contains(fe.Message, "loop") {
		t.Errorf("message = %q", fe.Message)
	}

	_, err = f.Fetch(ctx, Request{URL: s.URL + "/chain/6"})
	wantKind(t, err, KindRedirect)

	res, err := f.Fetch(ctx, Request{URL: s.URL + "/chain/5"})
	if err != nil {
		t.Fatalf("5 redirects must be followed: %v", err)
	}
	if res.URL != s.URL+"/chain/0" {
		t.Errorf("final URL = %q", res.URL)
	}

	res, err = f.Fetch(ctx, Request{URL: s.URL + "/cookie"})
	if err != nil || !strings.Contains(res.Text, "welcome back") {
		t.Errorf("cookie round trip: %v", err)
	}

	_, err = f.Fetch(ctx, Request{URL: s.URL + "/to-file"})
	wantKind(t, err, KindRedirect)
}

func TestFetchCrossDomainRedirect(t *testing.T) {
	target := serve(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<p>moved terms</p>")
	})
	_, port, _ := net.SplitHostPort(target.Listener.Addr().String())
	other := "http://localhost:" + port + "/terms"
	origin := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other, http.StatusMovedPermanently)
	})
	ctx := context.Background()

	_, err := newFetcher(Options{}).Fetch(ctx, Request{URL: origin.URL})
	fe := wantKind(t, err, KindRedirect)
	if !strings.Contains(fe.Message, "localhost") {
		t.Errorf("message should name the other site: %q", fe.Message)
	}

	res, err := newFetcher(Options{}).Fetch(ctx, Request{URL: origin.URL, AllowCrossDomain: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.URL != other {
		t.Errorf("final URL = %q", res.URL)
	}

	if _, err := newFetcher(Options{AllowedRedirectDomains: []string{"localhost"}}).Fetch(ctx, Request{URL: origin.URL}); err != nil {
		t.Errorf("allow-listed domain refused: %v", err)
	}
}

func TestRegistrableDomain(t *testing.T) {
	cases := map[string]string{
		"www.example.com":     "example.com",
		"legal.example.co.uk": "example.co.uk",
		"EXAMPLE.com.":        "example.com",
		"127.0.0.1":           "127.0.0.1",
		"localhost":           "localhost",
		"::1":                 "::1",
		"foo.github.io":       "foo.github.io",
	}
	for in, want := range cases {
		if got := RegistrableDomain(in); got != want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
	if !sameSite("www.example.com", "policies.example.com", nil) {
		t.Error("subdomains of one site must count as the same site")
	}
	if sameSite("a.github.io", "b.github.io", nil) {
		t.Error("different github.io sites are different owners")
	}
	if !sameSite("example.com", "help.example-legal.com", []string{"example-legal.com"}) {
		t.Error("allow-list not honoured")
	}
}

func TestFetchTooLarge(t *testing.T) {
	const total = 50 << 20
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>terms terms terms</p>\n"), 1300)
		for sent := 0; sent < total; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	fe := wantKind(t, err, KindTooLarge)
	if !strings.Contains(fe.Message, "10 MB") {
		t.Errorf("message should name the limit: %q", fe.Message)
	}

	// A declared length above the cap is refused before reading.
	s2 := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(2<<20))
		w.Write(make([]byte, 2<<20))
	})
	_, err = newFetcher(Options{MaxBodyBytes: 1 << 20}).Fetch(context.Background(), Request{URL: s2.URL})
	wantKind(t, err, KindTooLarge)
}

func TestFetchCompression(t *testing.T) {
	page := strings.Repeat("<p>We collect your data.</p>\n", 200)
	var gz, df bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, page)
	zw.Close()
	fw, _ := flate.NewWriter(&df, flate.BestCompression)
	io.WriteString(fw, page)
	fw.Close()

	// A gzip bomb: 64 MB of zeros compresses to about 64 KB.
	var bomb bytes.Buffer
	bw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 {
		bw.Write(zeros)
	}
	bw.Close()

	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
		case "/deflate":
			w.Header().Set("Content-Encoding", "deflate")
			w.Write(df.Bytes())
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case "/br":
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte{0x1b, 0x03})
		}
	})
	f := newFetcher(Options{})
	ctx := context.Background()
	for _, p := range []string{"/gzip", "/deflate"} {
		res, err := f.Fetch(ctx, Request{URL: s.URL + p})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if res.Text != page || string(res.Body) != page {
			t.Errorf("%s: body not decompressed", p)
		}
	}
	if bomb.Len() > 1<<20 {
		t.Fatalf("bomb fixture is %d bytes; it should be small", bomb.Len())
	}
	_, err := f.Fetch(ctx, Request{URL: s.URL + "/bomb"})
	wantKind(t, err, KindTooLarge)

	_, err = f.Fetch(ctx, Request{URL: s.URL + "/br"})
	wantKind(t, err, KindUnsupported)
}

func TestFetchTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	f := newFetcher(Options{Timeout: 200 * time.Millisecond})
	_, err = f.Fetch(context.Background(), Request{URL: "http://" + ln.Addr().String() + "/"})
	fe := wantKind(t, err, KindTransient)
	if !strings.Contains(fe.Message, "did not answer") {
		t.Errorf("message = %q", fe.Message)
	}
}

func TestFetchConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = newFetcher(Options{}).Fetch(context.Background(), Request{URL: "http://" + addr})
	wantKind(t, err, KindTransient)
}

func TestFetchEmptyAndUnsupported(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/empty":
			w.Header().Set("Content-Type", "text/html")
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n0000"))
		case "/untyped-html":
			w.Header()["Content-Type"] = nil
			io.WriteString(w, "<!DOCTYPE html><html><body><p>Terms</p></body></html>")
		}
	})
	f := newFetcher(Options{})
	ctx := context.Background()
	_, err := f.Fetch(ctx, Request{URL: s.URL + "/empty"})
	wantKind(t, err, KindEmpty)
	_, err = f.Fetch(ctx, Request{URL: s.URL + "/png"})
	fe := wantKind(t, err, KindUnsupported)
	if !strings.Contains(fe.Message, "image/png") {
		t.Errorf("message = %q", fe.Message)
	}
	res, err := f.Fetch(ctx, Request{URL: s.URL + "/untyped-html"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Terms") {
		t.Errorf("text = %q", res.Text)
	}
}

func TestValidateURL(t *testing.T) {
	bad := []string{
		"", "   ", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<p>x</p>",
		"ftp://example.com/terms", "mailto:legal@example.com", "example.com/terms", "/terms",
		"http://", "https://user:pass@example.com/", "http://example.com:99999/", "http:example.com",
	}
	for _, raw := range bad {
		if _, err := ValidateURL(raw); KindOf(err) != KindBadURL {
			t.Errorf("ValidateURL(%q) = %v, want bad-url", raw, err)
		}
	}
	good := []string{"https://example.com/terms", "HTTP://Example.com:8080/legal?x=1", " https://example.com/privacy "}
	for _, raw := range good {
		u, err := ValidateURL(raw)
		if err != nil {
			t.Errorf("ValidateURL(%q): %v", raw, err)
			continue
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Errorf("scheme not normalised: %q", u.Scheme)
		}
	}
	_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: "javascript:alert(1)"})
	fe := wantKind(t, err, KindBadURL)
	if !strings.Contains(fe.Message, "only http and https") {
		t.Errorf("message = %q", fe.Message)
	}
}

func TestFetchCancelled(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<p>x</p>") })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newFetcher(Options{}).Fetch(ctx, Request{URL: s.URL})
	wantKind(t, err, KindTransient)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancellation should be visible through errors.Is: %v", err)
	}
}

func TestFetchConcurrencyLimits(t *testing.T) {
	const hosts, perHost, parallel = 3, 6, 2
	var global, globalMax atomic.Int32
	type counter struct{ cur, max atomic.Int32 }
	counters := make([]*counter, hosts)
	urls := make([]string, hosts)
	bump := func(cur, max *atomic.Int32) {
		n := cur.Add(1)
		for {
			m := max.Load()
			if n <= m || max.CompareAndSwap(m, n) {
				return
			}
		}
	}
	for i := range hosts {
		c := &counter{}
		counters[i] = c
		s := serve(t, func(w http.ResponseWriter, r *http.Request) {
			bump(&c.cur, &c.max)
			bump(&global, &globalMax)
			// The pause only widens the window in which overlapping
			// requests would be seen; nothing asserts on time.
			time.Sleep(20 * time.Millisecond)
			global.Add(-1)
			c.cur.Add(-1)
			fmt.Fprint(w, "<p>ok</p>")
		})
		urls[i] = s.URL
	}
	f := newFetcher(Options{Parallelism: parallel})
	var wg sync.WaitGroup
	errs := make(chan error, hosts*perHost)
	for i := range hosts {
		for range perHost {
			wg.Go(func() {
				if _, err := f.Fetch(context.Background(), Request{URL: urls[i]}); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i, c := range counters {
		if m := c.max.Load(); m != 1 {
			t.Errorf("host %d saw %d concurrent requests, want 1", i, m)
		}
	}
	if m := globalMax.Load(); m > parallel {
		t.Errorf("%d requests ran at once, limit is %d", m, parallel)
	}
	f.mu.Lock()
	left := len(f.hosts)
	f.mu.Unlock()
	if left != 0 {
		t.Errorf("%d host slots left behind", left)
	}
}

func TestFetchLateUTF8(t *testing.T) {
	// The first 1024 bytes are ASCII, so only the whole body shows UTF-8.
	page := "<html><head><title>Terms</title></head><body>" + strings.Repeat("<p>plain ascii</p>", 80) + "<p>Données à caractère personnel</p></body></html>"
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, page)
	})
	res, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if res.Charset != "utf-8" || !strings.Contains(res.Text, "Données à caractère personnel") {
		t.Errorf("charset %q, text tail %q", res.Charset, res.Text[len(res.Text)-60:])
	}
}

func TestFetchCancelledDuringRetryWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusServiceUnavailable)
		cancel()
	})
	_, err := newFetcher(Options{}).Fetch(ctx, Request{URL: s.URL})
	wantKind(t, err, KindTransient)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("want cancellation, got %v", err)
	}
	if n.Load() != 1 {
		t.Errorf("server saw %d requests after cancellation", n.Load())
	}
}
