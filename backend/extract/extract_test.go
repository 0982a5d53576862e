package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExtractWithRules(t *testing.T) {
	r := Rules{Select: CSS("main"), Remove: CSS("#cookie-banner")}
	md, err := Extract(fixture(t, "terms.html"), "https://example.com/legal/terms", r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Terms of Service\n================\n",
		"Last updated: _March 1, 2026_",
		"1\\. Your account\n----------------\n",
		"*   First level item\n    *   Second level item\n    *   Another **important** item",
		"*   See the [privacy policy](https://example.com/privacy?x=1).",
		"3.  Third\n4.  Fourth",
		"### Fees",
		"| Plan | Price |\n| --- | --- |\n| Free | 0   |\n| Pro | 10  |",
		"Contact: [privacy@example.com](mailto:privacy@example.com)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in:\n%s", want, md)
		}
	}
	for _, unwanted := range []string{"tracking", "color:red", "enable JavaScript", "template text", "Pricing", "Copyright"} {
		if strings.Contains(md, unwanted) {
			t.Errorf("%q should have been dropped:\n%s", unwanted, md)
		}
	}
}

func TestExtractHeuristic(t *testing.T) {
	md, err := Extract(fixture(t, "terms.html"), "https://example.com/legal/terms", Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md, "Terms of Service\n===") {
		t.Errorf("main content should start at the heading:\n%s", md)
	}
	for _, unwanted := range []string{"Pricing", "Accept all", "Copyright"} {
		if strings.Contains(md, unwanted) {
			t.Errorf("%q is page chrome:\n%s", unwanted, md)
		}
	}
}

func TestExtractHeuristicWithoutMain(t *testing.T) {
	body := strings.Repeat("<p>These terms govern your use of the service and explain what you may and may not do with it, and what we promise in return.</p>", 6)
	page := `<html><body><div class="top"><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></div>
<div class="wrap"><div class="content"><h1>Terms</h1>` + body + `</div><div class="side"><a href="/x">Related link</a></div></div>
<div class="site-footer">© Example</div></body></html>`
	md, err := Extract([]byte(page), "https://example.com/", Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md, "Terms\n=====") || strings.Contains(md, "Related link") || strings.Contains(md, "© Example") {
		t.Errorf("densest block not found:\n%s", md)
	}
}

func TestRefusedPages(t *testing.T) {
	cases := map[string]Kind{
		"cloudflare-challenge.html": KindBotBlocked,
		"captcha-datadome.html":     KindBotBlocked,
		"press-and-hold.html":       KindBotBlocked,
		"not-found.html":            KindNotTerms,
		"js-shell.html":             KindNotTerms,
		"cookie-wall.html":          KindNotTerms,
		"login-wall.html":           KindNotTerms,
		"redirect.html":             KindNotTerms,
	}
	for name, kind := range cases {
		for _, r := range []Rules{{}, {Select: CSS("main")}} {
			_, err := Extract(fixture(t, name), "https://example.com/terms", r)
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%s %v: accepted", name, r.Select)
				continue
			}
			if e.Kind != kind {
				t.Errorf("%s %v: kind %s (%v), want %s", name, r.Select, e.Kind, e, kind)
			}
			if !errors.Is(err, &Error{Kind: kind}) {
				t.Errorf("%s: errors.Is does not match on the kind", name)
			}
		}
	}
}

func TestNoMatch(t *testing.T) {
	_, err := Extract(fixture(t, "terms.html"), "https://example.com/", Rules{Select: CSS("#nothing")})
	if KindOf(err) != KindNoMatch {
		t.Fatalf("got %v, want no-match", err)
	}
	_, err = Extract(fixture(t, "terms.html"), "https://example.com/", Rules{Select: Selectors{{Range: &Range{StartBefore: "h1", EndBefore: "#nothing"}}}})
	if KindOf(err) != KindNoMatch {
		t.Fatalf("range: got %v, want no-match", err)
	}
	_, err = Extract(fixture(t, "terms.html"), "https://example.com/", Rules{Select: CSS("main[")})
	if KindOf(err) != KindBadRules {
		t.Fatalf("bad selector: got %v", err)
	}
}

