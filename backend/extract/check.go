package extract

import (
	"regexp"
	"strings"
)

// Thresholds for "too little text to be terms". The shortest real terms in
// the corpus are a few hundred words; error pages, bare headings and
// banners are far below.
const (
	minChars = 300
	minWords = 50
	// shortWords bounds the texts that are judged by their wording: a page
	// this short whose text is dominated by a wall or an error message is
	// that wall, while long terms merely mention cookies or logging in.
	shortWords = 400
	// headingWords bounds the texts judged by their first heading alone.
	headingWords = 1500
)

type signal struct {
	kind Kind
	what string
	re   *regexp.Regexp
}

// Patterns are written in lower case and matched against lowercased text:
// far cheaper than case-folding inside the regexp engine.
func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// titleSignals are matched against the whole page title or the first
// heading: such a title is the page announcing what it is.
var titleSignals = []signal{
	{KindBotBlocked, "bot challenge", title(`just a moment|one moment,? please|please wait|checking your browser|attention required!?|verify(ing)? (you are|that you are) (a )?human|are you (a )?(robot|human)\??|robot or human\??|security check|human verification|pardon our interruption|access to this page has been denied|ddos-guard|captcha|press (&|and) hold`)},
	{KindBotBlocked, "access denied", title(`access denied|(403 )?forbidden|request blocked|you (have|'ve) been blocked|error 403`)},
	{KindNotTerms, "error page", title(`(error|http error)( \d{3})?|\d{3}( error)?|\d{3} not found|page not found|not found|file not found|this page (isn't|is not) available|this page (could not|couldn't|cannot|can't) be found|we('re| are) sorry|oops!?|something went wrong|service unavailable|bad gateway|gateway time-?out|internal server error|(this )?site can't be reached|server not found|page unavailable|content (is )?not available|sorry, this (page|content) (isn't|is not) available`)},
	{KindNotTerms, "redirect notice", title(`redirecting( to)?.*|you are being redirected|moved permanently|object moved|redirect`)},
	{KindNotTerms, "login wall", title(`log ?in|sign ?in|log into.*|sign into.*|login required|please (log|sign) ?in`)},
}

// title matches a whole title or heading, allowing a site name after a
// separator ("Access Denied | Example"), so that a heading such as
// "Forbidden uses" does not count.
func title(alternatives string) *regexp.Regexp {
	return re(`^(?:` + alternatives + `)[.!…]*(?:\s*[|–—:-]\s.*)?$`)
}

// shortSignals are looked for anywhere in a short text.
var shortSignals = []signal{
	{KindBotBlocked, "bot challenge", re(`checking (if the site connection is secure|your browser before accessing)|enable javascript and cookies to continue|verify (that )?you are (a )?human|press (&|and) hold|are you a robot|not a robot|complete the security check|captcha|ddos protection by|performance (&|and) security by cloudflare|ray id:|datadome|perimeterx|px-captcha|incapsula incident|request unsuccessful\. incapsula|reference #\d+\.[0-9a-f]+|you don't have permission to access .* on this server|unusual traffic from your (computer|network)|enable js and disable any ad ?blocker`)},
	{KindNotTerms, "error page", re(`page (you (were|are) (looking for|trying to reach)|you requested) (could not|cannot|can't|doesn't|does not|was not|wasn't)|can.t find the page|could not find the page|couldn.t find the page|this page (isn.t|is not) available|an unexpected error has occurred|page not found|404 not found|error 404|service unavailable|dns failure|err_name_not_resolved|server ip address could not be found|internal server error|bad gateway|temporarily unavailable|the link you followed may be broken`)},
	{KindNotTerms, "JavaScript-only page", re(`(you need to|please|you must) enable javascript|javascript (is|has been) disabled|requires javascript|javascript is required|turn on javascript|this (app|site|page) (works best|needs|requires) (with )?javascript`)},
	{KindNotTerms, "redirect notice", re(`^\W*redirecting\b|you are being redirected|if you are not redirected`)},
}

// wall signals count only when several of them appear together in a short
// text: one alone is ordinary wording in real terms.
var cookieWall = []*regexp.Regexp{re(`accept all`), re(`reject all`), re(`accept cookies`), re(`allow (all )?cookies`),
	re(`manage (data |cookie |privacy )?(settings|preferences|options)`), re(`cookie (settings|preferences)`), re(`decline (optional|all)`),
	re(`only allow essential cookies`), re(`we use cookies`)}

var loginWall = []*regexp.Regexp{re(`\b(log|sign) ?in\b`), re(`forgot (your )?password`), re(`create (a |new )?account`), re(`sign up`),
	re(`\bpassword\b`), re(`(log|sign) in to (continue|see|view|access)`), re(`you must (be logged|log) in`), re(`email or (phone|username)`)}

// Check reports whether a Markdown text looks like terms, for text from any
// source (HTML extraction, PDF). It returns an *Error of kind KindBotBlocked
// or KindNotTerms, or nil.
func Check(markdown string) error {
	plain := plainText(markdown)
	nWords := wordCount(plain)
	chars := joinedFieldsLen(plain)

	if nWords < headingWords {
		for _, h := range headings(markdown, 2) {
			if s := matchSignal(titleSignals, h); s != nil {
				return errorf(s.kind, "%s (heading %q)", s.what, truncate(h, 80))
			}
		}
	}
	if nWords < shortWords {
		if s := matchSignal(shortSignals, plain); s != nil {
			return errorf(s.kind, "%s (%d words)", s.what, nWords)
		}
		if count(cookieWall, plain) >= 2 {
			return errorf(KindNotTerms, "cookie wall (%d words)", nWords)
		}
		if count(loginWall, plain) >= 3 {
			return errorf(KindNotTerms, "login wall (%d words)", nWords)
		}
	}
	if chars < minChars || nWords < minWords {
		if nWords == 0 {
			return errorf(KindNotTerms, "no text")
		}
		return errorf(KindNotTerms, "too little text to be terms (%d words, %d characters)", nWords, chars)
	}
	return nil
}

