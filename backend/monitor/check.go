// Package monitor runs the check pipeline: fetch each document, extract its
// terms, and archive what is new, so that a failed fetch, a bot wall or an
// error page is a failed check and never a version, a return to an earlier
// text is a revert, and only real changes are changes.
package monitor

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/normalize"
	"fineprint/backend/store"
)

// Failure kinds the monitor adds to those of fetch and extract.
const (
	KindSuspiciousShrink = "suspicious-shrink"
	KindArchive          = "archive"
	KindNoAddress        = "no-address"
	KindCancelled        = "cancelled"
)

// shrinkRatio: a new text with fewer words than this share of the previous
// version is far more often a broken page (a cookie wall, a teaser, a
// selector that now catches a fragment) than a real rewrite. It fails the
// check; a real rewrite is archived when the next check confirms it.
const shrinkRatio = 0.4

// Result is what one check of one document found.
type Result struct {
	Platform   string       `json:"platform"`
	DocumentID int64        `json:"document_id"`
	Type       string       `json:"type"`
	URL        string       `json:"url"`
	Outcome    string       `json:"outcome"`
	Class      *string      `json:"class"`
	VersionID  *int64       `json:"version_id"`
	Summary    string       `json:"summary"`
	Error      *ErrorDetail `json:"error"`
	At         time.Time    `json:"-"`
}

// ErrorDetail says why a check failed.
type ErrorDetail struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Progress reports a run's advance.
type Progress struct {
	Done    int     `json:"done"`
	Total   int     `json:"total"`
	Current string  `json:"current"`
	Last    *Result `json:"last,omitempty"`
}

// Checker checks documents.
type Checker struct {
	Store   *store.Store
	Fetcher *fetch.Fetcher
	// AcceptLanguage is sent with every request ("en" when empty).
	AcceptLanguage string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OnProgress, if set, is called after each document.
	OnProgress func(Progress)
	// Parallel is how many documents are checked at once; the fetcher
	// still allows one request per host at a time.
	Parallel int
	// Notice, if set, says for each material change whether the person was
	// told of it (explain.ChangeNotice); monitor cannot import explain.
	Notice NoticeFunc
}

