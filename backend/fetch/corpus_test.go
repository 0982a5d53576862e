package fetch

import (
	"context"
	"fineprint/internal/shared"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sharedDir finds the shared data directory: $FINEPRINT_SHARED, else
// ../shared next to the module root.
func sharedDir(t *testing.T) string {
	return shared.Dir(t)
}

// TestCorpusSnapshots serves every real HTML snapshot of the corpus over
// loopback as its site did (text/html, no charset in the header) and checks
// that none is mistaken for a bot wall and that all decode cleanly.
func TestCorpusSnapshots(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test: skipped with -short (make test runs it without the race detector)")
	}
	root := filepath.Join(sharedDir(t), "corpus", "pairs")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared corpus not found at %s (set FINEPRINT_SHARED): %v", root, err)
	}
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no HTML snapshots in the corpus")
	}
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		http.ServeFile(w, r, filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
	})
	f := newFetcher(Options{})
	for _, p := range files {
		rel, _ := filepath.Rel(root, p)
		u := s.URL + "/" + strings.ReplaceAll(filepath.ToSlash(rel), " ", "%20")
		res, err := f.Fetch(context.Background(), Request{URL: u})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if !utf8.ValidString(res.Text) {
			t.Errorf("%s: text is not valid UTF-8", rel)
		}
		if n := strings.Count(res.Text, "\uFFFD"); n > 0 {
			t.Errorf("%s: %d replacement characters after decoding as %s", rel, n, res.Charset)
		}
	}
	t.Logf("%d snapshots fetched", len(files))
}
