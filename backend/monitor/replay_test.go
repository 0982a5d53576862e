package monitor

import (
	"bytes"
	"encoding/csv"
	"fineprint/internal/shared"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/normalize"
	"fineprint/backend/store"
)

// sharedDir finds ../shared beside the repository, or FINEPRINT_SHARED.
func sharedDir(t testing.TB) string {
	return shared.Dir(t)
}

type corpusVersion struct {
	service, typ, date, path string
}

func corpusHistories(t *testing.T) map[string][]corpusVersion {
	root := filepath.Join(sharedDir(t), "corpus", "versions")
	f, err := os.Open(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Skipf("no corpus index: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]corpusVersion{}
	for _, row := range rows[1:] {
		v := corpusVersion{row[0], row[1], row[2], filepath.Join(root, row[4])}
		if _, err := os.Stat(v.path); err != nil {
			continue // held back
		}
		out[v.service+"/"+v.typ] = append(out[v.service+"/"+v.typ], v)
	}
	for k := range out {
		sort.Slice(out[k], func(i, j int) bool { return out[k][i].date < out[k][j].date })
	}
	return out
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// TestReplayCorpusHistories serves the real version histories one after the
// other from a loopback site whose boilerplate changes on every request, and
// checks every step: a real change is a new version, an error page a failed
// check, a return to an earlier text a revert, and a second fetch of the
// same text (new tokens, promos, tracking parameters) is unchanged.
func TestReplayCorpusHistories(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test: skipped with -short (make test runs it without the race detector)")
	}
	histories := corpusHistories(t)
	keys := make([]string, 0, len(histories))
	for k := range histories {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var steps, changes, reverts, failures, missed, falseAlarms, storedErrors, shrinks int
	for _, key := range keys {
		s, err := store.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		st := &site{}
		srv := httptest.NewServer(st)
		p := catalog.Platform{ID: "p", Name: key, Documents: []catalog.Document{{Type: "Terms", Sources: []catalog.Source{{URL: srv.URL, Rules: extract.Rules{Select: extract.CSS("main")}}}}}}
		s.AddPlatform(ctx, p, store.SourceCatalog)
		d, _ := s.DocumentByType(ctx, "p", "Terms")
		c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, MaxRetries: -1}), Now: nil}
		seen := map[string]bool{}
		current := ""
		for i, v := range histories[key] {
			b, err := os.ReadFile(v.path)
			if err != nil {
				t.Fatal(err)
			}
			var html bytes.Buffer
			if err := markdown.Convert(b, &html); err != nil {
				t.Fatal(err)
			}
			st.set(html.String())
			orig := normalize.Hash(string(b))
			negative := extract.Check(string(b)) != nil
			r := check(t, c, s, d)
			steps++
			switch {
			case negative:
				if r.Outcome != store.OutcomeFailed {
					storedErrors++
					t.Errorf("%s %s: an error page was archived (%s)", key, v.date, r.Outcome)
				}
				failures++
			case r.Outcome == store.OutcomeFailed && r.Error.Kind == KindSuspiciousShrink:
				// A much shorter text waits for a second check to confirm it.
				shrinks++
				changes++
				t.Logf("%s %s: held back as a suspicious shrink: %s", key, v.date, r.Error.Message)
				if r = check(t, c, s, d); r.Outcome != store.OutcomeChanged && r.Outcome != store.OutcomeRevert {
					missed++
					t.Errorf("%s %s: a confirmed shrink gave %s", key, v.date, r.Outcome)
				}
			case orig == current:
				if r.Outcome != store.OutcomeUnchanged {
					falseAlarms++
					t.Errorf("%s %s: same text, outcome %s", key, v.date, r.Outcome)
				}
			case seen[orig]:
				reverts++
				if r.Outcome != store.OutcomeRevert {
					t.Errorf("%s %s: a return to an earlier text gave %s", key, v.date, r.Outcome)
				}
			default:
				changes++
				want := store.OutcomeChanged
				if current == "" {
					want = store.OutcomeNew
				}
				if r.Outcome != want {
					missed++
					t.Errorf("%s %s (step %d): a real change gave %s (%+v)", key, v.date, i, r.Outcome, r.Error)
				}
			}
			if !negative && r.Outcome != store.OutcomeFailed {
				seen[orig], current = true, orig
				// The same text again, with fresh boilerplate: no change.
				if again := check(t, c, s, d); again.Outcome != store.OutcomeUnchanged {
					falseAlarms++
					t.Errorf("%s %s: boilerplate alone gave %s %s", key, v.date, again.Outcome, again.Summary)
				}
			}
		}
		srv.Close()
		s.Close()
	}
	t.Logf("%d documents, %d versions: %d changes (%d missed), %d reverts, %d error pages (%d archived), %d false alarms, %d shrinks confirmed on a second check",
		len(keys), steps, changes, missed, reverts, failures, storedErrors, falseAlarms, shrinks)
}

// TestImportCorpusHistory backfills a real history with `import DIR`.
func TestImportCorpusHistory(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "corpus", "versions", "Claude.ai")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no Claude.ai history in the corpus")
	}
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true})}
	sums, err := c.ImportHistory(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) < 3 {
		t.Fatalf("imported %d documents, want ToS, PP and AUP", len(sums))
	}
	for _, sum := range sums {
		if sum.Platform != "claude" || sum.Outcomes[store.OutcomeNew] != 1 {
			t.Errorf("%+v", sum)
		}
	}
	d, err := s.DocumentByType(ctx, "claude", "Terms of Service")
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := s.Versions(ctx, d.ID)
	if len(vs) == 0 || vs[0].Origin != "import" {
		t.Fatalf("versions: %+v", vs)
	}
	// Importing again adds nothing.
	again, err := c.ImportHistory(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range again {
		if sum.Files != 0 {
			t.Errorf("second import re-read %d files of %s", sum.Files, sum.Type)
		}
	}
	at, _ := s.VersionAt(ctx, d.ID, time.Now())
	if at == nil || at.ID != vs[len(vs)-1].ID && len(vs) > 0 {
		t.Logf("version in force now: %+v", at)
	}
	_ = io.EOF
	_ = strings.TrimSpace
}
