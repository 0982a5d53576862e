package monitor

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/store"
)

const goodTerms = `<h1>Terms of Service</h1>` +
	`<p>These terms explain how we collect, use and share your personal data when you use the service, and what choices you have about it.</p>` +
	`<p>We keep your data while your account is open and delete it within thirty days after you close the account, unless the law requires otherwise.</p>` +
	`<p>You can ask for a copy of your data, correct it, or ask us to delete it by writing to our privacy team at any time.</p>`

// hostile pages, each served by a loopback server: every one must end as a
// failed check with a kind and a message, and never as a version.
func hostilePages() map[string]http.HandlerFunc {
	html := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
	}
	return map[string]http.HandlerFunc{
		"bot wall 403": html(403, `<html><head><title>Just a moment...</title></head><body><div id="cf-chl-widget">Checking your browser before accessing the site.</div></body></html>`),
		"bot wall 200": html(200, `<html><head><title>Just a moment...</title></head><body><form id="challenge-form" action="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1">Verifying you are human. This may take a few seconds.</form></body></html>`),
		"captcha":      html(200, `<html><head><title>Are you a robot?</title></head><body><main><h1>Please verify you are a human</h1><div class="g-recaptcha" data-sitekey="x"></div><p>Complete the captcha to continue.</p></main></body></html>`),
		"cookie wall":  html(200, `<html><head><title>Before you continue</title></head><body><main><h1>Before you continue</h1><p>We use cookies and data to deliver and maintain our services. Accept all cookies or reject all to continue.</p><button>Accept all</button><button>Reject all</button></main></body></html>`),
		"login wall":   html(200, `<html><head><title>Log in</title></head><body><main><h1>Log in to continue</h1><form><input name="email" placeholder="Email"><input type="password" name="password" placeholder="Password"><button>Log in</button></form><p>Forgot your password?</p></main></body></html>`),
		"404":          html(404, `<html><body><h1>Not Found</h1></body></html>`),
		"410":          html(410, `<html><body><h1>Gone</h1></body></html>`),
		"500":          html(500, `<html><body><h1>Internal Server Error</h1></body></html>`),
		"503 with Retry-After": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(503)
		},
		"redirect loop": func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/a" {
				http.Redirect(w, r, "/b", http.StatusFound)
				return
			}
			http.Redirect(w, r, "/a", http.StatusFound)
		},
		"50 MB body": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			chunk := bytes.Repeat([]byte("<p>terms terms terms terms terms terms terms</p>\n"), 1024)
			for sent := 0; sent < 50<<20; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
		"gzip bomb": func(w http.ResponseWriter, r *http.Request) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write([]byte("<html><body><main>"))
			zeros := make([]byte, 1<<20)
			for range 64 {
				zw.Write(zeros)
			}
			zw.Close()
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(buf.Bytes())
		},
		"malformed, 100,000 levels deep": html(200, "<html><body><main>"+strings.Repeat("<div><span>", 50000)+"terms"+"</main>"),
		"empty body":                     html(200, ""),
		"JavaScript-only shell":          html(200, `<html><head><title>App</title></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div><script src="/static/js/main.js"></script></body></html>`),
	}
}

func TestHostilePagesFailCleanly(t *testing.T) {
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, Timeout: 2 * time.Second, MaxRetryWait: time.Second, BackoffBase: 10 * time.Millisecond})}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	i := 0
	for name, h := range hostilePages() {
		i++
		srv := httptest.NewServer(h)
		u := srv.URL + "/a"
		id := fmt.Sprintf("p%d", i)
		s.AddPlatform(ctx, catalog.Platform{ID: id, Name: name, Documents: []catalog.Document{{Type: "Terms of Service",
			Sources: []catalog.Source{{URL: u}}}}}, store.SourceCustom)
		d, _ := s.DocumentByType(ctx, id, "Terms of Service")
		r := c.CheckDocument(ctx, d)
		srv.Close()
		if r.Outcome != store.OutcomeFailed || r.Error == nil || r.Error.Kind == "" || r.Error.Message == "" {
			t.Errorf("%s: %+v %+v", name, r, r.Error)
			continue
		}
		if vs, _ := s.Versions(ctx, d.ID); len(vs) != 0 {
			t.Errorf("%s: %d versions stored", name, len(vs))
		}
		t.Logf("%-32s %-16s %s", name, r.Error.Kind, r.Error.Message)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	// The 50 MB body and the bomb are cut at the 10 MB cap: nothing that
	// size is kept alive.
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 40<<20 {
		t.Errorf("heap grew by %d MB", grown>>20)
	}
}

