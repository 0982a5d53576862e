package app

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"fineprint/backend/store"
)

func TestExportImportArchive(t *testing.T) {
	a, _ := newApp(t)
	if _, err := a.WatchPlatform("claude"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "sub", "copy.sqlite")
	got, err := a.ExportArchive(out)
	if err != nil || got != out {
		t.Fatalf("export: %q %v", got, err)
	}
	if !store.IsArchive(out) {
		t.Fatal("the export is not an archive")
	}
	if _, err := a.ExportArchive(out); !errors.Is(err, store.ErrExists) {
		t.Fatalf("second export over the same file: %v", err)
	}

	b, rec := newApp(t)
	st, err := b.ImportArchive(out)
	if err != nil || st.Platforms != 1 {
		t.Fatalf("import: %+v %v", st, err)
	}
	if len(rec.events) == 0 || rec.events[len(rec.events)-1] != EventWatchlistChanged {
		t.Fatalf("import did not tell the window: %v", rec.events)
	}
	list, _ := b.Watchlist()
	if len(list) != 1 || list[0].ID != "claude" {
		t.Fatalf("after import: %+v", list)
	}
	st, err = b.ImportArchive(out)
	if err != nil || st.Platforms != 0 || st.Versions != 0 {
		t.Fatalf("importing twice adds: %+v %v", st, err)
	}
}

func TestArchivePathsMustBeAbsolute(t *testing.T) {
	a, _ := newApp(t)
	for _, p := range []string{"", "copy.sqlite", "./x", "../y"} {
		if _, err := a.ExportArchive(p); !errors.Is(err, ErrNotAbsolute) {
			t.Errorf("export %q: %v", p, err)
		}
		if _, err := a.ImportArchive(p); !errors.Is(err, ErrNotAbsolute) {
			t.Errorf("import %q: %v", p, err)
		}
	}
	if _, err := a.ImportArchive(filepath.Join(t.TempDir(), "missing.sqlite")); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("import of a missing file: %v", err)
	}
	if p := a.SuggestExportPath(); !filepath.IsAbs(p) || !strings.HasSuffix(p, ".sqlite") {
		t.Errorf("suggested path %q", p)
	}
	if p, err := userPath("~/a/b.sqlite"); err != nil || !filepath.IsAbs(p) {
		t.Errorf("~ path: %q %v", p, err)
	}
}

func TestStartRoute(t *testing.T) {
	a, _ := newApp(t)
	for in, want := range map[string]string{
		"":                    "",
		"#/history/claude/2":  "#/history/claude/2",
		" #/search/x ":        "#/search/x",
		"javascript:alert(1)": "",
		"#/a\"><script>":      "",
		"https://example.com": "",
	} {
		t.Setenv("FINEPRINT_START_ROUTE", in)
		if got := a.StartRoute(); got != want {
			t.Errorf("StartRoute with %q = %q, want %q", in, got, want)
		}
	}
}

func TestFindingsGroupByKind(t *testing.T) {
	a, rec := newApp(t)
	page := "<html><body><main><h1>Terms</h1><h2>Your content</h2>" +
		strings.Repeat("<p>You keep ownership of what you write, and you can delete it whenever you like from your account.</p>", 6) +
		"<p>We may use the content you submit to train our artificial intelligence models.</p>" +
		"<p>You grant us a worldwide, royalty-free licence to use, copy and modify your content.</p>" +
		"<h2>Disputes</h2><p>Any dispute will be resolved by binding arbitration, and you waive any right to a class action.</p>" +
		"</main></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	p, err := a.WatchURL(AddURLRequest{Name: "Findings Co", Type: "Terms of Service", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Findings(p.ID); err != nil {
		t.Fatalf("findings before any version: %v", err)
	}
	done := make(chan bool, 1)
	rec.onEvent = func(event string, _ []any) {
		if event == EventCheckDone {
			done <- true
		}
	}
	if err := a.CheckNow([]string{p.ID}); err != nil {
		t.Fatal(err)
	}
	<-done
	groups, err := a.Findings(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) == 0 {
		t.Fatal("no findings in terms about training, licences and arbitration")
	}
	kinds := map[string]bool{}
	for i, g := range groups {
		kinds[g.Kind] = true
		if g.Label == "" || len(g.Findings) == 0 {
			t.Errorf("group %+v", g)
		}
		if i > 0 && severityRank[g.Severity] > severityRank[groups[i-1].Severity] {
			t.Errorf("%s (%s) after %s (%s): serious kinds come first", g.Kind, g.Severity, groups[i-1].Kind, groups[i-1].Severity)
		}
		for _, f := range g.Findings {
			if f.Quote == "" || f.VersionID == 0 || f.Document != "Terms of Service" {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if !kinds["arbitration"] && !kinds["ai-training"] {
		t.Errorf("expected arbitration or ai-training among %v", kinds)
	}
	if _, err := a.Findings("nobody"); err == nil {
		t.Error("findings of an unknown platform")
	}
}
