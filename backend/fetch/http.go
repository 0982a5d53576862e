package fetch

import (
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/publicsuffix"
)

// redirectKey carries the per-request redirect policy to CheckRedirect,
// which only sees the *http.Request.
type redirectKey struct{}

type redirectPolicy struct {
	allowCrossDomain bool
}

func (f *Fetcher) newTransport() http.RoundTripper {
	rt := f.opts.Transport
	if rt == nil {
		dialer := &net.Dialer{Timeout: f.opts.ConnectTimeout, KeepAlive: 30 * time.Second}
		rt = &http.Transport{
			Proxy:                 f.proxy(),
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   f.opts.ConnectTimeout,
			ResponseHeaderTimeout: f.opts.Timeout,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          16,
			MaxIdleConnsPerHost:   1,
			IdleConnTimeout:       90 * time.Second,
			// Compression is negotiated and undone here, not by the
			// transport, so that deflate works too and the size cap is
			// applied to the decompressed bytes in one place.
			DisableCompression: true,
		}
	}
	return rt
}

// client returns a client for one fetch. Each fetch gets its own cookie
// jar: some sites set a cookie on a redirect and expect it on the way back,
// and a fresh jar means no cookie outlives the fetch to track the user.
func (f *Fetcher) client() *http.Client {
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	return &http.Client{Transport: f.transport, CheckRedirect: f.checkRedirect, Jar: jar}
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return newError(KindRedirect, 0, nil, "The page redirected to %s, which is not a web address.", req.URL.Redacted())
	}
	// One return to an address is allowed for cookie round trips
	// (A -> B sets a cookie -> A); a second return is a loop.
	seen := 0
	for _, prev := range via {
		if prev.URL.String() == req.URL.String() {
			seen++
		}
	}
	if seen >= 2 {
		return newError(KindRedirect, 0, nil, "The page redirects in a loop (back to %s).", req.URL.Redacted())
	}
	if len(via) > f.opts.MaxRedirects {
		return newError(KindRedirect, 0, nil, "The page redirected more than %d times; giving up.", f.opts.MaxRedirects)
	}
	policy, _ := req.Context().Value(redirectKey{}).(redirectPolicy)
	from := via[0].URL.Hostname()
	if !policy.allowCrossDomain && !sameSite(from, req.URL.Hostname(), f.opts.AllowedRedirectDomains) {
		return newError(KindRedirect, 0, nil,
			"The page on %s redirected to another site, %s; allow this redirect if the document really moved there.",
			from, req.URL.Hostname())
	}
	return nil
}

// fetchHTTP runs the attempts for one request, waiting between them as the
// server asks (429/503) within the configured limits.
func (f *Fetcher) fetchHTTP(ctx context.Context, req Request) (*Result, error) {
	for attempt := 0; ; attempt++ {
		res, retry, err := f.attempt(ctx, req)
		if retry == nil {
			return res, err
		}
		wait := retry.RetryAfter
		if wait <= 0 {
			wait = f.opts.BackoffBase << attempt
		}
		if wait > f.opts.MaxRetryWait {
			retry.Message = fmt.Sprintf("The server answered %s and asked to wait %s before trying again; try again later.",
				statusLine(retry.Status), roundWait(wait))
			retry.RetryAfter = wait
			return nil, retry
		}
		if attempt >= f.opts.MaxRetries {
			return nil, retry
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, contextError(ctx.Err(), retry.Status)
		}
	}
}

