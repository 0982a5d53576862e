package extract

import (
	"fineprint/internal/shared"
	"testing"
)

// sharedDir finds the project's shared data: $FINEPRINT_SHARED, else
// ../shared next to the repository root. Tests that need it skip without it.
func sharedDir(t testing.TB) string {
	return shared.Dir(t)
}
