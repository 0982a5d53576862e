package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir finds the project's shared data: $FINEPRINT_SHARED, else
// ../shared next to the repository root. Tests that need it skip without it.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("FINEPRINT_SHARED"); d != "" {
		if _, err := os.Stat(d); err == nil {
			return d
		}
		t.Skipf("FINEPRINT_SHARED=%s does not exist", d)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Skip("no working directory")
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(filepath.Join(d, "corpus")); err == nil {
				return d
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("shared corpus not found: set FINEPRINT_SHARED or put it at ../shared from the repository root")
	return ""
}
