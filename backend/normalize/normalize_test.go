package normalize

import (
	"fineprint/internal/shared"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sameHash lists pairs that differ only by noise.
var sameHash = []struct{ name, a, b string }{
	{"whitespace", "We  collect\tyour data.\n\n\nWe share it.", "We collect your data.\nWe share it.  "},
	{"nbsp and zero width", "Your\u00a0data is\u200b ours.", "Your data is ours."},
	{"curly quotes", "the \u201cServices\u201d and Anthropic\u2019s", "the \"Services\" and Anthropic's"},
	{"dashes", "controller\u2014for example", "controller-for example"},
	{"nfc", "caf\u0065\u0301", "caf\u00e9"},
	{"escapes", "data\\_controller and 1\\. Intro", "data_controller and 1. Intro"},
	{"bullets", "*   one\n-   two\n+ three", "- one\n- two\n- three"},
	{"setext vs atx", "Privacy Policy\n==============\n\nIntro\n\nScope\n-----\n\nText", "# Privacy Policy\n\nIntro\n\n## Scope\n\nText"},
	{"atx closing hashes", "## Scope ##", "##   Scope"},
	{"table padding", "| a   | b |\n| --- | :-: |\n| 1 | 2 |", "| a | b |\n|:---|---|\n| 1 | 2 |"},
	{"thematic break", "a\n\n* * *\n\nb", "a\n\n- - -\n\nb"},
	{"ordered marker", "1) first", "1. first"},
	{"utm params", "[policy](https://ex.com/p?utm_source=mail&utm_medium=x&hl=en)", "[policy](https://ex.com/p?hl=en)"},
	{"session id", "see https://ex.com/a?sessionid=abc123.", "see https://ex.com/a."},
	{"fbclid only", "[x](https://ex.com/a?fbclid=IwAR0#top)", "[x](https://ex.com/a#top)"},
	{"opaque uuid", "[x](https://ex.com/a?did=0f8fad5b-d9cb-469f-a165-70867728950e&q=1)", "[x](https://ex.com/a?q=1)"},
	{"last updated forms 1", "Last updated: March 5, 2025", "Last Updated 5 March 2025"},
	{"last updated forms 2", "Last updated: March 5, 2025", "Updated: 2025-03-05"},
	{"effective forms", "Effective 8 July 2026", "Effective July 8, 2026"},
	{"effective date bold", "**Effective Date:** August 11, 2023", "**Effective date: 11 August 2023"},
	{"ordinal and of", "on the 5th of March, 2025", "on the March 5th 2025"},
	{"french month", "Date effective : 5 décembre 2025", "Effective: December 5, 2025"},
	{"month precision", "Last updated: July 2025", "Last updated July, 2025"},
	{"month precision iso", "Last updated: July 2025", "Last updated: 2025-07"},
	{"relative time", "Updated: 21 days ago", "Updated: yesterday"},
	{"relative hours", "Last updated 2 hours ago", "Updated today"},
	{"ago anywhere", "posted 3 days ago", "posted 5 weeks ago"},
	{"slashed iso", "Updated 2025/03/05", "Updated: 2025-03-05"},
}

var differentHash = []struct{ name, a, b string }{
	{"date differs", "Last updated: March 5, 2025", "Last updated: March 6, 2025"},
	{"effective vs updated", "Effective March 5, 2025", "Updated March 5, 2025"},
	{"word differs", "We do not sell your data.", "We do sell your data."},
	{"case differs", "We Sell data", "We sell data"},
	{"real query param", "[x](https://ex.com/a?hl=en)", "[x](https://ex.com/a?hl=fr)"},
	{"emphasis", "we **never** share", "we never share"},
	{"number differs", "kept for 30 days", "kept for 90 days"},
	{"plain today", "today we share data", "yesterday we share data"},
	{"relative vs stated", "Updated: yesterday", "Updated: 2025-03-05"},
}

func TestHashIgnoresNoise(t *testing.T) {
	for _, c := range sameHash {
		t.Run(c.name, func(t *testing.T) {
			if Hash(c.a) != Hash(c.b) {
				t.Errorf("hashes differ:\n%q -> %q\n%q -> %q", c.a, Text(c.a), c.b, Text(c.b))
			}
		})
	}
}

func TestHashKeepsMeaning(t *testing.T) {
	for _, c := range differentHash {
		t.Run(c.name, func(t *testing.T) {
			if Hash(c.a) == Hash(c.b) {
				t.Errorf("hashes equal, both -> %q", Text(c.a))
			}
		})
	}
}

func TestTextIsIdempotent(t *testing.T) {
	for _, c := range append(append([]struct{ name, a, b string }{}, sameHash...), differentHash...) {
		for _, s := range []string{c.a, c.b} {
			once := Text(s)
			if twice := Text(once); twice != once {
				t.Errorf("%s: Text not idempotent:\n%q\n%q", c.name, once, twice)
			}
		}
	}
}

func TestTextCanonicalForm(t *testing.T) {
	in := "Terms\n=====\n\n*   **Data:** we keep it\n\nLast updated: March 5, 2025"
	want := "# Terms\n- **Data:** we keep it\nupdated: 2025-03-05"
	if got := Text(in); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestCloudflareEmail(t *testing.T) {
	// Two encodings of the same address with different keys, as Cloudflare
	// serves them on two requests.
	a := encodeCF(0x44, "legal@example.com")
	b := encodeCF(0xe1, "legal@example.com")
	if a == b {
		t.Fatal("fixture encodings should differ")
	}
	addr, ok := DecodeCloudflareEmail(a)
	if !ok || addr != "legal@example.com" {
		t.Fatalf("DecodeCloudflareEmail = %q, %v", addr, ok)
	}
	mdA := "write to [\\[email protected\\]](https://ex.com/cdn-cgi/l/email-protection#" + a + ")"
	mdB := "write to [\\[email protected\\]](/cdn-cgi/l/email-protection#" + b + ")"
	want := "write to [legal@example.com](mailto:legal@example.com)"
	if got := Text(mdA); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if Hash(mdA) != Hash(mdB) {
		t.Errorf("differently keyed encodings hash differently: %q vs %q", Text(mdA), Text(mdB))
	}
	if _, ok := DecodeCloudflareEmail("zz"); ok {
		t.Error("invalid hex decoded")
	}
}

func encodeCF(key byte, addr string) string {
	const digits = "0123456789abcdef"
	out := []byte{digits[key>>4], digits[key&15]}
	for i := 0; i < len(addr); i++ {
		c := addr[i] ^ key
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func TestTrackingParamsVariable(t *testing.T) {
	saved := TrackingParams
	defer func() { TrackingParams = saved }()
	if IsTrackingParam("hl") {
		t.Fatal("hl should not be a tracking parameter by default")
	}
	TrackingParams = append([]string{"hl"}, saved...)
	if !IsTrackingParam("HL") {
		t.Error("replaced TrackingParams not honoured")
	}
	if got := CleanURL("https://ex.com/?hl=en&q=1"); got != "https://ex.com/?q=1" {
		t.Errorf("CleanURL = %q", got)
	}
	if !IsTrackingParam("UTM_Campaign") {
		t.Error("prefix entry utm_* should match case-insensitively")
	}
}

func TestCleanURL(t *testing.T) {
	cases := map[string]string{
		"https://ex.com/a":                                    "https://ex.com/a",
		"https://ex.com/a?gclid=1":                            "https://ex.com/a",
		"https://ex.com/a?x=1&gclid=2&y=3":                    "https://ex.com/a?x=1&y=3",
		"https://ex.com/a?utm%5Fsource=1":                     "https://ex.com/a",
		"https://ex.com/a?x=1&_ga=2#frag":                     "https://ex.com/a?x=1#frag",
		"https://ex.com/a?x=0123456789abcdef0123456789abcdef": "https://ex.com/a",
	}
	for in, want := range cases {
		if got := CleanURL(in); got != want {
			t.Errorf("CleanURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStatedDates(t *testing.T) {
	md := "# Privacy\n\nEffective: **29 October 2025**\n\nLast updated: July 2025\n\nThis policy is effective immediately."
	got := StatedDates(md)
	if len(got) != 2 {
		t.Fatalf("StatedDates = %+v, want 2 dates", got)
	}
	if got[0].Kind != Effective || !got[0].Date.Equal(time.Date(2025, 10, 29, 0, 0, 0, 0, time.UTC)) || got[0].MonthOnly {
		t.Errorf("first = %+v", got[0])
	}
	if got[1].Kind != Updated || !got[1].Date.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) || !got[1].MonthOnly {
		t.Errorf("second = %+v", got[1])
	}
}

func TestEffectiveDate(t *testing.T) {
	cases := []struct {
		md   string
		want string
	}{
		{"Last updated: March 5, 2025\n\nEffective April 1, 2025", "2025-04-01"},
		{"Last Revised August 12, 2024", "2024-08-12"},
		{"Effective January 12, 2026[Previous Version](https://x.example/a)", "2026-01-12"},
		{"Date effective : 5 décembre 2025", "2025-12-05"},
		{"We may update this policy.", ""},
		{"Last updated: February 30, 2025", ""},
	}
	for _, c := range cases {
		d, ok := EffectiveDate(c.md)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("EffectiveDate(%q) = %q, want %q", c.md, got, c.want)
		}
	}
}

func TestCanonicalDatesRejectsImpossible(t *testing.T) {
	for _, s := range []string{"2026-13-45", "February 30, 2025", "version 1234"} {
		if got := CanonicalDates(s); got != s {
			t.Errorf("CanonicalDates(%q) = %q, want unchanged", s, got)
		}
	}
}

// sharedDir finds ../shared next to the module root, or FINEPRINT_SHARED.
func sharedDir(t testing.TB) string {
	return shared.Dir(t)
}

type indexRow struct {
	service, typ, date, path, kind, sameAs string
}

func readIndex(t testing.TB) (string, []indexRow) {
	t.Helper()
	root := filepath.Join(sharedDir(t), "corpus", "versions")
	data, err := os.ReadFile(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Skipf("corpus not available (%v); set FINEPRINT_SHARED to the shared data directory", err)
	}
	var rows []indexRow
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 10 {
			continue
		}
		rows = append(rows, indexRow{service: f[0], typ: f[1], date: f[2], path: f[4], kind: f[7], sameAs: f[9]})
	}
	return root, rows
}

// TestCorpusHashes checks flip-flops against their earlier twin and counts
// consecutive recorded changes that the canonical form considers noise.
func TestCorpusHashes(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus check skipped in -short mode")
	}
	root, rows := readIndex(t)
	byDoc := map[string]map[string]string{} // doc -> date -> hash
	prev := map[string]string{}             // doc -> previous text
	var changes, noise, flipChecked int
	for _, r := range rows {
		doc := r.service + "/" + r.typ
		raw, err := os.ReadFile(filepath.Join(root, r.path))
		if err != nil {
			t.Fatalf("read %s: %v", r.path, err)
		}
		md := string(raw)
		h := Hash(md)
		if byDoc[doc] == nil {
			byDoc[doc] = map[string]string{}
		}
		byDoc[doc][r.date] = h
		if r.sameAs != "" {
			if earlier, ok := byDoc[doc][r.sameAs]; ok {
				flipChecked++
				if earlier != h {
					t.Errorf("%s %s: same content as %s but hashes differ", doc, r.date, r.sameAs)
				}
			}
		}
		if p, ok := prev[doc]; ok && r.kind == "change" {
			changes++
			if Hash(p) == h {
				noise++
				if r.sameAs == "" {
					t.Logf("noise-only change: %s %s", doc, r.date)
				}
			}
		}
		prev[doc] = md
	}
	t.Logf("flip-flops checked against their earlier twin: %d", flipChecked)
	t.Logf("kind=change steps: %d, of which hash-equal to the previous version after normalisation: %d", changes, noise)
}

func BenchmarkText(b *testing.B) {
	root, rows := readIndex(b)
	var largest indexRow
	var size int64
	for _, r := range rows {
		if fi, err := os.Stat(filepath.Join(root, r.path)); err == nil && fi.Size() > size {
			largest, size = r, fi.Size()
		}
	}
	raw, err := os.ReadFile(filepath.Join(root, largest.path))
	if err != nil {
		b.Skip(err)
	}
	md := string(raw)
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		Text(md)
	}
}
