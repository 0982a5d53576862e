// Package fetch downloads terms and privacy documents politely and within
// bounds: limited time, size, redirects and parallelism, an honest
// User-Agent, conditional requests, and failures reported as typed data.
package fetch

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Version is reported in the User-Agent; the application sets it at start.
var Version = "dev"

// UserAgent is the User-Agent sent with every plain HTTP request.
func UserAgent() string {
	return "Fineprint/" + Version + " (+https://github.com/fineprint; privacy terms tracker)"
}

// Defaults used when the matching Options field is zero.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 60 * time.Second
	DefaultMaxBodyBytes   = 10 << 20
	DefaultMaxRedirects   = 5
	DefaultMaxRetries     = 2
	DefaultBackoffBase    = time.Second
	DefaultMaxRetryWait   = 30 * time.Second
	DefaultParallelism    = 4
	DefaultAcceptLanguage = "en"
)

// Options configures a Fetcher. The zero value is usable: every zero field
// takes the default above.
type Options struct {
	// ConnectTimeout bounds the TCP (and TLS) connection set-up.
	ConnectTimeout time.Duration
	// Timeout bounds one attempt from connection to the last body byte,
	// and a whole browser load.
	Timeout time.Duration
	// MaxBodyBytes caps the body after decompression.
	MaxBodyBytes int64
	// MaxRedirects is the longest redirect chain followed.
	MaxRedirects int
	// MaxRetries is how often a 429 or 503 answer is retried; negative
	// disables retries.
	MaxRetries int
	// BackoffBase is the first wait when the server gives no Retry-After;
	// each retry doubles it.
	BackoffBase time.Duration
	// MaxRetryWait is the longest single wait; a server asking for more
	// makes the fetch fail as transient right away.
	MaxRetryWait time.Duration
	// Parallelism is the number of fetches in flight across all hosts.
	// Each host gets one at a time regardless.
	Parallelism int
	// AllowedRedirectDomains lists domains that redirects may always go to,
	// such as a company's separate legal site.
	AllowedRedirectDomains []string
	// BrowserPath is the Chromium executable; empty means look for one.
	BrowserPath string
	// NoBrowser disables the headless browser entirely, so pages that need
	// one fail as needs-browser.
	NoBrowser bool
	// Transport replaces the HTTP transport (for proxies or custom TLS);
	// nil builds one from the timeouts above.
	Transport http.RoundTripper

	// Proxy picks the proxy for a request; nil means the environment's
	// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY).
	Proxy func(*http.Request) (*url.URL, error)
}

// Request describes one document to fetch.
type Request struct {
	URL string
	// AcceptLanguage is sent as is; empty means "en".
	AcceptLanguage string
	// ETag and LastModified come from the previous successful fetch and
	// make the request conditional.
	ETag, LastModified string
	// Browser loads the page with headless Chromium instead of plain HTTP.
	Browser bool
	// WaitSelector is the CSS selector whose element must contain text
	// before a browser load counts as done; empty means "body".
	WaitSelector string
	// AllowCrossDomain lets redirects leave the registrable domain.
	AllowCrossDomain bool
}

// Result is a successful fetch.
type Result struct {
	// URL is the final address after redirects.
	URL         string
	Status      int
	ContentType string
	// Charset is the encoding the text was decoded from ("" for PDFs).
	Charset string
	// Body holds the bytes as received after decompression, for archiving.
	Body []byte
	// Text is the UTF-8 HTML or plain text; for PDFs, the extracted text.
	Text               string
	IsPDF              bool
	ETag, LastModified string
	// NotModified is set when the server answered 304 to a conditional
	// request; Body and Text are then empty.
	NotModified bool
	FetchedAt   time.Time
	ViaBrowser  bool
}

// Fetcher fetches documents with shared limits. It is safe for concurrent
// use; create one per application and reuse it.
type Fetcher struct {
	opts      Options
	transport http.RoundTripper
	global    chan struct{}

	mu    sync.Mutex
	hosts map[string]*hostSlot

	browserOnce sync.Once
	browserPath string
}

// hostSlot serialises requests to one host. A channel rather than a mutex
// so that waiting for it can be abandoned when the context ends.
type hostSlot struct {
	sem  chan struct{}
	refs int
}

// New returns a Fetcher with opts, filling zero fields with defaults.
func New(opts Options) *Fetcher {
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.MaxRetries == 0 {
		opts.MaxRetries = DefaultMaxRetries
	} else if opts.MaxRetries < 0 {
		opts.MaxRetries = 0
	}
	if opts.BackoffBase <= 0 {
		opts.BackoffBase = DefaultBackoffBase
	}
	if opts.MaxRetryWait <= 0 {
		opts.MaxRetryWait = DefaultMaxRetryWait
	}
	if opts.Parallelism <= 0 {
		opts.Parallelism = DefaultParallelism
	}
	f := &Fetcher{
		opts:   opts,
		global: make(chan struct{}, opts.Parallelism),
		hosts:  make(map[string]*hostSlot),
	}
	f.transport = f.newTransport()
	return f
}

// Fetch downloads one document. Every failure is an *Error.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Result, error) {
	u, err := ValidateURL(req.URL)
	if err != nil {
		return nil, err
	}
	req.URL = u.String()
	if strings.TrimSpace(req.AcceptLanguage) == "" {
		req.AcceptLanguage = DefaultAcceptLanguage
	}

	release, err := f.acquireHost(ctx, hostKey(u))
	if err != nil {
		return nil, err
	}
	defer release()

	if req.Browser {
		return f.fetchWithBrowser(ctx, req)
	}
	res, err := f.fetchHTTP(ctx, req)
	if err != nil && KindOf(err) == KindBotBlocked && f.browserAvailable() {
		// A real browser often passes the JavaScript checks that stop plain
		// HTTP; if it meets the wall too, report the wall.
		if bres, berr := f.fetchWithBrowser(ctx, req); berr == nil {
			return bres, nil
		}
	}
	return res, err
}

// acquireHost takes the host's slot, waiting for an earlier fetch of the
// same host to finish.
func (f *Fetcher) acquireHost(ctx context.Context, host string) (func(), error) {
	f.mu.Lock()
	slot := f.hosts[host]
	if slot == nil {
		slot = &hostSlot{sem: make(chan struct{}, 1)}
		f.hosts[host] = slot
	}
	slot.refs++
	f.mu.Unlock()

	drop := func() {
		f.mu.Lock()
		slot.refs--
		if slot.refs == 0 {
			delete(f.hosts, host)
		}
		f.mu.Unlock()
	}
	select {
	case slot.sem <- struct{}{}:
		return func() { <-slot.sem; drop() }, nil
	case <-ctx.Done():
		drop()
		return nil, contextError(ctx.Err(), 0)
	}
}

// acquireGlobal takes one of the global slots. It is held per attempt, not
// across retry waits, so a host that asked to wait does not hold up others.
func (f *Fetcher) acquireGlobal(ctx context.Context) (func(), error) {
	select {
	case f.global <- struct{}{}:
		return func() { <-f.global }, nil
	case <-ctx.Done():
		return nil, contextError(ctx.Err(), 0)
	}
}

// hostKey names the server a URL talks to, so that "Example.com" and
// "example.com:443" share one slot.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}