// attempt performs one HTTP exchange. A non-nil retry error means the
// server asked to be tried again later; it is also the final error if no
// retry is left.
func (f *Fetcher) attempt(ctx context.Context, req Request) (res *Result, retry *Error, err error) {
	release, err := f.acquireGlobal(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer release()

	actx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	actx = context.WithValue(actx, redirectKey{}, redirectPolicy{allowCrossDomain: req.AllowCrossDomain})

	hreq, err := http.NewRequestWithContext(actx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, nil, newError(KindBadURL, 0, err, "The address %q cannot be requested: %v.", req.URL, err)
	}
	hreq.Header.Set("User-Agent", UserAgent())
	hreq.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1")
	hreq.Header.Set("Accept-Language", req.AcceptLanguage)
	hreq.Header.Set("Accept-Encoding", "gzip, deflate")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	resp, err := f.client().Do(hreq)
	if err != nil {
		return nil, nil, f.transportError(ctx, actx, err)
	}
	defer resp.Body.Close()

	status := resp.StatusCode
	result := &Result{
		URL:          resp.Request.URL.String(),
		Status:       status,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FetchedAt:    time.Now().UTC(),
	}

	if status == http.StatusNotModified {
		result.NotModified = true
		if result.ETag == "" {
			result.ETag = req.ETag
		}
		if result.LastModified == "" {
			result.LastModified = req.LastModified
		}
		return result, nil, nil
	}

	body, err := f.readBody(ctx, actx, resp)
	if err != nil {
		var fe *Error
		// An error page may be cut short or oddly encoded; the status
		// still says more than the body error does.
		if status < 400 || !errors.As(err, &fe) || fe.Kind == KindTransient {
			return nil, nil, err
		}
	}

	if LooksLikeBotWall(status, resp.Header, body) {
		return nil, nil, &Error{Kind: KindBotBlocked, Status: status,
			Message: fmt.Sprintf("The site showed an anti-bot check (%s) instead of the page; it may need a browser or may block automated visitors.", statusLine(status))}
	}
	if e := statusError(status, resp.Header); e != nil {
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			return nil, e, e
		}
		return nil, nil, e
	}
	if status < 200 || status > 299 {
		return nil, nil, newError(KindRedirect, status, nil,
			"The server answered %s without a usable redirect target.", statusLine(status))
	}

	result.Body = body
	if len(body) == 0 {
		return nil, nil, &Error{Kind: KindEmpty, Status: status,
			Message: fmt.Sprintf("The server answered %s but sent an empty page.", statusLine(status))}
	}
	if err := fillText(result, body); err != nil {
		return nil, nil, err
	}
	return result, nil, nil
}

// fillText classifies the body and decodes it into Result.Text.
func fillText(result *Result, body []byte) error {
	class, mediaType := classify(result.ContentType, body)
	switch class {
	case classPDF:
		text, err := pdfText(body)
		if err != nil {
			setStatus(err, result.Status)
			return err
		}
		result.IsPDF = true
		result.Text = text
		if result.ContentType == "" || !strings.Contains(strings.ToLower(result.ContentType), "pdf") {
			result.ContentType = "application/pdf"
		}
	case classHTML, classText:
		ct := result.ContentType
		if ct == "" || !strings.HasPrefix(strings.ToLower(ct), mediaType) {
			ct = mediaType
		}
		text, name, err := decodeText(body, ct, class)
		if err != nil {
			setStatus(err, result.Status)
			return err
		}
		result.Text = text
		result.Charset = name
	default:
		if mediaType == "" {
			mediaType = "an unknown type"
		}
		return &Error{Kind: KindUnsupported, Status: result.Status,
			Message: fmt.Sprintf("The address serves %s, not a web page, text or PDF.", mediaType)}
	}
	return nil
}

func setStatus(err error, status int) {
	var fe *Error
	if errors.As(err, &fe) && fe.Status == 0 {
		fe.Status = status
	}
}

// statusError maps an HTTP status to a failure, or nil for 2xx/3xx.
func statusError(status int, h http.Header) *Error {
	switch {
	case status == http.StatusNotFound:
		return &Error{Kind: KindGone, Status: status,
			Message: fmt.Sprintf("The server answered %s: the page may have moved.", statusLine(status))}
	case status == http.StatusGone:
		return &Error{Kind: KindGone, Status: status,
			Message: fmt.Sprintf("The server answered %s: the page was removed on purpose.", statusLine(status))}
	case status == http.StatusForbidden:
		// Terms are public by nature; a bare 403 on one is almost always a
		// filter on automated visitors rather than a real permission.
		return &Error{Kind: KindBotBlocked, Status: status,
			Message: fmt.Sprintf("The server answered %s: it refuses automated visitors or this address.", statusLine(status))}
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		wait := parseRetryAfter(h.Get("Retry-After"), time.Now())
		msg := fmt.Sprintf("The server answered %s: it is busy or limiting requests; try again later.", statusLine(status))
		return &Error{Kind: KindTransient, Status: status, RetryAfter: wait, Message: msg}
	case status >= 500:
		return &Error{Kind: KindTransient, Status: status,
			Message: fmt.Sprintf("The server answered %s: it has a problem on its side; try again later.", statusLine(status))}
	case status >= 400:
		return &Error{Kind: KindRejected, Status: status,
			Message: fmt.Sprintf("The server answered %s: it refused the request.", statusLine(status))}
	}
	return nil
}

// parseRetryAfter reads either form of Retry-After (RFC 9110 §10.2.3):
// delay seconds or an HTTP date. Unparseable or past values give 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func roundWait(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d
}

