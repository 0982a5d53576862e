package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/watchlist"
)

// PreviewKindInvalid marks a preview refused before anything was fetched:
// the address or a selector needs correcting. Other kinds are those of the
// fetch and extract packages ("gone", "bot-blocked", "no-match", ...).
const PreviewKindInvalid = "invalid"

// maxPreviewBytes caps the Markdown sent to the window: the dialog shows the
// opening lines, and a whole policy would only slow the bridge down.
const maxPreviewBytes = 20 << 10

// PreviewError says why a page would not be archived, in words for people.
type PreviewError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Preview is what adding a URL would archive, or why it would fail.
type Preview struct {
	URL string `json:"url"`
	// Words counts the whole text, even when Markdown is cut short.
	Words     int           `json:"words"`
	Markdown  string        `json:"markdown"`
	Truncated bool          `json:"truncated"`
	Error     *PreviewError `json:"error"`
}

// ErrNoOpener is returned where the window cannot open folders or pages,
// as behind the test bridge.
var ErrNoOpener = errors.New("opening folders is not available here")

// PreviewURL fetches and extracts a page the way a check would, so the
// person sees what would be archived before adding it. Nothing is stored.
// Problems with the page come back in Preview.Error; the error result is
// kept for failures of the app itself.
func (a *App) PreviewURL(req AddURLRequest) (Preview, error) {
	u, err := watchlist.ValidateURL(req.URL)
	if err != nil {
		return Preview{URL: strings.TrimSpace(req.URL), Error: &PreviewError{Kind: PreviewKindInvalid, Message: err.Error()}}, nil
	}
	out := Preview{URL: u.String()}
	rules, err := req.Rules()
	if err != nil {
		out.Error = &PreviewError{Kind: string(extract.KindBadRules), Message: err.Error()}
		return out, nil
	}
	ctx, cancel := a.ctx()
	defer cancel()
	lang, _ := a.store.Setting(ctx, "fetch.language", "en")
	res, err := a.fetcher().Fetch(ctx, fetch.Request{URL: out.URL, AcceptLanguage: lang})
	if err != nil {
		out.Error = previewError(err)
		return out, nil
	}
	out.URL = res.URL
	var md string
	if res.IsPDF {
		md, err = res.Text, extract.Check(res.Text)
	} else {
		md, err = extract.Extract([]byte(res.Text), res.URL, rules)
	}
	if err != nil {
		out.Error = previewError(err)
		return out, nil
	}
	out.Words = countWords(md)
	out.Markdown, out.Truncated = cut(md, maxPreviewBytes)
	return out, nil
}

// fetcher is shared with checks so that previews and checks of one host
// take turns instead of hitting it in parallel.
func (a *App) fetcher() *fetch.Fetcher {
	a.checks.mu.Lock()
	defer a.checks.mu.Unlock()
	if a.checks.fetcher == nil {
		a.checks.fetcher = fetch.New(fetch.Options{})
	}
	return a.checks.fetcher
}

func previewError(err error) *PreviewError {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return &PreviewError{Kind: string(fe.Kind), Message: fe.Message}
	}
	var ee *extract.Error
	if errors.As(err, &ee) {
		return &PreviewError{Kind: string(ee.Kind), Message: extractMessage(ee)}
	}
	return &PreviewError{Kind: "failed", Message: err.Error()}
}

// extractMessage leads with what the kind means, since the extractor's own
// messages are terse diagnostics.
func extractMessage(e *extract.Error) string {
	lead := map[extract.Kind]string{
		extract.KindNotTerms:   "This page does not look like terms or a policy",
		extract.KindBotBlocked: "The site showed an anti-bot check instead of the page",
		extract.KindNoMatch:    "The “Keep only” selectors match nothing on this page",
		extract.KindBadRules:   "A selector cannot be used",
		extract.KindUnparsable: "The page could not be read",
	}[e.Kind]
	switch {
	case lead == "":
		return e.Error()
	case e.Message == "":
		return lead + "."
	default:
		return lead + ": " + e.Message + "."
	}
}

// countWords counts runs that hold a letter or digit, so Markdown marks
// ("#", "-", "|") are not words.
func countWords(md string) int {
	n := 0
	for _, f := range strings.Fields(md) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// cut shortens s to at most max bytes, at the last line break before the
// limit when there is one, and never inside a character.
func cut(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	// The text is valid UTF-8, so only a character split at the end can
	// be invalid.
	s = strings.ToValidUTF8(s[:max], "")
	if i := strings.LastIndexByte(s, '\n'); i > max/2 {
		return s[:i], true
	}
	return s, true
}

// OpenDataFolder shows the archive's folder in the desktop's file manager.
// Only the archive's own directory is ever turned into a file:// address.
func (a *App) OpenDataFolder() error {
	dir, err := filepath.Abs(a.store.Dir())
	if err != nil {
		return fmt.Errorf("the data folder cannot be located: %w", err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("the data folder %s is missing", dir)
	}
	o, ok := a.emit.(urlOpener)
	if !ok {
		return ErrNoOpener
	}
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path: file:///C:/...
	}
	o.OpenURL((&url.URL{Scheme: "file", Path: p}).String())
	return nil
}
