package extract

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

type pair struct {
	service, typ, date string
	md                 string
	html               []string
	urls               []string
	sources            []Rules
}

func (p pair) id() string { return p.service + "/" + p.typ + "/" + p.date }

// Pairs where OTA recorded an error page or a bare heading: the extractor
// must refuse them.
var negativePairs = map[string]string{
	"Llama API/Acceptable Use Policy/2025-11-11T15-33-22Z":  "This page isn't available",
	"Microsoft Copilot/Privacy Policy/2025-11-11T15-34-47Z": "bare heading",
}

// Pairs whose recorded select matches nothing in the snapshot: OTA must
// have applied a later declaration.
var staleSelectPairs = map[string]bool{
	"Claude.ai/Acceptable Use Policy/2026-08-14T10-32-00Z":      true,
	"Claude.ai/Developer Terms/2026-08-14T10-32-15Z":            true,
	"Claude.ai/Law Enforcement Guidelines/2026-08-14T10-31-45Z": true,
	"Microsoft Copilot/Terms of Service/2025-11-24T15-44-06Z":   true,
}

func readTSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		rows = append(rows, m)
	}
	return rows
}

func loadPairs(t testing.TB) (string, []pair) {
	dir := filepath.Join(sharedDir(t), "corpus", "pairs")
	var out []pair
	for _, row := range readTSV(t, filepath.Join(dir, "INDEX.tsv")) {
		p := pair{service: row["service"], typ: row["type"], date: row["date"], md: row["md_path"]}
		p.html = strings.Split(row["html_paths"], " | ")
		p.urls = strings.Split(row["source_urls"], " | ")
		if err := json.Unmarshal([]byte(row["declaration_sources_json"]), &p.sources); err != nil {
			t.Fatalf("%s: declaration: %v", p.id(), err)
		}
		if len(p.sources) != len(p.html) || len(p.urls) != len(p.html) {
			t.Fatalf("%s: %d pages, %d sources, %d urls", p.id(), len(p.html), len(p.sources), len(p.urls))
		}
		out = append(out, p)
	}
	return dir, out
}

func (p pair) pages(t testing.TB, dir string) []Page {
	pages := make([]Page, len(p.html))
	for i, h := range p.html {
		b, err := os.ReadFile(filepath.Join(dir, h))
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = Page{HTML: b, URL: p.urls[i], Rules: p.sources[i]}
	}
	return pages
}

// TestCorpusPairs extracts every real snapshot with the rules OTA used and
// compares the result with OTA's Markdown by word-level F1.
func TestCorpusPairs(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test: skipped with -short (make test runs it without the race detector)")
	}
	dir, pairs := loadPairs(t)
	var sum float64
	var n, exact int
	type low struct {
		id string
		f1 float64
	}
	var lows []low
	for _, p := range pairs {
		wantBytes, err := os.ReadFile(filepath.Join(dir, p.md))
		if err != nil {
			t.Fatal(err)
		}
		want := string(wantBytes)
		pages := p.pages(t, dir)
		parts := make([]string, len(pages))
		var convErr error
		for i, pg := range pages {
			parts[i], convErr = Convert(pg.HTML, pg.URL, pg.Rules)
			if convErr != nil {
				break
			}
		}
		got := strings.Join(parts, PartSeparator)
		_, extractErr := ExtractPages(pages)

		if why, ok := negativePairs[p.id()]; ok {
			var e *Error
			if !errors.As(extractErr, &e) {
				t.Errorf("%s (%s): accepted, want rejected", p.id(), why)
			} else {
				t.Logf("negative %s: rejected as %v", p.id(), e)
			}
			continue
		}
		if staleSelectPairs[p.id()] {
			t.Logf("stale select %s: %v (F1 %.3f)", p.id(), convErr, WordF1(want, got))
			if KindOf(convErr) != KindNoMatch {
				t.Errorf("%s: want a no-match error, got %v", p.id(), convErr)
			}
			continue
		}
		if convErr != nil {
			t.Errorf("%s: %v", p.id(), convErr)
			continue
		}
		if extractErr != nil {
			t.Errorf("%s: real terms rejected: %v", p.id(), extractErr)
		}
		f1 := WordF1(want, got)
		if got == want {
			exact++
		}
		t.Logf("pair %-70s F1 %.4f %s", p.id(), f1, map[bool]string{true: "(identical)"}[got == want])
		if f1 < 0.99 {
			lows = append(lows, low{p.id(), f1})
		}
		sum += f1
		n++
	}
	if n == 0 {
		t.Skip("no pairs")
	}
	mean := sum / float64(n)
	sort.Slice(lows, func(i, j int) bool { return lows[i].f1 < lows[j].f1 })
	for _, l := range lows {
		t.Logf("below 0.99: %s %.4f", l.id, l.f1)
	}
	t.Logf("mean word F1 over %d pairs: %.4f; byte-identical: %d", n, mean, exact)
	if mean < 0.95 {
		t.Errorf("mean word F1 %.4f < 0.95", mean)
	}
}