func TestCheck(t *testing.T) {
	long := strings.Repeat("We process your personal data to provide the service, and you may log in to your account to manage cookies or delete your data. ", 30)
	ok := []string{
		"Terms\n=====\n\n" + long,
		"Privacy Policy\n==============\n\n404 Media is one of our partners. " + long,
		"Cookie Policy\n=============\n\nClick Accept all or Reject all in the banner to choose. " + long,
	}
	for _, s := range ok {
		if err := Check(s); err != nil {
			t.Errorf("real terms refused: %v\n%s", err, s[:80])
		}
	}
	bad := map[string]Kind{
		"": KindNotTerms,
		"Microsoft Privacy Statement\n===========================\n":                                        KindNotTerms,
		"Just a moment...\n================\n\nChecking your browser before accessing example.com. " + long: KindBotBlocked,
		"Access Denied\n=============\n\nYou don't have permission to access this resource on this server.": KindBotBlocked,
		"Service Unavailable - DNS failure\n=================================\n":                            KindNotTerms,
		"This page isn’t available\n-------------------------\n\nAn unexpected error has occurred.":         KindNotTerms,
		"Redirecting to legal.mistral.ai":                                            KindNotTerms,
		"Please enable JavaScript to view this page. " + strings.Repeat("word ", 60): KindNotTerms,
	}
	for s, kind := range bad {
		err := Check(s)
		if KindOf(err) != kind {
			t.Errorf("%q: got %v, want %s", truncate(s, 40), err, kind)
		}
	}
}

func TestRangeSelectAndRemove(t *testing.T) {
	page := []byte(`<html><body><div><h1>Title</h1><p>skip me</p><div id="a"><p>One</p></div><p>Two <b>bold</b></p>
<section><p>Three</p><p id="end">End</p></section><p>After</p></div></body></html>`)
	sel := Selectors{{Range: &Range{StartAfter: "#a", EndBefore: "#end"}}}
	md, err := Convert(page, "https://example.com/", Rules{Select: sel})
	if err != nil {
		t.Fatal(err)
	}
	if md != "Two **bold**\n\nThree" {
		t.Errorf("range select: %q", md)
	}
	rem := Selectors{{Range: &Range{StartBefore: "#a", EndAfter: "section"}}, {CSS: "h1"}}
	md, err = Convert(page, "https://example.com/", Rules{Remove: rem, Select: CSS("body")})
	if err != nil {
		t.Fatal(err)
	}
	if md != "skip me\n\nAfter" {
		t.Errorf("range remove: %q", md)
	}
	md, err = Convert(page, "https://example.com/", Rules{Select: CSS("section", "h1")})
	if err != nil {
		t.Fatal(err)
	}
	if md != "Three\n\nEnd\n\nTitle\n=====" {
		t.Errorf("selector order: %q", md)
	}
}

func TestExtractPages(t *testing.T) {
	p := Page{HTML: fixture(t, "terms.html"), URL: "https://example.com/terms", Rules: Rules{Select: CSS("main")}}
	md, err := ExtractPages([]Page{p, p})
	if err != nil {
		t.Fatal(err)
	}
	one, _ := Extract(p.HTML, p.URL, p.Rules)
	if md != one+PartSeparator+one {
		t.Error("parts not joined with the OTA separator")
	}
	bad := Page{HTML: fixture(t, "not-found.html"), URL: "https://example.com/x", Rules: Rules{Select: CSS("main")}}
	if _, err := ExtractPages([]Page{p, bad}); KindOf(err) != KindNotTerms {
		t.Errorf("one bad page must fail the document, got %v", err)
	}
}