// documentLocks keeps two checks of one document from running at once in
// this process, whichever Checker runs them (the scheduler's, or the
// window's "Check now"). Across processes the store's stale-write guard
// keeps the archive right.
var documentLocks sync.Map // "archive path#document id" -> *sync.Mutex

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Check checks the documents and returns one result per document, in order.
// Cancelling ctx stops the run; documents not reached are reported failed
// with kind "cancelled" and nothing is written for them.
//
// A document takes a fetch slot (Parallel of them) while its pages are
// downloaded, then gives it up for a work slot (one per processor) while it
// is extracted, analysed, compared and archived. Holding the fetch slot
// through that CPU work left the fetcher idle meanwhile: with changes to
// archive, a cycle took twice the polite ideal (make bench). More work
// slots than processors would only make documents wait on each other's CPU
// and on the archive's one writer. The fetcher's own limits (one request
// per host, its overall parallelism) apply as before.
func (c *Checker) Check(ctx context.Context, docs []store.Document) []Result {
	results := make([]Result, len(docs))
	par := c.Parallel
	if par <= 0 {
		par = 4
	}
	workers := runtime.GOMAXPROCS(0)
	fetching := make(chan struct{}, par)
	working := make(chan struct{}, workers)
	// Documents in flight are bounded too, so that fetched pages do not
	// pile up in memory when the CPU work is the slower stage.
	inFlight := make(chan struct{}, par+workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for _, i := range hostOrder(docs) {
		d := docs[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = c.checkInSlots(ctx, d, inFlight, fetching, working)
			if c.OnProgress != nil {
				mu.Lock()
				done++
				p := Progress{Done: done, Total: len(docs), Current: d.PlatformID + " " + d.Type, Last: &results[i]}
				c.OnProgress(p)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return results
}

// checkInSlots checks d once it is let in flight and given a fetch slot,
// trading that slot for a work slot once its pages are fetched.
func (c *Checker) checkInSlots(ctx context.Context, d store.Document, inFlight, fetching, working chan struct{}) Result {
	select {
	case inFlight <- struct{}{}:
		defer func() { <-inFlight }()
	case <-ctx.Done():
		return failed(d, c.now(), KindCancelled, "The check was cancelled.")
	}
	select {
	case fetching <- struct{}{}:
	case <-ctx.Done():
		return failed(d, c.now(), KindCancelled, "The check was cancelled.")
	}
	slot := fetching
	defer func() { <-slot }()
	return c.checkDocument(ctx, d, func() {
		<-fetching
		working <- struct{}{}
		slot = working
	})
}

// hostOrder is the order in which documents start: round-robin over their
// hosts. The fetcher lets one request per host run at a time, so a
// platform's documents started one after the other would take several
// check slots and hold them while queued behind each other, leaving other
// hosts idle (measured by make bench: 1.6 times the polite ideal instead of
// 1.1 on 25 hosts of 3 documents).
func hostOrder(docs []store.Document) []int {
	var hosts []string
	queue := map[string][]int{}
	for i, d := range docs {
		h := ""
		if u, err := url.Parse(d.URL()); err == nil {
			h = strings.ToLower(u.Host)
		}
		if _, ok := queue[h]; !ok {
			hosts = append(hosts, h)
		}
		queue[h] = append(queue[h], i)
	}
	order := make([]int, 0, len(docs))
	for len(order) < len(docs) {
		for _, h := range hosts {
			if q := queue[h]; len(q) > 0 {
				order = append(order, q[0])
				queue[h] = q[1:]
			}
		}
	}
	return order
}

func failed(d store.Document, at time.Time, kind, msg string) Result {
	return Result{Platform: d.PlatformID, DocumentID: d.ID, Type: d.Type, URL: d.URL(), Outcome: store.OutcomeFailed,
		Error: &ErrorDetail{Kind: kind, Message: msg}, At: at}
}

// CheckDocument runs the pipeline for one document.
func (c *Checker) CheckDocument(ctx context.Context, d store.Document) Result {
	return c.checkDocument(ctx, d, func() {})
}

// checkDocument runs the pipeline for one document, calling fetched once its
// pages are downloaded and before the CPU work on them (Check's change of
// slots).
func (c *Checker) checkDocument(ctx context.Context, d store.Document, fetched func()) Result {
	lock, _ := documentLocks.LoadOrStore(fmt.Sprintf("%s#%d", c.Store.Path(), d.ID), &sync.Mutex{})
	lock.(*sync.Mutex).Lock()
	defer lock.(*sync.Mutex).Unlock()

	start := c.now()
	fail := func(kind, msg string) Result {
		r := failed(d, start, kind, msg)
		if ctx.Err() != nil {
			r.Error = &ErrorDetail{Kind: KindCancelled, Message: "The check was cancelled."}
			return r
		}
		if _, err := c.Store.RecordFailure(context.WithoutCancel(ctx), d.ID, start, kind, msg, c.now().Sub(start)); err != nil {
			r.Error.Message += " (and it could not be recorded: " + err.Error() + ")"
		}
		return r
	}
	if len(d.Sources) == 0 || d.URL() == "" {
		return fail(KindNoAddress, "This document has no address to fetch; add one.")
	}

	// Conditional requests only make sense for single-page documents: a
	// 304 on one page says nothing of the others.
	single := len(d.Sources) == 1
	var pages []extract.Page
	var fetchedPages []*fetch.Result
	var etag, lastMod string
	var pdfText []string
	for _, src := range d.Sources {
		req := fetch.Request{URL: src.URL, AcceptLanguage: c.AcceptLanguage, Browser: src.NeedsBrowser(), WaitSelector: waitSelector(src.Rules),
			AllowCrossDomain: src.AllowCrossSiteRedirect}
		if single {
			req.ETag, req.LastModified = d.ETag, d.LastModified
		}
		res, err := c.Fetcher.Fetch(ctx, req)
		if err != nil {
			return fail(string(fetch.KindOf(err)), message(err))
		}
		if res.NotModified {
			if _, err := c.Store.RecordUnchanged(ctx, d.ID, start, d.ETag, d.LastModified, c.now().Sub(start)); err != nil {
				return fail(KindArchive, err.Error())
			}
			return c.result(d, store.OutcomeUnchanged, d.CurrentVersionID, nil, start)
		}
		if single {
			etag, lastMod = res.ETag, res.LastModified
		}
		fetchedPages = append(fetchedPages, res)
		if res.IsPDF {
			pdfText = append(pdfText, res.Text)
			continue
		}
		pages = append(pages, extract.Page{HTML: []byte(res.Text), URL: res.URL, Rules: src.Rules})
	}
	fetched()
	var md string
	var err error
	switch {
	case len(pdfText) > 0 && len(pages) == 0:
		md = strings.Join(pdfText, extract.PartSeparator)
		err = extract.Check(md)
	case len(pdfText) > 0:
		return fail(string(fetch.KindUnsupported), "This document mixes PDF and web pages, which Fineprint cannot join.")
	default:
		md, err = extract.ExtractPages(pages)
	}
	if err != nil {
		return fail(string(extract.KindOf(err)), message(err))
	}
	// The pages are kept only with a text new to the document, so they are
	// slimmed only then.
	snaps := func() []store.Snapshot {
		out := make([]store.Snapshot, len(fetchedPages))
		for i, res := range fetchedPages {
			out[i] = archivedPage(res, start)
		}
		return out
	}
	return c.archive(ctx, d, md, snaps, etag, lastMod, start, "fetch")
}

// archive decides what a new text is and records it in one transaction,
// with the pages snaps gives (nil for none) when the text is new.
func (c *Checker) archive(ctx context.Context, d store.Document, md string, snaps func() []store.Snapshot, etag, lastMod string, at time.Time, origin string) Result {
	fail := func(kind, msg string) Result {
		r := failed(d, at, kind, msg)
		c.Store.RecordFailure(context.WithoutCancel(ctx), d.ID, at, kind, msg, c.now().Sub(at))
		return r
	}
	hash := normalize.Hash(md)
	var found []store.Finding // analysed once, only for a text new to the document
	var pages []store.Snapshot
	newText := func() {
		if found == nil {
			found = findings(md)
		}
		if pages == nil && snaps != nil {
			pages = snaps()
		}
	}
	for attempt := 0; attempt < 3; attempt++ {
		cur, err := c.Store.CurrentVersion(ctx, d.ID)
		if err != nil {
			return fail(KindArchive, err.Error())
		}
		o := store.Observation{DocumentID: d.ID, At: at, Text: md, Hash: hash, ETag: etag, LastModified: lastMod,
			Duration: c.now().Sub(at), Origin: origin}
		if cur != nil {
			o.ExpectCurrent = cur.ID
			if cur.Hash != hash {
				old, err := c.Store.VersionByHash(ctx, d.ID, hash)
				if err != nil {
					return fail(KindArchive, err.Error())
				}
				if old == nil {
					if shrunk(cur.Text, md) && !c.shrinkConfirmed(ctx, d.ID) {
						return fail(KindSuspiciousShrink, fmt.Sprintf(
							"The page now holds %d words where the last version had %d; this looks like a broken page rather than new terms, so it was not archived.",
							len(strings.Fields(md)), len(strings.Fields(cur.Text))))
					}
					newText()
					o.Findings, o.Analyzer, o.Snapshots = found, analyze.Fingerprint(), pages
					o.Change = c.review(ctx, cur, md, found, at)
				}
			}
		} else {
			newText()
			o.Findings, o.Analyzer, o.Snapshots = found, analyze.Fingerprint(), pages
		}
		check, v, err := c.Store.RecordObservation(ctx, o)
		if errors.Is(err, store.ErrStale) {
			continue
		}
		if err != nil {
			return fail(KindArchive, err.Error())
		}
		var class *string
		if o.Change != nil && check.Outcome == store.OutcomeChanged {
			class = &o.Change.Class
		}
		r := c.result(d, check.Outcome, v.ID, class, at)
		switch {
		case class != nil:
			r.Summary = o.Change.Summary
		case check.Outcome == store.OutcomeRevert:
			r.Summary = "Returned to a text seen before (" + v.FirstSeen.Format("2006-01-02") + ")"
		case check.Outcome == store.OutcomeNew:
			r.Summary = fmt.Sprintf("First version archived (%d words)", len(strings.Fields(md)))
		}
		return r
	}
	return fail(KindArchive, "The document kept changing while it was being archived; try again.")
}

func (c *Checker) result(d store.Document, outcome string, versionID int64, class *string, at time.Time) Result {
	r := Result{Platform: d.PlatformID, DocumentID: d.ID, Type: d.Type, URL: d.URL(), Outcome: outcome, Class: class, At: at}
	if versionID != 0 {
		r.VersionID = &versionID
	}
	return r
}

// shrinkConfirmed: a shrink seen on two checks in a row is the page's new
// text, not a broken page; it is archived as a change on the second check.
func (c *Checker) shrinkConfirmed(ctx context.Context, documentID int64) bool {
	last, err := c.Store.Checks(ctx, documentID, 1)
	return err == nil && len(last) == 1 && last[0].Outcome == store.OutcomeFailed && last[0].ErrorKind == KindSuspiciousShrink
}

func shrunk(old, new string) bool {
	o, n := len(strings.Fields(old)), len(strings.Fields(new))
	return o >= 200 && float64(n) < shrinkRatio*float64(o)
}

// waitSelector is what a browser waits for before reading the page.
func waitSelector(r extract.Rules) string {
	for _, s := range r.Select {
		if s.Range == nil {
			return s.CSS
		}
	}
	return ""
}

// message is the human sentence of a fetch or extract error.
func message(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) && fe.Message != "" {
		return fe.Message
	}
	var ee *extract.Error
	if errors.As(err, &ee) && ee.Message != "" {
		return ee.Message
	}
	return err.Error()
}

// archivedPage is what the archive keeps of a fetched page: an HTML page as
// decoded and slimmed of scripts and styles, which re-extracts to the same
// text at about a third of the size (declared UTF-8, since it now is);
// anything else as received.
func archivedPage(res *fetch.Result, at time.Time) store.Snapshot {
	sn := store.Snapshot{URL: res.URL, ContentType: res.ContentType, Raw: res.Body, FetchedAt: at}
	if !res.IsPDF && strings.Contains(strings.ToLower(res.ContentType), "html") {
		sn.Raw, sn.ContentType = []byte(extract.Slim(res.Text)), "text/html; charset=utf-8"
	}
	return sn
}
