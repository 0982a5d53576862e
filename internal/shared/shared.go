// Package shared finds the project's shared data (the real corpus and the
// labelled clauses) that tests and measuring tools read but the repository
// does not hold: $FINEPRINT_SHARED, else ../shared beside the repository.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Find returns the shared data folder, or "" when there is none.
func Find() string {
	if d := os.Getenv("FINEPRINT_SHARED"); d != "" {
		if _, err := os.Stat(d); err == nil {
			return d
		}
		return ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(d); err == nil {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Dir returns the shared data folder, or skips the test with a message
// saying where it was looked for.
func Dir(t testing.TB) string {
	t.Helper()
	d := Find()
	if d == "" {
		t.Skip("shared data not found: set FINEPRINT_SHARED or put it at ../shared beside the repository")
	}
	return d
}

// Path returns a path inside the shared data, or skips the test when that
// part is absent.
func Path(t testing.TB, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Dir(t)}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s is absent", filepath.Join(rel...))
	}
	return p
}
