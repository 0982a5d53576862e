package explain_test

import (
	"context"
	"fineprint/internal/shared"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/store"
)

var ctx = context.Background()

// sharedDir finds ../shared: FINEPRINT_SHARED, else beside the repository
// root (the directory holding go.mod).
func sharedDir(t testing.TB) string {
	return shared.Dir(t)
}

// corpus is one archive of every corpus service, imported once per test
// binary: importing takes most of a minute.
var corpus struct {
	once sync.Once
	dir  string
	s    *store.Store
	err  error
}

func corpusStore(t *testing.T) *store.Store { return corpusStoreB(t) }

func corpusStoreB(t testing.TB) *store.Store {
	t.Helper()
	versions := filepath.Join(sharedDir(t), "corpus", "versions")
	corpus.once.Do(func() {
		corpus.dir, corpus.err = os.MkdirTemp("", "explain-corpus-")
		if corpus.err != nil {
			return
		}
		if corpus.s, corpus.err = store.Open(corpus.dir); corpus.err != nil {
			return
		}
		_, corpus.err = importHistory(corpus.s, versions)
	})
	if corpus.err != nil {
		t.Fatalf("importing the corpus: %v", corpus.err)
	}
	return corpus.s
}

func importHistory(s *store.Store, dir string) ([]monitor.ImportSummary, error) {
	c := monitor.Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true})}
	return c.ImportHistory(ctx, dir)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpus.s != nil {
		corpus.s.Close()
	}
	if corpus.dir != "" {
		os.RemoveAll(corpus.dir)
	}
	os.Exit(code)
}
