package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browserCandidates are looked up on PATH, after the Debian location.
var browserCandidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

func (f *Fetcher) findBrowser() string {
	if f.opts.NoBrowser {
		return ""
	}
	f.browserOnce.Do(func() {
		if f.opts.BrowserPath != "" {
			if isExecutable(f.opts.BrowserPath) {
				f.browserPath = f.opts.BrowserPath
			}
			return
		}
		if isExecutable("/usr/bin/chromium") {
			f.browserPath = "/usr/bin/chromium"
			return
		}
		for _, name := range browserCandidates {
			if p, err := exec.LookPath(name); err == nil {
				f.browserPath = p
				return
			}
		}
	})
	return f.browserPath
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// BrowserAvailable reports whether pages that need a browser can be loaded.
func (f *Fetcher) BrowserAvailable() bool { return f.findBrowser() != "" }

func (f *Fetcher) browserAvailable() bool { return f.BrowserAvailable() }

// waitForText resolves once the selected element has visible text. It
// returns a non-empty string to end the polling: "ok", or "bad-selector"
// when the selector cannot be parsed, so that mistake is not a timeout.
const waitForText = `(sel) => {
	let el;
	try { el = document.querySelector(sel); } catch (e) { return "bad-selector"; }
	if (!el) return "";
	const text = (el.innerText || el.textContent || "").trim();
	return text.length > 0 ? "ok" : "";
}`

const documentHTML = `(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + "\n" : "") + document.documentElement.outerHTML`

// fetchWithBrowser loads the page in a fresh headless Chromium, waits until
// the selected element has text, and returns the rendered document. A fresh
// browser per fetch keeps no cookies or cache between checks and cannot
// leak a stuck process past the fetch's timeout.
func (f *Fetcher) fetchWithBrowser(ctx context.Context, req Request) (*Result, error) {
	path := f.findBrowser()
	if path == "" {
		return nil, &Error{Kind: KindNeedsBrowser, Message: "This page needs a browser to load; install Chromium."}
	}
	release, err := f.acquireGlobal(ctx)
	if err != nil {
		return nil, err
	}
	defer release()

	tctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", primaryLanguage(req.AcceptLanguage)),
	)
	actx, acancel := chromedp.NewExecAllocator(tctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	fail := func(err error, what string) error {
		switch {
		case ctx.Err() != nil:
			return contextError(ctx.Err(), 0)
		case tctx.Err() != nil:
			return &Error{Kind: KindTransient, Err: err,
				Message: fmt.Sprintf("The page did not finish loading in the browser within %s; try again later.", roundWait(f.opts.Timeout))}
		}
		var le *chromedp.LoadError
		if errors.As(err, &le) {
			return &Error{Kind: KindTransient, Err: err,
				Message: fmt.Sprintf("The browser could not load the page (%s).", le.ErrorText)}
		}
		return &Error{Kind: KindTransient, Err: err, Message: fmt.Sprintf("The browser failed while %s: %v.", what, err)}
	}

	err = chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Accept-Language": req.AcceptLanguage},
		})
		return err
	}))
	if err != nil {
		if ctx.Err() == nil && tctx.Err() == nil {
			return nil, &Error{Kind: KindNeedsBrowser, Err: err,
				Message: fmt.Sprintf("The browser at %s could not be started: %v.", path, err)}
		}
		return nil, fail(err, "starting")
	}

	resp, err := chromedp.Run(bctx, chromedp.NavigateResponse(req.URL))
	if err != nil {
		return nil, fail(err, "loading the page")
	}
	header := headerFrom(resp.Headers)
	status := int(resp.Status)
	result := &Result{
		URL:          resp.URL,
		Status:       status,
		ContentType:  resp.MimeType,
		Charset:      "utf-8",
		ETag:         header.Get("ETag"),
		LastModified: header.Get("Last-Modified"),
		ViaBrowser:   true,
	}
	if strings.Contains(strings.ToLower(resp.MimeType), "pdf") {
		return nil, &Error{Kind: KindUnsupported, Status: status,
			Message: "The address serves a PDF, which the browser cannot hand back; fetch it without the browser."}
	}

	sel := strings.TrimSpace(req.WaitSelector)
	if sel == "" {
		sel = "body"
	}
	var waitErr error
	if status >= 200 && status <= 299 {
		wait := pollBudget(tctx, f.opts.Timeout)
		state, err := chromedp.Run(bctx, chromedp.PollFunction[string](waitForText,
			chromedp.WithPollingArgs(sel),
			chromedp.WithPollingInterval(100*time.Millisecond),
			chromedp.WithPollingTimeout(wait)))
		switch {
		case ctx.Err() != nil:
			return nil, contextError(ctx.Err(), status)
		case state == "bad-selector":
			return nil, &Error{Kind: KindBadURL, Status: status,
				Message: fmt.Sprintf("The wait selector %q is not a valid CSS selector.", sel)}
		case err != nil:
			waitErr = err
		}
	}

	// The rendered document is read even when waiting failed: it tells a
	// challenge page apart from a page whose layout changed.
	html, err := chromedp.Run(bctx, chromedp.Evaluate[string](documentHTML))
	if err != nil {
		return nil, fail(err, "reading the page")
	}
	final, err := chromedp.Run(bctx, chromedp.Location())
	if err == nil && final != "" {
		result.URL = final
	}
	result.FetchedAt = time.Now().UTC()

	if fu, err := ValidateURL(result.URL); err == nil {
		start, _ := ValidateURL(req.URL)
		if !req.AllowCrossDomain && !sameSite(start.Hostname(), fu.Hostname(), f.opts.AllowedRedirectDomains) {
			return nil, &Error{Kind: KindRedirect, Status: status,
				Message: fmt.Sprintf("The page on %s sent the browser to another site, %s; allow this redirect if the document really moved there.",
					start.Hostname(), fu.Hostname())}
		}
	}
	if LooksLikeBotWall(status, header, []byte(html)) {
		return nil, &Error{Kind: KindBotBlocked, Status: status,
			Message: fmt.Sprintf("Even in a browser, the site showed an anti-bot check (%s) instead of the page.", statusLine(status))}
	}
	if e := statusError(status, header); e != nil {
		return nil, e
	}
	if waitErr != nil {
		return nil, &Error{Kind: KindTransient, Status: status, Err: waitErr,
			Message: fmt.Sprintf("The page loaded but %q never showed any text; it may still be loading or its layout changed.", sel)}
	}
	result.Body = []byte(html)
	result.Text = html
	return result, nil
}

// pollBudget leaves part of the deadline for reading the document after
// the wait, so that a wait that runs out still yields a diagnosis.
func pollBudget(ctx context.Context, total time.Duration) time.Duration {
	margin := min(5*time.Second, total/5)
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl) - margin; left > 0 {
			return left
		}
		return 100 * time.Millisecond
	}
	return total - margin
}

func headerFrom(h network.Headers) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		// DevTools joins repeated headers with newlines.
		for _, line := range strings.Split(fmt.Sprint(v), "\n") {
			out.Add(k, line)
		}
	}
	return out
}

// primaryLanguage turns "fr-CH, fr;q=0.9, en;q=0.8" into "fr-CH" for the
// browser's UI language, which shapes navigator.language.
func primaryLanguage(acceptLanguage string) string {
	first := strings.TrimSpace(strings.Split(acceptLanguage, ",")[0])
	first = strings.TrimSpace(strings.Split(first, ";")[0])
	if first == "" || first == "*" {
		return DefaultAcceptLanguage
	}
	return first
}
