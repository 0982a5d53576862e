package explain_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fineprint/backend/explain"
	"fineprint/backend/watchlist"
)

// The Claude.ai case end to end: import its real history, then explain
// rating an answer. Four facts, each resting on a verbatim quote.
func TestClaudeRatingFourFacts(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "corpus", "versions", "Claude.ai")
	s := open(t)
	if _, err := importHistory(s, dir); err != nil {
		t.Fatal(err)
	}
	id, err := watchlist.Watchlist{Store: s}.Resolve(ctx, "Claude.ai")
	if err != nil {
		t.Fatal(err)
	}
	e, err := explain.Explain(ctx, s, id, "rate-ai-response", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	checkVerbatim(t, s, e)
	t.Logf("headline: %s", e.Headline)
	facts := []struct {
		name     string
		sentence *regexp.Regexp // in the headline
		quotes   []*regexp.Regexp
	}{
		{"rating stores the whole conversation as feedback",
			regexp.MustCompile(`keeps the whole chat as feedback`),
			[]*regexp.Regexp{regexp.MustCompile(`(?i)rate an Output.*store the related conversation as part of your Feedback`)}},
		{"Anthropic may use it however it chooses, including for training",
			regexp.MustCompile(`use it for anything, even to train`),
			[]*regexp.Regexp{regexp.MustCompile(`may use the Feedback however we choose`), regexp.MustCompile(`(?i)Feedback.*training|training.*Feedback`)}},
		{"even if you opted out of training",
			regexp.MustCompile(`even if you opted out`),
			[]*regexp.Regexp{regexp.MustCompile(`(?i)even if you opt.?out.*feedback`)}},
		{"you get nothing for it",
			regexp.MustCompile(`You get nothing for it`),
			[]*regexp.Regexp{regexp.MustCompile(`without any obligation or other payment to you`)}},
	}
	for _, want := range facts {
		var fact *explain.Fact
		for i := range e.Facts {
			if e.Facts[i].InHeadline && want.sentence.MatchString(e.Facts[i].Text) {
				fact = &e.Facts[i]
			}
		}
		if fact == nil || !strings.Contains(e.Headline, fact.Text) {
			t.Errorf("%s: not in the headline %q", want.name, e.Headline)
			continue
		}
		for _, q := range want.quotes {
			ok := false
			for _, i := range fact.Evidence {
				ev := e.Evidence[i]
				if q.MatchString(ev.Quote) && ev.VersionID != 0 && ev.Document != "" && !ev.VersionDate.IsZero() {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: no quote matching %s among %v", want.name, q, quotes(e, fact.Evidence))
			}
		}
	}
	if g := explain.Grade(e.Headline); g > 8 {
		t.Errorf("headline grade %.1f", g)
	}
}

func quotes(e explain.Explanation, idx []int) []string {
	var out []string
	for _, i := range idx {
		out = append(out, e.Evidence[i].Quote)
	}
	return out
}

// Every action for every corpus platform: plain words, verbatim quotes,
// and silence said only where nothing was found.
func TestEveryActionOnEveryCorpusPlatform(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole corpus (about 30 s); skipped with -short")
	}
	s := corpusStore(t)
	ps, err := s.Platforms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) < 10 {
		t.Fatalf("only %d platforms imported", len(ps))
	}
	worst, worstText := 0.0, ""
	for _, p := range ps {
		for _, a := range explain.Actions() {
			e, err := explain.Explain(ctx, s, p.ID, a.ID, time.Time{})
			if err != nil {
				t.Errorf("%s %s: %v", p.ID, a.ID, err)
				continue
			}
			checkVerbatim(t, s, e)
			if g := explain.Grade(e.Headline); g > 8 {
				t.Errorf("%s %s: headline grade %.1f: %q", p.ID, a.ID, g, e.Headline)
			} else if g > worst {
				worst, worstText = g, e.Headline
			}
			for _, pt := range e.Points {
				if g := explain.Grade(pt); g > 8 {
					t.Errorf("%s %s: point grade %.1f: %q", p.ID, a.ID, g, pt)
				}
			}
			found := map[string]bool{}
			for _, ev := range e.Evidence {
				for _, k := range ev.Kinds {
					found[string(k)] = true
				}
			}
			for _, k := range e.SaysNothing {
				if found[string(k)] {
					t.Errorf("%s %s: says nothing about %s, yet quotes it", p.ID, a.ID, k)
				}
			}
			if len(e.Others) != len(ps)-1 {
				t.Errorf("%s %s: %d others, want %d", p.ID, a.ID, len(e.Others), len(ps)-1)
			}
		}
	}
	t.Logf("hardest headline: grade %.1f: %s", worst, worstText)
}

func BenchmarkExplainCorpus(b *testing.B) {
	s := corpusStoreB(b)
	for b.Loop() {
		if _, err := explain.Explain(ctx, s, "claude", "rate-ai-response", time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
