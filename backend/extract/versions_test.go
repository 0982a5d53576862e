package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// knownNegativeVersion says whether a recorded version is one of the error
// pages OTA stored as terms. The corpus README lists Microsoft's privacy
// statement from 2024-09-19 on, Le Chat's redirect notice and Copilot's
// first three records; the Amazon "We're Sorry" pages (page not found) and
// Instagram's cookie dialog of 2026-05-02 are the same kind of record and
// are refused too.
func knownNegativeVersion(service, typ, date string) bool {
	switch service + "/" + typ {
	case "Microsoft/Privacy Policy":
		return date >= "2024-09-19"
	case "Le Chat/Privacy Policy":
		return date == "2025-12-15T11-34-51Z"
	case "Microsoft Copilot/Privacy Policy":
		return date <= "2025-12-08T23-36-08Z"
	case "Amazon.com/Privacy Policy":
		return date == "2022-05-16T18-31-34Z" || date == "2022-06-20T00-31-25Z"
	case "Amazon.com/Terms of Service":
		return date == "2026-02-06T00-33-13Z" || date == "2026-02-26T12-34-11Z" || date == "2026-07-09T00-33-23Z"
	case "Instagram/Privacy Policy":
		return date == "2026-05-02T00-41-26Z"
	case "Llama API/Acceptable Use Policy":
		return date == "2025-11-11T15-33-22Z"
	}
	return false
}

// TestCheckCorpusVersions runs Check over every recorded version: real terms
// must pass and the recorded error pages must be refused.
func TestCheckCorpusVersions(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test: skipped with -short (make test runs it without the race detector)")
	}
	dir := filepath.Join(sharedDir(t), "corpus", "versions")
	rows := readTSV(t, filepath.Join(dir, "INDEX.tsv"))
	var accepted, rejected int
	for _, row := range rows {
		b, err := os.ReadFile(filepath.Join(dir, row["path"]))
		if err != nil {
			t.Fatal(err)
		}
		err = Check(string(b))
		neg := knownNegativeVersion(row["service"], row["type"], row["date"])
		id := strings.Join([]string{row["service"], row["type"], row["date"]}, "/")
		switch {
		case neg && err == nil:
			t.Errorf("%s: error page accepted as terms", id)
		case neg:
			rejected++
			t.Logf("refused %s: %v", id, err)
		case err != nil:
			t.Errorf("%s: real terms refused: %v", id, err)
		default:
			accepted++
		}
	}
	t.Logf("%d versions accepted, %d refused", accepted, rejected)
}