// readBody reads the decompressed body up to the cap; one byte more than
// the cap means too large, which also stops decompression bombs early.
func (f *Fetcher) readBody(ctx, actx context.Context, resp *http.Response) ([]byte, error) {
	status := resp.StatusCode
	r, err := decompressor(resp)
	if err != nil {
		return nil, err
	}
	limit := f.opts.MaxBodyBytes
	if resp.ContentLength > limit && resp.Header.Get("Content-Encoding") == "" {
		return nil, tooLarge(status, limit)
	}
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if int64(len(body)) > limit {
		return nil, tooLarge(status, limit)
	}
	if err != nil {
		if errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, zlib.ErrHeader) ||
			errors.Is(err, zlib.ErrChecksum) || isFlateError(err) {
			return body, &Error{Kind: KindTransient, Status: status, Err: err,
				Message: "The page arrived with broken compression; it may have been cut off in transit."}
		}
		return body, f.transportError(ctx, actx, err)
	}
	return body, nil
}

func isFlateError(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce)
}

func tooLarge(status int, limit int64) *Error {
	return &Error{Kind: KindTooLarge, Status: status,
		Message: fmt.Sprintf("The page is larger than the %s limit; it is probably not a terms document.", formatBytes(limit))}
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decompressor undoes the Content-Encoding chain we asked for.
func decompressor(resp *http.Response) (io.Reader, error) {
	var r io.Reader = resp.Body
	enc := resp.Header.Values("Content-Encoding")
	var codings []string
	for _, v := range enc {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	// Codings are listed in the order applied, so undo them backwards.
	for i := len(codings) - 1; i >= 0; i-- {
		switch codings[i] {
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err != nil {
				return nil, &Error{Kind: KindTransient, Status: resp.StatusCode, Err: err,
					Message: "The page arrived with broken gzip compression; it may have been cut off in transit."}
			}
			r = zr
		case "deflate":
			r = newDeflateReader(r)
		default:
			return nil, &Error{Kind: KindUnsupported, Status: resp.StatusCode,
				Message: fmt.Sprintf("The server compressed the page with %q, which Fineprint cannot read.", codings[i])}
		}
	}
	return r, nil
}

// newDeflateReader accepts both zlib-wrapped deflate (what the standard
// says) and raw deflate (what some servers send), by peeking at the header.
func newDeflateReader(r io.Reader) io.Reader {
	var head [2]byte
	n, _ := io.ReadFull(r, head[:])
	rest := io.MultiReader(strings.NewReader(string(head[:n])), r)
	if n == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		if zr, err := zlib.NewReader(rest); err == nil {
			return zr
		}
		return flate.NewReader(io.MultiReader(strings.NewReader(string(head[:n])), r))
	}
	return flate.NewReader(rest)
}

// transportError turns a network failure into a fetch error, keeping
// redirect and URL errors raised by CheckRedirect as they are.
func (f *Fetcher) transportError(ctx, actx context.Context, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	if ctx.Err() != nil {
		return contextError(ctx.Err(), 0)
	}
	if actx.Err() != nil || errors.Is(err, os.ErrDeadlineExceeded) || isTimeout(err) {
		return &Error{Kind: KindTransient, Err: err,
			Message: fmt.Sprintf("The server did not answer within %s; try again later.", roundWait(f.opts.Timeout))}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return &Error{Kind: KindGone, Err: err,
				Message: fmt.Sprintf("The host %s does not exist (no DNS record); check the address.", dnsErr.Name)}
		}
		return &Error{Kind: KindTransient, Err: err,
			Message: fmt.Sprintf("The host %s could not be looked up; check the network connection.", dnsErr.Name)}
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return &Error{Kind: KindTransient, Err: err, Message: "The server refused the connection; it may be down."}
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &Error{Kind: KindTransient, Err: err, Message: "The connection was cut before the page arrived; try again later."}
	}
	var uerr *url.Error
	if errors.As(err, &uerr) && strings.Contains(uerr.Err.Error(), "certificate") {
		return &Error{Kind: KindTransient, Err: err,
			Message: fmt.Sprintf("The site's security certificate could not be verified: %v.", uerr.Err)}
	}
	return &Error{Kind: KindTransient, Err: err, Message: fmt.Sprintf("The page could not be downloaded: %v.", err)}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// contextError reports a cancelled or expired caller context. It is
// transient: nothing is wrong with the document.
func contextError(err error, status int) *Error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{Kind: KindTransient, Status: status, Err: err, Message: "The check ran out of time before the page arrived."}
	}
	return &Error{Kind: KindTransient, Status: status, Err: err, Message: "The check was cancelled before the page arrived."}
}

func (f *Fetcher) proxy() func(*http.Request) (*url.URL, error) {
	if f.opts.Proxy != nil {
		return f.opts.Proxy
	}
	return http.ProxyFromEnvironment
}
