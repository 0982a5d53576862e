package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claudeHistory finds the Claude.ai version history of the shared corpus:
// FINEPRINT_SHARED, else ../shared beside the repository root.
func claudeHistory(t *testing.T) string {
	t.Helper()
	shared := os.Getenv("FINEPRINT_SHARED")
	if shared == "" {
		dir, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			if filepath.Dir(dir) == dir {
				t.Skip("no go.mod above the test, so no ../shared corpus")
			}
			dir = filepath.Dir(dir)
		}
		shared = filepath.Join(filepath.Dir(dir), "shared")
	}
	d := filepath.Join(shared, "corpus", "versions", "Claude.ai")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("the Claude.ai history of the shared corpus is not at %s (set FINEPRINT_SHARED)", d)
	}
	return d
}

func TestExplainClaudeRatingEndToEnd(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := fp(t, dir, "import", claudeHistory(t)); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	code, out, errs := fp(t, dir, "explain", "Claude.ai", "--action", "rate-ai-response", "--json")
	if code != 0 {
		t.Fatalf("explain: %d %s", code, errs)
	}
	var e struct {
		Platform, Action, At, Headline string
		Points                         []string
		Evidence                       []struct {
			Document    string `json:"document"`
			VersionDate string `json:"version_date"`
			VersionID   int64  `json:"version_id"`
			Quote       string `json:"quote"`
		}
		YouCan      []json.RawMessage `json:"you_can"`
		Legal       []struct{ Jurisdiction, Law, Note string }
		SaysNothing []string `json:"says_nothing"`
		Others      []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if e.Platform != "claude" || e.Action != "rate-ai-response" || e.At == "" || len(e.Points) == 0 || e.Legal == nil || e.SaysNothing == nil || e.Others == nil || e.YouCan == nil {
		t.Fatalf("fields: %s", out)
	}
	for _, want := range []string{"keeps the whole chat", "for anything, even to train", "even if you opted out", "You get nothing for it"} {
		if !strings.Contains(e.Headline, want) {
			t.Errorf("headline %q lacks %q", e.Headline, want)
		}
	}
	quoted := map[string]bool{}
	for _, ev := range e.Evidence {
		if ev.Document == "" || ev.VersionDate == "" || ev.VersionID == 0 {
			t.Errorf("evidence without its source: %+v", ev)
		}
		for _, q := range []string{"store the related conversation", "however we choose", "Even if you opt out", "other payment to you"} {
			if strings.Contains(ev.Quote, q) {
				quoted[q] = true
			}
		}
	}
	if len(quoted) != 4 {
		t.Errorf("quotes found for %v of the four facts", quoted)
	}

	code, out, _ = fp(t, dir, "explain", "claude", "--action", "rate-ai-response", "--at", "2026-01-01")
	if code != 0 || !strings.Contains(out, "If you rate an answer") || !strings.Contains(out, "This is information, not legal advice.") {
		t.Errorf("text output: %d\n%s", code, out)
	}
	code, out, _ = fp(t, dir, "compare", "feedback-license", "--json")
	var c struct {
		Kind      string
		Platforms []struct {
			Platform string
			Found    bool
		}
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil || code != 0 || c.Kind != "feedback-license" || len(c.Platforms) != 1 || !c.Platforms[0].Found {
		t.Errorf("compare: %d %v %s", code, err, out)
	}
}

func TestExplainUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"explain", "claude"},
		{"explain", "claude", "--action", "juggle"},
		{"explain", "claude", "--action", "rate-ai-response", "--at", "last week"},
		{"compare"},
		{"compare", "gossip"},
	} {
		if code, _, errs := fp(t, dir, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errs)
		}
	}
	if code, _, errs := fp(t, dir, "explain", "nowhere", "--action", "rate-ai-response"); code != 1 || !strings.Contains(errs, "watchlist") {
		t.Errorf("unknown platform: %d %s", code, errs)
	}
}