func TestTurndownDetails(t *testing.T) {
	cases := map[string]string{
		`<p>a <b> b </b>c</p>`:                        "a **b** c",
		`<p>1. not a list * star _u_ [x]</p>`:         `1\. not a list \* star \_u\_ \[x\]`,
		`<p>- dash</p><p># hash</p>`:                  "\\- dash\n\n\\# hash",
		`<p>x<br>y</p>`:                               "x  \ny",
		`<blockquote><p>q1</p><p>q2</p></blockquote>`: "> q1\n> \n> q2",
		`<pre><code>a  b
c</code></pre>`: "    a  b\n    c",
		`<p>use <code>a` + "`" + `b</code></p>`:                  "use ``a`b``",
		`<p><a href="https://e.com/(x)" title="T">l</a></p>`:     `[l](https://e.com/\(x\) "T")`,
		`<p><img src="/i.png" alt="pic"></p>`:                    "![pic](/i.png)",
		`<p><del>old</del> <i> </i>new</p>`:                      "~~old~~ new",
		`<table><tr><td>a</td><td>b</td></tr></table>`:           "|     |     |\n| --- | --- |\n| a   | b   |",
		`<table><tr><td>only</td></tr></table>`:                  "only",
		`<hr>`:                                                   "* * *",
		`<h4>Deep</h4>`:                                          "#### Deep",
		`<ul><li><input type="checkbox" checked> done</li></ul>`: "*   [x]  done",
		`<a href="/x"><div>Block link</div></a>`:                 "[Block link](https://example.com/x)",
	}
	for in, want := range cases {
		got, err := Convert([]byte("<html><body>"+in+"</body></html>"), "https://example.com/", Rules{Select: CSS("body")})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestHostileInput(t *testing.T) {
	deep := []byte(strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000))
	md, err := Convert(deep, "https://example.com/", Rules{})
	if err != nil || !strings.Contains(md, "deep text") {
		t.Errorf("deep nesting: %v %q", err, truncate(md, 40))
	}
	for _, tag := range []string{"ul><li", "b", "table><tr><td", "a href=x", "blockquote"} {
		page := []byte(strings.Repeat("<"+tag+">", 100000) + "x")
		if _, err := Convert(page, "https://example.com/", Rules{Select: CSS("body")}); err != nil && KindOf(err) != KindNoMatch {
			t.Errorf("%s: %v", tag, err)
		}
	}
	var b strings.Builder
	b.WriteString("<p ")
	for i := range 200000 {
		b.WriteString("a")
		b.WriteString(strings.Repeat("b", i%7))
		b.WriteString(`="v" `)
	}
	b.WriteString(">text</p>")
	if _, err := Convert([]byte(b.String()), "https://example.com/", Rules{Select: CSS("p[a]")}); err != nil {
		t.Errorf("huge attribute list: %v", err)
	}
	if _, err := Convert([]byte("\xff\xfe<p>\x00bad \xc3</p>"), "", Rules{}); err != nil {
		t.Errorf("invalid bytes: %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"terms.html", "not-found.html", "js-shell.html"} {
		f.Add(fixture(f, name), "main")
	}
	f.Add([]byte("<table><tr><th>a<td>b<table><tr><td>c</table></table>"), "table")
	f.Add([]byte("<ol start=x><li>a<li><ul><li>b</ul></ol><pre><code>x</code></pre>"), "body")
	f.Add([]byte("<a href='/cdn-cgi/l/email-protection#zz'>x</a><span data-cfemail='00'>y</span>"), "")
	f.Fuzz(func(t *testing.T, page []byte, sel string) {
		r := Rules{}
		if sel != "" {
			r.Select = CSS(sel)
			if r.Validate() != nil {
				return
			}
		}
		md, err := Convert(page, "https://example.com/a/b", r)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error without a kind: %v", err)
			}
			return
		}
		if !utf8.ValidString(md) && utf8.Valid(page) {
			t.Fatalf("invalid UTF-8 out of valid input: %q", md)
		}
		_ = Check(md)
	})
}