func TestServerThatNeverAnswers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // hold it open, say nothing
		}
	}()
	s, _ := store.Open(t.TempDir())
	defer s.Close()
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, Timeout: 300 * time.Millisecond, MaxRetries: -1})}
	s.AddPlatform(ctx, catalog.Platform{ID: "mute", Name: "Mute", Documents: []catalog.Document{{Type: "Terms of Service",
		Sources: []catalog.Source{{URL: "http://" + ln.Addr().String() + "/terms"}}}}}, store.SourceCustom)
	d, _ := s.DocumentByType(ctx, "mute", "Terms of Service")
	if r := c.CheckDocument(ctx, d); r.Outcome != store.OutcomeFailed || r.Error.Kind != string(fetch.KindTransient) {
		t.Fatalf("%+v %+v", r, r.Error)
	}
}

func TestCrossDomainRedirectNeedsRules(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<html><body><main>"+goodTerms+"</main></body></html>")
	}))
	defer target.Close()
	// 127.0.0.1 and localhost are different sites.
	other := strings.Replace(target.URL, "127.0.0.1", "localhost", 1)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other+"/terms", http.StatusMovedPermanently)
	}))
	defer origin.Close()
	s, _ := store.Open(t.TempDir())
	defer s.Close()
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true})}
	s.AddPlatform(ctx, catalog.Platform{ID: "hop", Name: "Hop", Documents: []catalog.Document{{Type: "Terms of Service",
		Sources: []catalog.Source{{URL: origin.URL + "/terms"}}}}}, store.SourceCustom)
	d, _ := s.DocumentByType(ctx, "hop", "Terms of Service")
	if r := c.CheckDocument(ctx, d); r.Outcome != store.OutcomeFailed || r.Error.Kind != string(fetch.KindRedirect) {
		t.Fatalf("cross-domain redirect: %+v %+v", r, r.Error)
	}
	// Rules that allow it let the redirect through.
	d, _ = s.AddDocument(ctx, "hop", catalog.Document{Type: "Terms of Service", Sources: []catalog.Source{{URL: origin.URL + "/terms",
		Rules: extract.Rules{AllowCrossSiteRedirect: true}}}})
	if r := c.CheckDocument(ctx, d); r.Outcome != store.OutcomeNew {
		t.Fatalf("allowed cross-domain redirect: %+v %+v", r, r.Error)
	}
}

func TestLegacyEncodingsExtractCorrectly(t *testing.T) {
	for name, enc := range map[string]struct {
		charset string
		text    string
		encode  func(string) ([]byte, error)
	}{
		"windows-1252": {"windows-1252", "Les données personnelles sont protégées – « vos droits » sont respectés, même après la résiliation.",
			func(s string) ([]byte, error) { return charmap.Windows1252.NewEncoder().Bytes([]byte(s)) }},
		"shift-jis": {"shift_jis", "当社は、お客様の個人情報を適切に管理し、法令に基づく場合を除き第三者に提供しません。",
			func(s string) ([]byte, error) { return japanese.ShiftJIS.NewEncoder().Bytes([]byte(s)) }},
	} {
		t.Run(name, func(t *testing.T) {
			page := fmt.Sprintf(`<html><head><meta charset="%s"><title>Terms</title><script>var tracker = "%s";</script></head><body><main>%s<p>%s</p><p>%s</p></main></body></html>`,
				enc.charset, enc.text, goodTerms, enc.text, enc.text)
			raw, err := enc.encode(page)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Write(raw)
			}))
			defer srv.Close()
			s, _ := store.Open(t.TempDir())
			defer s.Close()
			c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true})}
			s.AddPlatform(ctx, catalog.Platform{ID: "enc", Name: "Enc", Documents: []catalog.Document{{Type: "Terms of Service",
				Sources: []catalog.Source{{URL: srv.URL, Rules: extract.Rules{Select: extract.CSS("main")}}}}}}, store.SourceCustom)
			d, _ := s.DocumentByType(ctx, "enc", "Terms of Service")
			r := c.CheckDocument(ctx, d)
			if r.Outcome != store.OutcomeNew {
				t.Fatalf("%+v %+v", r, r.Error)
			}
			v, _ := s.CurrentVersion(ctx, d.ID)
			if !strings.Contains(v.Text, enc.text) {
				t.Fatalf("the text was not decoded: %q", v.Text)
			}
			// The page is archived decoded and without its script, and
			// re-extracts to the very same text.
			snaps, err := s.SnapshotsOf(ctx, v.ID)
			if err != nil || len(snaps) != 1 || strings.Contains(string(snaps[0].Raw), "tracker") ||
				!strings.Contains(string(snaps[0].Raw), enc.text) || snaps[0].ContentType != "text/html; charset=utf-8" {
				t.Fatalf("archived page: %v %+v", err, snaps)
			}
			if rs := c.Reextract(ctx, []store.Document{d}); len(rs) != 1 || rs[0].Outcome != store.OutcomeUnchanged {
				t.Fatalf("re-extracting the archived page: %+v", rs)
			}
		})
	}
}
