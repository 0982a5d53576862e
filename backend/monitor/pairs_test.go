package monitor

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/store"
)

// TestCorpusPairsOverLoopback serves the real raw pages of corpus/pairs
// from a loopback server and checks them through the whole pipeline (fetch,
// charset decoding, extraction with the rules OTA used, archiving): the
// archived Markdown must match OTA's with a mean word-level F1 of at least
// 0.95, and error pages must be refused. (Relative links resolve against
// the loopback address rather than the real site, which costs a little F1.)
func TestCorpusPairsOverLoopback(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test: skipped with -short")
	}
	root := filepath.Join(sharedDir(t), "corpus", "pairs")
	f, err := os.Open(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Skipf("no pairs index: %v", err)
	}
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	rows, err := r.ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	files := map[string]string{} // URL path -> file
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		http.ServeFile(w, r, p)
	}))
	defer srv.Close()
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, Parallelism: 2})}

	var sum float64
	var n, refused int
	for i, row := range rows[1:] {
		id := row[col["service"]] + "/" + row[col["type"]] + "/" + row[col["date"]]
		htmls := strings.Split(row[col["html_paths"]], " | ")
		var rules []extract.Rules
		if err := json.Unmarshal([]byte(row[col["declaration_sources_json"]]), &rules); err != nil || len(rules) != len(htmls) {
			t.Logf("%s: unreadable rules, skipped", id)
			continue
		}
		var sources []catalog.Source
		for j, h := range htmls {
			// The saved pages are the DOM after scripts ran: plain HTTP
			// serves them as a browser would have seen them.
			rules[j].ExecuteClientScripts = nil
			path := fmt.Sprintf("/%d/%d", i, j)
			files[path] = filepath.Join(root, h)
			sources = append(sources, catalog.Source{URL: srv.URL + path, Rules: rules[j]})
		}
		pid := fmt.Sprint("p", i)
		s.AddPlatform(ctx, catalog.Platform{ID: pid, Name: id, Documents: []catalog.Document{{Type: "Terms", Sources: sources}}}, store.SourceCustom)
		d, _ := s.DocumentByType(ctx, pid, "Terms")
		res := c.CheckDocument(ctx, d)
		want, _ := os.ReadFile(filepath.Join(root, row[col["md_path"]]))
		switch {
		case extract.Check(string(want)) != nil:
			// OTA archived an error page here; we must not.
			if res.Outcome != store.OutcomeFailed {
				t.Errorf("%s: an error page was archived", id)
			}
			refused++
		case res.Outcome == store.OutcomeFailed:
			// A select that matches nothing: OTA applied a later declaration.
			t.Logf("%s: failed (%s): %s", id, res.Error.Kind, res.Error.Message)
		default:
			v, _ := s.CurrentVersion(ctx, d.ID)
			f1 := extract.WordF1(v.Text, string(want))
			sum += f1
			n++
			if f1 < 0.9 {
				t.Logf("%s: F1 %.3f", id, f1)
			}
		}
	}
	if n == 0 {
		t.Fatal("no pair was archived")
	}
	mean := sum / float64(n)
	t.Logf("%d pairs archived over loopback, mean word F1 %.4f against OTA; %d error pages refused", n, mean, refused)
	if mean < 0.95 {
		t.Fatalf("mean word F1 %.4f is below 0.95", mean)
	}
}