// checkPage looks at what the page says about itself (its title, an
// embedded challenge, the noscript notice dropped before extraction)
// together with the amount of text, extracted and on the whole page.
func checkPage(doc *document, md string) error {
	if doc == nil {
		return nil
	}
	nWords := wordCount(md)
	if doc.title != "" && nWords < headingWords {
		if s := matchSignal(titleSignals[:2], doc.title); s != nil {
			return errorf(s.kind, "%s (title %q)", s.what, truncate(doc.title, 80))
		}
		if nWords < shortWords {
			if s := matchSignal(titleSignals[2:], doc.title); s != nil {
				return errorf(s.kind, "%s (title %q)", s.what, truncate(doc.title, 80))
			}
		}
	}
	if doc.captchaFrame && doc.bodyChars < 1000 && nWords < shortWords {
		return errorf(KindBotBlocked, "captcha frame on a page with almost no text")
	}
	if doc.bodyChars < minChars && nWords < minWords {
		if s := matchSignal(shortSignals, doc.hiddenText); s != nil {
			return errorf(s.kind, "%s (%d characters of text)", s.what, doc.bodyChars)
		}
	}
	return nil
}

func matchSignal(list []signal, text string) *signal {
	text = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(text, "\u2019", "'")))
	for i := range list {
		if list[i].re.MatchString(text) {
			return &list[i]
		}
	}
	return nil
}

func count(list []*regexp.Regexp, text string) int {
	text = strings.ToLower(text)
	n := 0
	for _, r := range list {
		if r.MatchString(text) {
			n++
		}
	}
	return n
}

// plainText drops the Markdown syntax that is not words: link targets,
// heading underlines and escapes.
func plainText(md string) string {
	s := stripLinkTargets(md)
	s = dropSetextLines(s)
	s = strings.ReplaceAll(s, `\`, "")
	return s
}

// stripLinkTargets keeps the text of each Markdown link or image and drops
// its target: what the expression `!?\[([^\]]*)\]\([^)]*\)` replaced by "$1" does, in one pass. The
// regular expression ran on the whole document at every check and was
// most of Check's time on real pages.
func stripLinkTargets(md string) string {
	if !strings.Contains(md, "](") {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	// The next ']' and ')' at or after the cursor, found again only once
	// passed, so that unclosed brackets cannot make this quadratic.
	closeBracket, closeParen := -1, -1
	next := func(c byte, from int, cached *int) int {
		if *cached == len(md) || (*cached >= from && *cached >= 0) {
			return *cached
		}
		if i := strings.IndexByte(md[from:], c); i >= 0 {
			*cached = from + i
		} else {
			*cached = len(md)
		}
		return *cached
	}
	last := 0
	for i := 0; i < len(md); i++ {
		if md[i] != '[' {
			continue
		}
		j := next(']', i+1, &closeBracket)
		if j >= len(md)-1 || md[j+1] != '(' {
			continue
		}
		k := next(')', j+2, &closeParen)
		if k == len(md) {
			continue
		}
		start := i
		if i > last && md[i-1] == '!' {
			start = i - 1
		}
		b.WriteString(md[last:start])
		b.WriteString(md[i+1 : j])
		last = k + 1
		i = k
	}
	b.WriteString(md[last:])
	return b.String()
}

// dropSetextLines removes heading underlines: what the expression
// `(?m)^[=-]{2,}\s*$` replaced by "" does (including the blank lines its
// \s* takes up to the last line end), in one pass.
func dropSetextLines(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if (i == 0 || s[i-1] == '\n') && i+1 < len(s) && isRule(s[i]) && isRule(s[i+1]) {
			j := i + 2
			for j < len(s) && isRule(s[j]) {
				j++
			}
			end := -1
			for k := j; ; k++ {
				if k == len(s) || s[k] == '\n' {
					end = k
				}
				if k == len(s) || !isSpaceRE(s[k]) {
					break
				}
			}
			if end >= 0 {
				if b.Cap() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[last:i])
				last = end
				i = max(end, i+1)
				continue
			}
		}
		if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
			i += j + 1
		} else {
			break
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isRule(c byte) bool { return c == '=' || c == '-' }

// isSpaceRE is \s of Go's regular expressions.
func isSpaceRE(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// headings returns the text of the first n headings (setext or ATX).
func headings(md string, n int) []string {
	var out []string
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if len(out) == n {
			break
		}
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			out = append(out, cleanHeading(strings.TrimLeft(t, "# ")))
			continue
		}
		if i+1 < len(lines) && t != "" {
			u := strings.TrimSpace(lines[i+1])
			if len(u) >= 2 && (strings.Trim(u, "=") == "" || strings.Trim(u, "-") == "") {
				out = append(out, cleanHeading(t))
			}
		}
	}
	return out
}

func cleanHeading(s string) string {
	s = plainText(s)
	return strings.TrimSpace(strings.NewReplacer("**", "", "_", "").Replace(s))
}

// joinedFieldsLen is len(strings.Join(strings.Fields(s), " ")), the length
// of s with its spaces collapsed, without building that string.
func joinedFieldsLen(s string) int {
	n, fields := 0, 0
	for f := range strings.FieldsSeq(s) {
		n += len(f)
		fields++
	}
	if fields > 1 {
		n += fields - 1
	}
	return n
}
