package extract

import (
	"strings"
	"testing"
)

func TestSlim(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Terms</title>
<SCRIPT type="text/javascript">if (a < b && "</p>") { x() }</SCRIPT><style>p { color: red }</style>
<script src="/app.js"></script><!-- build 1234 --></head>
<body><noscript>Please enable JavaScript.</noscript><main><h1>Terms</h1><p>We may <b>share</b> data.</p>
<script type="application/ld+json">{"@type": "WebPage"}</script><p>Read &amp; agree.</p></main></body></html>`
	want := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Terms</title>
<!----><!---->
<!----><!-- build 1234 --></head>
<body><noscript>Please enable JavaScript.</noscript><main><h1>Terms</h1><p>We may <b>share</b> data.</p>
<!----><p>Read &amp; agree.</p></main></body></html>`
	if got := Slim(page); got != want {
		t.Fatalf("slimmed to\n%s\nwant\n%s", got, want)
	}
	// Nothing to drop: the page comes back byte for byte.
	plain := "<html><body><main><p class=x>Caf\u00e9 &eacute; <br/>text</p><textarea><!-- kept --></textarea></main></body></html>"
	if got := Slim(plain); got != plain {
		t.Fatalf("changed a page with nothing to drop:\n%s", got)
	}
	for _, s := range []string{"", "plain text", "<p", "<script>never closed"} {
		Slim(s) // must not panic or loop
	}
	got, err := Convert([]byte(Slim(page)), "https://acme.example/terms", Rules{Select: CSS("main")})
	if err != nil || strings.Contains(got, "WebPage") || !strings.Contains(got, "We may **share** data.") {
		t.Fatalf("slimmed page extracts to %q, %v", got, err)
	}
}

// On every real page of the corpus, the slimmed page extracts to exactly
// the same text, or fails the same way, and is much smaller.
func TestSlimCorpusPairs(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test: skipped with -short")
	}
	dir, pairs := loadPairs(t)
	var before, after int
	for _, p := range pairs {
		for _, pg := range p.pages(t, dir) {
			slim := Slim(string(pg.HTML))
			before += len(pg.HTML)
			after += len(slim)
			want, wantErr := Convert(pg.HTML, pg.URL, pg.Rules)
			got, gotErr := Convert([]byte(slim), pg.URL, pg.Rules)
			if got != want || KindOf(gotErr) != KindOf(wantErr) {
				t.Errorf("%s: slimming changed the extraction (errors %v / %v)", p.id(), wantErr, gotErr)
			}
			_, wantCheck := ExtractPages([]Page{pg})
			_, gotCheck := ExtractPages([]Page{{HTML: []byte(slim), URL: pg.URL, Rules: pg.Rules}})
			if KindOf(gotCheck) != KindOf(wantCheck) {
				t.Errorf("%s: slimming changed the verdict: %v / %v", p.id(), wantCheck, gotCheck)
			}
		}
	}
	t.Logf("%d pages: %.1f MB slimmed to %.1f MB", len(pairs), float64(before)/1e6, float64(after)/1e6)
	if after*2 > before {
		t.Errorf("slimming kept %d of %d bytes", after, before)
	}
}
